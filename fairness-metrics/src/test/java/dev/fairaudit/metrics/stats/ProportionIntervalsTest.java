package dev.fairaudit.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Wilson and Clopper-Pearson intervals against published and hand-computed values.
 *
 * <p>Throughout, z = 1.959963984540054 is the 0.975 quantile of N(0, 1) (standard normal
 * tables), so z² = 3.8414588206941254.
 */
class ProportionIntervalsTest {

    /** Published figures are given to 4 decimals: allow half a unit in the last place. */
    private static final double FOUR_DP = 0.5e-4;

    private static final double Z = 1.959963984540054;
    private static final double Z2 = Z * Z;

    // Newcombe RG (1998). Two-sided confidence intervals for the single proportion: comparison
    // of seven methods. Stat Med 17:857-872, Table I. Method 3 is the Wilson score interval,
    // method 5 the Clopper-Pearson "exact" interval.

    @Test
    void wilsonMatchesNewcombeTableI() {
        assertInterval(0.2553, 0.3662, ProportionIntervals.wilson(81, 263), FOUR_DP);
        assertInterval(0.0624, 0.1605, ProportionIntervals.wilson(15, 148), FOUR_DP);
        assertInterval(0.0000, 0.1611, ProportionIntervals.wilson(0, 20), FOUR_DP);
        assertInterval(0.0061, 0.1718, ProportionIntervals.wilson(1, 29), FOUR_DP);
    }

    @Test
    void clopperPearsonMatchesNewcombeTableI() {
        assertInterval(0.2527, 0.3676, ProportionIntervals.clopperPearson(81, 263), FOUR_DP);
        assertInterval(0.0578, 0.1617, ProportionIntervals.clopperPearson(15, 148), FOUR_DP);
        assertInterval(0.0000, 0.1684, ProportionIntervals.clopperPearson(0, 20), FOUR_DP);
        assertInterval(0.0009, 0.1776, ProportionIntervals.clopperPearson(1, 29), FOUR_DP);
    }

    @Test
    void methodNames() {
        assertEquals("wilson", ProportionIntervals.wilson(3, 10).method());
        assertEquals("clopper-pearson", ProportionIntervals.clopperPearson(3, 10).method());
    }

    @Test
    void wilsonAtZeroAndAllSuccessesHasClosedForm() {
        // x = 0: the root of the score equation is 0 and the upper bound is
        // (z²/2 + z·sqrt(z²/4)) / (n + z²) = z² / (n + z²).
        // n = 20: 3.8414588206941254 / 23.8414588206941254 = 0.16112515805281938.
        Interval zero = ProportionIntervals.wilson(0, 20);
        assertEquals(0.0, zero.lower());
        assertEquals(Z2 / (20 + Z2), zero.upper(), 1e-15);
        assertEquals(0.16112515805281938, zero.upper(), 1e-12);
        // x = n: by symmetry the lower bound is n / (n + z²), the upper exactly 1.
        // n = 10: 10 / 13.8414588206941254 = 0.7224672001371107.
        Interval all = ProportionIntervals.wilson(10, 10);
        assertEquals(0.7224672001371107, all.lower(), 1e-12);
        assertEquals(1.0, all.upper());
    }

    @Test
    void clopperPearsonAtTheEdgesHasClosedForm() {
        // With alpha = 0.05, x = 0: P(X = 0 | p) = (1 - p)^n = alpha/2 gives
        // upper = 1 - 0.025^(1/n). n = 20: 1 - exp(ln(0.025)/20) = 1 - exp(-0.1844440)
        // = 1 - 0.8315665 = 0.1684335.
        Interval zero = ProportionIntervals.clopperPearson(0, 20);
        assertEquals(0.0, zero.lower());
        assertEquals(1 - Math.pow(0.025, 1.0 / 20), zero.upper(), 1e-12);
        assertEquals(0.16843347098308536, zero.upper(), 1e-12);
        // x = n: lower = 0.025^(1/n); n = 10: exp(-3.6888794/10) = 0.6915029.
        Interval all = ProportionIntervals.clopperPearson(10, 10);
        assertEquals(0.6915028921812392, all.lower(), 1e-12);
        assertEquals(1.0, all.upper());
        // x = 1: P(X >= 1 | p) = 1 - (1 - p)^n = alpha/2 gives lower = 1 - 0.975^(1/n).
        // n = 29: 1 - exp(ln(0.975)/29) = 1 - exp(-0.000873028) = 0.000872647 (Table I: 0.0009).
        assertEquals(1 - Math.pow(0.975, 1.0 / 29),
                ProportionIntervals.clopperPearson(1, 29).lower(), 1e-12);
        // x = n - 1: by symmetry upper = 0.975^(1/n).
        assertEquals(Math.pow(0.975, 1.0 / 29),
                ProportionIntervals.clopperPearson(28, 29).upper(), 1e-12);
    }

