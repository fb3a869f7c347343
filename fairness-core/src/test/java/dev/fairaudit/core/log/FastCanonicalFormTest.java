package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast paths of the canonical form (digits written directly, objects already in key order, ASCII copied in
 * bulk, content written without a tree) give exactly the bytes of the general definition.
 */
class FastCanonicalFormTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The documented definition, independent of the fast path: BigDecimal of Double.toString, -0.0 apart. */
    private static String reference(double d) {
        if (d == 0 && Double.doubleToRawLongBits(d) != 0) {
            return "-0.0";
        }
        return new BigDecimal(Double.toString(d)).toString();
    }

    private static String fast(double d) {
        Bytes b = new Bytes(4);
        CanonicalJson.writeDouble(d, b);
        return b.toString();
    }

    private static void assertSameAsDefinition(double d) {
        assertEquals(reference(d), fast(d), () -> "double with bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
    }

    @Test
    void shortDecimalsAreWrittenAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(20261129L);
        long[] pow = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};
        for (int i = 0; i < 200_000; i++) {
            int m = r.nextInt(pow.length);
            long k = r.nextLong(1_000_000_000_000L);
            double d = k / (double) pow[m];
            assertSameAsDefinition(d);
            assertSameAsDefinition(-d);
        }
        for (int i = 0; i < 50_000; i++) {
            // scores and amounts as models produce them: a fraction of a round number, and arithmetic results
            assertSameAsDefinition(r.nextInt(10_000) / 10_000.0);
            assertSameAsDefinition(8_000 + r.nextInt(160_000) * 0.5);
            assertSameAsDefinition(r.nextInt(100_000) * 1e-5);
            assertSameAsDefinition(r.nextDouble() * 1e7);
            assertSameAsDefinition(r.nextDouble());
        }
    }

    /** Doubles of 16 and 17 significant digits, where the fast path copies Double.toString's digits. */
    @Test
    void longDecimalsBetweenAThousandthAndTenMillionAreWrittenAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(17L);
        Bytes reused = new Bytes(4);
        for (int i = 0; i < 300_000; i++) {
            // a random significand at a random decimal exponent from -3 to 6: every bit pattern of the range
            double d = (1 + r.nextDouble() * 9) * Math.pow(10, r.nextInt(-3, 7));
            if (d < 1e-3 || d >= 1e7) {
                continue;
            }
            assertSameAsDefinition(d);
            assertSameAsDefinition(-d);
            reused.clear();
            CanonicalJson.writeDouble(d * 1e-5 * 1e5, reused); // arithmetic noise, through one reused builder
            assertEquals(reference(d * 1e-5 * 1e5), reused.toString());
        }
    }

    @Test
    void arbitraryBitPatternsAndEdgesAreWrittenAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(7L);
        for (int i = 0; i < 200_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                assertSameAsDefinition(d);
            }
        }
        double[] edges = {0.0, -0.0, 1e-3, Math.nextDown(1e-3), Math.nextUp(1e-3), 1e7, Math.nextDown(1e7), 1.0,
            Math.nextUp(1.0), Math.nextDown(1.0), 0.1, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 9_999_999.999_999_9, 0.001_000_1,
            123_456.789_012_345, 4.9e-324, Double.MAX_VALUE, Double.MIN_NORMAL, 1e21, 1e-7, 100.0, 5e-324, 0.5,
            999_999.999_999_999_9, 1e15, 1e16, 2e-3, 0.002_5, 1_234_567.125};
        for (double d : edges) {
            assertSameAsDefinition(d);
            assertSameAsDefinition(-d);
        }
        assertThrows(IllegalArgumentException.class, () -> fast(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> fast(Double.NEGATIVE_INFINITY));
    }

    @Test
    void longsAreWrittenAsLongToStringDoes() {
        SplittableRandom r = new SplittableRandom(3L);
        long[] edges = {0, 1, -1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            Integer.MAX_VALUE, Integer.MIN_VALUE, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L};
        for (long v : edges) {
            Bytes b = new Bytes(1);
            b.decimal(v);
            assertEquals(Long.toString(v), b.toString());
        }
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            Bytes b = new Bytes(1);
            b.write('x');
            b.decimal(v);
            assertEquals("x" + v, b.toString());
        }
    }

    @Test
    void anObjectInKeyOrderAndTheSameObjectOutOfOrderGiveTheSameBytes() {
        ObjectNode sorted = F.objectNode();
        sorted.put("a", 1).put("b", "x\"\n\u00e9").putObject("c").put("y", 2.5).put("z", true);
        ObjectNode reversed = F.objectNode();
        reversed.putObject("c").put("z", true).put("y", 2.5);
        reversed.put("b", "x\"\n\u00e9").put("a", 1);
        String expected = "{\"a\":1,\"b\":\"x\\\"\\n\u00e9\",\"c\":{\"y\":2.5,\"z\":true}}";
        assertEquals(expected, new String(CanonicalJson.bytes(sorted), UTF_8));
        assertEquals(expected, new String(CanonicalJson.bytes(reversed), UTF_8));
    }

    /** A content shaped like a decision, written both ways. */
    private record Sample(String id, double score, ObjectNode features) implements RecordContent {
        @Override
        public void writeCanonical(CanonicalWriter out) {
            out.beginObject();
            out.key("decisionId").string(id);
            out.key("features").value(features);
            out.key("nested").beginObject().key("n").number(-42L).key("t").bool(false).endObject();
            out.key("score").number(score);
            out.endObject();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode n = F.objectNode();
            n.put("score", score);
            n.putObject("nested").put("t", false).put("n", -42L);
            n.set("features", features.deepCopy());
            n.put("decisionId", id);
            return n;
        }
    }

    @Test
    void contentWrittenDirectlyEqualsTheCanonicalFormOfItsTree() {
        SplittableRandom r = new SplittableRandom(11L);
        for (int i = 0; i < 10_000; i++) {
            ObjectNode features = F.objectNode();
            features.put("income", r.nextInt(200_000) * 0.5).put("age", r.nextInt(100))
                    .put("region", r.nextBoolean() ? "noord" : "Zuid-\u00c9\u0001\uD83D\uDE00");
            Sample s = new Sample("id-" + r.nextLong(), Double.longBitsToDouble(r.nextLong() >>> 2), features);
            assertEquals(new String(CanonicalJson.bytes(s.toJson()), UTF_8), new String(CanonicalJson.bytes(s), UTF_8));
        }
    }

    @Test
    void aWriterRefusesKeysOutOfOrderOrTwice() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(new RecordContent() {
            @Override
            public void writeCanonical(CanonicalWriter out) {
                out.beginObject().key("b").number(1L).key("a").number(2L).endObject();
            }

            @Override
            public ObjectNode toJson() {
                return F.objectNode();
            }
        }));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(new RecordContent() {
            @Override
            public void writeCanonical(CanonicalWriter out) {
                out.beginObject().key("a").number(1L).key("a").number(2L).endObject();
            }

            @Override
            public ObjectNode toJson() {
                return F.objectNode();
            }
        }));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(new RecordContent() {
            @Override
            public void writeCanonical(CanonicalWriter out) {
                out.beginObject().key("a").number(1L);
            }

            @Override
            public ObjectNode toJson() {
                return F.objectNode();
            }
        }));
    }

    /** Keys cached and pairs found in order before are still checked when they come out of order later. */
    @Test
    void aReusedWriterStillRefusesKeysOutOfOrderAfterCachingThem() {
        Bytes out = new Bytes(64);
        CanonicalWriter w = new CanonicalWriter(out);
        java.util.function.Consumer<String[]> write = keys -> {
            out.clear();
            w.reset();
            w.beginObject();
            for (String k : keys) {
                w.key(k).number(1L);
            }
            w.endObject();
        };
        for (int i = 0; i < 4; i++) {
            write.accept(new String[] {"a", "b", "c"});
        }
        assertThrows(IllegalArgumentException.class, () -> write.accept(new String[] {"b", "a"}));
        assertThrows(IllegalArgumentException.class, () -> write.accept(new String[] {"c", "c"}));
        assertThrows(IllegalArgumentException.class, () -> write.accept(new String[] {"a", "c", "b"}));
        // "Aa" and "BB" share a hash code, so a cache slot: "B" < "BB" is found in order, then "Aa" takes the
        // slot, and "B" before "Aa" (out of order) must not pass on the strength of the pair checked before
        assertEquals("Aa".hashCode(), "BB".hashCode());
        for (int i = 0; i < 3; i++) {
            write.accept(new String[] {"B", "BB"});
        }
        for (int i = 0; i < 3; i++) {
            write.accept(new String[] {"Aa"});
        }
        assertThrows(IllegalArgumentException.class, () -> write.accept(new String[] {"B", "Aa"}));
        write.accept(new String[] {"a", "b", "c"});
        assertEquals("{\"a\":1,\"b\":1,\"c\":1}", out.toString());
    }

    @Test
    void contentThatCannotBeWrittenFailsOnlyItsOwnRecordAndTheLogVerifies(@TempDir Path dir) throws Exception {
        Sample good = new Sample("a", 0.25, F.objectNode().put("x", 1));
        Sample nan = new Sample("b", Double.NaN, F.objectNode());
        try (DecisionLog log = DecisionLog.open(dir, LogOptions.builder().build())) {
            CompletableFuture<Long> first = log.appendContent(RecordType.DECISION, good);
            CompletableFuture<Long> bad = log.appendContent(RecordType.DECISION, nan);
            CompletableFuture<Long> third = log.append(RecordType.DECISION, good.toJson());
            assertEquals(1L, first.get());
            ExecutionException e = assertThrows(ExecutionException.class, bad::get);
            assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
            assertEquals(2L, third.get());
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
        try (var records = LogReader.read(dir)) {
            var list = records.toList();
            // written directly and written from the tree: the same payload, the same digest
            assertEquals(list.get(0).payloadDigest(), list.get(1).payloadDigest());
            assertEquals(new String(CanonicalJson.bytes(good), UTF_8),
                    new String(CanonicalJson.bytes(list.get(0).payload()), UTF_8));
        }
    }
}
