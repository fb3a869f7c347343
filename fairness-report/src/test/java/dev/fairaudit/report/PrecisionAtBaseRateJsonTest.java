package dev.fairaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.risk.FunnelSpec;
import dev.fairaudit.metrics.risk.RiskProfileAnalysis;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import org.junit.jupiter.api.Test;

/** {@code routes.precisionAtBaseRate} in audit.json, and how its small counts are withheld. */
class PrecisionAtBaseRateJsonTest {

    /**
     * Controlled random-route cases by would-be decision and outcome; A: TP, FP, FN, TN as given, B: 9, 36, 1, 54.
     * 100 profile-route rows for A make it the reference.
     */
    private static RiskProfileResult analyse(int tp, int fp, int fn, int tn) {
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
        return new RiskProfileAnalysis(FunnelSpec.defaults()).run(t, base, null);
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

    private static JsonNode json(RiskProfileResult r, int threshold) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        RiskProfileJson.addTo(root, r, threshold);
        return root;
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
        assertEquals(100, a.get("randomRows").asLong(), a.toString()); // every random-route row of A is controlled
        // TP 6 and FN 4 are small: every figure of performance is withheld, even the lift built from 6/20 and 10/100.
        JsonNode performance = a.get("performance");
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
    void aComparisonWithAWithheldReferenceIsWithheld() {
        // A's nothing-found controls: 5 flagged (small), 85 not.
        JsonNode b = group(json(analyse(20, 5, 20, 85), 10), "B");
        JsonNode c = b.at("/falsePositives/falsePositiveRateComparison");
        assertEquals("SUPPRESSED", c.get("status").asText(), c.toString());
        assertTrue(c.at("/ratio/value").isNull() && c.at("/difference/value").isNull() && c.get("pValue").isNull(),
                c.toString());
        assertEquals(36 / 90.0, b.at("/falsePositives/falsePositiveRate/value").asDouble(), 1e-12, "B's own stays");
    }

    @Test
    void aLoneWithheldCellCannotBeRecoveredFromWhatIsPublished() {
        // Two random arms that differ only in where one of A's violations sits (flagged or not): TP 6 / FN 4 against
        // TP 5 / FN 5. The hits (10), the controls (100) and the nothing-found cells are the same. Whatever the
        // withheld TP is, the published routes section is byte for byte the same, so it cannot be read back.
        JsonNode one = json(analyse(6, 14, 4, 76), 10);
        JsonNode other = json(analyse(5, 14, 5, 76), 10);
        assertEquals(one.get("routes"), other.get("routes"));
        assertEquals(one.get("outcomeTest"), other.get("outcomeTest"));
        // Without withholding they differ: the test above can fail.
        assertNotEquals(json(analyse(6, 14, 4, 76), 1).get("routes"), json(analyse(5, 14, 5, 76), 1).get("routes"));
    }
}
