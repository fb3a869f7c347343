package dev.fairaudit.bench;

import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.VerificationReport;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.DecisionEvents;
import dev.fairaudit.core.model.Outcome;
import dev.fairaudit.core.model.Pseudonymizer;
import dev.fairaudit.core.model.RecordedDecision;
import dev.fairaudit.core.table.DecisionLogInput;
import dev.fairaudit.core.table.DecisionTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a decision log back: verifying it ({@link LogVerifier#verify}), streaming its records
 * ({@link LogReader#read}) and reading it into a {@link DecisionTable} for an audit
 * ({@link DecisionLogInput#read}), in records per second over the whole log ({@link OperationsPerInvocation}).
 * Multiply by the bytes per record printed at setup for MB/s.
 *
 * <p>The log is written once per trial in a temporary folder: {@value #DECISIONS} DECISION records made by an
 * {@link AuditedModel} (pseudonymised subject, two features {@code age} and {@code income}, decision, score;
 * one in ten on the manual route), an OUTCOME record for every fourth decision, in segments of
 * {@value #SEGMENT_BYTES} bytes (so several segments), closed cleanly (a checkpoint and {@code HEAD}); and the
 * protected attribute {@code sex} of each case in a separate log. Seeded
 * ({@link LogBenchData#SEED}). {@code keyed} false: SHA-256 chain; true: HMAC-SHA-256 with a 32-byte key.
 * The files are read from the page cache after the first call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(LogReadBenchmark.RECORDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LogReadBenchmark {

    /** DECISION records in the log. */
    static final int DECISIONS = 200_000;
    /** Records in the log: the decisions, an outcome for every fourth, and the closing checkpoint. */
    static final int RECORDS = DECISIONS + DECISIONS / 4 + 1;
    /** Segment size: about 32 MB, so the log spans several segments. */
    static final long SEGMENT_BYTES = 32L << 20;

    /** Whether the chain is keyed (HMAC-SHA-256) or plain SHA-256. */
    @Param({"false", "true"})
    public boolean keyed;

    private Path dir;
    private Path attributesDir;
    private byte[] key;

    /** The model's input. */
    public record Case(String citizenId, int age, double income, String sex) {
    }

    /** The model's output. */
    public record Verdict(boolean selected, double risk) {
    }

    /** Writes the log. */
    @Setup(Level.Trial)
    public void writeLog() throws Exception {
        SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
        key = keyed ? LogBenchData.key(random) : null;
        dir = LogBenchData.tempDir("fairaudit-bench-read-");
        attributesDir = LogBenchData.tempDir("fairaudit-bench-read-attributes-");
        write(dir, attributesDir, key, random);
        VerificationReport report = LogVerifier.verify(dir, key);
        if (!report.ok() || report.records() != RECORDS) {
            throw new IllegalStateException("the benchmark log does not verify as expected: " + report.summary());
        }
        long bytes = LogBenchData.bytesIn(dir);
        System.out.printf("%nlog: %,d records, %d segments, %,d bytes (%.1f bytes/record) in %s%n", report.records(),
                report.segments(), bytes, (double) bytes / RECORDS, dir);
    }

    /**
     * Writes the benchmark's decision log into {@code dir} and its protected-attribute log into
     * {@code attributesDir} (both empty folders), keyed with {@code key} when it is not null.
     */
    static void write(Path dir, Path attributesDir, byte[] key, SplittableRandom random) throws Exception {
        write(dir, attributesDir, key, random, DECISIONS);
    }

    /** As {@link #write(Path, Path, byte[], SplittableRandom)}, with {@code decisions} DECISION records. */
    static void write(Path dir, Path attributesDir, byte[] key, SplittableRandom random, int decisions)
            throws Exception {
        LogOptions.Builder options = LogOptions.builder().durability(Durability.pageCache())
                .segmentBytes(SEGMENT_BYTES);
        if (key != null) {
            options.hmacKey(key);
        }
        try (DecisionLog log = DecisionLog.open(dir, options.build());
             DecisionLog attributesLog = DecisionLog.open(attributesDir, options.build())) {
            Pseudonymizer pseudonymizer = new Pseudonymizer(LogBenchData.key(random));
            AuditedModel<Case, Verdict> model = AuditedModel.<Case, Verdict>builder(
                            c -> new Verdict(c.age() < 30 && c.income() < 25_000, c.income() * 1e-5))
                    .modelId("bench-risk").modelVersion("1.0.0")
                    .decision(Verdict::selected).score(Verdict::risk)
                    .subject(Case::citizenId).pseudonymizer(pseudonymizer)
                    .features(c -> Map.of("age", c.age(), "income", c.income()))
                    .protectedAttributeNames("sex")
                    .recordProtectedAttributes(c -> Map.of("sex", c.sex()), attributesLog)
                    .route(c -> c.citizenId().endsWith("7")
                            ? dev.fairaudit.core.model.SelectionRoute.MANUAL
                            : dev.fairaudit.core.model.SelectionRoute.PROFILE)
                    .sink(log)
                    .build();
            DecisionEvents events = new DecisionEvents(log, pseudonymizer);
            for (int i = 0; i < decisions; i++) {
                Case c = new Case(String.format("%09d", random.nextInt(1_000_000_000)), 18 + random.nextInt(63),
                        8_000 + random.nextInt(160_000) * 0.5, random.nextBoolean() ? "F" : "M");
                RecordedDecision<Verdict> d = model.decideRecorded(c);
                if (i % 4 == 0) {
                    events.outcome(d.decisionId(), random.nextInt(3) == 0 ? Outcome.FOUND : Outcome.NOT_FOUND,
                            Map.of());
                }
            }
        }
    }

    /** Deletes the log. */
    @TearDown(Level.Trial)
    public void deleteLog() {
        LogBenchData.deleteTree(dir);
        LogBenchData.deleteTree(attributesDir);
    }

    /** Verifies the whole log: every line, link, hash, payload digest and {@code HEAD}. */
    @Benchmark
    public VerificationReport verify() throws IOException {
        VerificationReport report = LogVerifier.verify(dir, key);
        if (!report.ok()) {
            throw new IllegalStateException(report.summary());
        }
        return report;
    }

    /** Streams every record (with its payload as a tree), as an audit's reader does. */
    @Benchmark
    public long readRecords() throws IOException {
        long sum = 0;
        try (Stream<LogRecord> records = LogReader.read(dir)) {
            for (LogRecord r : (Iterable<LogRecord>) records::iterator) {
                sum += r.seq() + (r.payload() == null ? 0 : r.payload().size());
            }
        }
        return sum;
    }

    /**
     * Reads the log into the audit's table: decisions with their outcomes, route, time, score and feature
     * {@code age}, joined with protected attribute {@code sex} from the attribute log (its
     * {@value #DECISIONS} + 1 records are read too, but not counted in the score).
     */
    @Benchmark
    public DecisionTable readIntoTable() throws IOException {
        try (Stream<LogRecord> records = LogReader.read(dir);
             Stream<LogRecord> attributes = LogReader.read(attributesDir)) {
            DecisionTable table = DecisionLogInput.read(dir.getFileName().toString(), "bench", records.iterator(),
                    attributes.iterator(), List.of("sex"), List.of("age"), false, null, null);
            if (table.rowCount() != DECISIONS) {
                throw new IllegalStateException("expected " + DECISIONS + " rows, got " + table.rowCount());
            }
            return table;
        }
    }
}
