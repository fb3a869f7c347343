package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Erases payloads whose retention has ended, keeping the chain verifiable. Each matching record keeps its
 * {@code seq}, {@code time}, {@code type}, {@code payloadDigest}, {@code prevHash} and {@code hash}; its
 * payload becomes {@code null} and it gains {@code "erased":{"reason":...}}. Because the chain covers the
 * payload only through its digest, {@link LogVerifier} still verifies every hash (it reports erased records
 * and cannot check their digests). {@code CHECKPOINT} records are never erased; they hold no personal data.
 *
 * <p>Each segment that changes is rewritten to a temporary file, forced, and renamed over the original, so a
 * crash leaves every segment either as it was or fully rewritten; running the eraser again finishes the job.
 * The log must not be open for writing (the eraser takes its lock). Verify the log before and after erasing:
 * the eraser checks that every line is a well-formed record, not the chain.
 */
public final class LogEraser {

    private LogEraser() {
    }

    /**
     * Erases the payloads of the records {@code expired} accepts.
     *
     * @param dir     the log folder
     * @param expired which records to erase; it sees each record with its payload (records already erased are
     *                skipped and not counted)
     * @param reason  why, written into each erased record (for example {@code "retention 5 years ended"})
     * @return the number of payloads erased
     * @throws LogIntegrityException    when a line is not a well-formed record (segments before it may already be
     *                                  rewritten)
     * @throws IOException              when the log is open elsewhere or cannot be rewritten
     * @throws IllegalArgumentException when the reason is blank
     */
    public static int erasePayloads(Path dir, Predicate<LogRecord> expired, String reason) throws IOException {
        Objects.requireNonNull(expired, "expired");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason is required, was " + (reason == null ? "null" : "blank"));
        }
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (no decision log folder there)");
        }
        int erased = 0;
        LogLock lock = LogLock.acquire(dir);
        try {
            for (Segments.Seg seg : Segments.list(dir)) {
                erased += eraseSegment(dir, seg, expired, reason);
            }
        } finally {
            lock.close();
        }
        return erased;
    }

    private static int eraseSegment(Path dir, Segments.Seg seg, Predicate<LogRecord> expired, String reason)
            throws IOException {
        Path tmp = dir.resolve(seg.name() + ".erasing");
        int erased = 0;
        Bytes out = new Bytes(1 << 16);
        boolean done = false;
        try (LineReader r = new LineReader(seg.path());
                FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            while (r.next()) {
                ParsedLine pl;
                try {
                    if (r.tooLong()) {
                        throw new LineFormatException("the line is longer than " + LineReader.MAX_LINE + " bytes");
                    }
                    if (!r.terminated()) {
                        throw new LineFormatException("the segment ends without a newline (a torn tail: open and"
                                + " close the log with DecisionLog to recover it first)");
                    }
                    pl = LineParser.parse(r.buf(), r.off(), r.len());
                } catch (LineFormatException e) {
                    throw new LogIntegrityException(dir, new LogProblem(LogProblem.Kind.UNPARSEABLE_LINE, 0, seg.name(),
                            r.lineNumber(), "The line is not a record: " + e.getMessage() + "."));
                }
                if (pl.payload() != null && pl.type() != RecordType.CHECKPOINT
                        && expired.test(pl.toRecord(seg.name(), r.lineNumber()))) {
                    LineFormat.line(out, pl.seq(), pl.timeText(), pl.type().name(), pl.payloadDigest(), pl.prevHash(),
                            pl.hash(), null, reason);
                    erased++;
                } else {
                    out.write(r.buf(), r.off(), r.len());
                    out.write('\n');
                }
                if (out.len >= 1 << 16) {
                    write(ch, out);
                }
            }
            write(ch, out);
            if (erased > 0) {
                ch.force(true);
            }
            done = true;
        } finally {
            if (!done || erased == 0) {
                Files.deleteIfExists(tmp);
            }
        }
        if (erased > 0) {
            Files.move(tmp, seg.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Segments.fsyncDir(dir);
        }
        return erased;
    }

    private static void write(FileChannel ch, Bytes out) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(out.buf, 0, out.len);
        while (b.hasRemaining()) {
            ch.write(b);
        }
        out.clear();
    }
}
