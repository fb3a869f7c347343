package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One record line as parsed, with the time as written (the chain covers the text, not the instant).
 *
 * @param payload         the payload as a tree; null when it is null on the line, or when {@code payloadVerified}
 * @param payloadVerified the line went {@link LineScanner}'s fast way: its payload is canonical and matches
 *                        {@code payloadDigest}, and no tree was built
 */
record ParsedLine(long seq, String timeText, Instant time, RecordType type, String payloadDigest,
        String prevHash, String hash, ObjectNode payload, String erasedReason, boolean payloadVerified) {

    /** A line parsed strictly, payload as a tree. */
    ParsedLine(long seq, String timeText, Instant time, RecordType type, String payloadDigest, String prevHash,
            String hash, ObjectNode payload, String erasedReason) {
        this(seq, timeText, time, type, payloadDigest, prevHash, hash, payload, erasedReason, false);
    }

    LogRecord toRecord(String segment, long line) {
        return new LogRecord(seq, time, type, payloadDigest, prevHash, hash, payload, erasedReason, segment, line);
    }
}
