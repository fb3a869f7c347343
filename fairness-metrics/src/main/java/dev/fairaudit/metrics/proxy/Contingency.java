package dev.fairaudit.metrics.proxy;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/** Association measures of a category × attribute table of counts. Empty rows and columns are dropped first. */
final class Contingency {

    /** Above this many row draws a permutation test is not run (see docs/proxies.md). */
    static final long MAX_PERMUTATION_DRAWS = 200_000_000L;

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
     * Monte Carlo permutation p-value of the chi-squared statistic with both margins fixed: the attribute labels are
     * shuffled over the rows, {@code (1 + #{χ²* ≥ χ²}) / (B + 1)}. NaN when {@code n · B} would exceed
     * {@link #MAX_PERMUTATION_DRAWS} even with B = 99.
     */
    double permutationPValue(int permutations, long seed) {
        long b = Math.min(permutations, MAX_PERMUTATION_DRAWS / Math.max(1, n));
        if (b < 99) {
            return Double.NaN;
        }
        int size = (int) n;
        int[] labels = new int[size];
        int at = 0;
        for (int j = 0; j < columns; j++) {
            for (long k = 0; k < columnTotals[j]; k++) {
                labels[at++] = j;
            }
        }
        double observed = chiSquared() * (1 - 1e-12);
        SplittableRandom random = new SplittableRandom(seed);
        long[][] t = new long[rows][columns];
        long atLeast = 0;
        for (long p = 0; p < b; p++) {
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = labels[i];
                labels[i] = labels[j];
                labels[j] = swap;
            }
            for (long[] row : t) {
                java.util.Arrays.fill(row, 0);
            }
            int k = 0;
            for (int i = 0; i < rows; i++) {
                for (long m = 0; m < rowTotals[i]; m++) {
                    t[i][labels[k++]]++;
                }
            }
            if (chiSquared(t) >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (b + 1.0);
    }

    /** The permutations {@link #permutationPValue} runs. */
    long permutationsRun(int permutations) {
        return Math.min(permutations, MAX_PERMUTATION_DRAWS / Math.max(1, n));
    }
}
