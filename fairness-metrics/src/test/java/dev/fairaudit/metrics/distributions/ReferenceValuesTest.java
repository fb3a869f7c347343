package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis.AcrossGroups;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis.GroupOutcome;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis.PairwiseComparison;
import dev.fairaudit.metrics.distributions.ScoreAnalysis.GroupScores;
import dev.fairaudit.metrics.stats.PValueAdjustment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statistics checked against values computed independently with SciPy 1.17.1 / NumPy 2.4 (the calls are in the
 * comments) or by hand. scikit-learn is not installed on the build machine; the AUC reference is SciPy's
 * Mann–Whitney U divided by n₁n₂, which is the same quantity as {@code sklearn.metrics.roc_auc_score}.
 */
class ReferenceValuesTest {

    // Ratings 1..10 of three origins (with ties, as ratings have).
    static final double[] G1 = {7, 8, 6, 9, 7, 7, 8, 5, 9, 10, 6, 7};
    static final double[] G2 = {5, 6, 7, 4, 6, 5, 8, 6, 7, 5};
    static final double[] G3 = {8, 9, 9, 7, 10, 8, 9, 6, 8, 9, 7};

    // Scores (two decimals) and labels of 20 cases.
    static final double[] SCORES = {0.91, 0.85, 0.78, 0.77, 0.64, 0.62, 0.55, 0.53, 0.47, 0.41, 0.38, 0.33, 0.29,
        0.22, 0.15, 0.12, 0.85, 0.55, 0.31, 0.08};
    static final int[] LABELS = {1, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0};

    private static final AuditSettings SETTINGS = AuditSettings.builder().minGroupSize(5)
            .pValueAdjustment(PValueAdjustment.HOLM).build();

