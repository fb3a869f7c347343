package dev.fairaudit.metrics.stats;

import java.util.Optional;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * Two-sided significance tests for equality of proportions between groups.
 *
 * <p>The two-group methods take successes {@code x1, x2} out of group sizes {@code n1, n2}
 * and require {@code n1, n2} finite and {@code > 0} and {@code 0 <= x1 <= n1},
 * {@code 0 <= x2 <= n2}. Counts may be weighted (non-integer); see each method for how that is
 * handled.
 */
public final class ProportionTests {

    /** Test identifier of {@link #twoProportionZ(double, double, double, double)}. */
    static final String TWO_PROPORTION_Z = "two-proportion-z";

    /** Test identifier of {@link #fisherExact(double, double, double, double)}. */
    static final String FISHER_EXACT = "fisher-exact";

    /** Test identifier of {@link #chiSquaredIndependence(double[][])}. */
    static final String CHI_SQUARED = "chi-squared";

    /** Smallest expected cell count for which {@link #compare} uses the z-test. */
    static final double MIN_EXPECTED_FOR_Z = 5;

    private static final FisherExactTest FISHER = FisherExactTest.withDefaults();

    private ProportionTests() {
    }

    /**
     * Two-sided two-proportion z-test with pooled variance:
     * <pre>
     *   p = (x1 + x2) / (n1 + n2)
     *   z = (x1/n1 - x2/n2) / sqrt(p·(1 - p)·(1/n1 + 1/n2))
     *   p-value = 2·P(Z &gt; |z|)
     * </pre>
     * When the pooled proportion is 0 or 1 both groups are identical (all failures or all
     * successes): the statistic is 0 and the p-value 1. The statistic is the signed {@code z};
     * degrees of freedom are 0 (not applicable). Weighted counts are used as they are.
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @return the result, test {@code "two-proportion-z"}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static TestResult twoProportionZ(double x1, double n1, double x2, double n2) {
        Checks.requireCounts("x1", x1, "n1", n1);
        Checks.requireCounts("x2", x2, "n2", n2);
        final double total = n1 + n2;
        final double pooled = (x1 + x2) / total;
        // 1 - pooled from the failure counts, which avoids cancellation when pooled is near 1.
        final double pooledFailures = ((n1 - x1) + (n2 - x2)) / total;
        if (pooled <= 0 || pooledFailures <= 0) {
            return new TestResult(TWO_PROPORTION_Z, 0, 0, 1);
        }
        final double se = Math.sqrt(pooled * pooledFailures * (1 / n1 + 1 / n2));
        final double z = (x1 / n1 - x2 / n2) / se;
        final double p = Math.min(1, 2 * Checks.normalSurvival(Math.abs(z)));
        return new TestResult(TWO_PROPORTION_Z, z, 0, p);
    }

    /**
     * Two-sided Fisher's exact test for the 2x2 table {@code [[x1, n1 - x1], [x2, n2 - x2]]},
     * computed by Apache Commons Statistics' {@code FisherExactTest} (the two-sided p-value
     * sums the probabilities of all tables with the same margins that are no more likely than
     * the observed one).
     *
     * <p>The test needs integer counts: {@code x1, n1, x2, n2} are each rounded to the nearest
     * integer (halves round up, as {@link Math#round(double)}) and the second column is
     * derived as {@code round(n) - round(x)}, so the rounded group sizes are preserved. If both
     * rounded group sizes are 0 the table is empty, carries no evidence, and the p-value is 1.
     *
     * <p>The statistic is the rounded top-left count {@code round(x1)}, which is the
     * hypergeometric variable the test conditions on; degrees of freedom are 0 (exact test).
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @return the result, test {@code "fisher-exact"}
     * @throws IllegalArgumentException if an argument is out of range, or if
     *     {@code round(n1) + round(n2)} exceeds {@link Integer#MAX_VALUE}
     */
    public static TestResult fisherExact(double x1, double n1, double x2, double n2) {
        Checks.requireCounts("x1", x1, "n1", n1);
        Checks.requireCounts("x2", x2, "n2", n2);
        final long a = Math.round(x1);
        final long rowOne = Math.round(n1);
        final long c = Math.round(x2);
        final long rowTwo = Math.round(n2);
        if (rowOne + rowTwo > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("n1 + n2 must be at most " + Integer.MAX_VALUE
                    + " after rounding for Fisher's exact test, was " + (rowOne + rowTwo)
                    + " with n1 = " + n1 + ", n2 = " + n2);
        }
        if (rowOne + rowTwo == 0) {
            return new TestResult(FISHER_EXACT, a, 0, 1);
        }
        final int[][] table = {
            {(int) a, (int) (rowOne - a)},
            {(int) c, (int) (rowTwo - c)},
        };
        final double p = FISHER.test(table).getPValue();
        return new TestResult(FISHER_EXACT, a, 0, p);
    }

