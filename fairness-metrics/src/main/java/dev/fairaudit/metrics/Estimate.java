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

    /** Checks that the value agrees with the status (see {@link Status}). */
    public Estimate {
        Status.check(status, value);
    }

    /** An undefined estimate. */
    public static Estimate undefined(Status why) {
        return new Estimate(null, why, null);
    }
}
