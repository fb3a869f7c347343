package dev.fairaudit.bench;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The CPU time of parsing a file of {@link LargeAuditCsv} into chunks, as the full audit of
 * {@code bench/run-large-audit.sh} reads it (its 18 columns, chunks of 65,536 rows), with a consumer that only
 * looks at each chunk: the parse alone, on the calling thread ({@code fairaudit.readInBackground=false}), so the
 * thread's CPU time is all of it. Uses public API only, so the same source compiles against an older build's
 * jars for a baseline in the same run:
 * {@code java -XX:+UseSerialGC -cp fairness-bench/target/benchmarks.jar dev.fairaudit.bench.ParseCpuTime FILE [REPS]}.
 */
public final class ParseCpuTime {

    private ParseCpuTime() {
    }

    /**
     * Prints each repetition's CPU seconds and the median of those after the first (the warm-up).
     *
     * @param args the CSV file, and repetitions (default 4)
     */
    public static void main(String[] args) {
        System.setProperty("fairaudit.readInBackground", "false");
        Path file = Path.of(args[0]);
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        TableSpec spec = LargeAuditCsv.fullSpec();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] seconds = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long[] seen = new long[2];
            long t0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            TableSource source = TableReader.stream(file, spec, 1 << 16, (DecisionTable chunk) -> {
                seen[0] += chunk.rowCount();
                seen[1] += chunk.features().get(0).code(chunk.rowCount() - 1);
            });
            long t1 = threads.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            seconds[r] = (t1 - t0) / 1e9;
            System.out.printf("repetition %d: %d rows (%d read), CPU %.2f s, wall %.2f s (check %d)%n", r + 1,
                    seen[0], source.rowsRead(), seconds[r], (w1 - w0) / 1e9, seen[1]);
        }
        double[] measured = Arrays.copyOfRange(seconds, Math.min(1, repetitions - 1), repetitions);
        Arrays.sort(measured);
        System.out.printf("parse CPU s: median %.2f (min %.2f, max %.2f) of %d after warm-up%n",
                measured[measured.length / 2], measured[0], measured[measured.length - 1], measured.length);
    }
}
