package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The states merge like the data they summarise; the sketch keeps its stated accuracy. */
class MergeAndAccuracyTest {

    private static final TableSpec SPEC = TableSpec.builder().protectedAttributes("a", "b").decision("d=1")
            .label("y=1").score("s").route("r").timestamp("t").numericOutcome("v").build();
    private static final List<Grouping> GROUPINGS = List.of(Grouping.of("a"), Grouping.of("b"), Grouping.of("a", "b"));
    private static final List<ReferenceChoice> REFS = List.of(
            new ReferenceChoice(Grouping.of("a"), GroupKey.of(List.of("a"), List.of("a0")), "explicit"),
            new ReferenceChoice(Grouping.of("b"), GroupKey.OVERALL, "overall"));

    private static String[][] rows(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[][] rows = new String[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new String[] {"a" + rnd.nextInt(3), "b" + rnd.nextInt(2), rnd.nextInt(3) == 0 ? "1" : "0",
                rnd.nextInt(4) == 0 ? "" : Integer.toString(rnd.nextInt(2)),
                rnd.nextInt(20) == 0 ? "" : String.format(Locale.ROOT, "%.2f", rnd.nextDouble()),
                rnd.nextBoolean() ? "PROFILE" : "RANDOM",
                String.format(Locale.ROOT, "2024-%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
                rnd.nextInt(10) == 0 ? "" : Integer.toString(rnd.nextInt(11) - 3)};
        }
        return rows;
    }

    private static DecisionTable table(String[][] rows, int from, int to) {
        DecisionTable.Builder b = DecisionTable.builder(SPEC);
        for (int i = from; i < to; i++) {
            b.addRow(rows[i], i + 2);
        }
        return b.build();
    }

    private static void assertClose(Estimate a, Estimate b) {
        assertEquals(a.status(), b.status());
        if (a.value() != null) {
            assertEquals(a.value(), b.value(), 1e-9);
        }
    }

    @Test
    void chunksMergedGiveTheAnalysisOfTheWhole() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            int n = 150 + (int) Math.floorMod(seed, 200L);
            String[][] rows = rows(seed, n);
            int cut = (int) Math.floorMod(seed >>> 8, (long) n);
            // Chunks are built separately, so their dictionaries differ in content and order.
            DistributionCounts whole = DistributionCounts.empty(GROUPINGS, PeriodUnit.QUARTER).add(table(rows, 0, n));
            DistributionCounts parts = DistributionCounts.empty(GROUPINGS, PeriodUnit.QUARTER)
                    .add(table(rows, 0, cut)).merge(DistributionCounts.empty(GROUPINGS, PeriodUnit.QUARTER)
                            .add(table(rows, cut, n)));
            DistributionAudit audit = new DistributionAudit(AuditSettings.builder().minGroupSize(5).build());
            ScoresAndTrends w = audit.run(whole, REFS);
            ScoresAndTrends p = audit.run(parts, REFS);
            assertEquals(w.scores().groups().size(), p.scores().groups().size());
            for (int i = 0; i < w.scores().groups().size(); i++) {
                var x = w.scores().groups().get(i);
                var y = p.scores().groups().get(i);
                assertEquals(x.group(), y.group());
                assertEquals(x.scored(), y.scored());
                assertEquals(x.deciles(), y.deciles());
                assertClose(x.mean(), y.mean());
                assertClose(x.auc(), y.auc());
                assertEquals(x.shareAboveOverallMedian().value(), y.shareAboveOverallMedian().value());
                assertClose(x.expectedCalibrationError(), y.expectedCalibrationError());
            }
            for (int i = 0; i < w.numericOutcomes().groups().size(); i++) {
                var x = w.numericOutcomes().groups().get(i);
                var y = p.numericOutcomes().groups().get(i);
                assertEquals(x.count(), y.count());
                assertEquals(x.missing(), y.missing());
                assertClose(x.mean(), y.mean());
                assertEquals(x.median().value(), y.median().value());
            }
            for (int i = 0; i < w.numericOutcomes().tests().size(); i++) {
                var x = w.numericOutcomes().tests().get(i);
                var y = p.numericOutcomes().tests().get(i);
                assertEquals(x.kruskalWallis().statistic(), y.kruskalWallis().statistic(), 1e-9);
                assertEquals(x.welchAnova().statistic(), y.welchAnova().statistic(), 1e-9);
            }
            assertEquals(w.trends().periods(), p.trends().periods());
            assertEquals(w.trends().rates(), p.trends().rates());
            for (int i = 0; i < w.trends().disparities().size(); i++) {
                var x = w.trends().disparities().get(i).differenceTrend();
                var y = p.trends().disparities().get(i).differenceTrend();
                assertEquals(x.slope(), y.slope(), 1e-12);
            }
            assertEquals(w.trends().feedbackLoop().periods(), p.trends().feedbackLoop().periods());
        });
    }

    @Test
    void quantilesOfContinuousDataAreWithinTheStatedRelativeError() {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] values = new double[20_000];
        ValueSketch s = ValueSketch.empty();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(rnd.nextGaussian() * 2) * (rnd.nextInt(5) == 0 ? -1 : 1);
            s.add(values[i]);
        }
        Arrays.sort(values);
        double gamma = (1 + ValueSketch.RELATIVE_ACCURACY) / (1 - ValueSketch.RELATIVE_ACCURACY);
        for (int k = 1; k <= 99; k++) {
            double q = k / 100.0;
            double exact = values[(k * values.length + 99) / 100 - 1]; // inverted CDF: rank ceil(k n / 100)
            double est = s.quantile(q);
            assertTrue(Math.abs(est - exact) <= (gamma - 1) * Math.abs(exact), q + ": " + est + " vs " + exact);
        }
        // Exact for values that do not share buckets: ratings 1..10 and zero.
        ValueSketch ratings = ValueSketch.empty();
        for (int v = 0; v <= 10; v++) {
            ratings.add(v);
        }
        for (int k = 0; k <= 10; k++) {
            assertEquals(k, ratings.valueAtRank(k + 1), 0);
        }
        assertEquals(5.0, ratings.median(), 0);
    }

    @Test
    void sketchesRefuseNonFiniteValuesAndEmptyQuantiles() {
        assertThrows(IllegalArgumentException.class, () -> ValueSketch.empty().add(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ValueSketch.empty().median());
        assertThrows(IllegalArgumentException.class, () -> ValueSketch.empty().add(1).quantile(1.5));
    }

    @Test
    void periodKeysAreCalendarPeriodsInUtc() {
        // 2024-03-31T23:30-02:00 is 2024-04-01T01:30Z: April, Q2.
        long t = java.time.OffsetDateTime.parse("2024-03-31T23:30-02:00").toInstant().toEpochMilli();
        assertEquals("2024-04", PeriodUnit.MONTH.key(PeriodUnit.MONTH.ordinal(t)));
        assertEquals("2024-Q2", PeriodUnit.QUARTER.key(PeriodUnit.QUARTER.ordinal(t)));
        assertEquals("2024", PeriodUnit.YEAR.key(PeriodUnit.YEAR.ordinal(t)));
        assertEquals(PeriodUnit.MONTH.ordinal(t) + 9, PeriodUnit.MONTH.ordinal(
                java.time.Instant.parse("2025-01-01T00:00:00Z").toEpochMilli()));
    }
}
