package dev.fairaudit.core.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * The canonical form of a JSON value, over which a record's {@code payloadDigest} is computed: object keys
 * sorted recursively (by UTF-16 code units, as {@link String#compareTo}), no whitespace, strings escaped
 * minimally, numbers in one fixed decimal form. The log writes these exact bytes as the record's payload, and
 * canonicalising a payload read back from the log gives the same bytes again, so a verifier can recompute
 * every digest. {@code docs/decision-log.md} specifies the form precisely, for verifiers written in other
 * languages.
 *
 * <p>Numbers: integers are written as plain decimal digits; all other numbers as the "to-scientific-string"
 * of their decimal value ({@link BigDecimal#toString()}, which Python's {@code str(Decimal)} also produces),
 * for example {@code 0.1}, {@code 1.0E+21}, {@code 1E+3}. A binary {@code double} or {@code float} is first
 * converted with {@link Double#toString(double)} / {@link Float#toString(float)}. Negative zero is written
 * {@code -0.0}. NaN and infinities are not JSON and are rejected.
 *
 * <p>Strings are UTF-8 with minimal escaping, as in RFC 8785; an unpaired surrogate in a string value is
 * written as a lowercase <code>&#92;uXXXX</code> escape, and one in an object key is rejected (it is not
 * Unicode, and JSON readers, Jackson included, refuse it in keys).
 */
public final class CanonicalJson {

    /** Deepest nesting of objects and arrays a payload may have. */
    public static final int MAX_DEPTH = 500;
    /** Longest number text, in characters (the limit the reader enforces). */
    public static final int MAX_NUMBER_LENGTH = 1000;
    /** Longest object key, in characters (the limit the reader enforces). */
    public static final int MAX_NAME_LENGTH = 50_000;
    /** Longest string value, in characters (the limit the reader enforces). */
    public static final int MAX_STRING_LENGTH = 20_000_000;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private CanonicalJson() {
    }

    /**
     * The canonical bytes (UTF-8) of a JSON value.
     *
     * @param node the value: objects, arrays, strings, numbers, booleans, null; binary values are written as
     *             their Base64 text
     * @return the canonical UTF-8 bytes
     * @throws IllegalArgumentException for NaN or infinite numbers, other node types (POJOs, missing nodes),
     *                                  or values beyond the limits above
     */
    public static byte[] bytes(JsonNode node) {
        Bytes out = new Bytes(256);
        write(node, out);
        return out.toArray();
    }

    /**
     * The canonical bytes (UTF-8) of a record content, as the log's writer writes them.
     *
     * @param content the content
     * @return the canonical UTF-8 bytes
     * @throws IllegalArgumentException as {@link RecordContent#writeCanonical}, or when the content did not
     *                                  write one complete object
     */
    public static byte[] bytes(RecordContent content) {
        Bytes out = new Bytes(256);
        CanonicalWriter w = new CanonicalWriter(out);
        content.writeCanonical(w);
        if (!w.complete() || out.len == 0 || out.buf[0] != '{') {
            throw new IllegalArgumentException("the content did not write one complete JSON object");
        }
        return out.toArray();
    }

    /**
     * The SHA-256 of the canonical bytes, as 64 lowercase hex digits: a record's {@code payloadDigest}.
     *
     * @param node the value
     * @return the digest
     * @throws IllegalArgumentException as {@link #bytes(JsonNode)}
     */
    public static String sha256Hex(JsonNode node) {
        byte[] b = bytes(node);
        return Hex.of(new ChainHasher(null).sha256(b, 0, b.length));
    }

    /** One scratch per thread for the entry points without one (the verifier's, the tests'). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Appends the canonical bytes of {@code node} to {@code out}. */
    static void write(JsonNode node, Bytes out) {
        write(node, out, 0, SCRATCH.get());
    }

    static void write(JsonNode node, Bytes out, int depth) {
        write(node, out, depth, SCRATCH.get());
    }

    /**
     * Reusable room for the members of the objects being written, so that writing a tree allocates nothing:
     * the members of each open object lie on one stack, above those of the objects that contain it. Also a
     * small cache of object shapes (see {@link #writeObject}). Not thread-safe; the log's writer thread keeps
     * one.
     */
    static final class Scratch {
        private String[] keys = new String[32];
        private JsonNode[] values = new JsonNode[32];
        private int top;
        /** Shapes by slot (a hash of the keys in iteration order); null where none is cached. */
        private final Shape[] shapes = new Shape[SHAPE_SLOTS];
        /** Per slot: the hash of the last shape seen there and not cached; a shape is cached when seen twice. */
        private final int[] candidates = new int[SHAPE_SLOTS];
        private final Bytes keyBytes = new Bytes(64);

        private void ensure(int size) {
            if (size > keys.length) {
                int n = Math.max(size, keys.length * 2);
                keys = Arrays.copyOf(keys, n);
                values = Arrays.copyOf(values, n);
            }
        }
    }

    /** Slots of the shape cache (a power of two). */
    private static final int SHAPE_SLOTS = 64;
    /** Objects with more members than this are not cached. */
    private static final int SHAPE_MAX_MEMBERS = 32;
    /** Objects with a key longer than this are not cached. */
    private static final int SHAPE_MAX_KEY_LENGTH = 64;

    /**
     * What writing an object needs to know about its keys, for objects with the same keys in the same
     * iteration order (decision payloads have a handful of shapes): the canonical order of the members, and
     * each key already encoded with what goes before its value. Immutable.
     */
    private static final class Shape {
        /** The keys in iteration order. */
        private final String[] keys;
        /** For each position in canonical order, the iteration index of the member written there. */
        private final int[] order;
        /** For each position in canonical order: {@code {"key":} for the first, {@code ,"key":} after. */
        private final byte[][] encoded;

        private Shape(String[] keys, int[] order, byte[][] encoded) {
            this.keys = keys;
            this.order = order;
            this.encoded = encoded;
        }

        /** Whether {@code keys[base, end)} are this shape's keys, in this order. */
        private boolean matches(String[] other, int base, int end) {
            String[] k = keys;
            if (k.length != end - base) {
                return false;
            }
            for (int i = 0; i < k.length; i++) {
                String a = other[base + i];
                if (a != k[i] && !a.equals(k[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The largest canonical payload a record may have: a line is at most {@link LineReader#MAX_LINE} bytes. */
    static final int MAX_PAYLOAD = LineReader.MAX_LINE - 1024;

    /**
     * Writes a record's payload (a {@link RecordContent} through {@code contentWriter}, which must write into
     * {@code out}, or a JSON tree) canonically at the end of {@code out}: the one encoding of the log's writer and
     * of its encoder stage.
     *
     * @return the payload's length in bytes
     * @throws IllegalArgumentException with {@code out} as it was, when the payload is not one complete JSON object,
     *                                  cannot be written as JSON, or is longer than {@link #MAX_PAYLOAD}
     */
    static int writePayload(RecordType type, Object payload, Bytes out, CanonicalWriter contentWriter,
            Scratch scratch) {
        int start = out.len;
        try {
            if (payload instanceof RecordContent content) {
                contentWriter.reset();
                content.writeCanonical(contentWriter);
                if (!contentWriter.complete() || out.len == start || out.buf[start] != '{') {
                    throw new IllegalArgumentException("the content of a " + type + " record did not write one"
                            + " complete JSON object");
                }
            } else {
                write((ObjectNode) payload, out, 0, scratch);
            }
        } catch (RuntimeException e) {
            out.len = start;
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("payload cannot be written as JSON: " + e, e);
        }
        int length = out.len - start;
        if (length > MAX_PAYLOAD) {
            out.len = start;
            throw new IllegalArgumentException("payload of " + length + " bytes is larger than a record may be ("
                    + MAX_PAYLOAD + " bytes)");
        }
        return length;
    }

    /** Appends the canonical bytes of {@code node} at nesting {@code depth}, using {@code scratch}. */
    static void write(JsonNode node, Bytes out, int depth, Scratch scratch) {
        if (node == null) {
            throw new IllegalArgumentException("null node (use NullNode for JSON null)");
        }
        // The usual values of a payload by their exact class (a compare each), before the general switch (two or
        // three calls a value that the JIT cannot bind to one receiver); each written as the switch writes it.
        Class<?> c = node.getClass();
        if (c == TextNode.class) {
            String s = node.textValue();
            if (s.length() > MAX_STRING_LENGTH) {
                throw new IllegalArgumentException("string longer than " + MAX_STRING_LENGTH + " characters");
            }
            string(s, out);
            return;
        } else if (c == DoubleNode.class) {
            writeDouble(node.doubleValue(), out);
            return;
        } else if (c == IntNode.class || c == LongNode.class) {
            out.decimal(node.longValue());
            return;
        } else if (c == ObjectNode.class) {
            checkDepth(depth);
            writeObject(node, out, depth, scratch);
            return;
        } else if (c == BooleanNode.class) {
            out.write(node.booleanValue() ? TRUE : FALSE);
            return;
        }
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case OBJECT -> {
                checkDepth(depth);
                writeObject(node, out, depth, scratch);
            }
            case ARRAY -> {
                checkDepth(depth);
                out.write('[');
                int n = node.size();
                for (int k = 0; k < n; k++) {
                    if (k > 0) {
                        out.write(',');
                    }
                    write(node.get(k), out, depth + 1, scratch);
                }
                out.write(']');
            }
            case STRING -> {
                String s = node.textValue();
                if (s.length() > MAX_STRING_LENGTH) {
                    throw new IllegalArgumentException("string longer than " + MAX_STRING_LENGTH + " characters");
                }
                string(s, out);
            }
            case BINARY -> {
                try {
                    string(Base64.getEncoder().encodeToString(node.binaryValue()), out);
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException("unreadable binary value", e);
                }
            }
            case NUMBER -> {
                JsonParser.NumberType nt = node.numberType();
                if (nt == JsonParser.NumberType.INT || nt == JsonParser.NumberType.LONG) {
                    out.decimal(node.longValue());
                    return;
                }
                if (nt == JsonParser.NumberType.DOUBLE) {
                    writeDouble(node.doubleValue(), out);
                    return;
                }
                String text = numberText(node);
                if (text.length() > MAX_NUMBER_LENGTH) {
                    throw new IllegalArgumentException("number longer than " + MAX_NUMBER_LENGTH + " characters");
                }
                out.ascii(text);
            }
            case BOOLEAN -> out.write(node.booleanValue() ? TRUE : FALSE);
            case NULL -> out.write(NULL);
            default -> throw new IllegalArgumentException("cannot write a " + type + " node ("
                    + node.getClass().getSimpleName() + ") as JSON");
        }
    }

    /**
     * Writes an object in key order. Its members are taken in one pass onto the scratch stack (no map lookups).
     * An object whose keys, in iteration order, are those of a cached shape is written in the shape's order
     * with its pre-encoded keys: equal keys in equal order sort the same way and encode to the same bytes.
     * Otherwise objects whose keys are already in order, as the log's own payloads and trees read back from it
     * are, are written as they are, others after an insertion sort of their members (objects are small); a
     * shape seen twice in a row at its slot is then cached. The cache holds keys, never values.
     */
    private static void writeObject(JsonNode node, Bytes out, int depth, Scratch scratch) {
        int n = node.size();
        int base = scratch.top;
        scratch.ensure(base + n);
        String[] keys = scratch.keys;
        JsonNode[] values = scratch.values;
        int end = base;
        int hash = n;
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (end == base + n) {
                throw new IllegalArgumentException("an object node with more members than its size()");
            }
            String key = e.getKey();
            hash = 31 * hash + key.hashCode();
            keys[end] = key;
            values[end] = e.getValue();
            end++;
        }
        int slot = (hash ^ (hash >>> 16)) & (SHAPE_SLOTS - 1);
        Shape shape = scratch.shapes[slot];
        scratch.top = end;
        try {
            if (n > 0 && shape != null && shape.matches(keys, base, end)) {
                int[] order = shape.order;
                byte[][] encoded = shape.encoded;
                for (int j = 0; j < order.length; j++) {
                    out.write(encoded[j]);
                    write(values[base + order[j]], out, depth + 1, scratch);
                }
                out.write('}');
                return;
            }
            // not a cached shape: are the keys in order already? (a cached shape needs no comparisons)
            boolean sorted = true;
            for (int i = base + 1; i < end; i++) {
                if (keys[i - 1].compareTo(keys[i]) >= 0) {
                    sorted = false;
                    break;
                }
            }
            String[] iterationOrder = null;
            if (n > 0 && n <= SHAPE_MAX_MEMBERS) {
                if (scratch.candidates[slot] == hash) {
                    iterationOrder = Arrays.copyOfRange(keys, base, end);
                } else {
                    scratch.candidates[slot] = hash;
                }
            }
            if (!sorted) {
                sortMembers(node, keys, values, base, end);
            }
            out.write('{');
            for (int i = base; i < end; i++) {
                if (i > base) {
                    out.write(',');
                }
                key(keys[i], out);
                write(values[i], out, depth + 1, scratch);
            }
            out.write('}');
            if (iterationOrder != null) {
                // keys[base, end) now in canonical order, each of them encodable (written above)
                scratch.shapes[slot] = shape(iterationOrder, keys, base, scratch.keyBytes);
            }
        } finally {
            // the writer keeps its scratch: hold no payload beyond its record
            Arrays.fill(keys, base, end, null);
            Arrays.fill(values, base, end, null);
            scratch.top = base;
        }
    }

    /** Sorts the members {@code [base, end)} by key. */
    private static void sortMembers(JsonNode node, String[] keys, JsonNode[] values, int base, int end) {
        if (end - base > 32) {
            // a large object: a merge sort of its keys, then each value looked up (rare in a decision log)
            String[] sortedKeys = Arrays.copyOfRange(keys, base, end);
            Arrays.sort(sortedKeys);
            for (int i = 0; i < sortedKeys.length; i++) {
                keys[base + i] = sortedKeys[i];
                values[base + i] = node.get(sortedKeys[i]);
            }
            return;
        }
        for (int i = base + 1; i < end; i++) {
            String k = keys[i];
            JsonNode v = values[i];
            int j = i - 1;
            while (j >= base && keys[j].compareTo(k) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = k;
            values[j + 1] = v;
        }
    }

    /**
     * The shape of an object whose keys were {@code iterationOrder} and are {@code sorted[base, ...)} in
     * canonical order; null when a key is too long to be worth caching.
     */
    private static Shape shape(String[] iterationOrder, String[] sorted, int base, Bytes tmp) {
        int n = iterationOrder.length;
        int[] order = new int[n];
        byte[][] encoded = new byte[n][];
        for (int j = 0; j < n; j++) {
            String k = sorted[base + j];
            if (k.length() > SHAPE_MAX_KEY_LENGTH) {
                return null;
            }
            int i = 0;
            while (iterationOrder[i] != k) {
                i++;
            }
            order[j] = i;
            tmp.clear();
            tmp.write(j == 0 ? '{' : ',');
            key(k, tmp);
            encoded[j] = tmp.toArray();
        }
        return new Shape(iterationOrder, order, encoded);
    }

    /** An object key and its colon. */
    static void key(String key, Bytes out) {
        if (key.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("object key longer than " + MAX_NAME_LENGTH + " characters");
        }
        string(key, out, true);
        out.write(':');
    }

    /**
     * Writes a binary double in canonical form: the decimal value of {@link Double#toString(double)} as
     * {@link BigDecimal#toString()} writes it. For magnitudes from 10<sup>-3</sup> up to 10<sup>7</sup>, where
     * {@code Double.toString} writes plain decimals, a value that is a decimal of at most 15 significant digits
     * is written straight from its digits: such a decimal is the only one of so few digits that rounds to the
     * value, and so the one {@code Double.toString} gives. Everything else takes the general path.
     *
     * <p>Which decimal: the one of fewest fraction digits {@code m} (at least 1, and {@code m} plus the whole
     * part's digits at most 15) for which {@code n = round(a 10^m)} gives back {@code n / 10^m == a}. Short
     * ones (m &le; {@link #SHORT_SCALE}: halves, amounts in cents) are tried one by one; for the rest
     * one test at the largest scale {@code M} decides, and the trailing zeros of its {@code n} give the
     * smallest {@code m}. Why that is the same decimal (all of it exact for {@code n < 10^15 < 2^53} and
     * {@code 10^m}, {@code m &le; 22}, with correctly rounded {@code *} and {@code /}):
     * <ul>
     * <li>If the test passes at some {@code m &le; M}, so {@code a} is the double nearest {@code n_m / 10^m},
     * then {@code a 10^M} (as computed) lies within {@code 2 a 10^M 2^-53 < 2 * 10^15 * 2^-53 < 0.23} of
     * {@code n_m 10^(M-m)}, which therefore is {@code n_M}, and {@code n_M / 10^M} rounds to the same double
     * as {@code n_m / 10^m}: the test passes at {@code M}. So a failure at {@code M} means a failure at every
     * {@code m}: the old loop would have found nothing either.</li>
     * <li>If it passes at {@code M}, let {@code m'} be the smallest scale (&ge; 1) with {@code n_M} divisible by
     * {@code 10^(M-m')}, and {@code n' = n_M / 10^(M-m')}. The test passes at {@code m'} (the same argument with
     * {@code n'}), and at no smaller {@code m}: passing there would make {@code n_M = n_m 10^(M-m)}, with more
     * trailing zeros than it has. So {@code (n', m')} is what the loop over every {@code m} would have
     * written.</li>
     * </ul>
     * {@code FastCanonicalFormTest} checks this against {@code Double.toString} and against the loop over
     * every scale, on millions of values.
     */
    static void writeDouble(double value, Bytes out) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(value + " is not a JSON number");
        }
        double a = Math.abs(value);
        if (a >= 1e-3 && a < 1e7) {
            long whole = (long) a;
            int maxScale = 15 - (whole == 0 ? 0 : Bytes.decimalLength(whole));
            for (int m = 1; m <= SHORT_SCALE; m++) {
                long n = Math.round(a * POW10[m]);
                if ((double) n / POW10[m] == a) {
                    if (value < 0) {
                        out.write('-');
                    }
                    fixedPoint(n, m, out);
                    return;
                }
            }
            long n = Math.round(a * POW10[maxScale]);
            if ((double) n / POW10[maxScale] == a) {
                // strip the trailing zeros (at most 14, keeping m >= 1) 8, 4, 2 and 1 at a time
                int m = maxScale;
                if (m > 8 && n % 100_000_000 == 0) {
                    n /= 100_000_000;
                    m -= 8;
                }
                if (m > 4 && n % 10_000 == 0) {
                    n /= 10_000;
                    m -= 4;
                }
                if (m > 2 && n % 100 == 0) {
                    n /= 100;
                    m -= 2;
                }
                if (m > 1 && n % 10 == 0) {
                    n /= 10;
                    m--;
                }
                if (value < 0) {
                    out.write('-');
                }
                fixedPoint(n, m, out);
                return;
            }
            // More digits (a model's score, say). In this range Double.toString writes plain digits with a
            // fraction (no exponent), and BigDecimal's to-scientific-string of those is the same text, so the
            // JDK's digits are copied as they are, through a reused builder: no String, no BigDecimal.
            StringBuilder text = out.numberText();
            text.setLength(0);
            text.append(value);
            out.ascii(text);
            return;
        }
        out.ascii(binary(value, Double.toString(value)));
    }

    /** Fraction digits tried one by one before the one test at the largest scale (below the smallest such). */
    private static final int SHORT_SCALE = 2;

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16};

    /** Writes {@code n / 10^scale} (n &ge; 0, scale &ge; 1) with exactly {@code scale} fraction digits. */
    private static void fixedPoint(long n, int scale, Bytes out) {
        int digits = Math.max(Bytes.decimalLength(n), scale + 1);
        out.ensure(digits + 1);
        byte[] b = out.buf;
        int end = out.len + digits + 1;
        int at = end;
        for (int i = 0; i < digits; i++) {
            if (i == scale) {
                b[--at] = '.';
            }
            long q = n / 10;
            b[--at] = (byte) ('0' + (int) (n - q * 10));
            n = q;
        }
        out.len = end;
    }

    private static void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("payload nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** The canonical text of a number node. */
    static String numberText(JsonNode node) {
        switch (node.numberType()) {
            case INT, LONG:
                return Long.toString(node.longValue());
            case BIG_INTEGER:
                return node.bigIntegerValue().toString();
            case BIG_DECIMAL:
                return node.decimalValue().toString();
            case FLOAT:
                return binary(node.floatValue(), Float.toString(node.floatValue()));
            case DOUBLE:
            default:
                return binary(node.doubleValue(), Double.toString(node.doubleValue()));
        }
    }

    private static String binary(double value, String javaText) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(javaText + " is not a JSON number");
        }
        if (value == 0.0 && Double.doubleToRawLongBits(value) != 0L) {
            return "-0.0";
        }
        return new BigDecimal(javaText).toString();
    }

    /**
     * A JSON string: {@code "} and {@code \} escaped with a backslash; control characters below U+0020 as
     * {@code \b \t \n \f \r} or <code>&#92;u00XX</code>; unpaired surrogates as <code>&#92;uXXXX</code>;
     * everything else as UTF-8. Hex digits are lowercase.
     */
    static void string(String s, Bytes out) {
        string(s, out, false);
    }

    /** As {@link #string(String, Bytes)}; a key with an unpaired surrogate is refused (JSON readers refuse it). */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for chars below 0x80
    private static void string(String s, Bytes out, boolean key) {
        int n = s.length();
        int i = 0;
        // The common case, printable ASCII needing no escape: find where it ends (a loop without stores), then
        // copy it in bulk. getBytes(int, int, byte[], int) keeps each char's low byte, which for chars below 0x80
        // is the char, however the string stores them (a copy of its bytes when it stores Latin-1).
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                break;
            }
        }
        out.ensure(n + 2);
        byte[] buf = out.buf;
        int at = out.len;
        buf[at++] = '"';
        s.getBytes(0, i, buf, at);
        out.len = at + i;
        if (i == n) {
            buf[out.len++] = '"';
            return;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    out.write(c);
                } else {
                    escape(c, out);
                }
            } else if (c < 0x800) {
                out.write(0xc0 | (c >> 6));
                out.write(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.write(0xf0 | (cp >> 18));
                out.write(0x80 | ((cp >> 12) & 0x3f));
                out.write(0x80 | ((cp >> 6) & 0x3f));
                out.write(0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (key) {
                    throw new IllegalArgumentException("object key with an unpaired surrogate (U+"
                            + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + ") at index " + i
                            + ": not valid Unicode, and JSON readers refuse it in keys");
                }
                unicodeEscape(c, out);
            } else {
                out.write(0xe0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3f));
                out.write(0x80 | (c & 0x3f));
            }
        }
        out.write('"');
    }

    private static void escape(char c, Bytes out) {
        switch (c) {
            case '"' -> {
                out.write('\\');
                out.write('"');
            }
            case '\\' -> {
                out.write('\\');
                out.write('\\');
            }
            case '\b' -> {
                out.write('\\');
                out.write('b');
            }
            case '\t' -> {
                out.write('\\');
                out.write('t');
            }
            case '\n' -> {
                out.write('\\');
                out.write('n');
            }
            case '\f' -> {
                out.write('\\');
                out.write('f');
            }
            case '\r' -> {
                out.write('\\');
                out.write('r');
            }
            default -> unicodeEscape(c, out);
        }
    }

    private static void unicodeEscape(char c, Bytes out) {
        out.write('\\');
        out.write('u');
        out.write(HEX[(c >> 12) & 0xf]);
        out.write(HEX[(c >> 8) & 0xf]);
        out.write(HEX[(c >> 4) & 0xf]);
        out.write(HEX[c & 0xf]);
    }
}
