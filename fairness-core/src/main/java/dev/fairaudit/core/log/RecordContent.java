package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A record's payload that writes its own canonical form, for callers that must not pay for building a JSON
 * tree: {@link DecisionLog} hands it to its writer thread, which calls {@link #writeCanonical} there, so the
 * encoding, and anything the content defers to it (a keyed pseudonym, say), costs the appending thread
 * nothing. Other {@link LogSink}s receive {@link #toJson()}.
 *
 * <p>An implementation must be immutable once appended (it is read on another thread), and its two forms must
 * agree: {@link #writeCanonical} writes exactly {@link CanonicalJson#bytes CanonicalJson.bytes(toJson())}.
 * A {@link CanonicalWriter} refuses keys out of order, so a mistake there fails the record rather than
 * writing a payload whose digest a verifier could not recompute.
 */
public interface RecordContent {

    /**
     * Writes the payload, one JSON object, in canonical form.
     *
     * @param out the writer, positioned before the object
     * @throws IllegalArgumentException when the content cannot be written (NaN, a key out of order); only this
     *                                  record fails
     */
    void writeCanonical(CanonicalWriter out);

    /**
     * The payload as a JSON tree, equal to what {@link #writeCanonical} writes; a new tree on each call.
     *
     * @return the payload
     */
    ObjectNode toJson();
}
