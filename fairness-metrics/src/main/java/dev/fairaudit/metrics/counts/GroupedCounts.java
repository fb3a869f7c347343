package dev.fairaudit.metrics.counts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The count states of every group of every grouping, plus the whole population: what one counting pass
 * produces, and all that the metrics read. Mergeable: counting two parts of a table and merging gives the
 * counts of the whole.
 */
public final class GroupedCounts {

    private final Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> groups;

    /**
     * @param groups per grouping, the counts of each of its groups; {@link Grouping#OVERALL} is added from the
     *               first grouping when absent
     */
    public GroupedCounts(Map<Grouping, ? extends Map<GroupKey, OutcomeCounts>> groups) {
        Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> copy = new LinkedHashMap<>();
        groups.forEach((g, m) -> {
            for (GroupKey k : m.keySet()) {
                if (!k.grouping().equals(g)) {
                    throw new IllegalArgumentException("group " + k.label() + " does not belong to " + g.label());
                }
            }
            copy.put(g, Collections.unmodifiableSortedMap(new TreeMap<>(m)));
        });
        if (!copy.containsKey(Grouping.OVERALL) && !copy.isEmpty()) {
            OutcomeCounts total = OutcomeCounts.empty();
            for (OutcomeCounts c : copy.values().iterator().next().values()) {
                total = total.merge(c);
            }
            copy.put(Grouping.OVERALL, Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(GroupKey.OVERALL,
                    total))));
        }
        this.groups = Collections.unmodifiableMap(copy);
    }

    /** The groupings, in the order they were declared, the whole population last unless declared. */
    public List<Grouping> groupings() {
        return new ArrayList<>(groups.keySet());
    }

    /** The groups of a grouping, ordered by value, with their counts; empty intersection cells included. */
    public SortedMap<GroupKey, OutcomeCounts> groups(Grouping grouping) {
        SortedMap<GroupKey, OutcomeCounts> m = groups.get(grouping);
        if (m == null) {
            throw new IllegalArgumentException("no counts for grouping " + grouping.label());
        }
        return m;
    }

    /** The counts of the whole population. */
    public OutcomeCounts overall() {
        return groups.get(Grouping.OVERALL).get(GroupKey.OVERALL);
    }

    /**
     * The counts of both parts together. Groups present in only one part are kept; the two must have the
     * same groupings.
     */
    public GroupedCounts merge(GroupedCounts other) {
        if (!groups.keySet().equals(other.groups.keySet())) {
            throw new IllegalArgumentException("cannot merge counts of different groupings: " + groups.keySet()
                    + " and " + other.groups.keySet());
        }
        Map<Grouping, Map<GroupKey, OutcomeCounts>> merged = new LinkedHashMap<>();
        groups.forEach((g, m) -> {
            Map<GroupKey, OutcomeCounts> sum = new TreeMap<>(m);
            other.groups.get(g).forEach((k, c) -> sum.merge(k, c, OutcomeCounts::merge));
            merged.put(g, sum);
        });
        return new GroupedCounts(merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupedCounts c && c.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        return "GroupedCounts" + groups;
    }
}
