package dev.fairaudit.core.log;

import java.util.Objects;

/**
 * The first problem {@link LogVerifier} found in a log, pinpointed.
 *
 * @param kind        what kind of problem
 * @param sequence    the sequence number of the record concerned: as written on the line, or for
 *                    {@link Kind#MISSING_RECORD}, {@link Kind#UNPARSEABLE_LINE}, {@link Kind#TORN_TAIL} and
 *                    {@link Kind#TRUNCATED_AFTER_CHECKPOINT} the one expected there; 0 when the problem is not
 *                    tied to a record (a damaged {@code HEAD} file)
 * @param segment     the segment file name, e.g. {@code segment-000003.jsonl}, or {@code HEAD}
 * @param line        the 1-based line in that file, or 0 when not tied to a line
 * @param explanation one sentence saying what was found and what it means
 */
public record LogProblem(Kind kind, long sequence, String segment, long line, String explanation) {

    /** The kinds of problem, each with what typically causes it. */
    public enum Kind {
        /** The payload does not match its {@code payloadDigest}: the payload was edited. */
        MODIFIED_PAYLOAD,
        /**
         * The record's {@code hash} does not match its sequence number, time, type and payload digest: one of
         * those or the hash itself was edited (or, in keyed mode, recomputed without the key).
         */
        MODIFIED_RECORD,
        /** The record's {@code prevHash} is not the hash of the record before it. */
        BROKEN_CHAIN,
        /** The sequence number jumps forward and the skipped record appears nowhere later: it was deleted. */
        MISSING_RECORD,
        /** The sequence number does not increase by one and the skipped ones appear later: inserted or swapped. */
        INSERTED_OR_REORDERED,
        /** {@code HEAD} names a checkpoint beyond the end of the log: records after it were cut off. */
        TRUNCATED_AFTER_CHECKPOINT,
        /**
         * The last line of the last segment is incomplete (no newline, or not parseable): what a crash during a
         * write leaves. {@link DecisionLog#open} cuts it off when the log was not closed cleanly.
         */
        TORN_TAIL,
        /** A line that is not a well-formed record, other than a torn tail. */
        UNPARSEABLE_LINE,
        /**
         * {@code HEAD} is missing, malformed, fails its own check value, or disagrees with the log (names another
         * hash, or says the log was closed while records follow the close).
         */
        BAD_HEAD
    }

    /** Validates. */
    public LogProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(explanation, "explanation");
    }

    /** @return e.g. {@code MISSING_RECORD at seq 17 (segment-000002.jsonl line 5): ...} */
    @Override
    public String toString() {
        return kind + " at seq " + sequence + " (" + segment + (line > 0 ? " line " + line : "") + "): "
                + explanation;
    }
}
