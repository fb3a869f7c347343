package dev.fairaudit.metrics.criteria;

import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.Interval;

/**
 * An estimate a criterion can be checked against.
 *
 * @param group      the group it is about ({@link GroupKey#OVERALL} for the whole population)
 * @param reference  the group it is compared with, or null when it is not a comparison
 * @param value      the estimate, or null when undefined
 * @param status     {@link Status#OK}, or why it is undefined or inconclusive
 * @param ci95       the 95% interval, or null
 * @param sampleSize the fewest rows behind any rate that goes into it
 */
public record Quantity(GroupKey group, GroupKey reference, Double value, Status status, Interval ci95,
        long sampleSize) {
}
