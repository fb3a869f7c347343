package dev.fairaudit.core.log;

import java.util.Optional;

/**
 * What {@link LogVerifier#verify} found. When there is a problem, the counts cover the records before it.
 *
 * @param records        records checked and found intact (including {@code CHECKPOINT} records)
 * @param erasedPayloads of those, records whose payload was erased (their digests cannot be checked)
 * @param segments       segment files in the folder
 * @param lastSequence   the sequence number of the last intact record, 0 for an empty log
 * @param headHash       the hash of the last intact record (64 zeros for an empty log)
 * @param closedCleanly  whether {@code HEAD} says the log was closed and its last record is that close's
 *                       checkpoint; false while a log is open or after a crash
 * @param problem        the first problem, or null when the log verifies
 */
public record VerificationReport(long records, long erasedPayloads, int segments, long lastSequence,
        String headHash, boolean closedCleanly, LogProblem problem) {

    /** @return whether the whole log verified */
    public boolean ok() {
        return problem == null;
    }

    /** @return the first problem, if any */
    public Optional<LogProblem> firstProblem() {
        return Optional.ofNullable(problem);
    }

    /** @return one line for people: OK with counts, or the problem */
    public String summary() {
        if (problem != null) {
            return "FAILED after " + records + " intact records: " + problem;
        }
        return "OK: " + records + " records (" + erasedPayloads + " with erased payloads) in " + segments
                + " segments, last seq " + lastSequence + ", head hash " + headHash
                + (closedCleanly ? ", closed cleanly" : ", not closed cleanly (open, or the writer crashed)");
    }
}
