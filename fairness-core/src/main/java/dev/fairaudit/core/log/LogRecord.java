package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One record read back from a log.
 *
 * @param seq           sequence number, from 1, without gaps
 * @param time          when the writer wrote it (the writer's clock, millisecond precision)
 * @param type          what it is about
 * @param payloadDigest SHA-256 of the payload's canonical bytes (hex)
 * @param prevHash      the previous record's hash (hex; 64 zeros for the first)
 * @param hash          this record's chain hash (hex)
 * @param payload       the payload, or null when erased; a fresh tree per record, the caller may keep it
 * @param erasedReason  why the payload was erased, or null when it was not
 * @param segment       the segment file it was read from
 * @param line          the 1-based line in that segment
 */
public record LogRecord(long seq, Instant time, RecordType type, String payloadDigest, String prevHash, String hash,
        ObjectNode payload, String erasedReason, String segment, long line) {

    /** @return whether the payload was erased */
    public boolean erased() {
        return erasedReason != null;
    }
}
