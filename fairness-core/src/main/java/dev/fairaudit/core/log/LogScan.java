package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;

/**
 * One walk over a log folder: checks every line in order and stops at the first problem. Shared by
 * {@link LogVerifier} (which reports) and {@link DecisionLog#open} (which recovers from a torn tail and refuses
 * everything else).
 */
final class LogScan {

    final Path dir;
    Head.Read headRead;
    /** HEAD when it is present, well-formed, matches its check value and the chain mode; else null. */
    Head head;
    List<Segments.Seg> segments;

    long records;
    long erased;
    long lastSeq;
    byte[] lastHash = ChainHasher.ZERO;
    String lastHashHex = Hex.ZERO_HASH;
    /** Where the last intact record is: its segment (index into {@link #segments}) and line. */
    int lastSegIndex = -1;
    long lastLine;

    /** A torn tail: its segment, line, first byte and length; null segment when there is none. */
    Segments.Seg tornSegment;
    long tornLine;
    long tornOffset;
    long tornBytes;
    String tornWhy;

    LogProblem problem;
    boolean closedCleanly;

    private LogScan(Path dir) {
        this.dir = dir;
    }

    VerificationReport report() {
        return new VerificationReport(records, erased, segments.size(), lastSeq, lastHashHex, closedCleanly, problem);
    }

    /**
     * Walks the log.
     *
     * @throws IllegalArgumentException when HEAD says the log is keyed and no key is given
     */
    static LogScan run(Path dir, byte[] keyOrNull) throws IOException {
        return run(dir, keyOrNull, true);
    }

