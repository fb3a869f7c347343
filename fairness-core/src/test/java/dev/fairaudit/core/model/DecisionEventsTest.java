package dev.fairaudit.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.LogFullException;
import dev.fairaudit.core.log.RecordType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionEventsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T08:30:00Z"), ZoneOffset.UTC);
    static final ObjectMapper MAPPER = new ObjectMapper();

    final InMemorySink sink = new InMemorySink();
    final DecisionEvents events = new DecisionEvents(sink, new Pseudonymizer(PseudonymizerTest.KEY), CLOCK);

    @Test
    void outcomeRecordsDecisionIdTimeOutcomeAndDetails() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("amountRecovered", 1250.5);
        details.put("irregularity", "undeclared income");

        long seq = events.outcome("d-1", Outcome.NOT_ESTABLISHED, details).join();

        InMemorySink.Entry e = sink.only();
        assertEquals(e.sequence(), seq);
        assertEquals(RecordType.OUTCOME, e.type());
        assertEquals("{\"decisionId\":\"d-1\",\"time\":\"2026-12-01T08:30:00.000Z\",\"outcome\":\"NOT_ESTABLISHED\","
                + "\"details\":{\"amountRecovered\":1250.5,\"irregularity\":\"undeclared income\"}}",
                e.payload().toString());
    }

    @Test
    void reviewPseudonymisesTheReviewerAndRecordsOverrideAndFieldsSeen() throws Exception {
        events.review("d-1", "employee-4711", "INCOME_EXPLAINED", false, List.of("income", "region"));
        events.review("d-2", "employee-4711", "CONFIRMED", null, List.of());

        List<ObjectNode> r = sink.payloads(RecordType.REVIEW);
        assertEquals(List.of("decisionId", "time", "reviewer", "reasonCode", "overriddenDecision", "fieldsSeen"),
                AuditedModelTest.fieldNames(r.get(0)));
        assertEquals(PseudonymizerTest.hmacHex(PseudonymizerTest.KEY, "employee-4711"),
                r.get(0).get("reviewer").textValue());
        assertEquals("INCOME_EXPLAINED", r.get(0).get("reasonCode").textValue());
        assertFalse(r.get(0).get("overriddenDecision").booleanValue());
        assertTrue(r.get(0).get("overriddenDecision").isBoolean());
        assertEquals("[\"income\",\"region\"]", r.get(0).get("fieldsSeen").toString());
        assertTrue(r.get(1).get("overriddenDecision").isNull());
        assertEquals("[]", r.get(1).get("fieldsSeen").toString());
        for (ObjectNode p : r) {
            assertFalse(MAPPER.writeValueAsString(p).contains("4711"));
        }
    }

    @Test
    void appealRecordsStatusAndReasonCode() {
        events.appeal("d-1", AppealStatus.LODGED, null);
        events.appeal("d-1", AppealStatus.GRANTED, "NO_GROUND_FOR_SELECTION");

        List<ObjectNode> r = sink.payloads(RecordType.APPEAL);
        assertEquals("{\"decisionId\":\"d-1\",\"time\":\"2026-12-01T08:30:00.000Z\",\"status\":\"LODGED\"}",
                r.get(0).toString());
        assertEquals("{\"decisionId\":\"d-1\",\"time\":\"2026-12-01T08:30:00.000Z\",\"status\":\"GRANTED\","
                + "\"reasonCode\":\"NO_GROUND_FOR_SELECTION\"}", r.get(1).toString());
    }

    @Test
    void everyGovernanceKindIsRecordedWithItsFields() {
        events.governance(new GovernanceEvent.ModelDeployed("risk-profile", "2.3.0", "head of enforcement"));
        events.governance(new GovernanceEvent.ConfigurationChanged("randomShare", "0.02", "0.05",
                "tighter base-rate intervals", "data protection officer"));
        events.governance(new GovernanceEvent.ConfigurationChanged("threshold", null, "0.7", "new setting",
                "board"));
        events.governance(new GovernanceEvent.DataOrSelectionDecision("nationality is not collected", "board"));
        events.governance(new GovernanceEvent.MonitoringAlert("weekly audit", "selection rate ratio 0.62 < 0.8"));
        events.governance(new GovernanceEvent.Suspension("risk-profile", "disparate selection", "board"));

        List<String> json = sink.payloads(RecordType.GOVERNANCE).stream().map(ObjectNode::toString).toList();
        String t = "{\"time\":\"2026-12-01T08:30:00.000Z\",";
        assertEquals(List.of(
                t + "\"kind\":\"MODEL_DEPLOYED\",\"modelId\":\"risk-profile\",\"modelVersion\":\"2.3.0\","
                        + "\"approver\":\"head of enforcement\"}",
                t + "\"kind\":\"CONFIGURATION_CHANGED\",\"key\":\"randomShare\",\"oldValue\":\"0.02\","
                        + "\"newValue\":\"0.05\",\"reason\":\"tighter base-rate intervals\","
                        + "\"approver\":\"data protection officer\"}",
                t + "\"kind\":\"CONFIGURATION_CHANGED\",\"key\":\"threshold\",\"oldValue\":null,"
                        + "\"newValue\":\"0.7\",\"reason\":\"new setting\",\"approver\":\"board\"}",
                t + "\"kind\":\"DATA_OR_SELECTION_DECISION\",\"text\":\"nationality is not collected\","
                        + "\"approver\":\"board\"}",
                t + "\"kind\":\"MONITORING_ALERT\",\"source\":\"weekly audit\","
                        + "\"message\":\"selection rate ratio 0.62 < 0.8\"}",
                t + "\"kind\":\"SUSPENSION\",\"modelId\":\"risk-profile\",\"reason\":\"disparate selection\","
                        + "\"approver\":\"board\"}"), json);
    }

    @Test
    void governanceEventsRefuseBlankRequiredFieldsByName() {
        assertEquals("approver must be non-blank, was blank", assertThrows(IllegalArgumentException.class,
                () -> new GovernanceEvent.ModelDeployed("m", "1", " ")).getMessage());
        assertEquals("reason must be non-blank, was null", assertThrows(IllegalArgumentException.class,
                () -> new GovernanceEvent.ConfigurationChanged("k", "a", "b", null, "x")).getMessage());
    }

    @Test
    void laterFactsRefuseAMissingDecisionIdAndRecordNothing() {
        assertThrows(IllegalArgumentException.class, () -> events.outcome(" ", Outcome.FOUND, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> events.review(null, "r", "c", null, List.of()));
        assertThrows(IllegalArgumentException.class, () -> events.review("d", " ", "c", null, List.of()));
        assertThrows(NullPointerException.class, () -> events.appeal("d", null, "c"));
        assertTrue(sink.entries().isEmpty());
    }

    @Test
    void refusedAppendPropagatesTheSinksException() {
        sink.mode(InMemorySink.Mode.REFUSE);
        assertThrows(LogFullException.class, () -> events.outcome("d-1", Outcome.FOUND, Map.of()));
    }
}
