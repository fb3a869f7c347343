package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void failFastRefusesWhenTheQueueIsFull(@TempDir Path dir) throws Exception {
        TestChannels.Gate disk = new TestChannels.Gate();
        LogOptions o = LogOptions.builder().durability(Durability.pageCache()).queueCapacity(CAPACITY)
                .backpressure(Backpressure.FAIL_FAST).build();
        List<CompletableFuture<Long>> accepted = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(dir, o, disk)) {
            accepted.add(log.append(RecordType.DECISION, LogFiles.payload(0, 0)));
            disk.entered.await(); // the writer has taken record 1 and is stuck writing it
            for (int i = 1; i <= CAPACITY; i++) {
                accepted.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
            }
            assertEquals(CAPACITY, log.health().queued());
            LogFullException e = assertThrows(LogFullException.class,
                    () -> log.append(RecordType.DECISION, LogFiles.payload(0, 99)));
            assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains(CAPACITY + " records"), e.getMessage());
            disk.open.countDown();
            for (int i = 0; i < accepted.size(); i++) {
                assertEquals(i + 1, accepted.get(i).join());
            }
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(CAPACITY + 2, records.size(), "the accepted records and the checkpoint, not the refused one");
        assertTrue(records.stream().noneMatch(r -> r.payload().path("i").asInt() == 99));
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
