package dev.fairaudit.metrics.stats;

import static dev.fairaudit.metrics.stats.ProportionIntervalsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import org.junit.jupiter.api.Test;

/** Two-proportion z-test, Fisher's exact test, the automatic choice, and chi-squared. */
class ProportionTestsTest {

    // ---------------------------------------------------------------- two-proportion z-test

    @Test
    void zTestHandExample() {
        // 30/100 vs 20/100: pooled p = 50/200 = 0.25
        // var = 0.25·0.75·(1/100 + 1/100) = 0.1875·0.02 = 0.00375, se = 0.0612372
        // z = (0.3 - 0.2) / 0.0612372 = 1.6329932, and z² = 0.01 / 0.00375 = 8/3 exactly.
        // p = 2·P(Z > 1.6329932) = 0.1024704 (scipy.stats.norm.sf(sqrt(8/3))·2 =
        // 0.10247043485974937, SciPy 1.17.1).
        TestResult r = ProportionTests.twoProportionZ(30, 100, 20, 100);
        assertEquals("two-proportion-z", r.test());
        assertEquals(Math.sqrt(8.0 / 3), r.statistic(), 1e-12);
        assertEquals(0.0, r.degreesOfFreedom());
        assertEquals(0.10247043485974937, r.pValue(), 1e-12);
    }

    @Test
    void zTestHandExampleWithUnequalGroups() {
        // 10/40 vs 45/100: pooled p = 55/140 = 0.3928571, 1 - p = 85/140
        // var = (55/140)·(85/140)·(1/40 + 1/100) = (55·85)/(140·140)·(140/4000)
        //     = 4675/560000 = 0.0083482, se = 0.0913686
        // z = (0.25 - 0.45) / 0.0913686 = -2.1889367; z² = (1/25)·(560000/4675) = 896/187.
        // p = 2·scipy.stats.norm.sf(2.188936693983492) = 0.028601441589726242 (SciPy 1.17.1).
        TestResult r = ProportionTests.twoProportionZ(10, 40, 45, 100);
        assertEquals(-Math.sqrt(896.0 / 187), r.statistic(), 1e-12);
        assertEquals(0.028601441589726242, r.pValue(), 1e-12);
    }

    @Test
    void zTestStatisticIsSignedAndPValueTwoSided() {
        TestResult r = ProportionTests.twoProportionZ(20, 100, 30, 100);
        assertEquals(-Math.sqrt(8.0 / 3), r.statistic(), 1e-12);
        assertEquals(0.10247043485974937, r.pValue(), 1e-12);
    }

    @Test
    void zTestWithWeightedCounts() {
        // 2.5/5 vs 1/5: pooled p = 3.5/10 = 0.35, var = 0.35·0.65·(0.2 + 0.2) = 0.091,
        // se = 0.3016621, z = (0.5 - 0.2) / 0.3016621 = 0.9944903.
        // p = 2·scipy.stats.norm.sf(0.9944903161976937) = 0.3199842176010116.
        TestResult r = ProportionTests.twoProportionZ(2.5, 5, 1, 5);
        assertEquals(0.3 / Math.sqrt(0.091), r.statistic(), 1e-12);
        assertEquals(0.9944903161976937, r.statistic(), 1e-12);
        assertEquals(0.3199842176010116, r.pValue(), 1e-12);
    }

    @Test
    void zTestWithIdenticalDegenerateGroups() {
        // Pooled proportion 0 (nobody selected) or 1 (everybody selected): no difference.
        assertEquals(new TestResult("two-proportion-z", 0, 0, 1),
                ProportionTests.twoProportionZ(0, 10, 0, 20));
        assertEquals(new TestResult("two-proportion-z", 0, 0, 1),
                ProportionTests.twoProportionZ(10, 10, 5.5, 5.5));
    }

    @Test
    void zTestRejectsInvalidArguments() {
        assertMessage("x1 must be in [0, n1], was 11.0 with n1 = 10.0",
                () -> ProportionTests.twoProportionZ(11, 10, 1, 10));
        assertMessage("n2 must be finite and > 0, was 0.0",
                () -> ProportionTests.twoProportionZ(1, 10, 0, 0));
    }

