package dev.fairaudit.core.model;

/**
 * A decision could not be recorded, so it must not be acted on: the log refused the record (it was full or
 * unavailable) or, for a fail-closed {@link AuditedModel}, the record's commit failed. The cause says why.
 */
public final class DecisionNotRecordedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String decisionId;

    /**
     * @param decisionId the id the decision would have had
     * @param message    what was not recorded and why
     * @param cause      the log's exception
     */
    public DecisionNotRecordedException(String decisionId, String message, Throwable cause) {
        super(message, cause);
        this.decisionId = decisionId;
    }

    /** The id the decision would have had; a record with this id may exist if only its commit failed. */
    public String decisionId() {
        return decisionId;
    }
}
