package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many threads append at once: every record lands exactly once, in a gap-free, valid chain. */
class ConcurrentAppendTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 100_000;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eightThreadsAppendEveryRecordExactlyOnce(@TempDir Path dir) throws Exception {
        // seqOf[t][i]: the sequence number the log acknowledged for thread t's i-th record.
        long[][] seqOf = new long[THREADS][PER_THREAD];
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(16L << 20).build();
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                        @SuppressWarnings({"unchecked", "rawtypes"})
                        CompletableFuture<Long>[] futures = new CompletableFuture[PER_THREAD];
                        for (int i = 0; i < PER_THREAD; i++) {
                            futures[i] = log.append(RecordType.DECISION, LogFiles.payload(thread, i));
                        }
                        for (int i = 0; i < PER_THREAD; i++) {
                            seqOf[thread][i] = futures[i].join();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "appender-" + t);
                th.start();
                threads.add(th);
            }
            start.countDown();
            for (Thread th : threads) {
                th.join();
            }
            assertTrue(errors.isEmpty(), () -> "appenders failed: " + errors);
            assertEquals((long) THREADS * PER_THREAD, log.lastSequence());
        }

        // Every acknowledged sequence number is distinct and 1..N: no gaps, no duplicates.
        long n = (long) THREADS * PER_THREAD;
        java.util.BitSet seen = new java.util.BitSet();
        for (long[] row : seqOf) {
            long previous = 0;
            for (long seq : row) {
                assertTrue(seq >= 1 && seq <= n, "seq " + seq);
                assertTrue(!seen.get((int) seq), "seq " + seq + " acknowledged twice");
                assertTrue(seq > previous, "one thread's records keep their order");
                previous = seq;
                seen.set((int) seq);
            }
        }
        assertEquals(n, seen.cardinality());

        // On disk: record seq holds exactly the payload whose future returned seq, once.
        long expectedSeq = 1;
        try (Stream<LogRecord> records = LogReader.read(dir)) {
            Iterator<LogRecord> it = records.iterator();
            while (it.hasNext()) {
                LogRecord r = it.next();
                assertEquals(expectedSeq, r.seq());
                if (r.type() == RecordType.CHECKPOINT) {
                    assertEquals(n + 1, r.seq());
                } else {
                    int thread = r.payload().get("thread").intValue();
                    int i = r.payload().get("i").intValue();
                    assertEquals(r.seq(), seqOf[thread][i], "record for thread " + thread + " #" + i);
                }
                expectedSeq++;
            }
        }
        assertEquals(n + 2, expectedSeq, "all records and the checkpoint are on disk");

        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertEquals(n + 1, report.records());
        assertTrue(report.closedCleanly());
    }
}
