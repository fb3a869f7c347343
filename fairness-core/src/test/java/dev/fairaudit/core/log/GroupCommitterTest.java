package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * GROUP_COMMIT forces on the committer thread: the writer goes on writing during a force, acknowledgements come in
 * sequence order and only after a force that covers them, and a failed force fails the log.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupCommitterTest {

    private static LogOptions group(int records) {
        return LogOptions.builder().durability(Durability.groupCommit(records, Duration.ofHours(1))).build();
    }

    @Test
    void writerGoesOnWritingWhileTheCommitterForces(@TempDir Path dir) throws Exception {
        CountDownLatch forceEntered = new CountDownLatch(1);
        CountDownLatch releaseForce = new CountDownLatch(1);
        AtomicLong written = new AtomicLong();
        AtomicInteger forces = new AtomicInteger();
        SegmentChannelFactory firstForceStalls = path -> new TestChannels.Delegating(path) {
            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = d.write(src);
                written.addAndGet(n);
                return n;
            }

            @Override
            public void force(boolean metaData) throws IOException {
                if (forces.getAndIncrement() == 0) {
                    forceEntered.countDown();
                    try {
                        releaseForce.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted");
                    }
                }
                d.force(metaData);
            }
        };
        DecisionLog log = DecisionLog.open(dir, group(8), firstForceStalls);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
        }
        assertTrue(forceEntered.await(10, TimeUnit.SECONDS), "the full group was handed to the committer");
        long writtenAtForce = written.get();
        for (int i = 8; i < 108; i++) {
            futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
        }
        // the first force still hangs; the writer writes the next 100 records all the same
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (LogFiles.lines(dir.resolve(Segments.name(1))).size() < 108) {
            assertTrue(System.nanoTime() < deadline, "the writer stopped while the committer forced");
            Thread.sleep(1);
        }
        assertTrue(written.get() > writtenAtForce);
        assertFalse(futures.stream().anyMatch(CompletableFuture::isDone), "acknowledged before its force ended");
        assertEquals(0, log.lastSequence());
        releaseForce.countDown();
        // close() commits the last records: a group that never fills (fewer than 8 after the last request, which
        // depends on how the records arrived in batches) would otherwise wait for the group's hour
        log.close();
        for (int i = 0; i < futures.size(); i++) {
            assertEquals(i + 1, futures.get(i).join());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    /** Per segment: bytes written, and how far the forces that have ended reach (what was written at their start). */
    private static final class ForceTracking implements SegmentChannelFactory {
        final List<String> opened = Collections.synchronizedList(new ArrayList<>());
        final java.util.Map<String, AtomicLong> written = new java.util.concurrent.ConcurrentHashMap<>();
        final java.util.Map<String, AtomicLong> forcedUpTo = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public FileChannel open(Path segment) throws IOException {
            String name = segment.getFileName().toString();
            opened.add(name);
            AtomicLong w = written.computeIfAbsent(name, k -> new AtomicLong());
            AtomicLong f = forcedUpTo.computeIfAbsent(name, k -> new AtomicLong());
            return new TestChannels.Delegating(segment) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    int n = d.write(src);
                    w.addAndGet(n);
                    return n;
                }

                @Override
                public void force(boolean metaData) throws IOException {
                    long before = w.get();
                    d.force(metaData);
                    f.accumulateAndGet(before, Math::max);
                }
            };
        }
    }

    @Test
    void acknowledgementsComeInOrderAndOnlyAfterTheForceThatCoversThem(@TempDir Path dir) throws Exception {
        ForceTracking disk = new ForceTracking();
        LogOptions o = LogOptions.builder().durability(Durability.groupCommit(32, Duration.ofMillis(1)))
                .segmentBytes(400_000).build();
        int n = 20_000;
        long[] ackedSeq = new long[n];
        String[] ackedSegment = new String[n];
        long[] forcedAtAck = new long[n];
        String[] ackThread = new String[n];
        AtomicInteger acks = new AtomicInteger();
        List<CompletableFuture<?>> done = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(dir, o, disk)) {
            for (int i = 0; i < n; i++) {
                done.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)).thenAccept(seq -> {
                    // callbacks of one thread's completions: no lock needed beyond the counter
                    int k = acks.getAndIncrement();
                    String seg = disk.opened.get(disk.opened.size() - 1);
                    ackedSeq[k] = seq;
                    ackedSegment[k] = seg;
                    forcedAtAck[k] = disk.forcedUpTo.get(seg).get();
                    ackThread[k] = Thread.currentThread().getName();
                }));
            }
            CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).join();
        }
        assertEquals(n, acks.get());
        // where each record's line ends: segment and offset, from the files
        List<String> segments = new ArrayList<>(disk.opened);
        assertTrue(segments.size() > 3, "the test needs rotations: " + segments);
        String[] segOf = new String[n + 2];
        long[] endOf = new long[n + 2];
        long seq = 1;
        for (String s : segments) {
            byte[] bytes = Files.readAllBytes(dir.resolve(s));
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    segOf[(int) seq] = s;
                    endOf[(int) seq] = i + 1;
                    seq++;
                }
            }
            // every finished segment (and the last, at close) was forced over its whole length
            assertEquals(bytes.length, disk.forcedUpTo.get(s).get(), s + " was not forced to its end");
        }
        assertEquals(n + 2, seq, "the records and the checkpoint");
        int onCommitter = 0;
        for (int k = 0; k < n; k++) {
            assertEquals(k + 1, ackedSeq[k], "acknowledgements in sequence order");
            long s = ackedSeq[k];
            String seg = segOf[(int) s];
            // a rotation waits for the committer: a record is acknowledged before the next segment is opened
            assertEquals(seg, ackedSegment[k], "record " + s + " acknowledged after its segment was finished");
            assertTrue(endOf[(int) s] <= forcedAtAck[k], "record " + s + " ends at " + endOf[(int) s] + " of "
                    + seg + " but was acknowledged when forces covered " + forcedAtAck[k]);
            if (ackThread[k].startsWith("fairaudit-log-commit")) {
                onCommitter++;
            }
        }
        assertTrue(onCommitter > 0, "the committer acknowledged groups");
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void rotationsWhileTheCommitterForcesLoseNothing(@TempDir Path dir) throws Exception {
        // a force per batch and a rotation every few dozen records, from two threads: the writer's own
        // acknowledgement at a rotation must never leave the committer a stale request on the closed segment
        LogOptions o = LogOptions.builder().durability(Durability.groupCommit(1, Duration.ofMillis(1)))
                .segmentBytes(16_000).build();
        int perThread = 6_000;
        List<CompletableFuture<Long>> futures = Collections.synchronizedList(new ArrayList<>());
        try (DecisionLog log = DecisionLog.open(dir, o)) {
            Thread[] threads = new Thread[2];
            for (int t = 0; t < threads.length; t++) {
                int id = t;
                threads[t] = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        futures.add(log.append(RecordType.DECISION, LogFiles.payload(id, i)));
                    }
                });
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (CompletableFuture<Long> f : futures) {
                f.join();
            }
            assertEquals(LogHealth.State.OPEN, log.health().state(), () -> String.valueOf(log.health()));
            assertEquals(2L * perThread, log.lastSequence());
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
        assertTrue(report.closedCleanly());
        assertEquals(2L * perThread + 1, report.lastSequence());
    }

    @Test
    void failedForceFailsTheLogAndNoLaterRecordIsAcknowledged(@TempDir Path dir) throws Exception {
        AtomicInteger forces = new AtomicInteger();
        SegmentChannelFactory thirdForceFails = path -> new TestChannels.Delegating(path) {
            @Override
            public void force(boolean metaData) throws IOException {
                if (forces.incrementAndGet() >= 3) {
                    throw new IOException("Input/output error");
                }
                d.force(metaData);
            }
        };
        DecisionLog log = DecisionLog.open(dir, group(16), thirdForceFails);
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        int refused = 0;
        // ten groups of 16, each awaited before the next, so that each is forced by itself
        for (int i = 0; i < 160; i++) {
            try {
                futures.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
            } catch (LogUnavailableException e) {
                refused++;
                assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
            }
            if (i % 16 == 15 && !futures.isEmpty()) {
                futures.get(futures.size() - 1).exceptionally(t -> -1L).join();
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
                assertInstanceOf(IOException.class, e.getCause());
                assertEquals("Input/output error", e.getCause().getMessage());
            }
        }
        assertTrue(failedSeen, "the third force failed");
        assertEquals(32, ok, "the groups of the two forces that succeeded");
        assertTrue(refused >= 16 * 6, "groups after the failure are refused: " + refused);
        assertEquals(160, futures.size() + refused);
        assertEquals(LogHealth.State.FAILED, log.health().state());
        assertEquals(ok, log.lastSequence());
        LogUnavailableException later = assertThrows(LogUnavailableException.class,
                () -> log.append(RecordType.DECISION, LogFiles.payload(0, 160)));
        assertTrue(later.getMessage().contains(dir.toAbsolutePath().toString()), later.getMessage());
        IOException closing = assertThrows(IOException.class, log::close);
        assertTrue(closing.getMessage().contains("Input/output error"), closing.getMessage());

        // reopened: exactly the acknowledged records; the written but unforced ones were cut off at the failure
        try (DecisionLog reopened = DecisionLog.open(dir, LogOptions.defaults())) {
            RecoveryReport r = reopened.recovery();
            assertFalse(r.closedCleanly());
            assertEquals(ok, r.recordsFound());
            assertEquals(0, r.bytesCut());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void closeFromACallbackOnTheCommitterThreadIsRefused(@TempDir Path dir) throws Exception {
        CountDownLatch releaseForce = new CountDownLatch(1);
        SegmentChannelFactory stalls = path -> new TestChannels.Delegating(path) {
            @Override
            public void force(boolean metaData) throws IOException {
                try {
                    releaseForce.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                d.force(metaData);
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<String> thread = new AtomicReference<>();
        try (DecisionLog log = DecisionLog.open(dir, group(1), stalls)) {
            CompletableFuture<Void> callback = log.append(RecordType.DECISION, LogFiles.payload(0, 0))
                    .thenAccept(seq -> {
                        thread.set(Thread.currentThread().getName());
                        try {
                            log.close();
                        } catch (Throwable t) {
                            thrown.set(t);
                        }
                    });
            releaseForce.countDown();
            callback.join();
            assertTrue(thread.get().startsWith("fairaudit-log-commit"), thread.get());
            assertInstanceOf(IllegalStateException.class, thrown.get());
            assertEquals(LogHealth.State.OPEN, log.health().state());
        }
    }
}
