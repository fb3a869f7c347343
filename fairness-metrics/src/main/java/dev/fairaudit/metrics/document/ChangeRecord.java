package dev.fairaudit.metrics.document;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One entry of the change and decision record: a governance event read from the decision log the audit read
 * (a model deployed, a setting changed, a documented data or selection decision, a monitoring alert, a
 * suspension). A copy of the log's record with only the governance fields, so the metrics module does not depend
 * on how logs are read, and no identifier of a person the decisions are about can reach the document.
 *
 * @param sequence the record's sequence number in the log
 * @param time     when it was recorded
 * @param kind     the event kind ({@code MODEL_DEPLOYED}, {@code CONFIGURATION_CHANGED}, ...), or {@code ERASED}
 *                 when the record's payload was erased
 * @param fields   its fields in the log's order, name → text (for example {@code key}, {@code oldValue},
 *                 {@code newValue}, {@code reason}, {@code approver}); a field written as null is absent
 */
public record ChangeRecord(long sequence, Instant time, String kind, Map<String, String> fields) {

    /** The kind of a record whose payload was erased. */
    public static final String ERASED = "ERASED";

    /** Validates and copies, keeping the order. */
    public ChangeRecord {
        if (time == null || kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("time and kind are required");
        }
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields == null ? Map.of() : fields));
    }
}
