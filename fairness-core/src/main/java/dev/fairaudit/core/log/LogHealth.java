package dev.fairaudit.core.log;

import java.util.Optional;

/**
 * A snapshot of a {@link DecisionLog}'s state, for monitoring.
 *
 * @param state        open, closed, or failed
 * @param lastSequence the sequence number of the last record whose commit completed
 * @param queued       records accepted but not yet taken from the queue (records already in the encoder stage's
 *                     batches, waiting to be written, are not counted)
 * @param failure      why the log failed, or null
 */
public record LogHealth(State state, long lastSequence, int queued, Throwable failure) {

    /** The life cycle of a log. */
    public enum State {
        /** Accepting records. */
        OPEN,
        /** Closed cleanly (or closing): no more records. */
        CLOSED,
        /** A write or force failed: no more records; see {@link LogHealth#failure()}. */
        FAILED
    }

    /** @return the failure, if the log failed */
    public Optional<Throwable> failureCause() {
        return Optional.ofNullable(failure);
    }
}
