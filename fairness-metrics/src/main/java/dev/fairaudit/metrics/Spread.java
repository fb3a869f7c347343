package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.GroupKey;

/**
 * How far a metric varies across the groups of a grouping (the aggregates Fairlearn reports): the largest
 * minus the smallest value, and the smallest divided by the largest. Only groups whose value is defined and
 * whose denominator has at least the minimum group size take part; the rest are counted as excluded.
 *
 * @param status          {@link Status#OK}; {@link Status#INSUFFICIENT_SAMPLE} when fewer than two groups
 *                        take part although some have a value; {@link Status#UNDEFINED_ZERO_DENOMINATOR} when
 *                        no group has a value (for example no label is declared)
 * @param maxGroup        the group with the largest value, or null
 * @param max             the largest value, or null
 * @param minGroup        the group with the smallest value, or null
 * @param min             the smallest value, or null
 * @param maxMinDifference max − min, or null
 * @param minMaxRatio     min / max, or null (also when max is 0: the ratio is then undefined while the
 *                        difference is defined)
 * @param groupsIncluded  groups taking part
 * @param groupsExcluded  groups left out (undefined value or too few rows)
 */
public record Spread(Status status, GroupKey maxGroup, Double max, GroupKey minGroup, Double min,
        Double maxMinDifference, Double minMaxRatio, int groupsIncluded, int groupsExcluded) {
}
