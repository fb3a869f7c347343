package dev.fairaudit.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.CanonicalJson;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.RecordContent;
import dev.fairaudit.core.log.RecordType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The caller's cheaper path (decision id as two longs, a features map kept as it is and filtered where the
 * record is written) gives the same payload, byte for byte, as the path before it: the id as text on the
 * caller's thread, and the map converted to a JSON tree ({@link Json#objectOf}) and filtered there. The
 * reference below is that earlier filter (AuditedModel.filterFeatures at commit 99a3ec9), copied here, so it
 * does not change with the code under test.
 */
class CallerPathEquivalenceTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00.123Z"), ZoneOffset.UTC);
    private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(PseudonymizerTest.KEY);
    private static final List<String> EXCLUDED = List.of("citizenId", "code");
    private static final List<String> PROTECTED = List.of("nationality", "sex");
    private static final String[] NAMES = {"age", "income", "region", "nationality", "sex", "citizenId", "code",
        "ratio", "flag", "big", "Zuid\u00e9", "\ud83d\ude00k", "a", "B", "b", "when", "list"};

    /** A case: its subject, features, and whether the model fails on it. */
    record Case(String subject, Map<String, ?> features, boolean fails) {
    }

    /** The reference: AuditedModel.filterFeatures as it was at 99a3ec9 (in place; the names withheld). */
    private static ArrayNode referenceFilter(ObjectNode featureNode, String rawSubject) {
        ArrayNode withheld = null;
        for (String name : EXCLUDED) {
            featureNode.remove(name);
        }
        for (String name : PROTECTED) {
            if (featureNode.remove(name) != null) {
                withheld = withhold(withheld, name);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = featureNode.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (rawSubject != null && v.isTextual() && v.textValue().equals(rawSubject)) {
                it.remove();
                withheld = withhold(withheld, e.getKey());
            } else if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
                e.setValue(featureNode.nullNode());
            }
        }
        return withheld;
    }

    private static ArrayNode withhold(ArrayNode withheld, String name) {
        ArrayNode list = withheld == null ? F.arrayNode() : withheld;
        list.add(name);
        return list;
    }

    private static Object randomValue(SplittableRandom r, String subject, boolean mayBeNull) {
        return switch (r.nextInt(mayBeNull ? 17 : 16)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextLong();
            case 2 -> r.nextInt(200_000) * 0.5;
            case 3 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e21,
                4.9e-324, 0.1, Double.longBitsToDouble(r.nextLong())}[r.nextInt(8)];
            case 4 -> new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 0.1f, 1e21f, (float) r.nextDouble()}[r.nextInt(5)];
            case 5 -> (short) r.nextInt();
            case 6 -> (byte) r.nextInt();
            case 7 -> new BigDecimal(new String[] {"1.50", "0.0000001", "12345678901234567890.123", "1E+3"}[r.nextInt(4)]);
            case 8 -> new BigInteger(100, new java.util.Random(r.nextLong()));
            case 9 -> r.nextBoolean();
            case 10, 11 -> subject; // a feature carrying the raw identifier
            case 12 -> new String[] {"north", "Zuid\u00e9", "\u0000\n\"\\", "\ud800 lone", ""}[r.nextInt(5)];
            case 13 -> RoundingMode.values()[r.nextInt(RoundingMode.values().length)];
            case 14 -> r.nextInt(4) == 0 ? List.of(1, "x") : UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt()});
            case 15 -> r.nextInt(3) == 0 ? LocalDate.ofEpochDay(r.nextInt(30_000)) : subject;
            default -> null;
        };
    }

    private static Case randomCase(SplittableRandom r) {
        String subject = r.nextInt(5) == 0 ? UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt()}).toString()
                : r.nextInt(4) == 0 ? RoundingMode.values()[r.nextInt(8)].name()
                : String.format("%09d", r.nextInt(1_000_000_000));
        int kind = r.nextInt(4); // Map.copyOf, LinkedHashMap, HashMap, TreeMap
        Map<String, Object> m = kind == 2 ? new HashMap<>() : kind == 3 ? new TreeMap<>() : new LinkedHashMap<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            Object v = randomValue(r, subject, kind == 1 || kind == 2);
            if (v instanceof UUID u && r.nextInt(3) == 0) {
                subject = u.toString(); // a UUID feature equal to the subject
            }
            m.put(NAMES[r.nextInt(NAMES.length)], v);
        }
        Map<String, ?> features = kind == 0 ? Map.copyOf(m) : m;
        return new Case(subject, features, r.nextInt(10) == 0);
    }

    /** Keeps every decision's content as the log would get it. */
    static final class ContentSink implements LogSink {
        final List<RecordContent> contents = new ArrayList<>();

        @Override
        public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
            throw new AssertionError("decisions go through appendContent or submitContent");
        }

        @Override
        public CompletableFuture<Long> appendContent(RecordType type, RecordContent content) {
            contents.add(content);
            return CompletableFuture.completedFuture((long) contents.size());
        }
    }

    private static AuditedModel<Case, Boolean> audited(LogSink sink, Clock clock) {
        return AuditedModel.<Case, Boolean>builder(c -> {
            if (c.fails()) {
                throw new IllegalArgumentException("cannot assess " + c.subject());
            }
            return c.features().size() % 2 == 0;
        })
                .modelId("risk \"m\"").modelVersion("2.3.0").decision(b -> b).score(b -> b ? 0.75 : 0.25)
                .features(Case::features).excludeFeatures(EXCLUDED.toArray(new String[0]))
                .protectedAttributeNames(PROTECTED.toArray(new String[0]))
                .subject(Case::subject).pseudonymizer(PSEUDONYMIZER).sink(sink).clock(clock).build();
    }

    /** The record as the earlier path made it: the map as a filtered tree, the id as text. */
    private static DecisionRecord reference(Case c, String id) {
        ObjectNode tree = Json.objectOf(c.features());
        ArrayNode withheld = referenceFilter(tree, c.subject());
        boolean decided = c.features().size() % 2 == 0;
        return c.fails()
                ? new DecisionRecord(id, CLOCK.millis(), "risk \"m\"", "2.3.0", null, c.subject(), PSEUDONYMIZER,
                        SelectionRoute.PROFILE, tree, withheld, null, DecisionRecord.NO_DECISION, false, 0,
                        IllegalArgumentException.class.getName(), "cannot assess [subject]")
                : new DecisionRecord(id, CLOCK.millis(), "risk \"m\"", "2.3.0", null, c.subject(), PSEUDONYMIZER,
                        SelectionRoute.PROFILE, tree, withheld, null, decided ? (byte) 1 : 0, true,
                        decided ? 0.75 : 0.25, null, null);
    }

    private static void decide(AuditedModel<Case, Boolean> model, Case c, boolean recorded) throws Exception {
        try {
            if (recorded) {
                model.decideRecorded(c);
            } else {
                model.decide(c);
            }
        } catch (IllegalArgumentException expected) {
            assertTrue(c.fails(), expected.toString());
        }
    }

    @Test
    void theSameDecisionsGiveTheSamePayloadsAsTheTreePathByteForByte() throws Exception {
        SplittableRandom r = new SplittableRandom(20261129L);
        ContentSink sink = new ContentSink();
        AuditedModel<Case, Boolean> model = audited(sink, CLOCK);
        int withWithheld = 0;
        int withNull = 0;
        for (int i = 0; i < 20_000; i++) {
            Case c = randomCase(r);
            decide(model, c, r.nextBoolean());
            DecisionRecord got = (DecisionRecord) sink.contents.get(i);
            DecisionRecord expected = reference(c, got.decisionId());
            String want = new String(CanonicalJson.bytes(expected), UTF_8);
            assertEquals(want, new String(CanonicalJson.bytes(got), UTF_8), c.toString());
            assertEquals(want, new String(CanonicalJson.bytes(got.toJson()), UTF_8), c.toString());
            // other sinks get the tree: the same members in the same order
            assertEquals(expected.toJson().toString(), got.toJson().toString(), c.toString());
            withWithheld += want.contains("\"withheldFeatures\"") ? 1 : 0;
            withNull += want.contains(":null") ? 1 : 0;
        }
        assertTrue(withWithheld > 1_000 && withNull > 1_000, withWithheld + " with withheld features, " + withNull
                + " with a non-finite value recorded as null: both paths of the filter were exercised");
    }

    @Test
    void onTheLogsWriterThreadTheBytesOnDiskAreThoseOfTheTreePath(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(7L);
        List<String> expected = new ArrayList<>();
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.pageCache())
                .build())) {
            AuditedModel<Case, Boolean> model = audited(log, CLOCK);
            for (int i = 0; i < 2_000; i++) {
                Case random = randomCase(r);
                // the model's failures are compared in the test above (their id reaches the caller only in the log)
                Case c = new Case(random.subject(), random.features(), false);
                RecordedDecision<Boolean> d = model.decideRecorded(c);
                d.commit().join();
                expected.add(new String(CanonicalJson.bytes(reference(c, d.decisionId())), UTF_8));
            }
        }
        assertTrue(LogVerifier.verify(dir, null).ok());
        List<String> payloads = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.getFileName().toString().startsWith("segment-"))
                    .sorted()::iterator) {
                for (String line : Files.readAllLines(f, UTF_8)) {
                    if (line.contains("\"type\":\"DECISION\"")) {
                        int at = line.indexOf("\"payload\":") + "\"payload\":".length();
                        payloads.add(line.substring(at, line.length() - 1));
                    }
                }
            }
        }
        assertEquals(expected, payloads);
    }

    @Test
    void theDefaultIdIsAVersion7UuidOfTheRecordsMillisecondMadeTextOnlyWhenAsked() throws Exception {
        ContentSink sink = new ContentSink();
        AuditedModel<Case, Boolean> model = audited(sink, Clock.systemUTC());
        Case c = new Case("123456782", Map.of("age", 30), false);
        Set<String> seen = new HashSet<>();
        String previous = null;
        for (int i = 0; i < 10_000; i++) {
            String returned = null;
            if (i % 2 == 0) {
                returned = model.decideRecorded(c).decisionId();
            } else {
                model.decide(c);
            }
            DecisionRecord d = (DecisionRecord) sink.contents.get(i);
            String id = d.decisionId();
            if (returned != null) {
                assertEquals(returned, id, "the id the caller gets is the one written");
            }
            UUID u = UUID.fromString(id);
            assertEquals(id, u.toString(), "lowercase, 8-4-4-4-12");
            assertEquals(7, u.version());
            assertEquals(2, u.variant());
            long idMillis = u.getMostSignificantBits() >>> 16;
            long time = Instant.parse(d.toJson().get("time").textValue()).toEpochMilli();
            // the id's time field is the record's time, or ahead of it past 4,096 ids in one millisecond
            assertTrue(idMillis >= time && idMillis <= time + 3, idMillis + " vs " + time);
            assertTrue(seen.add(id));
            if (previous != null) {
                assertTrue(id.compareTo(previous) > 0, id + " sorts after " + previous);
            }
            previous = id;
            assertEquals(new String(CanonicalJson.bytes(d), UTF_8), new String(CanonicalJson.bytes(d.toJson()), UTF_8));
        }
    }

    @Test
    void aMapTheCallerChangesAfterTheCallDoesNotChangeTheRecord() throws Exception {
        ContentSink sink = new ContentSink();
        AuditedModel<Case, Boolean> model = audited(sink, CLOCK);
        Map<String, Object> mutable = new LinkedHashMap<>();
        mutable.put("income", 900);
        mutable.put("region", "north");
        List<Object> list = new ArrayList<>(List.of(1, 2));
        Map<String, Object> withList = new LinkedHashMap<>(Map.of("list", list));
        model.decide(new Case("123456782", mutable, false));
        model.decide(new Case("123456782", Map.of("list", list, "age", 3), false));
        model.decide(new Case("123456782", withList, false));
        mutable.put("income", 1_000_000);
        mutable.put("nationality", "NL");
        mutable.remove("region");
        list.add(3);
        withList.clear();
        assertEquals("{\"income\":900,\"region\":\"north\"}", features(sink.contents.get(0)));
        assertEquals("{\"age\":3,\"list\":[1,2]}", features(sink.contents.get(1)));
        assertEquals("{\"list\":[1,2]}", features(sink.contents.get(2)));
    }

    /** The features as written on the log's writer thread. */
    private static String features(RecordContent content) throws Exception {
        JsonNode payload = Json.MAPPER.readTree(CanonicalJson.bytes(content));
        return new String(CanonicalJson.bytes(payload.get("features")), UTF_8);
    }

    @Test
    void onlyPlainValuesInAMapThatCannotChangeAreKeptAsTheyAre() {
        FeatureFilter filter = new FeatureFilter("m", "1", EXCLUDED, PROTECTED);
        Map<String, ?> unmodifiable = Map.of("a", 1, "b", "x", "c", 2.5, "d", RoundingMode.UP);
        for (int i = 0; i < 2; i++) { // first with all keys new, then with those of the map before
            assertTrue(filter.keepable(unmodifiable) == unmodifiable, "Map.of of plain values: kept as it is");
            Map<String, ?> same = Map.of("a", 2, "b", "y", "c", -0.0, "d", RoundingMode.DOWN);
            assertTrue(filter.keepable(same) == same);
        }
        // the same size but another key, or the same keys with a value that is not plain
        assertNull(filter.keepable(Map.of("a", 1, "b", "x", "c", 2.5, "e", List.of())));
        assertNull(filter.keepable(Map.of("a", 1, "b", "x", "c", 2.5, "d", new StringBuilder())));
        Map<String, ?> other = Map.of("a", 1, "b", "x", "c", 2.5, "e", 3);
        assertTrue(filter.keepable(other) == other);
        assertNull(filter.keepable(Map.of("a", 1, "b", "x", "c", new ArrayList<>(), "e", 3)));
        Map<String, ?> one = Map.of("a", 1);
        assertTrue(filter.keepable(one) == one);
        Map<String, Object> mutable = new HashMap<>(unmodifiable);
        Map<String, ?> copy = filter.keepable(mutable);
        assertFalse(copy == mutable, "a map that can change is copied");
        assertEquals(mutable, copy);
        assertNull(filter.keepable(Map.of("a", List.of(1))), "a value that is not plain: a tree at once");
        assertNull(filter.keepable(Map.of("a", LocalDate.EPOCH)));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertNull(filter.keepable(nullKey), "a null key: left to the tree path, as before");
    }
}
