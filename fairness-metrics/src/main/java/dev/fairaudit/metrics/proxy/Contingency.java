package dev.fairaudit.metrics.proxy;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/** Association measures of a category × attribute table of counts. Empty rows and columns are dropped first. */
final class Contingency {

    /**
     * Budget of a permutation test in sampling steps ({@link FixedMarginsTables#expectedSteps}); a table that would
     * need more for 99 draws gets the chi-squared approximation with a warning (see docs/proxies.md).
     */
    static final double MAX_SAMPLING_STEPS = 1e8;

    final long[][] table;
    final int rows;
    final int columns;
    final long n;
    final long[] rowTotals;
    final long[] columnTotals;

    Contingency(long[][] raw) {
        int r0 = raw.length;
        int c0 = r0 == 0 ? 0 : raw[0].length;
        long[] rt = new long[r0];
        long[] ct = new long[c0];
        for (int i = 0; i < r0; i++) {
            for (int j = 0; j < c0; j++) {
                rt[i] += raw[i][j];
                ct[j] += raw[i][j];
            }
        }
        int keptRows = 0;
        for (long t : rt) {
            keptRows += t > 0 ? 1 : 0;
        }
        int keptColumns = 0;
        for (long t : ct) {
            keptColumns += t > 0 ? 1 : 0;
        }
        table = new long[keptRows][keptColumns];
        rowTotals = new long[keptRows];
        columnTotals = new long[keptColumns];
        long total = 0;
        int i2 = 0;
        for (int i = 0; i < r0; i++) {
            if (rt[i] == 0) {
                continue;
            }
            int j2 = 0;
            for (int j = 0; j < c0; j++) {
                if (ct[j] == 0) {
                    continue;
                }
                table[i2][j2] = raw[i][j];
                rowTotals[i2] += raw[i][j];
                columnTotals[j2] += raw[i][j];
                j2++;
            }
            total += rowTotals[i2];
            i2++;
        }
        rows = keptRows;
        columns = keptColumns;
        n = total;
    }

    /** Whether an association can be measured: at least two rows and two columns with counts. */
    boolean defined() {
        return rows >= 2 && columns >= 2;
    }

    int degreesOfFreedom() {
        return (rows - 1) * (columns - 1);
    }

    double chiSquared() {
        return chiSquared(table);
    }

    private double chiSquared(long[][] t) {
        double statistic = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double expected = (double) rowTotals[i] * columnTotals[j] / n;
                double diff = t[i][j] - expected;
                statistic += diff * diff / expected;
            }
        }
        return statistic;
    }

    double chiSquaredPValue() {
        return ChiSquaredDistribution.of(degreesOfFreedom()).survivalProbability(chiSquared());
    }

    /** Cells whose expected count is below 5. */
    int smallExpectedCells() {
        int small = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                if ((double) rowTotals[i] * columnTotals[j] / n < 5) {
                    small++;
                }
            }
        }
        return small;
    }

    double minExpected() {
        double min = Double.POSITIVE_INFINITY;
        for (long r : rowTotals) {
            for (long c : columnTotals) {
                min = Math.min(min, (double) r * c / n);
            }
        }
        return min;
    }

    /** Cochran's rule: no expected count below 1 and at most 20% below 5. */
    boolean chiSquaredApproximationHolds() {
        return minExpected() >= 1 && smallExpectedCells() <= 0.2 * rows * columns;
    }

    /**
     * Bias-corrected Cramér's V (Bergsma 2013, J. Korean Stat. Soc. 42:323–328): φ̃² = max(0, χ²/n − (k−1)(r−1)/(n−1)),
     * r̃ = r − (r−1)²/(n−1), k̃ = k − (k−1)²/(n−1), Ṽ = √(φ̃² / min(k̃−1, r̃−1)); NaN when the denominator is not
     * positive.
     */
    double cramersV() {
        double nm1 = n - 1.0;
        double phi2 = chiSquared() / n;
        double phi2c = Math.max(0, phi2 - (double) (columns - 1) * (rows - 1) / nm1);
        double rc = rows - (rows - 1.0) * (rows - 1.0) / nm1;
        double kc = columns - (columns - 1.0) * (columns - 1.0) / nm1;
        double denominator = Math.min(kc - 1, rc - 1);
        // Ṽ is at most 1 (at perfect association φ̃² equals the denominator exactly); the clamp only removes the
        // rounding error that made a perfect k × k table give 1.0000000000000002 (found by ProxyPropertiesTest).
        return denominator > 0 ? Math.min(1.0, Math.sqrt(phi2c / denominator)) : Double.NaN;
    }

    /** Mutual information in nats. */
    double mutualInformation() {
        double mi = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                long x = table[i][j];
                if (x > 0) {
                    mi += (double) x / n * Math.log((double) x * n / ((double) rowTotals[i] * columnTotals[j]));
                }
            }
        }
        return Math.max(0, mi);
    }

    /** Entropy of the columns (the attribute) in nats. */
    double columnEntropy() {
        double h = 0;
        for (long c : columnTotals) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }

    /**
     * Monte Carlo permutation p-value of the chi-squared statistic with both margins fixed,
     * {@code (1 + #{χ²* ≥ χ²}) / (B + 1)}. Shuffling the attribute over the rows and counting gives a table whose
     * distribution, given both margins, is the multivariate hypergeometric; the tables are drawn from that
     * distribution directly, one cell at a time ({@link FixedMarginsTables}, the approach of Patefield's algorithm
     * AS 159), so the cost depends on the cells and their spread, not on the number of rows. NaN when fewer than
     * 99 tables fit in {@link #MAX_SAMPLING_STEPS} or the table has more than {@link Integer#MAX_VALUE} rows.
     */
    double permutationPValue(int permutations, long seed) {
        long b = permutationsRun(permutations);
        if (b < 99) {
            return Double.NaN;
        }
        double observed = chiSquared() * (1 - 1e-12);
        FixedMarginsTables tables = new FixedMarginsTables(rowTotals, columnTotals, new SplittableRandom(seed));
        long[][] t = new long[rows][columns];
        long atLeast = 0;
        for (long p = 0; p < b; p++) {
            tables.next(t);
            if (chiSquared(t) >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (b + 1.0);
    }

    /**
     * The tables {@link #permutationPValue} draws: {@code permutations}, fewer when they would exceed
     * {@link #MAX_SAMPLING_STEPS}, 0 when the rows do not fit in an int.
     */
    long permutationsRun(int permutations) {
        if (n > Integer.MAX_VALUE) {
            return 0;
        }
        double perTable = FixedMarginsTables.expectedSteps(rowTotals, columnTotals);
        return (long) Math.min(permutations, Math.floor(MAX_SAMPLING_STEPS / perTable));
    }
}
