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
    // Values added by addDeferred and not yet in the stores, in the order added; applied in that order before any
    // other add, merge or read, so every bucket's sum is the same, bit for bit, as adding them one by one.
    private double[] deferredValues;
    private int[] deferredBuckets;
    private int deferred;

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
        settle();
        buckets = null;
        addPresent(x, bucket);
        count++;
        return this;
    }

    /**
     * Adds the present values of rows {@code order[from..to)} in that order (NaN marks a missing value and is
     * skipped), each with its bucket from {@link #bucketOf(double)}: the same as {@link #add(double, int)} row by
     * row, in one small loop.
     */
    void addRows(double[] values, int[] bucketOfRow, int[] order, int from, int to) {
        settle();
        buckets = null;
        long added = 0;
        for (int k = from; k < to; k++) {
            int i = order[k];
            double x = values[i];
            if (!Double.isNaN(x)) {
                addPresent(x, bucketOfRow[i]);
                added++;
            }
        }
        count += added;
    }

    /**
     * Adds the present values of rows {@code order[from..to)} in that order to {@code all}, and to
     * {@code positive} or {@code negative} by the row's label (1 or 0; neither when unknown): {@link #addRows} for
     * the three sketches of a group's scores in one loop.
     *
     * @return the number of missing values (NaN) among the rows
     */
    static long addRowsByLabel(double[] values, int[] bucketOfRow, byte[] labels, int[] order, int from, int to,
            ValueSketch all, ValueSketch positive, ValueSketch negative) {
        all.settle();
        positive.settle();
        negative.settle();
        all.buckets = null;
        positive.buckets = null;
        negative.buckets = null;
        long missing = 0;
        long positives = 0;
        long negatives = 0;
        for (int k = from; k < to; k++) {
            int i = order[k];
            double x = values[i];
            if (Double.isNaN(x)) {
                missing++;
                continue;
            }
            int bucket = bucketOfRow[i];
            all.addPresent(x, bucket);
            byte label = labels[i];
            if (label == 1) {
                positive.addPresent(x, bucket);
                positives++;
            } else if (label == 0) {
                negative.addPresent(x, bucket);
                negatives++;
            }
        }
        all.count += to - from - missing;
        positive.count += positives;
        negative.count += negatives;
        return missing;
    }

    /** The number of missing values (NaN) among rows {@code order[from..to)}. */
    static long countMissing(double[] values, int[] order, int from, int to) {
        long missing = 0;
        for (int k = from; k < to; k++) {
            if (Double.isNaN(values[order[k]])) {
                missing++;
            }
        }
        return missing;
    }

    private void addPresent(double x, int bucket) {
        if (x > ZERO_LIMIT) {
            positive.add(bucket, x);
        } else if (x < -ZERO_LIMIT) {
            negative.add(bucket, -x);
        } else {
            zeroCount++;
            zeroSum += x;
        }
    }

    /**
     * Adds a finite value whose bucket is {@link #bucketOf(double)}, as {@link #add(double, int)} does, but keeps it
     * in a short list (at most {@value #MAX_DEFERRED} values) that goes into the buckets when it is full or before
     * the sketch is next read, merged or added to otherwise, in the order the values came: the same sketch, bit
     * for bit. For sketches that receive a few values at a time between many other sketches' values (the
     * per-period sketches of a stream's chunks): a bucket array is then touched once per list rather than once
     * per value, so it is far less often a cache miss.
     */
    void addDeferred(double x, int bucket) {
        double[] values = deferredValues;
        int at = deferred;
        if (values == null || at == values.length) {
            makeRoom();
            values = deferredValues;
            at = deferred;
        }
        values[at] = x;
        deferredBuckets[at] = bucket;
        deferred = at + 1;
        count++;
    }

    /** The longest list of deferred values: 12 bytes each, so 12 kB per sketch. */
    static final int MAX_DEFERRED = 1024;

    /** Room for one more deferred value: a longer list up to {@link #MAX_DEFERRED}, else the list applied. */
    private void makeRoom() {
        if (deferredValues == null) {
            deferredValues = new double[16];
            deferredBuckets = new int[16];
        } else if (deferredValues.length < MAX_DEFERRED) {
            deferredValues = Arrays.copyOf(deferredValues, deferredValues.length * 2);
            deferredBuckets = Arrays.copyOf(deferredBuckets, deferredBuckets.length * 2);
        } else {
            applyDeferred();
        }
    }

    /** Applies the deferred values in the order they came. */
    private void applyDeferred() {
        buckets = null;
        double[] values = deferredValues;
        int[] bucketOfValue = deferredBuckets;
        for (int k = 0; k < deferred; k++) {
            addPresent(values[k], bucketOfValue[k]);
        }
        deferred = 0;
    }

    /** Applies the deferred values, if any, and drops their list (before a read, a merge or a direct add). */
    private void settle() {
        if (deferredValues != null) {
            applyDeferred();
            deferredValues = null;
            deferredBuckets = null;
        }
    }

    /** Adds every value of another sketch to this one. */
    public ValueSketch merge(ValueSketch other) {
        settle();
        other.settle();
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
        settle();
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
        for (int i = negative.buckets() - 1; i >= 0; i--) {
            if (negative.count(i) > 0) {
                keys[k] = -(1L << 33) - (negative.offset + i);
                counts[k] = negative.count(i);
                means[k++] = -negative.mean(i);
            }
        }
        if (zeroCount > 0) {
            keys[k] = 0;
            counts[k] = zeroCount;
            means[k++] = zeroSum / zeroCount;
        }
        for (int i = 0; i < positive.buckets(); i++) {
            if (positive.count(i) > 0) {
                keys[k] = (1L << 33) + positive.offset + i;
                counts[k] = positive.count(i);
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

    /**
     * Count, sum, smallest and largest magnitude per bucket index, dense between the smallest and largest index
     * seen. The four fields of a bucket lie side by side in one array (the doubles as their bits), so adding a
     * value touches one cache line, not four.
     */
    private static final class Store {
        private static final int FIELDS = 4;
        private static final int COUNT = 0;
        private static final int SUM = 1;
        private static final int MIN = 2;
        private static final int MAX = 3;

        private long[] cells = new long[0];
        private int offset;

        void add(int index, double magnitude) {
            int at = slot(index) * FIELDS;
            long[] c = cells;
            long n = c[at + COUNT];
            if (n == 0) {
                c[at + SUM] = Double.doubleToRawLongBits(magnitude);
                c[at + MIN] = Double.doubleToRawLongBits(magnitude);
                c[at + MAX] = Double.doubleToRawLongBits(magnitude);
            } else {
                c[at + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(c[at + SUM]) + magnitude);
                if (magnitude < Double.longBitsToDouble(c[at + MIN])) {
                    c[at + MIN] = Double.doubleToRawLongBits(magnitude);
                }
                if (magnitude > Double.longBitsToDouble(c[at + MAX])) {
                    c[at + MAX] = Double.doubleToRawLongBits(magnitude);
                }
            }
            c[at + COUNT] = n + 1;
        }

        void merge(Store other) {
            long[] o = other.cells;
            for (int i = 0; i < other.buckets(); i++) {
                int from = i * FIELDS;
                if (o[from + COUNT] > 0) {
                    int at = slot(other.offset + i) * FIELDS;
                    long[] c = cells;
                    if (c[at + COUNT] == 0) {
                        c[at + SUM] = o[from + SUM];
                        c[at + MIN] = o[from + MIN];
                        c[at + MAX] = o[from + MAX];
                    } else {
                        c[at + SUM] = Double.doubleToRawLongBits(Double.longBitsToDouble(c[at + SUM])
                                + Double.longBitsToDouble(o[from + SUM]));
                        if (Double.longBitsToDouble(o[from + MIN]) < Double.longBitsToDouble(c[at + MIN])) {
                            c[at + MIN] = o[from + MIN];
                        }
                        if (Double.longBitsToDouble(o[from + MAX]) > Double.longBitsToDouble(c[at + MAX])) {
                            c[at + MAX] = o[from + MAX];
                        }
                    }
                    c[at + COUNT] += o[from + COUNT];
                }
            }
        }

        /** The number of bucket slots (empty ones included). */
        int buckets() {
            return cells.length / FIELDS;
        }

        /** The number of values in slot i. */
        long count(int i) {
            return cells[i * FIELDS + COUNT];
        }

        /** The mean magnitude of a bucket: its only value when it holds one, else the mean kept in bounds. */
        double mean(int i) {
            double min = Double.longBitsToDouble(cells[i * FIELDS + MIN]);
            double max = Double.longBitsToDouble(cells[i * FIELDS + MAX]);
            if (min == max) {
                return min;
            }
            return Math.min(max, Math.max(min, Double.longBitsToDouble(cells[i * FIELDS + SUM]) / count(i)));
        }

        int nonEmpty() {
            int n = 0;
            for (int i = 0; i < buckets(); i++) {
                if (count(i) > 0) {
                    n++;
                }
            }
            return n;
        }

        private int slot(int index) {
            int at = index - offset;
            // Unsigned: also false for a negative position. An empty store has no slots, so it grows below.
            if (Integer.compareUnsigned(at, cells.length / FIELDS) < 0) {
                return at;
            }
            return grow(index);
        }

        /** Makes room for a bucket index outside the slots (rare: the range only widens). */
        private int grow(int index) {
            if (cells.length == 0) {
                cells = new long[8 * FIELDS];
                offset = index - 4;
            }
            int size = buckets();
            if (index < offset) {
                int grow = Math.max(offset - index, size / 2);
                long[] b = new long[cells.length + grow * FIELDS];
                System.arraycopy(cells, 0, b, grow * FIELDS, cells.length);
                cells = b;
                offset -= grow;
            } else if (index >= offset + size) {
                int grow = Math.max(index - offset - size + 1, size / 2);
                cells = Arrays.copyOf(cells, cells.length + grow * FIELDS);
            }
            return index - offset;
        }
    }
}