    @Test
    void wilsonAtHalfOfATinySampleIsSymmetric() {
        // x = 0.25, n = 0.5 (weighted, smaller than one observation).
        // centre = (0.25 + z²/2) / (0.5 + z²) = 1/2 exactly, because x = n/2.
        // half-width = z·sqrt(0.25·0.25/0.5 + z²/4) / (0.5 + z²)
        //            = 1.959964·sqrt(0.125 + 0.9603647) / 4.3414588
        //            = 1.959964·1.0418084 / 4.3414588 = 0.4703274
        // bounds = 0.5 ± 0.4703274 = (0.0296726, 0.9703274).
        Interval i = ProportionIntervals.wilson(0.25, 0.5);
        assertEquals(0.02967263028612327, i.lower(), 1e-12);
        assertEquals(0.9703273697138768, i.upper(), 1e-12);
        assertEquals(1.0, i.lower() + i.upper(), 1e-15);
    }

    @Test
    void wilsonWithWeightedCounts() {
        // x = 2.5, n = 10:
        // centre = (2.5 + 1.9207294) / 13.8414588 = 4.4207294 / 13.8414588 = 0.3193832
        // x(n - x)/n + z²/4 = 2.5·7.5/10 + 0.9603647 = 2.8353647, sqrt = 1.6838541
        // half-width = 1.9599640·1.6838541 / 13.8414588 = 0.2384354
        // bounds = (0.0809478, 0.5578186)
        Interval i = ProportionIntervals.wilson(2.5, 10);
        assertEquals(0.08094782420999447, i.lower(), 1e-12);
        assertEquals(0.5578185757214502, i.upper(), 1e-12);
    }

    @Test
    void clopperPearsonWithWeightedCounts() {
        // Beta quantiles from an independent implementation, SciPy 1.17.1:
        //   scipy.stats.beta.ppf(0.025, 2.5, 8.5) = 0.044059413552630794
        //   scipy.stats.beta.isf(0.025, 3.5, 7.5) = 0.6058183181486714
        Interval i = ProportionIntervals.clopperPearson(2.5, 10);
        assertEquals(0.044059413552630794, i.lower(), 1e-10);
        assertEquals(0.6058183181486714, i.upper(), 1e-10);
        // Tiny sample x = 0.25, n = 0.5:
        //   scipy.stats.beta.ppf(0.025, 0.25, 1.25) = 2.885020920392e-07
        //   scipy.stats.beta.isf(0.025, 1.25, 0.25) = 0.999999711497908
        Interval tiny = ProportionIntervals.clopperPearson(0.25, 0.5);
        assertEquals(2.885020920392e-07, tiny.lower(), 1e-15);
        assertEquals(0.999999711497908, tiny.upper(), 1e-12);
    }

    @Test
    void confidenceLevelIsHonoured() {
        // 90%: z = 1.6448536269514729 (0.95 quantile of N(0, 1)), z² = 2.7055435.
        // Wilson 81/263: centre = (81 + 1.3527717) / 265.7055435 = 0.3099400,
        // half-width = 1.6448536·sqrt(81·182/263 + 0.6763859) / 265.7055435
        //            = 1.6448536·sqrt(56.7296178) / 265.7055435 = 0.0466264
        // bounds = (0.2633136, 0.3565663)
        Interval w = ProportionIntervals.wilson(81, 263, 0.90);
        assertEquals(0.26331361718848145, w.lower(), 1e-12);
        assertEquals(0.35656634960848820, w.upper(), 1e-12);
        // Clopper-Pearson 81/263 at 90%, SciPy 1.17.1:
        //   beta.ppf(0.05, 81, 183) = 0.26105574600911197, beta.isf(0.05, 82, 182) = 0.35817849557578413
        Interval cp = ProportionIntervals.clopperPearson(81, 263, 0.90);
        assertEquals(0.26105574600911197, cp.lower(), 1e-10);
        assertEquals(0.35817849557578413, cp.upper(), 1e-10);
    }

