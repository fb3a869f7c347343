package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of tampering is caught and pinpointed: kind, sequence number, segment and line. The log has 40
 * records over several segments; the target is a record in the middle of the second segment.
 */
class TamperTest {

    private static final int RECORDS = 40;
    private static final byte[] KEY = LogFiles.key(7);

    @TempDir
    Path dir;
    /** The target record, and where it is. */
    LogRecord target;
    Path targetSegment;
    /** 0-based index of the target's line in its segment. */
    int targetIndex;

    private void write(byte[] key) throws IOException {
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(3000).hmacKey(key)
                .build();
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            for (int i = 0; i < RECORDS; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i));
            }
        }
        assertTrue(LogVerifier.verify(dir, key).ok());
        List<LogRecord> second = LogFiles.readAll(dir).stream()
                .filter(r -> r.segment().equals("segment-000002.jsonl")).toList();
        assertTrue(second.size() >= 5, "segment 2 holds " + second.size() + " records");
        target = second.get(2);
        targetSegment = dir.resolve(target.segment());
        targetIndex = (int) target.line() - 1;
    }

    @BeforeEach
    void unkeyedLog() throws IOException {
        write(null);
    }

    private void edit(int index, UnaryOperator<String> change) throws IOException {
        List<String> lines = LogFiles.lines(targetSegment);
        lines.set(index, change.apply(lines.get(index)));
        LogFiles.writeLines(targetSegment, lines);
    }

    private LogProblem problem(byte[] key) throws IOException {
        VerificationReport report = LogVerifier.verify(dir, key);
        assertFalse(report.ok(), "tampering went unnoticed: " + report.summary());
        return report.problem();
    }

    private void assertPinpointed(LogProblem p, LogProblem.Kind kind, long seq, String segment, long line) {
        assertEquals(kind, p.kind(), p::toString);
        assertEquals(seq, p.sequence(), p::toString);
        assertEquals(segment, p.segment(), p::toString);
        assertEquals(line, p.line(), p::toString);
        assertTrue(p.explanation().endsWith("."), p.explanation());
    }

    /** Flips the lowest bit of the character at {@code index}. */
    private static String flip(String s, int index) {
        return s.substring(0, index) + (char) (s.charAt(index) ^ 1) + s.substring(index + 1);
    }

    /** Changes one hex digit of the value of {@code field}. */
    private static String changeHexDigit(String line, String field) {
        int at = line.indexOf("\"" + field + "\":\"") + field.length() + 4 + 10;
        char c = line.charAt(at);
        return line.substring(0, at) + (c == '0' ? '1' : '0') + line.substring(at + 1);
    }

    @Test
    void flippedPayloadByteIsAModifiedPayload() throws IOException {
        edit(targetIndex, line -> flip(line, line.indexOf("case-", line.indexOf("\"payload\":"))));
        assertPinpointed(problem(null), LogProblem.Kind.MODIFIED_PAYLOAD, target.seq(), target.segment(),
                target.line());
    }

    /**
     * The report of a log with a problem names, as its head, the last intact record: its sequence number and its
     * hash (this used to be 64 zeros whenever verification stopped at a problem inside the log).
     */
    @Test
    void reportOfATamperedLogNamesTheLastIntactRecord() throws IOException {
        LogRecord before = LogFiles.readAll(dir).stream().filter(r -> r.seq() == target.seq() - 1).findFirst()
                .orElseThrow();
        edit(targetIndex, line -> flip(line, line.indexOf("case-", line.indexOf("\"payload\":"))));
        VerificationReport report = LogVerifier.verify(dir, null);
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, report.problem().kind());
        assertEquals(target.seq() - 1, report.lastSequence());
        assertEquals(before.hash(), report.headHash());
    }

    @Test
    void changedHashIsAModifiedRecord() throws IOException {
        edit(targetIndex, line -> changeHexDigit(line, "hash"));
        assertPinpointed(problem(null), LogProblem.Kind.MODIFIED_RECORD, target.seq(), target.segment(),
                target.line());
    }

    @Test
    void changedTimeIsAModifiedRecord() throws IOException {
        edit(targetIndex, line -> line.replaceFirst("\"time\":\"(\\d{4})", "\"time\":\"1999"));
        assertPinpointed(problem(null), LogProblem.Kind.MODIFIED_RECORD, target.seq(), target.segment(),
                target.line());
    }

    @Test
    void changedPrevHashIsABrokenChain() throws IOException {
        edit(targetIndex, line -> changeHexDigit(line, "prevHash"));
        assertPinpointed(problem(null), LogProblem.Kind.BROKEN_CHAIN, target.seq(), target.segment(), target.line());
    }

    @Test
    void deletedLineIsAMissingRecord() throws IOException {
        List<String> lines = LogFiles.lines(targetSegment);
        lines.remove(targetIndex);
        LogFiles.writeLines(targetSegment, lines);
        LogProblem p = problem(null);
        // Reported where the deleted record should be: that line now holds the next one.
        assertPinpointed(p, LogProblem.Kind.MISSING_RECORD, target.seq(), target.segment(), target.line());
        assertTrue(p.explanation().contains("record " + (target.seq() + 1)), p.explanation());
    }

    @Test
    void deletedSegmentIsAMissingRecord() throws IOException {
        List<LogRecord> third = LogFiles.readAll(dir).stream()
                .filter(r -> r.segment().equals("segment-000003.jsonl")).toList();
        Files.delete(targetSegment);
        LogProblem p = problem(null);
        assertPinpointed(p, LogProblem.Kind.MISSING_RECORD, target.seq() - target.line() + 1, "segment-000003.jsonl",
                1);
        assertTrue(p.explanation().contains("record " + third.get(0).seq()), p.explanation());
    }

    @Test
    void swappedLinesAreReordered() throws IOException {
        List<String> lines = LogFiles.lines(targetSegment);
        String t = lines.get(targetIndex);
        lines.set(targetIndex, lines.get(targetIndex + 1));
        lines.set(targetIndex + 1, t);
        LogFiles.writeLines(targetSegment, lines);
        assertPinpointed(problem(null), LogProblem.Kind.INSERTED_OR_REORDERED, target.seq() + 1, target.segment(),
                target.line());
    }

    /** A record forged by the documented format: seq and prevHash of the target, correct digest and hash. */
    private static String forge(LogRecord target, byte[] attackerKey) {
        String payload = "{\"caseId\":\"forged\",\"i\":-1,\"thread\":9}";
        String digest = LogFiles.sha256Hex(payload.getBytes(UTF_8));
        String time = "2026-03-01T09:15:02.120Z";
        String hash = LogFiles.chainHash(attackerKey, target.prevHash(), Long.toString(target.seq()), time, "DECISION",
                digest);
        return "{\"seq\":" + target.seq() + ",\"time\":\"" + time + "\",\"type\":\"DECISION\",\"payloadDigest\":\""
                + digest + "\",\"prevHash\":\"" + target.prevHash() + "\",\"hash\":\"" + hash + "\",\"payload\":"
                + payload + "}";
    }

    @Test
    void insertedForgedLineIsCaughtWhereTheSequenceBreaks() throws IOException {
        List<String> lines = LogFiles.lines(targetSegment);
        lines.add(targetIndex, forge(target, null));
        LogFiles.writeLines(targetSegment, lines);
        // Unkeyed, the forged record is self-consistent; the genuine record after it repeats its seq.
        LogProblem p = problem(null);
        assertPinpointed(p, LogProblem.Kind.INSERTED_OR_REORDERED, target.seq(), target.segment(), target.line() + 1);
    }

    @Test
    void insertedForgedLineIsCaughtOnItsOwnLineInKeyedMode() throws IOException {
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        write(KEY);
        List<String> lines = LogFiles.lines(targetSegment);
        lines.add(targetIndex, forge(target, LogFiles.key(8)));
        LogFiles.writeLines(targetSegment, lines);
        assertPinpointed(problem(KEY), LogProblem.Kind.MODIFIED_RECORD, target.seq(), target.segment(),
                target.line());
    }

    @Test
    void unparseableLineInTheMiddle() throws IOException {
        edit(targetIndex, line -> line.substring(0, 40));
        LogProblem p = problem(null);
        assertPinpointed(p, LogProblem.Kind.UNPARSEABLE_LINE, target.seq(), target.segment(), target.line());
    }

    @Test
    void unknownFieldIsUnparseable() throws IOException {
        edit(targetIndex, line -> line.substring(0, line.length() - 1) + ",\"note\":\"added\"}");
        assertPinpointed(problem(null), LogProblem.Kind.UNPARSEABLE_LINE, target.seq(), target.segment(),
                target.line());
    }

    @Test
    void removedPayloadWithoutErasureMarkIsAModifiedPayload() throws IOException {
        edit(targetIndex, line -> line.substring(0, line.indexOf("\"payload\":")) + "\"payload\":null}");
        assertPinpointed(problem(null), LogProblem.Kind.MODIFIED_PAYLOAD, target.seq(), target.segment(),
                target.line());
    }

    private Path lastSegment() throws IOException {
        List<Segments.Seg> segs = Segments.list(dir);
        return segs.get(segs.size() - 1).path();
    }

    @Test
    void wholeLinesCutAfterACleanCloseAreTruncation() throws IOException {
        // Cut the last two lines of the log (the last record and the checkpoint), wherever they are.
        int toCut = 2;
        List<Segments.Seg> segs = Segments.list(dir);
        for (int k = segs.size() - 1; toCut > 0; k--) {
            List<String> lines = LogFiles.lines(segs.get(k).path());
            int cut = Math.min(toCut, lines.size());
            LogFiles.writeLines(segs.get(k).path(), lines.subList(0, lines.size() - cut));
            toCut -= cut;
        }
        Path last = lastSegment();
        long lastSeq = RECORDS + 1;
        LogProblem p = problem(null);
        assertPinpointed(p, LogProblem.Kind.TRUNCATED_AFTER_CHECKPOINT, lastSeq - 1, last.getFileName().toString(),
                LogFiles.lines(last).size() + 1);
        assertTrue(p.explanation().contains("HEAD names checkpoint " + lastSeq), p.explanation());
        // A log that does not verify is not appended to.
        assertThrows(LogIntegrityException.class, () -> DecisionLog.open(dir, LogOptions.defaults()));
    }

    @Test
    void cutMidLineAfterACleanCloseIsTruncation() throws IOException {
        Path last = lastSegment();
        byte[] bytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(bytes, bytes.length - 50));
        assertEquals(LogProblem.Kind.TRUNCATED_AFTER_CHECKPOINT, problem(null).kind());
    }

    @Test
    void deletedLastSegmentAfterACleanCloseIsTruncation() throws IOException {
        Path last = lastSegment();
        Files.delete(last);
        LogProblem p = problem(null);
        assertEquals(LogProblem.Kind.TRUNCATED_AFTER_CHECKPOINT, p.kind());
        assertNotNull(p.segment());
    }

    @Test
    void recordAppendedAfterACleanCloseContradictsHead() throws IOException {
        Path last = lastSegment();
        List<String> lines = LogFiles.lines(last);
        Matcher m = LogFiles.LINE.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches());
        String payload = "{\"caseId\":\"late\",\"i\":0,\"thread\":9}";
        String digest = LogFiles.sha256Hex(payload.getBytes(UTF_8));
        long seq = RECORDS + 2;
        String hash = LogFiles.chainHash(null, m.group(6), Long.toString(seq), m.group(2), "DECISION", digest);
        lines.add("{\"seq\":" + seq + ",\"time\":\"" + m.group(2) + "\",\"type\":\"DECISION\",\"payloadDigest\":\""
                + digest + "\",\"prevHash\":\"" + m.group(6) + "\",\"hash\":\"" + hash + "\",\"payload\":" + payload
                + "}");
        LogFiles.writeLines(last, lines);
        assertPinpointed(problem(null), LogProblem.Kind.BAD_HEAD, seq, last.getFileName().toString(), lines.size());
    }

    @Test
    void editedOrMissingHeadIsBad() throws IOException {
        Path head = dir.resolve("HEAD");
        String original = Files.readString(head);
        Files.writeString(head, original.replace("seq=" + (RECORDS + 1), "seq=" + RECORDS));
        LogProblem p = problem(null);
        assertPinpointed(p, LogProblem.Kind.BAD_HEAD, 0, "HEAD", 0);
        assertTrue(p.explanation().contains("does not match its content"), p.explanation());
        Files.delete(head);
        assertEquals(LogProblem.Kind.BAD_HEAD, problem(null).kind());
        assertThrows(LogIntegrityException.class, () -> DecisionLog.open(dir, LogOptions.defaults()));
    }

    @Test
    void recomputedUnkeyedChainIsNotDetectableWithoutAKey() throws IOException {
        edit(targetIndex, line -> line.replace("\"case-0-" + target.payload().get("i").intValue() + "\"",
                "\"case-0-EDITED\""));
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, problem(null).kind());
        LogFiles.recomputeChain(dir, null);
        // The documented limitation: someone who can write the folder can rewrite an unkeyed chain and HEAD
        // consistently. Only a key (or a HEAD copied elsewhere before the edit) exposes it.
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report::summary);
        assertEquals(RECORDS + 1, report.records());
        assertEquals("case-0-EDITED", LogFiles.readAll(dir).get((int) target.seq() - 1).payload().get("caseId")
                .textValue());
    }

    @Test
    void recomputedChainIsCaughtInKeyedModeAtTheEditedRecord() throws IOException {
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        write(KEY);
        edit(targetIndex, line -> line.replace("\"case-0-" + target.payload().get("i").intValue() + "\"",
                "\"case-0-EDITED\""));
        // The attacker does not have the key: recomputes with plain SHA-256 ...
        LogFiles.recomputeChain(dir, null);
        assertPinpointed(problem(KEY), LogProblem.Kind.MODIFIED_RECORD, 1, "segment-000001.jsonl", 1);
        // ... or with a guessed key, keeping records before the edit as they were: caught at the edit.
        Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        write(KEY);
        edit(targetIndex, line -> line.replace("\"case-0-" + target.payload().get("i").intValue() + "\"",
                "\"case-0-EDITED\""));
        recomputeFrom(target.seq(), LogFiles.key(9));
        LogProblem p = problem(KEY);
        assertPinpointed(p, LogProblem.Kind.MODIFIED_RECORD, target.seq(), target.segment(), target.line());
        assertTrue(p.explanation().contains("without the key"), p.explanation());
    }

    /** Like {@link LogFiles#recomputeChain} but leaving records before {@code fromSeq} untouched. */
    private void recomputeFrom(long fromSeq, byte[] attackerKey) throws IOException {
        String prev = null;
        String lastSeq = null;
        for (Segments.Seg seg : Segments.list(dir)) {
            List<String> lines = LogFiles.lines(seg.path());
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = LogFiles.LINE.matcher(lines.get(i));
                assertTrue(m.matches());
                long seq = Long.parseLong(m.group(1));
                if (seq < fromSeq) {
                    prev = m.group(6);
                    lastSeq = m.group(1);
                    continue;
                }
                String payload = m.group(3).equals("CHECKPOINT")
                        ? "{\"headHash\":\"" + prev + "\",\"lastSeq\":" + lastSeq + "}" : m.group(7);
                String digest = LogFiles.sha256Hex(payload.getBytes(UTF_8));
                String hash = LogFiles.chainHash(attackerKey, prev, m.group(1), m.group(2), m.group(3), digest);
                lines.set(i, "{\"seq\":" + m.group(1) + ",\"time\":\"" + m.group(2) + "\",\"type\":\"" + m.group(3)
                        + "\",\"payloadDigest\":\"" + digest + "\",\"prevHash\":\"" + prev + "\",\"hash\":\"" + hash
                        + "\",\"payload\":" + payload + "}");
                prev = hash;
                lastSeq = m.group(1);
            }
            LogFiles.writeLines(seg.path(), lines);
        }
        LogFiles.writeHead(dir, attackerKey, true, Long.parseLong(lastSeq), prev);
    }
}
