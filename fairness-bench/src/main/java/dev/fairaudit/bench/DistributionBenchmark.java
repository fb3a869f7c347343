package dev.fairaudit.bench;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.counts.GroupCounter;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.DistributionAudit;
import dev.fairaudit.metrics.distributions.DistributionCounts;
import dev.fairaudit.metrics.distributions.PeriodUnit;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the score, numeric-outcome and trend states against the group counting pass, on the same table:
 * two protected attributes (3 and 2 values) and their intersection, a score with three decimals in [0, 1], a
 * label known for a third of the rows, a rating 0..10, a route and a date over twelve months.
 *
 * <p>{@link #groupCounts} is the baseline (the pass every audit makes); {@link #distributionCounts} fills the
 * new states with monthly periods, {@link #distributionCountsWithoutPeriods} without; {@link #analyse}
 * computes every statistic from filled states (its cost does not grow with rows). Rows per second =
 * {@code rows / score}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class DistributionBenchmark {

    static final List<Grouping> GROUPINGS = List.of(Grouping.of("a"), Grouping.of("b"), Grouping.of("a", "b"));

    /** The table, and filled states for {@link #analyse}. */
    @State(Scope.Benchmark)
    public static class Data {
        /** Rows in the table. */
        @Param({"1000000"})
        public int rows;

        DecisionTable table;
        DistributionCounts filled;
        List<ReferenceChoice> references;
        DistributionAudit audit;

        @Setup(Level.Trial)
        public void setUp() {
            TableSpec spec = TableSpec.builder().protectedAttributes("a", "b").decision("d=1").label("y=1")
                    .score("s").route("r").timestamp("t").numericOutcome("v").build();
            DecisionTable.Builder b = DecisionTable.builder(spec);
            SplittableRandom rnd = new SplittableRandom(0x5EEDFA1AL);
            String[] scores = new String[1001];
            for (int i = 0; i <= 1000; i++) {
                scores[i] = String.format(Locale.ROOT, "%.3f", i / 1000.0);
            }
            String[] dates = new String[12];
            for (int m = 0; m < 12; m++) {
                dates[m] = String.format(Locale.ROOT, "2025-%02d-15", m + 1);
            }
            String[] row = new String[b.layout().size()];
            for (int i = 0; i < rows; i++) {
                boolean selected = rnd.nextInt(10) == 0;
                row[0] = "a" + rnd.nextInt(3);
                row[1] = "b" + rnd.nextInt(2);
                row[2] = selected ? "1" : "0";
                row[3] = selected || rnd.nextInt(2) == 0 ? Integer.toString(rnd.nextInt(2)) : "";
                row[4] = scores[rnd.nextInt(1001)];
                row[5] = selected ? "PROFILE" : "RANDOM";
                row[6] = dates[rnd.nextInt(12)];
                row[7] = Integer.toString(rnd.nextInt(11));
                b.addRow(row, i + 2);
            }
            table = b.build();
            filled = DistributionCounts.empty(GROUPINGS, PeriodUnit.MONTH).add(table);
            references = List.of(new ReferenceChoice(Grouping.of("a"), GroupKey.of(List.of("a"), List.of("a0")),
                    "explicit"), new ReferenceChoice(Grouping.of("b"), GroupKey.OVERALL, "overall"));
            audit = new DistributionAudit(AuditSettings.defaults());
        }
    }

    /** Baseline: the group counting pass of every audit. */
    @Benchmark
    public GroupedCounts groupCounts(Data d) {
        return GroupCounter.count(d.table, GROUPINGS);
    }

    /** The new states, with monthly periods. */
    @Benchmark
    public DistributionCounts distributionCounts(Data d) {
        return DistributionCounts.empty(GROUPINGS, PeriodUnit.MONTH).add(d.table);
    }

    /** The new states, without periods. */
    @Benchmark
    public DistributionCounts distributionCountsWithoutPeriods(Data d) {
        return DistributionCounts.empty(GROUPINGS, null).add(d.table);
    }

    /** Every statistic from filled states. */
    @Benchmark
    public ScoresAndTrends analyse(Data d) {
        return d.audit.run(d.filled, d.references);
    }
}
