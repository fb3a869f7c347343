package dev.fairaudit.metrics.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixedMarginsTablesTest {

    @Test
    void everyTableHasTheGivenMargins() {
        SplittableRandom seeds = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + seeds.nextInt(6);
            int columns = 1 + seeds.nextInt(6);
            long[][] source = new long[rows][columns];
            for (long[] row : source) {
                for (int j = 0; j < columns; j++) {
                    row[j] = seeds.nextInt(4) == 0 ? 0 : seeds.nextInt(1 + seeds.nextInt(2000));
                }
            }
            long[] rowTotals = new long[rows];
            long[] columnTotals = new long[columns];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    rowTotals[i] += source[i][j];
                    columnTotals[j] += source[i][j];
                }
            }
            FixedMarginsTables tables = new FixedMarginsTables(rowTotals, columnTotals, new SplittableRandom(trial));
            long[][] t = new long[rows][columns];
            for (int draw = 0; draw < 5; draw++) {
                tables.next(t);
                long[] r = new long[rows];
                long[] c = new long[columns];
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < columns; j++) {
                        assertTrue(t[i][j] >= 0, "negative cell in trial " + trial);
                        r[i] += t[i][j];
                        c[j] += t[i][j];
                    }
                }
                assertArrayEquals(rowTotals, r, "row totals, trial " + trial);
                assertArrayEquals(columnTotals, c, "column totals, trial " + trial);
            }
        }
    }

    @Test
    void cellMeansAreTheExpectedFrequencies() {
        // Margins of [[36,5,14],[14,10,21]]: rows 55, 45; columns 50, 15, 35; n = 100. Expected r·c/n by hand:
        // [[27.5, 8.25, 19.25], [22.5, 6.75, 15.75]] (also scipy.stats.contingency.expected_freq of that table).
        // Variance of cell (0,0) by hand: r c (n-r)(n-c) / (n^2 (n-1)) = 55·50·45·50 / (10000·99) = 6.25.
        FixedMarginsTables tables = new FixedMarginsTables(new long[] {55, 45}, new long[] {50, 15, 35},
                new SplittableRandom(3));
        int draws = 200_000;
        double[][] sum = new double[2][3];
        double sumSquares = 0;
        long[][] t = new long[2][3];
        for (int k = 0; k < draws; k++) {
            tables.next(t);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    sum[i][j] += t[i][j];
                }
            }
            sumSquares += (double) t[0][0] * t[0][0];
        }
        double[][] expected = {{27.5, 8.25, 19.25}, {22.5, 6.75, 15.75}};
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                // Standard error of a mean over 200,000 draws is at most sqrt(6.25 / 2e5) = 0.0056; allow 5 of them.
                assertEquals(expected[i][j], sum[i][j] / draws, 0.03, "cell " + i + "," + j);
            }
        }
        double mean = sum[0][0] / draws;
        assertEquals(6.25, sumSquares / draws - mean * mean, 0.1);
    }

    @Test
    void tablesFollowTheExactPermutationDistribution() {
        // Every 2 x 3 table with rows (4, 5) and columns (3, 3, 3), enumerated, with its probability under a random
        // permutation: prod r_i! prod c_j! / (n! prod x_ij!) (the multivariate hypergeometric). The sampled
        // frequencies must match: total variation distance below 0.01 over 100,000 draws.
        long[] rowTotals = {4, 5};
        long[] columnTotals = {3, 3, 3};
        Map<String, Double> exact = new HashMap<>();
        double total = 0;
        for (int a = 0; a <= 3; a++) {
            for (int b = 0; b <= 3; b++) {
                int c = 4 - a - b;
                if (c < 0 || c > 3) {
                    continue;
                }
                long[][] t = {{a, b, c}, {3 - a, 3 - b, 3 - c}};
                double p = probability(t, rowTotals, columnTotals);
                exact.put(key(t), p);
                total += p;
            }
        }
        assertEquals(1.0, total, 1e-12, "the enumeration covers every table");
        FixedMarginsTables tables = new FixedMarginsTables(rowTotals, columnTotals, new SplittableRandom(5));
        Map<String, Integer> seen = new HashMap<>();
        long[][] t = new long[2][3];
        int draws = 100_000;
        for (int k = 0; k < draws; k++) {
            tables.next(t);
            seen.merge(key(t), 1, Integer::sum);
        }
        assertTrue(exact.keySet().containsAll(seen.keySet()), "only tables with the margins: " + seen.keySet());
        double distance = 0;
        for (Map.Entry<String, Double> e : exact.entrySet()) {
            distance += Math.abs(e.getValue() - seen.getOrDefault(e.getKey(), 0) / (double) draws);
        }
        assertTrue(distance / 2 < 0.01, "total variation distance " + distance / 2);
    }

    @Test
    void permutationPValueMatchesTheExactEnumeration() {
        // Observed [[4,0,0],[0,3,3]] with margins rows (4, 6), columns (4, 3, 3): the exact permutation p-value is
        // the probability of all tables with chi2 >= observed, enumerated here from the multivariate hypergeometric
        // (independent of the sampler). The Monte Carlo p-value with 20,000 draws must be within 4 standard errors.
        long[][] observed = {{4, 0, 0}, {0, 3, 3}};
        Contingency c = new Contingency(observed);
        long[] rowTotals = {4, 6};
        long[] columnTotals = {4, 3, 3};
        double exactP = 0;
        for (int a = 0; a <= 4; a++) {
            for (int b = 0; b <= 3; b++) {
                int d = 4 - a - b;
                if (d < 0 || d > 3) {
                    continue;
                }
                long[][] t = {{a, b, d}, {4 - a, 3 - b, 3 - d}};
                if (chiSquared(t) >= chiSquared(observed) * (1 - 1e-12)) {
                    exactP += probability(t, rowTotals, columnTotals);
                }
            }
        }
        // By hand: only the observed table reaches chi2 = 12 (a = 4; a = 0 gives at most 7.2): P = 6!·4!·4!·3!·3! / (10!·4!·3!·3!) = 1/210.
        assertEquals(1.0 / 210, exactP, 1e-12);
        double p = c.permutationPValue(20_000, 9);
        double se = Math.sqrt(exactP * (1 - exactP) / 20_000);
        assertEquals(exactP, p, 4 * se + 1.0 / 20_001);
    }

    @Test
    void tenMillionRowsStillGetAPermutationTest() {
        // 400 categories x 2 attribute values over 10 million rows with a rare value (200 rows): expected counts of
        // 0.5 in the rare column, so Cochran's rule fails. Shuffling rows would cost 10^7 draws per table; drawing
        // tables costs per cell, so the full 999 permutations run.
        int categories = 400;
        long[][] independent = new long[categories][2];
        long[][] planted = new long[categories][2];
        for (int i = 0; i < categories; i++) {
            independent[i][0] = 25_000 - (i % 2);
            independent[i][1] = i % 2; // 200 rare rows spread evenly: no association
            planted[i][0] = 25_000 - (i < 20 ? 10 : 0);
            planted[i][1] = i < 20 ? 10 : 0; // the 200 rare rows in the first 20 categories: strong association
        }
        Contingency spread = new Contingency(independent);
        Contingency concentrated = new Contingency(planted);
        assertEquals(10_000_000L, spread.n);
        assertFalse(spread.chiSquaredApproximationHolds());
        assertEquals(999, spread.permutationsRun(999));
        double pSpread = spread.permutationPValue(999, 1);
        double pConcentrated = concentrated.permutationPValue(999, 1);
        // Alternating 0/1 is more even than chance (chi2 = 199.99 on 399 df), so nearly every random table is at
        // least as extreme: p near 1. The planted table (chi2 about 3,800) is never reached: p = 1/1000.
        assertTrue(pSpread > 0.9, "p " + pSpread);
        assertEquals(1.0 / 1000, pConcentrated, 1e-12);
    }

    @Test
    void hypergeometricDrawsHaveTheirMeanAndVarianceForLargePopulations() {
        // N = 10^7, K = 3·10^6, d = 5,000: mean d K / N = 1,500; variance d (K/N)(1 - K/N)(N - d)/(N - 1)
        // = 5000 · 0.3 · 0.7 · 9,995,000 / 9,999,999 = 1,049.475 (by hand).
        FixedMarginsTables sampler = new FixedMarginsTables(new long[] {1}, new long[] {1}, new SplittableRandom(2));
        int draws = 50_000;
        double sum = 0;
        double sumSquares = 0;
        for (int k = 0; k < draws; k++) {
            long x = sampler.hypergeometric(10_000_000, 3_000_000, 5_000);
            sum += x;
            sumSquares += (double) x * x;
        }
        double mean = sum / draws;
        assertEquals(1500, mean, 4 * Math.sqrt(1049.475 / draws));
        assertEquals(1049.475, sumSquares / draws - mean * mean, 1049.475 * 0.03);
    }

    @Test
    void probabilitiesFromTheLogFactorialTableAgreeWithCommonsStatistics() {
        // By hand: N = 10, K = 4, d = 3, k = 1: C(4,1) C(6,2) / C(10,3) = 4 · 15 / 120 = 0.5; k = 3: 4 / 120.
        assertEquals(0.5, FixedMarginsTables.probability(10, 4, 3, 1), 1e-15);
        assertEquals(4.0 / 120, FixedMarginsTables.probability(10, 4, 3, 3), 1e-15);
        // Against Commons Statistics' saddle-point values, near the mode and in the tails, up to the table's end and
        // just past it (where the method switches to Commons itself).
        SplittableRandom random = new SplittableRandom(5);
        double worst = 0;
        for (int i = 0; i < 20_000; i++) {
            int n = i < 100 ? FixedMarginsTables.LOG_FACTORIAL_TABLE - 50 + i : 2 + random.nextInt(
                    random.nextBoolean() ? 200 : FixedMarginsTables.LOG_FACTORIAL_TABLE - 1);
            int k = random.nextInt(n + 1);
            int d = random.nextInt(n + 1);
            int low = Math.max(0, d - (n - k));
            int high = Math.min(d, k);
            double mean = (double) d * k / n;
            double sd = Math.sqrt(mean * (1 - (double) k / n) * (n - d) / Math.max(1, n - 1));
            int x = (int) Math.max(low, Math.min(high, Math.round(mean + sd * (random.nextDouble() * 8 - 4))));
            double expected = org.apache.commons.statistics.distribution.HypergeometricDistribution.of(n, k, d)
                    .probability(x);
            double actual = FixedMarginsTables.probability(n, k, d, x);
            if (expected > 1e-250) {
                worst = Math.max(worst, Math.abs(actual - expected) / expected);
            }
        }
        assertTrue(worst < 1e-9, "largest relative difference " + worst);
    }

    private static double probability(long[][] t, long[] rowTotals, long[] columnTotals) {
        double logP = 0;
        long n = 0;
        for (long r : rowTotals) {
            logP += logFactorial(r);
            n += r;
        }
        for (long c : columnTotals) {
            logP += logFactorial(c);
        }
        logP -= logFactorial(n);
        for (long[] row : t) {
            for (long x : row) {
                logP -= logFactorial(x);
            }
        }
        return Math.exp(logP);
    }

    /** Pearson's statistic from its definition, sum (x - r c / n)^2 / (r c / n), independent of Contingency. */
    private static double chiSquared(long[][] t) {
        int rows = t.length;
        int columns = t[0].length;
        double[] r = new double[rows];
        double[] c = new double[columns];
        double n = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                r[i] += t[i][j];
                c[j] += t[i][j];
                n += t[i][j];
            }
        }
        double chi2 = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double e = r[i] * c[j] / n;
                chi2 += (t[i][j] - e) * (t[i][j] - e) / e;
            }
        }
        return chi2;
    }

    private static double logFactorial(long k) {
        double s = 0;
        for (long i = 2; i <= k; i++) {
            s += Math.log(i);
        }
        return s;
    }

    private static String key(long[][] t) {
        List<String> parts = new ArrayList<>();
        for (long[] row : t) {
            parts.add(java.util.Arrays.toString(row));
        }
        return String.join(";", parts);
    }
}
