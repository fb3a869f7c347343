package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.Interval;

/**
 * The range of one group's rate over all true counts consistent with the published (rounded, partly
 * suppressed) counts, and the union of its 95% intervals over that range.
 *
 * @param group                 the group ({@link GroupKey#OVERALL} for the whole population)
 * @param metric                the rate
 * @param status                {@link Status#OK} when the range is known; {@link Status#SUPPRESSED} when a
 *                              suppressed cell without a known bound enters the rate; an {@code UNDEFINED_*}
 *                              status when the rate is undefined for every consistent count
 * @param lower                 the smallest rate over the range, or null
 * @param upper                 the largest rate over the range, or null
 * @param ci95                  the union of the 95% intervals over the range, or null
 * @param denominatorCanBeZero  whether some consistent counts leave the rate undefined (the range is over
 *                              the counts where it is defined)
 */
public record RateBounds(GroupKey group, Metric metric, Status status, Double lower, Double upper, Interval ci95,
        boolean denominatorCanBeZero) {

    /** Checks that a range is present exactly when the status is OK. */
    public RateBounds {
        if ((status == Status.OK) != (lower != null && upper != null)) {
            throw new IllegalArgumentException("status " + status + " and range [" + lower + ", " + upper
                    + "] disagree");
        }
        if (lower != null && upper != null && lower > upper) {
            throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
        }
    }

    /** A rate without a range. */
    static RateBounds without(GroupKey group, Metric metric, Status why) {
        return new RateBounds(group, metric, why, null, null, null, false);
    }
}
