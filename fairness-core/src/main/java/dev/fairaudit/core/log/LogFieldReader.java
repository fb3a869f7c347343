package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Reads a log's records one at a time, like {@link LogReader}, but hands out only the payload fields a caller
 * looks up, straight from the payload's canonical bytes: no JSON tree, and no string for a field nobody asks
 * for. For readers that need a few fields of every record (the audit's {@code DecisionLogInput}).
 *
 * <p>Lines in the writer's form are scanned as {@link LogReader} scans them (the same {@link LineScanner}, no
 * digest check: reading does not verify); any other line goes through the strict parser and its payload is
 * put into canonical form first, so a caller always looks at canonical bytes (section 4 of
 * {@code docs/decision-log.md}). An incomplete last line ends the records without error; a malformed line
 * throws {@link LogIntegrityException} naming the segment and line, as {@link LogReader} does.
 *
 * <p>Positions: a value is addressed by its index in {@link #buffer()}, valid until the next {@link #next()}.
 * {@link #payload()} is the position of the payload object (or -1 when the payload was erased);
 * {@link #members} finds the values of named members of an object; {@link #kind}, {@link #text},
 * {@link #uuid} and {@link #end} read a value. Not thread-safe.
 */
public final class LogFieldReader implements Closeable {

    /** What a JSON value is, from its first byte. */
    public enum Kind {
        /** A string. */
        STRING,
        /** A number (its text is its canonical spelling). */
        NUMBER,
        /** {@code true}. */
        TRUE,
        /** {@code false}. */
        FALSE,
        /** {@code null}. */
        NULL,
        /** An object. */
        OBJECT,
        /** An array. */
        ARRAY
    }

    /** The lines of a log folder; null when reading records already read. */
    private final SegmentLines lines;
    private final Iterator<LogRecord> records;
    /** The last sequence number read from a folder: records after it are not returned. */
    private final long lastSequence;
    private boolean ended;
    private final LineScanner scanner = new LineScanner();

    private byte[] buf;
    private int payloadAt;
    private long seq;
    private Instant time;
    private RecordType type;
    private String erasedReason;
    private String segment;
    private long line;

    private LogFieldReader(SegmentLines lines, Iterator<LogRecord> records, long lastSequence) {
        this.lines = lines;
        this.records = records;
        this.lastSequence = lastSequence;
    }

    /**
     * Opens a log folder for reading. Close it (try-with-resources) to close the open segment.
     *
     * @param dir the log folder
     * @return a reader before the first record
     * @throws IOException when the folder is not there or cannot be listed
     */
    public static LogFieldReader open(Path dir) throws IOException {
        return open(dir, Long.MAX_VALUE);
    }

    /**
     * Opens a log folder for reading its records up to a sequence number: the part a verification covered
     * ({@link VerificationReport#lastSequence()}), so that records a writer appends after the verification, or a
     * record it is writing, are not read with the verified ones. Close it (try-with-resources).
     *
     * @param dir          the log folder
     * @param lastSequence the last record to read (its sequence number); later records end the reading
     * @return a reader before the first record
     * @throws IOException when the folder is not there or cannot be listed
     */
    public static LogFieldReader open(Path dir, long lastSequence) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (no decision log folder there)");
        }
        return new LogFieldReader(new SegmentLines(dir, Segments.list(dir)), null, lastSequence);
    }

    /**
     * Reads records already read (for example by {@link LogReader}, or made in a test): each payload tree is put
     * into its canonical form, so fields read exactly as from a log folder.
     *
     * @param records the records, in order
     * @return a reader before the first record
     */
    public static LogFieldReader of(Iterator<LogRecord> records) {
        return new LogFieldReader(null, records, Long.MAX_VALUE);
    }

    /**
     * Advances to the next record.
     *
     * @return false after the last record
     * @throws IOException when a segment cannot be read; {@link LogIntegrityException} for a malformed line
     */
    public boolean next() throws IOException {
        if (records != null) {
            if (!records.hasNext()) {
                return false;
            }
            LogRecord r = records.next();
            set(r);
            return true;
        }
        if (ended || !lines.next()) {
            return false;
        }
        try {
            ParsedLine fast = scanner.scan(lines.buf(), lines.off(), lines.len(), false);
            if (fast != null) {
                buf = lines.buf();
                payloadAt = scanner.payloadOffset();
                seq = fast.seq();
                time = fast.time();
                type = fast.type();
                erasedReason = fast.erasedReason();
                segment = lines.segment();
                line = lines.lineNumber();
            } else {
                set(LineParser.parse(lines.buf(), lines.off(), lines.len()).toRecord(lines.segment(),
                        lines.lineNumber()));
            }
            if (seq > lastSequence) {
                // past the verified part: this record and every later one are not read
                ended = true;
                return false;
            }
            return true;
        } catch (LineFormatException e) {
            throw lines.unparseable(e.getMessage());
        }
    }

    private void set(LogRecord r) {
        ObjectNode payload = r.payload();
        buf = payload == null ? null : CanonicalJson.bytes(payload);
        payloadAt = payload == null ? -1 : 0;
        seq = r.seq();
        time = r.time();
        type = r.type();
        erasedReason = r.erasedReason();
        segment = r.segment();
        line = r.line();
    }

    /** @return the record's sequence number */
    public long seq() {
        return seq;
    }

    /** @return when the record was written */
    public Instant time() {
        return time;
    }

    /** @return the record's type */
    public RecordType type() {
        return type;
    }

    /** @return whether the record's payload was erased */
    public boolean erased() {
        return erasedReason != null;
    }

    /** @return the segment file the record was read from */
    public String segment() {
        return segment;
    }

    /** @return the 1-based line of the record in its segment */
    public long line() {
        return line;
    }

    /** @return the bytes positions point into; valid until the next {@link #next()} */
    public byte[] buffer() {
        return buf;
    }

    /** @return the position of the payload object, or -1 when it was erased (or is null) */
    public int payload() {
        return payloadAt;
    }

    /**
     * The payload as a JSON tree, for the few records a reader wants whole (governance events); a new tree each
     * call.
     *
     * @return the payload object, or null when it was erased (or is null)
     */
    public ObjectNode payloadTree() {
        return payloadAt < 0 ? null : CanonicalTreeReader.object(buf, payloadAt);
    }

    /**
     * The canonical bytes of a member name as they stand in a payload, without quotes, for {@link #members}.
     *
     * @param name the member name
     * @return its canonical UTF-8 bytes
     */
    public static byte[] name(String name) {
        Bytes out = new Bytes(name.length() + 8);
        CanonicalJson.string(name, out);
        byte[] quoted = out.toArray();
        return Arrays.copyOfRange(quoted, 1, quoted.length - 1);
    }

    /**
     * Finds members of an object in one pass over it.
     *
     * @param object the position of the object (a value of kind {@link Kind#OBJECT})
     * @param names  the member names, as {@link #name(String)} gives them
     * @param at     filled with the position of each name's value, or -1 where the object has no such member
     */
    public void members(int object, byte[][] names, int[] at) {
        Arrays.fill(at, 0, names.length, -1);
        byte[] b = buf;
        int p = object + 1;
        if (b[p] == '}') {
            return;
        }
        while (true) {
            int keyStart = p + 1;
            int keyEnd = stringEnd(b, p) - 1;
            int value = keyEnd + 2;
            for (int i = 0; i < names.length; i++) {
                byte[] n = names[i];
                if (n.length == keyEnd - keyStart && Arrays.equals(b, keyStart, keyEnd, n, 0, n.length)) {
                    at[i] = value;
                    break;
                }
            }
            p = end(value);
            if (b[p++] == '}') {
                return;
            }
        }
    }

    /**
     * Hands every member name of an object to {@code names}, decoded.
     *
     * @param object the position of the object
     * @param names  told each name in order
     */
    public void memberNames(int object, Consumer<String> names) {
        byte[] b = buf;
        int p = object + 1;
        if (b[p] == '}') {
            return;
        }
        while (true) {
            int keyEnd = stringEnd(b, p);
            names.accept(decode(b, p, keyEnd));
            p = end(keyEnd + 1);
            if (b[p++] == '}') {
                return;
            }
        }
    }

    /**
     * What the value at a position is.
     *
     * @param at a value's position
     * @return its kind
     */
    public Kind kind(int at) {
        return switch (buf[at]) {
            case '"' -> Kind.STRING;
            case 't' -> Kind.TRUE;
            case 'f' -> Kind.FALSE;
            case 'n' -> Kind.NULL;
            case '{' -> Kind.OBJECT;
            case '[' -> Kind.ARRAY;
            default -> Kind.NUMBER;
        };
    }

    /**
     * The value as text, as Jackson's {@code JsonNode.asText()} gives it for the same tree: a string decoded, a
     * number in its canonical spelling, {@code true}, {@code false}, {@code null}, and the empty text for an
     * object or array.
     *
     * @param at a value's position
     * @return the text
     */
    public String text(int at) {
        byte[] b = buf;
        return switch (b[at]) {
            case '"' -> decode(b, at, stringEnd(b, at));
            case 't' -> "true";
            case 'f' -> "false";
            case 'n' -> "null";
            case '{', '[' -> "";
            default -> new String(b, at, end(at) - at, ISO_8859_1);
        };
    }

    /**
     * Reads a string value that is a UUID in its canonical lowercase text ({@code 8-4-4-4-12} hex digits), as
     * decision ids are written; the text and the two halves are then one-to-one.
     *
     * @param at  a value's position
     * @param out filled with the most and least significant 64 bits when it is one
     * @return whether it is one
     */
    public boolean uuid(int at, long[] out) {
        byte[] b = buf;
        if (b[at] != '"' || at + 37 >= b.length || b[at + 37] != '"') {
            return false;
        }
        long hi = 0;
        long lo = 0;
        int p = at + 1;
        for (int i = 0; i < 36; i++) {
            byte c = b[p + i];
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return false;
            }
            if (i < 18) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /**
     * The position just after a value.
     *
     * @param at a value's position
     * @return the position after it
     */
    public int end(int at) {
        byte[] b = buf;
        byte c = b[at];
        switch (c) {
            case '"':
                return stringEnd(b, at);
            case 't', 'n':
                return at + 4;
            case 'f':
                return at + 5;
            case '{', '[': {
                int depth = 0;
                int p = at;
                while (true) {
                    byte x = b[p];
                    if (x == '"') {
                        p = stringEnd(b, p);
                        continue;
                    }
                    if (x == '{' || x == '[') {
                        depth++;
                    } else if (x == '}' || x == ']') {
                        if (--depth == 0) {
                            return p + 1;
                        }
                    }
                    p++;
                }
            }
            default: {
                int p = at;
                while (p < b.length) {
                    byte x = b[p];
                    if (x == ',' || x == '}' || x == ']') {
                        break;
                    }
                    p++;
                }
                return p;
            }
        }
    }

    /** The position after the string starting (at its quote) at {@code p}. */
    private static int stringEnd(byte[] b, int p) {
        int q = p + 1;
        while (true) {
            byte c = b[q];
            if (c == '"') {
                return q + 1;
            }
            q += c == '\\' ? 2 : 1;
        }
    }

    /** The text of the string from its quote at {@code from} to just after its closing quote at {@code to}. */
    private static String decode(byte[] b, int from, int to) {
        int s = from + 1;
        int e = to - 1;
        boolean plain = true;
        for (int i = s; i < e; i++) {
            if (b[i] == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return new String(b, s, e - s, UTF_8);
        }
        StringBuilder out = new StringBuilder(e - s);
        int run = s;
        int p = s;
        while (p < e) {
            if (b[p] != '\\') {
                p++;
                continue;
            }
            out.append(new String(b, run, p - run, UTF_8));
            p += CanonicalTreeReader.unescape(b, p, out);
            run = p;
        }
        out.append(new String(b, run, e - run, UTF_8));
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }
}
