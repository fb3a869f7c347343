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
 * @param attributeLog   the verification of the protected-attribute log the audit joined, or null (none, or
 *                       this is that log's own verification); the audit read each log up to its
 *                       {@code lastSequence}
 */
public record LogVerification(boolean ok, long records, long erasedPayloads, int segments, long lastSequence,
        String headHash, boolean closedCleanly, LogVerification attributeLog) {

    /** A log's verification without a protected-attribute log. */
    public LogVerification(boolean ok, long records, long erasedPayloads, int segments, long lastSequence,
            String headHash, boolean closedCleanly) {
        this(ok, records, erasedPayloads, segments, lastSequence, headHash, closedCleanly, null);
    }

    /** Refuses an attribute log's verification that names one of its own. */
    public LogVerification {
        if (attributeLog != null && attributeLog.attributeLog() != null) {
            throw new IllegalArgumentException("a protected-attribute log has no attribute log of its own");
        }
    }

    /** This verification with the protected-attribute log's. */
    public LogVerification withAttributeLog(LogVerification attributes) {
        return new LogVerification(ok, records, erasedPayloads, segments, lastSequence, headHash, closedCleanly,
                attributes);
    }
}