    // ---------------------------------------------------------------- Fisher's exact test

    @Test
    void fisherTeaTasting() {
        // Fisher's lady tasting tea: [[3, 1], [1, 3]], all margins 4, N = 8.
        // P(a) = C(4, a)·C(4, 4 - a) / C(8, 4) = {1, 16, 36, 16, 1} / 70 for a = 0..4.
        // Two-sided: sum of P(a) <= P(3) = 16/70: (1 + 16 + 16 + 1) / 70 = 34/70 = 0.4857143.
        TestResult r = ProportionTests.fisherExact(3, 4, 1, 4);
        assertEquals("fisher-exact", r.test());
        assertEquals(34.0 / 70, r.pValue(), 1e-12);
        assertEquals(0.4857, r.pValue(), 0.5e-4);
        assertEquals(3.0, r.statistic());
        assertEquals(0.0, r.degreesOfFreedom());
    }

    @Test
    void fisherTwoSidedHandExample() {
        // [[1, 9], [11, 3]]: rows 10, 14; columns 12, 12; N = 24; C(24, 12) = 2704156.
        // P(a) ∝ C(10, a)·C(14, 12 - a): a=0: 91, a=1: 10·364 = 3640, a=9: 10·364 = 3640,
        // a=10: 1·91 = 91, a=8: 45·1001 = 45045 (> 3640, excluded, as are a = 2..7).
        // p = (91 + 3640 + 3640 + 91) / 2704156 = 7462 / 2704156 = 0.0027594562.
        TestResult r = ProportionTests.fisherExact(1, 10, 11, 14);
        assertEquals(7462.0 / 2704156, r.pValue(), 1e-12);
        assertEquals(1.0, r.statistic());
    }

    @Test
    void fisherRoundsWeightedCounts() {
        // x1 = 2.6 -> 3, n1 = 4.4 -> 4, x2 = 0.6 -> 1, n2 = 3.5 -> 4 (half rounds up):
        // the tea-tasting table [[3, 1], [1, 3]], p = 34/70.
        TestResult r = ProportionTests.fisherExact(2.6, 4.4, 0.6, 3.5);
        assertEquals(34.0 / 70, r.pValue(), 1e-12);
        assertEquals(3.0, r.statistic());
    }

    @Test
    void fisherWithEmptyRowsAfterRounding() {
        // round(0.4) = 0: group 1 is empty, only one table has these margins, p = 1.
        assertEquals(1.0, ProportionTests.fisherExact(0, 0.4, 2, 5).pValue(), 1e-15);
        // Both groups round to 0: empty table, p = 1 by definition.
        assertEquals(new TestResult("fisher-exact", 0, 0, 1),
                ProportionTests.fisherExact(0.2, 0.4, 0.1, 0.3));
    }

    @Test
    void fisherRejectsTablesTooLargeForInt() {
        assertMessage("n1 + n2 must be at most 2147483647 after rounding for Fisher's exact test,"
                + " was 4000000000 with n1 = 2.0E9, n2 = 2.0E9",
                () -> ProportionTests.fisherExact(1, 2e9, 1, 2e9));
        assertMessage("x2 must be in [0, n2], was 6.0 with n2 = 5.0",
                () -> ProportionTests.fisherExact(1, 5, 6, 5));
    }

    // ---------------------------------------------------------------- compare

    @Test
    void compareUsesFisherForSmallExpectedCounts() {
        // Tea table: every expected count is 4·4/8 = 2 < 5.
        TestResult r = ProportionTests.compare(3, 4, 1, 4);
        assertEquals("fisher-exact", r.test());
        assertEquals(34.0 / 70, r.pValue(), 1e-12);
    }

    @Test
    void compareUsesZTestForLargeExpectedCounts() {
        // 30/100 vs 20/100: smallest expected count = 100·50/200 = 25.
        TestResult r = ProportionTests.compare(30, 100, 20, 100);
        assertEquals("two-proportion-z", r.test());
        assertEquals(0.10247043485974937, r.pValue(), 1e-12);
    }

