package dev.fairaudit.metrics.counts;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the {@link OutcomeCounts} of every group of every grouping in one pass over a {@link DecisionTable}.
 *
 * <p>When the product of the cardinalities of all attributes involved is small enough (at most
 * {@value #MAX_JOINT_CELLS} packed cells), rows are counted once on that joint product and every grouping is
 * derived from it by summing; otherwise each grouping is counted on its own product. Intersection cells that
 * no row falls into are reported as empty groups while a grouping has at most {@value #MAX_LISTED_EMPTY}
 * combinations; beyond that only the groups that occur are listed.
 */
public final class GroupCounter {

    /** The largest joint product (in packed cells, outcome cells included) counted in one array. */
    public static final int MAX_JOINT_CELLS = 1 << 22;
    /** The largest product of one grouping (in packed cells). */
    public static final long MAX_GROUPING_CELLS = 1L << 27;
    /** Up to this many combinations, an intersection lists its empty cells too. */
    public static final int MAX_LISTED_EMPTY = 1000;

    private GroupCounter() {
    }

    /**
     * Counts the groups of each grouping, and the whole population.
     *
     * @throws IllegalArgumentException when a grouping names an attribute that is not a protected attribute
     *                                  of the table, or has more than {@link #MAX_GROUPING_CELLS} cells
     */
    public static GroupedCounts count(DecisionTable table, List<Grouping> groupings) {
        List<String> used = new ArrayList<>();
        for (Grouping g : groupings) {
            for (String a : g.attributes()) {
                table.protectedColumn(a); // validates
                if (!used.contains(a)) {
                    used.add(a);
                }
            }
        }
        int rows = table.rowCount();
        byte[] cells = ChunkOutcomes.cells(table);
        double[] weights = ChunkOutcomes.weights(table);
        List<CategoricalColumn> columns = used.stream().map(table::protectedColumn).toList();
        int[] cards = columns.stream().mapToInt(CategoricalColumn::cardinality).toArray();

        if (fits(cards, MAX_JOINT_CELLS)) {
            // The usual case: one flat count on the joint product, kept flat when chunks are merged; the groups
            // of each grouping are summed out of it only when they are read (groupsOf).
            JointCounts joint = JointCounts.count(columns, cells, weights, rows, MAX_JOINT_CELLS);
            return GroupedCounts.ofJoint(groupings, used, joint);
        }
        if (rows == 0) {
            return noRows(groupings);
        }
        Map<Grouping, Map<GroupKey, OutcomeCounts>> result = new LinkedHashMap<>();
        for (Grouping g : groupings) {
            List<CategoricalColumn> gcols = g.attributes().stream().map(table::protectedColumn).toList();
            int[] gcards = gcols.stream().mapToInt(CategoricalColumn::cardinality).toArray();
            if (!fits(gcards, MAX_GROUPING_CELLS)) {
                throw new IllegalArgumentException("the intersection " + g.label() + " has too many groups ("
                        + "cardinalities " + java.util.Arrays.toString(gcards) + "); use fewer attributes");
            }
            Flat flat = Flat.count(gcols, cells, weights, rows);
            result.put(g, flat.toGroups(g, (i, code) -> gcols.get(i).value(code)));
        }
        Flat total = Flat.count(List.of(), cells, weights, rows);
        result.put(Grouping.OVERALL, total.toGroups(Grouping.OVERALL, (i, code) -> {
            throw new AssertionError("the whole population has no attributes");
        }));
        return new GroupedCounts(result);
    }

    /** No rows, no values: every grouping has no groups, and the whole population is empty. */
    private static GroupedCounts noRows(List<Grouping> groupings) {
        Map<Grouping, Map<GroupKey, OutcomeCounts>> result = new LinkedHashMap<>();
        for (Grouping g : groupings) {
            result.put(g, Map.of());
        }
        result.put(Grouping.OVERALL, Map.of(GroupKey.OVERALL, OutcomeCounts.empty()));
        return new GroupedCounts(result);
    }

    /**
     * The groups of each grouping (then the whole population) summed out of a joint count over the attributes
     * {@code used}, in the order {@link #count} lists them.
     */
    static Map<Grouping, ? extends Map<GroupKey, OutcomeCounts>> groupsOf(JointCounts joint, List<String> used,
            List<Grouping> groupings) {
        if (joint.isEmpty()) {
            return noRows(groupings).asMap();
        }
        Map<Grouping, Map<GroupKey, OutcomeCounts>> result = new LinkedHashMap<>();
        for (Grouping g : groupings) {
            int[] positions = g.attributes().stream().mapToInt(used::indexOf).toArray();
            result.put(g, Flat.of(joint.marginal(positions, MAX_GROUPING_CELLS))
                    .toGroups(g, (i, code) -> joint.value(positions[i], code)));
        }
        result.put(Grouping.OVERALL, Flat.of(joint.marginal(new int[0], MAX_GROUPING_CELLS))
                .toGroups(Grouping.OVERALL, (i, code) -> {
                    throw new AssertionError("the whole population has no attributes");
                }));
        return result;
    }

    /** The value of a code of the {@code i}-th attribute of a grouping. */
    private interface ValueOf {
        String value(int attribute, int code);
    }

    private static boolean fits(int[] cardinalities, long maxCells) {
        long product = Cell.COUNT;
        for (int c : cardinalities) {
            product *= Math.max(1, c);
            if (product > maxCells) {
                return false;
            }
        }
        return true;
    }

    /** Flat packed counts over some columns. */
    private record Flat(int[] cards, long[] counts, double[] weights, double[] squaredWeights) {

        static Flat count(List<CategoricalColumn> columns, byte[] cells, double[] rowWeights, int rows) {
            int[] cards = columns.stream().mapToInt(CategoricalColumn::cardinality).toArray();
            int size = CellCounter.cellCount(cards, MAX_GROUPING_CELLS);
            long[] counts = new long[size];
            if (rowWeights == null) {
                CellCounter.count(columns, cards, cells, rows, counts);
                return new Flat(cards, counts, null, null);
            }
            double[] w = new double[size];
            double[] w2 = new double[size];
            CellCounter.countWeighted(columns, cards, cells, rowWeights, rows, counts, w, w2);
            return new Flat(cards, counts, w, w2);
        }

        static Flat of(JointCounts.Marginal m) {
            return new Flat(m.cards(), m.n(), m.w(), m.w2());
        }

        Map<GroupKey, OutcomeCounts> toGroups(Grouping grouping, ValueOf columns) {
            Map<GroupKey, OutcomeCounts> groups = new LinkedHashMap<>();
            boolean listEmpty = counts.length / Cell.COUNT <= MAX_LISTED_EMPTY;
            int[] strides = CellCounter.strides(cards);
            long[] r = new long[Cell.COUNT];
            double[] w = new double[Cell.COUNT];
            double[] w2 = new double[Cell.COUNT];
            for (int p = 0; p < counts.length; p += Cell.COUNT) {
                long total = 0;
                for (int c = 0; c < Cell.COUNT; c++) {
                    r[c] = counts[p + c];
                    total += r[c];
                    w[c] = weights == null ? r[c] : weights[p + c];
                    w2[c] = weights == null ? r[c] : squaredWeights[p + c];
                }
                if (total == 0 && !listEmpty) {
                    continue;
                }
                List<String> values = new ArrayList<>(cards.length);
                for (int i = 0; i < cards.length; i++) {
                    values.add(columns.value(i, (p / strides[i]) % cards[i]));
                }
                groups.put(GroupKey.of(grouping.attributes(), values), OutcomeCounts.of(r, w, w2));
            }
            return groups;
        }
    }
}
