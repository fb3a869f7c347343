package dev.fairaudit.metrics;

import dev.fairaudit.metrics.stats.Interval;

/**
 * A per-group rate: its value (null when undefined), why it is or is not defined, the (weighted) numerator and
 * denominator it was computed from, and its 95% interval (null when undefined).
 *
 * @param value       the rate, or null
 * @param status      {@link Status#OK}, or why the value is missing (per-group rates are never
 *                    INSUFFICIENT_SAMPLE: comparisons carry that verdict, and {@code rows} shows the sample size)
 * @param numerator   the numerator (sum of weights)
 * @param denominator the denominator (sum of weights)
 * @param rows        the rows behind the denominator (unweighted), the sample size that matters
 * @param ci95        the 95% interval, or null
 */
public record MetricValue(Double value, Status status, double numerator, double denominator, long rows,
        Interval ci95) {

    /** Checks that the value agrees with the status (see {@link Status}). */
    public MetricValue {
        Status.check(status, value);
    }
}