    @Test
    void agreesWithCommonsBinomialConfidenceIntervalOnIntegerCounts() {
        int[][] cases = {{0, 1}, {1, 1}, {0, 5}, {3, 7}, {7, 7}, {1, 29}, {15, 148}, {81, 263},
            {500, 1000}, {1, 10000}, {9999, 10000}};
        double[] confidences = {0.5, 0.9, 0.95, 0.99};
        for (int[] c : cases) {
            for (double conf : confidences) {
                int x = c[0];
                int n = c[1];
                double alpha = 1 - conf;
                org.apache.commons.statistics.interval.Interval w =
                        BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(n, x, alpha);
                Interval ours = ProportionIntervals.wilson(x, n, conf);
                String what = "wilson " + x + "/" + n + " @" + conf;
                assertEquals(w.getLowerBound(), ours.lower(), 1e-12, what);
                assertEquals(w.getUpperBound(), ours.upper(), 1e-12, what);
                org.apache.commons.statistics.interval.Interval e =
                        BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(n, x, alpha);
                Interval exact = ProportionIntervals.clopperPearson(x, n, conf);
                what = "clopper-pearson " + x + "/" + n + " @" + conf;
                assertEquals(e.getLowerBound(), exact.lower(), 1e-12, what);
                assertEquals(e.getUpperBound(), exact.upper(), 1e-12, what);
            }
        }
    }

    @Test
    void higherConfidenceGivesWiderInterval() {
        Interval w90 = ProportionIntervals.wilson(15, 148, 0.90);
        Interval w99 = ProportionIntervals.wilson(15, 148, 0.99);
        assertTrue(w99.lower() < w90.lower() && w90.upper() < w99.upper());
        Interval e90 = ProportionIntervals.clopperPearson(15, 148, 0.90);
        Interval e99 = ProportionIntervals.clopperPearson(15, 148, 0.99);
        assertTrue(e99.lower() < e90.lower() && e90.upper() < e99.upper());
    }

    @Test
    void rejectsSuccessesOutsideRange() {
        assertMessage("x must be in [0, n], was 12.0 with n = 10.0",
                () -> ProportionIntervals.wilson(12, 10));
        assertMessage("x must be in [0, n], was -1.0 with n = 10.0",
                () -> ProportionIntervals.clopperPearson(-1, 10));
        assertMessage("x must be in [0, n], was NaN with n = 10.0",
                () -> ProportionIntervals.wilson(Double.NaN, 10));
    }

    @Test
    void rejectsNonPositiveOrNonFiniteTrials() {
        assertMessage("n must be finite and > 0, was 0.0", () -> ProportionIntervals.wilson(0, 0));
        assertMessage("n must be finite and > 0, was -3.0",
                () -> ProportionIntervals.clopperPearson(0, -3));
        assertMessage("n must be finite and > 0, was Infinity",
                () -> ProportionIntervals.wilson(1, Double.POSITIVE_INFINITY));
        assertMessage("n must be finite and > 0, was NaN",
                () -> ProportionIntervals.clopperPearson(1, Double.NaN));
    }

    @Test
    void rejectsConfidenceOutsideOpenUnitInterval() {
        assertMessage("confidence must be in (0, 1), was 1.0",
                () -> ProportionIntervals.wilson(1, 10, 1));
        assertMessage("confidence must be in (0, 1), was 0.0",
                () -> ProportionIntervals.clopperPearson(1, 10, 0));
        assertMessage("confidence must be in (0, 1), was 95.0",
                () -> ProportionIntervals.wilson(1, 10, 95));
        assertMessage("confidence must be in (0, 1), was NaN",
                () -> ProportionIntervals.clopperPearson(1, 10, Double.NaN));
    }

    static void assertInterval(double lower, double upper, Interval actual, double tolerance) {
        assertEquals(lower, actual.lower(), tolerance, () -> "lower of " + actual);
        assertEquals(upper, actual.upper(), tolerance, () -> "upper of " + actual);
    }

    static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