    @Test
    void compareThresholdIsFiveExpected() {
        // n1 = n2 = 10, 10 successes: smallest expected = 10·10/20 = 5, not below 5 -> z.
        assertEquals("two-proportion-z", ProportionTests.compare(7, 10, 3, 10).test());
        // 9 successes: smallest expected = 10·9/20 = 4.5 < 5 -> Fisher.
        assertEquals("fisher-exact", ProportionTests.compare(6, 10, 3, 10).test());
        // Failures column small: 19 successes, 1 failure -> 10·1/20 = 0.5 < 5 -> Fisher.
        assertEquals("fisher-exact", ProportionTests.compare(10, 10, 9, 10).test());
        // Unequal groups: n2 = 4, smallest expected = 4·50/104 = 1.92 < 5 -> Fisher.
        assertEquals("fisher-exact", ProportionTests.compare(48, 100, 2, 4).test());
    }

    @Test
    void compareValidatesBeforeChoosing() {
        assertMessage("x1 must be in [0, n1], was -1.0 with n1 = 4.0",
                () -> ProportionTests.compare(-1, 4, 1, 4));
    }

    // ---------------------------------------------------------------- chi-squared

    @Test
    void chiSquaredHandExample2x3() {
        // [[10, 20, 30], [20, 20, 20]]: row totals 60, 60; column totals 30, 40, 50; N = 120.
        // Expected: every row 15, 20, 25.
        // X² = 2·((10-15)²/15 + 0 + (30-25)²/25) = 2·(5/3 + 1) = 16/3 = 5.3333333, df = 2.
        // For df = 2 the survival function is exp(-x/2): p = exp(-8/3) = 0.0694835.
        TestResult r = ProportionTests.chiSquaredIndependence(
                new double[][] {{10, 20, 30}, {20, 20, 20}}).orElseThrow();
        assertEquals("chi-squared", r.test());
        assertEquals(16.0 / 3, r.statistic(), 1e-12);
        assertEquals(2.0, r.degreesOfFreedom());
        assertEquals(Math.exp(-8.0 / 3), r.pValue(), 1e-12);
    }

    @Test
    void chiSquared2x2EqualsSquaredZ() {
        // [[30, 70], [20, 80]]: expected 25, 75, 25, 75.
        // X² = 25/25 + 25/75 + 25/25 + 25/75 = 8/3 = z² of the z-test above; same p-value.
        TestResult r = ProportionTests.chiSquaredIndependence(
                new double[][] {{30, 70}, {20, 80}}).orElseThrow();
        assertEquals(8.0 / 3, r.statistic(), 1e-12);
        assertEquals(1.0, r.degreesOfFreedom());
        assertEquals(0.10247043485974937, r.pValue(), 1e-12);
    }

    @Test
    void chiSquaredWithWeightedCounts() {
        // [[2.5, 7.5], [5, 5]]: rows 10, 10; columns 7.5, 12.5; N = 20.
        // Expected 3.75, 6.25, 3.75, 6.25; every |O - E| = 1.25, (O - E)² = 1.5625.
        // X² = 2·1.5625/3.75 + 2·1.5625/6.25 = 0.8333333 + 0.5 = 4/3, df = 1.
        // p = P(χ²₁ > 4/3) = erfc(sqrt(2/3)) = 0.2482131 (scipy.stats.chi2.sf(4/3, 1)
        // = 0.24821307898992026).
        TestResult r = ProportionTests.chiSquaredIndependence(
                new double[][] {{2.5, 7.5}, {5, 5}}).orElseThrow();
        assertEquals(4.0 / 3, r.statistic(), 1e-12);
        assertEquals(0.24821307898992026, r.pValue(), 1e-12);
    }

