package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** One record line as parsed, with the time as written (the chain covers the text, not the instant). */
record ParsedLine(long seq, String timeText, Instant time, RecordType type, String payloadDigest,
        String prevHash, String hash, ObjectNode payload, String erasedReason) {

    LogRecord toRecord(String segment, long line) {
        return new LogRecord(seq, time, type, payloadDigest, prevHash, hash, payload, erasedReason, segment, line);
    }
}
