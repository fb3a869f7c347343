package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * Where records go. {@link DecisionLog} is the real one; tests may use others. Implementations never drop a
 * record silently: an append either is accepted (and its commit completes, or completes exceptionally with
 * the reason) or throws.
 */
public interface LogSink {

    /**
     * Appends a record. The payload must not be changed after the call.
     *
     * @param type    what the record is about
     * @param payload the record's content (JSON object)
     * @return completes with the record's sequence number once it is durable under the log's
     *         {@link Durability}, or exceptionally when it cannot be written
     * @throws LogUnavailableException when the log is closed or has failed, so nothing more can be recorded
     * @throws LogFullException        when the writer has fallen behind and the log fails fast instead of
     *                                 blocking
     */
    CompletableFuture<Long> append(RecordType type, ObjectNode payload);

    /**
     * Appends a record whose payload writes its own canonical form. This default appends
     * {@link RecordContent#toJson()}; {@link DecisionLog} instead encodes the content on its writer thread.
     *
     * @param type    what the record is about
     * @param content the record's content; immutable
     * @return as {@link #append(RecordType, ObjectNode)}
     * @throws LogUnavailableException as {@link #append(RecordType, ObjectNode)}
     * @throws LogFullException        as {@link #append(RecordType, ObjectNode)}
     */
    default CompletableFuture<Long> appendContent(RecordType type, RecordContent content) {
        if (content == null) {
            throw new IllegalArgumentException("content is required, was null");
        }
        return append(type, content.toJson());
    }

    /**
     * Appends a record whose payload writes its own canonical form, for a caller that will not wait for its
     * commit: accepted or refused with an exception, as {@link #appendContent}, but without a future to watch.
     * This default calls {@link #appendContent} and leaves its future alone; {@link DecisionLog} instead
     * allocates nothing for the call and reports a content it cannot write in its own log.
     *
     * @param type    what the record is about
     * @param content the record's content; immutable
     * @throws LogUnavailableException as {@link #append(RecordType, ObjectNode)}
     * @throws LogFullException        as {@link #append(RecordType, ObjectNode)}
     */
    default void submitContent(RecordType type, RecordContent content) {
        appendContent(type, content);
    }
}
