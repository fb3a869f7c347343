package dev.fairaudit.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.CanonicalJson;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.core.log.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A decision written by the log's writer thread straight from its fields is the payload its tree form would
 * give, byte for byte, and the raw subject identifier never reaches the file.
 */
class DecisionRecordTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(PseudonymizerTest.KEY);

    private static DecisionRecord random(SplittableRandom r) {
        ObjectNode features = null;
        if (r.nextBoolean()) {
            features = F.objectNode();
            features.put("income", r.nextInt(200_000) * 0.5).put("age", r.nextInt(100)).put("region", "Zuid\u00e9");
        }
        ArrayNode withheld = r.nextInt(4) == 0 ? F.arrayNode().add("nationality").add("sex") : null;
        DecisionRecord.RandomDraw draw = r.nextInt(3) == 0
                ? new DecisionRecord.RandomDraw(r.nextLong(), r.nextLong() >>> 1, r.nextDouble(), r.nextDouble())
                : null;
        boolean error = r.nextInt(5) == 0;
        byte decision = error ? DecisionRecord.NO_DECISION : (byte) (r.nextInt(3) - 1);
        boolean hasScore = !error && r.nextBoolean();
        byte profileDecision = draw == null || error ? DecisionRecord.NO_DECISION : (byte) (r.nextInt(3) - 1);
        String raw = r.nextBoolean() ? String.format("%09d", r.nextInt(1_000_000_000)) : null;
        String pseudonym = raw != null && r.nextBoolean() ? PSEUDONYMIZER.pseudonym(raw) : null;
        return new DecisionRecord(new UUID(r.nextLong(), r.nextLong()).toString(),
                1_700_000_000_000L + r.nextLong(1_000_000_000_000L), "risk \"model\"", "2.3.0", pseudonym, raw,
                PSEUDONYMIZER, SelectionRoute.values()[r.nextInt(4)], features, withheld, draw, decision,
                profileDecision, hasScore, r.nextInt(10_000) / 10_000.0, error ? "java.lang.IllegalStateException" : null,
                error && r.nextBoolean() ? "bad input\n[subject]" : null);
    }

    @Test
    void writtenDirectlyIsTheCanonicalFormOfTheTree() {
        SplittableRandom r = new SplittableRandom(29L);
        for (int i = 0; i < 20_000; i++) {
            DecisionRecord d = random(r);
            assertEquals(new String(CanonicalJson.bytes(d.toJson()), UTF_8), new String(CanonicalJson.bytes(d), UTF_8));
        }
    }

    @Test
    void decisionsThroughARealLogVerifyAndCarryOnlyThePseudonym(@TempDir Path dir) throws Exception {
        record Case(String citizenId, int age) {
        }
        List<String> raw = List.of("123456782", "987654321", "111222333");
        RandomControlSampler sampler = RandomControlSampler.of(5L, 0.3, 0.5);
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().durability(Durability.pageCache())
                .build())) {
            AuditedModel<Case, Boolean> audited = AuditedModel.<Case, Boolean>builder(c -> {
                if (c.age() == 13) {
                    throw new IllegalStateException("no decision for " + c.citizenId());
                }
                return c.age() < 30;
            })
                    .modelId("m").modelVersion("1").decision(b -> b).features(c -> Map.of("age", c.age()))
                    .subject(Case::citizenId).pseudonymizer(PSEUDONYMIZER).sink(log)
                    .randomControls(sampler, b -> b).build();
            for (int i = 0; i < 300; i++) {
                Case c = new Case(raw.get(i % raw.size()), i % 50 + 10);
                try {
                    audited.decideRecorded(c).commit().join();
                } catch (IllegalStateException expected) {
                    // the model's own exception, recorded as an error
                }
            }
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
        Set<String> routes = new HashSet<>();
        int errors = 0;
        try (Stream<LogRecord> records = LogReader.read(dir)) {
            for (LogRecord rec : (Iterable<LogRecord>) records::iterator) {
                if (rec.type() != RecordType.DECISION) {
                    continue;
                }
                String subject = rec.payload().get("subject").textValue();
                assertTrue(raw.stream().anyMatch(id -> {
                    try {
                        return PseudonymizerTest.hmacHex(PseudonymizerTest.KEY, id).equals(subject);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }), subject);
                routes.add(rec.payload().get("route").textValue());
                if (rec.payload().has("error")) {
                    errors++;
                    assertEquals("no decision for [subject]", rec.payload().get("error").get("message").textValue());
                }
            }
        }
        assertEquals(Set.of("PROFILE", "RANDOM"), routes);
        assertTrue(errors > 0, "some decisions failed in the model and were recorded");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String text = Files.readString(f, UTF_8);
                for (String id : raw) {
                    assertFalse(text.contains(id), () -> f + " holds a raw identifier");
                }
            }
        }
    }

    @Test
    void timeOrderedIdsAreVersion7UniqueAndIncreasingPerThread() throws Exception {
        TimeOrderedIds ids = new TimeOrderedIds();
        long before = System.currentTimeMillis();
        UUID previous = null;
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 50_000; i++) { // far more than 4,096 per millisecond: the counter overflows
            UUID u = ids.next();
            assertEquals(7, u.version());
            assertEquals(2, u.variant());
            assertTrue(seen.add(u));
            if (previous != null) {
                assertTrue(Long.compareUnsigned(u.getMostSignificantBits(), previous.getMostSignificantBits()) > 0,
                        u + " after " + previous);
            }
            previous = u;
        }
        long firstMillis = seen.stream().mapToLong(u -> u.getMostSignificantBits() >>> 16).min().orElseThrow();
        assertTrue(firstMillis >= before && firstMillis <= System.currentTimeMillis(), "time field in ms");
        Set<String> all = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    all.add(ids.get());
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(80_000, all.size());
    }
}
