package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.CanonicalJson;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.RecordContent;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.Pseudonymizer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writer throughput with the hash chain, end to end: records per second that producer threads append to a
 * {@link DecisionLog} and that are then durable as configured. One call appends {@value #RECORDS} records per
 * producer thread and waits for the future of its last one (futures complete in sequence order, so all of
 * them are then written); the score is records per second over all producers
 * ({@link OperationsPerInvocation}). Targets: &ge; 1,000,000 records/s with {@code PAGE_CACHE}, &ge; 300,000
 * records/s with {@code GROUP_COMMIT} (the default, 256 records or 5 ms).
 *
 * <p>Parameters: {@code durability} {@code PAGE_CACHE} or {@code GROUP_COMMIT}; {@code keyed} false (SHA-256
 * chain) or true (HMAC-SHA-256 chain with a 32-byte key); {@code payload} {@code tree} (JSON trees appended
 * with {@link DecisionLog#append}, each with a future) or {@code content} (the decision records
 * {@link AuditedModel} hands the log, submitted as {@code AuditedModel.decide} does, without a future, and the
 * last one with a future to wait for: the writer writes each with {@code DecisionRecord.writeCanonical} and
 * computes its subject's pseudonym, HMAC-SHA-256, on its own thread); {@code segmentMib} the segment size (64 MiB, the
 * default, unless given). Everything else is the default: a
 * queue of 65,536 records that blocks the producers when full. {@link #oneProducer} appends from one thread,
 * {@link #twoProducers} from two (on a 2-core machine they compete with the writer thread for the cores).
 *
 * <p>The payloads are 1,024 seeded DECISION payloads of about 220 bytes in canonical form (see
 * {@link LogBenchData#decisionPayloads}), built once and appended over and over, so the producers do no more
 * than {@code append}; a record line on disk is about 530 bytes. The writer does all the work: canonical
 * JSON, the SHA-256 payload digest, the chain hash, the line, {@code write}, and for {@code GROUP_COMMIT}
 * {@code fdatasync}. Each iteration opens a new log in a new temporary folder, and closes and deletes it
 * after; the closing force is not timed. After each iteration the benchmark prints the records and bytes
 * written and how much CPU the writer thread used per record.
 *
 * <p>The {@code part*} benchmarks time two steps of the writer alone, in nanoseconds per payload: the
 * canonical JSON and the SHA-256 payload digest.
 *
 * <p>With {@code PAGE_CACHE} nothing is forced, and the folder is deleted before the operating system writes
 * the pages back (after about 30 s by default on Linux): the figure is the writer's own speed. A real log
 * cannot go on faster than the disk writes back; {@link LogDiskSyncBenchmark} shows what this disk does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(LogWriterBenchmark.RECORDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class LogWriterBenchmark {

    /** Records appended per call and producer thread. */
    static final int RECORDS = 100_000;
    /** Distinct payloads (a power of two). */
    static final int PAYLOADS = 1024;

    /** The log, new for each iteration, and the payloads. */
    @State(Scope.Benchmark)
    public static class Log {
        /** {@code PAGE_CACHE} or {@code GROUP_COMMIT} (256 records / 5 ms). */
        @Param({"PAGE_CACHE", "GROUP_COMMIT"})
        public String durability;
        /** Whether the chain is keyed (HMAC-SHA-256) rather than plain SHA-256. */
        @Param({"false", "true"})
        public boolean keyed;
        /** {@code tree} (JSON trees) or {@code content} (AuditedModel's decision records). */
        @Param({"tree", "content"})
        public String payload;
        /**
         * Segment size in MiB: 64, the log's default, or larger, so that no finished segment is forced during an
         * iteration ({@code PAGE_CACHE} forces each finished segment in the background, which takes the disk).
         */
        @Param({"64"})
        public long segmentMib;

        ObjectNode[] payloads;
        /** For {@code content}: the decision records, else null. */
        RecordContent[] contents;
        LogOptions options;
        Path dir;
        DecisionLog log;
        long iterationStart;
        long writerCpuAtStart;
        long committerCpuAtStart;
        long encoderCpuAtStart;

        /** Builds the payloads and the options from the seed. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
            payloads = LogBenchData.decisionPayloads(random, PAYLOADS);
            contents = switch (payload) {
                case "tree" -> null;
                case "content" -> decisionRecords(random, PAYLOADS);
                default -> throw new IllegalArgumentException("payload must be tree or content, was " + payload);
            };
            Durability d = switch (durability) {
                case "PAGE_CACHE" -> Durability.pageCache();
                case "GROUP_COMMIT" -> Durability.groupCommit(256, Duration.ofMillis(5));
                default -> throw new IllegalArgumentException("durability must be PAGE_CACHE or GROUP_COMMIT, was "
                        + durability);
            };
            options = LogOptions.builder().durability(d).hmacKey(keyed ? LogBenchData.key(random) : null)
                    .segmentBytes(segmentMib << 20).build();
        }

        /** Opens a new log in a new temporary folder. */
        @Setup(Level.Iteration)
        public void open() throws IOException {
            dir = LogBenchData.tempDir("fairaudit-bench-writer-");
            log = DecisionLog.open(dir, options);
            iterationStart = System.nanoTime();
            writerCpuAtStart = LogBenchData.writerCpuNanos(dir);
            // the committer (GROUP_COMMIT) may not have started yet: it has then used no CPU
            committerCpuAtStart = Math.max(0, LogBenchData.committerCpuNanos(dir));
            // likewise the encoder (PAGE_CACHE, GROUP_COMMIT; none before this stage existed)
            encoderCpuAtStart = Math.max(0, LogBenchData.encoderCpuNanos(dir));
        }

        /** Prints what the iteration wrote, closes the log and deletes the folder. */
        @TearDown(Level.Iteration)
        public void close() throws IOException {
            double seconds = (System.nanoTime() - iterationStart) / 1e9;
            long writerCpu = LogBenchData.writerCpuNanos(dir) - writerCpuAtStart;
            long committerCpuNow = LogBenchData.committerCpuNanos(dir);
            long encoderCpuNow = LogBenchData.encoderCpuNanos(dir);
            long records = log.lastSequence();
            long bytes = LogBenchData.bytesIn(dir);
            try {
                log.close();
                System.out.printf("%n[log] %,d records, %,d bytes (%,.0f per record) in %.2f s: %,.0f records/s,"
                        + " %,.0f MB/s; writer thread on CPU %.0f%% of the time, %,.0f ns CPU per record%n",
                        records, bytes, (double) bytes / Math.max(1, records), seconds, records / seconds,
                        bytes / seconds / 1e6, writerCpu / 1e7 / seconds, (double) writerCpu / Math.max(1, records));
                if (committerCpuNow >= 0) {
                    System.out.printf("[log] committer thread: %,.0f ns CPU per record%n",
                            (double) (committerCpuNow - committerCpuAtStart) / Math.max(1, records));
                }
                if (encoderCpuNow >= 0) {
                    System.out.printf("[log] encoder thread on CPU %.0f%% of the time, %,.0f ns CPU per record%n",
                            (encoderCpuNow - encoderCpuAtStart) / 1e7 / seconds,
                            (double) (encoderCpuNow - encoderCpuAtStart) / Math.max(1, records));
                }
            } finally {
                LogBenchData.deleteTree(dir);
            }
        }
    }

    /** The model's input for the {@code content} payloads: a nine-digit citizen number, age and income. */
    record Case(String citizenId, int age, double income) {
    }

    /**
     * {@code n} DECISION records as {@link AuditedModel} makes them for a small model (decision and score, two
     * features from a map, the subject pseudonymised with HMAC-SHA-256 on the log's writer thread), caught by a
     * sink that keeps them, so that the benchmark can hand the same ones to the log again and again.
     */
    static RecordContent[] decisionRecords(SplittableRandom random, int n) {
        List<RecordContent> caught = new ArrayList<>(n);
        LogSink keep = new LogSink() {
            @Override
            public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
                throw new IllegalStateException("the audited model hands its decisions over as content");
            }

            @Override
            public CompletableFuture<Long> appendContent(RecordType type, RecordContent content) {
                caught.add(content);
                return CompletableFuture.completedFuture(0L);
            }

            @Override
            public void submitContent(RecordType type, RecordContent content) {
                caught.add(content);
            }
        };
        AuditedModel<Case, Double> model = AuditedModel.<Case, Double>builder(c -> c.income() * 1e-5)
                .modelId("bench-risk").modelVersion("1.0.0")
                .decision(score -> score >= 0.7).score(score -> score)
                .subject(Case::citizenId).pseudonymizer(new Pseudonymizer(LogBenchData.key(random)))
                .features(c -> Map.of("age", c.age(), "income", c.income()))
                .sink(keep).build();
        try {
            for (int i = 0; i < n; i++) {
                model.decide(new Case(String.format("%09d", random.nextInt(1_000_000_000)), 18 + random.nextInt(63),
                        8_000 + random.nextInt(160_000) * 0.5));
            }
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark's model failed", e);
        }
        if (caught.size() != n) {
            throw new IllegalStateException("expected " + n + " decision records, caught " + caught.size());
        }
        return caught.toArray(new RecordContent[0]);
    }

    /** Where each producer thread starts in the payloads, so that two producers append different ones. */
    @State(Scope.Thread)
    public static class Producer {
        int next;

        /** Starts at a random payload. */
        @Setup(Level.Trial)
        public void setUp() {
            next = (int) (Thread.currentThread().getId() * 389) & (PAYLOADS - 1);
        }
    }

    /** Seeded payloads and their canonical bytes, for the {@code part*} benchmarks. */
    @State(Scope.Thread)
    public static class Parts {
        ObjectNode[] payloads;
        byte[][] canonical;
        MessageDigest sha256;
        int next;

        /** Builds the payloads from the seed. */
        @Setup(Level.Trial)
        public void setUp() throws NoSuchAlgorithmException {
            payloads = LogBenchData.decisionPayloads(new SplittableRandom(LogBenchData.SEED), PAYLOADS);
            canonical = new byte[PAYLOADS][];
            for (int i = 0; i < PAYLOADS; i++) {
                canonical[i] = CanonicalJson.bytes(payloads[i]);
            }
            sha256 = MessageDigest.getInstance("SHA-256");
        }
    }

    static long appendAll(Log l, Producer p) {
        DecisionLog log = l.log;
        if (l.contents != null) {
            RecordContent[] contents = l.contents;
            int next = p.next;
            for (int i = 0; i < RECORDS - 1; i++) {
                log.submitContent(RecordType.DECISION, contents[next++ & (PAYLOADS - 1)]);
            }
            CompletableFuture<Long> last = log.appendContent(RecordType.DECISION, contents[next++ & (PAYLOADS - 1)]);
            p.next = next;
            return last.join();
        }
        ObjectNode[] payloads = l.payloads;
        int next = p.next;
        CompletableFuture<Long> last = null;
        for (int i = 0; i < RECORDS; i++) {
            last = log.append(RecordType.DECISION, payloads[next++ & (PAYLOADS - 1)]);
        }
        p.next = next;
        return last.join();
    }

    /** One producer thread appends {@value #RECORDS} records and waits until the last is durable. */
    @Benchmark
    @Threads(1)
    public long oneProducer(Log l, Producer p) {
        return appendAll(l, p);
    }

    /** Two producer threads each append {@value #RECORDS} records and wait until their last is durable. */
    @Benchmark
    @Threads(2)
    public long twoProducers(Log l, Producer p) {
        return appendAll(l, p);
    }

    /**
     * One step of the writer alone: the canonical bytes of a payload ({@link CanonicalJson#bytes}, which the
     * writer calls into a reused buffer), in nanoseconds per payload.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(1)
    @Threads(1)
    public byte[] partCanonicalJson(Parts p) {
        return CanonicalJson.bytes(p.payloads[p.next++ & (PAYLOADS - 1)]);
    }

    /** One step of the writer alone: the SHA-256 payload digest of the canonical bytes, in nanoseconds. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(1)
    @Threads(1)
    public byte[] partPayloadDigest(Parts p) {
        return p.sha256.digest(p.canonical[p.next++ & (PAYLOADS - 1)]);
    }
}
