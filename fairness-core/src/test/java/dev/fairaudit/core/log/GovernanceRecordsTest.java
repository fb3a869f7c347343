package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The governance records of a log, for the document's change and decision record. */
class GovernanceRecordsTest {

    private static final ObjectMapper M = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T08:30:00Z");

    private static LogRecord record(long seq, RecordType type, String json, String erased) throws Exception {
        ObjectNode payload = json == null ? null : (ObjectNode) M.readTree(json);
        return new LogRecord(seq, T, type, "d", "p", "h", payload, erased, "segment-1", seq);
    }

    @Test
    void keepsOnlyGovernanceFieldsInOrderAndSkipsOtherRecords() throws Exception {
        List<LogRecord> log = List.of(
                record(1, RecordType.DECISION, "{\"time\":\"x\",\"subject\":\"pseudonym-1\",\"decision\":true}", null),
                // as DecisionEvents writes it (a null oldValue), plus a field no governance event has
                record(2, RecordType.GOVERNANCE, "{\"time\":\"x\",\"kind\":\"CONFIGURATION_CHANGED\",\"key\":"
                        + "\"threshold\",\"oldValue\":null,\"newValue\":\"0.7\",\"reason\":\"new setting\","
                        + "\"approver\":\"board\",\"subject\":\"pseudonym-1\"}", null),
                record(3, RecordType.GOVERNANCE, null, "retention ended"),
                record(4, RecordType.GOVERNANCE, "{\"time\":\"x\",\"kind\":\"MONITORING_ALERT\",\"source\":"
                        + "\"weekly audit\",\"message\":\"ratio 0.62 < 0.8\"}", null),
                record(5, RecordType.CHECKPOINT, "{}", null));
        List<GovernanceRecords.Entry> entries = GovernanceRecords.read(log.iterator());
        Map<String, String> changed = new LinkedHashMap<>();
        changed.put("key", "threshold");
        changed.put("newValue", "0.7");
        changed.put("reason", "new setting");
        changed.put("approver", "board");
        assertEquals(List.of(new GovernanceRecords.Entry(2, T, "CONFIGURATION_CHANGED", changed),
                new GovernanceRecords.Entry(3, T, "ERASED", Map.of()),
                new GovernanceRecords.Entry(4, T, "MONITORING_ALERT", Map.of("source", "weekly audit", "message",
                        "ratio 0.62 < 0.8"))), entries);
        assertEquals(List.of("key", "newValue", "reason", "approver"), List.copyOf(entries.get(0).fields().keySet()));
    }
}
