package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.InputException;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.GovernanceRecords;
import dev.fairaudit.core.log.LogEraser;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.core.log.VerificationReport;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed reader of a log folder ({@link DecisionLogInput#open}, {@link DecisionLogInput#stream}): facts
 * joined across chunks, and the same rows, counts and warnings as the one-table reader it replaced
 * ({@link OneTableDecisionLogInput}, kept here as the reference).
 */
class DecisionLogStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ORPHANS = "facts about decisions that have no decision record";

    @TempDir
    Path tmp;

    /** One record to write: its type and payload. */
    private record Rec(RecordType type, ObjectNode payload) {
    }

    private static Rec rec(RecordType type, String json) throws IOException {
        return new Rec(type, (ObjectNode) JSON.readTree(json));
    }

    private static void write(Path dir, List<Rec> records) throws IOException {
        Files.createDirectories(dir);
        // Small segments, so that a log spans several.
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(2048).build();
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            for (Rec r : records) {
                log.append(r.type(), r.payload());
            }
        }
    }

    /** Each row of a table as text: attributes, selected, label, route, time, score, profile decision, features. */
    private static List<String> rows(DecisionTable t) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            StringBuilder s = new StringBuilder();
            for (CategoricalColumn c : t.protectedColumns()) {
                s.append(c.name()).append('=').append(c.value(c.code(r))).append(' ');
            }
            s.append("selected=").append(t.selected(r)).append(" label=").append(t.label(r));
            CategoricalColumn route = t.route().orElseThrow();
            s.append(" route=").append(route.value(route.code(r)));
            s.append(" time=").append(t.timestampMillis(r));
            if (t.hasScore()) {
                s.append(" score=").append(t.score(r));
            }
            if (t.profileDecision().isPresent()) {
                CategoricalColumn p = t.profileDecision().get();
                s.append(" profile=").append(p.value(p.code(r)));
            }
            for (CategoricalColumn f : t.features()) {
                s.append(' ').append(f.name()).append('=').append(f.value(f.code(r)));
            }
            out.add(s.toString());
        }
        return out;
    }

    /** What a streamed read gives: rows of all chunks, the chunk sizes, and the source. */
    private record Streamed(List<String> rows, List<Integer> chunkSizes, TableSource source, TableSpec spec) {
    }

    private static Streamed stream(Path log, Path attributes, List<String> features, Instant from, Instant to,
            int chunkRows) throws IOException {
        DecisionLogInput input = DecisionLogInput.open("decisions", "ab".repeat(32), log, attributes,
                List.of("origin"), features, false, from, to);
        List<String> rows = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        TableSource source = input.stream(chunkRows, chunk -> {
            sizes.add(chunk.rowCount());
            rows.addAll(rows(chunk));
        });
        return new Streamed(rows, sizes, source, input.spec());
    }

    @Test
    void governanceEventsAreReadWithTheFactsWhateverTheTimeRange() throws Exception {
        Path logDir = tmp.resolve("governed");
        List<Rec> log = new ArrayList<>();
        log.add(rec(RecordType.GOVERNANCE, "{\"kind\":\"MODEL_DEPLOYED\",\"modelId\":\"m\",\"modelVersion\":\"1\","
                + "\"approver\":\"board\",\"subject\":\"not a governance field\"}"));
        for (int i = 0; i < 40; i++) {
            log.add(rec(RecordType.DECISION, "{\"decisionId\":\"d" + i + "\",\"route\":\"PROFILE\",\"decision\":"
                    + (i % 2 == 0) + "}"));
            if (i == 10) {
                log.add(rec(RecordType.GOVERNANCE, "{\"kind\":\"CONFIGURATION_CHANGED\",\"key\":\"threshold\","
                        + "\"oldValue\":null,\"newValue\":0.7,\"reason\":\"dr\u00f6\u00dfel\"}"));
            }
            if (i == 20) {
                log.add(rec(RecordType.GOVERNANCE, "{\"kind\":\"MONITORING_ALERT\",\"message\":{\"ratio\":0.62}}"));
            }
            if (i == 30) {
                log.add(rec(RecordType.GOVERNANCE, "{\"note\":\"no kind\"}"));
            }
        }
        write(logDir, log);
        // the alert's payload is erased, as retention would
        LogEraser.erasePayloads(logDir, r -> r.type() == RecordType.GOVERNANCE && r.payload() != null
                && r.payload().has("message"), "retention ended");
        List<GovernanceRecords.Entry> expected;
        try (Stream<LogRecord> records = LogReader.read(logDir)) {
            // the separate pass the command used before, over payload trees
            expected = GovernanceRecords.read(records.iterator());
        }
        // by hand: kinds in log order, the erased one without fields, the fields of governance events only
        assertEquals(List.of("MODEL_DEPLOYED", "CONFIGURATION_CHANGED", "ERASED", "UNKNOWN"),
                expected.stream().map(GovernanceRecords.Entry::kind).toList());
        assertEquals(Map.of("modelId", "m", "modelVersion", "1", "approver", "board"), expected.get(0).fields());
        assertEquals(Map.of("key", "threshold", "newValue", "0.7", "reason", "dr\u00f6\u00dfel"),
                expected.get(1).fields());
        for (Instant from : new Instant[] {null, Instant.now().plusSeconds(3600)}) {
            DecisionLogInput input = DecisionLogInput.open("governed", "ab".repeat(32), logDir, null,
                    List.of("origin"), List.of(), false, from, null);
            assertEquals(expected, input.governanceEvents(), "from " + from);
        }
    }

    @Test
    void recordsAppendedAfterTheVerificationAreNotRead() throws Exception {
        Path decisions = tmp.resolve("decisions");
        Path attributes = tmp.resolve("attributes");
        List<Rec> log = new ArrayList<>();
        List<Rec> attributeRecs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            log.add(rec(RecordType.DECISION, "{\"decisionId\":\"d" + i + "\",\"decision\":true}"));
            attributeRecs.add(rec(RecordType.PROTECTED_ATTRIBUTES, "{\"decisionId\":\"d" + i
                    + "\",\"attributes\":{\"origin\":\"a\"}}"));
        }
        write(decisions, log);
        write(attributes, attributeRecs);
        VerificationReport verifiedDecisions = LogVerifier.verify(decisions, null);
        VerificationReport verifiedAttributes = LogVerifier.verify(attributes, null);
        assertEquals(6, verifiedDecisions.lastSequence()); // five decisions and the closing checkpoint
        // the writers go on after the verification: three more decisions, and other attributes for d0
        try (DecisionLog more = DecisionLog.open(decisions, LogOptions.builder().build());
             DecisionLog moreAttributes = DecisionLog.open(attributes, LogOptions.builder().build())) {
            for (int i = 5; i < 8; i++) {
                more.append(RecordType.DECISION, (ObjectNode) JSON.readTree("{\"decisionId\":\"d" + i
                        + "\",\"decision\":false}")).join();
            }
            moreAttributes.append(RecordType.PROTECTED_ATTRIBUTES, (ObjectNode) JSON.readTree(
                    "{\"decisionId\":\"d0\",\"attributes\":{\"origin\":\"b\"}}")).join();

            List<String> rows = new ArrayList<>();
            DecisionLogInput bounded = DecisionLogInput.open("decisions", verifiedDecisions.headHash(), decisions,
                    verifiedDecisions.lastSequence(), attributes, verifiedAttributes.lastSequence(),
                    List.of("origin"), List.of(), false, null, null);
            TableSource source = bounded.stream(100, chunk -> rows.addAll(rows(chunk)));
            assertEquals(5, source.rowsRead());
            assertEquals(List.of("origin=a selected=true", "origin=a selected=true", "origin=a selected=true",
                    "origin=a selected=true", "origin=a selected=true"),
                    rows.stream().map(r -> r.substring(0, r.indexOf(" label="))).toList());

            // reading everything (the other open) takes the later records too: 8 decisions, d0 now 'b'
            List<String> all = new ArrayList<>();
            DecisionLogInput.open("decisions", null, decisions, attributes, List.of("origin"), List.of(), false,
                    null, null).stream(100, chunk -> all.addAll(rows(chunk)));
            assertEquals(8, all.size());
            assertTrue(all.get(0).startsWith("origin=b "), all.get(0));
        }
    }

    @Test
    void aNamedAttributeLogWithoutAnyAttributeRecordIsRefused() throws Exception {
        Path decisions = tmp.resolve("decisions");
        write(decisions, List.of(rec(RecordType.DECISION, "{\"decisionId\":\"d1\",\"decision\":true}"),
                rec(RecordType.DECISION, "{\"decisionId\":\"d2\",\"decision\":false}")));
        // the decision log given again as the attribute log: the mistake this guards against
        InputException wrong = assertThrows(InputException.class, () -> DecisionLogInput.open("decisions", null,
                decisions, decisions, List.of("origin"), List.of(), false, null, null));
        assertEquals("decisions: the protected-attribute log holds no PROTECTED_ATTRIBUTES record but 2 DECISION"
                + " records: is it the decision log? Without such records every decision would be in the group"
                + " '(missing)'", wrong.getMessage());
        Path unused = tmp.resolve("unused");
        write(unused, List.of()); // opened and closed: only its checkpoint
        InputException empty = assertThrows(InputException.class, () -> DecisionLogInput.open("decisions", null,
                decisions, unused, List.of("origin"), List.of(), false, null, null));
        assertTrue(empty.getMessage().startsWith("unused: the protected-attribute log holds no PROTECTED_ATTRIBUTES"
                + " record: is it the log the protected attributes are recorded in?"), empty.getMessage());

        // attribute records whose payloads were all erased (retention ended): the log is the right one
        Path erased = tmp.resolve("erased");
        write(erased, List.of(rec(RecordType.PROTECTED_ATTRIBUTES,
                "{\"decisionId\":\"d1\",\"attributes\":{\"origin\":\"x\"}}")));
        assertEquals(1, LogEraser.erasePayloads(erased, r -> r.type() == RecordType.PROTECTED_ATTRIBUTES,
                "retention ended"));
        assertEquals(2, stream(decisions, erased, List.of(), null, null, 10).rows().size());
        // an attribute that no record has: the attribute log is named, not the decision log
        Path sexes = tmp.resolve("sexes");
        write(sexes, List.of(rec(RecordType.PROTECTED_ATTRIBUTES,
                "{\"decisionId\":\"d1\",\"attributes\":{\"sex\":\"F\"}}")));
        InputException unknown = assertThrows(InputException.class, () -> DecisionLogInput.open("decisions", null,
                decisions, sexes, List.of("origin"), List.of(), false, null, null));
        assertTrue(unknown.getMessage().startsWith("sexes, column 'origin': no protected-attribute record has"
                + " 'origin'"), unknown.getMessage());
        // no attribute log named: every decision in the group "(missing)", with the input's warning, as before
        assertEquals(2, stream(decisions, null, List.of(), null, null, 10).rows().size());
    }

    @Test
    void factsJoinAcrossChunksInAnyOrderAndUnknownIdsAreCounted() throws Exception {
        List<Rec> log = new ArrayList<>();
        List<Rec> attributes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Version 7 UUIDs as the wrapper writes them, and one hand-made id.
            String id = i == 4 ? "case-4" : new UUID(0x0190_0000_0000_7000L + i, 0x8000_0000_0000_0000L + i).toString();
            ids.add(id);
            log.add(rec(RecordType.DECISION, "{\"decisionId\":\"" + id + "\",\"route\":\""
                    + (i % 3 == 0 ? "RANDOM" : "PROFILE") + "\",\"decision\":" + (i % 2 == 0) + "}"));
        }
        // Facts after all decisions, last decision first; decision 1 has three outcomes (the last one counts).
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + ids.get(9) + "\",\"outcome\":\"FOUND\"}"));
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + ids.get(1) + "\",\"outcome\":\"FOUND\"}"));
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + ids.get(4) + "\",\"outcome\":\"NOT_FOUND\"}"));
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + ids.get(1) + "\",\"outcome\":\"NOT_ESTABLISHED\"}"));
        log.add(rec(RecordType.REVIEW, "{\"decisionId\":\"" + ids.get(7) + "\",\"overriddenDecision\":true}"));
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + ids.get(1) + "\",\"outcome\":\"NOT_FOUND\"}"));
        // Facts about decisions that are not in the log: two outcomes of one id, a review, attributes.
        String unknown = new UUID(42, 42).toString();
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + unknown + "\",\"outcome\":\"FOUND\"}"));
        log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + unknown + "\",\"outcome\":\"NOT_FOUND\"}"));
        log.add(rec(RecordType.REVIEW, "{\"decisionId\":\"no-such-case\",\"overriddenDecision\":false}"));
        for (int i = 9; i >= 0; i -= 2) {
            attributes.add(rec(RecordType.PROTECTED_ATTRIBUTES, "{\"attributes\":{\"origin\":\"o" + i
                    + "\"},\"decisionId\":\"" + ids.get(i) + "\"}"));
        }
        attributes.add(rec(RecordType.PROTECTED_ATTRIBUTES, "{\"attributes\":{\"origin\":\"z\"},\"decisionId\":\""
                + new UUID(7, 7) + "\"}"));
        write(tmp.resolve("log"), log);
        write(tmp.resolve("attributes"), attributes);

        Streamed s = stream(tmp.resolve("log"), tmp.resolve("attributes"), List.of(), null, null, 3);

        assertEquals(List.of(3, 3, 3, 1), s.chunkSizes(), "ten decisions in chunks of three");
        assertEquals(10, s.rows().size());
        // Decision 1: three outcomes, the last (NOT_FOUND) counts; its attribute record was written last.
        assertTrue(s.rows().get(1).startsWith("origin=o1 selected=false label=0 route=PROFILE"),
                s.rows().get(1));
        // Decision 7 (third chunk): overridden to true by a review written after all decisions; origin o7.
        assertTrue(s.rows().get(7).startsWith("origin=o7 selected=true label=-1 route=PROFILE"), s.rows().get(7));
        // Decision 9 (last chunk, attribute record written first): FOUND.
        assertTrue(s.rows().get(9).startsWith("origin=o9 selected=false label=1 route=RANDOM"), s.rows().get(9));
        // Decision 4, a hand-made id: NOT_FOUND; even decisions have no attribute record.
        assertTrue(s.rows().get(4).startsWith("origin=(missing) selected=true label=0"), s.rows().get(4));
        List<String> warnings = s.source().warnings();
        assertTrue(warnings.contains("1 decision(s) were overridden in review; the final decision is audited"),
                warnings.toString());
        assertTrue(warnings.contains("5 decision(s) have no protected-attribute record; they are in the group "
                + "'(missing)' of every attribute"), warnings.toString());
        assertTrue(warnings.contains(ORPHANS + " with a payload in this log (never logged, or erased) are left out:"
                + " the outcome of 1, the review override of 1 and the protected attributes of 1 such decision(s)"),
                warnings.toString());
        assertEquals(10, s.source().rowsRead());
        assertEquals("decision-log", s.source().format());

        // The same rows in one chunk, and as the one-table reader made them.
        Streamed whole = stream(tmp.resolve("log"), tmp.resolve("attributes"), List.of(), null, null, 1000);
        assertEquals(List.of(10), whole.chunkSizes());
        assertEquals(s.rows(), whole.rows());
        assertEquals(rows(reference(tmp.resolve("log"), tmp.resolve("attributes"), List.of(), null, null)),
                s.rows());
    }

    @Test
    void aRequestedAttributeOrFeatureNoRecordHasIsAnErrorBeforeAnyChunk() throws Exception {
        write(tmp.resolve("log"), List.of(rec(RecordType.DECISION,
                "{\"decisionId\":\"a\",\"decision\":true,\"features\":{\"postcode\":\"3071\"}}")));
        write(tmp.resolve("attributes"), List.of(rec(RecordType.PROTECTED_ATTRIBUTES,
                "{\"attributes\":{\"origen\":\"x\"},\"decisionId\":\"a\"}")));
        InputException e = assertThrows(InputException.class, () -> stream(tmp.resolve("log"),
                tmp.resolve("attributes"), List.of(), null, null, 10));
        assertTrue(e.getMessage().contains("did you mean 'origen'"), e.getMessage());
        InputException f = assertThrows(InputException.class, () -> stream(tmp.resolve("log"), null,
                List.of("postcod"), null, null, 10));
        assertTrue(f.getMessage().contains("no decision record has the feature 'postcod'; did you mean 'postcode'"),
                f.getMessage());
    }

    /** The one-table reader's result over the same folders. */
    private static DecisionTable reference(Path log, Path attributes, List<String> features, Instant from,
            Instant to) throws IOException {
        try (Stream<LogRecord> records = LogReader.read(log);
             Stream<LogRecord> attrs = attributes == null ? Stream.empty() : LogReader.read(attributes)) {
            return OneTableDecisionLogInput.read("decisions", "ab".repeat(32), records.iterator(), attrs.iterator(),
                    List.of("origin"), features, false, from, to);
        }
    }

    @Test
    void streamedRowsCountsAndWarningsEqualTheOneTableReadersOnRandomLogs() {
        long[] example = {0};
        qt().withExamples(40).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            try {
                Path dir = tmp.resolve("example-" + example[0]++);
                checkAgainstReference(dir, new SplittableRandom(seed));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static void checkAgainstReference(Path dir, SplittableRandom rnd) throws IOException {
        Path logDir = dir.resolve("log");
        Path attributesDir = dir.resolve("attributes");
        List<Rec> log = new ArrayList<>();
        List<Rec> attributes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int decisions = rnd.nextInt(0, 80);
        List<Rec> facts = new ArrayList<>();
        for (int i = 0; i < decisions; i++) {
            String id = switch (rnd.nextInt(20)) {
                case 0 -> "case-" + rnd.nextInt(decisions + 1); // hand-made, and sometimes repeated
                case 1 -> new UUID(rnd.nextLong(), rnd.nextLong()).toString().toUpperCase(); // not canonical
                case 2 -> null; // no decisionId
                default -> new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            };
            ids.add(id);
            ObjectNode p = NODES.objectNode();
            if (id != null) {
                p.put("decisionId", id);
            }
            switch (rnd.nextInt(10)) {
                case 0 -> p.put("decision", "yes"); // not a boolean: no decision
                case 1 -> { } // none
                default -> p.put("decision", rnd.nextBoolean());
            }
            switch (rnd.nextInt(5)) {
                case 0 -> p.putNull("route");
                case 1 -> { }
                default -> p.put("route", List.of("PROFILE", "RANDOM", "MANUAL", "SIGNAL").get(rnd.nextInt(4)));
            }
            if (rnd.nextInt(3) == 0) {
                p.put("score", rnd.nextBoolean() ? BigDecimal.valueOf(rnd.nextInt(1000), 2)
                        : BigDecimal.valueOf(rnd.nextInt(5)));
            }
            if (rnd.nextInt(4) == 0) {
                p.put("profileDecision", rnd.nextBoolean());
            }
            if (rnd.nextInt(15) == 0) {
                p.putObject("error").put("class", "java.io.IOException");
            }
            if (rnd.nextInt(8) != 0) {
                ObjectNode f = p.putObject("features");
                f.put("postcode", "30" + rnd.nextInt(4));
                switch (rnd.nextInt(6)) {
                    case 0 -> f.putNull("language");
                    case 1 -> { }
                    case 2 -> f.put("language", "t\u00fcrk\u00e7e \"q\"\\\n"); // escapes and non-ASCII
                    case 3 -> f.put("language", rnd.nextInt(3)); // a number
                    default -> f.put("language", rnd.nextBoolean() ? "nl" : "tr");
                }
                if (rnd.nextInt(10) == 0) {
                    f.put("gr\u00f6\u00dfe", 3); // a non-ASCII key: the line goes the strict way
                }
            }
            log.add(new Rec(RecordType.DECISION, p));
            // Later facts, written somewhere after their decision (in any order).
            int outcomes = rnd.nextInt(4) == 0 ? rnd.nextInt(1, 4) : 0;
            for (int k = 0; k < outcomes; k++) {
                ObjectNode o = NODES.objectNode();
                if (id != null) {
                    o.put("decisionId", id);
                }
                o.put("outcome", List.of("FOUND", "NOT_FOUND", "NOT_ESTABLISHED").get(rnd.nextInt(3)));
                facts.add(new Rec(RecordType.OUTCOME, o));
            }
            if (rnd.nextInt(6) == 0) {
                ObjectNode o = NODES.objectNode();
                o.put("decisionId", id == null ? "" : id);
                if (rnd.nextInt(4) != 0) {
                    o.put("overriddenDecision", rnd.nextBoolean());
                }
                o.put("reasonCode", "R1");
                facts.add(new Rec(RecordType.REVIEW, o));
            }
            if (id != null && rnd.nextInt(5) != 0) {
                ObjectNode a = NODES.objectNode();
                a.put("decisionId", id);
                ObjectNode values = a.putObject("attributes");
                switch (rnd.nextInt(6)) {
                    case 0 -> values.putNull("origin");
                    case 1 -> values.put("other", "x");
                    default -> values.put("origin", List.of("nl", "tr", "ma", "sr").get(rnd.nextInt(4)));
                }
                attributes.add(new Rec(RecordType.PROTECTED_ATTRIBUTES, a));
            }
            // Flush some facts now, in shuffled order.
            while (!facts.isEmpty() && rnd.nextInt(3) == 0) {
                log.add(facts.remove(rnd.nextInt(facts.size())));
            }
        }
        while (!facts.isEmpty()) {
            log.add(facts.remove(rnd.nextInt(facts.size())));
        }
        // Facts about decisions that are not there; a governance event the reader ignores.
        if (rnd.nextBoolean()) {
            log.add(rec(RecordType.OUTCOME, "{\"decisionId\":\"" + new UUID(rnd.nextLong(), 1) + "\",\"outcome\":"
                    + "\"FOUND\"}"));
            attributes.add(rec(RecordType.PROTECTED_ATTRIBUTES, "{\"attributes\":{\"origin\":\"nl\"},"
                    + "\"decisionId\":\"ghost\"}"));
        }
        log.add(rec(RecordType.GOVERNANCE, "{\"event\":\"MODEL_DEPLOYED\"}"));
        java.util.Collections.shuffle(attributes, new java.util.Random(rnd.nextLong()));
        write(logDir, log);
        write(attributesDir, attributes);
        // Erase some payloads, as retention would.
        int eraseEvery = rnd.nextInt(5, 30);
        LogEraser.erasePayloads(logDir, r -> r.seq() % eraseEvery == 0, "retention ended");
        LogEraser.erasePayloads(attributesDir, r -> r.seq() % (eraseEvery + 1) == 0, "retention ended");

        List<Instant> times = new ArrayList<>();
        try (Stream<LogRecord> records = LogReader.read(logDir)) {
            records.forEach(r -> times.add(r.time()));
        }
        Instant from = rnd.nextInt(3) == 0 && !times.isEmpty() ? times.get(rnd.nextInt(times.size())) : null;
        Instant end = rnd.nextInt(3) == 0 && !times.isEmpty()
                ? times.get(rnd.nextInt(times.size())).plusMillis(1) : null;
        Instant to = from != null && end != null && !from.isBefore(end) ? null : end;
        List<String> features = switch (rnd.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of("language", "postcode");
            default -> List.of("postcode", "gr\u00f6\u00dfe");
        };
        int chunkRows = rnd.nextInt(1, 30);
        Path attributesOrNone = rnd.nextInt(6) == 0 ? null : attributesDir;
        if (attributesOrNone != null && attributes.isEmpty()) {
            // A named attribute log without a single attribute record, readable or erased, is refused as the wrong
            // folder (the reference reader, which takes records rather than folders, has no such check).
            InputException refused = assertThrows(InputException.class,
                    () -> stream(logDir, attributesOrNone, features, from, to, chunkRows));
            assertTrue(refused.getMessage().startsWith("attributes: the protected-attribute log holds no"
                    + " PROTECTED_ATTRIBUTES record"), refused.getMessage());
            return;
        }

        DecisionTable expected;
        try {
            expected = reference(logDir, attributesOrNone, features, from, to);
        } catch (InputException e) {
            InputException actual = assertThrows(InputException.class,
                    () -> stream(logDir, attributesOrNone, features, from, to, chunkRows));
            assertEquals(e.getMessage(), actual.getMessage());
            return;
        }
        Streamed actual = stream(logDir, attributesOrNone, features, from, to, chunkRows);
        assertEquals(expected.spec(), actual.spec());
        assertEquals(rows(expected), actual.rows());
        for (int size : actual.chunkSizes()) {
            assertTrue(size >= 1 && size <= chunkRows, actual.chunkSizes().toString());
        }
        TableSource e = expected.source();
        TableSource a = actual.source();
        assertEquals(e.rowsRead(), a.rowsRead());
        assertEquals(e.rowsSkipped(), a.rowsSkipped());
        assertEquals(e.outcomeCodings(), a.outcomeCodings());
        assertEquals(e.sha256(), a.sha256());
        assertEquals(e.warnings(), a.warnings().stream().filter(w -> !w.startsWith(ORPHANS)).toList());
        // The new warning counts the decisions named by facts that have no decision record with a payload,
        // computed here from the records as trees.
        String orphans = orphanWarning(logDir, attributesOrNone);
        assertEquals(orphans == null ? List.of() : List.of(orphans),
                a.warnings().stream().filter(w -> w.startsWith(ORPHANS)).toList());
        // The in-memory API (records as trees) reads the same.
        try (Stream<LogRecord> records = LogReader.read(logDir);
             Stream<LogRecord> attrs = attributesOrNone == null ? Stream.empty() : LogReader.read(attributesOrNone)) {
            DecisionTable fromTrees = DecisionLogInput.read("decisions", "ab".repeat(32), records.iterator(),
                    attrs.iterator(), List.of("origin"), features, false, from, to);
            assertEquals(rows(expected), rows(fromTrees));
            assertEquals(a.warnings(), fromTrees.source().warnings());
        }
    }

    private static String orphanWarning(Path log, Path attributes) throws IOException {
        Set<String> decided = new HashSet<>();
        Map<RecordType, Set<String>> named = Map.of(RecordType.OUTCOME, new HashSet<>(), RecordType.REVIEW,
                new HashSet<>(), RecordType.PROTECTED_ATTRIBUTES, new HashSet<>());
        List<LogRecord> all = new ArrayList<>();
        try (Stream<LogRecord> records = LogReader.read(log)) {
            records.forEach(all::add);
        }
        if (attributes != null) {
            try (Stream<LogRecord> records = LogReader.read(attributes)) {
                records.filter(r -> r.type() == RecordType.PROTECTED_ATTRIBUTES).forEach(all::add);
            }
        }
        for (LogRecord r : all) {
            if (r.erased()) {
                continue;
            }
            String id = r.payload().path("decisionId").asText();
            switch (r.type()) {
                case DECISION -> decided.add(id);
                case OUTCOME, PROTECTED_ATTRIBUTES -> named.get(r.type()).add(id);
                case REVIEW -> {
                    if (r.payload().path("overriddenDecision").isBoolean()) {
                        named.get(RecordType.REVIEW).add(id);
                    }
                }
                default -> { }
            }
        }
        long outcomes = named.get(RecordType.OUTCOME).stream().filter(id -> !decided.contains(id)).count();
        long reviews = named.get(RecordType.REVIEW).stream().filter(id -> !decided.contains(id)).count();
        long attrs = named.get(RecordType.PROTECTED_ATTRIBUTES).stream().filter(id -> !decided.contains(id)).count();
        if (outcomes + reviews + attrs == 0) {
            return null;
        }
        return ORPHANS + " with a payload in this log (never logged, or erased) are left out: the outcome of "
                + outcomes + ", the review override of " + reviews + " and the protected attributes of " + attrs
                + " such decision(s)";
    }
}
