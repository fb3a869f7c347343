package dev.fairaudit.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@link ParseCpuTime} for several builds in one JVM, their repetitions interleaved (A, B, A, B, ...), so that a
 * busy machine's changing load falls on all builds alike: each build's classes come from its own class loader
 * (a class path whose first entries, such as a {@code fairness-core/target/classes} directory, shadow the
 * classes of a benchmarks jar after them), and each repetition is one call of its {@code ParseCpuTime.main}
 * timed by this thread's CPU time. The first repetition of each build is the warm-up and is not in the median.
 * {@code java -XX:+UseSerialGC -cp fairness-bench/target/benchmarks.jar dev.fairaudit.bench.ParseCpuTimeAb
 * FILE REPS CLASSPATH_A CLASSPATH_B ...}, each class path separated by {@code :}.
 */
public final class ParseCpuTimeAb {

    private ParseCpuTimeAb() {
    }

    /**
     * Prints, per build, the median, minimum and maximum CPU seconds of the repetitions after the first.
     *
     * @param args the CSV file, the repetitions per build, and one class path per build
     * @throws Exception when a build's classes cannot be loaded or its run fails
     */
    public static void main(String[] args) throws Exception {
        String file = args[0];
        int repetitions = Integer.parseInt(args[1]);
        int builds = args.length - 2;
        Method[] mains = new Method[builds];
        for (int b = 0; b < builds; b++) {
            String[] entries = args[2 + b].split(":");
            URL[] urls = new URL[entries.length];
            for (int i = 0; i < entries.length; i++) {
                urls[i] = Path.of(entries[i]).toUri().toURL();
            }
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            mains[b] = loader.loadClass(ParseCpuTime.class.getName()).getMethod("main", String[].class);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PrintStream out = System.out;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        double[][] seconds = new double[builds][repetitions];
        for (int r = 0; r < repetitions; r++) {
            for (int b = 0; b < builds; b++) {
                System.setOut(quiet);
                long t0 = threads.getCurrentThreadCpuTime();
                try {
                    mains[b].invoke(null, (Object) new String[] {file, "1"});
                } finally {
                    System.setOut(out);
                }
                seconds[b][r] = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
            }
        }
        for (int b = 0; b < builds; b++) {
            double[] measured = Arrays.copyOfRange(seconds[b], Math.min(1, repetitions - 1), repetitions);
            Arrays.sort(measured);
            out.printf("%s: parse CPU s median %.3f (min %.3f, max %.3f) of %d after warm-up; first %.3f%n",
                    args[2 + b], measured[measured.length / 2], measured[0], measured[measured.length - 1],
                    measured.length, seconds[b][0]);
        }
    }
}
