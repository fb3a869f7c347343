package dev.fairaudit.metrics.proxy;

import java.util.SplittableRandom;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;

/**
 * Random r × c tables with given row and column totals, drawn from the distribution a permutation gives them: shuffle
 * the column labels of {@code n} items over the rows and count. That distribution is the multivariate
 * hypergeometric, so a table can be drawn one cell at a time without touching the items (the idea of Patefield's
 * algorithm, W. M. Patefield 1981, "Algorithm AS 159", Applied Statistics 30:91–97, which R's {@code r2dtable}
 * and {@code chisq.test(simulate.p.value = TRUE)} use): row {@code i} takes its {@code r_i} items from the items
 * still unassigned; how many of them come from column {@code j}, given the earlier columns, is hypergeometric with
 * the items left in columns {@code j..c-1} as the population and those left in column {@code j} as the successes.
 * The last column and the last row are what is left.
 *
 * <p>Each hypergeometric value is drawn by inversion, starting at the mode and walking outwards (the expected walk
 * is a few standard deviations), with the probability at the mode from a table of log-factorials for populations of
 * up to {@value #LOG_FACTORIAL_TABLE} items (about 10 ns) and from Commons Statistics above that (about a
 * microsecond: its saddle-point expansion keeps large arguments accurate), and the neighbours by the ratio of
 * consecutive probabilities. The cost of a table is therefore about {@link #expectedSteps}, whatever the number of
 * items. Not thread-safe.
 */
final class FixedMarginsTables {

    /** Steps charged for one cell besides its walk: the distribution object and the probability at the mode. */
    private static final double STEPS_PER_CELL = 20;

    /** The largest population whose probabilities come from {@link #LOG_FACTORIALS}. */
    static final int LOG_FACTORIAL_TABLE = 1 << 16;

    /**
     * {@code ln k!} for {@code k = 0..}{@value #LOG_FACTORIAL_TABLE}, summed with Kahan's compensation, so each entry
     * is within a few units in the last place of the exact value (the logarithms' own rounding, not the sum's).
     * 512 KiB, made once per JVM when a small table is first drawn.
     */
    private static final class LogFactorials {
        static final double[] TABLE = new double[LOG_FACTORIAL_TABLE + 1];

        static {
            double sum = 0;
            double compensation = 0;
            for (int k = 2; k <= LOG_FACTORIAL_TABLE; k++) {
                double y = Math.log(k) - compensation;
                double t = sum + y;
                compensation = (t - sum) - y;
                sum = t;
                TABLE[k] = sum;
            }
        }
    }

    private final long[] rowTotals;
    private final long[] columnTotals;
    private final long[] columnsLeft;
    private final SplittableRandom random;

    FixedMarginsTables(long[] rowTotals, long[] columnTotals, SplittableRandom random) {
        this.rowTotals = rowTotals.clone();
        this.columnTotals = columnTotals.clone();
        this.columnsLeft = new long[columnTotals.length];
        this.random = random;
        long rowSum = 0;
        long columnSum = 0;
        for (long r : rowTotals) {
            rowSum += r;
        }
        for (long c : columnTotals) {
            columnSum += c;
        }
        if (rowSum != columnSum || rowSum > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("row total " + rowSum + " and column total " + columnSum
                    + " must be equal and at most " + Integer.MAX_VALUE);
        }
    }

    /**
     * A rough cost of one table in walk steps: per cell a constant plus twice the standard deviation of its
     * hypergeometric count, {@code sd² = r c (n − r)(n − c) / (n² (n − 1))}.
     */
    static double expectedSteps(long[] rowTotals, long[] columnTotals) {
        double n = 0;
        for (long r : rowTotals) {
            n += r;
        }
        double steps = 0;
        for (long r : rowTotals) {
            for (long c : columnTotals) {
                double variance = n > 1 ? r * c * (n - r) * (n - c) / (n * n * (n - 1)) : 0;
                steps += STEPS_PER_CELL + 2 * Math.sqrt(variance);
            }
        }
        return Math.max(1, steps);
    }

    /** Fills {@code table} (rows × columns, overwritten) with the next random table. */
    void next(long[][] table) {
        int columns = columnTotals.length;
        System.arraycopy(columnTotals, 0, columnsLeft, 0, columns);
        for (int i = 0; i < rowTotals.length - 1; i++) {
            long need = rowTotals[i];
            long pool = 0;
            for (long c : columnsLeft) {
                pool += c;
            }
            for (int j = 0; j < columns - 1; j++) {
                long x = need == 0 ? 0 : hypergeometric(pool, columnsLeft[j], need);
                table[i][j] = x;
                pool -= columnsLeft[j];
                columnsLeft[j] -= x;
                need -= x;
            }
            table[i][columns - 1] = need;
            columnsLeft[columns - 1] -= need;
        }
        System.arraycopy(columnsLeft, 0, table[rowTotals.length - 1], 0, columns);
    }

    /**
     * The probability of {@code k} successes in {@code draws} items drawn without replacement from
     * {@code population} items of which {@code successes} are successes: C(K, k) C(N−K, d−k) / C(N, d).
     */
    static double probability(long population, long successes, long draws, long k) {
        if (population > LOG_FACTORIAL_TABLE) {
            return HypergeometricDistribution.of((int) population, (int) successes, (int) draws).probability((int) k);
        }
        double[] lf = LogFactorials.TABLE;
        int n = (int) population;
        int s = (int) successes;
        int d = (int) draws;
        int x = (int) k;
        return Math.exp(lf[s] - lf[x] - lf[s - x] + lf[n - s] - lf[d - x] - lf[n - s - d + x]
                - (lf[n] - lf[d] - lf[n - d]));
    }

    /**
     * The number of successes in {@code draws} items drawn without replacement from {@code population} items of
     * which {@code successes} are successes.
     */
    long hypergeometric(long population, long successes, long draws) {
        long failures = population - successes;
        long low = Math.max(0, draws - failures);
        long high = Math.min(draws, successes);
        if (low == high) {
            return low;
        }
        long mode = Math.max(low, Math.min(high, (draws + 1) * (successes + 1) / (population + 2)));
        double atMode = probability(population, successes, draws, mode);
        double u = random.nextDouble();
        while (true) {
            // Inversion over the support ordered mode, mode+1, mode-1, mode+2, mode-2, ...: the value whose
            // cumulative probability in that order first reaches u. Any fixed order gives the exact distribution.
            double sum = atMode;
            if (u < sum) {
                return mode;
            }
            long up = mode;
            long down = mode;
            double pUp = atMode;
            double pDown = atMode;
            while (up < high || down > low) {
                if (up < high) {
                    // P(k+1) / P(k) = (K - k)(d - k) / ((k + 1)(N - K - d + k + 1))
                    pUp *= (double) (successes - up) * (draws - up) / ((double) (up + 1) * (failures - draws + up + 1));
                    up++;
                    sum += pUp;
                    if (u < sum) {
                        return up;
                    }
                }
                if (down > low) {
                    // P(k-1) / P(k) = k (N - K - d + k) / ((K - k + 1)(d - k + 1))
                    pDown *= (double) down * (failures - draws + down) / ((double) (successes - down + 1)
                            * (draws - down + 1));
                    down--;
                    sum += pDown;
                    if (u < sum) {
                        return down;
                    }
                }
            }
            // Rounding left the probabilities summing to slightly less than u: draw again within their sum.
            u = random.nextDouble() * sum;
        }
    }
}
