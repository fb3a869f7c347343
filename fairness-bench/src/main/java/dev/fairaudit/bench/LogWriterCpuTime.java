package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.RecordContent;
import dev.fairaudit.core.log.RecordType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The decision log's writer thread on its own: one producer thread appends {@code RECORDS} records to a new log
 * (the payloads of {@link LogWriterBenchmark}) and waits for the last; then the writer thread's CPU time (user
 * and system, from {@link ThreadMXBean}) and bytes allocated per record, the producer's CPU time per record, and
 * the wall-clock rate are printed. CPU time and allocation per record are what a busy machine changes least.
 *
 * <p>{@code java -cp fairness-bench/target/benchmarks.jar dev.fairaudit.bench.LogWriterCpuTime PAYLOAD FUTURES
 * DURABILITY [RECORDS] [ROUNDS] [SEGMENT_MIB]}: {@code PAYLOAD} {@code tree} or {@code content}; {@code FUTURES} {@code each}
 * (every record with a future, {@code append}/{@code appendContent}) or {@code last} (only the last one,
 * {@code submit}/{@code submitContent} before it); {@code DURABILITY} {@code PAGE_CACHE} or
 * {@code GROUP_COMMIT} (256 records / 5 ms); {@code SEGMENT_MIB} the segment size in MiB (default 64, the log's
 * default; a larger one keeps the finished segments' forces, which {@code PAGE_CACHE} runs in the background, out
 * of the round). Round 1 is the warm-up.
 */
public final class LogWriterCpuTime {

    private LogWriterCpuTime() {
    }

    /**
     * Runs the rounds and prints one line each.
     *
     * @param args payload, futures, durability, records (default 1,000,000), rounds (default 4)
     * @throws Exception when the log cannot be written
     */
    public static void main(String[] args) throws Exception {
        String payload = args[0];
        boolean each = switch (args[1]) {
            case "each" -> true;
            case "last" -> false;
            default -> throw new IllegalArgumentException("futures must be each or last, was " + args[1]);
        };
        Durability durability = switch (args[2]) {
            case "PAGE_CACHE" -> Durability.pageCache();
            case "GROUP_COMMIT" -> Durability.groupCommit(256, Duration.ofMillis(5));
            default -> throw new IllegalArgumentException("durability must be PAGE_CACHE or GROUP_COMMIT");
        };
        int records = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
        ObjectNode[] trees = LogBenchData.decisionPayloads(random, LogWriterBenchmark.PAYLOADS);
        RecordContent[] contents = switch (payload) {
            case "tree" -> null;
            case "content" -> LogWriterBenchmark.decisionRecords(random, LogWriterBenchmark.PAYLOADS);
            default -> throw new IllegalArgumentException("payload must be tree or content, was " + payload);
        };
        long segmentMib = args.length > 5 ? Long.parseLong(args[5]) : 64;
        LogOptions options = LogOptions.builder().durability(durability).segmentBytes(segmentMib << 20).build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int mask = LogWriterBenchmark.PAYLOADS - 1;
        for (int r = 1; r <= rounds; r++) {
            Path dir = LogBenchData.tempDir("fairaudit-writer-cpu-");
            try {
                DecisionLog log = DecisionLog.open(dir, options);
                long writer = writerThreadId(dir);
                long wCpu0 = threads.getThreadCpuTime(writer);
                long wUser0 = threads.getThreadUserTime(writer);
                long wAlloc0 = LogBenchData.allocatedBytes(writer);
                // the encoder thread (PAGE_CACHE, GROUP_COMMIT) starts with the writer: found once it runs
                long encoder = LogBenchData.threadId("fairaudit-log-encoder[" + dir.getFileName() + "]");
                long eCpu0 = encoder < 0 ? 0 : threads.getThreadCpuTime(encoder);
                long eAlloc0 = encoder < 0 ? 0 : LogBenchData.allocatedBytes(encoder);
                long pCpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                CompletableFuture<Long> last;
                if (contents != null) {
                    for (int i = 0; i < records - 1; i++) {
                        if (each) {
                            log.appendContent(RecordType.DECISION, contents[i & mask]);
                        } else {
                            log.submitContent(RecordType.DECISION, contents[i & mask]);
                        }
                    }
                    last = log.appendContent(RecordType.DECISION, contents[(records - 1) & mask]);
                } else {
                    for (int i = 0; i < records - 1; i++) {
                        if (each) {
                            log.append(RecordType.DECISION, trees[i & mask]);
                        } else {
                            log.submit(RecordType.DECISION, trees[i & mask]);
                        }
                    }
                    last = log.append(RecordType.DECISION, trees[(records - 1) & mask]);
                }
                long seq = last.join();
                long t1 = System.nanoTime();
                long pCpu = threads.getCurrentThreadCpuTime() - pCpu0;
                long wCpu = threads.getThreadCpuTime(writer) - wCpu0;
                long wUser = threads.getThreadUserTime(writer) - wUser0;
                long wAlloc = LogBenchData.allocatedBytes(writer) - wAlloc0;
                if (encoder < 0) {
                    encoder = LogBenchData.threadId("fairaudit-log-encoder[" + dir.getFileName() + "]");
                }
                long eCpu = encoder < 0 ? -1 : threads.getThreadCpuTime(encoder) - eCpu0;
                long eAlloc = encoder < 0 ? -1 : LogBenchData.allocatedBytes(encoder) - eAlloc0;
                log.close();
                if (seq != records) {
                    throw new IllegalStateException("expected the last record to be " + records + ", was " + seq);
                }
                System.out.printf("round %d: %s futures=%s %s: %,.0f records/s; writer CPU %,.0f ns/record"
                        + " (user %,.0f, system %,.0f), %,.1f bytes/record allocated; producer CPU %,.0f ns/record%n",
                        r, payload, args[1], args[2], records / ((t1 - t0) / 1e9), (double) wCpu / records,
                        (double) wUser / records, (double) (wCpu - wUser) / records, (double) wAlloc / records,
                        (double) pCpu / records);
                if (eCpu >= 0) {
                    System.out.printf("round %d: encoder CPU %,.0f ns/record, %,.1f bytes/record allocated%n", r,
                            (double) eCpu / records, (double) eAlloc / records);
                }
            } finally {
                LogBenchData.deleteTree(dir);
            }
        }
    }

    private static long writerThreadId(Path dir) {
        String name = "fairaudit-log-writer[" + dir.getFileName() + "]";
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        throw new IllegalStateException("no writer thread named " + name);
    }
}
