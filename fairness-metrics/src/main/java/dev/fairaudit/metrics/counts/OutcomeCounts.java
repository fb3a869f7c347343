package dev.fairaudit.metrics.counts;

import java.util.Arrays;

/**
 * The mergeable count state of one group: per {@link Cell}, the number of rows, the sum of their weights and
 * the sum of their squared weights (for the effective sample size). Unweighted rows have weight 1. Immutable;
 * {@link #empty()} is the identity of {@link #merge(OutcomeCounts)}, which is associative and commutative
 * (exactly so for unweighted counts).
 */
public final class OutcomeCounts {

    private static final OutcomeCounts EMPTY = new OutcomeCounts(new long[Cell.COUNT], new double[Cell.COUNT],
            new double[Cell.COUNT]);

    private final long[] rows;
    private final double[] weights;
    private final double[] squaredWeights;

    private OutcomeCounts(long[] rows, double[] weights, double[] squaredWeights) {
        this.rows = rows;
        this.weights = weights;
        this.squaredWeights = squaredWeights;
    }

    /** No rows. */
    public static OutcomeCounts empty() {
        return EMPTY;
    }

    /**
     * Counts from arrays indexed by {@link Cell#ordinal()} (copied).
     *
     * @throws IllegalArgumentException when an array has the wrong length or a count is negative or not finite
     */
    public static OutcomeCounts of(long[] rows, double[] weights, double[] squaredWeights) {
        if (rows.length != Cell.COUNT || weights.length != Cell.COUNT || squaredWeights.length != Cell.COUNT) {
            throw new IllegalArgumentException("expected " + Cell.COUNT + " cells per array");
        }
        for (int i = 0; i < Cell.COUNT; i++) {
            if (rows[i] < 0 || !(weights[i] >= 0) || !(squaredWeights[i] >= 0) || !Double.isFinite(weights[i])
                    || !Double.isFinite(squaredWeights[i])) {
                throw new IllegalArgumentException("cell " + Cell.of(i) + " has a negative or non-finite count: rows "
                        + rows[i] + ", weight " + weights[i] + ", squared weight " + squaredWeights[i]);
            }
        }
        return new OutcomeCounts(rows.clone(), weights.clone(), squaredWeights.clone());
    }

    /** Unweighted counts per cell, in {@link Cell} order: TP, FP, FN, TN, selected-unknown, not-selected-unknown. */
    public static OutcomeCounts ofRows(long tp, long fp, long fn, long tn, long selectedUnknown,
            long notSelectedUnknown) {
        long[] r = {tp, fp, fn, tn, selectedUnknown, notSelectedUnknown};
        double[] w = new double[Cell.COUNT];
        for (int i = 0; i < Cell.COUNT; i++) {
            w[i] = r[i];
        }
        return of(r, w, w);
    }

    /** This state with one more row. */
    public OutcomeCounts add(boolean selected, byte label, double weight) {
        if (!(weight >= 0) || !Double.isFinite(weight)) {
            throw new IllegalArgumentException("weight must be finite and >= 0, was " + weight);
        }
        int c = Cell.index(selected, label);
        long[] r = rows.clone();
        double[] w = weights.clone();
        double[] w2 = squaredWeights.clone();
        r[c]++;
        w[c] += weight;
        w2[c] += weight * weight;
        return new OutcomeCounts(r, w, w2);
    }

    /** The state of both sets of rows together. */
    public OutcomeCounts merge(OutcomeCounts other) {
        long[] r = new long[Cell.COUNT];
        double[] w = new double[Cell.COUNT];
        double[] w2 = new double[Cell.COUNT];
        for (int i = 0; i < Cell.COUNT; i++) {
            r[i] = rows[i] + other.rows[i];
            w[i] = weights[i] + other.weights[i];
            w2[i] = squaredWeights[i] + other.squaredWeights[i];
        }
        return new OutcomeCounts(r, w, w2);
    }

    /**
     * The rows of this state that are not in {@code part} (this minus part), used to compare a group with the
     * rest of the population.
     *
     * @throws IllegalArgumentException when part has more rows in some cell than this state
     */
    public OutcomeCounts minus(OutcomeCounts part) {
        long[] r = new long[Cell.COUNT];
        double[] w = new double[Cell.COUNT];
        double[] w2 = new double[Cell.COUNT];
        for (int i = 0; i < Cell.COUNT; i++) {
            r[i] = rows[i] - part.rows[i];
            if (r[i] < 0) {
                throw new IllegalArgumentException("part has more rows than the whole in cell " + Cell.of(i));
            }
            // Rounding can leave a tiny negative remainder; clamp it, and make an empty cell exactly empty.
            w[i] = r[i] == 0 ? 0 : Math.max(0, weights[i] - part.weights[i]);
            w2[i] = r[i] == 0 ? 0 : Math.max(0, squaredWeights[i] - part.squaredWeights[i]);
        }
        return new OutcomeCounts(r, w, w2);
    }

    /** Rows in a cell. */
    public long rows(Cell cell) {
        return rows[cell.ordinal()];
    }

    /** Sum of weights in a cell (the row count when unweighted). */
    public double weight(Cell cell) {
        return weights[cell.ordinal()];
    }

    /** Sum of squared weights in a cell (the row count when unweighted). */
    public double squaredWeight(Cell cell) {
        return squaredWeights[cell.ordinal()];
    }

    /** All rows. */
    public long totalRows() {
        long t = 0;
        for (long r : rows) {
            t += r;
        }
        return t;
    }

    /** Rows whose label is unknown. */
    public long unknownLabelRows() {
        return rows[Cell.SELECTED_UNKNOWN.ordinal()] + rows[Cell.NOT_SELECTED_UNKNOWN.ordinal()];
    }

    /** Sum of weights over a set of cells. */
    public double weight(Cell... cells) {
        double t = 0;
        for (Cell c : cells) {
            t += weights[c.ordinal()];
        }
        return t;
    }

    /** Sum of squared weights over a set of cells. */
    public double squaredWeight(Cell... cells) {
        double t = 0;
        for (Cell c : cells) {
            t += squaredWeights[c.ordinal()];
        }
        return t;
    }

    /** Rows over a set of cells. */
    public long rows(Cell... cells) {
        long t = 0;
        for (Cell c : cells) {
            t += rows[c.ordinal()];
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeCounts c && Arrays.equals(rows, c.rows) && Arrays.equals(weights, c.weights)
                && Arrays.equals(squaredWeights, c.squaredWeights);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(rows) * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "OutcomeCounts[TP=" + rows[0] + ", FP=" + rows[1] + ", FN=" + rows[2] + ", TN=" + rows[3]
                + ", selectedUnknown=" + rows[4] + ", notSelectedUnknown=" + rows[5]
                + (Arrays.equals(toDouble(rows), weights) ? "" : ", weights=" + Arrays.toString(weights)) + "]";
    }

    private static double[] toDouble(long[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
