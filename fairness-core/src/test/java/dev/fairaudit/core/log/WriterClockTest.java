package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The writer reads the system clock only for every 32nd record and after it may have waited (section 7 of
 * docs/decision-log.md). What that must not cost: a record that arrives after a pause is stamped with a time
 * read after the pause, not with the time of the records before it; and the times of a burst lie within the
 * burst and come in order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriterClockTest {

    static Stream<Durability> durabilities() {
        return Stream.of(Durability.pageCache(), Durability.groupCommit(8, Duration.ofMillis(2)),
                Durability.syncEach());
    }

    @ParameterizedTest
    @MethodSource("durabilities")
    void aRecordAfterAPauseIsStampedAfterThePause(Durability durability, @TempDir Path dir) throws Exception {
        long seq;
        long before;
        long after;
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(durability).build())) {
            CompletableFuture<Long> last = null;
            for (int i = 0; i < 5; i++) {
                last = log.append(RecordType.DECISION, LogFiles.payload(0, i));
            }
            last.join();
            // a new record: the first of a new batch (5 records would not have used up the 32 of one reading)
            Thread.sleep(30);
            before = System.currentTimeMillis();
            seq = log.append(RecordType.DECISION, LogFiles.payload(0, 5)).join();
            after = System.currentTimeMillis();
        }
        LogRecord r = LogFiles.readAll(dir).get((int) seq - 1);
        assertEquals(seq, r.seq());
        long t = r.time().toEpochMilli();
        assertTrue(before <= t && t <= after, () -> "record " + seq + " stamped " + r.time() + ", not in ["
                + before + ", " + after + "] ms");
    }

    @ParameterizedTest
    @MethodSource("durabilities")
    void theTimesOfABurstLieWithinItAndComeInOrder(Durability durability, @TempDir Path dir) throws Exception {
        int n = 5_000;
        long before = System.currentTimeMillis();
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(durability).build())) {
            for (int i = 0; i < n - 1; i++) {
                log.submit(RecordType.DECISION, LogFiles.payload(0, i));
            }
            log.append(RecordType.DECISION, LogFiles.payload(0, n - 1)).join();
        }
        long after = System.currentTimeMillis();
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(n + 1, records.size()); // and the checkpoint
        long last = Long.MIN_VALUE;
        for (LogRecord r : records) {
            long t = r.time().toEpochMilli();
            assertTrue(before <= t && t <= after, () -> "record " + r.seq() + " stamped " + r.time());
            assertTrue(t >= last, () -> "record " + r.seq() + " stamped before the one before it");
            last = t;
        }
    }
}
