package dev.fairaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.risk.FunnelSpec;
import dev.fairaudit.metrics.risk.RiskProfileAnalysis;
import dev.fairaudit.report.document.AuditDocuments;
import dev.fairaudit.report.document.DocumentOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code routes.precisionAtBaseRate} in audit.json, and how the risk-profile sections withhold small counts
 * ({@code AnalysisDisclosure}): no withheld cell can be read back from what is published.
 */
class PrecisionAtBaseRateJsonTest {

    /**
     * Controlled random-route cases by would-be decision and outcome; A: TP, FP, FN, TN as given, B: 9, 36, 1, 54.
     * 100 profile-route rows for A make it the reference.
     */
    private static AuditResult analyse(int tp, int fp, int fn, int tn) {
        TableSpec spec = TableSpec.builder().protectedAttributes("group").decision("selected=1").label("found=1")
                .route("route").profileDecision("flag=1").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        add(b, "A", tp, fp, fn, tn);
        add(b, "B", 9, 36, 1, 54);
        for (int i = 0; i < 300; i++) {
            b.addRow(new String[] {"A", "0", "", "PROFILE", ""}, 0);
        }
        DecisionTable t = b.build();
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(t);
        return base.withRiskProfile(new RiskProfileAnalysis(FunnelSpec.defaults()).run(t, base, null));
    }

