package dev.fairaudit.bench;

import dev.fairaudit.metrics.distributions.DistributionCounts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The calling thread's CPU time for filling the score, numeric-outcome and trend states of
 * {@link DistributionBenchmark}'s table (reading {@code overall()} included, so that groupings merged from the
 * finest one are paid for), beside the group counts of the same table as a baseline. CPU time of one thread is far
 * less disturbed by other work on the machine than JMH's wall-clock scores; compare two builds by running this
 * class from each build's {@code benchmarks.jar} one after the other:
 * {@code java -Xms3g -Xmx3g -XX:+UseSerialGC -cp fairness-bench/target/benchmarks.jar
 * dev.fairaudit.bench.DistributionCpuTime [ROWS] [REPETITIONS]}.
 */
public final class DistributionCpuTime {

    private DistributionCpuTime() {
    }

    /**
     * Prints the median, smallest and largest CPU milliseconds after a third of the repetitions as warm-up.
     *
     * @param args rows (default 1,000,000) and repetitions (default 12)
     */
    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DistributionBenchmark.Data data = new DistributionBenchmark.Data();
        data.rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        data.setUp();
        DistributionBenchmark benchmark = new DistributionBenchmark();
        double[] fill = new double[repetitions];
        double[] counts = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            DistributionCounts states = benchmark.distributionCounts(data);
            states.overall();
            long t1 = threads.getCurrentThreadCpuTime();
            benchmark.groupCounts(data);
            long t2 = threads.getCurrentThreadCpuTime();
            fill[r] = (t1 - t0) / 1e6;
            counts[r] = (t2 - t1) / 1e6;
        }
        int warmUp = repetitions / 3;
        double[] f = Arrays.copyOfRange(fill, warmUp, repetitions);
        double[] c = Arrays.copyOfRange(counts, warmUp, repetitions);
        Arrays.sort(f);
        Arrays.sort(c);
        System.out.printf("rows %d: distribution states CPU ms median %.1f (min %.1f, max %.1f); "
                + "group counts CPU ms median %.1f%n", data.rows, f[f.length / 2], f[0], f[f.length - 1],
                c[c.length / 2]);
    }
}
