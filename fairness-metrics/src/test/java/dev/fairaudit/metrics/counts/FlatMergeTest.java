package dev.fairaudit.metrics.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupedCounts} and {@link SplitCounts} stay flat (one joint count keyed by dictionary codes) while
 * states are merged, and merging gives the state of all rows together: for the chunks of one stream (shared
 * dictionaries that grow between chunks), for tables with dictionaries of their own (codes translated through the
 * values), in either order, mixed with states given as maps, and when the merged dictionaries no longer fit one
 * joint count. The reference is a count of the concatenated rows in one table, itself checked against a count
 * row by row ({@link #naive}).
 */
class FlatMergeTest {

    private static final List<Grouping> GROUPINGS = List.of(Grouping.of("a"), Grouping.of("b"),
            Grouping.of("a", "b"));
    private static final String[] ROUTES = {"PROFILE", "RANDOM", "MANUAL"};

    private static TableSpec spec(boolean weighted) {
        TableSpec.Builder spec = TableSpec.builder().protectedAttributes("a", "b").decision("d=1").label("y=1")
                .route("route");
        if (weighted) {
            spec.weight("w");
        }
        return spec.build();
    }

    /** Random rows: a, b, decision, label (1, 0 or unknown), route, and a weight that sums exactly in doubles. */
    private static List<String[]> rows(long seed, int rows, int cardinalityA, int cardinalityB, String prefix) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String y = switch (rnd.nextInt(3)) {
                case 0 -> "1";
                case 1 -> "0";
                default -> "";
            };
            out.add(new String[] {prefix + "a" + rnd.nextInt(cardinalityA), prefix + "b" + rnd.nextInt(cardinalityB),
                rnd.nextBoolean() ? "1" : "0", y, ROUTES[rnd.nextInt(3)], String.valueOf(0.5 + rnd.nextInt(4))});
        }
        return out;
    }

    private static DecisionTable table(List<String[]> rows, boolean weighted) {
        DecisionTable.Builder b = DecisionTable.builder(spec(weighted));
        add(b, rows, 0, rows.size(), weighted);
        return b.build();
    }

    private static void add(DecisionTable.Builder b, List<String[]> rows, int from, int to, boolean weighted) {
        for (int i = from; i < to; i++) {
            String[] r = rows.get(i);
            b.addRow(weighted ? r : java.util.Arrays.copyOf(r, 5), i + 2);
        }
    }

    /** Rows per group and cell, one row at a time, to check the reference against. */
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

    private static void assertReferenceIsRight(DecisionTable whole, GroupedCounts reference) {
        for (Grouping g : GROUPINGS) {
            Map<GroupKey, long[]> expected = naive(whole, g);
            for (Map.Entry<GroupKey, long[]> e : expected.entrySet()) {
                for (Cell c : Cell.values()) {
                    assertEquals(e.getValue()[c.ordinal()], reference.groups(g).get(e.getKey()).rows(c));
                }
            }
        }
    }

    /** The groups that have rows, per grouping. */
    private static Map<Grouping, Map<GroupKey, OutcomeCounts>> withRows(GroupedCounts counts) {
        Map<Grouping, Map<GroupKey, OutcomeCounts>> m = new HashMap<>();
        for (Grouping g : counts.groupings()) {
            Map<GroupKey, OutcomeCounts> groups = new HashMap<>();
            counts.groups(g).forEach((k, c) -> {
                if (c.totalRows() > 0) {
                    groups.put(k, c);
                }
            });
            m.put(g, groups);
        }
        return m;
    }

    @Test
    void chunksOfAStreamMergeFlatIntoTheCountsOfTheWhole() {
        // cards: the cardinalities of a (1 + cards % 9) and b (1 + cards / 9)
        qt().withExamples(150).forAll(integers().between(0, 400), integers().between(1, 120),
                integers().between(0, 44), booleans().all())
                .checkAssert((rows, chunk, cards, weighted) -> {
                    int cardA = 1 + cards % 9;
                    int cardB = 1 + cards / 9;
                    List<String[]> data = rows(rows * 31L + chunk, rows, cardA, cardB, "");
                    DecisionTable whole = table(data, weighted);
                    GroupedCounts expected = GroupCounter.count(whole, GROUPINGS);
                    SplitCounts expectedSplit = SplitCounts.count(whole, GROUPINGS, whole.route().orElseThrow());
                    assertReferenceIsRight(whole, expected);

                    // One stream: the chunks share dictionaries, which grow from chunk to chunk.
                    DecisionTable.Builder b = DecisionTable.builder(spec(weighted));
                    GroupedCounts merged = null;
                    SplitCounts mergedSplit = null;
                    for (int from = 0; from < Math.max(1, rows); from += chunk) {
                        add(b, data, from, Math.min(rows, from + chunk), weighted);
                        DecisionTable c = b.takeChunk();
                        GroupedCounts counts = GroupCounter.count(c, GROUPINGS);
                        SplitCounts split = SplitCounts.count(c, GROUPINGS, c.route().orElseThrow());
                        merged = merged == null ? counts : merged.merge(counts);
                        mergedSplit = mergedSplit == null ? split : mergedSplit.merge(split);
                        assertTrue(merged.isFlat() && mergedSplit.isFlat(), "merged as flat counts");
                    }
                    assertEquals(expected, merged);
                    assertEquals(expectedSplit, mergedSplit);
                });
    }

    @Test
    void tablesWithTheirOwnDictionariesMergeInEitherOrder() {
        qt().withExamples(150).forAll(integers().between(0, 300), integers().between(0, 300),
                integers().between(0, 44), booleans().all())
                .checkAssert((rowsA, rowsB, cards, weighted) -> {
                    int cardA = 1 + cards % 9;
                    int cardB = 1 + cards / 9;
                    // Part B sees values in another order, some of them not in A, so its codes must be translated.
                    List<String[]> a = rows(rowsA * 7L + 1, rowsA, cardA, cardB, "");
                    List<String[]> bRows = rows(rowsB * 13L + 2, rowsB, cardA + 2, cardB + 1, "");
                    List<String[]> all = new ArrayList<>(a);
                    all.addAll(bRows);
                    DecisionTable whole = table(all, weighted);
                    DecisionTable ta = table(a, weighted);
                    DecisionTable tb = table(bRows, weighted);
                    GroupedCounts expected = GroupCounter.count(whole, GROUPINGS);
                    assertReferenceIsRight(whole, expected);
                    GroupedCounts ca = GroupCounter.count(ta, GROUPINGS);
                    GroupedCounts cb = GroupCounter.count(tb, GROUPINGS);
                    assertEquals(expected, ca.merge(cb));
                    assertEquals(expected, cb.merge(ca));
                    SplitCounts expectedSplit = SplitCounts.count(whole, GROUPINGS, whole.route().orElseThrow());
                    SplitCounts sa = SplitCounts.count(ta, GROUPINGS, ta.route().orElseThrow());
                    SplitCounts sb = SplitCounts.count(tb, GROUPINGS, tb.route().orElseThrow());
                    assertEquals(expectedSplit, sa.merge(sb));
                    assertEquals(expectedSplit, sb.merge(sa));
                    if (rowsA > 0 && rowsB > 0) {
                        // Mixed with a state given as maps, the merge falls back to maps and agrees on every group
                        // with rows. (Maps list the empty cells of each part's own dictionaries only, so an empty
                        // combination of values from different parts can be missing; the flat merge lists it.)
                        GroupedCounts asMaps = new GroupedCounts(ca.asMap());
                        assertFalse(asMaps.isFlat());
                        assertEquals(withRows(expected), withRows(asMaps.merge(cb)));
                        assertEquals(withRows(expected), withRows(cb.merge(asMaps)));
                    }
                });
    }

    @Test
    void mergedDictionariesTooLargeForOneJointCountFallBackToMaps() {
        // 1,000 × 500 values per part fit one joint count (3M cells); the 2,000 × 1,000 of both parts do not.
        List<String[]> a = new ArrayList<>();
        List<String[]> b = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            a.add(new String[] {"p" + i, "q" + (i % 500), i % 3 == 0 ? "1" : "0", i % 2 == 0 ? "1" : "0",
                ROUTES[i % 3]});
            b.add(new String[] {"r" + i, "s" + (i % 500), i % 5 == 0 ? "1" : "0", i % 4 == 0 ? "" : "1",
                ROUTES[i % 2]});
        }
        List<String[]> all = new ArrayList<>(a);
        all.addAll(b);
        DecisionTable whole = table(all, false);
        GroupedCounts ca = GroupCounter.count(table(a, false), GROUPINGS);
        GroupedCounts cb = GroupCounter.count(table(b, false), GROUPINGS);
        assertTrue(ca.isFlat() && cb.isFlat());
        GroupedCounts merged = ca.merge(cb);
        assertFalse(merged.isFlat());
        GroupedCounts expected = GroupCounter.count(whole, GROUPINGS);
        assertReferenceIsRight(whole, expected);
        assertEquals(expected, merged);
        assertEquals(2000, merged.overall().totalRows());
    }
}
