package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasing payloads keeps the chain verifiable, and does not open a door for other edits. */
class LogEraserTest {

    private static final String REASON = "retention of 5 years ended";
    private static final Predicate<LogRecord> EVEN = r -> r.payload().get("i").intValue() % 2 == 0;

    private static void write(Path dir, int records, byte[] key) throws IOException {
        LogOptions o = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(4000).hmacKey(key).build();
        try (DecisionLog log = DecisionLog.open(dir, o)) {
            for (int i = 0; i < records; i++) {
                log.append(i % 3 == 0 ? RecordType.OUTCOME : RecordType.DECISION, LogFiles.payload(0, i));
            }
        }
    }

    @Test
    void erasedPayloadsKeepTheChainVerifiable(@TempDir Path dir) throws Exception {
        write(dir, 30, null);
        List<LogRecord> before = LogFiles.readAll(dir);
        assertEquals(15, LogEraser.erasePayloads(dir, EVEN, REASON));

        List<LogRecord> after = LogFiles.readAll(dir);
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            LogRecord b = before.get(i);
            LogRecord a = after.get(i);
            assertEquals(b.seq(), a.seq());
            assertEquals(b.time(), a.time());
            assertEquals(b.type(), a.type());
            assertEquals(b.payloadDigest(), a.payloadDigest());
            assertEquals(b.prevHash(), a.prevHash());
            assertEquals(b.hash(), a.hash());
            assertEquals(b.segment(), a.segment());
            assertEquals(b.line(), a.line());
            boolean shouldErase = b.type() != RecordType.CHECKPOINT && EVEN.test(b);
            assertEquals(shouldErase, a.erased(), "record " + b.seq());
            if (shouldErase) {
                assertNull(a.payload());
                assertEquals(REASON, a.erasedReason());
            } else {
                assertEquals(b.payload(), a.payload());
            }
        }
        String line = LogFiles.lines(dir.resolve("segment-000001.jsonl")).get(0);
        assertTrue(line.endsWith("\"payload\":null,\"erased\":{\"reason\":\"" + REASON + "\"}}"), line);

        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertEquals(31, report.records());
        assertEquals(15, report.erasedPayloads());
        assertTrue(report.closedCleanly());

        // Erasing again with the same rule finds nothing left; already erased records are not offered again.
        assertEquals(0, LogEraser.erasePayloads(dir, EVEN, REASON));
        assertEquals(15, LogEraser.erasePayloads(dir, r -> true, REASON));
        assertEquals(30, LogVerifier.verify(dir, null).erasedPayloads(), "all but the checkpoint");
        // The log still opens and continues.
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.defaults())) {
            assertEquals(32, log.append(RecordType.DECISION, LogFiles.payload(1, 0)).join());
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
    }

    @Test
    void erasedKeyedLogVerifiesWithItsKey(@TempDir Path dir) throws Exception {
        byte[] key = LogFiles.key(11);
        write(dir, 10, key);
        assertEquals(5, LogEraser.erasePayloads(dir, EVEN, REASON));
        VerificationReport report = LogVerifier.verify(dir, key);
        assertTrue(report.ok(), report::summary);
        assertEquals(5, report.erasedPayloads());
    }

    @Test
    void editingAnotherRecordAfterErasureIsStillCaught(@TempDir Path dir) throws Exception {
        write(dir, 30, null);
        LogEraser.erasePayloads(dir, EVEN, REASON);
        LogRecord kept = LogFiles.readAll(dir).stream().filter(r -> !r.erased() && r.seq() > 10).findFirst()
                .orElseThrow();
        Path seg = dir.resolve(kept.segment());
        List<String> lines = LogFiles.lines(seg);
        int i = (int) kept.line() - 1;
        lines.set(i, lines.get(i).replace("\"thread\":0", "\"thread\":1"));
        LogFiles.writeLines(seg, lines);
        LogProblem p = LogVerifier.verify(dir, null).problem();
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, p.kind());
        assertEquals(kept.seq(), p.sequence());
        assertEquals(kept.segment(), p.segment());
        assertEquals(kept.line(), p.line());
    }

    @Test
    void editingAnErasedRecordIsStillCaught(@TempDir Path dir) throws Exception {
        write(dir, 10, null);
        LogEraser.erasePayloads(dir, EVEN, REASON);
        Path seg = dir.resolve("segment-000001.jsonl");
        List<String> lines = LogFiles.lines(seg);
        // Record 1 (i = 0) is erased; change its type.
        lines.set(0, lines.get(0).replace("\"type\":\"OUTCOME\"", "\"type\":\"REVIEW\""));
        LogFiles.writeLines(seg, lines);
        LogProblem p = LogVerifier.verify(dir, null).problem();
        assertEquals(LogProblem.Kind.MODIFIED_RECORD, p.kind());
        assertEquals(1, p.sequence());
    }

    @Test
    void refusesWhileTheLogIsOpenAndWithoutAReason(@TempDir Path dir) throws Exception {
        write(dir, 3, null);
        DecisionLog log = DecisionLog.open(dir, LogOptions.defaults());
        try {
            IOException e = assertThrows(IOException.class, () -> LogEraser.erasePayloads(dir, r -> true, REASON));
            assertTrue(e.getMessage().contains("already open"), e.getMessage());
        } finally {
            log.close();
        }
        assertThrows(IllegalArgumentException.class, () -> LogEraser.erasePayloads(dir, r -> true, " "));
        assertFalse(LogFiles.readAll(dir).stream().anyMatch(LogRecord::erased));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".erasing")), "no temp files left");
        }
    }

    @Test
    void refusesAMalformedSegmentWithoutRewritingIt(@TempDir Path dir) throws Exception {
        write(dir, 3, null);
        Path seg = dir.resolve("segment-000001.jsonl");
        List<String> lines = LogFiles.lines(seg);
        lines.set(1, "not a record");
        LogFiles.writeLines(seg, lines);
        byte[] before = Files.readAllBytes(seg);
        LogIntegrityException e = assertThrows(LogIntegrityException.class,
                () -> LogEraser.erasePayloads(dir, r -> true, REASON));
        assertEquals(LogProblem.Kind.UNPARSEABLE_LINE, e.problem().kind());
        assertEquals(2, e.problem().line());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(seg)));
    }
}
