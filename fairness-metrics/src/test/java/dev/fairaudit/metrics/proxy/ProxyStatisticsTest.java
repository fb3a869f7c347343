package dev.fairaudit.metrics.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The statistics behind screening against independently computed values. */
class ProxyStatisticsTest {

    @Test
    void chiSquaredCramersVAndUncertaintyMatchReferencesOnTwoByThree() {
        Contingency t = new Contingency(new long[][] {{10, 20, 30}, {25, 15, 5}});
        // SciPy 1.17.1: scipy.stats.chi2_contingency([[10,20,30],[25,15,5]], correction=False)
        //   -> statistic 23.333333333333336, pvalue 8.57493910267228e-06, dof 2
        assertEquals(23.333333333333336, t.chiSquared(), 1e-12);
        assertEquals(8.57493910267228e-06, t.chiSquaredPValue(), 1e-15);
        assertEquals(2, t.degreesOfFreedom());
        // Bergsma (2013) by hand: n = 105, phi2 = 23.3333/105 = 0.2222222, minus (k-1)(r-1)/(n-1) = 2/104
        // -> 0.2029915; r~ = 2 - 1/104 = 1.9903846, k~ = 3 - 4/104 = 2.9615385; V = sqrt(0.2029915 / 0.9903846)
        // = 0.4527276 (uncorrected, scipy.stats.contingency.association(t, method='cramer') = 0.4714045).
        assertEquals(0.4527276, t.cramersV(), 1e-6);
        // numpy: U(col|row) = sum p_ij ln(p_ij / (p_i p_j)) / -(sum p_j ln p_j) = 0.10844902738180842
        assertEquals(0.10844902738180842, t.mutualInformation() / t.columnEntropy(), 1e-12);
    }

    @Test
    void chiSquaredCramersVAndUncertaintyMatchReferencesOnFourByThree() {
        Contingency t = new Contingency(new long[][] {{12, 5, 9}, {7, 14, 3}, {20, 8, 11}, {4, 9, 16}});
        // SciPy 1.17.1: chi2_contingency(..., correction=False) -> 23.572134463936322, p 0.0006258473549526825, dof 6
        assertEquals(23.572134463936322, t.chiSquared(), 1e-10);
        assertEquals(0.0006258473549526825, t.chiSquaredPValue(), 1e-14);
        // Bergsma (2013) with n = 118, r = 4, k = 3, evaluated in Python from the SciPy statistic: 0.2748309410192179
        assertEquals(0.2748309410192179, t.cramersV(), 1e-10);
        assertEquals(0.09219550886590704, t.mutualInformation() / t.columnEntropy(), 1e-12);
    }

    @Test
    void emptyRowsAndColumnsAreDroppedBeforeMeasuring() {
        Contingency t = new Contingency(new long[][] {{10, 0, 20, 30}, {0, 0, 0, 0}, {25, 0, 15, 5}});
        assertEquals(2, t.rows);
        assertEquals(3, t.columns);
        assertEquals(23.333333333333336, t.chiSquared(), 1e-12);
    }

    @Test
    void independentTableHasZeroCorrectedV() {
        // phi2 = 0 exactly, so the corrected phi2 is clipped at 0.
        Contingency t = new Contingency(new long[][] {{10, 20}, {20, 40}});
        assertEquals(0, t.cramersV(), 0);
        assertEquals(1, t.chiSquaredPValue(), 1e-12);
    }

    @Test
    void smallExpectedCountsFailCochransRule() {
        assertFalse(new Contingency(new long[][] {{3, 1}, {1, 3}}).chiSquaredApproximationHolds());
        assertTrue(new Contingency(new long[][] {{30, 10}, {10, 30}}).chiSquaredApproximationHolds());
    }

