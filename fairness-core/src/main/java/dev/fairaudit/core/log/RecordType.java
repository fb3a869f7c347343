package dev.fairaudit.core.log;

/** What a log record is about. */
public enum RecordType {
    /** A decision by a wrapped model (or a human) about one case. */
    DECISION,
    /** A later fact about a decision: the outcome of a control (found, not found, could not be established). */
    OUTCOME,
    /** A human review or override of a decision. */
    REVIEW,
    /** An objection or appeal against a decision. */
    APPEAL,
    /**
     * A governance event: model deployed, configuration or threshold changed, a documented decision about data
     * collection or selection, a monitoring alert, a suspension.
     */
    GOVERNANCE,
    /** Protected attributes of a case, for bias monitoring only; written to a separate log. */
    PROTECTED_ATTRIBUTES,
    /** Written when the log is closed: the last sequence number and head hash before it. */
    CHECKPOINT
}
