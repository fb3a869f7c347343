package dev.fairaudit.report.document;

import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.aggregate.AreaComposition;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.report.document.AuditDocument.Bullets;
import dev.fairaudit.report.document.AuditDocument.Inline;
import dev.fairaudit.report.document.AuditDocument.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Limitations, generated from the run: small groups, withheld cells and tests, missing protected values, unknown
 * labels, labels known only for controlled cases (decision-log input), skipped rows, weights, the warnings of
 * the audit and of reading the input, and what a statistical audit cannot say.
 */
public final class LimitationsSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "limitations";

    @Override
    public Optional<Section> render(DocumentContext c) {
        Texts t = c.texts();
        List<String> items = new ArrayList<>();
        List<String> small = new ArrayList<>();
        for (GroupResult g : c.result().groups()) {
            if (!g.group().equals(GroupKey.OVERALL) && g.belowMinGroupSize()) {
                small.add(c.label(g.group()));
            }
        }
        if (!small.isEmpty()) {
            items.add(t.get("limitations.smallGroups", t.count(small.size()),
                    t.count(c.result().settings().minGroupSize()),
                    String.join(", ", small.subList(0, Math.min(10, small.size())))
                            + (small.size() > 10 ? ", …" : "")));
        }
        Disclosure d = c.disclosureSettings();
        if (d.enabled() && !d.cells().isEmpty()) {
            items.add(t.get("limitations.suppressed", t.count(d.count(Disclosure.Reason.PRIMARY)),
                    t.count(d.count(Disclosure.Reason.SECONDARY)), t.count(d.threshold())));
        }
        if (!d.suppressedTests().isEmpty()) {
            items.add(t.get("limitations.suppressedTests", t.count(d.suppressedTests().size())));
        }
        if (!d.enabled() && c.result().document() != null) {
            items.add(t.get("limitations.disclosureOff"));
        }
        TableSpec spec = c.result().tableSpec();
        if (spec != null) {
            for (GroupResult g : c.result().groups()) {
                Map<String, String> a = g.group().attributes();
                if (a.size() == 1 && a.values().iterator().next().equals(spec.missingGroup()) && g.rows() > 0) {
                    items.add(t.get("limitations.missing", a.keySet().iterator().next(), spec.missingGroup(),
                            c.sizeSuppressed(g.group()) ? t.get("value.suppressed") : t.count(g.rows())));
                }
            }
            if (spec.label() == null) {
                items.add(t.get("limitations.noLabel"));
            }
            if (spec.weight() != null) {
                items.add(t.get("limitations.weights"));
            }
        }
        GroupResult overall = c.group(GroupKey.OVERALL);
        if (overall != null && overall.unknownLabelRows() > 0 && (spec == null || spec.label() != null)) {
            items.add(t.get("limitations.unknownLabels", t.count(overall.unknownLabelRows()),
                    t.count(overall.rows())));
        }
        if (DisparitiesSection.labelsOnlyForSelected(c)) {
            items.add(t.get("limitations.labelsOnlySelected"));
        } else if ("decision-log".equals(c.result().input().format())) {
            items.add(t.get("limitations.logLabels"));
        }
        if (c.result().input().rowsSkipped() > 0) {
            items.add(t.get("limitations.skipped", t.count(c.result().input().rowsSkipped()),
                    t.count(c.result().input().rowsRead())));
        }
        analyses(c, items);
        int withheldWarnings = 0;
        List<String> warnings = new ArrayList<>(c.result().warnings());
        warnings.addAll(c.result().input().warnings());
        for (String w : warnings) {
            if (w.equals(AreaComposition.LIMITATION)) {
                continue; // stated in the document's language by analyses(...)
            }
            if (SectionCells.warningMayDisclose(w, d, c.analysis())) {
                withheldWarnings++;
            } else {
                items.add(t.get("limitations.warning", w));
            }
        }
        if (withheldWarnings > 0) {
            items.add(t.get("limitations.warningsWithheld", t.count(withheldWarnings)));
        }
        items.add(t.get("limitations.association"));
        List<List<Inline>> bullets = items.stream().map(s -> List.of(Inline.text(s))).toList();
        return Optional.of(new Section(ID, t.get("limitations.title"), List.of(new Bullets(bullets, false))));
    }

    /** The limitations of the proxy, aggregate, area, score and trend analyses that were run. */
    private static void analyses(DocumentContext c, List<String> items) {
        Texts t = c.texts();
        if (c.result().proxyAnalysis() != null) {
            items.add(t.get("limitations.proxies"));
        }
        AggregateAnalyses a = c.result().aggregateAnalyses();
        if (a != null && a.rounding() != null) {
            if (a.rounding().rounding() > 1) {
                items.add(t.get("limitations.rounding", t.count(a.rounding().rounding())));
            }
            if (a.rounding().suppressedCells() > 0) {
                items.add(t.get("limitations.aggregateSuppressed", t.count(a.rounding().suppressedCells())));
            }
        }
        if (a != null && a.areaComposition() != null) {
            items.add(t.get("limitations.area"));
        }
        ScoresAndTrends st = c.result().scoresAndTrends();
        if (st != null && st.trends() != null && st.trends().periods().size() < 3) {
            items.add(t.get("limitations.trendsFewPeriods", t.count(st.trends().periods().size())));
        }
        if (c.analysis().any()) {
            long primary = c.analysis().items().stream().filter(w -> w.reason() == Disclosure.Reason.PRIMARY).count();
            items.add(t.get("limitations.analysisSuppressed", t.count(primary),
                    t.count(c.analysis().items().size() - primary), t.count(c.disclosureSettings().threshold())));
        }
    }
}
