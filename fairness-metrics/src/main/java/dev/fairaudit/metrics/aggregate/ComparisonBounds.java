package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * The range of a comparison (group against its reference) over all true counts consistent with the
 * published counts: from the ranges of both rates. Against the whole population, which contains the group,
 * the range is conservative (it may be wider than the true range).
 *
 * @param group           the group
 * @param reference       its reference
 * @param metric          the rate compared
 * @param status          {@link Status#OK}, or why a range cannot be given (the worse of the two rates)
 * @param ratioLower      the smallest ratio, or null when the ratio is undefined
 * @param ratioUpper      the largest ratio, or null when undefined or unbounded (the reference rate can be 0)
 * @param differenceLower the smallest difference, or null
 * @param differenceUpper the largest difference, or null
 */
public record ComparisonBounds(GroupKey group, GroupKey reference, Metric metric, Status status,
        Double ratioLower, Double ratioUpper, Double differenceLower, Double differenceUpper) {
}
