package dev.fairaudit.bench;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.DistributionCounts;
import dev.fairaudit.metrics.distributions.PeriodUnit;
import dev.fairaudit.metrics.proxy.ProxyCounts;
import dev.fairaudit.metrics.proxy.ProxyScreening;
import dev.fairaudit.metrics.proxy.ProxySettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The counting thread's CPU time for the two largest states of the full benchmark audit
 * ({@code bench/run-large-audit.sh}'s {@code full} run): the score, trend and route states
 * ({@link DistributionCounts}, groupings and month periods as the command makes them) and the proxy state with its
 * pair counts by codes ({@link ProxyCounts#countingPairs}), filled chunk by chunk (65,536 rows, as the command
 * streams) from the benchmark's CSV, which is read once, before the timing; with PASSES above 1 the same chunks
 * are fed that many times into one state per repetition (a longer stream: the states' fixed costs, such as
 * allocating and growing them and reading them at the end, are then paid once for PASSES × the file's rows, as in
 * a stream of that length). Thread CPU time is far less disturbed
 * by other work on the machine than wall time; compare two builds by running this class from each build's
 * {@code benchmarks.jar} one after the other:
 * {@code java -Xmx3g -XX:+UseSerialGC -cp fairness-bench/target/benchmarks.jar
 * dev.fairaudit.bench.CountingThreadCpuTime bench/data/large-audit-1000000-42.csv [REPETITIONS [PASSES]]}.
 */
public final class CountingThreadCpuTime {

    private CountingThreadCpuTime() {
    }

    /**
     * Prints each repetition's CPU milliseconds per state and the medians after a third of the repetitions as
     * warm-up.
     *
     * @param args the CSV file written by {@link LargeAuditCsv}, repetitions (default 12) and passes (default 1)
     */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        TableSpec spec = LargeAuditCsv.fullSpec();
        List<DecisionTable> chunks = new ArrayList<>();
        TableReader.stream(file, spec, 1 << 16, chunks::add);
        List<Grouping> groupings = List.of(Grouping.of("gender"), Grouping.of("migration_background"),
                Grouping.of("age_band"), Grouping.of("gender", "migration_background", "age_band"));
        Set<String> numeric = Set.of("income_band", "benefit_years", "children");
        ProxyScreening screening = new ProxyScreening(ProxySettings.defaults());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] distributions = new double[repetitions];
        double[] proxies = new double[repetitions];
        long check = 0;
        for (int r = 0; r < repetitions; r++) {
            DistributionCounts d = DistributionCounts.empty(groupings, PeriodUnit.MONTH);
            long t0 = threads.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                for (DecisionTable chunk : chunks) {
                    d.add(chunk);
                }
            }
            // Read once, as after a stream: deriving the coarser groupings (and anything a state holds back).
            check += d.overall().rows();
            long t1 = threads.getCurrentThreadCpuTime();
            ProxyCounts p = screening.singles(spec, numeric);
            long t2 = threads.getCurrentThreadCpuTime();
            for (int pass = 0; pass < passes; pass++) {
                for (DecisionTable chunk : chunks) {
                    p = p.add(chunk);
                }
            }
            long t3 = threads.getCurrentThreadCpuTime();
            check += p.rows();
            distributions[r] = (t1 - t0) / 1e6;
            proxies[r] = (t3 - t2) / 1e6;
            System.out.printf("repetition %d: distributions %.0f ms, proxies %.0f ms%n", r + 1, distributions[r],
                    proxies[r]);
        }
        int warmUp = repetitions / 3;
        System.out.printf("medians after %d warm-up repetitions: distributions %s ms, proxies %s ms (check %d)%n",
                warmUp, summary(distributions, warmUp), summary(proxies, warmUp), check);
    }

    private static String summary(double[] ms, int warmUp) {
        double[] m = Arrays.copyOfRange(ms, warmUp, ms.length);
        Arrays.sort(m);
        return String.format("%.0f (%.0f-%.0f)", m[m.length / 2], m[0], m[m.length - 1]);
    }
}
