package dev.fairaudit.metrics.distributions;

import java.util.Arrays;

/**
 * A mergeable summary of a distribution of finite numbers, in memory that grows with the range of the values
 * (logarithmically), not with their number: the count and the sum of the values in each of a fixed set of
 * logarithmic buckets, as in DDSketch (Masson, Rim and Lee, VLDB 2019).
 *
 * <p>A positive value {@code x} falls into bucket {@code i = ceil(log(x) / log(γ))} with
 * {@code γ = (1 + α) / (1 - α)} and {@code α = }{@value #RELATIVE_ACCURACY}; negative values go into a mirrored
 * set of buckets; values with {@code |x| <= }{@value #ZERO_LIMIT} count as zero. Each bucket keeps the count, sum,
 * smallest and largest of its values, and a quantile returns the bucket's value when it holds one distinct value,
 * else the mean of its values. So:
 * <ul>
 *   <li>a quantile is <b>exact</b> when that bucket holds a single distinct value (values that differ by more
 *       than about 0.2% relative never share a bucket: ratings, deciles, amounts in cents), and otherwise
 *       within a relative error of {@code γ − 1 ≈ 2α} (0.2%) of the exact quantile, since both lie in the
 *       same bucket;</li>
 *   <li>rank statistics (AUC, Mann–Whitney, Kruskal–Wallis, "share above the median") treat values in the same
 *       bucket as tied, which is exact under the same condition.</li>
 * </ul>
 *
 * <p>A mutable accumulator: {@link #empty()}, {@link #add(double)}, {@link #merge(ValueSketch)}. The buckets are
 * fixed, so merging the sketches of two parts gives exactly the sketch of the whole (counts; sums up to
 * floating-point rounding). Not thread-safe.
 */
public final class ValueSketch {

    /** The accuracy parameter α: bucket bounds grow by the factor (1 + α) / (1 − α). */
    public static final double RELATIVE_ACCURACY = 0.001;
    /** Values with an absolute value at most this count as zero. */
    public static final double ZERO_LIMIT = 1e-12;

