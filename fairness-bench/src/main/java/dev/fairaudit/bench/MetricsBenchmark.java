package dev.fairaudit.bench;

import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Everything an audit computes once the rows are counted: per-group rates with intervals, comparisons with the
 * reference group with intervals and tests, p-value adjustment, independence tests and summaries, for the
 * groupings race (5 values), sex (3), age band (4), their intersection race × sex × age (60 groups) and the
 * whole population, timed as {@link GroupAudit#run(GroupedCounts, dev.fairaudit.core.table.TableSpec, TableSource, List)} with default settings
 * plus that intersection. Counting is excluded (see {@link CountingBenchmark}).
 *
 * <p>The count states are seeded random: each of the 60 intersection cells gets a skewed size (a few of them
 * under the default minimum group size of 30, so the inconclusive paths run too), its own selection and base
 * rates, and some rows with unknown label; the single-attribute groups and the whole population are the sums
 * of those cells, as a real count would give. Reported in microseconds per audit; the target is under 1 ms.
 *
 * <p>The audit runs through many methods (ours and Commons Statistics') that the JIT compiles one after the
 * other; on a 2-core machine the time per audit keeps falling for about 6 seconds, hence five warmup
 * iterations of 2 s. A quick run with {@code -wi 1 -w 1s} overstates the time several-fold.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class MetricsBenchmark {

    static final long SEED = 0xFA1A0D17L;
    static final List<String> RACE = List.of("Asian", "Black", "Hispanic", "Other", "White");
    static final List<String> SEX = List.of("Female", "Male", "Other");
    static final List<String> AGE = List.of("18-29", "30-44", "45-64", "65+");

    /** The counts and the audit, built once per trial. */
    @State(Scope.Benchmark)
    public static class Counts {
        GroupedCounts counts;
        TableSource source;
        GroupAudit audit;

        /** Generates the 60 cells from {@link #SEED} and derives the other groupings from them. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(SEED);
            Grouping race = Grouping.of("race");
            Grouping sex = Grouping.of("sex");
            Grouping age = Grouping.of("age");
            Grouping intersection = Grouping.of("race", "sex", "age");
            Map<GroupKey, OutcomeCounts> cells = new LinkedHashMap<>();
            Map<GroupKey, OutcomeCounts> byRace = new TreeMap<>();
            Map<GroupKey, OutcomeCounts> bySex = new TreeMap<>();
            Map<GroupKey, OutcomeCounts> byAge = new TreeMap<>();
            OutcomeCounts total = OutcomeCounts.empty();
            for (String r : RACE) {
                for (String s : SEX) {
                    for (String a : AGE) {
                        OutcomeCounts c = randomCell(random);
                        cells.put(GroupKey.of(intersection.attributes(), List.of(r, s, a)), c);
                        byRace.merge(GroupKey.of(race.attributes(), List.of(r)), c, OutcomeCounts::merge);
                        bySex.merge(GroupKey.of(sex.attributes(), List.of(s)), c, OutcomeCounts::merge);
                        byAge.merge(GroupKey.of(age.attributes(), List.of(a)), c, OutcomeCounts::merge);
                        total = total.merge(c);
                    }
                }
            }
            Map<Grouping, Map<GroupKey, OutcomeCounts>> groups = new LinkedHashMap<>();
            groups.put(race, byRace);
            groups.put(sex, bySex);
            groups.put(age, byAge);
            groups.put(intersection, cells);
            groups.put(Grouping.OVERALL, Map.of(GroupKey.OVERALL, total));
            counts = new GroupedCounts(groups);
            source = new TableSource("bench", "memory", null, total.totalRows(), 0, List.of(), List.of(),
                    List.of());
            audit = new GroupAudit(AuditSettings.builder().intersect("race", "sex", "age").build());
        }

        /** One intersection cell: skewed size, its own selection and base rates, about 5% unknown labels. */
        private static OutcomeCounts randomCell(SplittableRandom random) {
            // Sizes from about 10 to about 20,000, log-uniform: a few cells fall under 30 rows.
            long n = Math.round(Math.exp(Math.log(10) + random.nextDouble() * Math.log(2000)));
            double selection = 0.15 + 0.5 * random.nextDouble();
            double positive = 0.25 + 0.4 * random.nextDouble();
            long[] cell = new long[6];
            for (long i = 0; i < n; i++) {
                boolean selected = random.nextDouble() < selection;
                // A selected row is more often positive, so that TPR and FPR differ.
                double u = random.nextDouble();
                int index;
                if (u < 0.05) {
                    index = selected ? 4 : 5;
                } else {
                    boolean pos = random.nextDouble() < (selected ? Math.min(1, positive * 1.5) : positive * 0.7);
                    index = (selected ? 0 : 2) + (pos ? 0 : 1);
                }
                cell[index]++;
            }
            return OutcomeCounts.ofRows(cell[0], cell[1], cell[2], cell[3], cell[4], cell[5]);
        }
    }

    /** The whole audit of the 60 intersectional groups and the 12 single-attribute groups. */
    @Benchmark
    public AuditResult audit(Counts c) {
        return c.audit.run(c.counts, null, c.source, List.of());
    }
}
