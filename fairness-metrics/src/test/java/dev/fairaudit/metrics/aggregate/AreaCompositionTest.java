package dev.fairaudit.metrics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fairaudit.core.table.AreaReference;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.aggregate.AreaComposition.GroupComposition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AreaCompositionTest {

    /** Rows: area, selected (1/0), as many times as given. */
    private static DecisionTable decisions(Object... areaSelectedCount) {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("sex")
                .decision("d=1").features("area").build());
        for (int i = 0; i < areaSelectedCount.length; i += 3) {
            for (int k = 0; k < (Integer) areaSelectedCount[i + 2]; k++) {
                Map<String, String> row = new HashMap<>();
                row.put("sex", "x");
                row.put("area", (String) areaSelectedCount[i]);
                row.put("d", (String) areaSelectedCount[i + 1]);
                b.addRow(row);
            }
        }
        return b.build();
    }

    private static AreaReference twoAreas() {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("A", new long[] {80, 20});
        m.put("B", new long[] {20, 80});
        m.put("Z", new long[] {0, 0});
        return AreaReference.of("areas", List.of("g1", "g2"), m);
    }

    @Test
    void expectedCompositionOfTheSelectedByHand() {
        // A: 10 decisions, 2 selected; B: 10 decisions, 8 selected; C is not in the table, "" has no area,
        // Z has no residents.
        DecisionTable t = decisions("A", "1", 2, "A", "0", 8, "B", "1", 8, "B", "0", 2, "C", "1", 3, "", "1", 1,
                "Z", "0", 2);
        AreaCounts counts = AreaCounts.empty().add(t, "area");
        AreaComposition c = AreaCompositionAnalysis.compute(counts, twoAreas(), "area", 5);
        assertEquals(26, c.rows());
        assertEquals(14, c.selectedRows());
        assertEquals(6, c.rowsWithoutReference());
        assertEquals(4, c.selectedWithoutReference());
        assertEquals(4, c.areasWithDecisions());
        assertEquals(2, c.areasMatched());
        GroupComposition g2 = c.groups().get(1);
        assertEquals("g2", g2.group());
        assertEquals(Status.OK, g2.status());
        // By hand: selected (2 × 0.2 + 8 × 0.8) / 10 = 0.68; not selected (8 × 0.2 + 2 × 0.8) / 10 = 0.32;
        // all (10 × 0.2 + 10 × 0.8) / 20 = 0.5; residents 100 / 200 = 0.5; expected selected 6.8.
        assertEquals(0.68, g2.selectedShare(), 1e-12);
        assertEquals(0.32, g2.notSelectedShare(), 1e-12);
        assertEquals(0.5, g2.assessedShare(), 1e-12);
        assertEquals(0.5, g2.populationShare(), 1e-12);
        assertEquals(6.8, g2.expectedSelected(), 1e-12);
        assertEquals(1.36, g2.selectedToAssessedRatio(), 1e-12);
        assertEquals(0.36, g2.differenceSelectedVsNotSelected(), 1e-12);
        // Python: m = 0.68; v = (2*(0.2-m)**2 + 8*(0.8-m)**2)/9; m ± 1.959963984540054*sqrt(v/10)
        assertEquals(0.5232028812367957, g2.selectedCi95().lower(), 1e-12);
        assertEquals(0.8367971187632044, g2.selectedCi95().upper(), 1e-12);
        // Python: vn likewise for the not selected; d ± z*sqrt(v/10 + vn/10)
        assertEquals(0.13825538810405158, g2.differenceCi95().lower(), 1e-12);
        assertEquals(0.5817446118959485, g2.differenceCi95().upper(), 1e-12);
        // Dissimilarity ½(|20/100 − 80/100| + |80/100 − 20/100|) = 0.6; eta² = (100·0.3² + 100·0.3²) / (200·0.25)
        // = 0.36.
        assertEquals(0.6, g2.dissimilarity(), 1e-12);
        assertEquals(0.36, g2.correlationRatio(), 1e-12);
        assertEquals(AreaComposition.LIMITATION, c.limitation());
        assertTrue(c.warnings().get(0).startsWith("6 of 26 decision(s) (4 selected) have no usable area reference"),
                c.warnings().get(0));
    }

    @Test
    void noSelectedDecisionsIsUndefinedAndFewIsInconclusive() {
        AreaComposition none = AreaCompositionAnalysis.compute(AreaCounts.empty().add(decisions("A", "0", 50),
                "area"), twoAreas(), "area", 30);
        assertEquals(Status.UNDEFINED_EMPTY_GROUP, none.groups().get(0).status());
        assertNull(none.groups().get(0).selectedShare());
        AreaComposition few = AreaCompositionAnalysis.compute(AreaCounts.empty().add(decisions("A", "1", 5,
                "B", "0", 50), "area"), twoAreas(), "area", 30);
        assertEquals(Status.INSUFFICIENT_SAMPLE, few.groups().get(0).status());
    }

    @Test
    void countingChunksInTurnEqualsCountingTheWhole() {
        DecisionTable whole = decisions("A", "1", 2, "A", "0", 8, "B", "1", 8, "B", "0", 2, "", "1", 1);
        DecisionTable first = decisions("A", "1", 2, "B", "0", 2);
        DecisionTable second = decisions("A", "0", 8, "B", "1", 8, "", "1", 1);
        assertEquals(AreaCounts.empty().add(whole, "area"),
                AreaCounts.empty().add(first, "area").add(second, "area"));
        assertEquals(AreaCounts.empty().add(whole, "area"),
                AreaCounts.empty().add(second, "area").merge(AreaCounts.empty().add(first, "area")));
    }

    @Test
    void limitationJoinsTheResultWarnings() {
        DecisionTable t = decisions("A", "1", 40, "B", "0", 40);
        AuditResult base = new GroupAudit(AuditSettings.builder().build()).run(t);
        AuditResult r = AreaCompositionAnalysis.addTo(base, AreaCompositionAnalysis.compute(
                AreaCounts.empty().add(t, "area"), twoAreas(), "area", 30));
        assertTrue(r.warnings().contains(AreaComposition.LIMITATION));
        assertEquals("area", r.aggregateAnalyses().areaComposition().areaColumn());
        assertNull(r.aggregateAnalyses().rounding());
    }

    @Test
    void utrechtNeighbourhoodsGiveTheMunicipalShareAndSegregationIndices() {
        String root = System.getProperty("fairaudit.datasets");
        Path f = root == null ? null : Path.of(root, "nl-cbs-kwb-utrecht", "kwb-2023-utrecht.csv");
        assumeTrue(f != null && Files.isRegularFile(f), "CBS KWB Utrecht check skipped: ../shared/datasets/"
                + "nl-cbs-kwb-utrecht/kwb-2023-utrecht.csv not found (system property fairaudit.datasets = "
                + root + ")");
        AreaReference r = AreaReference.read(f, "gwb_code_10", List.of("a_nl_all", "a_eur_al", "a_neu_al"),
                Map.of("recs", "Buurt"), Set.of("."));
        // 111 neighbourhoods; two have secret (".") origin counts.
        assertEquals(109, r.areas().size());
        assertEquals(List.of("BU03440911", "BU03440952"), r.unusableAreas());
        // One decision per neighbourhood, selected in BU03440111 only, to fill the state.
        List<Object> rows = new java.util.ArrayList<>();
        for (String a : r.areas()) {
            rows.addAll(List.of(a, a.equals("BU03440111") ? "1" : "0", 1));
        }
        AreaComposition c = AreaCompositionAnalysis.compute(AreaCounts.empty().add(decisions(rows.toArray()),
                "area"), r, "area", 30);
        GroupComposition outsideEurope = c.groups().get(2);
        // The municipality row of the same file publishes a_neu_al 107,375 of a_inw 367,947 (29.2%, README);
        // the neighbourhood counts (rounded to 5 by CBS) add up to 107,320 of 367,785.
        assertEquals(0.292, outsideEurope.populationShare(), 0.0005);
        // Python over the same rows (recs == "Buurt", no "." in the three columns, total > 0):
        // D = 0.5 * sum(|g_a/G - r_a/R|), eta2 = sum(T_a (p_a - P)^2) / (T P (1 - P)).
        assertEquals(0.2911772520230832, outsideEurope.dissimilarity(), 1e-12);
        assertEquals(0.11091231565050068, outsideEurope.correlationRatio(), 1e-12);
        assertEquals(0.24715313674906422, c.groups().get(0).dissimilarity(), 1e-12);
        assertEquals(0.015845010062948413, c.groups().get(1).correlationRatio(), 1e-12);
        // BU03440111: a_neu_al 255 of 1,810 residents.
        assertEquals(255.0 / (1400 + 155 + 255), outsideEurope.selectedShare(), 1e-12);
    }
}
