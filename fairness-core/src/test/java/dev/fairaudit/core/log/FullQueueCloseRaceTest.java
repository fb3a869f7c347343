package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close()} while callers are blocked on a full queue ({@link Backpressure#BLOCK}, tiny capacities): the
 * blocked callers are refused at once (they do not wait for the stalled writer), the records accepted before the
 * close are all written, each once, in each caller's order, and the log verifies.
 */
class FullQueueCloseRaceTest {

    private static final int THREADS = 6;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void closeRefusesCallersBlockedOnAFullQueueAndWritesWhatWasAccepted(@TempDir Path root) throws Exception {
        for (int round = 0; round < 12; round++) {
            // even rounds: close while every caller waits and the writer is stalled; odd rounds: the disk opens
            // first, and close comes while callers block and unblock as the writer takes records
            // rounds 0-1, 4-5, 8-9 with the encoder stage (the default for PAGE_CACHE), the others without it
            raceOnce(root.resolve("round-" + round), new int[] {1, 3, 4}[round % 3], round % 2 == 0, round,
                    (round / 2) % 2 == 0);
        }
    }

    private static boolean allWaiting(List<Thread> threads) {
        for (Thread th : threads) {
            assertTrue(th.isAlive(), "a caller must wait for space, not return");
            if (th.getState() != Thread.State.WAITING) {
                return false;
            }
        }
        return true;
    }

    private static void raceOnce(Path dir, int capacity, boolean closeWhileStalled, int round, boolean stage)
            throws Exception {
        TestChannels.Gate disk = new TestChannels.Gate();
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).queueCapacity(capacity)
                .backpressure(Backpressure.BLOCK).build();
        DecisionLog log = DecisionLog.open(dir, options, disk, stage);
        int[] accepted = new int[THREADS];
        boolean[] refused = new boolean[THREADS];
        List<List<CompletableFuture<Long>>> futures = new ArrayList<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            List<CompletableFuture<Long>> mine = new ArrayList<>();
            futures.add(mine);
            Thread th = new Thread(() -> {
                int i = 0;
                try {
                    for (; ; i++) {
                        if ((i & 1) == 0) {
                            mine.add(log.append(RecordType.DECISION, LogFiles.payload(thread, i)));
                        } else {
                            log.submit(RecordType.DECISION, LogFiles.payload(thread, i));
                        }
                    }
                } catch (LogUnavailableException e) {
                    refused[thread] = true;
                } catch (Throwable e) {
                    unexpected.add(e);
                }
                accepted[thread] = i;
            }, "blocked-" + t);
            th.start();
            threads.add(th);
        }
        disk.entered.await(); // the writer holds a batch and is stuck writing it
        // the queue fills and every caller waits for space (a caller just signalled, before it claims, is
        // WAITING too, for the lock: so wait for the queue to be full as well)
        while (log.health().queued() < capacity || !allWaiting(threads)) {
            Thread.sleep(1);
        }
        // with the encoder stage the queue's size is not stable here: the stage may still take records into its
        // free batches (docs/decision-log.md section 8); what was accepted is checked at the end either way
        if (!stage) {
            assertEquals(capacity, log.health().queued());
        }
        Thread closer = new Thread(() -> {
            try {
                log.close();
            } catch (Throwable e) {
                unexpected.add(e);
            }
        }, "closer");
        if (closeWhileStalled) {
            closer.start();
            // refused now, while the writer is still stuck: close does not make them wait for the disk
            for (Thread th : threads) {
                th.join();
            }
            if (!stage) {
                assertEquals(capacity, log.health().queued(), "nothing was taken while the disk was stalled");
            }
            disk.open.countDown();
        } else {
            disk.open.countDown();
            Thread.sleep(round % 4);
            closer.start();
            for (Thread th : threads) {
                th.join();
            }
        }
        closer.join();
        assertTrue(unexpected.isEmpty(), () -> "unexpected: " + unexpected);
        long total = 0;
        for (int t = 0; t < THREADS; t++) {
            assertTrue(refused[t], "caller " + t + " was refused once the log closed");
            total += accepted[t];
        }
        for (List<CompletableFuture<Long>> mine : futures) {
            for (CompletableFuture<Long> f : mine) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally(), "an accepted record's commit");
            }
        }
        BitSet[] seen = new BitSet[THREADS];
        int[] last = new int[THREADS];
        for (int t = 0; t < THREADS; t++) {
            seen[t] = new BitSet();
            last[t] = -1;
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(total + 1, records.size(), "every accepted record and the checkpoint");
        for (LogRecord r : records) {
            if (r.type() == RecordType.CHECKPOINT) {
                assertEquals(total + 1, r.seq());
                continue;
            }
            int thread = r.payload().get("thread").intValue();
            int i = r.payload().get("i").intValue();
            assertTrue(i < accepted[thread], "record " + i + " of caller " + thread + " was refused yet written");
            assertTrue(i > last[thread], "caller " + thread + "'s records keep their order");
            last[thread] = i;
            seen[thread].set(i);
        }
        for (int t = 0; t < THREADS; t++) {
            assertEquals(accepted[t], seen[t].cardinality(), "caller " + t + ": every accepted record, once");
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertTrue(report.closedCleanly());
    }
}
