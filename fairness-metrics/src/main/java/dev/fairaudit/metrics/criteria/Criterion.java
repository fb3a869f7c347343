package dev.fairaudit.metrics.criteria;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pre-registered criterion.
 *
 * @param id            a short name, unique in its file
 * @param metric        the quantity, for example {@code selectionRate.ratio} (see {@link QuantityResolver})
 * @param grouping      the attribute (one name) or intersection (two or more) it applies to; empty for the whole
 *                      population
 * @param group         the one group it applies to (attribute → value), or empty for every group of the grouping
 * @param bound         the acceptable range
 * @param minSampleSize the fewest rows that must stand behind the estimate; fewer gives INCONCLUSIVE
 * @param onFail        what a failure of this criterion advises
 * @param description   what the criterion is for, or null
 */
public record Criterion(String id, String metric, List<String> grouping, Map<String, String> group, Bound bound,
        int minSampleSize, Advice onFail, String description) {

    /** Validates and copies. */
    public Criterion {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a criterion needs an id");
        }
        if (metric == null || metric.isBlank()) {
            throw new IllegalArgumentException("criterion " + id + " needs a metric");
        }
        grouping = List.copyOf(grouping);
        group = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(group));
        if (!grouping.containsAll(group.keySet())) {
            throw new IllegalArgumentException("criterion " + id + ": group " + group
                    + " names attributes outside " + grouping);
        }
        if (bound == null) {
            throw new IllegalArgumentException("criterion " + id + " needs a bound");
        }
        if (minSampleSize < 1) {
            throw new IllegalArgumentException("criterion " + id + ": minSampleSize must be >= 1, was "
                    + minSampleSize);
        }
        if (onFail == null || onFail == Advice.CONTINUE) {
            throw new IllegalArgumentException("criterion " + id + ": onFail must be STOP or ADJUST");
        }
    }
}
