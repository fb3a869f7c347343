package dev.fairaudit.metrics.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Screening on synthetic data with planted proxies, neutral features and known answers. */
class ProxyScreeningTest {

    private static final List<String> FEATURES = List.of("postcode", "weakA", "weakB", "income", "colour", "age");
    private static final Set<String> NUMERIC = Set.of("income", "age");
    private static final Set<String> NEUTRAL = Set.of("income", "colour", "age", "weakA", "weakB");

    /**
     * Rows with a planted postcode proxy (minority rows live in 40 of 400 postcodes far more often), a planted
     * pair (weakA XOR weakB raises the minority share from 10% to 50%, while each alone is independent of the
     * group) and neutral features (numeric income and age, a 5-valued colour). Selection depends only on the
     * postcode.
     */
    static DecisionTable planted(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("origin")
                .decision("selected=1").features(FEATURES.toArray(String[]::new)).build());
        for (int i = 0; i < rows; i++) {
            int a = r.nextInt(2);
            int c = r.nextInt(2);
            boolean minority = r.nextDouble() < ((a ^ c) == 1 ? 0.5 : 0.1);
            int postcode = minority && r.nextDouble() < 0.7 ? r.nextInt(40) : r.nextInt(400);
            boolean selected = r.nextDouble() < (postcode < 40 ? 0.3 : 0.1);
            Map<String, String> row = new HashMap<>();
            row.put("origin", minority ? "minority" : "majority");
            row.put("selected", selected ? "1" : "0");
            row.put("postcode", Integer.toString(1000 + postcode * 7));
            row.put("weakA", a == 1 ? "yes" : "no");
            row.put("weakB", c == 1 ? "yes" : "no");
            row.put("income", Integer.toString(10_000 + r.nextInt(70_000)));
            row.put("colour", List.of("red", "green", "blue", "grey", "white").get(r.nextInt(5)));
            row.put("age", Integer.toString(18 + r.nextInt(60)));
            b.addRow(row);
        }
        return b.build();
    }

    private static ProxyAnalysis screen(DecisionTable table, long seed) {
        return new ProxyScreening(ProxySettings.defaults().withSeed(seed)).run(table, NUMERIC, Favourable.SELECTED, Map.of());
    }

    @Test
    void plantedProxiesRankFirstAndNeutralFeaturesAreNotFlaggedAcrossSeeds() {
        for (long seed = 1; seed <= 5; seed++) {
            ProxyAnalysis analysis = screen(planted(seed, 4000), seed);
            List<ProxyFinding> proxies = analysis.proxies();
            Set<List<String>> topTwo = Set.of(proxies.get(0).features(), proxies.get(1).features());
            assertEquals(Set.of(List.of("postcode"), List.of("weakA", "weakB")), topTwo, "seed " + seed);
            assertTrue(proxies.get(0).flagged() && proxies.get(1).flagged(), "seed " + seed);
            assertEquals(1, proxies.get(0).rank());
            for (ProxyFinding f : proxies) {
                boolean planted = f.features().equals(List.of("postcode"))
                        || f.features().equals(List.of("weakA", "weakB"));
                if (!planted) {
                    assertTrue(f.features().stream().allMatch(NEUTRAL::contains), f.features().toString());
                    assertFalse(f.flagged(), "seed " + seed + ": " + f);
                    assertTrue(f.auc().value() < 0.56, "seed " + seed + ": " + f);
                }
            }
        }
    }

    @Test
    void pairOfIndividuallyIndependentFeaturesIsStrongOnlyTogether() {
        ProxyAnalysis analysis = screen(planted(11, 4000), 11);
        ProxyFinding a = find(analysis, List.of("weakA"));
        ProxyFinding pair = find(analysis, List.of("weakA", "weakB"));
        assertTrue(a.cramersV().value() < 0.05, a.toString());
        // Planted: minority share 50% vs 10% in two equal halves -> phi = 0.4 / sqrt(0.3 * 0.7) * 0.5 = 0.436
        // (by hand: phi = (p1 - p0) sqrt(q (1 - q)) / sqrt(pi (1 - pi)) with q = 0.5, pi = 0.3).
        assertEquals(0.436, pair.cramersV().value(), 0.04);
        // The AUC of a binary score with those rates: 0.5 + (TPR - FPR) / 2 = 0.5 + (0.5/0.6 - 0.5/1.4) / 2 = 0.738.
        assertEquals(0.738, pair.auc().value(), 0.03);
    }

    @Test
    void numericFeaturesAreBinnedByQuantiles() {
        ProxyAnalysis analysis = screen(planted(3, 2000), 3);
        ProxyFinding income = find(analysis, List.of("income"));
        assertEquals(10, income.categories());
        assertTrue(income.warnings().stream().anyMatch(w -> w.contains("quantile")), income.warnings().toString());
        // Written in digits but not declared numeric: one category per postcode.
        assertTrue(find(analysis, List.of("postcode")).categories() > 300);
        assertTrue(find(analysis, List.of("postcode")).warnings().stream().noneMatch(w -> w.contains("quantile")));
    }

    @Test
    void highCardinalityPostcodeWithoutSignalGetsNoFakeAuc() {
        // 4000 rows over 2000 postcodes drawn independently of the group: in-sample encoding would give AUC ~0.8.
        SplittableRandom r = new SplittableRandom(5);
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("origin")
                .decision("selected=1").features("postcode").build());
        for (int i = 0; i < 4000; i++) {
            b.addRow(Map.of("origin", r.nextDouble() < 0.3 ? "minority" : "majority", "selected", "0",
                    "postcode", "P" + r.nextInt(2000)));
        }
        ProxyFinding f = new ProxyScreening(ProxySettings.defaults()).run(b.build(), Set.of(), Favourable.SELECTED,
                Map.of()).proxies().get(0);
        assertTrue(Math.abs(f.auc().value() - 0.5) < 0.04, f.toString());
        assertFalse(f.flagged());
        assertEquals("chi-squared-permutation", f.test().test());
    }

    @Test
    void independentFeatureIsRejectedAtAboutTheNominalRate() {
        // 400 trials of a 4-valued feature drawn independently of a binary attribute (n = 300, asymptotic test).
        // Expected rejections at 5%: 20, sd 4.4; the bounds are +-3 sd.
        int rejected = 0;
        int flagged = 0;
        SplittableRandom r = new SplittableRandom(99);
        ProxySettings settings = ProxySettings.defaults();
        for (int trial = 0; trial < 400; trial++) {
            DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("g")
                    .decision("d=1").features("x").build());
            for (int i = 0; i < 300; i++) {
                b.addRow(Map.of("g", r.nextDouble() < 0.4 ? "a" : "b", "d", r.nextInt(2) + "",
                        "x", "v" + r.nextInt(4)));
            }
            ProxyFinding f = new ProxyScreening(settings.withSeed(trial)).run(b.build(), Set.of(), Favourable.SELECTED,
                    Map.of()).proxies().get(0);
            assertEquals("chi-squared", f.test().test());
            rejected += f.pValue() < 0.05 ? 1 : 0;
            flagged += f.flagged() ? 1 : 0;
        }
        assertTrue(rejected >= 7 && rejected <= 33, "rejected " + rejected + " of 400");
        assertTrue(flagged <= rejected, "flagged " + flagged);
    }

    @Test
    void permutationTestHoldsItsLevelWhenExpectedCountsAreSmall() {
        // n = 40 over 4 x 2 cells: expected counts 3-7, so the permutation test is used. 300 trials at 5%:
        // expected 15, sd 3.8; a discrete test may be conservative, so the lower bound is loose.
        int rejected = 0;
        SplittableRandom r = new SplittableRandom(7);
        ProxySettings settings = ProxySettings.defaults();
        for (int trial = 0; trial < 300; trial++) {
            DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("g")
                    .decision("d=1").features("x").build());
            for (int i = 0; i < 40; i++) {
                b.addRow(Map.of("g", r.nextDouble() < 0.4 ? "a" : "b", "d", "0", "x", "v" + r.nextInt(4)));
            }
            ProxyFinding f = new ProxyScreening(settings.withSeed(trial)).run(b.build(), Set.of(), Favourable.SELECTED,
                    Map.of()).proxies().get(0);
            if (f.test() == null) {
                continue;
            }
            assertEquals("chi-squared-permutation", f.test().test());
            rejected += f.pValue() < 0.05 ? 1 : 0;
        }
        assertTrue(rejected >= 3 && rejected <= 27, "rejected " + rejected + " of 300");
    }

    @Test
    void disparityThatFlowsThroughPostcodeDisappearsWithinPostcodes() {
        for (long seed = 22; seed <= 24; seed++) {
            ProxyAnalysis analysis = screen(planted(seed, 20000), seed);
            ConditionalDisparity byPostcode = disparity(analysis, "postcode");
            ConditionalDisparity byColour = disparity(analysis, "colour");
            assertEquals("minority", byPostcode.group());
            assertEquals("majority", byPostcode.reference());
            // The crude odds ratio is clearly above 1 ...
            assertTrue(byPostcode.crudeOddsRatio().value() > 1.5, byPostcode.toString());
            // ... within postcodes selection does not depend on the group (planted): OR_MH near 1, the CMH test
            // does not reject at 1%, and most of the log-odds disparity is explained.
            assertEquals(1.0, byPostcode.mantelHaenszelOddsRatio().value(), 0.15, byPostcode.toString());
            assertTrue(byPostcode.cmhTest().pValue() > 0.01, byPostcode.toString());
            assertEquals(1.0, byPostcode.shareExplained().value(), 0.2, byPostcode.toString());
            assertTrue(Math.abs(byPostcode.conditionalDemographicDisparity().value())
                    < 0.4 * Math.abs(byPostcode.demographicDisparity().value()), byPostcode.toString());
            // A neutral feature explains nothing and the disparity stays significant within its strata.
            assertTrue(Math.abs(byColour.shareExplained().value()) < 0.1, byColour.toString());
            assertTrue(byColour.cmhTest().pValue() < 1e-6, byColour.toString());
        }
    }

    @Test
    void conditionalDisparityMatchesHandComputationOnSimpsonsExample() {
        // Two departments. A: F 8 of 10 selected, M 60 of 100; B: F 20 of 100, M 4 of 20. By hand (Python):
        // crude OR (28*56)/(82*64) = 0.29878048780487804; OR_MH = (8*40/110 + 20*16/120) / (2*60/110 + 80*4/120)
        // = 1.4838709677419357; share 1 - ln(1.48387)/ln(0.29878) = 1.326688014883605 (a reversal);
        // Clarify DD (F vs all, accepted = selected) = 82/138 - 28/92 = 0.28985507246376807;
        // CDD = (110 * (2/42 - 8/68) + 120 * (80/96 - 20/24)) / 230 = -0.033491657532578246.
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("sex")
                .decision("d=1").features("dept").build());
        addRows(b, "A", "F", 8, 2);
        addRows(b, "A", "M", 60, 40);
        addRows(b, "B", "F", 20, 80);
        addRows(b, "B", "M", 4, 16);
        ProxyAnalysis analysis = new ProxyScreening(ProxySettings.defaults()).run(b.build(), Set.of(), Favourable.SELECTED,
                Map.of());
        ConditionalDisparity d = disparity(analysis, "dept");
        assertEquals("F", d.group());
        assertEquals("M", d.reference());
        assertEquals(230, d.n());
        assertEquals(0.29878048780487804, d.crudeOddsRatio().value(), 1e-12);
        assertEquals(1.4838709677419357, d.mantelHaenszelOddsRatio().value(), 1e-12);
        assertEquals(1.326688014883605, d.shareExplained().value(), 1e-12);
        assertEquals(0.28985507246376807, d.demographicDisparity().value(), 1e-12);
        assertEquals(-0.033491657532578246, d.conditionalDemographicDisparity().value(), 1e-12);
        assertEquals(0, d.rowsExcludedFromCdd());
        // With favourable = not selected, accepted and rejected swap: DD changes sign.
        ProxyAnalysis adverse = new ProxyScreening(ProxySettings.defaults()).run(b.build(), Set.of(), Favourable.NOT_SELECTED,
                Map.of());
        assertEquals(-0.28985507246376807, disparity(adverse, "dept").demographicDisparity().value(), 1e-12);
    }

    @Test
    void undefinedValuesAreReportedWithAStatusNotAsNumbers() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("sex")
                .decision("d=1").features("dept").build());
        addRows(b, "A", "F", 5, 5);
        addRows(b, "A", "M", 5, 5);
        ProxyAnalysis analysis = new ProxyScreening(ProxySettings.defaults()).run(b.build(), Set.of(), Favourable.SELECTED,
                Map.of());
        ProxyFinding f = analysis.proxies().get(0);
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, f.cramersV().status());
        assertNull(f.cramersV().value());
        assertNull(f.test());
        assertFalse(f.flagged());
        ConditionalDisparity d = disparity(analysis, "dept");
        assertEquals(Status.INSUFFICIENT_SAMPLE, d.crudeOddsRatio().status());
        // ln(OR_crude) = 0: the share explained has no denominator.
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, d.shareExplained().status());
    }

    @Test
    void smallSampleIsInconclusiveNotFlagged() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("sex")
                .decision("d=1").features("dept").build());
        addRows(b, "A", "F", 5, 5);
        addRows(b, "B", "M", 5, 5);
        ProxyFinding f = new ProxyScreening(ProxySettings.defaults()).run(b.build(), Set.of(), Favourable.SELECTED, Map.of())
                .proxies().get(0);
        assertEquals(Status.INSUFFICIENT_SAMPLE, f.cramersV().status());
        assertFalse(f.flagged());
        assertTrue(f.warnings().stream().anyMatch(w -> w.contains("inconclusive")));
    }

    @Test
    void declaredReferenceIsUsed() {
        ProxyAnalysis analysis = new ProxyScreening(ProxySettings.defaults()).run(planted(2, 1000), NUMERIC,
                Favourable.SELECTED, Map.of("origin", "minority"));
        assertEquals("minority", disparity(analysis, "postcode").reference());
    }

    @Test
    void statesFedInTurnOrMergedEqualTheStateOfTheWhole() {
        DecisionTable part = planted(8, 1500);
        List<Map<String, String>> rows = new ArrayList<>();
        DecisionTable.Builder doubled = DecisionTable.builder(part.spec());
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < part.rowCount(); i++) {
                Map<String, String> row = new HashMap<>();
                row.put("origin", part.protectedColumn("origin").value(part.protectedColumn("origin").code(i)));
                row.put("selected", part.selected(i) ? "1" : "0");
                for (var c : part.features()) {
                    row.put(c.name(), c.value(c.code(i)));
                }
                rows.add(row);
            }
        }
        rows.forEach(doubled::addRow);
        DecisionTable whole = doubled.build();
        List<String> attrs = List.of("origin");
        ProxyCounts all = ProxyCounts.singles(FEATURES, attrs, 5, 42).add(whole);
        ProxyCounts inTurn = ProxyCounts.singles(FEATURES, attrs, 5, 42).add(part).add(part);
        ProxyCounts first = ProxyCounts.singles(FEATURES, attrs, 5, 42).add(part, 0);
        ProxyCounts second = ProxyCounts.singles(FEATURES, attrs, 5, 42).add(part, part.rowCount());
        assertSameCounts(all, inTurn);
        assertSameCounts(all, first.merge(second));
        assertSameCounts(all, second.merge(first));
        assertEquals(3000, first.merge(second).rows());
        ProxyScreening screening = new ProxyScreening(ProxySettings.defaults().withSeed(42));
        var binning = screening.binning(all, NUMERIC);
        ProxyAnalysis whole1 = screening.analyse(all, null, binning, Favourable.SELECTED, Map.of(), List.of());
        ProxyAnalysis merged = screening.analyse(first.merge(second), null, screening.binning(first.merge(second), NUMERIC),
                Favourable.SELECTED, Map.of(), List.of());
        assertEquals(whole1, merged);
    }

    @Test
    void numericFeatureWithTextIsAConfigurationError() {
        DecisionTable t = planted(1, 50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProxyScreening(
                ProxySettings.defaults()).run(t, Set.of("colour"), Favourable.SELECTED, Map.of()));
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("not a finite number"),
                e.getMessage());
    }

    @Test
    void foldsAreBalanced() {
        int[] perFold = new int[5];
        for (long i = 0; i < 100_000; i++) {
            perFold[ProxyCounts.fold(i, 3, 5)]++;
        }
        for (int f : perFold) {
            assertTrue(Math.abs(f - 20_000) < 600, "fold size " + f);
        }
    }

    @Test
    void mergingDifferentStatesIsRefused() {
        ProxyCounts a = ProxyCounts.singles(List.of("x"), List.of("g"), 5, 1);
        ProxyCounts b = ProxyCounts.singles(List.of("x"), List.of("g"), 5, 2);
        assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    }

    @Test
    void unknownFeatureIsNamed() {
        DecisionTable t = planted(1, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyCounts.singles(List.of("nope"), List.of("origin"), 5, 1).add(t));
        assertTrue(e.getMessage().contains("'nope'"));
    }

    private static void assertSameCounts(ProxyCounts x, ProxyCounts y) {
        assertEquals(x.rows(), y.rows());
        for (int u = 0; u < x.units().size(); u++) {
            int categories = Math.max(x.unitCategories(u), y.unitCategories(u));
            for (int c = 0; c < categories; c++) {
                for (int v = 0; v < x.attributeValues(0).size(); v++) {
                    for (int f = 0; f < x.folds(); f++) {
                        for (boolean s : new boolean[] {false, true}) {
                            assertEquals(x.count(u, 0, c, v, f, s), y.count(u, 0, c, v, f, s));
                        }
                    }
                }
            }
        }
    }

    private static void addRows(DecisionTable.Builder b, String dept, String sex, int selected, int not) {
        for (int i = 0; i < selected + not; i++) {
            b.addRow(Map.of("sex", sex, "dept", dept, "d", i < selected ? "1" : "0"));
        }
    }

    private static ProxyFinding find(ProxyAnalysis a, List<String> features) {
        return a.proxies().stream().filter(f -> f.features().equals(features)).findFirst().orElseThrow();
    }

    private static ConditionalDisparity disparity(ProxyAnalysis a, String feature) {
        ConditionalDisparity d = a.conditionalDisparity().stream().filter(x -> x.feature().equals(feature))
                .findFirst().orElse(null);
        assertNotNull(d, feature);
        return d;
    }
}
