package dev.fairaudit.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.RecordType;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Records what happens after a decision (its outcome, reviews, appeals) and governance events, on the same
 * {@link LogSink} as the decisions. Later facts name the decision by the id from
 * {@link AuditedModel#decideRecorded} (or from its DECISION record).
 *
 * <p>Every record has {@code time} from the clock, written as in DECISION records; the other fields are
 * listed per method.
 * Reviewer identifiers are pseudonymised with the given {@link Pseudonymizer}. Each method returns the sink's
 * commit; when the sink refuses a record, its exception ({@link dev.fairaudit.core.log.LogFullException},
 * {@link dev.fairaudit.core.log.LogUnavailableException}) propagates unchanged. Thread-safe when the sink is.
 */
public final class DecisionEvents {

    private final LogSink sink;
    private final Pseudonymizer reviewers;
    private final Clock clock;

    /**
     * @param sink      where the records go, normally the decisions' sink
     * @param reviewers pseudonymises reviewer identifiers
     * @param clock     the clock for {@code time}
     */
    public DecisionEvents(LogSink sink, Pseudonymizer reviewers, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.reviewers = Objects.requireNonNull(reviewers, "reviewers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * With the system clock in UTC.
     *
     * @param sink      where the records go
     * @param reviewers pseudonymises reviewer identifiers
     */
    public DecisionEvents(LogSink sink, Pseudonymizer reviewers) {
        this(sink, reviewers, Clock.systemUTC());
    }

    /**
     * Records what a control of the decided case established: an OUTCOME record with {@code decisionId},
     * {@code time}, {@code outcome} and {@code details} (an object, converted as
     * {@link AuditedModel.Builder#features} converts features). Details must not hold raw identifiers.
     *
     * @param decisionId the decision
     * @param outcome    what the control established
     * @param details    further facts (amount recovered, kind of irregularity); may be empty
     * @return the commit
     */
    public CompletableFuture<Long> outcome(String decisionId, Outcome outcome, Map<String, ?> details) {
        ObjectNode r = start(decisionId);
        r.put("outcome", Objects.requireNonNull(outcome, "outcome").name());
        r.set("details", Json.objectOf(Objects.requireNonNull(details, "details")));
        return sink.append(RecordType.OUTCOME, r);
    }

    /**
     * Records a human review of a decision: a REVIEW record with {@code decisionId}, {@code time},
     * {@code reviewer} (pseudonym), {@code reasonCode}, {@code overriddenDecision} (the reviewer's decision
     * when it replaced the model's, otherwise null) and {@code fieldsSeen} (which fields the reviewer saw, so
     * an audit can tell whether a protected attribute was in view).
     *
     * @param decisionId         the decision
     * @param reviewerId         the reviewer's raw identifier; written only as its pseudonym
     * @param reasonCode         the reason for the review's result
     * @param overriddenDecision the decision that replaced the model's, or null when the review confirmed it
     * @param fieldsSeen         the names of the fields the reviewer saw; may be empty
     * @return the commit
     */
    public CompletableFuture<Long> review(String decisionId, String reviewerId, String reasonCode,
            Boolean overriddenDecision, List<String> fieldsSeen) {
        ObjectNode r = start(decisionId);
        r.put("reviewer", reviewers.pseudonym(Json.requireText(reviewerId, "reviewerId")));
        r.put("reasonCode", Json.requireText(reasonCode, "reasonCode"));
        r.put("overriddenDecision", overriddenDecision);
        ArrayNode seen = r.putArray("fieldsSeen");
        for (String field : Objects.requireNonNull(fieldsSeen, "fieldsSeen")) {
            seen.add(Json.requireText(field, "a name in fieldsSeen"));
        }
        return sink.append(RecordType.REVIEW, r);
    }

    /**
     * Records where an objection or appeal stands: an APPEAL record with {@code decisionId}, {@code time},
     * {@code status} and {@code reasonCode} (absent when null).
     *
     * @param decisionId the decision appealed against
     * @param status     where the appeal stands
     * @param reasonCode the grounds or the reason for the result, or null
     * @return the commit
     */
    public CompletableFuture<Long> appeal(String decisionId, AppealStatus status, String reasonCode) {
        ObjectNode r = start(decisionId);
        r.put("status", Objects.requireNonNull(status, "status").name());
        if (reasonCode != null) {
            r.put("reasonCode", Json.requireText(reasonCode, "reasonCode"));
        }
        return sink.append(RecordType.APPEAL, r);
    }

    /**
     * Records a governance event: a GOVERNANCE record with {@code time}, {@code kind} and then the event's
     * components by name, in declaration order (null values written as null).
     *
     * @param event the event
     * @return the commit
     */
    public CompletableFuture<Long> governance(GovernanceEvent event) {
        Objects.requireNonNull(event, "event");
        ObjectNode r = Json.object();
        r.put("time", Json.now(clock));
        r.put("kind", event.kind().name());
        // every permitted GovernanceEvent is a record: its components are its fields
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            try {
                r.set(c.getName(), Json.value(c.getAccessor().invoke(event)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + event.kind(), e);
            }
        }
        return sink.append(RecordType.GOVERNANCE, r);
    }

    private ObjectNode start(String decisionId) {
        ObjectNode r = Json.object();
        r.put("decisionId", Json.requireText(decisionId, "decisionId"));
        r.put("time", Json.now(clock));
        return r;
    }
}
