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
 *
 * <p>Counted from a table by {@link GroupCounter}, the state is usually one flat count on the joint product of
 * the attributes (keyed by dictionary codes): merging such states, as a stream's chunks are merged, sums arrays,
 * and the groups keyed by {@link GroupKey} are made once, when first read.
 */
public final class GroupedCounts {

    // The groupings and attributes of the joint count, and the joint count itself; all null when the state was
    // given as groups.
    private final List<Grouping> jointGroupings;
    private final List<String> jointAttributes;
    private final JointCounts joint;
    // The groups per grouping: given, or made from the joint count when first read.
    private volatile Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> groups;

    /**
     * @param groups per grouping, the counts of each of its groups; {@link Grouping#OVERALL} is added from the
     *               first grouping when absent
     */
    public GroupedCounts(Map<Grouping, ? extends Map<GroupKey, OutcomeCounts>> groups) {
        this.jointGroupings = null;
        this.jointAttributes = null;
        this.joint = null;
        this.groups = copyOf(groups);
    }

    private GroupedCounts(List<Grouping> groupings, List<String> attributes, JointCounts joint) {
        this.jointGroupings = List.copyOf(groupings);
        this.jointAttributes = List.copyOf(attributes);
        this.joint = joint;
    }

    /** A state kept as one joint count over {@code attributes}, the attributes of every grouping. */
    static GroupedCounts ofJoint(List<Grouping> groupings, List<String> attributes, JointCounts joint) {
        return new GroupedCounts(groupings, attributes, joint);
    }

    private static Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> copyOf(
            Map<Grouping, ? extends Map<GroupKey, OutcomeCounts>> groups) {
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
        return Collections.unmodifiableMap(copy);
    }

    /** The groups per grouping, made from the joint count on first use. */
    Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> asMap() {
        Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> g = groups;
        if (g == null) {
            g = copyOf(GroupCounter.groupsOf(joint, jointAttributes, jointGroupings));
            groups = g;
        }
        return g;
    }

    /** The groupings, in the order they were declared, the whole population last unless declared. */
    public List<Grouping> groupings() {
        return new ArrayList<>(asMap().keySet());
    }

    /** The groups of a grouping, ordered by value, with their counts; empty intersection cells included. */
    public SortedMap<GroupKey, OutcomeCounts> groups(Grouping grouping) {
        SortedMap<GroupKey, OutcomeCounts> m = asMap().get(grouping);
        if (m == null) {
            throw new IllegalArgumentException("no counts for grouping " + grouping.label());
        }
        return m;
    }

    /** The counts of the whole population. */
    public OutcomeCounts overall() {
        return asMap().get(Grouping.OVERALL).get(GroupKey.OVERALL);
    }

    /**
     * The counts of both parts together. Groups present in only one part are kept; the two must have the
     * same groupings.
     */
    public GroupedCounts merge(GroupedCounts other) {
        if (joint != null && other.joint != null && jointGroupings.equals(other.jointGroupings)
                && jointAttributes.equals(other.jointAttributes)) {
            JointCounts sum = joint.merge(other.joint, GroupCounter.MAX_JOINT_CELLS);
            if (sum != null) {
                return new GroupedCounts(jointGroupings, jointAttributes, sum);
            }
        }
        if (!asMap().keySet().equals(other.asMap().keySet())) {
            throw new IllegalArgumentException("cannot merge counts of different groupings: " + asMap().keySet()
                    + " and " + other.asMap().keySet());
        }
        Map<Grouping, Map<GroupKey, OutcomeCounts>> merged = new LinkedHashMap<>();
        Map<Grouping, SortedMap<GroupKey, OutcomeCounts>> otherGroups = other.asMap();
        asMap().forEach((g, m) -> {
            Map<GroupKey, OutcomeCounts> sum = new TreeMap<>(m);
            otherGroups.get(g).forEach((k, c) -> sum.merge(k, c, OutcomeCounts::merge));
            merged.put(g, sum);
        });
        return new GroupedCounts(merged);
    }

    /** Whether this state is kept as one flat joint count (for tests). */
    boolean isFlat() {
        return joint != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupedCounts c && c.asMap().equals(asMap());
    }

    @Override
    public int hashCode() {
        return asMap().hashCode();
    }

    @Override
    public String toString() {
        return "GroupedCounts" + asMap();
    }
}