    private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);

    private final Store positive = new Store();
    private final Store negative = new Store();
    private long zeroCount;
    private double zeroSum;
    private long count;
    private Buckets buckets;

    private ValueSketch() {
    }

    /** An empty sketch. */
    public static ValueSketch empty() {
        return new ValueSketch();
    }

    /**
     * Adds a value.
     *
     * @throws IllegalArgumentException when the value is not finite
     */
    public ValueSketch add(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("a sketch value must be finite, was " + x);
        }
        return add(x, bucketOf(x));
    }

    /**
     * The bucket of a finite value, for {@link #add(double, int)}: callers that add one value to several
     * sketches compute it once.
     */
    static int bucketOf(double x) {
        return x > ZERO_LIMIT ? index(x) : x < -ZERO_LIMIT ? index(-x) : 0;
    }

    /** Adds a finite value whose bucket is {@link #bucketOf(double)}. */
    ValueSketch add(double x, int bucket) {
        buckets = null;
        if (x > ZERO_LIMIT) {
            positive.add(bucket, x);
        } else if (x < -ZERO_LIMIT) {
            negative.add(bucket, -x);
        } else {
            zeroCount++;
            zeroSum += x;
        }
        count++;
        return this;
    }

    /** Adds every value of another sketch to this one. */
    public ValueSketch merge(ValueSketch other) {
        buckets = null;
        positive.merge(other.positive);
        negative.merge(other.negative);
        zeroCount += other.zeroCount;
        zeroSum += other.zeroSum;
        count += other.count;
        return this;
    }

    /** A copy. */
    public ValueSketch copy() {
        return empty().merge(this);
    }

    /** The number of values. */
    public long count() {
        return count;
    }

    private static int index(double magnitude) {
        return (int) Math.ceil(Math.log(magnitude) / LOG_GAMMA);
    }

    /**
     * The non-empty buckets in ascending order of value: each bucket's count and the mean of its values (kept
     * until the next change; do not modify the arrays).
     */
    public Buckets buckets() {
        if (buckets == null) {
            buckets = computeBuckets();
        }
        return buckets;
    }

    private Buckets computeBuckets() {
        int n = positive.nonEmpty() + negative.nonEmpty() + (zeroCount > 0 ? 1 : 0);
        long[] counts = new long[n];
        double[] means = new double[n];
        long[] keys = new long[n];
        int k = 0;
        for (int i = negative.counts.length - 1; i >= 0; i--) {
            if (negative.counts[i] > 0) {
                keys[k] = -(1L << 33) - (negative.offset + i);
                counts[k] = negative.counts[i];
                means[k++] = -negative.mean(i);
            }
        }
        if (zeroCount > 0) {
            keys[k] = 0;
            counts[k] = zeroCount;
            means[k++] = zeroSum / zeroCount;
        }
        for (int i = 0; i < positive.counts.length; i++) {
            if (positive.counts[i] > 0) {
                keys[k] = (1L << 33) + positive.offset + i;
                counts[k] = positive.counts[i];
                means[k++] = positive.mean(i);
            }
        }
        return new Buckets(keys, counts, means);
    }

    /**
     * The value at 1-based rank {@code r} (the r-th smallest).
     *
     * @throws IllegalArgumentException when r is outside [1, count]
     */
    public double valueAtRank(long r) {
        if (r < 1 || r > count) {
            throw new IllegalArgumentException("rank must be in [1, " + count + "], was " + r);
        }
        return buckets().valueAtRank(r);
    }

    /**
     * The q-quantile by the inverted empirical distribution function: the value at rank
     * {@code max(1, ceil(q · n))} (NumPy's {@code method="inverted_cdf"}, R's type 1).
     *
     * @throws IllegalArgumentException when the sketch is empty or q is outside [0, 1]
     */
    public double quantile(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in [0, 1], was " + q);
        }
        if (count == 0) {
            throw new IllegalArgumentException("an empty sketch has no quantiles");
        }
        return valueAtRank(Math.max(1, (long) Math.ceil(q * count - 1e-9 * q * count)));
    }

    /**
     * The median: the middle value, or the mean of the two middle values when the count is even.
     *
     * @throws IllegalArgumentException when the sketch is empty
     */
    public double median() {
        if (count == 0) {
            throw new IllegalArgumentException("an empty sketch has no median");
        }
        Buckets b = buckets();
        if (count % 2 == 1) {
            return b.valueAtRank((count + 1) / 2);
        }
        return (b.valueAtRank(count / 2) + b.valueAtRank(count / 2 + 1)) / 2;
    }

    /**
     * The non-empty buckets of a sketch in ascending order of value.
     *
     * @param keys   per bucket, a key that orders buckets by value and is the same for the same bucket in
     *               every sketch (so the buckets of several sketches can be ranked together)
     * @param counts the number of values per bucket
     * @param means  the mean of the values per bucket
     */
    public record Buckets(long[] keys, long[] counts, double[] means) {

        /** The number of buckets. */
        public int size() {
            return counts.length;
        }

        /** The value at 1-based rank r. */
        public double valueAtRank(long r) {
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= r) {
                    return means[i];
                }
            }
            throw new IllegalArgumentException("rank " + r + " exceeds the count " + seen);
        }

        /** The number of values in buckets whose mean is strictly greater than v. */
        public long countAbove(double v) {
            long c = 0;
            for (int i = 0; i < counts.length; i++) {
                if (means[i] > v) {
                    c += counts[i];
                }
            }
            return c;
        }
    }

    /** Counts and sums of magnitudes per bucket index, dense between the smallest and largest index seen. */
    private static final class Store {
        private long[] counts = new long[0];
        private double[] sums = new double[0];
        private double[] mins = new double[0];
        private double[] maxs = new double[0];
        private int offset;

        void add(int index, double magnitude) {
            int at = slot(index);
            if (counts[at] == 0 || magnitude < mins[at]) {
                mins[at] = magnitude;
            }
            if (counts[at] == 0 || magnitude > maxs[at]) {
                maxs[at] = magnitude;
            }
            counts[at]++;
            sums[at] += magnitude;
        }

        void merge(Store other) {
            for (int i = 0; i < other.counts.length; i++) {
                if (other.counts[i] > 0) {
                    int at = slot(other.offset + i);
                    if (counts[at] == 0 || other.mins[i] < mins[at]) {
                        mins[at] = other.mins[i];
                    }
                    if (counts[at] == 0 || other.maxs[i] > maxs[at]) {
                        maxs[at] = other.maxs[i];
                    }
                    counts[at] += other.counts[i];
                    sums[at] += other.sums[i];
                }
            }
        }

        /** The mean magnitude of a bucket: its only value when it holds one, else the mean kept in bounds. */
        double mean(int i) {
            if (mins[i] == maxs[i]) {
                return mins[i];
            }
            return Math.min(maxs[i], Math.max(mins[i], sums[i] / counts[i]));
        }

        int nonEmpty() {
            int n = 0;
            for (long c : counts) {
                if (c > 0) {
                    n++;
                }
            }
            return n;
        }

        private int slot(int index) {
            if (counts.length == 0) {
                counts = new long[8];
                sums = new double[8];
                mins = new double[8];
                maxs = new double[8];
                offset = index - 4;
            }
            if (index < offset) {
                int grow = Math.max(offset - index, counts.length / 2);
                counts = shiftRight(counts, grow);
                sums = shiftRight(sums, grow);
                mins = shiftRight(mins, grow);
                maxs = shiftRight(maxs, grow);
                offset -= grow;
            } else if (index >= offset + counts.length) {
                int grow = Math.max(index - offset - counts.length + 1, counts.length / 2);
                counts = Arrays.copyOf(counts, counts.length + grow);
                sums = Arrays.copyOf(sums, sums.length + grow);
                mins = Arrays.copyOf(mins, mins.length + grow);
                maxs = Arrays.copyOf(maxs, maxs.length + grow);
            }
            return index - offset;
        }

        private static long[] shiftRight(long[] a, int by) {
            long[] b = new long[a.length + by];
            System.arraycopy(a, 0, b, by, a.length);
            return b;
        }

        private static double[] shiftRight(double[] a, int by) {
            double[] b = new double[a.length + by];
            System.arraycopy(a, 0, b, by, a.length);
            return b;
        }
    }
}
