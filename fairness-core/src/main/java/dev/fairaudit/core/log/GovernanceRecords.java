package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the GOVERNANCE records of a decision log (written by {@code DecisionEvents.governance}) for the audit
 * document's change and decision record. Only the fields of governance events are kept ({@link #FIELDS}); anything
 * else a record carries is dropped, so no identifier of a person a decision is about can be copied from it.
 */
public final class GovernanceRecords {

    /** The fields of governance events, in the order they are kept. */
    public static final List<String> FIELDS = List.of("modelId", "modelVersion", "key", "oldValue", "newValue",
            "text", "source", "message", "reason", "approver");

    private GovernanceRecords() {
    }

    /**
     * One governance record.
     *
     * @param sequence the record's sequence number
     * @param time     the record's time
     * @param kind     its {@code kind}, or {@code ERASED} when the payload was erased
     * @param fields   the governance fields present (name → text), in {@link #FIELDS} order
     */
    public record Entry(long sequence, Instant time, String kind, Map<String, String> fields) {

        /** Copies, keeping the order. */
        public Entry {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /** The governance records among {@code records}, in log order. */
    public static List<Entry> read(Iterator<LogRecord> records) {
        List<Entry> out = new ArrayList<>();
        while (records.hasNext()) {
            LogRecord r = records.next();
            if (r.type() == RecordType.GOVERNANCE) {
                out.add(entry(r.seq(), r.time(), r.erased() ? null : r.payload()));
            }
        }
        return out;
    }

    /**
     * One governance record's entry.
     *
     * @param sequence its sequence number
     * @param time     its time
     * @param payload  its payload, or null when it was erased
     * @return the entry: kind {@code ERASED} without fields for an erased payload, {@code UNKNOWN} for a payload
     *         without a kind
     */
    public static Entry entry(long sequence, Instant time, JsonNode payload) {
        if (payload == null || payload.isNull()) {
            return new Entry(sequence, time, "ERASED", Map.of());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String f : FIELDS) {
            JsonNode v = payload.get(f);
            if (v != null && !v.isNull()) {
                fields.put(f, v.isValueNode() ? v.asText() : v.toString());
            }
        }
        String kind = payload.path("kind").asText("");
        return new Entry(sequence, time, kind.isBlank() ? "UNKNOWN" : kind, fields);
    }
}
