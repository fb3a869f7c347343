package dev.fairaudit.bench;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.counts.GroupCounter;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.risk.FunnelSpec;
import dev.fairaudit.metrics.risk.RiskProfileAnalysis;
import dev.fairaudit.metrics.risk.RiskProfileCounts;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import java.util.List;
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
 * The risk-profile analyses' cost beside the group audit's. One table of {@code rows} rows with two protected
 * attributes (origin, 4 values; sex, 2), their intersection, a route column (PROFILE, RANDOM, MANUAL, SIGNAL)
 * and a funnel stage column (6 stages). Benchmarks, in milliseconds per call:
 * <ul>
 *   <li>{@link #groupCounts} (baseline): the group audit's counting pass, {@link GroupCounter#count};</li>
 *   <li>{@link #riskProfileCounts}: the route and stage count states, {@link RiskProfileCounts#count};</li>
 *   <li>{@link #riskProfileAnalysis}: every risk-profile analysis from those states (no counting).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class RiskProfileBenchmark {

    /** The table and the group audit, built once per trial. */
    @State(Scope.Benchmark)
    public static class Data {
        /** Rows in the table. */
        @Param({"1000000"})
        public int rows;

        DecisionTable table;
        List<Grouping> groupings;
        AuditResult base;
        RiskProfileCounts counts;
        FunnelSpec funnel = FunnelSpec.defaults();

        /** Generates the table from a fixed seed. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(0x70C7E5L);
            String[] origins = {"NL", "EU", "non-EU", "unknown"};
            String[] routes = {"PROFILE", "RANDOM", "MANUAL", "SIGNAL"};
            DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("origin", "sex")
                    .decision("selected=1").label("found=1").route("route").features("stage").build());
            String[] row = new String[6];
            for (int i = 0; i < rows; i++) {
                boolean selected = rnd.nextDouble() < 0.2;
                row[0] = origins[rnd.nextInt(4)];
                row[1] = rnd.nextBoolean() ? "F" : "M";
                row[2] = selected ? "1" : "0";
                row[3] = selected && rnd.nextDouble() < 0.9 ? (rnd.nextDouble() < 0.1 ? "1" : "0") : "";
                row[4] = routes[rnd.nextInt(4)];
                row[5] = FunnelSpec.DEFAULT_STAGES.get(rnd.nextInt(6));
                b.addRow(row, i + 2);
            }
            table = b.build();
            GroupAudit audit = new GroupAudit(AuditSettings.builder().intersect("origin", "sex").build());
            groupings = audit.groupings(List.of("origin", "sex"));
            base = audit.run(table);
            counts = RiskProfileCounts.count(table, groupings, "stage", funnel);
        }
    }

    /** Baseline: the group audit's counting pass over the same table. */
    @Benchmark
    public GroupedCounts groupCounts(Data d) {
        return GroupCounter.count(d.table, d.groupings);
    }

    /** The route and stage count states. */
    @Benchmark
    public RiskProfileCounts riskProfileCounts(Data d) {
        return RiskProfileCounts.count(d.table, d.groupings, "stage", d.funnel);
    }

    /** Every risk-profile analysis from the count states. */
    @Benchmark
    public RiskProfileResult riskProfileAnalysis(Data d) {
        return new RiskProfileAnalysis(d.funnel).run(d.counts, d.base);
    }
}
