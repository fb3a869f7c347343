package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder stage (PAGE_CACHE and GROUP_COMMIT): a thread that drains the queue and encodes payloads into
 * batches for the writer. These tests pin what docs/decision-log.md section 7 promises across the two stages.
 */
class EncoderStageTest {

    /** Blocks the encoder thread inside its encoding until released: records offered meanwhile form one batch. */
    static final class BlockingContent implements RecordContent {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Thread encodedOn;

        @Override
        public void writeCanonical(CanonicalWriter out) {
            encodedOn = Thread.currentThread();
            entered.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            out.beginObject();
            out.key("blocker").bool(true);
            out.endObject();
        }

        @Override
        public ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("blocker", true);
        }
    }

    /** Writes half an object into the batch and then throws: the batch must lose those bytes again. */
    record HalfWrittenContent(int i) implements RecordContent {
        @Override
        public void writeCanonical(CanonicalWriter out) {
            out.beginObject();
            out.key("a").string("half of record " + i);
            throw new IllegalStateException("content " + i + " broke half-way");
        }

        @Override
        public ObjectNode toJson() {
            throw new IllegalStateException("not used");
        }
    }

    private static ObjectNode good(int i) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("i", i);
        p.put("text", "record " + i);
        return p;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sameBytesWithAndWithoutTheEncoderStage(@TempDir Path tmp) throws Exception {
        // the golden records, offered without waiting so that the stage sees batches of many, with rotation; with
        // the encoder stage the payload digests come from the encoder, the writer, or either (the default)
        List<EncoderStage.Digests> placements = new ArrayList<>();
        placements.add(null);
        placements.addAll(List.of(EncoderStage.Digests.values()));
        for (Durability d : List.of(Durability.groupCommit(64, java.time.Duration.ofMillis(2)),
                Durability.pageCache())) {
            Path without = tmp.resolve(d.mode() + "-single");
            for (EncoderStage.Digests digests : placements) {
                LogOptions options = LogOptions.builder().durability(d).clock(GoldenLogRecords.clock())
                        .segmentBytes(16 * 1024).build();
                List<CompletableFuture<Long>> futures = new ArrayList<>();
                Path dir = digests == null ? without : tmp.resolve(d.mode() + "-" + digests);
                try (DecisionLog log = DecisionLog.open(dir, options, SegmentChannelFactory.DEFAULT, digests)) {
                    for (int i = 0; i < 3_000; i++) {
                        RecordType type = RecordType.values()[i % 5];
                        if (i % 5 == 4) {
                            futures.add(log.appendContent(type, new GoldenLogRecords.Content(i)));
                        } else if (i % 7 == 3) {
                            log.submit(type, GoldenLogRecords.tree(i));
                        } else {
                            futures.add(log.append(type, GoldenLogRecords.tree(i)));
                        }
                    }
                }
                for (CompletableFuture<Long> f : futures) {
                    assertTrue(f.isDone() && !f.isCompletedExceptionally());
                }
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(without)) {
                files = s.filter(p -> !p.getFileName().toString().equals("LOCK")).sorted().toList();
            }
            assertTrue(files.size() > 5, "the log should have rotated several times: " + files);
            for (EncoderStage.Digests digests : EncoderStage.Digests.values()) {
                Path with = tmp.resolve(d.mode() + "-" + digests);
                for (Path f : files) {
                    Path other = with.resolve(f.getFileName());
                    assertTrue(Files.exists(other), "missing with the encoder stage, " + digests + ": "
                            + f.getFileName());
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(other), d.mode() + ", " + digests
                            + ": " + f.getFileName());
                }
                try (Stream<Path> s = Files.list(with)) {
                    assertEquals(files.size(), s.filter(p -> !p.getFileName().toString().equals("LOCK")).count());
                }
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void queueOrderIsSequenceOrderUnderManyProducers(@TempDir Path dir) throws Exception {
        int threads = 8;
        int perThread = 10_000;
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).queueCapacity(1024).build();
        @SuppressWarnings("unchecked")
        List<CompletableFuture<Long>>[] futures = new List[threads];
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            List<Thread> producers = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures[t] = new ArrayList<>(perThread);
                Thread p = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        // every other record unwatched: it takes a sequence number all the same
                        if (i % 2 == 0) {
                            futures[thread].add(log.append(RecordType.DECISION, LogFiles.payload(thread, i)));
                        } else {
                            log.submit(RecordType.DECISION, LogFiles.payload(thread, i));
                            futures[thread].add(null);
                        }
                    }
                });
                p.start();
                producers.add(p);
            }
            start.countDown();
            for (Thread p : producers) {
                p.join();
            }
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(threads * perThread + 1, records.size(), "every record and the checkpoint");
        long[] lastI = new long[threads];
        java.util.Arrays.fill(lastI, -1);
        long[][] seqOf = new long[threads][perThread];
        for (int k = 0; k < records.size() - 1; k++) {
            LogRecord r = records.get(k);
            assertEquals(k + 1, r.seq(), "gap-free");
            int t = r.payload().get("thread").asInt();
            int i = r.payload().get("i").asInt();
            // a thread's records, offered one after the other, are written in that order
            assertEquals(lastI[t] + 1, i, "thread " + t + " record after " + lastI[t]);
            lastI[t] = i;
            seqOf[t][i] = r.seq();
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread - 1, lastI[t]);
            for (int i = 0; i < perThread; i += 2) {
                // the future of each record carries the sequence number its line has
                assertEquals(seqOf[t][i], futures[t].get(i).get().longValue(), "thread " + t + " record " + i);
            }
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void badPayloadsInTheMiddleOfABatchAreRefusedAndTheirNeighboursGetConsecutiveNumbers(@TempDir Path dir)
            throws Exception {
        BlockingContent blocker = new BlockingContent();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        List<Integer> goodOnes = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.pageCache()).build())) {
            CompletableFuture<Long> first = log.appendContent(RecordType.GOVERNANCE, blocker);
            assertTrue(blocker.entered.await(30, TimeUnit.SECONDS));
            // the encoder is busy with the first record: all of these wait in the queue and come as one batch
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Long> f;
                if (i % 50 == 25) {
                    f = log.append(RecordType.DECISION, good(i).put("x", Double.NaN));
                } else if (i % 50 == 30) {
                    f = log.appendContent(RecordType.DECISION, new HalfWrittenContent(i));
                } else if (i % 50 == 40) {
                    log.submit(RecordType.DECISION, good(i).put("y", Double.POSITIVE_INFINITY));
                    continue;
                } else {
                    f = log.append(RecordType.DECISION, good(i));
                    goodOnes.add(i);
                }
                futures.add(f);
            }
            assertTrue(log.health().queued() >= 190, "the records should still be queued: " + log.health());
            blocker.release.countDown();
            assertEquals(1L, first.get(30, TimeUnit.SECONDS));
            for (CompletableFuture<Long> f : futures) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertInstanceOf(IllegalArgumentException.class, e.getCause());
                }
            }
        }
        assertNotNull(blocker.encodedOn);
        assertTrue(blocker.encodedOn.getName().startsWith("fairaudit-log-encoder["), blocker.encodedOn.getName());
        int refused = 0;
        long expectedSeq = 2;
        for (CompletableFuture<Long> f : futures) {
            if (f.isCompletedExceptionally()) {
                refused++;
            } else {
                assertEquals(expectedSeq++, f.join().longValue(), "consecutive numbers around the refused ones");
            }
        }
        assertEquals(8, refused, "4 NaN trees and 4 half-written contents");
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(1 + goodOnes.size() + 1, records.size(), "the blocker, the good ones and the checkpoint");
        for (int k = 0; k < goodOnes.size(); k++) {
            LogRecord r = records.get(k + 1);
            assertEquals(k + 2, r.seq());
            assertEquals(good(goodOnes.get(k)), r.payload());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    /**
     * A disk whose first write succeeds and whose second blocks until released and then fails, like a disk that
     * hangs and then errors: meanwhile the encoder fills its batches and the queue.
     */
    static final class HangThenFail implements SegmentChannelFactory {
        final AtomicInteger writes = new AtomicInteger();
        final CountDownLatch hanging = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public FileChannel open(Path segment) throws IOException {
            return new TestChannels.Delegating(segment) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    if (writes.incrementAndGet() == 1) {
                        return d.write(src);
                    }
                    hanging.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("I/O error (simulated)");
                }
            };
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFailedWriteWithBatchesInFlightAcknowledgesNothingLater(@TempDir Path dir) throws Exception {
        for (Durability d : List.of(Durability.pageCache(),
                Durability.groupCommit(16, java.time.Duration.ofMillis(1)))) {
            Path logDir = dir.resolve(d.mode().name());
            HangThenFail disk = new HangThenFail();
            LogOptions options = LogOptions.builder().durability(d).queueCapacity(20_000)
                    .backpressure(Backpressure.FAIL_FAST).build();
            DecisionLog log = DecisionLog.open(logDir, options, disk);
            assertEquals(1L, log.append(RecordType.DECISION, good(0)).get(30, TimeUnit.SECONDS));
            CompletableFuture<Long> second = log.append(RecordType.DECISION, good(1));
            assertTrue(disk.hanging.await(30, TimeUnit.SECONDS));
            // the writer hangs in the write of record 2: fill the encoder's batches (4 of up to 4,096) and the queue
            AtomicInteger acknowledgedLater = new AtomicInteger();
            List<CompletableFuture<Long>> later = new ArrayList<>();
            int refusedFull = 0;
            for (int i = 2; i < 40_000; i++) {
                try {
                    CompletableFuture<Long> f = log.append(RecordType.DECISION, good(i));
                    f.thenAccept(seq -> acknowledgedLater.incrementAndGet());
                    later.add(f);
                } catch (LogFullException e) {
                    // full for a while: the encoder holds every batch it may and waits for the writer
                    if (++refusedFull == 20) {
                        break;
                    }
                    Thread.sleep(1);
                }
            }
            assertTrue(later.size() > 20_000, "more records accepted than the queue holds, so that batches are in"
                    + " flight between the stages: " + later.size());
            disk.release.countDown();
            ExecutionException e = assertThrows(ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
            assertEquals("I/O error (simulated)", e.getCause().getMessage());
            for (CompletableFuture<Long> f : later) {
                ExecutionException each = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                assertInstanceOf(IOException.class, each.getCause());
            }
            assertEquals(0, acknowledgedLater.get(), "no record after the failure is acknowledged");
            assertEquals(LogHealth.State.FAILED, log.health().state());
            assertEquals(1, log.lastSequence());
            assertThrows(LogUnavailableException.class, () -> log.append(RecordType.DECISION, good(-1)));
            assertThrows(IOException.class, log::close);
            try (DecisionLog reopened = DecisionLog.open(logDir, LogOptions.defaults())) {
                assertEquals(1, reopened.recovery().lastSequence(), "only the acknowledged record is there");
            }
        }
    }

    /** A disk that takes a little while for every write, so that the pipeline stays full. */
    static final class SlowDisk implements SegmentChannelFactory {
        @Override
        public FileChannel open(Path segment) throws IOException {
            return new TestChannels.Delegating(segment) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return d.write(src);
                }
            };
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void closeRacingAFullPipelineWritesEveryAcceptedRecordOnce(@TempDir Path dir) throws Exception {
        for (int round = 0; round < 3; round++) {
            Path logDir = dir.resolve("round" + round);
            LogOptions options = LogOptions.builder().durability(round == 1 ? Durability.groupCommit(8,
                    java.time.Duration.ofMillis(1)) : Durability.pageCache()).queueCapacity(64).build();
            DecisionLog log = DecisionLog.open(logDir, options, new SlowDisk());
            int threads = 6;
            List<List<CompletableFuture<Long>>> accepted = new ArrayList<>();
            AtomicInteger refused = new AtomicInteger();
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            List<Thread> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                List<CompletableFuture<Long>> mine = new ArrayList<>();
                accepted.add(mine);
                Thread p = new Thread(() -> {
                    for (int i = 0; ; i++) {
                        try {
                            mine.add(log.append(RecordType.DECISION, LogFiles.payload(thread, i)));
                        } catch (LogUnavailableException e) {
                            refused.incrementAndGet();
                            return;
                        } catch (RuntimeException e) {
                            unexpected.set(e);
                            return;
                        }
                    }
                });
                p.start();
                producers.add(p);
            }
            Thread.sleep(150);
            // the queue (64), the encoder's batches (4 of 64) and the writer are all full now
            log.close();
            for (Thread p : producers) {
                p.join();
            }
            assertEquals(null, unexpected.get());
            assertEquals(threads, refused.get(), "every producer was refused once the log closed");
            List<Long> seqs = new ArrayList<>();
            for (List<CompletableFuture<Long>> mine : accepted) {
                long last = 0;
                for (CompletableFuture<Long> f : mine) {
                    assertTrue(f.isDone(), "close() returned with a future not completed");
                    long seq = f.join();
                    assertTrue(seq > last, "a thread's records in its order");
                    last = seq;
                    seqs.add(seq);
                }
            }
            seqs.sort(null);
            for (int k = 0; k < seqs.size(); k++) {
                assertEquals(k + 1, seqs.get(k).longValue(), "every accepted record written once, gap-free");
            }
            VerificationReport report = LogVerifier.verify(logDir, null);
            assertTrue(report.ok(), report.summary());
            assertTrue(report.closedCleanly());
            assertEquals(seqs.size() + 1, report.records(), "the accepted records and the checkpoint");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void closeFromACallbackOnTheEncoderThreadIsRefused(@TempDir Path dir) throws Exception {
        BlockingContent blocker = new BlockingContent();
        AtomicReference<Throwable> fromCallback = new AtomicReference<>();
        AtomicReference<String> callbackThread = new AtomicReference<>();
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.pageCache()).build())) {
            log.appendContent(RecordType.GOVERNANCE, blocker);
            assertTrue(blocker.entered.await(30, TimeUnit.SECONDS));
            CompletableFuture<Long> bad = log.append(RecordType.DECISION, good(1).put("x", Double.NaN));
            CompletableFuture<Void> done = bad.handle((seq, error) -> {
                callbackThread.set(Thread.currentThread().getName());
                try {
                    log.close();
                } catch (Throwable t) {
                    fromCallback.set(t);
                }
                return null;
            });
            blocker.release.countDown();
            done.get(30, TimeUnit.SECONDS);
            assertEquals(2L, log.append(RecordType.DECISION, good(2)).get(30, TimeUnit.SECONDS),
                    "the log still works");
        }
        assertTrue(callbackThread.get().startsWith("fairaudit-log-encoder["), callbackThread.get());
        assertInstanceOf(IllegalStateException.class, fromCallback.get());
        assertFalse(LogFiles.readAll(dir).isEmpty());
    }
}
