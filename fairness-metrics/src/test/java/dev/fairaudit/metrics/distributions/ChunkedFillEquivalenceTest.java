package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link DistributionCounts#add(DecisionTable)} fills the states grouping by grouping, with the rows of one group
 * together; the states must be exactly (bit for bit: sums and running means depend on the order of the rows)
 * those of adding every row to every grouping in row order, as the fill did before. The reference below is that
 * earlier row-by-row loop, kept here only as the oracle. When one grouping refines all others (here the
 * intersection a × b × c), only it is filled row by row and the others are merged from it: their counts must still
 * be exact, their sums and means equal up to floating-point rounding (relative 1e-12).
 */
class ChunkedFillEquivalenceTest {

    private static final TableSpec SPEC = TableSpec.builder().protectedAttributes("a", "b", "c").decision("d=1")
            .label("y=1").score("s").route("r").timestamp("t").numericOutcome("v").build();
    private static final Grouping FINEST = Grouping.of("a", "b", "c");
    private static final List<Grouping> WITH_FINEST = List.of(Grouping.of("a"), Grouping.of("b"), Grouping.of("c"),
            FINEST);
    private static final List<Grouping> WITHOUT_FINEST = List.of(Grouping.of("a"), Grouping.of("b", "c"));

    @Test
    void groupedFillEqualsRowByRowFillOnRandomChunks() {
        checkAgainstRowByRow(WITHOUT_FINEST);
    }

    @Test
    void groupingsMergedFromTheFinestEqualRowByRowFill() {
        checkAgainstRowByRow(WITH_FINEST);
    }

    @Test
    void chunksOfOneStreamWithGrowingDictionariesEqualRowByRowFill() {
        // The chunks share dictionaries (as a streamed file's do), so DistributionCounts reuses the states it
        // found for each slot while the dictionaries stay the same, and must start afresh when one grows.
        checkAgainstRowByRow(WITH_FINEST, true);
        checkAgainstRowByRow(WITHOUT_FINEST, true);
    }

    private static void checkAgainstRowByRow(List<Grouping> groupings) {
        checkAgainstRowByRow(groupings, false);
    }

