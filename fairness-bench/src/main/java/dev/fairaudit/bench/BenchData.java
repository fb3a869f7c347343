package dev.fairaudit.bench;

import java.util.SplittableRandom;

/** Seeded, skewed synthetic data shared by the benchmarks. */
final class BenchData {

    private BenchData() {
    }

    /**
     * Draws {@code n} codes in {@code [0, cardinality)} with a geometric-ish skew: code {@code k} has weight
     * {@code ratio^k}, so code 0 is the most frequent (with ratio 0.55 and six codes, about 47% of rows).
     */
    static int[] skewedCodes(SplittableRandom random, int n, int cardinality, double ratio) {
        double[] cumulative = cumulative(cardinality, ratio);
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = draw(cumulative, random.nextDouble());
        }
        return codes;
    }

    /** As {@link #skewedCodes}, as bytes. */
    static byte[] skewedBytes(SplittableRandom random, int n, int cardinality, double ratio) {
        double[] cumulative = cumulative(cardinality, ratio);
        byte[] codes = new byte[n];
        for (int i = 0; i < n; i++) {
            codes[i] = (byte) draw(cumulative, random.nextDouble());
        }
        return codes;
    }

    /** Normalised cumulative weights {@code ratio^0, ratio^1, ...}. */
    static double[] cumulative(int cardinality, double ratio) {
        double[] c = new double[cardinality];
        double w = 1;
        double sum = 0;
        for (int k = 0; k < cardinality; k++) {
            sum += w;
            c[k] = sum;
            w *= ratio;
        }
        for (int k = 0; k < cardinality; k++) {
            c[k] /= sum;
        }
        c[cardinality - 1] = 1.0;
        return c;
    }

    private static int draw(double[] cumulative, double u) {
        int k = 0;
        while (u >= cumulative[k] && k < cumulative.length - 1) {
            k++;
        }
        return k;
    }
}
