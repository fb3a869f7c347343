package dev.fairaudit.bench;

import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.VerificationReport;
import dev.fairaudit.core.table.DecisionLogInput;
import dev.fairaudit.core.table.DecisionTable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The CPU time of reading a decision log back, on the calling thread: verifying it, streaming its records, and
 * reading it into the audit's table with its protected-attribute log. CPU time rather than wall time because the
 * machines this runs on are shared; uses public API only, so the same source runs against an older build's jar
 * for a baseline in the same run (each operation alternates between nothing else in the JVM).
 *
 * <ul>
 *   <li>{@code java -cp benchmarks.jar dev.fairaudit.bench.LogReadCpuTime write DIR [DECISIONS]} writes the log of
 *       {@link LogReadBenchmark} (unkeyed) into {@code DIR/decisions} and {@code DIR/attributes}, with
 *       {@code DECISIONS} decisions (default {@value LogReadBenchmark#DECISIONS}).</li>
 *   <li>{@code ... LogReadCpuTime run DECISIONS ATTRIBUTES ATTRIBUTE [KEYHEX|-] [REPS]} measures: each repetition
 *       verifies the decision log, streams its records, and reads both logs into a table with protected attribute
 *       {@code ATTRIBUTE}; prints each repetition's CPU and wall time and the median CPU time of the repetitions
 *       after the first two (warm-up), in records per second and MB per second of the decision log.</li>
 * </ul>
 */
public final class LogReadCpuTime {

    private LogReadCpuTime() {
    }

    /**
     * Writes or measures; see the class comment.
     *
     * @param args {@code write DIR} or {@code run DECISIONS ATTRIBUTES ATTRIBUTE [KEYHEX|-] [REPS]}
     * @throws Exception when writing or reading fails
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("write")) {
            Path dir = Path.of(args[1]);
            Files.createDirectories(dir.resolve("decisions"));
            Files.createDirectories(dir.resolve("attributes"));
            LogReadBenchmark.write(dir.resolve("decisions"), dir.resolve("attributes"), null,
                    new SplittableRandom(LogBenchData.SEED),
                    args.length > 2 ? Integer.parseInt(args[2]) : LogReadBenchmark.DECISIONS);
            return;
        }
        Path decisions = Path.of(args[1]);
        Path attributes = Path.of(args[2]);
        String attribute = args[3];
        byte[] key = args.length > 4 && !args[4].equals("-") ? HexFormat.of().parseHex(args[4]) : null;
        int repetitions = args.length > 5 ? Integer.parseInt(args[5]) : 7;
        VerificationReport report = LogVerifier.verify(decisions, key);
        if (!report.ok()) {
            throw new IllegalStateException(report.summary());
        }
        long records = report.records();
        long bytes = LogBenchData.bytesIn(decisions);
        System.out.printf("%s: %,d records, %,d bytes%n", decisions, records, bytes);
        double[][] cpu = new double[3][repetitions];
        String[] names = {"verify", "readRecords", "readIntoTable"};
        List<Callable<Long>> operations = List.of(
                () -> LogVerifier.verify(decisions, key).records(),
                () -> {
                    long n = 0;
                    try (Stream<LogRecord> s = LogReader.read(decisions)) {
                        for (LogRecord r : (Iterable<LogRecord>) s::iterator) {
                            n += r.payload() == null ? 0 : 1;
                        }
                    }
                    return n;
                },
                () -> {
                    try (Stream<LogRecord> s = LogReader.read(decisions);
                         Stream<LogRecord> a = LogReader.read(attributes)) {
                        DecisionTable t = DecisionLogInput.read("log", "-", s.iterator(), a.iterator(),
                                List.of(attribute), false);
                        return (long) t.rowCount();
                    }
                });
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < repetitions; r++) {
            StringBuilder line = new StringBuilder("repetition " + (r + 1) + ":");
            for (int op = 0; op < operations.size(); op++) {
                long t0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                long check = operations.get(op).call();
                long t1 = threads.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                cpu[op][r] = (t1 - t0) / 1e9;
                line.append(String.format(" %s CPU %.3f s (wall %.3f s, check %d);", names[op], cpu[op][r],
                        (w1 - w0) / 1e9, check));
            }
            System.out.println(line);
        }
        for (int op = 0; op < operations.size(); op++) {
            double[] measured = Arrays.copyOfRange(cpu[op], Math.min(2, repetitions - 1), repetitions);
            Arrays.sort(measured);
            double median = measured[measured.length / 2];
            System.out.printf("%-14s median CPU %.3f s: %,.0f records/s, %.1f MB/s%n", names[op], median,
                    records / median, bytes / median / 1e6);
        }
    }
}
