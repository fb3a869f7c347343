package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Writing, reading back, rotating, reopening, keys, options and durability modes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DecisionLogTest {

    private static final Clock FIXED = Clock.fixed(Instant.parse("2026-03-01T09:15:02.120Z"), ZoneOffset.UTC);
    private static final RecordType[] TYPES = {RecordType.DECISION, RecordType.OUTCOME, RecordType.REVIEW,
        RecordType.APPEAL, RecordType.GOVERNANCE, RecordType.PROTECTED_ATTRIBUTES};

    private static LogOptions.Builder options() {
        return LogOptions.builder().durability(Durability.pageCache());
    }

    private static String canon(ObjectNode n) {
        return new String(CanonicalJson.bytes(n), UTF_8);
    }

    @Test
    void roundTripKeepsEveryRecordInOrderAndEndsWithACheckpoint(@TempDir Path dir) throws Exception {
        List<ObjectNode> sent = new ArrayList<>();
        List<CompletableFuture<Long>> futures = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(dir, options().build())) {
            assertTrue(log.recovery().newLog());
            for (int i = 0; i < 50; i++) {
                ObjectNode p = LogFiles.payload(0, i);
                p.put("score", i / 7.0);
                sent.add(p);
                futures.add(log.append(TYPES[i % TYPES.length], p));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(i + 1, futures.get(i).join());
            }
            assertEquals(50, log.lastSequence());
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(51, records.size());
        for (int i = 0; i < 50; i++) {
            LogRecord r = records.get(i);
            assertEquals(i + 1, r.seq());
            assertEquals(TYPES[i % TYPES.length], r.type());
            assertEquals(canon(sent.get(i)), canon(r.payload()));
            assertEquals(i / 7.0, r.payload().get("score").doubleValue());
            assertEquals(CanonicalJson.sha256Hex(sent.get(i)), r.payloadDigest());
            assertEquals(i == 0 ? Hex.ZERO_HASH : records.get(i - 1).hash(), r.prevHash());
            assertFalse(r.erased());
            assertEquals("segment-000001.jsonl", r.segment());
            assertEquals(i + 1, r.line());
        }
        LogRecord checkpoint = records.get(50);
        assertEquals(RecordType.CHECKPOINT, checkpoint.type());
        assertEquals(50, checkpoint.payload().get("lastSeq").longValue());
        assertEquals(records.get(49).hash(), checkpoint.payload().get("headHash").textValue());

        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertEquals(51, report.records());
        assertEquals(51, report.lastSequence());
        assertEquals(checkpoint.hash(), report.headHash());
        assertEquals(1, report.segments());
        assertTrue(report.closedCleanly());
        String head = Files.readString(dir.resolve("HEAD"));
        assertTrue(head.contains("state=closed\nseq=51\nhash=" + checkpoint.hash() + "\n"), head);
    }

    @Test
    void lineMatchesTheDocumentedFormatByteForByte(@TempDir Path dir) throws Exception {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("score", 0.82).put("caseId", "c-1").putObject("route").put("z", 1).put("a", "PROFILE");
        try (DecisionLog log = DecisionLog.open(dir, options().clock(FIXED).build())) {
            log.append(RecordType.DECISION, p).join();
        }
        String payload = "{\"caseId\":\"c-1\",\"route\":{\"a\":\"PROFILE\",\"z\":1},\"score\":0.82}";
        String digest = LogFiles.sha256Hex(payload.getBytes(UTF_8));
        String zeros = "0".repeat(64);
        String hash = LogFiles.chainHash(null, zeros, "1", "2026-03-01T09:15:02.120Z", "DECISION", digest);
        String expected = "{\"seq\":1,\"time\":\"2026-03-01T09:15:02.120Z\",\"type\":\"DECISION\",\"payloadDigest\":\""
                + digest + "\",\"prevHash\":\"" + zeros + "\",\"hash\":\"" + hash + "\",\"payload\":" + payload + "}";
        List<String> lines = LogFiles.lines(dir.resolve("segment-000001.jsonl"));
        assertEquals(expected, lines.get(0));
        String cpPayload = "{\"headHash\":\"" + hash + "\",\"lastSeq\":1}";
        String cpDigest = LogFiles.sha256Hex(cpPayload.getBytes(UTF_8));
        String cpHash = LogFiles.chainHash(null, hash, "2", "2026-03-01T09:15:02.120Z", "CHECKPOINT", cpDigest);
        assertEquals("{\"seq\":2,\"time\":\"2026-03-01T09:15:02.120Z\",\"type\":\"CHECKPOINT\",\"payloadDigest\":\""
                + cpDigest + "\",\"prevHash\":\"" + hash + "\",\"hash\":\"" + cpHash + "\",\"payload\":" + cpPayload
                + "}", lines.get(1));
        assertEquals(2, lines.size());
        String head = "fairaudit-decision-log-head 1\nchain=sha256\nstate=closed\nseq=2\nhash=" + cpHash + "\n";
        assertEquals(head + "mac=" + LogFiles.sha256Hex(head.getBytes(UTF_8)) + "\n",
                Files.readString(dir.resolve("HEAD")));
    }

    @Test
    void chainRunsAcrossSegmentRotation(@TempDir Path dir) throws Exception {
        long segmentBytes = 1000;
        try (DecisionLog log = DecisionLog.open(dir, options().segmentBytes(segmentBytes).build())) {
            for (int i = 0; i < 100; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i));
            }
        }
        List<Segments.Seg> segs = Segments.list(dir);
        assertTrue(segs.size() > 20, "segments: " + segs.size());
        for (int k = 0; k < segs.size(); k++) {
            assertEquals(Segments.name(k + 1), segs.get(k).name());
            assertTrue(Files.size(segs.get(k).path()) <= segmentBytes);
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(101, records.size());
        int boundaries = 0;
        for (int i = 1; i < records.size(); i++) {
            assertEquals(records.get(i - 1).hash(), records.get(i).prevHash());
            if (!records.get(i).segment().equals(records.get(i - 1).segment())) {
                boundaries++;
                assertEquals(1, records.get(i).line());
            }
        }
        assertEquals(segs.size() - 1, boundaries);
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertEquals(segs.size(), report.segments());
    }

    @Test
    void reopeningContinuesTheSequenceAndTheChain(@TempDir Path dir) throws Exception {
        try (DecisionLog log = DecisionLog.open(dir, options().build())) {
            for (int i = 0; i < 10; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i));
            }
        }
        try (DecisionLog log = DecisionLog.open(dir, options().build())) {
            RecoveryReport r = log.recovery();
            assertFalse(r.newLog());
            assertTrue(r.closedCleanly());
            assertEquals(11, r.recordsFound());
            assertEquals(11, r.lastSequence());
            assertEquals(0, r.bytesCut());
            assertNull(r.cutSegment());
            assertEquals(11, log.lastSequence());
            String head = Files.readString(dir.resolve("HEAD"));
            assertTrue(head.contains("state=open\nseq=11\n"), "while open, HEAD says so: " + head);
            for (int i = 0; i < 5; i++) {
                assertEquals(12 + i, log.append(RecordType.OUTCOME, LogFiles.payload(1, i)).join());
            }
        }
        // A third session with tiny segments continues in a new segment.
        try (DecisionLog log = DecisionLog.open(dir, options().segmentBytes(100).build())) {
            assertEquals(18, log.append(RecordType.REVIEW, LogFiles.payload(2, 0)).join());
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(19, records.size());
        assertEquals(RecordType.CHECKPOINT, records.get(10).type());
        assertEquals(records.get(10).hash(), records.get(11).prevHash());
        assertEquals(RecordType.CHECKPOINT, records.get(16).type());
        assertEquals("segment-000001.jsonl", records.get(16).segment());
        assertEquals("segment-000002.jsonl", records.get(17).segment());
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertTrue(report.closedCleanly());
    }

    @Test
    void keyedChainVerifiesOnlyWithItsKey(@TempDir Path dir) throws Exception {
        byte[] key = LogFiles.key(1);
        try (DecisionLog log = DecisionLog.open(dir, options().hmacKey(key).build())) {
            for (int i = 0; i < 5; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i));
            }
        }
        assertTrue(LogVerifier.verify(dir, key).ok());
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> LogVerifier.verify(dir, null));
        assertTrue(noKey.getMessage().contains("keyed"), noKey.getMessage());
        LogProblem wrong = LogVerifier.verify(dir, LogFiles.key(2)).problem();
        assertEquals(LogProblem.Kind.MODIFIED_RECORD, wrong.kind());
        assertEquals(1, wrong.sequence());
        assertTrue(wrong.explanation().contains("neither does HEAD's HMAC: most likely the key is not this log's key"),
                wrong.explanation());
        // The chain really is HMAC-SHA-256 over the documented input.
        LogRecord first = LogFiles.readAll(dir).get(0);
        assertEquals(LogFiles.chainHash(key, Hex.ZERO_HASH, "1", LineFormat.TIME.format(first.time()), "DECISION",
                first.payloadDigest()), first.hash());

        assertThrows(IllegalArgumentException.class, () -> DecisionLog.open(dir, options().build()));
        try (DecisionLog log = DecisionLog.open(dir, options().hmacKey(key).build())) {
            assertEquals(7, log.append(RecordType.DECISION, LogFiles.payload(0, 5)).join());
        }
        Path plain = dir.resolveSibling(dir.getFileName() + "-plain");
        DecisionLog.open(plain, options().build()).close();
        assertThrows(IllegalArgumentException.class, () -> DecisionLog.open(plain, options().hmacKey(key).build()));
    }

    @Test
    void optionsValidateAndNeverShowTheKey() {
        IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
                () -> LogOptions.builder().hmacKey(new byte[31]).build());
        assertTrue(shortKey.getMessage().contains("32"), shortKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LogOptions.builder().queueCapacity(0).build());
        assertThrows(IllegalArgumentException.class, () -> LogOptions.builder().segmentBytes(0).build());
        byte[] key = LogFiles.key(3);
        LogOptions o = LogOptions.builder().hmacKey(key).build();
        key[0]++;
        assertFalse(java.util.Arrays.equals(key, o.hmacKey()), "the key is copied in");
        o.hmacKey()[1]++;
        assertArrayEquals(o.hmacKey(), o.hmacKey(), "and out");
        assertEquals(LogOptions.builder().hmacKey(o.hmacKey()).build(), o);
        assertTrue(o.toString().contains("hmacKey=(set)"), o.toString());
        LogOptions d = LogOptions.defaults();
        assertEquals(Durability.groupCommit(256, Duration.ofMillis(5)), d.durability());
        assertEquals(64L << 20, d.segmentBytes());
        assertEquals(65_536, d.queueCapacity());
        assertEquals(Backpressure.BLOCK, d.backpressure());
        assertFalse(d.keyed());
    }

    @Test
    void badPayloadFailsOnlyItsOwnRecord(@TempDir Path dir) throws Exception {
        try (DecisionLog log = DecisionLog.open(dir, options().build())) {
            assertThrows(IllegalArgumentException.class, () -> log.append(RecordType.CHECKPOINT,
                    JsonNodeFactory.instance.objectNode()));
            assertThrows(IllegalArgumentException.class, () -> log.append(RecordType.DECISION, null));
            CompletableFuture<Long> first = log.append(RecordType.DECISION, LogFiles.payload(0, 0));
            CompletableFuture<Long> nan = log.append(RecordType.DECISION,
                    JsonNodeFactory.instance.objectNode().put("score", Double.NaN));
            CompletableFuture<Long> third = log.append(RecordType.DECISION, LogFiles.payload(0, 1));
            assertEquals(1, first.join());
            CompletionException e = assertThrows(CompletionException.class, nan::join);
            assertTrue(e.getCause() instanceof IllegalArgumentException, e.toString());
            assertEquals(2, third.join(), "the bad record took no sequence number");
            assertEquals(LogHealth.State.OPEN, log.health().state());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void appendAfterCloseIsRefusedAndASecondWriterCannotOpen(@TempDir Path dir) throws Exception {
        DecisionLog log = DecisionLog.open(dir, options().build());
        IOException second = assertThrows(IOException.class, () -> DecisionLog.open(dir, options().build()));
        assertTrue(second.getMessage().contains("already open"), second.getMessage());
        log.close();
        log.close();
        LogUnavailableException e = assertThrows(LogUnavailableException.class,
                () -> log.append(RecordType.DECISION, LogFiles.payload(0, 0)));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(LogHealth.State.CLOSED, log.health().state());
        DecisionLog.open(dir, options().build()).close();
    }

    @Test
    void syncEachCompletesOnlyForcedRecords(@TempDir Path dir) throws Exception {
        TestChannels.Counting disk = new TestChannels.Counting();
        List<Boolean> forcedWhenCompleted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> done = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(dir, options().durability(Durability.syncEach()).build(), disk)) {
            for (int i = 0; i < 200; i++) {
                done.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)).thenAccept(
                        seq -> forcedWhenCompleted.add(disk.writtenAtLastForce.get() == disk.written.get())));
            }
            CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])).join();
        }
        assertEquals(200, forcedWhenCompleted.size());
        assertFalse(forcedWhenCompleted.contains(false), "a record was acknowledged before it was forced");
    }

    @Test
    void groupCommitForcesOncePerGroup(@TempDir Path dir) throws Exception {
        TestChannels.Counting disk = new TestChannels.Counting();
        LogOptions o = options().durability(Durability.groupCommit(4, Duration.ofHours(1))).build();
        try (DecisionLog log = DecisionLog.open(dir, o, disk)) {
            List<CompletableFuture<Long>> group = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                group.add(log.append(RecordType.DECISION, LogFiles.payload(0, i)));
                while (disk.writes.get() < i + 1) {
                    Thread.onSpinWait();
                }
            }
            // Three records are written in three batches, but the group is not full and the interval is long.
            assertEquals(0, disk.forces.get());
            assertFalse(group.stream().anyMatch(CompletableFuture::isDone));
            group.add(log.append(RecordType.DECISION, LogFiles.payload(0, 3)));
            for (int i = 0; i < 4; i++) {
                assertEquals(i + 1, group.get(i).join());
            }
            assertEquals(1, disk.forces.get(), "one force for the group of four");
        }
    }

    @Test
    void groupCommitForcesWhenTheIntervalEnds(@TempDir Path dir) throws Exception {
        TestChannels.Counting disk = new TestChannels.Counting();
        LogOptions o = options().durability(Durability.groupCommit(1000, Duration.ofMillis(1))).build();
        try (DecisionLog log = DecisionLog.open(dir, o, disk)) {
            assertEquals(1, log.append(RecordType.DECISION, LogFiles.payload(0, 0)).join());
            assertTrue(disk.forces.get() >= 1);
        }
    }

    @Test
    void pageCacheNeverForcesUntilClose(@TempDir Path dir) throws Exception {
        TestChannels.Counting disk = new TestChannels.Counting();
        DecisionLog log = DecisionLog.open(dir, options().durability(Durability.pageCache()).build(), disk);
        for (int i = 0; i < 10; i++) {
            log.append(RecordType.DECISION, LogFiles.payload(0, i)).join();
        }
        assertEquals(0, disk.forces.get());
        log.close();
        assertTrue(disk.forces.get() >= 1, "close forces everything");
    }

    @Test
    void pageCacheForcesEachFinishedSegmentSoThatACleanCloseIsDurable(@TempDir Path dir) throws Exception {
        TestChannels.Counting disk = new TestChannels.Counting();
        DecisionLog log = DecisionLog.open(dir, options().durability(Durability.pageCache()).segmentBytes(2000)
                .build(), disk);
        for (int i = 0; i < 60; i++) {
            log.append(RecordType.DECISION, LogFiles.payload(0, i)).join();
        }
        log.close();
        long segments;
        try (var files = java.nio.file.Files.list(dir)) {
            segments = files.filter(f -> f.getFileName().toString().startsWith("segment-")).count();
        }
        assertTrue(segments > 2, "the test needs rotations; segments: " + segments);
        // One force per finished segment, plus the close's.
        assertTrue(disk.forces.get() >= segments, disk.forces.get() + " forces for " + segments + " segments");
    }

    @Test
    void pageCacheFailsTheLogWhenForcingAFinishedSegmentFails(@TempDir Path dir) throws Exception {
        // the first segment's force fails; PAGE_CACHE forces it off the writer thread after rotating
        SegmentChannelFactory firstForceFails = segment -> new TestChannels.Delegating(segment) {
            @Override
            public void force(boolean metaData) throws IOException {
                if (segment.getFileName().toString().equals(Segments.name(1))) {
                    throw new IOException("Input/output error");
                }
                d.force(metaData);
            }
        };
        DecisionLog log = DecisionLog.open(dir, options().durability(Durability.pageCache()).segmentBytes(2000)
                .build(), firstForceFails);
        // append until the first rotation, and no further: the failed force is then found by close
        int appended = 0;
        while (!Files.exists(dir.resolve(Segments.name(2)))) {
            assertTrue(appended < 100, "the test needs a rotation");
            log.append(RecordType.DECISION, LogFiles.payload(0, appended)).join();
            appended++;
        }
        IOException e = assertThrows(IOException.class, log::close);
        assertTrue(e.getMessage().contains("forcing the finished segment " + Segments.name(1)), e.getMessage());
        assertTrue(e.getMessage().contains("Input/output error"), e.getMessage());
        assertEquals(LogHealth.State.FAILED, log.health().state());
        assertThrows(LogUnavailableException.class, () -> log.append(RecordType.DECISION, LogFiles.payload(0, 99)));
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
        assertFalse(report.closedCleanly(), "HEAD must not claim a clean close: a finished segment was not forced");
        assertEquals(appended, report.lastSequence(), "the acknowledged records are there, and no checkpoint");
    }

    @Test
    void submittedRecordsHaveNoFutureAndOneThatCannotBeWrittenTakesNoSequenceNumber(@TempDir Path dir)
            throws Exception {
        RecordContent good = new RecordContent() {
            @Override
            public void writeCanonical(CanonicalWriter out) {
                out.beginObject().key("i").number(7L).endObject();
            }

            @Override
            public ObjectNode toJson() {
                return JsonNodeFactory.instance.objectNode().put("i", 7L);
            }
        };
        RecordContent nan = new RecordContent() {
            @Override
            public void writeCanonical(CanonicalWriter out) {
                out.beginObject().key("score").number(Double.NaN).endObject();
            }

            @Override
            public ObjectNode toJson() {
                return JsonNodeFactory.instance.objectNode().put("score", Double.NaN);
            }
        };
        try (DecisionLog log = DecisionLog.open(dir, options().build())) {
            assertThrows(IllegalArgumentException.class, () -> log.submitContent(RecordType.CHECKPOINT, good));
            assertThrows(IllegalArgumentException.class, () -> log.submitContent(RecordType.DECISION, null));
            log.submitContent(RecordType.DECISION, good);
            log.submitContent(RecordType.DECISION, nan);
            // futures complete in sequence order: once this one has, the two before it have been dealt with
            assertEquals(2, log.appendContent(RecordType.DECISION, good).join(), "the bad record took no number");
            assertEquals(LogHealth.State.OPEN, log.health().state());
        }
        List<LogRecord> records = LogFiles.readAll(dir);
        assertEquals(3, records.size(), "two records and the checkpoint");
        assertEquals(7, records.get(0).payload().get("i").intValue());
        assertEquals(7, records.get(1).payload().get("i").intValue());
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void unwatchedRecordsReachTheLogWhetherTheWriterNapsOrSleeps(@TempDir Path dir) throws Exception {
        RecordContent content = new RecordContent() {
            @Override
            public void writeCanonical(CanonicalWriter out) {
                out.beginObject().key("i").number(1L).endObject();
            }

            @Override
            public ObjectNode toJson() {
                return JsonNodeFactory.instance.objectNode().put("i", 1L);
            }
        };
        try (DecisionLog log = DecisionLog.open(dir, options().durability(Durability.pageCache()).build())) {
            // idle for well over 10 naps of 1 ms: the writer sleeps until woken, and this record must wake it
            Thread.sleep(200);
            log.submitContent(RecordType.DECISION, content);
            awaitLastSequence(log, 1);
            // just after a record the writer naps: nothing wakes it, and the record is written after the nap
            log.submitContent(RecordType.DECISION, content);
            awaitLastSequence(log, 2);
        }
        assertEquals(3, LogFiles.readAll(dir).size(), "two records and the checkpoint");
    }

    private static void awaitLastSequence(DecisionLog log, long seq) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (log.lastSequence() < seq) {
            assertTrue(System.nanoTime() < deadline, "record " + seq + " was not written within 10 s");
            Thread.sleep(1);
        }
    }
}
