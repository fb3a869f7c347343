package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Builds the tree of a payload whose bytes {@link LineScanner} found canonical, without a JSON parser: the same
 * tree {@link LineParser} builds (integers as {@link IntNode}, {@link LongNode} or {@link BigIntegerNode} by
 * size, other numbers as {@link DecimalNode}, a negative zero as {@link DoubleNode} {@code -0.0}, members in the
 * order they stand). Only for bytes that passed {@link LineScanner#value}: it does not validate.
 */
final class CanonicalTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final byte[] b;
    private int p;

    private CanonicalTreeReader(byte[] b, int p) {
        this.b = b;
        this.p = p;
    }

    /** The object at {@code b[off]}, which {@link LineScanner} checked. */
    static ObjectNode object(byte[] b, int off) {
        return (ObjectNode) new CanonicalTreeReader(b, off).value();
    }

    private JsonNode value() {
        byte c = b[p];
        switch (c) {
            case '{': {
                ObjectNode o = NODES.objectNode();
                p++;
                if (b[p] == '}') {
                    p++;
                    return o;
                }
                while (true) {
                    // keys are plain ASCII on the fast path
                    int s = ++p;
                    while (b[p] != '"') {
                        p++;
                    }
                    String key = new String(b, s, p - s, ISO_8859_1);
                    p += 2;
                    o.set(key, value());
                    if (b[p++] == '}') {
                        return o;
                    }
                }
            }
            case '[': {
                ArrayNode a = NODES.arrayNode();
                p++;
                if (b[p] == ']') {
                    p++;
                    return a;
                }
                while (true) {
                    a.add(value());
                    if (b[p++] == ']') {
                        return a;
                    }
                }
            }
            case '"':
                return TextNode.valueOf(string());
            case 't':
                p += 4;
                return BooleanNode.TRUE;
            case 'f':
                p += 5;
                return BooleanNode.FALSE;
            case 'n':
                p += 4;
                return NullNode.getInstance();
            default:
                return number();
        }
    }

    private String string() {
        int s = ++p;
        boolean ascii = true;
        while (true) {
            byte c = b[p];
            if (c == '"') {
                String text = new String(b, s, p - s, ascii ? ISO_8859_1 : UTF_8);
                p++;
                return text;
            }
            if (c == '\\') {
                return escapedString(s);
            }
            if (c < 0) {
                ascii = false;
            }
            p++;
        }
    }

    /** A string with escapes, from {@code s} (just after the opening quote); the runs between escapes are UTF-8. */
    private String escapedString(int s) {
        StringBuilder out = new StringBuilder(p - s + 16);
        int run = s;
        p = s;
        while (true) {
            byte c = b[p];
            if (c == '"') {
                out.append(new String(b, run, p - run, UTF_8));
                p++;
                return out.toString();
            }
            if (c != '\\') {
                p++;
                continue;
            }
            out.append(new String(b, run, p - run, UTF_8));
            p += unescape(b, p, out);
            run = p;
        }
    }

    /**
     * Appends the character of the escape at {@code p} ({@code b[p]} is the backslash) of a string in canonical
     * form, and returns how many bytes the escape takes (2, or 6 for a {@code u} escape with four hex digits).
     */
    static int unescape(byte[] b, int p, StringBuilder out) {
        byte e = b[p + 1];
        switch (e) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case 'u' -> out.append((char) Integer.parseInt(new String(b, p + 2, 4, ISO_8859_1), 16));
            default -> out.append((char) e); // " \ /
        }
        return e == 'u' ? 6 : 2;
    }

    private JsonNode number() {
        int s = p;
        boolean integer = true;
        while (p < b.length) {
            byte c = b[p];
            if (c >= '0' && c <= '9' || c == '-' || c == '+') {
                p++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                integer = false;
                p++;
            } else {
                break;
            }
        }
        String text = new String(b, s, p - s, ISO_8859_1);
        if (integer) {
            int digits = text.length() - (b[s] == '-' ? 1 : 0);
            if (digits <= 18) {
                long v = Long.parseLong(text);
                return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
            }
            BigInteger v = new BigInteger(text);
            return v.bitLength() < 64 ? LongNode.valueOf(v.longValue()) : BigIntegerNode.valueOf(v);
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0 && b[s] == '-') {
            return DoubleNode.valueOf(-0.0);
        }
        return DecimalNode.valueOf(value);
    }
}