    /**
     * Compares two proportions with the test suited to the counts: Fisher's exact test when any
     * expected cell count of the 2x2 table {@code [[x1, n1 - x1], [x2, n2 - x2]]} under
     * independence is below 5, otherwise the pooled two-proportion z-test. Expected counts are
     * {@code rowTotal·columnTotal / (n1 + n2)}, computed from the unrounded counts.
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @return the result of {@link #fisherExact} or {@link #twoProportionZ}; its
     *     {@link TestResult#test()} tells which
     * @throws IllegalArgumentException as the chosen test does
     */
    public static TestResult compare(double x1, double n1, double x2, double n2) {
        Checks.requireCounts("x1", x1, "n1", n1);
        Checks.requireCounts("x2", x2, "n2", n2);
        final double total = n1 + n2;
        final double successes = x1 + x2;
        final double failures = (n1 - x1) + (n2 - x2);
        final double smallestRow = Math.min(n1, n2);
        final double smallestColumn = Math.min(successes, failures);
        // The smallest expected cell is the product of the smallest margins over the total.
        final double smallestExpected = smallestRow * smallestColumn / total;
        return smallestExpected < MIN_EXPECTED_FOR_Z
                ? fisherExact(x1, n1, x2, n2)
                : twoProportionZ(x1, n1, x2, n2);
    }

    /**
     * Pearson's chi-squared test of independence for an r x c table of (possibly weighted)
     * counts, rows being groups and columns outcomes, without continuity correction:
     * <pre>
     *   E[i][j] = rowTotal[i]·columnTotal[j] / total
     *   X² = Σ (table[i][j] - E[i][j])² / E[i][j],   df = (r - 1)(c - 1)
     * </pre>
     * and the p-value is the upper tail of the chi-squared distribution with {@code df}
     * degrees of freedom (Apache Commons Statistics' {@code ChiSquaredDistribution}).
     *
     * <p>Rows and columns whose total is 0 carry no information and are dropped first; r and c
     * count what remains. If fewer than 2 rows or fewer than 2 columns remain (including an
     * empty table) the test is undefined and the result is empty.
     *
     * <p>The statistic is computed here rather than by Commons' {@code ChiSquareTest} because
     * that class only accepts integer ({@code long}) counts; for integer tables both agree.
     *
     * @param table the counts, {@code table[row][column]}; rectangular, every entry finite and
     *     {@code >= 0}; not modified
     * @return the result, test {@code "chi-squared"}, or empty when undefined
     * @throws NullPointerException if the table or a row is null
     * @throws IllegalArgumentException if the table is ragged or an entry is negative or not
     *     finite
     */
    public static Optional<TestResult> chiSquaredIndependence(double[][] table) {
        if (table == null) {
            throw new NullPointerException("table must not be null");
        }
        final int rows = table.length;
        final int columns = rows == 0 ? 0 : requireRow(table, 0).length;
        final double[] rowTotals = new double[rows];
        final double[] columnTotals = new double[columns];
        for (int i = 0; i < rows; i++) {
            final double[] row = requireRow(table, i);
            if (row.length != columns) {
                throw new IllegalArgumentException("table must be rectangular: row " + i
                        + " has " + row.length + " columns, row 0 has " + columns);
            }
            for (int j = 0; j < columns; j++) {
                final double v = row[j];
                if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
                    throw new IllegalArgumentException(
                            "table[" + i + "][" + j + "] must be finite and >= 0, was " + v);
                }
                rowTotals[i] += v;
                columnTotals[j] += v;
            }
        }
        final int keptRows = countPositive(rowTotals);
        final int keptColumns = countPositive(columnTotals);
        if (keptRows < 2 || keptColumns < 2) {
            return Optional.empty();
        }
        double total = 0;
        for (double r : rowTotals) {
            total += r;
        }
        double statistic = 0;
        for (int i = 0; i < rows; i++) {
            if (rowTotals[i] == 0) {
                continue;
            }
            for (int j = 0; j < columns; j++) {
                if (columnTotals[j] == 0) {
                    continue;
                }
                final double expected = rowTotals[i] * columnTotals[j] / total;
                final double diff = table[i][j] - expected;
                statistic += diff * diff / expected;
            }
        }
        final double df = (double) (keptRows - 1) * (keptColumns - 1);
        final double p = ChiSquaredDistribution.of(df).survivalProbability(statistic);
        return Optional.of(new TestResult(CHI_SQUARED, statistic, df, p));
    }

    private static double[] requireRow(double[][] table, int i) {
        final double[] row = table[i];
        if (row == null) {
            throw new NullPointerException("table[" + i + "] must not be null");
        }
        return row;
    }

    private static int countPositive(double[] totals) {
        int count = 0;
        for (double t : totals) {
            if (t > 0) {
                count++;
            }
        }
        return count;
    }
}