    /**
     * Walks the log, with {@code fast} false every line the strict way ({@link LineParser} and the payload
     * canonicalised again): the reference the fast path is tested against, which must report the same.
     */
    static LogScan run(Path dir, byte[] keyOrNull, boolean fast) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (no decision log folder there)");
        }
        LogScan s = new LogScan(dir);
        s.walk(keyOrNull, fast ? new LineScanner() : null);
        return s;
    }

    /** Walks the log; lines go through {@code scanner} first when it is not null (section 11, fast path). */
    private void walk(byte[] key, LineScanner scanner) throws IOException {
        headRead = Head.read(dir);
        Head parsed = headRead.head();
        if (parsed != null && parsed.keyed() && key == null) {
            throw new IllegalArgumentException("decision log at " + dir + " is keyed (HEAD says chain=hmac-sha256);"
                    + " it can only be verified with its key");
        }
        ChainHasher hasher = new ChainHasher(key);
        String headError;
        // a keyed HEAD whose HMAC fails under the key given: with a first record that fails too, the key is wrong
        boolean headMacFailed = false;
        if (!headRead.present()) {
            headError = "HEAD is missing, so the end of the log cannot be checked";
        } else if (headRead.error() != null) {
            headError = headRead.error();
        } else if (parsed.keyed() != (key != null)) {
            headError = "HEAD says the chain is plain SHA-256, but the log is being verified with a key";
        } else if (!headRead.macValid(hasher)) {
            headMacFailed = key != null;
            headError = key != null ? "HEAD's HMAC does not match its content: it was edited, or the key is wrong"
                    : "HEAD's SHA-256 does not match its content: it was edited or damaged";
        } else {
            headError = null;
            head = parsed;
        }

        segments = Segments.list(dir);
        long expected = 1;
        Bytes canon = new Bytes(1024);
        String afterCloseSegment = null;
        long afterCloseLine = 0;
        outer:
        for (int si = 0; si < segments.size(); si++) {
            Segments.Seg seg = segments.get(si);
            boolean lastSeg = si == segments.size() - 1;
            try (LineReader r = new LineReader(seg.path())) {
                while (r.next()) {
                    long line = r.lineNumber();
                    ParsedLine pl;
                    try {
                        if (r.tooLong()) {
                            throw new LineFormatException("the line is longer than " + LineReader.MAX_LINE + " bytes");
                        }
                        pl = scanner == null ? null : scanner.scan(r.buf(), r.off(), r.len());
                        if (pl == null) {
                            pl = LineParser.parse(r.buf(), r.off(), r.len());
                        }
                        if (!r.terminated()) {
                            throw new LineFormatException("the line has no trailing newline");
                        }
                    } catch (LineFormatException e) {
                        if (lastSeg && r.atEnd()) {
                            tornSegment = seg;
                            tornLine = line;
                            tornOffset = r.lineStart();
                            tornBytes = r.size() - r.lineStart();
                            tornWhy = e.getMessage();
                            break outer;
                        }
                        problem = new LogProblem(LogProblem.Kind.UNPARSEABLE_LINE, expected, seg.name(), line,
                                "The line where record " + expected + " should be is not a record: " + e.getMessage()
                                        + ".");
                        return;
                    }
                    long seq = pl.seq();
                    if (seq != expected) {
                        problem = sequenceProblem(seq, expected, si, seg, line);
                        return;
                    }
                    if (!pl.prevHash().equals(lastHashHex)) {
                        problem = new LogProblem(LogProblem.Kind.BROKEN_CHAIN, seq, seg.name(), line,
                                "Record " + seq + "'s prevHash is not the hash of record " + (seq - 1)
                                        + ": the chain is broken here.");
                        return;
                    }
                    byte[] h = hasher.next(lastHash, seq, pl.timeText(), pl.type().name(), pl.payloadDigest());
                    String hHex = Hex.of(h);
                    if (!ChainHasher.same(hHex, pl.hash())) {
                        String mismatch = "Record " + seq + "'s hash does not match its seq, time, type and"
                                + " payloadDigest" + (hasher.keyed() ? " under the key" : "");
                        problem = new LogProblem(LogProblem.Kind.MODIFIED_RECORD, seq, seg.name(), line,
                                seq == 1 && headMacFailed
                                        // every keyed hash fails with a wrong key: say so, not only "changed"
                                        ? mismatch + ", and neither does HEAD's HMAC: most likely the key is not this"
                                                + " log's key (or the whole log and HEAD were rewritten without it)."
                                        : mismatch + ": the record or its hash was changed"
                                                + (hasher.keyed() ? " (or the chain was recomputed without the key)"
                                                        : "")
                                                + ".");
                        return;
                    }
                    if (pl.payloadVerified()) {
                        // canonical bytes whose SHA-256 is payloadDigest: what the strict path would find
                    } else if (pl.payload() != null) {
                        canon.clear();
                        CanonicalJson.write(pl.payload(), canon);
                        String digest = Hex.of(hasher.sha256(canon.buf, 0, canon.len));
                        if (!digest.equals(pl.payloadDigest())) {
                            problem = new LogProblem(LogProblem.Kind.MODIFIED_PAYLOAD, seq, seg.name(), line,
                                    "Record " + seq + "'s payload does not match its payloadDigest: the payload was"
                                            + " changed.");
                            return;
                        }
                        if (pl.type() == RecordType.CHECKPOINT && !checkpointConsistent(pl.payload(), seq, lastHashHex)) {
                            problem = new LogProblem(LogProblem.Kind.MODIFIED_RECORD, seq, seg.name(), line,
                                    "Checkpoint " + seq + " does not name the record before it (lastSeq " + (seq - 1)
                                            + " and its hash).");
                            return;
                        }
                    } else if (pl.erasedReason() == null) {
                        problem = new LogProblem(LogProblem.Kind.MODIFIED_PAYLOAD, seq, seg.name(), line,
                                "Record " + seq + "'s payload is null but the record is not marked erased: the"
                                        + " payload was removed.");
                        return;
                    } else {
                        erased++;
                    }
                    if (head != null && head.seq() == seq
                            && (pl.type() != RecordType.CHECKPOINT || !ChainHasher.same(hHex, head.hash()))) {
                        problem = new LogProblem(LogProblem.Kind.BAD_HEAD, seq, seg.name(), line,
                                "HEAD names checkpoint " + seq + " with hash " + head.hash().substring(0, 12)
                                        + "..., but record " + seq + " is a " + pl.type() + " with hash "
                                        + hHex.substring(0, 12) + "...: the log and HEAD disagree.");
                        return;
                    }
                    if (head != null && head.closed() && seq == head.seq() + 1) {
                        afterCloseSegment = seg.name();
                        afterCloseLine = line;
                    }
                    records++;
                    lastSeq = seq;
                    // the head so far: the previous hash of the next line, and the report's head when a later line
                    // stops the walk with a problem
                    lastHash = h;
                    lastHashHex = hHex;
                    lastSegIndex = si;
                    lastLine = line;
                    expected++;
                }
            }
        }

        if (headError != null && (headRead.present() || !segments.isEmpty())) {
            problem = new LogProblem(LogProblem.Kind.BAD_HEAD, 0, Head.FILE, 0, headError + ".");
            return;
        }
        String endSegment = segments.isEmpty() ? "(no segment)" : segments.get(segments.size() - 1).name();
        if (head != null && head.seq() > lastSeq) {
            long line = lastSegIndex == segments.size() - 1 ? lastLine + 1 : 1;
            problem = new LogProblem(LogProblem.Kind.TRUNCATED_AFTER_CHECKPOINT, lastSeq + 1,
                    tornSegment != null ? tornSegment.name() : endSegment, tornSegment != null ? tornLine : line,
                    "HEAD names checkpoint " + head.seq() + ", but the intact log ends at record " + lastSeq
                            + ": records " + (lastSeq + 1) + " to " + head.seq() + " were cut off.");
            return;
        }
        if (head != null && head.closed() && lastSeq > head.seq()) {
            problem = new LogProblem(LogProblem.Kind.BAD_HEAD, head.seq() + 1, afterCloseSegment, afterCloseLine,
                    "HEAD says the log was closed at checkpoint " + head.seq() + ", but records " + (head.seq() + 1)
                            + " to " + lastSeq + " follow it: they were added without opening the log.");
            return;
        }
        if (tornSegment != null) {
            problem = new LogProblem(LogProblem.Kind.TORN_TAIL, lastSeq + 1, tornSegment.name(), tornLine,
                    "The last " + tornBytes + " bytes are not a complete record (" + tornWhy + ")"
                            + (head != null && head.closed()
                                    ? ", although HEAD says the log was closed cleanly, so a crash did not leave them."
                                    : ": HEAD says the log is open, so either a writer was writing this record"
                                            + " while the log was read (verify again once it has finished, or"
                                            + " verify a copy taken while the log is closed), or a crash during a"
                                            + " write left them, and DecisionLog.open cuts them off."));
            return;
        }
        closedCleanly = head != null && head.closed() && head.seq() == lastSeq;
    }

    private static boolean checkpointConsistent(JsonNode payload, long seq, String prevHex) {
        JsonNode last = payload.get("lastSeq");
        JsonNode hash = payload.get("headHash");
        return payload.size() == 2 && last != null && last.canConvertToLong() && last.isIntegralNumber()
                && last.longValue() == seq - 1 && hash != null && hash.isTextual() && prevHex.equals(hash.textValue());
    }

    /** A sequence number other than the expected one: deleted, or inserted/reordered? */
    private LogProblem sequenceProblem(long seq, long expected, int si, Segments.Seg seg, long line)
            throws IOException {
        if (seq > expected && !appearsLater(expected, si, line)) {
            return new LogProblem(LogProblem.Kind.MISSING_RECORD, expected, seg.name(), line,
                    "Record " + expected + (seq > expected + 1 ? " to " + (seq - 1) + " are" : " is")
                            + " missing: the line where it should be holds record " + seq
                            + " and it appears nowhere later, so it was deleted.");
        }
        if (seq > expected) {
            return new LogProblem(LogProblem.Kind.INSERTED_OR_REORDERED, seq, seg.name(), line,
                    "Record " + seq + " comes where record " + expected + " should be, and record " + expected
                            + " appears later: lines were reordered or a record was inserted.");
        }
        return new LogProblem(LogProblem.Kind.INSERTED_OR_REORDERED, seq, seg.name(), line,
                "Record " + seq + " follows record " + (expected - 1)
                        + ", but sequence numbers must increase by one: a record was inserted or lines were"
                        + " reordered.");
    }

    /** Whether a record with sequence number {@code wanted} comes after line {@code afterLine} of segment si. */
    private boolean appearsLater(long wanted, int si, long afterLine) throws IOException {
        for (int k = si; k < segments.size(); k++) {
            try (LineReader r = new LineReader(segments.get(k).path())) {
                while (r.next()) {
                    if (k == si && r.lineNumber() <= afterLine) {
                        continue;
                    }
                    if (r.tooLong()) {
                        continue;
                    }
                    try {
                        if (LineParser.parse(r.buf(), r.off(), r.len()).seq() == wanted) {
                            return true;
                        }
                    } catch (LineFormatException e) {
                        // not a record; keep looking
                    }
                }
            }
        }
        return false;
    }
}
