package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.ProportionIntervals;

/**
 * Computes per-group rates from a count state. Intervals and tests use effective counts: for unweighted data
 * these are the counts themselves; for weighted data the denominator becomes Kish's effective sample size
 * {@code (Σw)² / Σw²} and the numerator the rate times that size.
 */
public final class Rates {

    private static final Cell[] ALL = Cell.values();
    private static final Cell[] KNOWN = {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE, Cell.FALSE_NEGATIVE,
        Cell.TRUE_NEGATIVE};

    private Rates() {
    }

    /** The cells counted in a metric's numerator. */
    public static Cell[] numeratorCells(Metric m) {
        return switch (m) {
            case SELECTION_RATE -> new Cell[] {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE, Cell.SELECTED_UNKNOWN};
            case BASE_RATE -> new Cell[] {Cell.TRUE_POSITIVE, Cell.FALSE_NEGATIVE};
            case TRUE_POSITIVE_RATE, POSITIVE_PREDICTIVE_VALUE -> new Cell[] {Cell.TRUE_POSITIVE};
            case FALSE_POSITIVE_RATE, FALSE_DISCOVERY_RATE -> new Cell[] {Cell.FALSE_POSITIVE};
            case FALSE_NEGATIVE_RATE, FALSE_OMISSION_RATE -> new Cell[] {Cell.FALSE_NEGATIVE};
            case TRUE_NEGATIVE_RATE, NEGATIVE_PREDICTIVE_VALUE -> new Cell[] {Cell.TRUE_NEGATIVE};
            case ACCURACY -> new Cell[] {Cell.TRUE_POSITIVE, Cell.TRUE_NEGATIVE};
        };
    }

    /** The cells counted in a metric's denominator. */
    public static Cell[] denominatorCells(Metric m) {
        return switch (m) {
            case SELECTION_RATE -> ALL.clone();
            case BASE_RATE, ACCURACY -> KNOWN.clone();
            case TRUE_POSITIVE_RATE, FALSE_NEGATIVE_RATE -> new Cell[] {Cell.TRUE_POSITIVE, Cell.FALSE_NEGATIVE};
            case FALSE_POSITIVE_RATE, TRUE_NEGATIVE_RATE -> new Cell[] {Cell.FALSE_POSITIVE, Cell.TRUE_NEGATIVE};
            case POSITIVE_PREDICTIVE_VALUE, FALSE_DISCOVERY_RATE -> new Cell[] {Cell.TRUE_POSITIVE,
                Cell.FALSE_POSITIVE};
            case NEGATIVE_PREDICTIVE_VALUE, FALSE_OMISSION_RATE -> new Cell[] {Cell.TRUE_NEGATIVE,
                Cell.FALSE_NEGATIVE};
        };
    }

    // Cells per metric, computed once: proportion() runs for every group, metric and comparison.
    private static final Cell[][] NUMERATORS = new Cell[Metric.values().length][];
    private static final Cell[][] DENOMINATORS = new Cell[Metric.values().length][];

    static {
        for (Metric m : Metric.values()) {
            NUMERATORS[m.ordinal()] = numeratorCells(m);
            DENOMINATORS[m.ordinal()] = denominatorCells(m);
        }
    }

    /** The proportion behind a metric in a group. */
    public static Proportion proportion(OutcomeCounts counts, Metric m) {
        Cell[] den = DENOMINATORS[m.ordinal()];
        return Proportion.of(counts.weight(NUMERATORS[m.ordinal()]), counts.weight(den), counts.squaredWeight(den),
                counts.rows(den));
    }

    /** A metric of a group, with its status and interval. */
    public static MetricValue metric(OutcomeCounts counts, Metric m, IntervalMethod method) {
        return value(proportion(counts, m), counts.totalRows(), method);
    }

    /**
     * The proportion of the weight in {@code numerator} cells among the weight in {@code denominator} cells,
     * for rates that are not a {@link Metric} (for example the unfounded-control rate FP / all rows).
     */
    public static Proportion proportion(OutcomeCounts counts, Cell[] numerator, Cell[] denominator) {
        return Proportion.of(counts.weight(numerator), counts.weight(denominator), counts.squaredWeight(denominator),
                counts.rows(denominator));
    }

    /** A proportion as a typed value: undefined for an empty group or a zero denominator. */
    public static MetricValue value(Proportion p, long groupRows, IntervalMethod method) {
        if (groupRows == 0) {
            return new MetricValue(null, Status.UNDEFINED_EMPTY_GROUP, 0, 0, 0, null);
        }
        if (!p.defined()) {
            return new MetricValue(null, Status.UNDEFINED_ZERO_DENOMINATOR, p.numerator(), p.denominator(),
                    p.rows(), null);
        }
        return new MetricValue(p.value(), Status.OK, p.numerator(), p.denominator(), p.rows(),
                interval(p, method));
    }

    static Interval interval(Proportion p, IntervalMethod method) {
        Interval i = switch (method) {
            case WILSON -> ProportionIntervals.wilson(p.effectiveNumerator(), p.effectiveDenominator());
            case CLOPPER_PEARSON -> ProportionIntervals.clopperPearson(p.effectiveNumerator(),
                    p.effectiveDenominator());
        };
        // With weights the effective counts are rounded by nothing, so a value can sit a rounding error
        // outside its interval; widen to keep the estimate inside.
        return new Interval(Math.min(i.lower(), p.value()), Math.max(i.upper(), p.value()), i.method());
    }

    /**
     * A (weighted) proportion and its effective counts.
     *
     * @param numerator             sum of weights in the numerator
     * @param denominator           sum of weights in the denominator
     * @param effectiveNumerator    value × effective denominator
     * @param effectiveDenominator  Kish's effective size of the denominator
     * @param rows                  rows in the denominator
     */
    public record Proportion(double numerator, double denominator, double effectiveNumerator,
            double effectiveDenominator, long rows) {

        /**
         * A proportion from weight sums.
         *
         * @param numerator          sum of weights in the numerator
         * @param denominator        sum of weights in the denominator
         * @param squaredDenominator sum of squared weights in the denominator (equal to it when unweighted)
         * @param rows               rows in the denominator
         */
        public static Proportion of(double numerator, double denominator, double squaredDenominator, long rows) {
            if (!(denominator > 0)) {
                return new Proportion(numerator, denominator, 0, 0, rows);
            }
            // Unweighted (every weight 1) gives Σw = Σw², and then exactly the row count.
            double nEff = squaredDenominator == denominator ? denominator
                    : squaredDenominator > 0 ? denominator * denominator / squaredDenominator : 0;
            double value = Math.min(1.0, numerator / denominator);
            return new Proportion(numerator, denominator, value * nEff, nEff, rows);
        }

        /** Whether the denominator is positive. */
        public boolean defined() {
            return denominator > 0 && effectiveDenominator > 0;
        }

        /** numerator / denominator; only when {@link #defined()}. */
        public double value() {
            return Math.min(1.0, numerator / denominator);
        }
    }
}
