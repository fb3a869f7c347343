package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.math.BigDecimal;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;

/**
 * The verifier's fast path for one record line: a strict scan of the line's bytes without a JSON tree, for lines
 * in exactly the form the writer writes them.
 *
 * <p>{@link #scan} accepts a line only when it is sure that {@link LineParser#parse} would accept it with the same
 * fields, and that the payload's bytes as they stand in the line are its canonical form (section 4 of
 * {@code docs/decision-log.md}): then SHA-256 of those bytes is the digest the strict path would compute after
 * parsing and canonicalising the payload again, and when it equals {@code payloadDigest} nothing more needs to be
 * done with the payload. It checks what the strict parser checks (the exact field set, no duplicate field, the
 * type of every field, 64 lowercase hex digits, a known record type, a valid time, nothing after the object) and,
 * for the payload, canonical form: no whitespace, keys in increasing order (so no duplicates), strings escaped
 * exactly as the writer escapes them, valid UTF-8, numbers in their one canonical spelling.
 *
 * <p>It is conservative: anything it is not sure about (whitespace, escapes in field names, a key that is not
 * printable ASCII, an escaped surrogate, a deep payload, a checkpoint, a payload whose digest does not match)
 * returns null, and the caller hands the line to {@link LineParser#parse} and the strict digest check, which
 * report every problem exactly as before. So the fast path changes how fast a log verifies, never what is
 * reported. Not thread-safe: one per walk.
 */
final class LineScanner {

    /** Deepest payload nesting the fast path takes; deeper payloads go the strict way. */
    static final int MAX_FAST_DEPTH = 64;

    private static final byte[][] FIELD_NAMES = {
        bytes("seq"), bytes("time"), bytes("type"), bytes("payloadDigest"), bytes("prevHash"), bytes("hash"),
        bytes("payload"), bytes("erased")};
    private static final int SEQ = 0;
    private static final int TIME = 1;
    private static final int TYPE = 2;
    private static final int DIGEST = 3;
    private static final int PREV = 4;
    private static final int HASH = 5;
    private static final int PAYLOAD = 6;
    private static final int ERASED = 7;
    private static final int REQUIRED = (1 << SEQ) | (1 << TIME) | (1 << TYPE) | (1 << DIGEST) | (1 << PREV)
            | (1 << HASH) | (1 << PAYLOAD);
    private static final byte[] REASON = bytes("{\"reason\":");
    private static final byte[] HEX = bytes("0123456789abcdef");
    private static final RecordType[] TYPES = RecordType.values();
    private static final byte[][] TYPE_NAMES = Arrays.stream(TYPES).map(t -> bytes(t.name()))
            .toArray(byte[][]::new);
    /** Whether a byte is a lowercase hex digit. */
    private static final boolean[] LOWER_HEX = new boolean[256];

    static {
        for (byte c : HEX) {
            LOWER_HEX[c] = true;
        }
    }

    private final MessageDigest sha;
    private final byte[] digest = new byte[32];

    /** Where the last accepted line's payload is in its buffer; -1 when it is null. */
    private int payloadOffset;
    private int payloadLength;