    private static void add(DecisionTable.Builder b, String group, int tp, int fp, int fn, int tn) {
        int[] n = {tp, fp, fn, tn};
        String[][] rows = {{"1", "1"}, {"0", "1"}, {"1", "0"}, {"0", "0"}}; // found, flag
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < n[c]; i++) {
                b.addRow(new String[] {group, "1", rows[c][0], "RANDOM", rows[c][1]}, 0);
            }
        }
    }

    /** audit.json as published with {@code --suppress-below threshold}. */
    private static JsonNode json(AuditResult r, int threshold) {
        return JsonAuditWriter.toJson(AuditDocuments.prepare(r, new DocumentOptions(threshold, Map.of(), null, null,
                null, Instant.EPOCH)));
    }

    private static JsonNode group(JsonNode root, String g) {
        for (JsonNode e : root.at("/routes/precisionAtBaseRate/groups")) {
            if (g.equals(e.at("/attributes/group").asText(null))) {
                return e;
            }
        }
        throw new AssertionError(g);
    }

    @Test
    void performanceIsWithheldWhenAnyCellIsSmallAndFalsePositivesStayWhenTheirsAreNot() {
        JsonNode root = json(analyse(6, 14, 4, 76), 10);
        JsonNode a = group(root, "A");
        // TP 6 and FN 4 are small: every figure of performance is withheld, even the lift built from 6/20 and 10/100.
        JsonNode performance = a.get("performance");
        assertTrue(performance.get("randomRows").isNull(), performance.toString());
        for (String rate : new String[] {"flagRate", "baseRate", "precisionAtBaseRate", "recall"}) {
            assertEquals("SUPPRESSED", performance.at("/" + rate + "/status").asText(), rate);
            assertTrue(performance.at("/" + rate + "/value").isNull(), rate);
            assertTrue(performance.at("/" + rate + "/numerator").isNull(), rate);
        }
        assertTrue(performance.at("/liftOverBaseRate/value").isNull());
        // FP 14 and TN 76 are not: the false positive rate 14/90 stands.
        assertEquals(14 / 90.0, a.at("/falsePositives/falsePositiveRate/value").asDouble(), 1e-12);
        JsonNode b = group(root, "B");
        assertEquals(36 / 90.0, b.at("/falsePositives/falsePositiveRate/value").asDouble(), 1e-12);
        assertEquals(36 / 14.0, b.at("/falsePositives/falsePositiveRateComparison/ratio/value").asDouble(), 1e-12);
        assertEquals("OK", b.at("/falsePositives/falsePositiveRateComparison/status").asText());
    }

    @Test
    void aComparisonWithAWithheldReferenceIsWithheldAndSoIsTheOtherPartOfTheSum() {
        // A's nothing-found controls: 5 flagged (small), 85 not.
        JsonNode root = json(analyse(20, 5, 20, 85), 10);
        JsonNode b = group(root, "B");
        JsonNode c = b.at("/falsePositives/falsePositiveRateComparison");
        assertEquals("SUPPRESSED", c.get("status").asText(), c.toString());
        assertTrue(c.at("/ratio/value").isNull() && c.at("/difference/value").isNull() && c.get("pValue").isNull(),
                c.toString());
        // The whole population's false positives (41 of 180) are shown; with B's (36 of 90) they would give A's
        // 5 of 90 away, so B's are withheld too (secondary).
        JsonNode all = null;
        for (JsonNode e : root.at("/routes/precisionAtBaseRate/groups")) {
            if (e.get("attributes").isEmpty()) {
                all = e;
            }
        }
        assertEquals(41 / 180.0, all.at("/falsePositives/falsePositiveRate/value").asDouble(), 1e-12);
        assertTrue(b.at("/falsePositives/falsePositiveRate/value").isNull(), b.toString());
        String cells = root.at("/document/disclosure/analysisCells").toString();
        assertTrue(cells.contains("{\"kind\":\"PRECISION_FALSE_POSITIVES\",\"attributes\":{\"group\":\"B\"},\"detail\":\"\","
                + "\"reason\":\"SECONDARY\"}"), cells);
    }

    @Test
    void aLoneWithheldCellCannotBeRecoveredFromWhatIsPublished() {
        // Two random arms that differ only in where one of A's violations sits (flagged or not): TP 6 / FN 4 against
        // TP 5 / FN 5. The hits (10), the controls (100) and the nothing-found cells are the same. Whatever the
        // withheld TP is, the whole published audit.json is the same, so it cannot be read back.
        JsonNode one = json(analyse(6, 14, 4, 76), 10);
        JsonNode other = json(analyse(5, 14, 5, 76), 10);
        assertEquals(one, other);
        // Without withholding they differ: the test above can fail.
        assertNotEquals(json(analyse(6, 14, 4, 76), 1), json(analyse(5, 14, 5, 76), 1));
    }

    /**
     * Group A has 500 PROFILE rows, 5 RANDOM rows (a small cell) and 40 MANUAL rows; B 300, 60 and 40. A's total
     * (545 rows) is published by the group audit and the whole population's RANDOM cell (65) by the route table, so
     * A's RANDOM cell alone would be their difference. Secondary suppression must leave no sum with exactly one
     * withheld part.
     */
    @Test
    void aLoneWithheldRouteCellCannotBeRecoveredFromATotal() {
        TableSpec spec = TableSpec.builder().protectedAttributes("group").decision("selected=1").label("found=1")
                .route("route").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        int[][] rows = {{500, 5, 40}, {300, 60, 40}};
        String[] routes = {"PROFILE", "RANDOM", "MANUAL"};
        String[] groups = {"A", "B"};
        for (int g = 0; g < 2; g++) {
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < rows[g][r]; i++) {
                    // Half selected, half of the selected found something: no other small count.
                    boolean selected = i % 2 == 0;
                    b.addRow(new String[] {groups[g], selected ? "1" : "0", selected ? (i % 4 == 0 ? "1" : "0") : "",
                        routes[r]}, 0);
                }
            }
        }
        DecisionTable t = b.build();
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(t);
        JsonNode root = json(base.withRiskProfile(new RiskProfileAnalysis(FunnelSpec.defaults()).run(t, base, null)),
                10);
        Map<String, List<Boolean>> byGroup = new HashMap<>();
        Map<String, List<Boolean>> byRoute = new HashMap<>();
        Map<String, Boolean> overall = new HashMap<>();
        for (JsonNode c : root.at("/routes/cells")) {
            boolean withheld = c.get("rows").isNull();
            String group = c.at("/attributes/group").asText("");
            String route = c.get("route").asText();
            if (group.isEmpty()) {
                overall.put(route, withheld);
            } else {
                byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(withheld);
                byRoute.computeIfAbsent(route, k -> new ArrayList<>()).add(withheld);
            }
        }
        assertTrue(byGroup.get("A").get(2), "A's RANDOM cell (5 rows) is withheld: " + byGroup);
        byGroup.forEach((g, w) -> assertNotEquals(1L, w.stream().filter(x -> x).count(), g + ": " + byGroup));
        byRoute.forEach((r, w) -> {
            if (!overall.get(r)) {
                assertNotEquals(1L, w.stream().filter(x -> x).count(), r + ": " + byRoute);
            }
        });
        // The random route's base rate of A shows the same counts again: withheld with the cell.
        for (JsonNode e : root.at("/routes/baseRates/groups")) {
            if ("A".equals(e.at("/attributes/group").asText(null))) {
                assertTrue(e.at("/fromRandom/value").isNull(), e.toString());
            }
        }
        assertTrue(root.at("/document/disclosure/analysisCells").toString().contains("ROUTE_CELL"));
    }
}
