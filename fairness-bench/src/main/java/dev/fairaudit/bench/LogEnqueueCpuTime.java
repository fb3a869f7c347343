package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.RecordType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.Stream;

/**
 * The decision log's enqueue on its own, on the calling threads: {@code THREADS} threads each
 * {@link DecisionLog#submit} {@code PER_THREAD} small records per round (no future: what
 * {@link dev.fairaudit.core.model.AuditedModel#decide} does), at once, into a queue large enough that no call
 * waits for space, while the writer thread takes and writes them. Per round and thread it prints the calling
 * thread's CPU time per call ({@link ThreadMXBean}) and the wall time per call; then it waits until the writer has
 * written the round. Round 1 is the warm-up. Uses the public API only, so that main's jar can be measured with the
 * same source: {@code java -cp MAIN.jar fairness-bench/src/main/java/dev/fairaudit/bench/LogEnqueueCpuTime.java
 * 2 200000 6} (source-file mode), or from this jar {@code java -cp benchmarks.jar
 * dev.fairaudit.bench.LogEnqueueCpuTime THREADS PER_THREAD ROUNDS}.
 */
public final class LogEnqueueCpuTime {

    private LogEnqueueCpuTime() {
    }

    /**
     * Runs the rounds and prints one line per round and thread.
     *
     * @param args threads (default 1), records per thread and round (default 200,000), rounds (default 6)
     * @throws Exception when the log cannot be written
     */
    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        ObjectNode[] payloads = new ObjectNode[1024];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = JsonNodeFactory.instance.objectNode().put("i", i);
        }
        int capacity = Integer.highestOneBit(threads * perThread) << 1;
        Path dir = Files.createTempDirectory("fairaudit-enqueue-");
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.pageCache())
                .queueCapacity(capacity).build())) {
            for (int round = 1; round <= rounds; round++) {
                long[] cpu = new long[threads];
                long[] wall = new long[threads];
                CyclicBarrier start = new CyclicBarrier(threads);
                Thread[] callers = new Thread[threads];
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    callers[t] = new Thread(() -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        long c0 = mx.getCurrentThreadCpuTime();
                        long w0 = System.nanoTime();
                        for (int i = 0; i < perThread; i++) {
                            log.submit(RecordType.GOVERNANCE, payloads[i & 1023]);
                        }
                        wall[thread] = System.nanoTime() - w0;
                        cpu[thread] = mx.getCurrentThreadCpuTime() - c0;
                    }, "caller-" + t);
                    callers[t].start();
                }
                for (Thread c : callers) {
                    c.join();
                }
                StringBuilder line = new StringBuilder("round " + round + (round == 1 ? " (warm-up)" : "") + ":");
                for (int t = 0; t < threads; t++) {
                    line.append(String.format(" thread %d %,.1f ns CPU / %,.1f ns wall per call;", t,
                            (double) cpu[t] / perThread, (double) wall[t] / perThread));
                }
                System.out.println(line);
                // futures complete in sequence order: once this one has, the round is written
                log.append(RecordType.GOVERNANCE, payloads[0]).join();
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