    LineScanner() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 must be available in every Java runtime", e);
        }
    }

    /**
     * Scans one line (without its newline).
     *
     * @return the line, with {@link ParsedLine#payloadVerified()} true when it has a payload (whose digest then
     *         matched); null when the line must go the strict way ({@link LineParser#parse}), which then decides
     *         whether and how it is wrong
     */
    ParsedLine scan(byte[] b, int off, int len) {
        return scan(b, off, len, true);
    }

    /**
     * As {@link #scan(byte[], int, int)}; with {@code checkDigest} false the payload's digest is not checked
     * (readers do not verify), and a checkpoint's payload is taken too. Where the payload is:
     * {@link #payloadOffset()}, {@link #payloadLength()}.
     */
    ParsedLine scan(byte[] b, int off, int len, boolean checkDigest) {
        int end = off + len;
        int p = off;
        if (len < 2 || b[p++] != '{') {
            return null;
        }
        int seen = 0;
        long seq = 0;
        int timeAt = -1;
        int timeEnd = -1;
        int typeAt = -1;
        int typeEnd = -1;
        int digestAt = -1;
        int prevAt = -1;
        int hashAt = -1;
        int payloadAt = -1;
        int payloadEnd = -1;
        String erasedReason = null;
        while (true) {
            int field = fieldName(b, p, end);
            if (field < 0 || (seen & (1 << field)) != 0) {
                return null;
            }
            seen |= 1 << field;
            p += FIELD_NAMES[field].length + 3;
            if (p >= end) {
                return null;
            }
            switch (field) {
                case SEQ -> {
                    int s = p;
                    if (b[p] < '1' || b[p] > '9') {
                        return null;
                    }
                    long v = 0;
                    while (p < end && b[p] >= '0' && b[p] <= '9') {
                        v = v * 10 + (b[p++] - '0');
                        if (p - s > 18) {
                            return null;
                        }
                    }
                    seq = v;
                }
                case TIME, TYPE -> {
                    int s = p + 1;
                    p = plainString(b, p, end);
                    if (p < 0) {
                        return null;
                    }
                    if (field == TIME) {
                        timeAt = s;
                        timeEnd = p - 1;
                    } else {
                        typeAt = s;
                        typeEnd = p - 1;
                    }
                }
                case DIGEST, PREV, HASH -> {
                    if (p + 66 > end || b[p] != '"' || b[p + 65] != '"' || !lowerHex(b, p + 1, 64)) {
                        return null;
                    }
                    if (field == DIGEST) {
                        digestAt = p + 1;
                    } else if (field == PREV) {
                        prevAt = p + 1;
                    } else {
                        hashAt = p + 1;
                    }
                    p += 66;
                }
                case PAYLOAD -> {
                    if (b[p] == 'n') {
                        p = literal(b, p, end, "null");
                    } else if (b[p] == '{') {
                        payloadAt = p;
                        p = value(b, p, end, 0);
                        payloadEnd = p;
                    } else {
                        return null;
                    }
                    if (p < 0) {
                        return null;
                    }
                }
                default -> {
                    if (!startsWith(b, p, end, REASON)) {
                        return null;
                    }
                    int s = p + REASON.length;
                    p = plainString(b, s, end);
                    if (p < 0 || p >= end || b[p] != '}') {
                        return null;
                    }
                    erasedReason = new String(b, s + 1, p - s - 2, ISO_8859_1);
                    p++;
                }
            }
            if (p >= end) {
                return null;
            }
            if (b[p] == '}') {
                p++;
                break;
            }
            if (b[p] != ',') {
                return null;
            }
            p++;
        }
        if (p != end || (seen & REQUIRED) != REQUIRED || (erasedReason != null && payloadAt >= 0)) {
            return null;
        }
        RecordType type = recordType(b, typeAt, typeEnd);
        if (type == null || (checkDigest && type == RecordType.CHECKPOINT && payloadAt >= 0)) {
            return null;
        }
        String time = new String(b, timeAt, timeEnd - timeAt, ISO_8859_1);
        Instant instant;
        try {
            instant = LineParser.instant(time);
        } catch (LineFormatException e) {
            return null;
        }
        if (checkDigest && payloadAt >= 0 && !digestMatches(b, payloadAt, payloadEnd - payloadAt, digestAt)) {
            return null;
        }
        payloadOffset = payloadAt;
        payloadLength = payloadAt < 0 ? 0 : payloadEnd - payloadAt;
        return new ParsedLine(seq, time, instant, type, new String(b, digestAt, 64, ISO_8859_1),
                new String(b, prevAt, 64, ISO_8859_1), new String(b, hashAt, 64, ISO_8859_1), null, erasedReason,
                checkDigest && payloadAt >= 0);
    }

    /** Where the payload of the last accepted line starts in its buffer, or -1 when it is null. */
    int payloadOffset() {
        return payloadOffset;
    }

    /** The length in bytes of the payload of the last accepted line (0 when it is null). */
    int payloadLength() {
        return payloadLength;
    }

    private boolean digestMatches(byte[] b, int off, int len, int hexAt) {
        sha.update(b, off, len);
        try {
            sha.digest(digest, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
        for (int i = 0; i < 32; i++) {
            if (b[hexAt + 2 * i] != HEX[(digest[i] >> 4) & 0xf] || b[hexAt + 2 * i + 1] != HEX[digest[i] & 0xf]) {
                return false;
            }
        }
        return true;
    }

    /** Which known field name, as {@code "name":}, starts at p; -1 for anything else. */
    private static int fieldName(byte[] b, int p, int end) {
        if (p + 6 > end || b[p] != '"') {
            return -1;
        }
        int f;
        switch (b[p + 1]) {
            case 's' -> f = SEQ;
            case 't' -> f = b[p + 3] == 'm' ? TIME : TYPE;
            case 'p' -> f = b[p + 2] == 'r' ? PREV : p + 9 <= end && b[p + 8] == '"' ? PAYLOAD : DIGEST;
            case 'h' -> f = HASH;
            case 'e' -> f = ERASED;
            default -> {
                return -1;
            }
        }
        byte[] name = FIELD_NAMES[f];
        int n = name.length;
        return p + n + 3 <= end && b[p + n + 1] == '"' && b[p + n + 2] == ':'
                && Arrays.equals(b, p + 1, p + 1 + n, name, 0, n) ? f : -1;
    }

    private static RecordType recordType(byte[] b, int from, int to) {
        for (int i = 0; i < TYPE_NAMES.length; i++) {
            if (Arrays.equals(b, from, to, TYPE_NAMES[i], 0, TYPE_NAMES[i].length)) {
                return TYPES[i];
            }
        }
        return null;
    }

    /** A string of printable ASCII without escapes at p ({@code "..."}); the index after it, or -1. */
    private static int plainString(byte[] b, int p, int end) {
        if (p >= end || b[p] != '"') {
            return -1;
        }
        for (int q = p + 1; q < end; q++) {
            byte c = b[q];
            if (c == '"') {
                return q + 1;
            }
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean lowerHex(byte[] b, int from, int n) {
        boolean all = true;
        for (int i = from; i < from + n; i++) {
            all &= LOWER_HEX[b[i] & 0xff];
        }
        return all;
    }

    private static boolean startsWith(byte[] b, int p, int end, byte[] prefix) {
        return p + prefix.length <= end && Arrays.equals(b, p, p + prefix.length, prefix, 0, prefix.length);
    }

    private static int literal(byte[] b, int p, int end, String word) {
        int n = word.length();
        if (p + n > end) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (b[p + i] != word.charAt(i)) {
                return -1;
            }
        }
        return p + n;
    }

    /**
     * A JSON value in canonical form starting at p, nested {@code depth} levels deep; the index after it, or -1
     * when it is not canonical or the fast path is not sure.
     */
    static int value(byte[] b, int p, int end, int depth) {
        if (p >= end) {
            return -1;
        }
        byte c = b[p];
        switch (c) {
            case '{':
                return object(b, p, end, depth);
            case '[':
                return array(b, p, end, depth);
            case '"':
                return string(b, p, end);
            case 't':
                return literal(b, p, end, "true");
            case 'f':
                return literal(b, p, end, "false");
            case 'n':
                return literal(b, p, end, "null");
            default:
                return c == '-' || (c >= '0' && c <= '9') ? number(b, p, end) : -1;
        }
    }

    private static int object(byte[] b, int p, int end, int depth) {
        if (depth >= MAX_FAST_DEPTH) {
            return -1;
        }
        p++;
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        int prevKey = -1;
        int prevKeyEnd = -1;
        while (true) {
            // keys: printable ASCII without escapes, so byte order is the UTF-16 order the writer sorts by
            int keyEnd = plainString(b, p, end);
            if (keyEnd < 0 || keyEnd - p - 2 > CanonicalJson.MAX_NAME_LENGTH) {
                return -1;
            }
            if (prevKey >= 0 && Arrays.compareUnsigned(b, prevKey, prevKeyEnd, b, p + 1, keyEnd - 1) >= 0) {
                return -1;
            }
            prevKey = p + 1;
            prevKeyEnd = keyEnd - 1;
            p = keyEnd;
            if (p >= end || b[p] != ':') {
                return -1;
            }
            p = value(b, p + 1, end, depth + 1);
            if (p < 0 || p >= end) {
                return -1;
            }
            if (b[p] == '}') {
                return p + 1;
            }
            if (b[p] != ',') {
                return -1;
            }
            p++;
        }
    }

    private static int array(byte[] b, int p, int end, int depth) {
        if (depth >= MAX_FAST_DEPTH) {
            return -1;
        }
        p++;
        if (p < end && b[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = value(b, p, end, depth + 1);
            if (p < 0 || p >= end) {
                return -1;
            }
            if (b[p] == ']') {
                return p + 1;
            }
            if (b[p] != ',') {
                return -1;
            }
            p++;
        }
    }

    /**
     * A string value in canonical form: valid UTF-8 (no surrogates, no overlong forms), {@code "} and
     * {@code \} escaped, control characters escaped as {@code \b \t \n \f \r} or <code>&#92;u00xx</code> with
     * lowercase hex, nothing else escaped. Escaped surrogates (canonical for unpaired ones) go the strict way.
     */
    private static int string(byte[] b, int p, int end) {
        int q = p + 1;
        while (q < end) {
            int c = b[q] & 0xff;
            if (c == '"') {
                return q + 1;
            }
            if (c == '\\') {
                if (q + 1 >= end) {
                    return -1;
                }
                switch (b[q + 1]) {
                    case '"', '\\', 'b', 't', 'n', 'f', 'r' -> q += 2;
                    case 'u' -> {
                        if (q + 6 > end || b[q + 2] != '0' || b[q + 3] != '0') {
                            return -1;
                        }
                        int hi = b[q + 4];
                        int lo = hexDigit(b[q + 5]);
                        if ((hi != '0' && hi != '1') || lo < 0) {
                            return -1;
                        }
                        int ch = (hi - '0') * 16 + lo;
                        if (ch == '\b' || ch == '\t' || ch == '\n' || ch == '\f' || ch == '\r') {
                            return -1;
                        }
                        q += 6;
                    }
                    default -> {
                        return -1;
                    }
                }
            } else if (c < 0x20) {
                return -1;
            } else if (c < 0x80) {
                q++;
            } else {
                q = utf8(b, q, end, c);
                if (q < 0) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** Lowercase hex digit value, or -1. */
    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** One well-formed UTF-8 sequence of a non-surrogate code point starting with lead byte c at q. */
    private static int utf8(byte[] b, int q, int end, int c) {
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            if (c == 0xe0) {
                lo = 0xa0;
            } else if (c == 0xed) {
                hi = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            if (c == 0xf0) {
                lo = 0x90;
            } else if (c == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return -1;
        }
        if (q + n >= end) {
            return -1;
        }
        int second = b[q + 1] & 0xff;
        if (second < lo || second > hi) {
            return -1;
        }
        for (int i = 2; i <= n; i++) {
            int cont = b[q + i] & 0xff;
            if (cont < 0x80 || cont > 0xbf) {
                return -1;
            }
        }
        return q + n + 1;
    }

    /**
     * A number in its canonical spelling: an integer as plain digits (not {@code -0}); any other number as
     * {@link BigDecimal#toString()} of its value ({@code -0.0} for a negative zero).
     */
    private static int number(byte[] b, int p, int end) {
        int s = p;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        if (p >= end) {
            return -1;
        }
        boolean zeroInteger = b[p] == '0';
        if (zeroInteger) {
            p++;
        } else if (b[p] >= '1' && b[p] <= '9') {
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
        } else {
            return -1;
        }
        int fractionAt = -1;
        if (p < end && b[p] == '.') {
            fractionAt = ++p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == fractionAt) {
                return -1;
            }
        }
        boolean exponent = false;
        if (p < end && (b[p] == 'e' || b[p] == 'E')) {
            exponent = true;
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            int digits = p;
            while (p < end && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            if (p == digits) {
                return -1;
            }
        }
        if (p - s > CanonicalJson.MAX_NUMBER_LENGTH) {
            return -1;
        }
        if (fractionAt < 0 && !exponent) {
            return negative && zeroInteger ? -1 : p;
        }
        // Plain decimals whose BigDecimal.toString() is plain: an integer part other than 0 (adjusted exponent
        // >= 0), or 0 followed by a nonzero first fraction digit (adjusted exponent -1).
        if (!exponent && (!zeroInteger || b[fractionAt] != '0')) {
            return p;
        }
        String text = new String(b, s, p - s, ISO_8859_1);
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return -1; // an exponent beyond int range: the strict path reports it
        }
        String canonical = value.signum() == 0 && negative ? "-0.0" : value.toString();
        return canonical.equals(text) ? p : -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }
}
