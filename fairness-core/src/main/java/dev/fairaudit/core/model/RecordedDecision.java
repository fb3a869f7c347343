package dev.fairaudit.core.model;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A decision and how it was recorded, from {@link AuditedModel#decideRecorded}: the id to attach later facts to
 * (outcomes, reviews, appeals, see {@link DecisionEvents}) and the commit of its DECISION record.
 *
 * @param decisionId the decision's id, as in its DECISION record
 * @param output     what the model (or, on the RANDOM route, the random arm) decided; may be null when the
 *                   model returned null
 * @param route      the route the case came through
 * @param commit     completes with the DECISION record's sequence number once it is durable, or exceptionally
 *                   when it could not be written; already complete when the model is fail-closed
 * @param <O>        the model's output
 */
public record RecordedDecision<O>(String decisionId, O output, SelectionRoute route,
        CompletableFuture<Long> commit) {

    /** Validates. */
    public RecordedDecision {
        Json.requireText(decisionId, "decisionId");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(commit, "commit");
    }
}
