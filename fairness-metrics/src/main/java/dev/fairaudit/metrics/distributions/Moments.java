package dev.fairaudit.metrics.distributions;

/**
 * The count, mean and sum of squared deviations of a set of numbers, merged by Chan, Golub and LeVeque's
 * parallel formula (numerically stable, unlike running sums of squares). A mutable accumulator:
 * {@link #empty()}, {@link #add(double)}, {@link #merge(Moments)}. Not thread-safe.
 */
public final class Moments {

    private long n;
    private double mean;
    private double m2;

    private Moments() {
    }

    /** No values. */
    public static Moments empty() {
        return new Moments();
    }

    /** Adds a finite value (Welford's update). */
    public Moments add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a value must be finite, was " + x);
        }
        n++;
        double d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
        return this;
    }

    /**
     * Adds the present values (NaN marks a missing one and is skipped) of rows {@code order[from..to)} in that
     * order: the same, bit for bit, as {@link #add(double)} row by row.
     *
     * @throws IllegalArgumentException when a present value is infinite
     */
    void addRows(double[] values, int[] order, int from, int to) {
        long count = n;
        double mu = mean;
        double sq = m2;
        for (int k = from; k < to; k++) {
            double x = values[order[k]];
            if (Double.isNaN(x)) {
                continue;
            }
            if (Double.isInfinite(x)) {
                throw new IllegalArgumentException("a value must be finite, was " + x);
            }
            count++;
            double d = x - mu;
            mu += d / count;
            sq += d * (x - mu);
        }
        n = count;
        mean = mu;
        m2 = sq;
    }

    /** Adds all values of another accumulator. */
    public Moments merge(Moments o) {
        if (o.n == 0) {
            return this;
        }
        if (n == 0) {
            n = o.n;
            mean = o.mean;
            m2 = o.m2;
            return this;
        }
        long total = n + o.n;
        double d = o.mean - mean;
        mean += d * o.n / total;
        m2 += o.m2 + d * d * ((double) n * o.n / total);
        n = total;
        return this;
    }

    /** A copy. */
    public Moments copy() {
        return empty().merge(this);
    }

    /** The number of values. */
    public long count() {
        return n;
    }

    /** The mean; 0 when empty (callers check {@link #count()}). */
    public double mean() {
        return mean;
    }

    /** The sample variance (denominator n − 1); 0 for fewer than two values. */
    public double variance() {
        return n < 2 ? 0 : Math.max(0, m2) / (n - 1);
    }
}
