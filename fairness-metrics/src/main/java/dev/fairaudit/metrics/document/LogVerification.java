package dev.fairaudit.metrics.document;

/**
 * The verification of the decision log an audit read (a copy of the verifier's report, so the metrics module
 * does not depend on how logs are verified).
 *
 * @param ok             whether the whole log verified (an audit only reads a log that does)
 * @param records        records checked and found intact
 * @param erasedPayloads records whose payload was erased (their digests cannot be checked)
 * @param segments       segment files
 * @param lastSequence   the sequence number of the last intact record
 * @param headHash       the hash of the last intact record
 * @param closedCleanly  whether the log was closed cleanly
 */
public record LogVerification(boolean ok, long records, long erasedPayloads, int segments, long lastSequence,
        String headHash, boolean closedCleanly) {
}
