package dev.fairaudit.metrics.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Split counts summed over the split column's levels are the group counts that {@link GroupCounter} gives
 * independently, on the joint-product path and on the per-grouping path, weighted and unweighted.
 */
class SplitCountsTest {

    private static DecisionTable table(long seed, int rows, int cardinalityA, int cardinalityB, boolean weighted) {
        TableSpec.Builder spec = TableSpec.builder().protectedAttributes("a", "b").decision("d=1").label("y=1")
                .route("route");
        if (weighted) {
            spec.weight("w");
        }
        DecisionTable.Builder b = DecisionTable.builder(spec.build());
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] routes = {"PROFILE", "RANDOM", "MANUAL"};
        for (int i = 0; i < rows; i++) {
            String y = switch (rnd.nextInt(3)) {
                case 0 -> "1";
                case 1 -> "0";
                default -> "";
            };
            String[] row = weighted
                    ? new String[] {"a" + rnd.nextInt(cardinalityA), "b" + rnd.nextInt(cardinalityB),
                        rnd.nextBoolean() ? "1" : "0", y, routes[rnd.nextInt(3)], String.valueOf(0.5 + rnd.nextInt(4))}
                    : new String[] {"a" + rnd.nextInt(cardinalityA), "b" + rnd.nextInt(cardinalityB),
                        rnd.nextBoolean() ? "1" : "0", y, routes[rnd.nextInt(3)]};
            b.addRow(row, i + 2);
        }
        return b.build();
    }

    private static void assertAgreesWithGroupCounter(DecisionTable t, List<Grouping> groupings) {
        SplitCounts split = SplitCounts.count(t, groupings, t.route().orElseThrow());
        GroupedCounts grouped = GroupCounter.count(t, groupings);
        for (Grouping g : split.groupings()) {
            for (Map.Entry<GroupKey, OutcomeCounts> e : grouped.groups(g).entrySet()) {
                OutcomeCounts total = split.total(e.getKey());
                for (Cell c : Cell.values()) {
                    assertEquals(e.getValue().rows(c), total.rows(c), e.getKey().label() + " " + c);
                    assertEquals(e.getValue().weight(c), total.weight(c), 1e-9, e.getKey().label() + " " + c);
                    assertEquals(e.getValue().squaredWeight(c), total.squaredWeight(c), 1e-9,
                            e.getKey().label() + " " + c);
                }
            }
        }
        long levels = split.groups(Grouping.OVERALL).get(GroupKey.OVERALL).values().stream()
                .mapToLong(OutcomeCounts::totalRows).sum();
        assertEquals(t.rowCount(), levels);
    }

    @Test
    void jointPathSumsToTheGroupCounts() {
        for (boolean weighted : new boolean[] {false, true}) {
            DecisionTable t = table(3, 2_000, 5, 3, weighted);
            assertAgreesWithGroupCounter(t, List.of(Grouping.of("a"), Grouping.of("b"), Grouping.of("a", "b")));
        }
    }

    @Test
    void perGroupingPathSumsToTheGroupCounts() {
        // 3,000 × 300 values × 3 routes × 6 cells is above the joint limit: each grouping is counted on its own.
        DecisionTable t = table(4, 5_000, 3_000, 300, true);
        assertTrue(t.protectedColumn("a").cardinality() * (long) t.protectedColumn("b").cardinality() * 3 * 6
                > SplitCounts.MAX_JOINT_CELLS);
        assertAgreesWithGroupCounter(t, List.of(Grouping.of("a"), Grouping.of("b")));
    }
}
