package dev.fairaudit.bench;

import dev.fairaudit.core.log.Backpressure;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.RecordContent;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.Pseudonymizer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The calling thread's CPU time per {@link AuditedModel#decide} call, without JMH: the model, features function
 * and cases of {@code LogCallerBenchmark} ({@code features=map}), called from one thread in rounds, each round
 * printing the calling thread's CPU time and bytes allocated per call. Made to be profiled (JFR, {@code perf}):
 * no timing or sampling code runs between the calls. With a rate, calls come in bursts of 64, back to back,
 * one burst every 64 / rate seconds (spinning between bursts; the round's CPU time then includes the spinning),
 * so that the log's writer keeps up.
 * Uses the public API only, so main's jar runs the same source: {@code java -cp MAIN.jar
 * fairness-bench/src/main/java/dev/fairaudit/bench/CallerCpuTime.java noop 0 3 8}, or from this jar
 * {@code java -cp benchmarks.jar dev.fairaudit.bench.CallerCpuTime SINK RATE SECONDS ROUNDS}.
 */
public final class CallerCpuTime {

    private static final int CASES = 4096;
    private static final int BURST = 64;

    private CallerCpuTime() {
    }

    /** The benchmark's input. */
    record Case(String citizenId, int age, double income) {
    }

    /** The benchmark's output. */
    record Verdict(boolean selected, double risk) {
    }

    static Verdict assess(Case c) {
        return new Verdict(c.age() < 30 && c.income() < 25_000, c.income() * 1e-5);
    }

    /** Accepts everything, writes nothing. */
    static final class NoopSink implements LogSink {
        private static final CompletableFuture<Long> DONE = CompletableFuture.completedFuture(0L);
        volatile Object last;

        @Override
        public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
            last = payload;
            return DONE;
        }

        @Override
        public CompletableFuture<Long> appendContent(RecordType type, RecordContent content) {
            last = content;
            return DONE;
        }
    }

    /**
     * Runs the rounds.
     *
     * @param args sink ({@code noop} or {@code decisionLog}), calls per second (0: back to back), seconds per
     *             round, rounds
     * @throws Exception when the log cannot be written
     */
    public static void main(String[] args) throws Exception {
        String sinkName = args.length > 0 ? args[0] : "noop";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        SplittableRandom random = new SplittableRandom(20261129L);
        Case[] cases = new Case[CASES];
        for (int i = 0; i < CASES; i++) {
            cases[i] = new Case(String.format("%09d", random.nextInt(1_000_000_000)), 18 + random.nextInt(63),
                    8_000 + random.nextInt(160_000) * 0.5);
        }
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) random.nextInt(256);
        }
        Path dir = null;
        DecisionLog log = null;
        LogSink sink;
        if (sinkName.equals("decisionLog")) {
            dir = Files.createTempDirectory("fairaudit-caller-cpu-");
            log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.pageCache())
                    .queueCapacity(1 << 20).backpressure(Backpressure.BLOCK).build());
            sink = log;
        } else if (sinkName.equals("noop")) {
            sink = new NoopSink();
        } else {
            throw new IllegalArgumentException("sink must be noop or decisionLog, was " + sinkName);
        }
        AuditedModel<Case, Verdict> model = AuditedModel.<Case, Verdict>builder(CallerCpuTime::assess)
                .modelId("bench-risk").modelVersion("1.0.0")
                .decision(Verdict::selected).score(Verdict::risk)
                .subject(Case::citizenId).pseudonymizer(new Pseudonymizer(key))
                .features(c -> Map.of("age", c.age(), "income", c.income()))
                .sink(sink).build();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        com.sun.management.ThreadMXBean sunMx = (com.sun.management.ThreadMXBean) mx;
        long interval = rate == 0 ? 0 : 1_000_000_000L * BURST / rate;
        long calls = 0;
        long sink0 = 0;
        try {
            for (int round = 1; round <= rounds; round++) {
                long cpu0 = mx.getThreadCpuTime(thread);
                long bytes0 = sunMx.getThreadAllocatedBytes(thread);
                long start = System.nanoTime();
                long end = start + (long) (seconds * 1e9);
                long roundCalls = 0;
                long next = start;
                long now;
                while ((now = System.nanoTime()) < end) {
                    if (interval != 0) {
                        while (now < next) {
                            Thread.onSpinWait();
                            now = System.nanoTime();
                        }
                        next = Math.max(next + interval, now);
                    }
                    for (int i = 0; i < BURST; i++) {
                        Verdict v = model.decide(cases[(int) calls++ & (CASES - 1)]);
                        sink0 += v.selected() ? 1 : 0;
                    }
                    roundCalls += BURST;
                }
                long wall = System.nanoTime() - start;
                long cpu = mx.getThreadCpuTime(thread) - cpu0;
                long bytes = sunMx.getThreadAllocatedBytes(thread) - bytes0;
                System.out.printf("round %d: %,d calls, %,.0f ns CPU per call%s, %,.0f ns wall per call, %,.1f bytes"
                        + " per call%s%n", round, roundCalls, (double) cpu / roundCalls,
                        interval == 0 ? "" : " (including the pacing)", (double) wall / roundCalls,
                        (double) bytes / roundCalls, log == null ? "" : ", queued at the end " + log.health().queued());
            }
        } finally {
            if (log != null) {
                log.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        System.out.println("(" + sink0 + " selected)");
    }
}
