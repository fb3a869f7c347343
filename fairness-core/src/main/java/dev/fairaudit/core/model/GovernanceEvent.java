package dev.fairaudit.core.model;

/**
 * Something decided or noticed about the decision system itself, recorded with {@link DecisionEvents#governance}
 * as a GOVERNANCE record with {@code time}, {@code kind} and the event's fields under their component names.
 *
 * <p>{@code approver} names the accountable role or official as the organisation publishes it ("head of
 * enforcement"), and is written as given: unlike subjects and reviewers, whose identifiers are pseudonymised,
 * approvers act in a public capacity and the point of the record is to show who was accountable.
 */
public sealed interface GovernanceEvent {

    /** The kinds of governance event, written as {@code kind}. */
    enum Kind {
        /** A model version was put into use. */
        MODEL_DEPLOYED,
        /** A setting (a threshold, a share of random controls) was changed. */
        CONFIGURATION_CHANGED,
        /** A documented decision about which data are collected or how cases are selected. */
        DATA_OR_SELECTION_DECISION,
        /** Monitoring raised an alert (a selection rate ratio crossed its threshold, say). */
        MONITORING_ALERT,
        /** A model was suspended. */
        SUSPENSION
    }

    /** The kind of event. */
    Kind kind();

    /**
     * A model version was put into use.
     *
     * @param modelId      the model, as in its decision records
     * @param modelVersion the version, as in its decision records
     * @param approver     who approved the deployment
     */
    record ModelDeployed(String modelId, String modelVersion, String approver) implements GovernanceEvent {
        /** Validates. */
        public ModelDeployed {
            Json.requireText(modelId, "modelId");
            Json.requireText(modelVersion, "modelVersion");
            Json.requireText(approver, "approver");
        }

        @Override
        public Kind kind() {
            return Kind.MODEL_DEPLOYED;
        }
    }

    /**
     * A setting was changed.
     *
     * @param key      the setting
     * @param oldValue its value before, or null when it was not set
     * @param newValue its value after, or null when it was removed
     * @param reason   why
     * @param approver who approved the change
     */
    record ConfigurationChanged(String key, String oldValue, String newValue, String reason, String approver)
            implements GovernanceEvent {
        /** Validates. */
        public ConfigurationChanged {
            Json.requireText(key, "key");
            Json.requireText(reason, "reason");
            Json.requireText(approver, "approver");
        }

        @Override
        public Kind kind() {
            return Kind.CONFIGURATION_CHANGED;
        }
    }

    /**
     * A documented decision about data collection or selection.
     *
     * @param text     the decision, in words
     * @param approver who took it
     */
    record DataOrSelectionDecision(String text, String approver) implements GovernanceEvent {
        /** Validates. */
        public DataOrSelectionDecision {
            Json.requireText(text, "text");
            Json.requireText(approver, "approver");
        }

        @Override
        public Kind kind() {
            return Kind.DATA_OR_SELECTION_DECISION;
        }
    }

    /**
     * Monitoring raised an alert.
     *
     * @param source  what raised it (a monitoring job, an audit)
     * @param message what it says
     */
    record MonitoringAlert(String source, String message) implements GovernanceEvent {
        /** Validates. */
        public MonitoringAlert {
            Json.requireText(source, "source");
            Json.requireText(message, "message");
        }

        @Override
        public Kind kind() {
            return Kind.MONITORING_ALERT;
        }
    }

    /**
     * A model was suspended.
     *
     * @param modelId  the model, as in its decision records
     * @param reason   why
     * @param approver who decided
     */
    record Suspension(String modelId, String reason, String approver) implements GovernanceEvent {
        /** Validates. */
        public Suspension {
            Json.requireText(modelId, "modelId");
            Json.requireText(reason, "reason");
            Json.requireText(approver, "approver");
        }

        @Override
        public Kind kind() {
            return Kind.SUSPENSION;
        }
    }
}
