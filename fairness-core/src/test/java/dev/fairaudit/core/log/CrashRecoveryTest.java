package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed mid-stream, and torn lines: recovery keeps every acknowledged record and cuts the rest. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrashRecoveryTest {

    private static final int ACKS_BEFORE_KILL = 3000;

    @Test
    void killedWriterLosesNoAcknowledgedRecord(@TempDir Path tmp) throws Exception {
        killAndRecover(tmp, "sync-each");
    }

    @Test
    void killedWriterLosesNoRecordAcknowledgedByTheGroupCommitter(@TempDir Path tmp) throws Exception {
        killAndRecover(tmp, "group-commit");
    }

    private static void killAndRecover(Path tmp, String durability) throws Exception {
        Path dir = tmp.resolve("log");
        Path stderr = tmp.resolve("child-stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), durability)
                .redirectError(stderr.toFile())
                .start();
        List<Long> acked = new ArrayList<>();
        try {
            InputStream out = child.getInputStream();
            ByteArrayOutputStream partial = new ByteArrayOutputStream();
            while (acked.size() < ACKS_BEFORE_KILL) {
                int b = out.read();
                if (b < 0) {
                    break;
                }
                if (b == '\n') {
                    acked.add(Long.parseLong(partial.toString(US_ASCII)));
                    partial.reset();
                } else {
                    partial.write(b);
                }
            }
            assertEquals(ACKS_BEFORE_KILL, acked.size(), () -> "the child stopped early: " + read(stderr));
            // SIGKILL: no shutdown hooks, no close(). (Through the handle, which unlike Process.destroyForcibly()
            // leaves the pipe open, so the acknowledgements printed just before the kill can still be read.)
            assertTrue(child.toHandle().destroyForcibly());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            // Lines printed before the kill were acknowledged too; a last line without newline is ignored.
            String rest = partial.toString(US_ASCII) + new String(out.readAllBytes(), US_ASCII);
            String[] lines = rest.split("\n", -1);
            for (int i = 0; i < lines.length - 1; i++) {
                acked.add(Long.parseLong(lines[i]));
            }
        } finally {
            child.destroyForcibly();
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        long maxAcked = acked.get(acked.size() - 1);

        VerificationReport before = LogVerifier.verify(dir, null);
        assertTrue(before.ok() || before.problem().kind() == LogProblem.Kind.TORN_TAIL, before::summary);
        assertFalse(before.closedCleanly());

        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.syncEach()).build())) {
            RecoveryReport r = log.recovery();
            assertFalse(r.closedCleanly());
            assertTrue(r.recordsFound() >= maxAcked, r.toString());
            assertEquals(r.recordsFound(), r.lastSequence());
            assertEquals(r.lastSequence() + 1, log.append(RecordType.DECISION, LogFiles.payload(1, 0)).join());
        }
        VerificationReport after = LogVerifier.verify(dir, null);
        assertTrue(after.ok(), after::summary);
        assertTrue(after.closedCleanly());

        Set<Long> present = new HashSet<>();
        for (LogRecord rec : LogFiles.readAll(dir)) {
            present.add(rec.seq());
            if (rec.type() == RecordType.DECISION && rec.payload().get("thread").intValue() == 0) {
                assertEquals(rec.seq(), rec.payload().get("i").longValue() + 1, "records are in append order");
            }
        }
        for (long seq : acked) {
            assertTrue(present.contains(seq), "acknowledged record " + seq + " is missing after recovery");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A log as a crash leaves it: a snapshot of the folder while the writer had it open. */
    private static Path crashedLog(Path tmp, int records) throws IOException {
        Path live = tmp.resolve("live");
        Path crashed = tmp.resolve("crashed");
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).build();
        try (DecisionLog log = DecisionLog.open(live, options)) {
            for (int i = 0; i < records; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i)).join();
            }
            LogFiles.snapshot(live, crashed);
        }
        return crashed;
    }

    @Test
    void tornLastLineWithoutNewlineIsReportedThenCutOff(@TempDir Path tmp) throws Exception {
        Path dir = crashedLog(tmp, 10);
        Path seg = dir.resolve("segment-000001.jsonl");
        long goodSize = Files.size(seg);
        String eleventh = "{\"seq\":11,\"time\":\"2026-03-01T09:15:02.120Z\",\"type\":\"DECISION\",\"payloadDig";
        Files.writeString(seg, eleventh, US_ASCII, StandardOpenOption.APPEND);

        LogProblem p = LogVerifier.verify(dir, null).problem();
        assertNotNull(p);
        assertEquals(LogProblem.Kind.TORN_TAIL, p.kind());
        assertEquals(11, p.sequence());
        assertEquals("segment-000001.jsonl", p.segment());
        assertEquals(11, p.line());

        try (DecisionLog log = DecisionLog.open(dir, LogOptions.defaults())) {
            RecoveryReport r = log.recovery();
            assertEquals(10, r.recordsFound());
            assertEquals(eleventh.length(), r.bytesCut());
            assertEquals("segment-000001.jsonl", r.cutSegment());
            assertFalse(r.closedCleanly());
            assertEquals(goodSize, Files.size(seg), "cut exactly at the end of the last whole record");
            assertEquals(11, log.append(RecordType.DECISION, LogFiles.payload(0, 10)).join());
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertEquals(12, report.records());
    }

    @Test
    void unparseableLastLineWithNewlineIsCutOff(@TempDir Path tmp) throws Exception {
        Path dir = crashedLog(tmp, 5);
        Files.write(dir.resolve("segment-000001.jsonl"), new byte[] {0, 0, 0, 0, '\n'}, StandardOpenOption.APPEND);
        LogProblem torn = LogVerifier.verify(dir, null).problem();
        assertEquals(LogProblem.Kind.TORN_TAIL, torn.kind());
        // HEAD says open: a live writer or a crash, and the explanation names both
        assertTrue(torn.explanation().contains("HEAD says the log is open, so either a writer was writing this"
                + " record while the log was read") && torn.explanation().contains("or a crash during a write"),
                torn.explanation());
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.defaults())) {
            assertEquals(5, log.recovery().bytesCut());
            assertEquals(5, log.lastSequence());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void crashedLogWithoutTornLineNeedsNoCut(@TempDir Path tmp) throws Exception {
        Path dir = crashedLog(tmp, 5);
        VerificationReport before = LogVerifier.verify(dir, null);
        assertTrue(before.ok(), before::summary);
        assertFalse(before.closedCleanly(), "HEAD says open: the writer did not close");
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.defaults())) {
            assertFalse(log.recovery().closedCleanly());
            assertEquals(0, log.recovery().bytesCut());
        }
    }

    @Test
    void tornLineAfterACleanCloseIsNotCutButRefused(@TempDir Path dir) throws Exception {
        DecisionLog.open(dir, LogOptions.defaults()).close();
        Files.writeString(dir.resolve("segment-000001.jsonl"), "{\"seq\":2,", US_ASCII, StandardOpenOption.APPEND);
        LogProblem p = LogVerifier.verify(dir, null).problem();
        assertEquals(LogProblem.Kind.TORN_TAIL, p.kind());
        assertTrue(p.explanation().contains("closed cleanly"), p.explanation());
        LogIntegrityException e = assertThrows(LogIntegrityException.class,
                () -> DecisionLog.open(dir, LogOptions.defaults()));
        assertEquals(LogProblem.Kind.TORN_TAIL, e.problem().kind());
    }

    @Test
    void brokenChainBeforeTheTailRefusesToOpenNamingSegmentAndLine(@TempDir Path tmp) throws Exception {
        Path dir = crashedLog(tmp, 10);
        Path seg = dir.resolve("segment-000001.jsonl");
        List<String> lines = LogFiles.lines(seg);
        lines.set(4, lines.get(4).replace("\"caseId\":\"case-0-4\"", "\"caseId\":\"case-0-X\""));
        LogFiles.writeLines(seg, lines);
        long sizeBefore = Files.size(seg);
        LogIntegrityException e = assertThrows(LogIntegrityException.class,
                () -> DecisionLog.open(dir, LogOptions.defaults()));
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, e.problem().kind());
        assertEquals(5, e.problem().sequence());
        assertTrue(e.getMessage().contains("segment-000001.jsonl line 5"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
        assertEquals(sizeBefore, Files.size(seg), "nothing was appended to the tampered log");
        assertTrue(Files.readString(dir.resolve("HEAD")).contains("state=open"), "HEAD untouched");
        // The lock was released: after repair (here: undoing the edit) it opens.
        lines.set(4, lines.get(4).replace("case-0-X", "case-0-4"));
        LogFiles.writeLines(seg, lines);
        DecisionLog.open(dir, LogOptions.defaults()).close();
    }
}
