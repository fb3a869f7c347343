package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rates of one group.
 *
 * @param group             the group (no attributes for the whole population)
 * @param rows              rows in the group
 * @param n                 the group's size (sum of weights; equal to rows when unweighted)
 * @param unknownLabelRows  rows whose label is unknown: counted for the selection rate, left out of the rest
 * @param belowMinGroupSize whether the group has fewer rows than the minimum group size
 * @param populationShare   the group's share of the population (n / overall n)
 * @param metrics           every {@link Metric}, in declaration order
 * @param counts            the count state the rates were computed from
 */
public record GroupResult(
        GroupKey group,
        long rows,
        double n,
        long unknownLabelRows,
        boolean belowMinGroupSize,
        MetricValue populationShare,
        Map<Metric, MetricValue> metrics,
        OutcomeCounts counts) {

    /** Copies the metrics into an unmodifiable map in {@link Metric} order. */
    public GroupResult {
        EnumMap<Metric, MetricValue> copy = new EnumMap<>(Metric.class);
        copy.putAll(metrics);
        if (copy.size() != Metric.values().length) {
            throw new IllegalArgumentException("every metric needs a value; got " + copy.keySet());
        }
        metrics = Collections.unmodifiableMap(copy);
    }

    /** The value of one metric. */
    public MetricValue metric(Metric m) {
        return metrics.get(m);
    }
}
