package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.Backpressure;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogHealth;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.RecordContent;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.Pseudonymizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What recording a decision costs the caller: the time of one {@link AuditedModel#decide} call around a
 * trivial model (two comparisons), on the caller's thread, as p50/p90/p99 in nanoseconds ({@code SampleTime}).
 * The target is p50 &le; 200 ns. Run with {@code -prof gc} for the bytes allocated per call in the whole JVM
 * ({@code gc.alloc.rate.norm}, which with {@code decisionLog} includes what the writer thread allocates per
 * record); after each iteration the benchmark also prints the bytes allocated per call on the calling thread
 * alone ({@code [caller]}).
 *
 * <p>{@link #decide} is parameterised by the sink:
 * <ul>
 *   <li>{@code decisionLog}: a real {@link DecisionLog} in a temporary folder, with its asynchronous writer
 *       thread, writing to the page cache ({@link Durability#pageCache()}) with a queue of
 *       {@value #QUEUE_CAPACITY} records, so that the caller is not throttled by the disk. After each iteration
 *       the benchmark prints ({@code [queue]}) the queue depth sampled every millisecond (mean, maximum, how
 *       often full: a full queue blocks the caller, and the tail latencies then include waiting for the
 *       writer), how long the writer took to catch up after the iteration, and the writer thread's CPU time
 *       per record.</li>
 *   <li>{@code noop}: a {@link LogSink} that keeps the payload and returns an already completed future. This is
 *       the wrapper's own cost (the decision id's two longs, the time, the features function's map, the decision
 *       record; not the record's encoding, the HMAC pseudonym, the id's text or the filtering of the features
 *       map, which the log's writer thread does); the difference
 *       to {@code decisionLog} is the log's enqueue (a lock, a future, a queue entry, waking the writer when it
 *       waits) plus what the writer thread takes from the caller on a 2-core machine (a core, the queue lock,
 *       GC of the queued records).</li>
 * </ul>
 * by how the features are given: {@code map} ({@code features(c -> Map.of("age", .., "income", ..))}) or
 * {@code record} ({@code featuresFromRecord().excludeFeatures("citizenId")}, through Jackson); and by
 * {@code decisionsPerSecond}: 0 calls back to back, as fast as the caller can; a positive rate spaces the
 * calls (spinning between them, untimed, in a {@code Level.Invocation} setup), low enough for the writer to
 * keep up, so that the queue stays short and the figure is the caller's cost in a healthy steady state. Back
 * to back, the writer falls behind (it needs several microseconds of CPU per record), the queue grows by
 * hundreds of thousands of records per iteration, and the mean and the tail then include the GC pauses of
 * copying that backlog. Spacing the calls costs the {@code noop} figures a few hundred nanoseconds by itself
 * (compare the two {@code noop} rows), so compare sinks at the same rate. With {@code burst} above 1 the rate is
 * kept per burst of that many calls made back to back: the writer keeps up as at the same rate with pauses
 * between single calls, while most calls find the caches as warm as back to back; {@code burst=64} at a rate
 * the writer sustains is the setting the target is read in ({@code docs/decision-log-performance.md}, "Caller
 * path (session 7)"). {@link #userCode} is the caller's own part of a {@code map} call (its features function
 * and the model) without the wrapper.
 *
 * <p>The model reads a case of three fields (a nine-digit citizen number, age, income), drawn from a fixed
 * seed; 4,096 cases are cycled through. The subject is pseudonymised (HMAC-SHA-256, on the writer thread) and
 * the decision id is a time-ordered UUID, as by default. After each iteration the benchmark also prints the
 * calling thread's CPU time per call ({@code [caller]}): on a busy machine it leaves out the time the thread
 * waited for a core, which wall-clock percentiles include. The {@code part*} benchmarks time pieces alone: the
 * benchmark's own features function ({@link #partFeaturesMap}, the user's part of every {@code map} call), the
 * pseudonym and the decision id's text (both on the writer thread now), and an empty method, whose p50 is what
 * timing one call costs on this machine (included in every other figure); {@link #partUuid} and
 * {@link #altUuidFromThreadLocalRandom} what a random (version 4) id would cost with and without
 * {@code SecureRandom}. {@link #bareModel} calls the same model on the same cases without the wrapper: the
 * difference to {@link #decide} is what wrapping adds to a call.
 *
 * <p>The forked JVM pre-touches its 4 GB heap ({@code -XX:+AlwaysPreTouch}): without it, every first write
 * to a heap page during the run is a page fault, about 10 &micro;s in this VM, and with about 1.5 KB allocated
 * per call that made p90 five times p50 (9 &micro;s against 1.8 &micro;s) until the whole young generation
 * had been used once. {@link #decide} counts calls in a plain field: run it with one thread.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class LogCallerBenchmark {

    /**
     * Queue capacity of the log: more than the writer falls behind in one 2 s iteration of back-to-back calls
     * here (about 400,000 records); a full queue holds about 1.5 GB of payloads.
     */
    static final int QUEUE_CAPACITY = 1 << 20;
    /** Cases cycled through (a power of two). */
    static final int CASES = 4096;

    /** The model's input. */
    public record Case(String citizenId, int age, double income) {
    }

    /** The model's output. */
    public record Verdict(boolean selected, double risk) {
    }

    /** The trivial model: selects young applicants with a low income. */
    static Verdict assess(Case c) {
        return new Verdict(c.age() < 30 && c.income() < 25_000, c.income() * 1e-5);
    }

    static Case[] cases(SplittableRandom random) {
        Case[] cases = new Case[CASES];
        for (int i = 0; i < CASES; i++) {
            String citizen = String.format("%09d", random.nextInt(1_000_000_000));
            cases[i] = new Case(citizen, 18 + random.nextInt(63), 8_000 + random.nextInt(160_000) * 0.5);
        }
        return cases;
    }

    /**
     * A sink that accepts everything and writes nothing; keeps the last payload so it must be built. Like the
     * real log, it takes a decision's {@link RecordContent} as it is, without encoding it (which the log's
     * writer thread does).
     */
    static final class NoopSink implements LogSink {
        private static final CompletableFuture<Long> DONE = CompletableFuture.completedFuture(0L);
        ObjectNode last;
        RecordContent lastContent;

        @Override
        public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
            last = payload;
            return DONE;
        }

        @Override
        public CompletableFuture<Long> appendContent(RecordType type, RecordContent content) {
            lastContent = content;
            return DONE;
        }
    }

    /** The audited model, its sink and the cases, built once per trial. */
    @State(Scope.Benchmark)
    public static class Audited {
        /** Where the records go: {@code decisionLog} or {@code noop}. */
        @Param({"decisionLog", "noop"})
        public String sink;
        /** How features are given: {@code map} or {@code record}. */
        @Param({"map", "record"})
        public String features;
        /** Calls per second, paced between calls (untimed); 0 calls back to back. */
        @Param({"0", "50000"})
        public int decisionsPerSecond;
        /**
         * With a positive {@link #decisionsPerSecond}: calls made back to back per pause, so that the rate is
         * kept on average while most calls follow the one before at once (warm caches and branch predictors,
         * as back to back) and the writer still keeps up. 1 (the default) pauses before every call.
         */
        @Param({"1"})
        public int burst;

        long calls;
        long interval;
        long nextCallAt;
        long callerThread = -1;
        long callerBytesAtStart;
        long callerCpuAtStart;
        long callsAtStart;
        Path dir;
        DecisionLog log;
        AuditedModel<Case, Verdict> model;
        Case[] cases;
        QueueWatch watch;
        long seqAtStart;
        long iterationStart;
        long writerCpuAtStart;

        /** Opens the log (for {@code decisionLog}) and builds the audited model. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
            cases = cases(random);
            LogSink target;
            if (sink.equals("decisionLog")) {
                dir = LogBenchData.tempDir("fairaudit-bench-caller-");
                log = DecisionLog.open(dir, LogOptions.builder()
                        .durability(Durability.pageCache())
                        .queueCapacity(QUEUE_CAPACITY)
                        .backpressure(Backpressure.BLOCK)
                        .build());
                target = log;
            } else if (sink.equals("noop")) {
                target = new NoopSink();
            } else {
                throw new IllegalArgumentException("sink must be decisionLog or noop, was " + sink);
            }
            AuditedModel.Builder<Case, Verdict> b = AuditedModel.<Case, Verdict>builder(LogCallerBenchmark::assess)
                    .modelId("bench-risk").modelVersion("1.0.0")
                    .decision(Verdict::selected).score(Verdict::risk)
                    .subject(Case::citizenId).pseudonymizer(new Pseudonymizer(LogBenchData.key(random)))
                    .sink(target);
            if (features.equals("map")) {
                b.features(c -> Map.of("age", c.age(), "income", c.income()));
            } else if (features.equals("record")) {
                b.featuresFromRecord().excludeFeatures("citizenId");
            } else {
                throw new IllegalArgumentException("features must be map or record, was " + features);
            }
            model = b.build();
            if (decisionsPerSecond < 0) {
                throw new IllegalArgumentException("decisionsPerSecond must be 0 or more, was " + decisionsPerSecond);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be 1 or more, was " + burst);
            }
            interval = decisionsPerSecond == 0 ? 0 : 1_000_000_000L * burst / decisionsPerSecond;
        }

        /** Starts counting calls and the caller's allocations, and sampling the queue depth. */
        @Setup(Level.Iteration)
        public void startIteration() {
            callerThread = Thread.currentThread().getId();
            callerBytesAtStart = LogBenchData.allocatedBytes(callerThread);
            callerCpuAtStart = LogBenchData.threadCpuNanos(callerThread);
            callsAtStart = calls;
            nextCallAt = System.nanoTime();
            if (log != null) {
                seqAtStart = log.lastSequence();
                iterationStart = System.nanoTime();
                writerCpuAtStart = LogBenchData.writerCpuNanos(dir);
                watch = new QueueWatch(log);
                watch.start();
            }
        }

        /**
         * When pacing, waits (spinning, untimed) until the next burst of {@link #burst} calls is due; a burst that
         * is late is not made up for by a longer one.
         */
        @Setup(Level.Invocation)
        public void pace() {
            if (interval == 0 || (burst > 1 && calls % burst != 0)) {
                return;
            }
            long now;
            while ((now = System.nanoTime()) - nextCallAt < 0) {
                Thread.onSpinWait();
            }
            nextCallAt = Math.max(nextCallAt + interval, now);
        }

        /**
         * Prints the calls and what they allocated on the calling thread; for {@code decisionLog}, stops
         * sampling, waits for the writer to catch up and prints the queue state of the iteration.
         */
        @TearDown(Level.Iteration)
        public void endIteration() throws InterruptedException {
            long end = System.nanoTime();
            long callsMade = calls - callsAtStart;
            long callerBytes = LogBenchData.allocatedBytes(callerThread) - callerBytesAtStart;
            long callerCpu = LogBenchData.threadCpuNanos(callerThread) - callerCpuAtStart;
            // CPU time rather than wall time: on a busy machine it leaves out the time the thread waited for a
            // core. It includes JMH's own per-call work and, when pacing, the spinning between calls.
            System.out.printf("%n[caller] %,d calls, %,.0f bytes allocated per call on the calling thread, %,.0f ns"
                    + " CPU per call%s%n", callsMade,
                    callerBytes < 0 ? Double.NaN : (double) callerBytes / Math.max(1, callsMade),
                    (double) callerCpu / Math.max(1, callsMade), interval == 0 ? "" : " (including the pacing)");
            if (log == null) {
                return;
            }
            watch.stop();
            int depthAtEnd = log.health().queued();
            // Futures complete in sequence order: once this one has, every decision before it is written.
            ObjectNode marker = JsonNodeFactory.instance.objectNode().put("benchmark", "end of iteration");
            long markerSeq = log.append(RecordType.GOVERNANCE, marker).join();
            long caughtUp = System.nanoTime();
            long writerCpu = LogBenchData.writerCpuNanos(dir) - writerCpuAtStart;
            long decisions = markerSeq - 1 - seqAtStart;
            double seconds = (end - iterationStart) / 1e9;
            System.out.printf("[queue] %,d decisions in %.2f s (%,.0f/s); queue capacity %,d, depth sampled %,d"
                    + " times: mean %,.0f, max %,d, full in %,d samples; %,d queued at the end, written %,.1f ms"
                    + " later; writer thread %,.0f ns CPU per record%n", decisions, seconds, decisions / seconds,
                    QUEUE_CAPACITY, watch.samples, watch.samples == 0 ? 0.0 : (double) watch.sum / watch.samples,
                    watch.max, watch.full, depthAtEnd, (caughtUp - end) / 1e6,
                    (double) writerCpu / Math.max(1, decisions + 1));
        }

        /** Closes the log and deletes its folder. */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            try {
                if (log != null) {
                    LogHealth health = log.health();
                    log.close();
                    System.out.printf("[log] %,d records, %,d bytes on disk (%,.0f per record), state %s%n",
                            health.lastSequence(), LogBenchData.bytesIn(dir),
                            (double) LogBenchData.bytesIn(dir) / Math.max(1, health.lastSequence()),
                            health.state());
                }
            } finally {
                LogBenchData.deleteTree(dir);
            }
        }
    }

    /** Which case comes next, per thread, for the {@code part*} benchmarks. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** The seeded cases and a pseudonymizer, for the {@code part*} benchmarks. */
    @State(Scope.Benchmark)
    public static class Parts {
        Case[] cases;
        Pseudonymizer pseudonymizer;

        /** Draws the cases and the key from the seed. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
            cases = cases(random);
            pseudonymizer = new Pseudonymizer(LogBenchData.key(random));
        }
    }

    /** Samples the queue depth of a log every millisecond on a daemon thread. */
    static final class QueueWatch implements Runnable {
        private final DecisionLog log;
        private final int capacity;
        private final Thread thread;
        private volatile boolean stopped;
        long samples;
        long sum;
        int max;
        long full;

        QueueWatch(DecisionLog log) {
            this.log = log;
            this.capacity = log.options().queueCapacity();
            this.thread = new Thread(this, "bench-queue-watch");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** Stops sampling; the counters are safe to read afterwards. */
        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        @Override
        public void run() {
            while (!stopped) {
                int depth = log.health().queued();
                samples++;
                sum += depth;
                max = Math.max(max, depth);
                if (depth >= capacity) {
                    full++;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One audited decision: payload, enqueue (or the no-op sink), and the model. */
    @Benchmark
    public Verdict decide(Audited a) throws Exception {
        Case input = a.cases[(int) a.calls++ & (CASES - 1)];
        return a.model.decide(input);
    }

    /**
     * The same model called directly, without the wrapper, on the same cases in the same order: {@link #decide}
     * minus this is what wrapping adds to a call (the features function, the id, the record, the enqueue).
     */
    @Benchmark
    public Verdict bareModel(Parts p, Cursor c) {
        return assess(p.cases[c.next++ & (CASES - 1)]);
    }

    /**
     * The caller's own code of a {@code features=map} call without the wrapper: the same features function
     * ({@code Map.of("age", .., "income", ..)}) and the same model on the same cases. {@link #decide} minus this
     * is the wrapper's overhead per recorded decision (the id, the clock, the route, the record, the enqueue, and
     * what the log's writer thread takes from the caller), which is what the target of issue 3 is about.
     */
    @Benchmark
    public void userCode(Parts p, Cursor c, Blackhole bh) {
        Case input = p.cases[c.next++ & (CASES - 1)];
        bh.consume(Map.of("age", input.age(), "income", input.income()));
        bh.consume(assess(input));
    }

    /**
     * Not what the library does (any more), for comparison with earlier figures: a random (version 4) UUID from
     * {@link java.security.SecureRandom}, as text, {@code UUID.randomUUID().toString()}.
     */
    @Benchmark
    public String partUuid() {
        return UUID.randomUUID().toString();
    }

    /**
     * The text of a decision id from its two longs, as the log's writer thread makes it for a record of
     * {@link AuditedModel#decide} (the caller makes it only for {@link AuditedModel#decideRecorded}).
     */
    @Benchmark
    public String partIdText(Cursor c) {
        long high = (1_764_410_400_000L + (c.next++ & 1023)) << 16 | 0x7000L;
        return new UUID(high, 0x8000_0000_0000_0000L | 0x1234_5678_9abcL).toString();
    }

    /** The benchmark's features function alone, {@code Map.of("age", .., "income", ..)}: the caller's own part. */
    @Benchmark
    public Map<String, ?> partFeaturesMap(Parts p, Cursor c) {
        Case input = p.cases[c.next++ & (CASES - 1)];
        return Map.of("age", input.age(), "income", input.income());
    }

    /** The subject's pseudonym alone: HMAC-SHA-256 of a nine-digit identifier, as 64 hex digits. */
    @Benchmark
    public String partPseudonym(Parts p, Cursor c) {
        return p.pseudonymizer.pseudonym(p.cases[c.next++ & (CASES - 1)].citizenId());
    }

    /**
     * Not what the library does, for comparison: a random (version 4) UUID from {@link ThreadLocalRandom}
     * instead of {@link java.security.SecureRandom}, as text.
     */
    @Benchmark
    public String altUuidFromThreadLocalRandom() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long high = (r.nextLong() & ~0xF000L) | 0x4000L;
        long low = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /** An empty method: what timing one call costs on this machine (its p50 is in every figure above). */
    @Benchmark
    public void partTimer() {
        // nothing
    }
}