    @Test
    void permutationPValueAgreesWithFishersExactOnTwoByTwo() {
        // [[8,2],[1,5]]: chi2 = 6.112; the permutation test with fixed margins is the two-sided Fisher test with the
        // chi-squared ordering. SciPy 1.17.1: scipy.stats.fisher_exact([[8,2],[1,5]]) -> pvalue 0.03496503496503495
        // (tables at least as extreme in probability coincide with those at least as extreme in chi2 here).
        Contingency t = new Contingency(new long[][] {{8, 2}, {1, 5}});
        double p = t.permutationPValue(20000, 7);
        assertEquals(0.03496503496503495, p, 0.006);
    }

    @Test
    void cochranMantelHaenszelMatchesTheRabbitsExampleOfR() {
        // R documentation of mantelhaen.test, example "Rabbits" (Penicillin; rows Delay None/1.5h, columns
        // Cured/Died, five strata). R prints: Mantel-Haenszel X-squared = 3.9286, df = 1, p-value = 0.04747;
        // 95 percent CI 1.026713 47.725133; common odds ratio 7. Recomputed in numpy from the formulas: statistic
        // 3.928571428571429, p 0.047472255142918154, CI [1.0267126729160567, 47.725134102836].
        double[][] strata = {{0, 6, 0, 5}, {3, 3, 0, 6}, {6, 0, 2, 4}, {5, 1, 6, 0}, {2, 0, 5, 0}};
        MantelHaenszel mh = MantelHaenszel.of(strata, true);
        assertEquals(3.9286, mh.statistic, 5e-5);
        assertEquals(0.04747, mh.pValue, 5e-6);
        assertEquals(7.0, mh.oddsRatio, 1e-12);
        assertEquals(1.026713, mh.lower, 1e-6);
        assertEquals(47.725133, mh.upper, 2e-6);
        assertEquals(5, mh.strataUsed);
    }

    @Test
    void cochranMantelHaenszelWithoutContinuityCorrection() {
        double[][] strata = {{0, 6, 0, 5}, {3, 3, 0, 6}, {6, 0, 2, 4}, {5, 1, 6, 0}, {2, 0, 5, 0}};
        // numpy from the formulas: sum(a - E a) = 3.0, sum var = 1.5909090909090908, statistic 9 / 1.5909... =
        // 5.6571428571428575; scipy.stats.chi2.sf(5.6571428571428575, 1) = 0.017384420352066172
        // (R: mantelhaen.test(Rabbits, correct = FALSE)).
        MantelHaenszel plain = MantelHaenszel.of(strata, false);
        assertEquals(5.6571428571428575, plain.statistic, 1e-12);
        assertEquals(0.017384420352066172, plain.pValue, 1e-12);
    }

    @Test
    void aucOfPerfectlySeparatedAndOfTiedScores() {
        // By hand: positives all score above negatives -> 1; every score tied -> 0.5.
        assertEquals(1.0, OutOfFoldAuc.auc(new double[] {0.1, 0.9}, new long[] {0, 5}, new long[] {7, 0}, 2), 0);
        assertEquals(0.5, OutOfFoldAuc.auc(new double[] {0.3, 0.3}, new long[] {2, 3}, new long[] {4, 1}, 2), 0);
        // Mann-Whitney by hand: scores 1,2,3 with (pos,neg) (1,2),(1,1),(2,0): pairs 4 pos x 3 neg = 12;
        // concordant: pos@2 beats 2 negs (2), half tie with 1 (0.5); pos@3 x2 beat 3 negs (6); pos@1 tie 2 negs (1)
        // -> 9.5 / 12.
        assertEquals(9.5 / 12, OutOfFoldAuc.auc(new double[] {3, 1, 2}, new long[] {2, 1, 1},
                new long[] {0, 2, 1}, 3), 1e-12);
    }

    @Test
    void outOfFoldEncodingGivesNoSignalForValuesSeenOnce() {
        // 200 categories, each one row: in-sample encoding would separate perfectly, out-of-fold sees nothing.
        long[][][] counts = new long[200][2][5];
        for (int c = 0; c < 200; c++) {
            counts[c][c % 2][c % 5] = 1;
        }
        double auc = OutOfFoldAuc.of(counts, 20);
        assertTrue(auc < 0.6, "AUC " + auc);
    }
}
