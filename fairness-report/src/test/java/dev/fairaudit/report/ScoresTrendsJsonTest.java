package dev.fairaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.distributions.DistributionAudit;
import dev.fairaudit.metrics.distributions.DistributionCounts;
import dev.fairaudit.metrics.distributions.PeriodUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The scores, numericOutcomes and trends sections: every key documented, byte-stable output. */
class ScoresTrendsJsonTest {

    /** Four months, two groups, a route column (Java API), scores, ratings. */
    private static AuditResult result() {
        TableSpec spec = TableSpec.builder().protectedAttributes("origin").decision("d=1").label("y=1").score("s")
                .route("route").timestamp("t").numericOutcome("rating").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        for (int i = 0; i < 400; i++) {
            boolean selected = (i * 7) % 10 < 3;
            boolean random = !selected && i % 9 == 0;
            String[] row = {i % 4 == 0 ? "X" : "Y", selected ? "1" : "0",
                selected || random ? Integer.toString((i / 3) % 2) : "", String.format(Locale.ROOT, "%.2f",
                        ((i * 13) % 100) / 100.0), selected ? "PROFILE" : random ? "RANDOM" : "NONE",
                String.format(Locale.ROOT, "2025-%02d-10", 1 + i % 4), i % 13 == 0 ? "" : Integer.toString(i % 10)};
            b.addRow(row, i + 2);
        }
        DecisionTable table = b.build();
        AuditSettings settings = AuditSettings.builder().minGroupSize(10).build();
        AuditResult r = new GroupAudit(settings).run(table);
        DistributionCounts counts = DistributionCounts.empty(r.groupings(), PeriodUnit.MONTH).add(table);
        return r.withScoresAndTrends(new DistributionAudit(settings).run(counts, r.references()));
    }

    @Test
    void everyKeyIsDocumentedAndTheTextIsStable() throws IOException {
        AuditResult r = result();
        JsonNode json = JsonAuditWriter.toJson(r);
        assertFalse(json.get("trends").get("labelSources").isNull());
        assertFalse(json.get("numericOutcomes").get("pairwise").isEmpty());
        Set<String> keys = new TreeSet<>();
        collectKeys(json, keys);
        Path root = Path.of(System.getProperty("fairaudit.root", ".."));
        String schema = Files.readString(root.resolve("docs/audit-json.md"));
        List<String> undocumented = new ArrayList<>();
        for (String key : keys) {
            if (!schema.contains("`" + key + "`")) {
                undocumented.add(key);
            }
        }
        assertEquals(List.of(), undocumented, "keys of audit.json missing from docs/audit-json.md");
        assertEquals(JsonAuditWriter.toText(r), JsonAuditWriter.toText(result()));
        assertFalse(JsonAuditWriter.toText(r).contains("NaN") || JsonAuditWriter.toText(r).contains("Infinity"));
    }

    private static void collectKeys(JsonNode node, Set<String> keys) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                keys.add(e.getKey());
                if (Set.of("attributes", "reference", "maxGroup", "minGroup", "positiveValues", "negativeValues",
                        "references", "group", "other").contains(e.getKey()) && e.getValue().isObject()) {
                    continue;
                }
                collectKeys(e.getValue(), keys);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectKeys(n, keys));
        }
    }
}
