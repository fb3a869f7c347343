package dev.fairaudit.report.document;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.distributions.DistributionAudit;
import dev.fairaudit.metrics.distributions.DistributionCounts;
import dev.fairaudit.metrics.distributions.PeriodUnit;
import dev.fairaudit.metrics.document.ChangeRecord;
import dev.fairaudit.metrics.proxy.ProxyScreening;
import dev.fairaudit.metrics.proxy.ProxySettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The fixed dataset of the analysis sections: 2,984 decisions over six months with a postcode that stands in for
 * origin, a risk score, a numeric outcome (waiting days), a selection route, and a group of 8 people named
 * {@code <b>Tiny</b>} whose cells must be withheld. Selection depends on the postcode only, and more so each month
 * in postcode P3 (where most "non-European" people live): the origin disparity is mostly explained by the postcode
 * and grows over time. Seeded ({@link Random} is specified to give the same sequence on every JVM), so the golden
 * files are stable.
 */
final class AnalysesFixture {

    static final Instant DATE = Instant.parse("2026-01-15T12:00:00Z");

    private AnalysesFixture() {
    }

    static DecisionTable table() {
        TableSpec spec = TableSpec.builder().protectedAttributes("origin").decision("selected=yes").label("found=1")
                .score("score").route("route").timestamp("date").numericOutcome("waiting").features("postcode",
                        "education").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        Random rnd = new Random(20260115L);
        // origin, rows, share living in P1, P2, P3
        Object[][] groups = {{"Dutch", 1560, 0.6, 0.3, 0.1}, {"European", 660, 0.4, 0.4, 0.2},
            {"non-European", 756, 0.1, 0.2, 0.7}, {"<b>Tiny</b>", 8, 0.0, 0.5, 0.5}};
        int line = 2;
        for (Object[] g : groups) {
            for (int i = 0; i < (Integer) g[1]; i++) {
                double u = rnd.nextDouble();
                String postcode = u < (Double) g[2] ? "P1" : u < (Double) g[2] + (Double) g[3] ? "P2" : "P3";
                int month = 1 + rnd.nextInt(6);
                double p = switch (postcode) {
                    case "P1" -> 0.08;
                    case "P2" -> 0.12;
                    default -> 0.10 + 0.05 * month;
                };
                double score = Math.min(0.99, Math.max(0.01, p + 0.25 * rnd.nextGaussian() * 0.5 + 0.1));
                boolean selected = rnd.nextDouble() < p;
                boolean random = !selected && rnd.nextDouble() < 0.08;
                String found = selected || random ? (rnd.nextDouble() < score ? "1" : "0") : "";
                String education = rnd.nextDouble() < 0.5 ? "MBO" : "HBO";
                String waiting = rnd.nextInt(20) == 0 ? "" : Integer.toString(5 + rnd.nextInt(10)
                        + ("non-European".equals(g[0]) ? 3 : 0));
                b.addRow(new String[] {(String) g[0], selected ? "yes" : "no", found,
                    String.format(Locale.ROOT, "%.3f", score), selected ? "PROFILE" : random ? "RANDOM" : "NONE",
                    String.format(Locale.ROOT, "2025-%02d-%02d", month, 1 + rnd.nextInt(28)), postcode, education,
                    waiting}, line++);
            }
        }
        return b.build();
    }

    /** The group audit with proxy screening and scores/outcomes/trends, without document control. */
    static AuditResult result() {
        DecisionTable table = table();
        AuditSettings settings = AuditSettings.builder().favourable(Favourable.NOT_SELECTED).minGroupSize(30)
                .build();
        AuditResult r = new GroupAudit(settings).run(table);
        r = r.withProxyAnalysis(new ProxyScreening(ProxySettings.defaults().withMinRows(30)).run(table, Set.of(),
                Favourable.NOT_SELECTED, Map.of()));
        DistributionCounts counts = DistributionCounts.empty(r.groupings(), PeriodUnit.MONTH).add(table);
        return r.withScoresAndTrends(new DistributionAudit(settings).run(counts, r.references()));
    }

    /** A change record as a decision log would give it, with text that must stay text. */
    static List<ChangeRecord> changes() {
        Map<String, String> deployed = new LinkedHashMap<>();
        deployed.put("modelId", "risk-profile");
        deployed.put("modelVersion", "2.1");
        deployed.put("approver", "head of enforcement");
        Map<String, String> changed = new LinkedHashMap<>();
        changed.put("key", "threshold");
        changed.put("oldValue", "0.70");
        changed.put("newValue", "0.60");
        changed.put("reason", "more <i>capacity</i> | for home visits");
        changed.put("approver", "head of enforcement");
        Map<String, String> alert = new LinkedHashMap<>();
        alert.put("source", "monthly monitoring");
        alert.put("message", "selection-rate ratio for non-European below 0.8");
        return List.of(new ChangeRecord(3, Instant.parse("2025-01-01T08:00:00Z"), "MODEL_DEPLOYED", deployed),
                new ChangeRecord(412, Instant.parse("2025-03-01T08:00:00Z"), "CONFIGURATION_CHANGED", changed),
                new ChangeRecord(977, Instant.parse("2025-06-02T08:00:00Z"), "MONITORING_ALERT", alert));
    }

    /** With document control (threshold 10, fixed date) and the change record. */
    static AuditResult prepared() {
        return AuditDocuments.prepare(result(), new DocumentOptions(10, Map.of("system", "Huisbezoeken"), null, null,
                null, DATE).withChangeRecord(changes()));
    }
}