    static DecisionTable ratings() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("origin")
                .decision("d=1").numericOutcome("rating").build());
        double[][] groups = {G1, G2, G3};
        for (int g = 0; g < 3; g++) {
            for (double v : groups[g]) {
                b.addRow(Map.of("origin", "o" + (g + 1), "d", "0", "rating", Double.toString(v)));
            }
        }
        b.addRow(Map.of("origin", "o1", "d", "0")); // a missing rating, counted
        return b.build();
    }

    private static NumericOutcomeAnalysis ratingAnalysis() {
        return new DistributionAudit(SETTINGS).run(ratings(), List.of(Grouping.of("origin")), null, List.of())
                .numericOutcomes();
    }

    @Test
    void welchAnovaAndKruskalWallisMatchSciPy() {
        AcrossGroups t = ratingAnalysis().test(Grouping.of("origin")).orElseThrow();
        assertEquals(3, t.groupsTested());
        // scipy.stats.f_oneway(g1, g2, g3, equal_var=False) -> F 9.59658379739609, p 0.0012099784214399385
        assertEquals(9.59658379739609, t.welchAnova().statistic(), 1e-9);
        assertEquals(0.0012099784214399385, t.welchAnova().pValue(), 1e-9);
        assertEquals(2, t.welchAnova().degreesOfFreedom(), 0);
        // scipy.stats.kruskal(g1, g2, g3) -> H 11.59757743409196, p 0.0030312241927521284
        assertEquals(11.59757743409196, t.kruskalWallis().statistic(), 1e-9);
        assertEquals(0.0030312241927521284, t.kruskalWallis().pValue(), 1e-9);
    }

    @Test
    void pairwiseWelchAndMannWhitneyMatchSciPy() {
        PairwiseComparison p = ratingAnalysis().pairwise().stream()
                .filter(c -> c.group().values().equals(List.of("o1")) && c.other().values().equals(List.of("o2")))
                .findFirst().orElseThrow();
        // scipy.stats.ttest_ind(g1, g2, equal_var=False) -> t 2.6940060711988827, p 0.013959993651535475,
        // df 19.999596396336006; .confidence_interval(0.95) -> (0.34231321767259226, 2.691020115660741)
        assertEquals(2.6940060711988827, p.welchT().statistic(), 1e-9);
        assertEquals(0.013959993651535475, p.welchT().pValue(), 1e-9);
        assertEquals(19.999596396336006, p.welchT().degreesOfFreedom(), 1e-6);
        assertEquals(0.34231321767259226, p.meanDifference().ci95().lower(), 1e-9);
        assertEquals(2.691020115660741, p.meanDifference().ci95().upper(), 1e-9);
        // scipy.stats.mannwhitneyu(g1, g2, method="asymptotic") -> U 94.5, p 0.022163271504587734
        assertEquals(94.5, p.mannWhitney().statistic(), 1e-9);
        assertEquals(0.022163271504587734, p.mannWhitney().pValue(), 1e-9);
        // Three pairs, Holm: the adjusted p-value is at least the raw one and at most 3 times it.
        assertTrue(p.welchPValueAdjusted() >= p.welchT().pValue() && p.welchPValueAdjusted() <= 3 * p.welchT()
                .pValue() + 1e-15);
        assertEquals(3, ratingAnalysis().pairwise().size());
    }

    @Test
    void meanAndMedianWithIntervalsMatchSciPy() {
        NumericOutcomeAnalysis a = ratingAnalysis();
        GroupOutcome o1 = a.group(GroupKey.of(List.of("origin"), List.of("o1"))).orElseThrow();
        assertEquals(13, o1.rows());
        assertEquals(12, o1.count());
        assertEquals(1, o1.missing());
        // numpy.mean(g1) = 89 / 12; scipy.stats.ttest_1samp(g1, 0).confidence_interval(0.95)
        // -> (6.499589516628484, 8.33374381670485)
        assertEquals(89.0 / 12, o1.mean().value(), 1e-12);
        assertEquals(6.499589516628484, o1.mean().ci95().lower(), 1e-9);
        assertEquals(8.33374381670485, o1.mean().ci95().upper(), 1e-9);
        // numpy.median(g1) = 7; scipy.stats.binom.ppf(0.025, 12, 0.5) = 3 -> [x(3), x(10)] = [6, 9]
        assertEquals(7.0, o1.median().value(), 1e-12);
        assertEquals(6.0, o1.median().ci95().lower(), 1e-12);
        assertEquals(9.0, o1.median().ci95().upper(), 1e-12);
        // numpy.median(g2) = 6.0 (even count: mean of the two middle values, 6 and 6)
        GroupOutcome o2 = a.group(GroupKey.of(List.of("origin"), List.of("o2"))).orElseThrow();
        assertEquals(6.0, o2.median().value(), 1e-12);
        assertEquals(33, a.overall().count());
    }

    @Test
    void atLeastSevenOnAverageWithNoSignificantDifferenceByOriginIsCheckable() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("origin")
                .decision("d=1").numericOutcome("rating").build());
        int[] ratings = {7, 8, 9, 10};
        for (int i = 0; i < 40; i++) {
            // The same ratings in both origins: mean 8.5 each, no difference at all.
            b.addRow(Map.of("origin", "NL", "d", "0", "rating", Integer.toString(ratings[i % 4])));
            b.addRow(Map.of("origin", "other", "d", "0", "rating", Integer.toString(ratings[(i + 1) % 4])));
        }
        NumericOutcomeAnalysis a = new DistributionAudit(SETTINGS).run(b.build(), List.of(Grouping.of("origin")),
                null, List.of()).numericOutcomes();
        // mean 8.5, sd of 7..10 repeated = 1.125^0.5 (n - 1 denominator: 90 / 79), t interval well above 7
        assertEquals(8.5, a.overall().mean().value(), 1e-12);
        assertTrue(a.overall().mean().ci95().lower() >= 7);
        AcrossGroups t = a.test(Grouping.of("origin")).orElseThrow();
        assertEquals(Status.OK, t.status());
        assertEquals(0.0, t.welchAnova().statistic(), 1e-12);
        assertEquals(1.0, t.welchAnova().pValue(), 1e-12);
        assertTrue(t.kruskalWallis().pValue() >= 0.05);
        // With the G1..G3 ratings, by contrast, the origins differ (p = 0.0012 above).
        assertTrue(ratingAnalysis().test(Grouping.of("origin")).orElseThrow().welchAnova().pValue() < 0.05);
    }

    static DecisionTable scored() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("g")
                .decision("d=1").label("y=1").score("s").build());
        for (int i = 0; i < SCORES.length; i++) {
            Map<String, String> row = new HashMap<>();
            row.put("g", i % 2 == 0 ? "a" : "b");
            row.put("d", SCORES[i] >= 0.5 ? "1" : "0");
            row.put("y", Integer.toString(LABELS[i]));
            row.put("s", Double.toString(SCORES[i]));
            b.addRow(row);
        }
        return b.build();
    }

    @Test
    void aucHanleyMcNeilAndCalibrationMatchIndependentValues() {
        ScoreAnalysis s = new DistributionAudit(SETTINGS).run(scored(), List.of(Grouping.of("g")), null, List.of())
                .scores();
        GroupScores all = s.group(GroupKey.OVERALL).orElseThrow();
        assertEquals(8, all.labelPositives());
        assertEquals(12, all.labelNegatives());
        // U = scipy.stats.mannwhitneyu(scores[y == 1], scores[y == 0]).statistic; U / (8 * 12) = 0.7447916666666666
        // (the tie at 0.85 across classes counts one half, as in sklearn.metrics.roc_auc_score)
        assertEquals(0.7447916666666666, all.auc().value(), 1e-12);
        // one positive-negative pair ties (0.85 and 0.85; both 0.55 are positives)
        assertEquals(1.0 / 96, all.aucTiedPairShare(), 1e-12);
        // Hanley-McNeil by hand in NumPy: Q1 = A/(2-A), Q2 = 2A^2/(1+A),
        // se = sqrt((A(1-A) + 7(Q1-A^2) + 11(Q2-A^2)) / 96), A -/+ 1.959963984540054 se
        assertEquals(0.5121007412466436, all.auc().ci95().lower(), 1e-9);
        assertEquals(0.9774825920866896, all.auc().ci95().upper(), 1e-9);
        assertEquals(Status.OK, all.auc().status());
        // ECE over ten equal-width bins, by hand in NumPy: bins = minimum(floor(10 s), 9);
        // sum over bins of n_b / 20 * |mean(y_b) - mean(s_b)| = 0.1975
        assertTrue(s.calibrationApplicable());
        assertEquals(0.1975, all.expectedCalibrationError().value(), 1e-12);
        assertEquals(20, all.calibration().labelledRows());
        // bin [0.8, 0.9): scores 0.85 (y 1) and 0.85 (y 0)
        assertEquals(2, all.calibration().bins().get(8).rows());
        assertEquals(0.5, all.calibration().bins().get(8).observedRate(), 1e-12);
        assertEquals(0.85, all.calibration().bins().get(8).meanScore(), 1e-12);
        // Group a holds 10 rows: fewer labelled rows of one class than the minimum would make it inconclusive.
        GroupScores a = s.group(GroupKey.of(List.of("g"), List.of("a"))).orElseThrow();
        assertEquals(10, a.scored());
    }

    @Test
    void scoringRateIsTheShareAboveTheOverallMedian() {
        ScoreAnalysis s = new DistributionAudit(SETTINGS).run(scored(), List.of(Grouping.of("g")), null, List.of())
                .scores();
        // numpy.median(SCORES) = (0.47 + 0.53) / 2 = 0.5; above it: 10 of 20 rows.
        assertEquals(0.5, s.overallMedian(), 1e-12);
        GroupScores all = s.group(GroupKey.OVERALL).orElseThrow();
        assertEquals(0.5, all.shareAboveOverallMedian().value(), 1e-12);
        assertNull(all.scoringRateImpactRatio());
        // Even rows (group a): 0.91 0.78 0.64 0.55 0.47 0.38 0.29 0.15 0.85 0.31 -> 5 above 0.5;
        // odd rows (group b): 0.85 0.77 0.62 0.53 0.41 0.33 0.22 0.12 0.55 0.08 -> 5 above 0.5.
        GroupScores a = s.group(GroupKey.of(List.of("g"), List.of("a"))).orElseThrow();
        assertEquals(0.5, a.shareAboveOverallMedian().value(), 1e-12);
        assertEquals(1.0, a.scoringRateImpactRatio().value(), 1e-12);
        // Deciles of group a by numpy.quantile(a, q, method="inverted_cdf"), q = 0.1 .. 0.9:
        // sorted 0.15 0.29 0.31 0.38 0.47 0.55 0.64 0.78 0.85 0.91 -> the k-th value for q = k / 10
        assertEquals(List.of(0.15, 0.29, 0.31, 0.38, 0.47, 0.55, 0.64, 0.78, 0.85), a.deciles());
    }
}
