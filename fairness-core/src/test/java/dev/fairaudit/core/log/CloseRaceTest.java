package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code close()} racing with appends from many threads: a record is either accepted (its call returns, and it is
 * then in the log, its future completed with its sequence number) or refused ({@link LogUnavailableException}),
 * never in between: nothing accepted is missing from the log, nothing refused is in it, and the log verifies.
 */
class CloseRaceTest {

    private static final int THREADS = 6;
    private static final int MAX_PER_THREAD = 1_000_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyRecordIsEitherAcceptedAndWrittenOrRefused(@TempDir Path root) throws Exception {
        for (int round = 0; round < 8; round++) {
            raceOnce(root.resolve("round-" + round), round);
        }
    }

    private static void raceOnce(Path dir, int round) throws Exception {
        // accepted[t]: how many of thread t's records the log accepted (its records are numbered 0, 1, ...)
        int[] accepted = new int[THREADS];
        List<List<CompletableFuture<Long>>> futures = new ArrayList<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(THREADS);
        // a small queue in half the rounds, so that some appends wait for space when close comes
        LogOptions options = LogOptions.builder().durability(Durability.pageCache())
                .queueCapacity(round % 2 == 0 ? 64 : 65_536).build();
        DecisionLog log = DecisionLog.open(dir, options);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            List<CompletableFuture<Long>> mine = new ArrayList<>();
            futures.add(mine);
            Thread th = new Thread(() -> {
                started.countDown();
                int i = 0;
                try {
                    for (; i < MAX_PER_THREAD; i++) {
                        if ((i & 1) == 0) {
                            mine.add(log.append(RecordType.DECISION, LogFiles.payload(thread, i)));
                        } else {
                            log.submit(RecordType.DECISION, LogFiles.payload(thread, i));
                        }
                    }
                } catch (LogUnavailableException e) {
                    refused.incrementAndGet();
                } catch (Throwable e) {
                    unexpected.add(e);
                }
                accepted[thread] = i;
            }, "racer-" + t);
            th.start();
            threads.add(th);
        }
        started.await();
        Thread.sleep(5 + 7 * round);
        log.close();
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(unexpected.isEmpty(), () -> "appenders failed otherwise: " + unexpected);
        assertEquals(THREADS, refused.get(), "every appender was refused once the log closed");

        // every future of an accepted record completed normally, at close at the latest
        for (List<CompletableFuture<Long>> mine : futures) {
            for (CompletableFuture<Long> f : mine) {
                assertTrue(f.isDone() && !f.isCompletedExceptionally(), "an accepted record's commit");
            }
        }
        // on disk: exactly the accepted records, each once, in each thread's order, then the checkpoint
        long total = 0;
        for (int a : accepted) {
            total += a;
        }
        BitSet[] seen = new BitSet[THREADS];
        int[] last = new int[THREADS];
        for (int t = 0; t < THREADS; t++) {
            seen[t] = new BitSet();
            last[t] = -1;
        }
        long records = 0;
        try (Stream<LogRecord> stream = LogReader.read(dir)) {
            Iterator<LogRecord> it = stream.iterator();
            while (it.hasNext()) {
                LogRecord r = it.next();
                if (r.type() == RecordType.CHECKPOINT) {
                    assertEquals(total + 1, r.seq(), "the checkpoint follows every accepted record");
                    continue;
                }
                records++;
                int thread = r.payload().get("thread").intValue();
                int i = r.payload().get("i").intValue();
                assertTrue(i < accepted[thread], "record " + i + " of thread " + thread + " was refused yet written");
                assertTrue(i > last[thread], "thread " + thread + "'s records keep their order");
                last[thread] = i;
                seen[thread].set(i);
            }
        }
        assertEquals(total, records, "records on disk against records accepted");
        for (int t = 0; t < THREADS; t++) {
            assertEquals(accepted[t], seen[t].cardinality(), "thread " + t + ": every accepted record, once");
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertTrue(report.closedCleanly());
    }
}
