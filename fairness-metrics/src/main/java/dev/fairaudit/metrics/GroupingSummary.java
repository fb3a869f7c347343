package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregates across the groups of one grouping.
 *
 * @param grouping                the grouping
 * @param reference               its reference group
 * @param spreads                 per metric, the spread across groups
 * @param equalizedOddsDifference Fairlearn's across-groups form: max of the TPR spread and the FPR spread
 *                                (max − min each), with status
 * @param oddsDifferences         per non-reference group, odds differences against the reference
 */
public record GroupingSummary(
        Grouping grouping,
        GroupKey reference,
        Map<Metric, Spread> spreads,
        Estimate equalizedOddsDifference,
        List<OddsDifference> oddsDifferences) {

    /** Copies. */
    public GroupingSummary {
        EnumMap<Metric, Spread> copy = new EnumMap<>(Metric.class);
        copy.putAll(spreads);
        spreads = Collections.unmodifiableMap(copy);
        oddsDifferences = List.copyOf(oddsDifferences);
    }
}
