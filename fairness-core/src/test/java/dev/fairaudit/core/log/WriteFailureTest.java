package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up: a clear error, failed futures, refused appends, and nothing claimed that was not written. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WriteFailureTest {

    @Test
    void fullDiskFailsEveryUnwrittenRecordAndTheLogStaysHonest(@TempDir Path dir) throws Exception {
        TestChannels.FullDisk disk = new TestChannels.FullDisk(20_000);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.syncEach()).build(), disk);
        // A first group is written and acknowledged before the disk fills.
        for (int i = 0; i < 10; i++) {
            futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
        }
        for (CompletableFuture<Long> f : futures) {
            f.join();
        }
        // Then enough to fill the disk (each record is about 300 bytes); appends that race with the failure
        // either are accepted (and then fail) or are refused with LogUnavailableException.
        int refused = 0;
        for (int i = 10; i < 1000; i++) {
            try {
                futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
            } catch (LogUnavailableException e) {
                refused++;
            }
        }
        int ok = 0;
        boolean failedSeen = false;
        for (CompletableFuture<Long> f : futures) {
            try {
                long seq = f.join();
                assertFalse(failedSeen, "a record after a failed one was acknowledged");
                ok++;
                assertEquals(ok, seq);
            } catch (CompletionException e) {
                failedSeen = true;
                assertTrue(e.getCause() instanceof IOException, e.toString());
                assertEquals("No space left on device", e.getCause().getMessage());
            }
        }
        assertTrue(failedSeen, "the disk filled up");
        assertTrue(ok >= 10 && ok < 1000, "acknowledged: " + ok);
        assertEquals(1000, futures.size() + refused);

        LogHealth health = log.health();
        assertEquals(LogHealth.State.FAILED, health.state());
        assertEquals("No space left on device", health.failure().getMessage());
        assertEquals(ok, log.lastSequence());
        LogUnavailableException later = assertThrows(LogUnavailableException.class,
                () -> log.append(RecordType.DECISION, LogFiles.payload(0, 1000)));
        assertTrue(later.getMessage().contains(dir.toAbsolutePath().toString()), later.getMessage());
        assertTrue(later.getMessage().contains("No space left on device"), later.getMessage());
        assertSame(health.failure(), later.getCause());
        IOException closing = assertThrows(IOException.class, log::close);
        assertTrue(closing.getMessage().contains("not closed cleanly"), closing.getMessage());

        // Reopened on a healthy disk: exactly the acknowledged records are there, no more, no fewer.
        try (DecisionLog reopened = DecisionLog.open(dir, LogOptions.defaults())) {
            RecoveryReport r = reopened.recovery();
            assertFalse(r.closedCleanly());
            assertEquals(ok, r.recordsFound());
            assertEquals(0, r.bytesCut(), "the unacknowledged partial write was removed at the failure");
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(ok + 1, records.size());
        for (int i = 0; i < ok; i++) {
            assertEquals(i, records.get(i).payload().get("i").intValue());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void failedForceFailsTheGroupWaitingForItAndRemovesItsBytes(@TempDir Path dir) throws Exception {
        SegmentChannelFactory fsyncFails = path -> new TestChannels.Delegating(path) {
            @Override
            public void force(boolean metaData) throws IOException {
                throw new IOException("Input/output error");
            }
        };
        LogOptions group = LogOptions.builder().durability(Durability.groupCommit(4, Duration.ofHours(1))).build();
        DecisionLog log = DecisionLog.open(dir, group, fsyncFails);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
        }
        for (CompletableFuture<Long> f : futures) {
            CompletionException e = assertThrows(CompletionException.class, f::join);
            assertEquals("Input/output error", e.getCause().getMessage());
        }
        assertEquals(0, log.lastSequence());
        assertThrows(IOException.class, log::close);
        assertTrue(LogFiles.readAll(dir).isEmpty(), "records written but never forced were removed");
        try (DecisionLog reopened = DecisionLog.open(dir, LogOptions.defaults())) {
            assertEquals(0, reopened.recovery().recordsFound());
        }
    }
}
