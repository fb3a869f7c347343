package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's fast paths (cached object shapes, cached content keys, the time written from a per-second
 * prefix, digits without division, the payload canonicalised straight into the line buffer, the digest's hex
 * reused for the chain, the previous hash's hex reused for the line) give exactly the bytes of the documented
 * definition. The expected bytes come from {@link #reference}, a direct transcription of section 4 of
 * docs/decision-log.md that shares no code with {@link CanonicalJson}, and, for whole lines, from the documented
 * line and chain formulas ({@link LogFiles}).
 */
class WriterFastPathTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    // ---- the documented definition, independently ----

    /** The canonical form of section 4, written plainly: sorted maps, a StringBuilder, BigDecimal for numbers. */
    static String reference(JsonNode node) {
        StringBuilder sb = new StringBuilder();
        reference(node, sb);
        return sb.toString();
    }

    private static void reference(JsonNode node, StringBuilder sb) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> members = new TreeMap<>(); // String order: UTF-16 code units
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                members.put(e.getKey(), e.getValue());
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : members.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                referenceString(e.getKey(), sb);
                sb.append(':');
                reference(e.getValue(), sb);
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                reference(node.get(i), sb);
            }
            sb.append(']');
        } else if (node.isTextual()) {
            referenceString(node.textValue(), sb);
        } else if (node.isBinary()) {
            referenceString(Base64.getEncoder().encodeToString(((com.fasterxml.jackson.databind.node.BinaryNode) node)
                    .binaryValue()), sb);
        } else if (node.isIntegralNumber()) {
            sb.append(node.bigIntegerValue().toString());
        } else if (node.isBigDecimal()) {
            sb.append(node.decimalValue().toString());
        } else if (node.isFloat()) {
            float f = node.floatValue();
            sb.append(f == 0 && Float.floatToRawIntBits(f) != 0 ? "-0.0" : new BigDecimal(Float.toString(f)).toString());
        } else if (node.isDouble()) {
            double d = node.doubleValue();
            sb.append(d == 0 && Double.doubleToRawLongBits(d) != 0 ? "-0.0"
                    : new BigDecimal(Double.toString(d)).toString());
        } else if (node.isBoolean()) {
            sb.append(node.booleanValue());
        } else if (node.isNull()) {
            sb.append("null");
        } else {
            throw new IllegalArgumentException(node.getNodeType().toString());
        }
    }

    private static void referenceString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) && !paired) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ---- random payloads ----

    /** Keys from a small pool so that object shapes repeat, some with escapes and non-ASCII, in fresh instances. */
    private static final String[] KEYS = {"age", "income", "decision", "decisionId", "score", "route", "subject",
        "a", "b", "B", "é", "\u00e9t\u00e9", "\uD83D\uDE00", "q\"uote", "back\\slash", "tab\tnl\n", "\u0001", "",
        "zz", "Z", "features", "x/y", "\u007f", "long-key-" + "k".repeat(80)};

    private static String key(SplittableRandom r) {
        String k = KEYS[r.nextInt(KEYS.length)];
        return r.nextBoolean() ? k : new String(k.toCharArray()); // equal, not identical
    }

    private static final double[] DOUBLES = {0.0, -0.0, 0.1, 1e21, 1e-7, 4.9e-324, Double.MAX_VALUE,
        Double.MIN_NORMAL, 100.0, 1e7, Math.nextDown(1e7), 1e-3, Math.nextDown(1e-3), 0.1 + 0.2, 1.0 / 3, -2.5,
        123_456.789, 9_999_999.999_999_9};

    private static final long[] LONGS = {0, -1, 1, 9, 10, 99, 100, Long.MIN_VALUE, Long.MAX_VALUE,
        Long.MIN_VALUE + 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 999_999_999_999_999_999L,
        1_000_000_000_000_000_000L};

    private static String text(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0, 1 -> sb.append((char) (0x20 + r.nextInt(0x5f)));
                case 2 -> sb.append((char) r.nextInt(0x20));
                case 3 -> sb.append((char) r.nextInt(0x10000)); // surrogates included, paired or not
                case 4 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                default -> sb.append("\"\\/\u007f\u0080\u07ff\u0800\uffff".charAt(r.nextInt(8)));
            }
        }
        return sb.toString();
    }

    private static JsonNode value(SplittableRandom r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(8) : r.nextInt(10);
        switch (kind) {
            case 0:
                return object(r, depth + 1);
            case 1: {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(value(r, depth + 1));
                }
                return a;
            }
            case 2:
                return F.textNode(text(r));
            case 3:
                return F.numberNode(r.nextBoolean() ? LONGS[r.nextInt(LONGS.length)] : r.nextLong() >> r.nextInt(64));
            case 4:
                return F.numberNode(r.nextInt(3) == 0 ? (int) r.nextLong() : r.nextInt(1000));
            case 5: {
                double d = switch (r.nextInt(4)) {
                    case 0 -> DOUBLES[r.nextInt(DOUBLES.length)];
                    case 1 -> r.nextInt(100_000) / Math.pow(10, r.nextInt(8));
                    case 2 -> Double.longBitsToDouble(r.nextLong());
                    default -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                };
                return F.numberNode(Double.isNaN(d) || Double.isInfinite(d) ? 0.5 : r.nextBoolean() ? d : -d);
            }
            case 6:
                return r.nextBoolean() ? FloatNode.valueOf(Float.intBitsToFloat(r.nextInt() & 0x7f7fffff))
                        : DecimalNode.valueOf(new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(40) - 20));
            case 7:
                return F.numberNode(new BigInteger(100, new java.util.Random(r.nextLong())).negate());
            case 8:
                return F.booleanNode(r.nextBoolean());
            default:
                return F.nullNode();
        }
    }

    private static ObjectNode object(SplittableRandom r, int depth) {
        ObjectNode o = F.objectNode();
        int n = r.nextInt(7);
        for (int i = 0; i < n; i++) {
            o.set(key(r), value(r, depth));
        }
        return o;
    }

    private static String fast(JsonNode node, CanonicalJson.Scratch scratch) {
        Bytes out = new Bytes(8);
        out.write('#'); // not at the start of the buffer, as in the writer's line buffer
        CanonicalJson.write(node, out, 0, scratch);
        String s = out.toString();
        assertEquals('#', s.charAt(0));
        return s.substring(1);
    }

    @Test
    void randomTreesThroughALongLivedScratchGiveTheDefinitionsBytes() {
        CanonicalJson.Scratch scratch = new CanonicalJson.Scratch(); // shapes cached across examples, as the writer
        qt().withExamples(2000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            ObjectNode tree = object(r, 0);
            String expected = reference(tree);
            // the same tree three times: the general path, then (its shapes seen twice) the cached ones
            for (int k = 0; k < 3; k++) {
                assertEquals(expected, fast(tree, scratch), "seed " + seed + ", write " + k);
            }
        });
    }

    @Test
    void objectsWithTheSameKeysInAnotherOrderOrWithOneKeyChangedAreNotTakenForACachedShape() {
        CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
        SplittableRandom r = new SplittableRandom(42);
        // keys of one length: a shape must be told apart by its keys, not by their lengths
        String[] keys = {"score", "route", "alpha", "omega", "delta", "gamma"};
        for (int i = 0; i < 5_000; i++) {
            ObjectNode o = F.objectNode();
            // a few orders and key sets, repeated, so shapes get cached and are then met by near misses
            int variant = r.nextInt(6);
            for (int j = 0; j < keys.length; j++) {
                String k = keys[(j + (variant % 3)) % keys.length];
                if (variant >= 3 && j == 2) {
                    k = k.substring(0, 4) + "X";
                }
                o.put(k, r.nextInt(4) == 0 ? F.textNode(text(r)) : F.numberNode(r.nextInt(100) / 8.0));
            }
            assertEquals(reference(o), fast(o, scratch));
        }
    }

    @Test
    void theScratchKeepsNoValueAfterAWrite() throws Exception {
        CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
        ObjectNode o = F.objectNode().put("b", "secret-1").put("a", "secret-2");
        o.putObject("c").put("z", "secret-3").put("y", 1);
        for (int i = 0; i < 3; i++) {
            fast(o, scratch);
        }
        java.lang.reflect.Field f = CanonicalJson.Scratch.class.getDeclaredField("values");
        f.setAccessible(true);
        for (Object v : (Object[]) f.get(scratch)) {
            assertEquals(null, v);
        }
    }

    @Test
    void aKeyWithAnUnpairedSurrogateIsStillRefusedOnceItsShapeCouldHaveBeenCached() {
        CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
        ObjectNode good = F.objectNode().put("b", 1).put("a", 2);
        fast(good, scratch);
        fast(good, scratch);
        ObjectNode bad = F.objectNode().put("b", 1).put("a\uD800", 2);
        for (int i = 0; i < 3; i++) {
            assertThrows(IllegalArgumentException.class, () -> fast(bad, scratch));
        }
        assertEquals(reference(good), fast(good, scratch));
    }

    @Test
    void decimalLengthIsTheLengthOfLongToString() {
        SplittableRandom r = new SplittableRandom(5);
        for (long v : LONGS) {
            for (long w : new long[] {v, -v}) {
                assertEquals(Long.toString(w).length(), Bytes.decimalLength(w), () -> Long.toString(w));
                byte[] b = new byte[24];
                int end = Bytes.decimal(b, 1, w);
                assertEquals(Long.toString(w), new String(b, 1, end - 1, UTF_8));
            }
        }
        for (int i = 0; i < 100_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertEquals(Long.toString(v).length(), Bytes.decimalLength(v), () -> Long.toString(v));
            byte[] b = new byte[24];
            int end = Bytes.decimal(b, 2, v);
            assertEquals(Long.toString(v), new String(b, 2, end - 2, UTF_8));
        }
    }

    // ---- content written through one reused CanonicalWriter, as the log's writer does ----

    /** A content with random keys (written sorted) and values, and its tree. */
    private record RandomContent(List<String> keys, List<JsonNode> values) implements RecordContent {
        @Override
        public void writeCanonical(CanonicalWriter out) {
            out.beginObject();
            for (int i = 0; i < keys.size(); i++) {
                out.key(keys.get(i));
                JsonNode v = values.get(i);
                if (v.isTextual()) {
                    out.string(v.textValue());
                } else if (v.isLong() || v.isInt()) {
                    out.number(v.longValue());
                } else if (v.isDouble()) {
                    out.number(v.doubleValue());
                } else if (v.isBoolean()) {
                    out.bool(v.booleanValue());
                } else if (v.isObject() && v.has("time")) {
                    out.beginObject().key("time").isoMillis(v.get("time").longValue()).endObject();
                } else {
                    out.value(v);
                }
            }
            out.endObject();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = F.objectNode();
            for (int i = 0; i < keys.size(); i++) {
                JsonNode v = values.get(i);
                if (v.isObject() && v.has("time")) {
                    // the documented text of an instant: ISO-8601 UTC, fixed width for years 0000 to 9999
                    long ms = v.get("time").longValue();
                    java.time.Instant t = java.time.Instant.ofEpochMilli(ms);
                    int year = t.atZone(java.time.ZoneOffset.UTC).getYear();
                    String text = year >= 0 && year <= 9999
                            ? java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                                    .withZone(java.time.ZoneOffset.UTC).format(t)
                            : t.toString();
                    o.putObject(keys.get(i)).put("time", text);
                } else {
                    o.set(keys.get(i), v);
                }
            }
            return o;
        }
    }

    private static long randomTime(SplittableRandom r, long near) {
        return switch (r.nextInt(6)) {
            case 0 -> near + r.nextInt(3); // the same second, mostly
            case 1 -> near + r.nextInt(2_000) - 1_000;
            case 2 -> r.nextLong(-62_167_219_200_000L, 253_402_300_800_000L); // years 0000 to 9999
            case 3 -> r.nextLong(); // any year, most outside 0000 to 9999
            case 4 -> r.nextBoolean() ? -62_167_219_200_000L - r.nextInt(2) : 253_402_300_800_000L - r.nextInt(2);
            default -> r.nextLong(1_500_000_000_000L, 2_000_000_000_000L);
        };
    }

    private static RandomContent randomContent(SplittableRandom r, long[] clock) {
        TreeMap<String, JsonNode> members = new TreeMap<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String k = key(r);
            JsonNode v = switch (r.nextInt(6)) {
                case 0 -> F.textNode(text(r));
                case 1 -> F.numberNode(LONGS[r.nextInt(LONGS.length)]);
                case 2 -> F.numberNode(DOUBLES[r.nextInt(DOUBLES.length)] * (r.nextBoolean() ? 1 : -1));
                case 3 -> F.booleanNode(r.nextBoolean());
                case 4 -> {
                    clock[0] = randomTime(r, clock[0]);
                    yield F.objectNode().put("time", clock[0]);
                }
                default -> object(r, 1);
            };
            members.put(k, v);
        }
        return new RandomContent(new ArrayList<>(members.keySet()), new ArrayList<>(members.values()));
    }

    @Test
    void randomContentThroughAReusedWriterGivesTheDefinitionsBytes() {
        Bytes out = new Bytes(16);
        CanonicalWriter w = new CanonicalWriter(out); // keys and the second's text cached across examples
        long[] clock = {1_764_410_000_000L};
        qt().withExamples(3000).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            for (int k = 0; k < 3; k++) {
                RandomContent c = randomContent(r, clock);
                out.clear();
                w.reset();
                c.writeCanonical(w);
                assertTrue(w.complete());
                assertEquals(reference(c.toJson()), out.toString(), "seed " + seed);
            }
        });
    }

    /** Hex and UUID strings written from their bytes are the JDK's texts (HexFormat, UUID.toString) as strings. */
    @Test
    void hexAndUuidStringsAreTheJdksTexts() {
        Bytes out = new Bytes(16);
        CanonicalWriter w = new CanonicalWriter(out);
        long[] edges = {0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x0123456789abcdefL};
        qt().withExamples(2000).forAll(longs().all(), longs().all()).checkAssert((high, low) -> {
            for (long[] hl : new long[][] {{high, low}, {edges[(int) (high & 3)], edges[(int) (low & 3) + 1]}}) {
                out.clear();
                w.reset();
                w.uuidString(hl[0], hl[1]);
                assertEquals('"' + new java.util.UUID(hl[0], hl[1]).toString() + '"', out.toString());
            }
            byte[] bytes = new byte[(int) (high & 63)];
            new SplittableRandom(low).nextBytes(bytes);
            int off = bytes.length == 0 ? 0 : (int) ((low >>> 1) % bytes.length);
            out.clear();
            w.reset();
            w.hexString(bytes, off, bytes.length - off);
            assertEquals('"' + java.util.HexFormat.of().formatHex(bytes, off, bytes.length) + '"', out.toString());
        });
        assertThrows(IndexOutOfBoundsException.class, () -> {
            w.reset();
            w.hexString(new byte[4], 2, 3);
        });
    }

    // ---- whole lines, as the writer writes them ----

    private record Appended(long seq, String payload) {
    }

    @Test
    void everyLineIsTheDocumentedLineOfTheDefinitionsPayload(@TempDir Path dir) throws Exception {
        SplittableRandom r = new SplittableRandom(2026_11_29L);
        List<String> expectedPayloads = new ArrayList<>();
        long[] clock = {1_764_410_000_000L};
        // small segments, so that lines also cross rotations; trees and contents mixed; some refused
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(64 * 1024).build();
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                if (r.nextInt(50) == 0) {
                    futures.add(log.append(RecordType.DECISION, F.objectNode().put("nan", Double.NaN)));
                    expectedPayloads.add(null);
                } else if (r.nextBoolean()) {
                    ObjectNode tree = object(r, 0);
                    futures.add(log.append(RecordType.values()[r.nextInt(5)], tree));
                    expectedPayloads.add(reference(tree));
                } else {
                    RandomContent c = randomContent(r, clock);
                    futures.add(log.appendContent(RecordType.DECISION, c));
                    expectedPayloads.add(reference(c.toJson()));
                }
            }
            long seq = 0;
            for (int i = 0; i < futures.size(); i++) {
                if (expectedPayloads.get(i) == null) {
                    CompletableFuture<Long> f = futures.get(i);
                    assertThrows(Exception.class, f::join);
                } else {
                    assertEquals(++seq, futures.get(i).join());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (Segments.Seg seg : Segments.list(dir)) {
            lines.addAll(LogFiles.lines(seg.path()));
        }
        assertTrue(Segments.list(dir).size() > 3, "the test should cross segment rotations");
        String prev = "0".repeat(64);
        int line = 0;
        for (String payload : expectedPayloads) {
            if (payload == null) {
                continue;
            }
            String text = lines.get(line++);
            Matcher m = LogFiles.LINE.matcher(text);
            assertTrue(m.matches(), text);
            String seq = Integer.toString(line);
            String digest = LogFiles.sha256Hex(payload.getBytes(UTF_8));
            String hash = LogFiles.chainHash(null, prev, seq, m.group(2), m.group(3), digest);
            String expected = "{\"seq\":" + seq + ",\"time\":\"" + m.group(2) + "\",\"type\":\"" + m.group(3)
                    + "\",\"payloadDigest\":\"" + digest + "\",\"prevHash\":\"" + prev + "\",\"hash\":\"" + hash
                    + "\",\"payload\":" + payload + "}";
            assertEquals(expected, text, "line " + line);
            assertTrue(m.group(2).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), m.group(2));
            prev = hash;
        }
        assertEquals(line + 1, lines.size(), "the records and the closing checkpoint");
        assertTrue(LogVerifier.verify(dir, null).ok());
        assertTrue(Files.size(Segments.list(dir).get(0).path()) <= 64 * 1024);
    }
}