    @Test
    void chiSquaredDropsEmptyRowsAndColumns() {
        // The 2x3 example with an empty group and an unused outcome inserted.
        TestResult r = ProportionTests.chiSquaredIndependence(new double[][] {
            {10, 0, 20, 30},
            {0, 0, 0, 0},
            {20, 0, 20, 20},
        }).orElseThrow();
        assertEquals(16.0 / 3, r.statistic(), 1e-12);
        assertEquals(2.0, r.degreesOfFreedom());
        assertEquals(Math.exp(-8.0 / 3), r.pValue(), 1e-12);
    }

    @Test
    void chiSquaredUndefinedWithFewerThanTwoRowsOrColumns() {
        assertEquals(Optional.empty(), ProportionTests.chiSquaredIndependence(new double[0][]));
        assertEquals(Optional.empty(),
                ProportionTests.chiSquaredIndependence(new double[][] {{}, {}}));
        assertEquals(Optional.empty(),
                ProportionTests.chiSquaredIndependence(new double[][] {{1, 2, 3}}));
        // Only one non-empty column remains.
        assertEquals(Optional.empty(),
                ProportionTests.chiSquaredIndependence(new double[][] {{5, 0}, {3, 0}}));
        // Only one non-empty row remains.
        assertEquals(Optional.empty(),
                ProportionTests.chiSquaredIndependence(new double[][] {{5, 2}, {0, 0}}));
        assertEquals(Optional.empty(),
                ProportionTests.chiSquaredIndependence(new double[][] {{0, 0}, {0, 0}}));
    }

    @Test
    void chiSquaredAgreesWithCommonsChiSquareTestOnIntegerTables() {
        long[][][] tables = {
            {{10, 20, 30}, {20, 20, 20}},
            {{30, 70}, {20, 80}},
            {{1, 2}, {3, 4}},
            {{12, 5, 7, 7}, {5, 12, 10, 1}, {3, 3, 30, 9}},
            {{1000, 1}, {999, 7}},
        };
        for (long[][] t : tables) {
            double[][] d = new double[t.length][];
            for (int i = 0; i < t.length; i++) {
                d[i] = new double[t[i].length];
                for (int j = 0; j < t[i].length; j++) {
                    d[i][j] = t[i][j];
                }
            }
            SignificanceResult expected = ChiSquareTest.withDefaults().test(t);
            TestResult actual = ProportionTests.chiSquaredIndependence(d).orElseThrow();
            assertEquals(expected.getStatistic(), actual.statistic(),
                    1e-12 * expected.getStatistic());
            assertEquals(expected.getPValue(), actual.pValue(), 1e-12);
            assertEquals((t.length - 1) * (t[0].length - 1), actual.degreesOfFreedom());
        }
    }

    @Test
    void chiSquaredRejectsInvalidTables() {
        assertMessage("table must be rectangular: row 1 has 3 columns, row 0 has 2",
                () -> ProportionTests.chiSquaredIndependence(new double[][] {{1, 2}, {1, 2, 3}}));
        assertMessage("table[1][0] must be finite and >= 0, was -1.0",
                () -> ProportionTests.chiSquaredIndependence(new double[][] {{1, 2}, {-1, 2}}));
        assertMessage("table[0][1] must be finite and >= 0, was NaN",
                () -> ProportionTests.chiSquaredIndependence(new double[][] {{1, Double.NaN}}));
        assertMessage("table[0][0] must be finite and >= 0, was Infinity",
                () -> ProportionTests.chiSquaredIndependence(
                        new double[][] {{Double.POSITIVE_INFINITY, 1}, {1, 1}}));
        assertThrows(NullPointerException.class,
                () -> ProportionTests.chiSquaredIndependence(null));
        assertEquals("table[1] must not be null", assertThrows(NullPointerException.class,
                () -> ProportionTests.chiSquaredIndependence(new double[][] {{1, 2}, null}))
                .getMessage());
    }

    @Test
    void chiSquaredDoesNotModifyItsInput() {
        double[][] table = {{10, 0, 20}, {0, 0, 0}, {20, 0, 20}};
        ProportionTests.chiSquaredIndependence(table);
        assertEquals(20.0, table[2][2]);
        assertEquals(3, table.length);
        assertEquals(3, table[0].length);
    }
}
