package dev.fairaudit.metrics.distributions;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The mergeable state of one group for the score, numeric-outcome and trend analyses: score sketches by label,
 * calibration bins, a numeric-outcome sketch and moments, and per period the counts the trends need. A mutable
 * accumulator ({@link #empty()}, {@link #merge(GroupDistributions)}; rows are added by
 * {@link DistributionCounts}). Unweighted: every row counts once.
 */
public final class GroupDistributions {

    /** {@code period} argument of a row without a period. */
    static final int NO_PERIOD = Integer.MIN_VALUE;

    /** Equal-width reliability bins over [0, 1]. */
    public static final int CALIBRATION_BINS = 10;

    private long rows;
    private long scoreMissing;
    private final ValueSketch scores = ValueSketch.empty();
    private final ValueSketch positiveScores = ValueSketch.empty();
    private final ValueSketch negativeScores = ValueSketch.empty();
    private final Moments scoreMoments = Moments.empty();
    private long scoresOutsideUnitInterval;
    private final long[] binRows = new long[CALIBRATION_BINS];
    private final long[] binPositives = new long[CALIBRATION_BINS];
    private final double[] binScoreSums = new double[CALIBRATION_BINS];
    private long outcomeMissing;
    private final ValueSketch outcomes = ValueSketch.empty();
    private final Moments outcomeMoments = Moments.empty();
    private PeriodCounts[] periodSlots = new PeriodCounts[0];
    private int periodOffset;

    private GroupDistributions() {
    }

    /** No rows. */
    public static GroupDistributions empty() {
        return new GroupDistributions();
    }

    /**
     * Adds one row.
     *
     * @param score        the score, NaN when missing or not declared
     * @param scoreBucket  {@link ValueSketch#bucketOf(double)} of the score (anything when NaN)
     * @param hasScore     whether a score column is declared (a NaN then counts as a missing score)
     * @param label        1 positive, 0 negative, -1 unknown
     * @param outcome      the numeric outcome, NaN when missing or not declared
     * @param outcomeBucket {@link ValueSketch#bucketOf(double)} of the outcome (anything when NaN)
     * @param hasOutcome   whether a numeric outcome column is declared
     * @param period       the period ordinal, or {@link #NO_PERIOD} when periods are not counted or the row has
     *                     no time
     * @param selected     the decision
     * @param fromProfile  whether the row was selected by the profile route
     */
    void add(double score, int scoreBucket, boolean hasScore, byte label, double outcome, int outcomeBucket,
            boolean hasOutcome, int period, boolean selected, boolean fromProfile) {
        rows++;
        if (hasScore) {
            if (Double.isNaN(score)) {
                scoreMissing++;
            } else {
                scores.add(score, scoreBucket);
                scoreMoments.add(score);
                if (label == 1) {
                    positiveScores.add(score, scoreBucket);
                } else if (label == 0) {
                    negativeScores.add(score, scoreBucket);
                }
                if (score < 0 || score > 1) {
                    scoresOutsideUnitInterval++;
                } else if (label >= 0) {
                    int bin = Math.min(CALIBRATION_BINS - 1, (int) (score * CALIBRATION_BINS));
                    binRows[bin]++;
                    binPositives[bin] += label;
                    binScoreSums[bin] += score;
                }
            }
        }
        if (hasOutcome) {
            if (Double.isNaN(outcome)) {
                outcomeMissing++;
            } else {
                outcomes.add(outcome, outcomeBucket);
                outcomeMoments.add(outcome);
            }
        }
        if (period != NO_PERIOD) {
            period(period).add(selected, label, fromProfile, hasScore ? score : Double.NaN, scoreBucket);
        }
    }

    /**
     * Adds rows {@code order[from..to)} of a chunk, in that order: the same state, bit for bit, as
     * {@link #add} row by row, because every sum, sketch and running mean below still receives its values in
     * row order. Each part of the state is filled by its own small loop, so that each compiles quickly on its
     * own instead of one large method with every part inlined.
     */
    void addRows(ChunkValues c, int[] order, int from, int to) {
        rows += to - from;
        if (c.hasScore) {
            scoreMissing += ValueSketch.addRowsByLabel(c.scores, c.scoreBuckets, c.labels, order, from, to, scores,
                    positiveScores, negativeScores);
            scoreMoments.addRows(c.scores, order, from, to);
            scoresOutsideUnitInterval += addCalibration(c.scores, c.labels, order, from, to, binRows, binPositives,
                    binScoreSums);
        }
        if (c.hasOutcome) {
            outcomeMissing += ValueSketch.countMissing(c.outcomes, order, from, to);
            outcomes.addRows(c.outcomes, c.outcomeBuckets, order, from, to);
            outcomeMoments.addRows(c.outcomes, order, from, to);
        }
        if (c.timed) {
            addPeriods(c, order, from, to);
        }
    }

    /** The calibration bins of present scores in [0, 1] with a known label; returns the scores outside [0, 1]. */
    private static long addCalibration(double[] scores, byte[] labels, int[] order, int from, int to, long[] binRows,
            long[] binPositives, double[] binScoreSums) {
        long outside = 0;
        for (int k = from; k < to; k++) {
            int i = order[k];
            double score = scores[i];
            if (Double.isNaN(score)) {
                continue;
            }
            byte label = labels[i];
            if (score < 0 || score > 1) {
                outside++;
            } else if (label >= 0) {
                int bin = Math.min(CALIBRATION_BINS - 1, (int) (score * CALIBRATION_BINS));
                binRows[bin]++;
                binPositives[bin] += label;
                binScoreSums[bin] += score;
            }
        }
        return outside;
    }

    /** The per-period counts and score sketches of the rows that have a period. */
    private void addPeriods(ChunkValues c, int[] order, int from, int to) {
        int[] periods = c.periods;
        boolean[] selected = c.selected;
        byte[] labels = c.labels;
        boolean[] fromProfile = c.fromProfile;
        for (int k = from; k < to; k++) {
            int i = order[k];
            int p = periods[i];
            if (p != NO_PERIOD) {
                periodAt(p).count(selected[i], labels[i], fromProfile[i]);
            }
        }
        if (!c.hasScore) {
            return;
        }
        double[] scores = c.scores;
        int[] buckets = c.scoreBuckets;
        for (int k = from; k < to; k++) {
            int i = order[k];
            int p = periods[i];
            double score = scores[i];
            if (p != NO_PERIOD && !Double.isNaN(score)) {
                // Deferred: a period's sketch gets a few values per chunk, so adding them at once saves misses.
                periodAt(p).scores.addDeferred(score, buckets[i]);
            }
        }
    }

    /** The counts of a period that exists, the common case, without the growth of {@link #period(int)}. */
    private PeriodCounts periodAt(int ordinal) {
        int at = ordinal - periodOffset;
        if (at >= 0 && at < periodSlots.length) {
            PeriodCounts c = periodSlots[at];
            if (c != null) {
                return c;
            }
        }
        return period(ordinal);
    }

    /** The counts of a period, created when absent; kept in an array indexed from the first period seen. */
    private PeriodCounts period(int ordinal) {
        if (periodSlots.length == 0) {
            periodSlots = new PeriodCounts[4];
            periodOffset = ordinal;
        }
        if (ordinal < periodOffset) {
            int grow = periodOffset - ordinal;
            PeriodCounts[] a = new PeriodCounts[periodSlots.length + grow];
            System.arraycopy(periodSlots, 0, a, grow, periodSlots.length);
            periodSlots = a;
            periodOffset = ordinal;
        } else if (ordinal >= periodOffset + periodSlots.length) {
            periodSlots = Arrays.copyOf(periodSlots, Math.max(ordinal - periodOffset + 1, periodSlots.length * 2));
        }
        PeriodCounts c = periodSlots[ordinal - periodOffset];
        if (c == null) {
            c = new PeriodCounts();
            periodSlots[ordinal - periodOffset] = c;
        }
        return c;
    }

    /** Adds every row of another state. */
    public GroupDistributions merge(GroupDistributions o) {
        rows += o.rows;
        scoreMissing += o.scoreMissing;
        scores.merge(o.scores);
        positiveScores.merge(o.positiveScores);
        negativeScores.merge(o.negativeScores);
        scoreMoments.merge(o.scoreMoments);
        scoresOutsideUnitInterval += o.scoresOutsideUnitInterval;
        for (int i = 0; i < CALIBRATION_BINS; i++) {
            binRows[i] += o.binRows[i];
            binPositives[i] += o.binPositives[i];
            binScoreSums[i] += o.binScoreSums[i];
        }
        outcomeMissing += o.outcomeMissing;
        outcomes.merge(o.outcomes);
        outcomeMoments.merge(o.outcomeMoments);
        for (int i = 0; i < o.periodSlots.length; i++) {
            if (o.periodSlots[i] != null) {
                period(o.periodOffset + i).merge(o.periodSlots[i]);
            }
        }
        return this;
    }

    /** All rows of the group. */
    public long rows() {
        return rows;
    }

    /** Rows whose score is missing. */
    public long scoreMissing() {
        return scoreMissing;
    }

    /** All present scores (a view, not a copy: do not add to it). */
    public ValueSketch scores() {
        return scores;
    }

    /** Scores of rows with a positive label. */
    public ValueSketch positiveScores() {
        return positiveScores;
    }

    /** Scores of rows with a negative label. */
    public ValueSketch negativeScores() {
        return negativeScores;
    }

    /** Mean and variance of the present scores. */
    public Moments scoreMoments() {
        return scoreMoments;
    }

    /** Scores outside [0, 1] (calibration then does not apply). */
    public long scoresOutsideUnitInterval() {
        return scoresOutsideUnitInterval;
    }

    /** Per reliability bin, rows with a known label (copy). */
    public long[] binRows() {
        return binRows.clone();
    }

    /** Per reliability bin, rows with a positive label (copy). */
    public long[] binPositives() {
        return binPositives.clone();
    }

    /** Per reliability bin, the sum of the scores of rows with a known label (copy). */
    public double[] binScoreSums() {
        return binScoreSums.clone();
    }

    /** Rows whose numeric outcome is missing. */
    public long outcomeMissing() {
        return outcomeMissing;
    }

    /** The present numeric outcomes. */
    public ValueSketch outcomes() {
        return outcomes;
    }

    /** Mean and variance of the present numeric outcomes. */
    public Moments outcomeMoments() {
        return outcomeMoments;
    }

    /** Per period ordinal, its counts. */
    public SortedMap<Integer, PeriodCounts> periods() {
        TreeMap<Integer, PeriodCounts> m = new TreeMap<>();
        for (int i = 0; i < periodSlots.length; i++) {
            if (periodSlots[i] != null) {
                m.put(periodOffset + i, periodSlots[i]);
            }
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** The counts of one group in one period. Mutable, filled by {@link GroupDistributions}. */
    public static final class PeriodCounts {
        private long rows;
        private long selected;
        private long labelled;
        private long labelledFromProfile;
        private final ValueSketch scores = ValueSketch.empty();

        void add(boolean sel, byte label, boolean fromProfile, double score, int scoreBucket) {
            count(sel, label, fromProfile);
            if (!Double.isNaN(score)) {
                scores.add(score, scoreBucket);
            }
        }

        /** Counts a row, its score apart. */
        void count(boolean sel, byte label, boolean fromProfile) {
            rows++;
            if (sel) {
                selected++;
            }
            if (label >= 0) {
                labelled++;
                if (fromProfile) {
                    labelledFromProfile++;
                }
            }
        }

        void merge(PeriodCounts o) {
            rows += o.rows;
            selected += o.selected;
            labelled += o.labelled;
            labelledFromProfile += o.labelledFromProfile;
            scores.merge(o.scores);
        }

        /** Rows in the period. */
        public long rows() {
            return rows;
        }

        /** Selected rows. */
        public long selected() {
            return selected;
        }

        /** Rows with a known label. */
        public long labelled() {
            return labelled;
        }

        /** Rows with a known label that were selected by the profile route. */
        public long labelledFromProfile() {
            return labelledFromProfile;
        }

        /** The present scores of the period. */
        public ValueSketch scores() {
            return scores;
        }
    }
}
