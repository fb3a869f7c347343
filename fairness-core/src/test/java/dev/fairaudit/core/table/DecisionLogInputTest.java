package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.InputException;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.RecordType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How log records become table rows: final decisions, outcomes as labels, joins, and what is left out. */
class DecisionLogInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<LogRecord> log = new ArrayList<>();
    private final List<LogRecord> attributes = new ArrayList<>();

    private void add(List<LogRecord> to, RecordType type, String payload, String erasedReason) throws Exception {
        ObjectNode p = erasedReason == null ? (ObjectNode) JSON.readTree(payload) : null;
        long seq = to.size() + 1;
        to.add(new LogRecord(seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq), type, "d", "p", "h", p,
                erasedReason, "segment-000001.jsonl", seq));
    }

    private DecisionTable read() {
        return DecisionLogInput.read("decisions", "ab".repeat(32), log.iterator(), attributes.iterator(),
                List.of("origin"), false);
    }

    @Test
    void decisionsOutcomesOverridesAndAttributesBecomeRows() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"route\":\"PROFILE\",\"decision\":true}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"b\",\"route\":\"RANDOM\",\"decision\":true}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"c\",\"route\":\"PROFILE\",\"decision\":false}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"d\",\"route\":\"PROFILE\",\"decision\":true}", null);
        add(log, RecordType.OUTCOME, "{\"decisionId\":\"a\",\"outcome\":\"FOUND\"}", null);
        add(log, RecordType.OUTCOME, "{\"decisionId\":\"b\",\"outcome\":\"NOT_ESTABLISHED\"}", null);
        add(log, RecordType.OUTCOME, "{\"decisionId\":\"d\",\"outcome\":\"NOT_FOUND\"}", null);
        add(log, RecordType.REVIEW, "{\"decisionId\":\"c\",\"overriddenDecision\":true}", null);
        add(attributes, RecordType.PROTECTED_ATTRIBUTES, "{\"decisionId\":\"a\",\"attributes\":{\"origin\":\"x\"}}",
                null);
        add(attributes, RecordType.PROTECTED_ATTRIBUTES, "{\"decisionId\":\"b\",\"attributes\":{\"origin\":\"y\"}}",
                null);
        DecisionTable t = read();
        assertEquals(4, t.rowCount());
        assertTrue(t.selected(2), "the review's override is the final decision");
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(0), "FOUND");
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(1), "NOT_ESTABLISHED is unknown, not negative");
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(2), "no outcome is unknown");
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(3), "NOT_FOUND");
        CategoricalColumn origin = t.protectedColumn("origin");
        assertEquals("x", origin.value(origin.code(0)));
        assertEquals(TableSpec.DEFAULT_MISSING_GROUP, origin.value(origin.code(2)));
        assertEquals("RANDOM", t.route().orElseThrow().value(t.route().orElseThrow().code(1)));
        assertEquals(Instant.parse("2026-01-01T00:00:02Z").toEpochMilli(), t.timestampMillis(1));
        assertTrue(t.source().warnings().stream().anyMatch(w -> w.startsWith("1 decision(s) were overridden")));
        assertTrue(t.source().warnings().stream().anyMatch(w -> w.startsWith("2 decision(s) have no protected")));
        assertEquals("decision-log", t.source().format());
    }

    @Test
    void erasedDecisionsAndModelFailuresAreCountedAndLeftOut() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"decision\":true}", null);
        add(log, RecordType.DECISION, null, "retention ended");
        add(log, RecordType.DECISION, "{\"decisionId\":\"c\",\"error\":{\"class\":\"java.io.IOException\"}}", null);
        add(attributes, RecordType.PROTECTED_ATTRIBUTES, "{\"decisionId\":\"a\",\"attributes\":{\"origin\":\"x\"}}",
                null);
        DecisionTable t = read();
        assertEquals(1, t.rowCount());
        assertTrue(t.source().warnings().contains("1 decision record(s) have an erased payload (retention ended) and"
                + " are left out"), t.source().warnings().toString());
        assertTrue(t.source().warnings().stream().anyMatch(w -> w.startsWith("1 decision record(s) are model")));
        assertFalse(t.hasScore());
    }

    @Test
    void anUnknownAttributeNameIsAnErrorWithASuggestion() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"decision\":true}", null);
        add(attributes, RecordType.PROTECTED_ATTRIBUTES, "{\"decisionId\":\"a\",\"attributes\":{\"origen\":\"x\"}}",
                null);
        InputException e = assertThrows(InputException.class, this::read);
        assertTrue(e.getMessage().contains("did you mean 'origen'"), e.getMessage());
    }

    @Test
    void aTimeRangeKeepsOnlyTheDecisionsMadeInIt() throws Exception {
        for (String id : List.of("a", "b", "c", "d")) {
            add(log, RecordType.DECISION, "{\"decisionId\":\"" + id + "\",\"decision\":true}", null);
        }
        // Record k has time 2026-01-01T00:00:0k; [00:00:02, 00:00:04) keeps b and c.
        DecisionTable t = DecisionLogInput.read("decisions", null, log.iterator(), attributes.iterator(),
                List.of("origin"), false, Instant.parse("2026-01-01T00:00:02Z"), Instant.parse("2026-01-01T00:00:04Z"));
        assertEquals(2, t.rowCount());
        assertTrue(t.source().warnings().stream().anyMatch(w -> w.startsWith("2 decision(s) outside the time range")),
                t.source().warnings().toString());
        assertThrows(IllegalArgumentException.class, () -> DecisionLogInput.read("d", null, log.iterator(),
                attributes.iterator(), List.of("origin"), false, Instant.EPOCH, Instant.EPOCH));
    }

    @Test
    void theProfileDecisionOfRandomArmRecordsBecomesAColumnBesideTheFeatures() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"route\":\"RANDOM\",\"decision\":true,"
                + "\"profileDecision\":false,\"features\":{\"postcode\":\"3071\"}}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"b\",\"route\":\"RANDOM\",\"decision\":false,"
                + "\"profileDecision\":true,\"features\":{\"postcode\":\"3011\"}}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"c\",\"route\":\"PROFILE\",\"decision\":true,"
                + "\"features\":{\"postcode\":\"3071\"}}", null);
        DecisionTable t = DecisionLogInput.read("decisions", null, log.iterator(), attributes.iterator(),
                List.of("origin"), List.of("postcode"), false, null, null);
        assertEquals("profileDecision=true", t.spec().profileDecision().spec());
        CategoricalColumn profile = t.profileDecision().orElseThrow();
        assertEquals("false", profile.value(profile.code(0)));
        assertEquals("true", profile.value(profile.code(1)));
        assertEquals(profile.missingCode(), profile.code(2), "a record without it is missing");
        CategoricalColumn postcode = t.features().get(0);
        assertEquals(List.of("3071", "3011", "3071"), List.of(postcode.value(postcode.code(0)),
                postcode.value(postcode.code(1)), postcode.value(postcode.code(2))), "features stay in place");
        // A log without the field has no such column.
        log.clear();
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"route\":\"RANDOM\",\"decision\":true}", null);
        assertTrue(read().profileDecision().isEmpty());
    }

    @Test
    void chosenFeaturesOfTheDecisionRecordsBecomeCategoricalFeatureColumns() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"decision\":true,\"features\":{\"postcode\":\"3071\","
                + "\"language\":\"tr\",\"income\":1200}}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"b\",\"decision\":false,\"features\":{\"postcode\":\"3011\","
                + "\"language\":\"nl\",\"income\":900}}", null);
        add(log, RecordType.DECISION, "{\"decisionId\":\"c\",\"decision\":false,\"features\":{\"postcode\":\"3071\"}}",
                null);
        DecisionTable t = DecisionLogInput.read("decisions", null, log.iterator(), attributes.iterator(),
                List.of("origin"), List.of("language", "postcode"), false, null, null);
        assertEquals(List.of("language", "postcode"), t.spec().features());
        CategoricalColumn language = t.features().get(0);
        CategoricalColumn postcode = t.features().get(1);
        assertEquals("language", language.name());
        assertEquals("tr", language.value(language.code(0)));
        assertEquals("nl", language.value(language.code(1)));
        assertEquals(TableSpec.DEFAULT_MISSING_GROUP, language.value(language.code(2)), "absent feature is missing");
        assertEquals("3071", postcode.value(postcode.code(0)));
        assertEquals("3011", postcode.value(postcode.code(1)));
        assertEquals(postcode.code(0), postcode.code(2), "same value, same code");
        assertTrue(t.selected(0));
        assertFalse(t.selected(1));
        // Without features asked for, the table has none (and the old overloads still work).
        assertTrue(read().features().isEmpty());
    }

    @Test
    void aFeatureNoDecisionRecordCarriesIsAnErrorWithASuggestion() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"decision\":true,\"features\":{\"postcode\":\"3071\"}}",
                null);
        InputException e = assertThrows(InputException.class, () -> DecisionLogInput.read("decisions", null,
                log.iterator(), attributes.iterator(), List.of("origin"), List.of("postcod"), false, null, null));
        assertTrue(e.getMessage().contains("no decision record has the feature 'postcod'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'postcode'"), e.getMessage());
    }

    @Test
    void featureNamesThatClashWithTheTableOrAProtectedAttributeAreRejected() throws Exception {
        add(log, RecordType.DECISION, "{\"decisionId\":\"a\",\"decision\":true,\"features\":{\"route\":\"x\"}}",
                null);
        for (List<String> bad : List.of(List.of("route"), List.of("origin"), List.of("a", "a"), List.of(" "))) {
            assertThrows(IllegalArgumentException.class, () -> DecisionLogInput.read("decisions", null,
                    log.iterator(), attributes.iterator(), List.of("origin"), bad, false, null, null), bad.toString());
        }
    }
}