    private static void checkAgainstRowByRow(List<Grouping> groupings, boolean oneStream) {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            int chunks = 1 + rnd.nextInt(oneStream ? 6 : 3);
            PeriodUnit unit = PeriodUnit.values()[rnd.nextInt(PeriodUnit.values().length)];
            DistributionCounts fast = DistributionCounts.empty(groupings, unit);
            Map<Grouping, Map<GroupKey, GroupDistributions>> reference = new HashMap<>();
            DecisionTable.Builder stream = DecisionTable.builder(SPEC);
            for (int k = 0; k < chunks; k++) {
                // In a stream, small chunks first: not every value has been seen yet, so the dictionaries grow.
                // Now and then more rows than one block of codes read from a column (2,048), ending mid-block.
                int rows = oneStream && k < 2 ? 1 + rnd.nextInt(4)
                        : rnd.nextInt(5) == 0 ? 2049 + rnd.nextInt(3000) : 1 + rnd.nextInt(400);
                DecisionTable chunk;
                if (oneStream) {
                    addRandomRows(rnd, rows, stream);
                    chunk = stream.takeChunk();
                } else {
                    chunk = randomTable(rnd, rows);
                }
                fast.add(chunk);
                addRowByRow(reference, fast.groupings(), unit, chunk);
            }
            for (Grouping g : fast.groupings()) {
                SortedMap<GroupKey, GroupDistributions> actual = fast.groups(g);
                assertEquals(reference.get(g).keySet(), actual.keySet(), g.label());
                double tolerance = groupings.contains(FINEST) && !g.equals(FINEST) ? 1e-12 : 0;
                actual.forEach((key, state) -> assertSame(reference.get(g).get(key), state, key.toString(),
                        tolerance));
            }
        });
    }

    /** Random rows: scores with many distinct values (sums in one bucket depend on order), negatives, gaps. */
    private static DecisionTable randomTable(SplittableRandom rnd, int n) {
        DecisionTable.Builder b = DecisionTable.builder(SPEC);
        addRandomRows(rnd, n, b);
        return b.build();
    }

    private static void addRandomRows(SplittableRandom rnd, int n, DecisionTable.Builder b) {
        for (int i = 0; i < n; i++) {
            b.addRow(new String[] {"a" + rnd.nextInt(3), "b" + rnd.nextInt(4), "c" + rnd.nextInt(2),
                rnd.nextInt(3) == 0 ? "1" : "0",
                rnd.nextInt(4) == 0 ? "" : Integer.toString(rnd.nextInt(2)),
                rnd.nextInt(20) == 0 ? "" : Double.toString(rnd.nextBoolean() ? rnd.nextDouble() * 1.2 - 0.1
                        : 0.5 + rnd.nextDouble() * 0.002), // half of them in a few buckets of many values
                rnd.nextBoolean() ? "PROFILE" : "RANDOM",
                rnd.nextInt(30) == 0 ? "" : String.format(Locale.ROOT, "%04d-%02d-%02d", 2023 + rnd.nextInt(3),
                        1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
                rnd.nextInt(10) == 0 ? "" : Double.toString(rnd.nextGaussian() * 50)}, i + 2);
        }
    }

    /** The fill as it was before: every row, in row order, into the state of its group in every grouping. */
    private static void addRowByRow(Map<Grouping, Map<GroupKey, GroupDistributions>> states, List<Grouping> groupings,
            PeriodUnit unit, DecisionTable table) {
        CategoricalColumn route = table.route().orElseThrow();
        for (int i = 0; i < table.rowCount(); i++) {
            long t = table.timestampMillis(i);
            int period = t == DecisionTable.NO_TIMESTAMP ? GroupDistributions.NO_PERIOD : unit.ordinal(t);
            boolean fromProfile = route.value(route.codes()[i]).equals("PROFILE");
            double score = table.score(i);
            int scoreBucket = Double.isNaN(score) ? 0 : ValueSketch.bucketOf(score);
            double outcome = table.numericOutcome(i);
            int outcomeBucket = Double.isNaN(outcome) ? 0 : ValueSketch.bucketOf(outcome);
            for (Grouping g : groupings) {
                List<String> values = new ArrayList<>();
                for (String attribute : g.attributes()) {
                    CategoricalColumn c = table.protectedColumn(attribute);
                    values.add(c.value(c.codes()[i]));
                }
                GroupKey key = g.isOverall() ? GroupKey.OVERALL : GroupKey.of(g.attributes(), values);
                states.computeIfAbsent(g, x -> new HashMap<>()).computeIfAbsent(key, x -> GroupDistributions.empty())
                        .add(score, scoreBucket, true, table.label(i), outcome, outcomeBucket, true, period,
                                table.selected(i), fromProfile);
            }
        }
    }

    private static void assertSame(GroupDistributions expected, GroupDistributions actual, String where,
            double tolerance) {
        assertEquals(expected.rows(), actual.rows(), where);
        assertEquals(expected.scoreMissing(), actual.scoreMissing(), where);
        assertSame(expected.scores(), actual.scores(), where, tolerance);
        assertSame(expected.positiveScores(), actual.positiveScores(), where, tolerance);
        assertSame(expected.negativeScores(), actual.negativeScores(), where, tolerance);
        assertSame(expected.scoreMoments(), actual.scoreMoments(), where, tolerance);
        assertEquals(expected.scoresOutsideUnitInterval(), actual.scoresOutsideUnitInterval(), where);
        assertArrayEquals(expected.binRows(), actual.binRows(), where);
        assertArrayEquals(expected.binPositives(), actual.binPositives(), where);
        assertClose(expected.binScoreSums(), actual.binScoreSums(), where, tolerance);
        assertEquals(expected.outcomeMissing(), actual.outcomeMissing(), where);
        assertSame(expected.outcomes(), actual.outcomes(), where, tolerance);
        assertSame(expected.outcomeMoments(), actual.outcomeMoments(), where, tolerance);
        assertEquals(expected.periods().keySet(), actual.periods().keySet(), where);
        Iterator<GroupDistributions.PeriodCounts> e = expected.periods().values().iterator();
        for (GroupDistributions.PeriodCounts a : actual.periods().values()) {
            GroupDistributions.PeriodCounts x = e.next();
            assertEquals(x.rows(), a.rows(), where);
            assertEquals(x.selected(), a.selected(), where);
            assertEquals(x.labelled(), a.labelled(), where);
            assertEquals(x.labelledFromProfile(), a.labelledFromProfile(), where);
            assertSame(x.scores(), a.scores(), where, tolerance);
        }
    }

    private static void assertSame(ValueSketch expected, ValueSketch actual, String where, double tolerance) {
        assertEquals(expected.count(), actual.count(), where);
        assertArrayEquals(expected.buckets().keys(), actual.buckets().keys(), where);
        assertArrayEquals(expected.buckets().counts(), actual.buckets().counts(), where);
        assertClose(expected.buckets().means(), actual.buckets().means(), where, tolerance);
    }

    private static void assertSame(Moments expected, Moments actual, String where, double tolerance) {
        assertEquals(expected.count(), actual.count(), where);
        assertClose(new double[] {expected.mean(), expected.variance()}, new double[] {actual.mean(),
            actual.variance()}, where, tolerance);
    }

    /** Bit for bit when the tolerance is 0 (assertArrayEquals on doubles compares bits); else relative. */
    private static void assertClose(double[] expected, double[] actual, String where, double tolerance) {
        if (tolerance == 0) {
            assertArrayEquals(expected, actual, where);
            return;
        }
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), where + " [" + i + "]");
        }
    }
}
