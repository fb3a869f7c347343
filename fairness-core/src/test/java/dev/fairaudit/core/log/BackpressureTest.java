package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A writer stalled on a slow disk: FAIL_FAST refuses at once, BLOCK waits and loses nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackpressureTest {

    private static final int CAPACITY = 4;
    /** The encoder stage's batches ({@code EncoderStage}). */
    private static final int BATCHES = EncoderStage.BATCHES;

    /**
     * Records past the queue wait in the encoder stage's batches (at most {@link #BATCHES} of at most
     * {@code min(queueCapacity, 4096)} records, docs/decision-log.md section 8), so with a stalled disk a
     * fail-fast log accepts between {@code 1 + CAPACITY} (the stage has not drained yet) and {@code 1 + CAPACITY
     * + BATCHES * CAPACITY} records (every batch full), then refuses; which one depends on how far the encoder
     * got, so the test appends until the first refusal and checks the bounds.
     */
    @Test
    void failFastRefusesWhenTheQueueIsFull(@TempDir Path dir) throws Exception {
        TestChannels.Gate disk = new TestChannels.Gate();
        LogOptions o = LogOptions.builder().durability(Durability.pageCache()).queueCapacity(CAPACITY)
                .backpressure(Backpressure.FAIL_FAST).build();
        List<CompletableFuture<Long>> accepted = new ArrayList<>();
        int most = 1 + CAPACITY + BATCHES * CAPACITY;
        try (DecisionLog log = DecisionLog.open(dir, o, disk)) {
            try {
                accepted.add(log.append(RecordType.DECISION, LogFiles.payload(0, 0)));
                disk.entered.await(); // the writer has taken record 1 and is stuck writing it
                LogFullException refused = null;
                for (int i = 1; refused == null && i <= most; i++) {
                    try {
                        accepted.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
                    } catch (LogFullException e) {
                        refused = e;
                    }
                }
                assertNotNull(refused, "refused within " + most + " records while the disk is stalled");
                // (not the queue's size now: the encoder may have drained it since the refusal)
                assertTrue(accepted.size() >= 1 + CAPACITY && accepted.size() <= most, "accepted " + accepted.size());
                assertTrue(refused.getMessage().contains(dir.toAbsolutePath().toString()), refused.getMessage());
                assertTrue(refused.getMessage().contains(CAPACITY + " records"), refused.getMessage());
            } finally {
                disk.open.countDown(); // also when an assertion failed: close() waits for the writer
            }
            for (int i = 0; i < accepted.size(); i++) {
                assertEquals(i + 1, accepted.get(i).join());
            }
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(accepted.size() + 1, records.size(), "the accepted records and the checkpoint, not the refused one");
        for (int i = 0; i < accepted.size(); i++) {
            assertEquals(i, records.get(i).payload().path("i").asInt());
        }
    }

    @Test
    void blockWaitsForSpaceAndLosesNothing(@TempDir Path dir) throws Exception {
        TestChannels.Gate disk = new TestChannels.Gate();
        LogOptions o = LogOptions.builder().durability(Durability.pageCache()).queueCapacity(CAPACITY)
                .backpressure(Backpressure.BLOCK).build();
        int n = 2000;
        List<CompletableFuture<Long>> futures = java.util.Collections.synchronizedList(new ArrayList<>());
        try (DecisionLog log = DecisionLog.open(dir, o, disk)) {
            Thread producer = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
                }
            }, "producer");
            producer.start();
            disk.entered.await();
            // The writer is stuck; the producer fills the queue and then waits instead of failing.
            while (!(log.health().queued() == CAPACITY && producer.getState() == Thread.State.WAITING)) {
                assertTrue(producer.isAlive(), "the producer must block, not finish or fail");
                Thread.sleep(1);
            }
            disk.open.countDown();
            producer.join();
            for (int i = 0; i < n; i++) {
                assertEquals(i + 1, futures.get(i).join());
            }
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(n + 1, records.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, records.get(i).payload().get("i").intValue());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }
}
