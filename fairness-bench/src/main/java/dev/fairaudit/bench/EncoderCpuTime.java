package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.EncoderSteps;
import dev.fairaudit.core.log.RecordType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * The log's encoder work per record on one thread, without the queue and the other stages: the payloads of
 * {@link LogWriterBenchmark} ({@code tree} or {@code content}) encoded as the encoder stage does
 * ({@link EncoderSteps}), and the thread's CPU time per record printed per round. On a machine shared with other
 * work this varies less than the stage's CPU time in a running log (no hand-overs, no other thread of the log
 * competing for the core's caches). To compare an older library, put its jar first on the class path:
 * {@code java -cp OLD.jar:fairness-bench/target/benchmarks.jar dev.fairaudit.bench.EncoderCpuTime content}.
 *
 * <p>{@code java -cp fairness-bench/target/benchmarks.jar dev.fairaudit.bench.EncoderCpuTime PAYLOAD [RECORDS]
 * [ROUNDS]}: {@code PAYLOAD} {@code tree} or {@code content}; default 2,000,000 records per round, 6 rounds, of
 * which the first two are the warm-up.
 */
public final class EncoderCpuTime {

    private EncoderCpuTime() {
    }

    /**
     * Runs the rounds and prints one line each.
     *
     * @param args payload, records per round, rounds
     */
    public static void main(String[] args) {
        String payload = args[0];
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        Runnable round = round(payload, records);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 1; r <= rounds; r++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            round.run();
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - t0;
            System.out.printf("round %d: %s: encoder steps %,.0f ns CPU per record (wall %,.0f ns)%n", r, payload,
                    (double) cpu / records, (double) wall / records);
        }
    }

    /**
     * One round: {@code records} records of the payloads encoded on the calling thread, on one reused
     * {@link EncoderSteps}. A {@code Runnable}, so that {@link EncoderCpuTimeAb} can run rounds of builds loaded
     * by other class loaders.
     *
     * @param payload {@code tree} or {@code content}
     * @param records records per round
     * @return the round, to run as often as wanted
     */
    public static Runnable round(String payload, int records) {
        SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
        ObjectNode[] trees = LogBenchData.decisionPayloads(random, LogWriterBenchmark.PAYLOADS);
        Object[] payloads = switch (payload) {
            case "tree" -> trees;
            case "content" -> LogWriterBenchmark.decisionRecords(random, LogWriterBenchmark.PAYLOADS);
            default -> throw new IllegalArgumentException("payload must be tree or content, was " + payload);
        };
        EncoderSteps steps = new EncoderSteps();
        int mask = LogWriterBenchmark.PAYLOADS - 1;
        return () -> {
            long bytes = 0;
            for (int i = 0; i < records; i++) {
                bytes += steps.encode(RecordType.DECISION, payloads[i & mask]);
            }
            if (bytes <= 0) {
                throw new IllegalStateException("nothing encoded");
            }
        };
    }
}
