package dev.fairaudit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link EncoderCpuTime} for several builds in one JVM, their rounds interleaved (A, B, A, B, ...), so that a
 * busy machine's changing load falls on all builds alike (as {@link ParseCpuTimeAb} does for parsing): each
 * build's classes come from its own class loader, and each round is timed by this thread's CPU time. The first
 * {@code WARMUP} rounds of each build are not counted. {@code java -cp fairness-bench/target/benchmarks.jar
 * dev.fairaudit.bench.EncoderCpuTimeAb PAYLOAD RECORDS ROUNDS WARMUP CLASSPATH_A CLASSPATH_B ...}, each class path
 * separated by {@code :}; an older build is {@code OLD.jar:fairness-bench/target/benchmarks.jar} (its library
 * classes first, this harness after them).
 */
public final class EncoderCpuTimeAb {

    private EncoderCpuTimeAb() {
    }

    /**
     * Prints, per build, the median, minimum and maximum CPU nanoseconds per record of the counted rounds.
     *
     * @param args payload, records per round, rounds, warm-up rounds, one class path per build
     * @throws Exception when a build's classes cannot be loaded or its round fails
     */
    public static void main(String[] args) throws Exception {
        String payload = args[0];
        int records = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int builds = args.length - 4;
        Runnable[] round = new Runnable[builds];
        for (int b = 0; b < builds; b++) {
            String[] entries = args[4 + b].split(":");
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) {
                urls[i] = Path.of(entries[i]).toUri().toURL();
            }
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Method m = loader.loadClass(EncoderCpuTime.class.getName()).getMethod("round", String.class, int.class);
            round[b] = (Runnable) m.invoke(null, payload, records);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] perRecord = new double[builds][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < builds; b++) {
                long t0 = threads.getCurrentThreadCpuTime();
                round[b].run();
                perRecord[b][r] = (double) (threads.getCurrentThreadCpuTime() - t0) / records;
            }
        }
        for (int b = 0; b < builds; b++) {
            double[] counted = Arrays.copyOfRange(perRecord[b], Math.min(warmup, rounds - 1), rounds);
            Arrays.sort(counted);
            System.out.printf("%s %s: encoder steps ns CPU per record: median %,.0f (min %,.0f, max %,.0f) of %d"
                    + " rounds of %,d%n", payload, args[4 + b], counted[counted.length / 2], counted[0],
                    counted[counted.length - 1], counted.length, records);
        }
    }
}
