package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.core.table.AggregateRow;
import dev.fairaudit.core.table.AggregateTable;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The bounded count states ({@link CellBounds}) of every group of every grouping in published aggregate
 * tables. Mergeable: filling from two tables in turn (for example two years, or two regions with the same
 * groups) equals merging the states of each, so aggregate input is one more way to fill count states.
 */
public final class PublishedCounts {

    private final Map<Grouping, SortedMap<GroupKey, CellBounds>> groups;

    private PublishedCounts(Map<Grouping, SortedMap<GroupKey, CellBounds>> groups) {
        this.groups = groups;
    }

    /** No groups. */
    public static PublishedCounts empty() {
        return new PublishedCounts(Map.of());
    }

    /** The state of one aggregate table, with its spec's rounding and suppression bound. */
    public static PublishedCounts of(AggregateTable table) {
        Map<Grouping, SortedMap<GroupKey, CellBounds>> m = new LinkedHashMap<>();
        for (AggregateRow row : table.rows()) {
            GroupKey key = new GroupKey(row.group());
            m.computeIfAbsent(key.grouping(), g -> new TreeMap<>()).merge(key,
                    CellBounds.empty().add(row.counts(), table.spec().rounding(), table.spec().suppressedMax()),
                    CellBounds::merge);
        }
        return new PublishedCounts(freeze(m));
    }

    /** This state with another table's counts added (same groups add up). */
    public PublishedCounts add(AggregateTable table) {
        return merge(of(table));
    }

    /** Both states together: the bounds of a group present in both add up. */
    public PublishedCounts merge(PublishedCounts other) {
        Map<Grouping, SortedMap<GroupKey, CellBounds>> m = new LinkedHashMap<>();
        for (PublishedCounts p : List.of(this, other)) {
            p.groups.forEach((g, members) -> {
                SortedMap<GroupKey, CellBounds> target = m.computeIfAbsent(g, x -> new TreeMap<>());
                members.forEach((k, b) -> target.merge(k, b, CellBounds::merge));
            });
        }
        return new PublishedCounts(freeze(m));
    }

    private static Map<Grouping, SortedMap<GroupKey, CellBounds>> freeze(
            Map<Grouping, SortedMap<GroupKey, CellBounds>> m) {
        Map<Grouping, SortedMap<GroupKey, CellBounds>> copy = new LinkedHashMap<>();
        m.forEach((g, members) -> copy.put(g, Collections.unmodifiableSortedMap(new TreeMap<>(members))));
        return Collections.unmodifiableMap(copy);
    }

    /** The groupings, in the order they first appeared. */
    public List<Grouping> groupings() {
        return new ArrayList<>(groups.keySet());
    }

    /** The groups of a grouping with their bounds. */
    public SortedMap<GroupKey, CellBounds> groups(Grouping g) {
        SortedMap<GroupKey, CellBounds> m = groups.get(g);
        if (m == null) {
            throw new IllegalArgumentException("no counts for grouping " + g.label());
        }
        return m;
    }

    /**
     * The bounds of the whole population: the sum over the groups of the first grouping, as
     * {@link GroupedCounts} defines the whole.
     */
    public CellBounds overall() {
        CellBounds t = CellBounds.empty();
        if (!groups.isEmpty()) {
            for (CellBounds b : groups.values().iterator().next().values()) {
                t = t.merge(b);
            }
        }
        return t;
    }

    /** The bounds of a group, the whole population included. */
    public CellBounds bounds(GroupKey key) {
        if (key.equals(GroupKey.OVERALL)) {
            return overall();
        }
        SortedMap<GroupKey, CellBounds> m = groups.get(key.grouping());
        CellBounds b = m == null ? null : m.get(key);
        if (b == null) {
            throw new IllegalArgumentException("no counts for group " + key.label());
        }
        return b;
    }

    /** The published numbers as count states, for the point estimates. */
    public GroupedCounts publishedCounts() {
        Map<Grouping, Map<GroupKey, OutcomeCounts>> m = new LinkedHashMap<>();
        groups.forEach((g, members) -> {
            Map<GroupKey, OutcomeCounts> c = new TreeMap<>();
            members.forEach((k, b) -> c.put(k, b.publishedCounts()));
            m.put(g, c);
        });
        return new GroupedCounts(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublishedCounts p && p.groups.equals(groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }
}
