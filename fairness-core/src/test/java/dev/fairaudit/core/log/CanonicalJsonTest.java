package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canonical form: exact bytes for known values, and idempotence through the log's own parser. */
class CanonicalJsonTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static String canon(JsonNode n) {
        return new String(CanonicalJson.bytes(n), UTF_8);
    }

    private static String canonValue(JsonNode v) {
        String s = canon(F.objectNode().set("v", v));
        return s.substring("{\"v\":".length(), s.length() - 1);
    }

    /** Writes the payload into a record line and parses it back the way the verifier does. */
    private static ObjectNode reparse(ObjectNode payload) throws LineFormatException {
        Bytes p = new Bytes(64);
        CanonicalJson.write(payload, p);
        Bytes line = new Bytes(256);
        LineFormat.line(line, 1, "2026-01-01T00:00:00.000Z", "DECISION", Hex.ZERO_HASH, Hex.ZERO_HASH, Hex.ZERO_HASH,
                p, null);
        return LineParser.parse(line.buf, 0, line.len - 1).payload();
    }

    private static void assertIdempotent(ObjectNode payload) throws LineFormatException {
        byte[] once = CanonicalJson.bytes(payload);
        byte[] twice = CanonicalJson.bytes(reparse(payload));
        assertArrayEquals(once, twice, () -> "not idempotent: " + new String(once, UTF_8) + " became "
                + new String(twice, UTF_8));
    }

    @Test
    void sortsKeysRecursivelyWithoutWhitespace() throws Exception {
        JsonNode n = new ObjectMapper().readTree("{ \"b\" : [1, {\"z\": null, \"a\": true}], \"a\": \"x\" }");
        assertEquals("{\"a\":\"x\",\"b\":[1,{\"a\":true,\"z\":null}]}", canon(n));
    }

    @Test
    void sortsKeysByUtf16CodeUnits() {
        ObjectNode n = F.objectNode();
        n.put("é", 1).put("z", 2).put("A", 3).put("\uD83D\uDE00", 4).put("\uFFFD", 5);
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFD in UTF-16 (unlike in UTF-8).
        assertEquals("{\"A\":3,\"z\":2,\"é\":1,\"\uD83D\uDE00\":4,\"\uFFFD\":5}", canon(n));
    }

    @Test
    void writesNumbersInTheirDecimalScientificForm() {
        assertEquals("0.1", canonValue(DoubleNode.valueOf(0.1)));
        assertEquals("1.0E+21", canonValue(DoubleNode.valueOf(1e21)));
        assertEquals("-0.0", canonValue(DoubleNode.valueOf(-0.0)));
        assertEquals("0.0", canonValue(DoubleNode.valueOf(0.0)));
        assertEquals("100.0", canonValue(DoubleNode.valueOf(100.0)));
        assertEquals("1.0E-7", canonValue(DoubleNode.valueOf(1e-7)));
        assertEquals("0.1", canonValue(FloatNode.valueOf(0.1f)));
        assertEquals("1267650600228229401496703205376", canonValue(BigIntegerNode.valueOf(BigInteger.TWO.pow(100))));
        assertEquals("-9223372036854775808", canonValue(LongNode.valueOf(Long.MIN_VALUE)));
        assertEquals("1.50", canonValue(DecimalNode.valueOf(new BigDecimal("1.50"))));
        assertEquals("1E+3", canonValue(DecimalNode.valueOf(new BigDecimal("1e3"))));
    }

    @Test
    void escapesStringsMinimallyAndWritesUtf8() {
        assertEquals("\"é😀\"", canonValue(TextNode.valueOf("é\uD83D\uDE00")));
        assertEquals("\"\\n\\t\\r\\b\\f\\\"\\\\/\"", canonValue(TextNode.valueOf("\n\t\r\b\f\"\\/")));
        assertEquals("\"\\u0001\\u001f\u007f\"", canonValue(TextNode.valueOf("\u0001\u001f\u007f")));
        assertEquals("\"a\\ud800b\\udc00\"", canonValue(TextNode.valueOf("a\uD800b\uDC00")));
        assertArrayEquals(new byte[] {'"', (byte) 0xc3, (byte) 0xa9, '"'},
                CanonicalJson.bytes(TextNode.valueOf("é")));
    }

    @Test
    void rejectsWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(DoubleNode.valueOf(Double.NaN)));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.bytes(DoubleNode.valueOf(Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(new POJONode(new Object())));
        ArrayNode deep = F.arrayNode();
        ArrayNode cur = deep;
        for (int i = 0; i < CanonicalJson.MAX_DEPTH; i++) {
            ArrayNode next = F.arrayNode();
            cur.add(next);
            cur = next;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CanonicalJson.bytes(deep));
        assertTrue(e.getMessage().contains("deeper than " + CanonicalJson.MAX_DEPTH), e.getMessage());
    }

    @Test
    void knownValuesSurviveTheVerifiersParseExactly() throws Exception {
        ObjectNode p = F.objectNode();
        p.put("tenth", 0.1).put("big", 1e21).put("negZero", -0.0).put("tiny", 4.9e-324).put("max", Double.MAX_VALUE)
                .put("f", 0.1f).put("bigInt", new BigInteger("123456789012345678901234567890"))
                .put("dec", new BigDecimal("1.50")).put("decExp", new BigDecimal("1E+3"))
                .put("uni", "é😀\u0000\uD800")
                .putNull("nothing").put("t", true).put("long", Long.MAX_VALUE);
        p.putArray("arr").add(1).add(-0.0).addObject().put("z", 1).put("a", F.arrayNode().add("x").toString());
        p.putObject("nested").putObject("deeper").put("k", 2.5e-10);
        assertIdempotent(p);
        ObjectNode back = reparse(p);
        assertEquals(0.1, back.get("tenth").doubleValue());
        assertEquals(1e21, back.get("big").doubleValue());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get("negZero").doubleValue()));
        assertEquals(new BigInteger("123456789012345678901234567890"), back.get("bigInt").bigIntegerValue());
        assertEquals(Long.MAX_VALUE, back.get("long").longValue());
        assertEquals("é😀\u0000\uD800", back.get("uni").textValue());
    }

    @Test
    void everyDoubleIsIdempotentAndKeepsItsValue() {
        qt().forAll(doubles().any()).checkAssert(d -> {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return;
            }
            try {
                ObjectNode p = F.objectNode().put("v", d);
                assertIdempotent(p);
                assertEquals(Double.doubleToRawLongBits(d),
                        Double.doubleToRawLongBits(reparse(p).get("v").doubleValue()));
            } catch (LineFormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void refusesAnUnpairedSurrogateInAKeyButNotInAValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CanonicalJson.bytes(F.objectNode().put("a\uDC77", 1)));
        assertTrue(e.getMessage().contains("U+DC77"), e.getMessage());
        assertEquals("{\"a\":\"\\udc77\"}", canon(F.objectNode().put("a", "\uDC77")));
    }

    @Test
    void everyStringIsIdempotentAndKeepsItsValue() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
            try {
                String key = s.chars().anyMatch(c -> Character.isSurrogate((char) c)) ? "k" : s;
                ObjectNode p = F.objectNode().put(key, s);
                assertIdempotent(p);
                assertEquals(s, reparse(p).get(key).textValue());
            } catch (LineFormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void randomNestedPayloadsAreIdempotent() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            try {
                assertIdempotent((ObjectNode) randomTree(new Random(seed), 0, true));
            } catch (LineFormatException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static JsonNode randomTree(Random r, int depth, boolean object) {
        int kind = object ? 0 : depth > 4 ? 2 + r.nextInt(7) : r.nextInt(9);
        switch (kind) {
            case 0: {
                ObjectNode o = F.objectNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.set(randomKey(r), randomTree(r, depth + 1, false));
                }
                return o;
            }
            case 1: {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.add(randomTree(r, depth + 1, false));
                }
                return a;
            }
            case 2:
                return TextNode.valueOf(randomString(r));
            case 3:
                return F.numberNode(r.nextLong());
            case 4:
                return F.numberNode(r.nextGaussian() * Math.pow(10, r.nextInt(600) - 300));
            case 5:
                return F.numberNode(new BigInteger(200, r).negate());
            case 6:
                return DecimalNode.valueOf(new BigDecimal(new BigInteger(80, r), r.nextInt(60) - 30));
            case 7:
                return F.booleanNode(r.nextBoolean());
            default:
                return r.nextBoolean() ? F.nullNode() : DoubleNode.valueOf(-0.0);
        }
    }

    private static String randomString(Random r) {
        return randomString(r, false);
    }

    private static String randomKey(Random r) {
        return randomString(r, true);
    }

    private static String randomString(Random r, boolean key) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> sb.append((char) r.nextInt(0x80));
                case 1 -> {
                    char c = (char) r.nextInt(0x10000);
                    sb.append(key && Character.isSurrogate(c) ? 'x' : c);
                }
                case 2 -> sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
                default -> sb.append("aé\"\\\n".charAt(r.nextInt(5)));
            }
        }
        return sb.toString();
    }
}
