package dev.fairaudit.metrics;

import dev.fairaudit.metrics.stats.Interval;

/**
 * A comparison statistic (a ratio or a difference): its value (null when undefined), status and 95% interval
 * (null when it cannot be computed).
 *
 * @param value  the estimate, or null
 * @param status {@link Status#OK}, or why the value is missing or inconclusive
 * @param ci95   the 95% interval, or null
 */
public record Estimate(Double value, Status status, Interval ci95) {

    /** Checks that a value is present exactly when the status says so. */
    public Estimate {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        if (status.hasValue() != (value != null)) {
            throw new IllegalArgumentException("status " + status + " and value " + value + " disagree");
        }
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
    }

    /** An undefined estimate. */
    public static Estimate undefined(Status why) {
        return new Estimate(null, why, null);
    }
}
