package dev.fairaudit.metrics.counts;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The count states of every group of every grouping, split further by the values of one more categorical
 * column (the selection route, or the funnel stage): grouping → group → level → {@link OutcomeCounts}. Keys are
 * the values themselves, not dictionary codes, so states counted from different tables (chunks of a stream)
 * merge correctly even when their dictionaries differ. Memory is O(groups × levels), not O(rows).
 *
 * <p>{@link #empty(List)} is the identity of {@link #merge(SplitCounts)}, which is associative and
 * commutative; {@code count(A).merge(count(B))} equals the counts of A and B together. Counted from a table, the
 * state is usually one flat count on the joint product of the attributes and the split column (keyed by
 * dictionary codes): merging such states, as a stream's chunks are merged, sums arrays, and the maps keyed by
 * group and level are made once, when first read.
 */
public final class SplitCounts {

    /** The largest product of one grouping's cardinalities, the split column's and the outcome cells. */
    public static final long MAX_CELLS = 1L << 26;
    /** The largest joint product (every attribute used, the split column, the outcome cells) counted at once. */
    public static final long MAX_JOINT_CELLS = 1L << 22;

    private final List<Grouping> groupings;
    // The attributes of the joint count (the split column after them) and the joint count; null when the state
    // was made as maps.
    private final List<String> jointAttributes;
    private final JointCounts joint;
    // The counts per grouping, group and level: given, or made from the joint count when first read.
    private volatile Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> counts;

    private SplitCounts(List<Grouping> groupings,
            Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> counts) {
        this.groupings = List.copyOf(groupings);
        this.jointAttributes = null;
        this.joint = null;
        this.counts = counts;
    }

    private SplitCounts(List<Grouping> groupings, List<String> jointAttributes, JointCounts joint) {
        this.groupings = List.copyOf(groupings);
        this.jointAttributes = List.copyOf(jointAttributes);
        this.joint = joint;
    }

    /** The counts per grouping, group and level, made from the joint count on first use. */
    private Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> counts() {
        Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> c = counts;
        if (c == null) {
            c = fromJoint(groupings, jointAttributes, joint);
            counts = c;
        }
        return c;
    }

    /** Sums each grouping (with the split column, the last of the joint count's columns) out of a joint count. */
    private static Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> fromJoint(
            List<Grouping> groupings, List<String> used, JointCounts joint) {
        Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> m = new java.util.LinkedHashMap<>();
        for (Grouping g : groupings) {
            int[] positions = new int[g.attributes().size() + 1];
            for (int i = 0; i < g.attributes().size(); i++) {
                positions[i] = used.indexOf(g.attributes().get(i));
            }
            positions[positions.length - 1] = used.size();
            JointCounts.Marginal mg = joint.marginal(positions, MAX_CELLS);
            m.put(g, toMap(g, (i, code) -> joint.value(positions[i], code), mg.cards(), mg.n(), mg.w(), mg.w2()));
        }
        return m;
    }

    /** The value of a code of the {@code i}-th column (the grouping's attributes, then the split column). */
    private interface ValueOf {
        String value(int column, int code);
    }

    /** No rows, for these groupings ({@link Grouping#OVERALL} is added when absent). */
    public static SplitCounts empty(List<Grouping> groupings) {
        List<Grouping> all = withOverall(groupings);
        Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> m = new java.util.LinkedHashMap<>();
        for (Grouping g : all) {
            m.put(g, new TreeMap<>());
        }
        return new SplitCounts(all, m);
    }

    /**
     * Counts a table: every row once per grouping, under its group and its value of {@code split} (missing
     * values under the table's missing-group name).
     *
     * @param table     the rows
     * @param groupings the groupings (protected attributes of the table); the whole population is added
     * @param split     the column to split by, for example {@code table.route().get()}
     * @throws IllegalArgumentException when a grouping names an attribute the table does not have, or a
     *                                  grouping times the split column has more than {@link #MAX_CELLS} cells
     */
    public static SplitCounts count(DecisionTable table, List<Grouping> groupings, CategoricalColumn split) {
        List<Grouping> all = withOverall(groupings);
        int rows = table.rowCount();
        byte[] cells = ChunkOutcomes.cells(table);
        double[] weights = ChunkOutcomes.weights(table);
        // Count once on the joint product of every attribute used and the split column, then sum each grouping
        // out of it (as GroupCounter does); fall back to one pass per grouping when the product is too large.
        List<String> used = new ArrayList<>();
        for (Grouping g : all) {
            for (String a : g.attributes()) {
                if (!used.contains(a)) {
                    used.add(a);
                }
            }
        }
        List<CategoricalColumn> jointColumns = new ArrayList<>();
        for (String a : used) {
            jointColumns.add(table.protectedColumn(a));
        }
        jointColumns.add(split);
        int[] jointCards = jointColumns.stream().mapToInt(c -> Math.max(1, c.cardinality())).toArray();
        long jointSize = Cell.COUNT;
        for (int c : jointCards) {
            jointSize *= c;
            if (jointSize > MAX_JOINT_CELLS) {
                break; // stop before the product can overflow
            }
        }
        if (jointSize <= MAX_JOINT_CELLS) {
            JointCounts joint = JointCounts.count(jointColumns, cells, weights, rows, MAX_JOINT_CELLS);
            return new SplitCounts(all, used, joint);
        }
        Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> m = new java.util.LinkedHashMap<>();
        for (Grouping g : all) {
            List<CategoricalColumn> columns = new ArrayList<>();
            for (String a : g.attributes()) {
                columns.add(table.protectedColumn(a));
            }
            columns.add(split);
            int[] cards = columns.stream().mapToInt(c -> Math.max(1, c.cardinality())).toArray();
            int size = CellCounter.cellCount(cards, MAX_CELLS);
            long[] n = new long[size];
            double[] w = weights == null ? null : new double[size];
            double[] w2 = weights == null ? null : new double[size];
            count(columns, cards, cells, weights, rows, n, w, w2);
            m.put(g, toMap(g, (i, code) -> columns.get(i).value(code), cards, n, w, w2));
        }
        return new SplitCounts(all, m);
    }

    private static void count(List<CategoricalColumn> columns, int[] cards, byte[] cells, double[] weights, int rows,
            long[] n, double[] w, double[] w2) {
        if (rows == 0) {
            return;
        }
        if (weights == null) {
            CellCounter.count(columns, cards, cells, rows, n);
        } else {
            CellCounter.countWeighted(columns, cards, cells, weights, rows, n, w, w2);
        }
    }

    private static SortedMap<GroupKey, SortedMap<String, OutcomeCounts>> toMap(Grouping g, ValueOf columns,
            int[] cards, long[] n, double[] w, double[] w2) {
        SortedMap<GroupKey, SortedMap<String, OutcomeCounts>> out = new TreeMap<>();
        int[] strides = CellCounter.strides(cards);
        int last = cards.length - 1;
        for (int p = 0; p < n.length; p += Cell.COUNT) {
            long total = 0;
            long[] r = new long[Cell.COUNT];
            double[] cw = new double[Cell.COUNT];
            double[] cw2 = new double[Cell.COUNT];
            for (int c = 0; c < Cell.COUNT; c++) {
                r[c] = n[p + c];
                total += r[c];
                cw[c] = w == null ? r[c] : w[p + c];
                cw2[c] = w == null ? r[c] : w2[p + c];
            }
            if (total == 0) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < last; i++) {
                values.add(columns.value(i, (p / strides[i]) % cards[i]));
            }
            String level = columns.value(last, (p / strides[last]) % cards[last]);
            out.computeIfAbsent(GroupKey.of(g.attributes(), values), k -> new TreeMap<>())
                    .put(level, OutcomeCounts.of(r, cw, cw2));
        }
        return out;
    }

    private static List<Grouping> withOverall(List<Grouping> groupings) {
        List<Grouping> all = new ArrayList<>();
        for (Grouping g : groupings) {
            if (!g.isOverall() && !all.contains(g)) {
                all.add(g);
            }
        }
        all.add(Grouping.OVERALL);
        return all;
    }

    /** The groupings, the whole population last. */
    public List<Grouping> groupings() {
        return groupings;
    }

    /** The groups of a grouping that have rows, each with its counts per level. */
    public SortedMap<GroupKey, SortedMap<String, OutcomeCounts>> groups(Grouping grouping) {
        SortedMap<GroupKey, SortedMap<String, OutcomeCounts>> m = counts().get(grouping);
        if (m == null) {
            throw new IllegalArgumentException("no counts for grouping " + grouping.label());
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** The counts of one group at one level; empty when there are none. */
    public OutcomeCounts get(GroupKey group, String level) {
        SortedMap<String, OutcomeCounts> byLevel = counts().getOrDefault(group.grouping(), new TreeMap<>())
                .get(group);
        if (byLevel == null) {
            return OutcomeCounts.empty();
        }
        return byLevel.getOrDefault(level, OutcomeCounts.empty());
    }

    /** The counts of one group over all levels. */
    public OutcomeCounts total(GroupKey group) {
        SortedMap<String, OutcomeCounts> byLevel = counts().getOrDefault(group.grouping(), new TreeMap<>())
                .get(group);
        OutcomeCounts t = OutcomeCounts.empty();
        if (byLevel != null) {
            for (OutcomeCounts c : byLevel.values()) {
                t = t.merge(c);
            }
        }
        return t;
    }

    /** Every level that occurs, in value order. */
    public List<String> levels() {
        java.util.SortedSet<String> levels = new java.util.TreeSet<>();
        counts().get(Grouping.OVERALL).values().forEach(m -> levels.addAll(m.keySet()));
        return List.copyOf(levels);
    }

    /**
     * The counts of both parts together.
     *
     * @throws IllegalArgumentException when the two have different groupings
     */
    public SplitCounts merge(SplitCounts other) {
        if (!groupings.equals(other.groupings)) {
            throw new IllegalArgumentException("cannot merge counts of different groupings: " + groupings + " and "
                    + other.groupings);
        }
        if (joint != null && other.joint != null && jointAttributes.equals(other.jointAttributes)) {
            JointCounts sum = joint.merge(other.joint, MAX_JOINT_CELLS);
            if (sum != null) {
                return new SplitCounts(groupings, jointAttributes, sum);
            }
        }
        Map<Grouping, SortedMap<GroupKey, SortedMap<String, OutcomeCounts>>> m = new java.util.LinkedHashMap<>();
        for (Grouping g : groupings) {
            SortedMap<GroupKey, SortedMap<String, OutcomeCounts>> sum = new TreeMap<>();
            for (var source : List.of(counts().get(g), other.counts().get(g))) {
                source.forEach((k, levels) -> {
                    SortedMap<String, OutcomeCounts> target = sum.computeIfAbsent(k, x -> new TreeMap<>());
                    levels.forEach((level, c) -> target.merge(level, c, OutcomeCounts::merge));
                });
            }
            m.put(g, sum);
        }
        return new SplitCounts(groupings, m);
    }

    /** Whether this state is kept as one flat joint count (for tests). */
    boolean isFlat() {
        return joint != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SplitCounts s && s.groupings.equals(groupings) && s.counts().equals(counts());
    }

    @Override
    public int hashCode() {
        return counts().hashCode();
    }

    @Override
    public String toString() {
        return "SplitCounts" + counts();
    }
}
