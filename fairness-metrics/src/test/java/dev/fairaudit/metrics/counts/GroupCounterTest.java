package dev.fairaudit.metrics.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The counting pass agrees with a plain map-based count, on both of its paths. */
class GroupCounterTest {

    /** Counts rows per (attribute values, cell) the obvious way, to compare with. */
    private static Map<GroupKey, long[]> naive(DecisionTable t, Grouping g) {
        Map<GroupKey, long[]> m = new HashMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            final int row = i;
            List<String> values = g.attributes().stream()
                    .map(a -> t.protectedColumn(a).value(t.protectedColumn(a).code(row))).toList();
            m.computeIfAbsent(GroupKey.of(g.attributes(), values), k -> new long[Cell.COUNT])
                    [Cell.index(t.selected(i), t.label(i))]++;
        }
        return m;
    }

    private static DecisionTable table(int rows, int xValues, int yValues, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("x", "y")
                .decision("d=1").label("l=1").build());
        for (int i = 0; i < rows; i++) {
            int label = rnd.nextInt(3);
            b.addRow(Map.of("x", "x" + (i < xValues ? i : rnd.nextInt(xValues)),
                    "y", "y" + (i < yValues ? i : rnd.nextInt(yValues)),
                    "d", rnd.nextBoolean() ? "1" : "0", "l", label == 2 ? "" : Integer.toString(label)));
        }
        return b.build();
    }

    private static void assertMatchesNaive(DecisionTable t, List<Grouping> groupings) {
        GroupedCounts counts = GroupCounter.count(t, groupings);
        for (Grouping g : groupings) {
            Map<GroupKey, long[]> expected = naive(t, g);
            Map<GroupKey, OutcomeCounts> actual = counts.groups(g);
            for (Map.Entry<GroupKey, long[]> e : expected.entrySet()) {
                OutcomeCounts c = actual.get(e.getKey());
                for (Cell cell : Cell.values()) {
                    assertEquals(e.getValue()[cell.ordinal()], c.rows(cell), e.getKey().label() + " " + cell);
                }
            }
            long listedNonEmpty = actual.values().stream().filter(c -> c.totalRows() > 0).count();
            assertEquals(expected.size(), listedNonEmpty, g.label());
        }
        assertEquals(t.rowCount(), counts.overall().totalRows());
    }

    @Test
    void jointPathMatchesANaiveCount() {
        DecisionTable t = table(5000, 7, 5, 1);
        assertMatchesNaive(t, List.of(Grouping.of("x"), Grouping.of("y"), Grouping.of("x", "y")));
    }

    @Test
    void perGroupingPathMatchesANaiveCountWhenTheJointProductIsTooLarge() {
        // 1,000 × 1,000 × 6 cells exceed MAX_JOINT_CELLS, so each grouping is counted on its own.
        DecisionTable t = table(3000, 1000, 1000, 2);
        assertTrue(1000L * 1000 * Cell.COUNT > GroupCounter.MAX_JOINT_CELLS);
        assertMatchesNaive(t, List.of(Grouping.of("x"), Grouping.of("y")));
    }

    @Test
    void largeIntersectionsListOnlyTheGroupsThatOccur() {
        DecisionTable t = table(3000, 1000, 1000, 3);
        GroupedCounts counts = GroupCounter.count(t, List.of(Grouping.of("x", "y")));
        assertTrue(counts.groups(Grouping.of("x", "y")).values().stream().allMatch(c -> c.totalRows() > 0));
    }
}
