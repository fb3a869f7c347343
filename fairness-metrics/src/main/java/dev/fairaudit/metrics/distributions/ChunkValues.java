package dev.fairaudit.metrics.distributions;

import dev.fairaudit.core.table.DecisionTable;

/**
 * The per-row values of one chunk that the distribution states read, copied once into primitive arrays so that
 * the loops filling the states ({@link GroupDistributions#addRows}) are small, read only arrays and compile
 * quickly: no table accessors, collections or branches on column presence inside them.
 */
final class ChunkValues {

    final int rows;
    final boolean hasScore;
    final boolean hasOutcome;
    /** Whether {@link #periods} holds periods (a period unit was asked for). */
    final boolean timed;
    final double[] scores;
    final int[] scoreBuckets;
    final byte[] labels;
    final boolean[] selected;
    final double[] outcomes;
    final int[] outcomeBuckets;
    /** Per row, its period ordinal or {@link GroupDistributions#NO_PERIOD}; null when not timed. */
    final int[] periods;
    final boolean[] fromProfile;

    private ChunkValues(int rows, boolean hasScore, boolean hasOutcome, boolean timed, double[] scores,
            int[] scoreBuckets, byte[] labels, boolean[] selected, double[] outcomes, int[] outcomeBuckets,
            int[] periods, boolean[] fromProfile) {
        this.rows = rows;
        this.hasScore = hasScore;
        this.hasOutcome = hasOutcome;
        this.timed = timed;
        this.scores = scores;
        this.scoreBuckets = scoreBuckets;
        this.labels = labels;
        this.selected = selected;
        this.outcomes = outcomes;
        this.outcomeBuckets = outcomeBuckets;
        this.periods = periods;
        this.fromProfile = fromProfile;
    }

    /**
     * Copies a table's values.
     *
     * @param periods     per row its period (filled by the caller, which caches the calendar arithmetic), or
     *                    null without periods
     * @param fromProfile per row whether the profile route selected it
     */
    static ChunkValues of(DecisionTable table, int[] periods, boolean[] fromProfile) {
        int rows = table.rowCount();
        boolean hasScore = table.hasScore();
        boolean hasOutcome = table.hasNumericOutcome();
        double[] scores = new double[rows];
        int[] scoreBuckets = new int[rows];
        if (hasScore) {
            copyScores(table, scores);
            buckets(scores, scoreBuckets, rows);
        }
        double[] outcomes = new double[rows];
        int[] outcomeBuckets = new int[rows];
        if (hasOutcome) {
            copyOutcomes(table, outcomes);
            buckets(outcomes, outcomeBuckets, rows);
        }
        byte[] labels = new byte[rows];
        boolean[] selected = new boolean[rows];
        copyDecisions(table, labels, selected);
        return new ChunkValues(rows, hasScore, hasOutcome, periods != null, scores, scoreBuckets, labels, selected,
                outcomes, outcomeBuckets, periods, fromProfile);
    }

    private static void copyScores(DecisionTable table, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = table.score(i);
        }
    }

    private static void copyOutcomes(DecisionTable table, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = table.numericOutcome(i);
        }
    }

    private static void copyDecisions(DecisionTable table, byte[] labels, boolean[] selected) {
        for (int i = 0; i < labels.length; i++) {
            labels[i] = table.label(i);
            selected[i] = table.selected(i);
        }
    }

    /** The sketch bucket of every present value (0 for a missing one). */
    private static void buckets(double[] values, int[] out, int rows) {
        for (int i = 0; i < rows; i++) {
            double x = values[i];
            out[i] = Double.isNaN(x) ? 0 : ValueSketch.bucketOf(x);
        }
    }
}
