package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits UTF-8 CSV bytes into records and fields without making a string per value: after {@link #next()}, field
 * {@code i} is the bytes {@code [start(i), end(i))} of {@link #buffer()}, already unquoted and trimmed.
 *
 * <p>The dialect (RFC 4180 with the leniencies of a spreadsheet export): a record ends at {@code \n}, {@code \r\n}
 * or {@code \r}; a field in double quotes may hold separators, line breaks and doubled quotes; spaces and tabs
 * around a field are trimmed (unless the tab is the separator); blank lines are skipped but counted, so that
 * {@link #line()} is the physical line a record starts on. Malformed input is an {@link InputException} naming
 * the file and line: bytes that are not UTF-8, a quote that is never closed, text after a closing quote, or a
 * record longer than the limit (so a binary file or a file with one giant line gives a message, not a hang or
 * an out-of-memory error).
 *
 * <p>Unquoted values are searched eight bytes at a time for a separator or line break. UTF-8 is checked only
 * where a record has a byte of 128 or more. Not thread-safe.
 */
final class CsvScanner {

    /** The longest record accepted by default: 16 MiB. */
    static final int DEFAULT_MAX_RECORD_BYTES = 16 << 20;
    /**
     * Bytes at the end of {@link #buffer()} that input is never read into, so that a reader of a field may load the
     * sixteen bytes from its start as two words without a bounds test that could fail (see
     * {@link ByteValueMap#smallKeyOrNone} and {@link ByteValueMap#firstProbeLonger}).
     */
    static final int BUFFER_SLACK = 16;

    private static final byte QUOTE = '"';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LINE_FEEDS = LF * ONES;
    private static final long CARRIAGE_RETURNS = CR * ONES;
    private static final long QUOTES = QUOTE * ONES;
    private static final long SPACES = ' ' * ONES;
    private static final long TABS = '\t' * ONES;
    /** The smallest byte that is neither a control character, a space, '!' nor a quote. */
    private static final int PLAIN_FROM = '#';
    private static final long PLAIN_FROMS = PLAIN_FROM * ONES;

    private final InputStream in;
    private final String fileName;
    private final byte separator;
    private final long separators;
    private final int maxRecordBytes;
    /** Spaces and tabs (or only spaces when the tab is the separator): bytes that send a record the long way. */
    private final long tabs;
    private boolean simpleRecords = true;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private int fields;
    private long line;
    private long nextLine = 1;

    CsvScanner(InputStream in, String fileName, byte separator, int maxRecordBytes) {
        this(in, fileName, separator, maxRecordBytes, 1 << 16);
    }

    /** As the other constructor, with the buffer's initial size (tests use tiny ones to reach its edges). */
    CsvScanner(InputStream in, String fileName, byte separator, int maxRecordBytes, int initialBufferBytes) {
        this.buf = new byte[initialBufferBytes + BUFFER_SLACK];
        this.in = in;
        this.fileName = fileName;
        this.separator = separator;
        this.separators = (separator & 0xFFL) * ONES;
        this.maxRecordBytes = maxRecordBytes;
        this.tabs = separator == '\t' ? SPACES : TABS;
    }

    /** Whether {@link #simpleRecord} is tried first (tests turn it off to compare with the general loop alone). */
    CsvScanner simpleRecords(boolean on) {
        this.simpleRecords = on;
        return this;
    }

    /**
     * The bytes the field offsets refer to, with at least {@link #BUFFER_SLACK} bytes after the last byte read;
     * valid until the next call of {@link #next()}.
     */
    byte[] buffer() {
        return buf;
    }

    /** Fields in the current record. */
    int fieldCount() {
        return fields;
    }

    /** Start offset of field {@code i} in {@link #buffer()}. */
    int start(int i) {
        return starts[i];
    }

    /** End offset (exclusive) of field {@code i} in {@link #buffer()}. */
    int end(int i) {
        return ends[i];
    }

    /** The start offsets of the fields, indexed by field; valid until the next call of {@link #next()}. */
    int[] starts() {
        return starts;
    }

    /** The end offsets (exclusive) of the fields, indexed by field; valid until the next call of {@link #next()}. */
    int[] ends() {
        return ends;
    }

    /** Field {@code i} as a string. */
    String text(int i) {
        return new String(buf, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /** The 1-based physical line the current record starts on. */
    long line() {
        return line;
    }

    /**
     * Advances to the next record, skipping blank lines.
     *
     * @return false at the end of the input
     * @throws InputException when the input is malformed
     * @throws IOException    when reading fails
     */
    boolean next() throws IOException {
        while (true) {
            int recordStart = skipLineBreaks();
            if (recordStart < 0) {
                return false;
            }
            line = nextLine;
            if (simpleRecords && simpleRecord(recordStart)) {
                return true;
            }
            int p = recordStart;
            fields = 0;
            long highBits = 0;
            boolean blank = true;
            while (true) {
                // One field, starting at p.
                // Leading spaces.
                while (true) {
                    if (p == limit) {
                        int shift = refill(recordStart);
                        if (shift < 0) {
                            break;
                        }
                        recordStart -= shift;
                        p -= shift;
                        continue;
                    }
                    byte b = buf[p];
                    if ((b == ' ' || b == '\t') && b != separator) {
                        p++;
                    } else {
                        break;
                    }
                }
                int start;
                int end = 0;
                boolean atEnd = false;
                if (p < limit && buf[p] == QUOTE) {
                    blank = false;
                    // Quoted: unescape in place; the content moves left over the opening quote and each doubled
                    // quote, so it never overtakes the bytes still to be read.
                    long openedOn = nextLine;
                    p++;
                    start = p - 1;
                    int w = start;
                    while (true) {
                        if (p == limit) {
                            int shift = refill(recordStart);
                            if (shift < 0) {
                                throw new InputException(fileName, openedOn, null,
                                        "malformed CSV: a quoted value opened on line " + openedOn
                                                + " is never closed");
                            }
                            recordStart -= shift;
                            start -= shift;
                            w -= shift;
                            p -= shift;
                            continue;
                        }
                        byte b = buf[p];
                        if (b == QUOTE) {
                            if (p + 1 == limit) {
                                int shift = refill(recordStart);
                                if (shift > 0) {
                                    recordStart -= shift;
                                    start -= shift;
                                    w -= shift;
                                    p -= shift;
                                }
                            }
                            if (p + 1 < limit && buf[p + 1] == QUOTE) {
                                buf[w++] = QUOTE;
                                p += 2;
                                continue;
                            }
                            p++;
                            break;
                        }
                        if (b == LF) {
                            nextLine++; // (a line break inside a quoted value that is a lone CR is not counted)
                        }
                        highBits |= b & 0xFF;
                        buf[w++] = b;
                        p++;
                    }
                    end = w;
                    // After the closing quote: spaces, then a separator or the end of the record.
                    while (true) {
                        if (p == limit) {
                            int shift = refill(recordStart);
                            if (shift < 0) {
                                atEnd = true;
                                break;
                            }
                            recordStart -= shift;
                            start -= shift;
                            end -= shift;
                            p -= shift;
                            continue;
                        }
                        byte b = buf[p];
                        if (b == separator) {
                            p++;
                            break;
                        }
                        if (b == LF || b == CR) {
                            atEnd = true;
                            break;
                        }
                        if (b == ' ' || b == '\t') {
                            p++;
                            continue;
                        }
                        throw new InputException(fileName, line, null, "malformed CSV: text after the closing "
                                + "quote of a quoted value (a quote inside a quoted value is written as two quotes)");
                    }
                } else {
                    start = p;
                    scan:
                    while (true) {
                        // Eight bytes at a time until one is a separator or a line break.
                        while (p + Long.BYTES <= limit) {
                            long word = (long) LONGS.get(buf, p);
                            long stops = zeroBytes(word ^ separators) | zeroBytes(word ^ LINE_FEEDS)
                                    | zeroBytes(word ^ CARRIAGE_RETURNS);
                            if (stops != 0) {
                                int before = Long.numberOfTrailingZeros(stops) >>> 3;
                                highBits |= word & ((1L << (before << 3)) - 1);
                                p += before;
                                break;
                            }
                            highBits |= word;
                            p += Long.BYTES;
                        }
                        if (p == limit) {
                            int shift = refill(recordStart);
                            if (shift < 0) {
                                atEnd = true;
                                break;
                            }
                            recordStart -= shift;
                            start -= shift;
                            p -= shift;
                            continue;
                        }
                        byte b = buf[p];
                        if (b == separator) {
                            p++;
                            blank = false;
                            end = trimEnd(start, p - 1);
                            break scan;
                        }
                        if (b == LF || b == CR) {
                            atEnd = true;
                            break;
                        }
                        highBits |= b & 0xFF;
                        p++;
                    }
                    if (atEnd) {
                        end = trimEnd(start, p);
                    }
                    blank &= end == start;
                }
                addField(start, end);
                if (p - recordStart > maxRecordBytes) {
                    throw tooLong();
                }
                if (atEnd) {
                    break;
                }
            }
            pos = p;
            if ((highBits & HIGH_BITS) != 0) {
                for (int i = 0; i < fields; i++) {
                    checkUtf8(starts[i], ends[i]);
                }
            }
            if (blank && fields == 1) {
                continue; // a line of spaces only
            }
            return true;
        }
    }

    /**
     * Splits a record that lies whole in the buffer and holds no quote, space, tab (unless the tab is the separator)
     * or carriage return other than one right before its line feed (and, with a separator of {@code '#'} or above,
     * no other control character and no {@code '!'}): most records of a machine-written file. Eight
     * bytes at a time, the separators and the line feed of a word are found together, and each gives a field end.
     * The fields are exactly what the general loop in {@link #next()} finds for such a record.
     *
     * @return false, having changed nothing the general loop relies on, when the record is not simple
     */
    private boolean simpleRecord(int recordStart) {
        int p = recordStart;
        int fieldStart = p;
        int count = 0;
        long highBits = 0;
        int end = Math.min(limit, recordStart + maxRecordBytes);
        while (p + Long.BYTES <= end) {
            long word = (long) LONGS.get(buf, p);
            long lineFeeds = exactZeroBytes(word ^ LINE_FEEDS);
            // The bytes of this record: up to and including its line feed.
            long mine = lineFeeds == 0 ? -1L : ((lineFeeds & -lineFeeds) << 1) - 1;
            long recordEnd = lineFeeds & -lineFeeds;
            if (separator >= PLAIN_FROM) {
                // One test for quotes, spaces, tabs and carriage returns (and the other bytes below '#', which are
                // rare and merely take the general loop): the bytes below '#' in this record but its line feed.
                // The lowest bit of such a test is exact; higher ones can be false, which only sends a record
                // the general way.
                long below = (word - PLAIN_FROMS) & ~word & HIGH_BITS & mine & ~recordEnd;
                if (below != 0) {
                    // Only "\r\n" with both in this word; then the record ends at the \r.
                    if (below != recordEnd >>> 8
                            || (word >>> (Long.numberOfTrailingZeros(below) - 7) & 0xFF) != CR) {
                        return false;
                    }
                    recordEnd = below;
                }
            } else {
                long carriageReturns = exactZeroBytes(word ^ CARRIAGE_RETURNS) & mine;
                if (carriageReturns != 0) {
                    if (carriageReturns != recordEnd >>> 8) {
                        return false;
                    }
                    recordEnd = carriageReturns;
                }
                long special = exactZeroBytes(word ^ QUOTES) | exactZeroBytes(word ^ SPACES)
                        | exactZeroBytes(word ^ tabs);
                if ((special & mine) != 0) {
                    return false;
                }
            }
            highBits |= word & mine;
            long stops = exactZeroBytes(word ^ separators) & (recordEnd == 0 ? -1L : recordEnd - 1) | recordEnd;
            while (stops != 0) {
                int at = p + (Long.numberOfTrailingZeros(stops) >>> 3);
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = fieldStart;
                ends[count] = at;
                count++;
                fieldStart = at + 1;
                stops &= stops - 1;
            }
            if (recordEnd != 0) {
                fields = count;
                pos = p + (Long.numberOfTrailingZeros(recordEnd) >>> 3);
                if ((highBits & HIGH_BITS) != 0) {
                    for (int i = 0; i < fields; i++) {
                        checkUtf8(starts[i], ends[i]);
                    }
                }
                return true;
            }
            p += Long.BYTES;
        }
        return false;
    }

    /** A word with the high bit set exactly in each byte of {@code word} that is zero. */
    private static long exactZeroBytes(long word) {
        long low7 = (word & ~HIGH_BITS) + ~HIGH_BITS;
        return ~(low7 | word | ~HIGH_BITS);
    }

    /**
     * Skips line breaks before a record, counting lines.
     *
     * @return the offset where the record starts, or -1 at the end of the input
     */
    private int skipLineBreaks() throws IOException {
        while (true) {
            if (pos == limit) {
                if (refill(pos) < 0) {
                    return -1;
                }
                continue;
            }
            byte b = buf[pos];
            if (b == LF) {
                nextLine++;
                pos++;
            } else if (b == CR) {
                if (pos + 1 == limit) {
                    refill(pos);
                }
                if (!(pos + 1 < limit && buf[pos + 1] == LF)) {
                    nextLine++;
                }
                pos++;
            } else {
                return pos;
            }
        }
    }

    /**
     * Reads more bytes after {@link #limit}. When the buffer is full, the bytes from {@code keepFrom} on first move
     * to its start (or, when they fill it, the buffer grows), so every offset into the buffer moves left by the
     * returned shift.
     *
     * @return how far the kept bytes moved left (often 0), or -1 when the input has ended and nothing moved
     */
    private int refill(int keepFrom) throws IOException {
        if (eof) {
            return -1;
        }
        int shift = 0;
        if (limit == buf.length - BUFFER_SLACK) {
            if (keepFrom > 0) {
                shift = keepFrom;
                System.arraycopy(buf, keepFrom, buf, 0, limit - keepFrom);
                limit -= shift;
                pos = Math.max(0, pos - shift);
                for (int i = 0; i < fields; i++) {
                    starts[i] -= shift;
                    ends[i] -= shift;
                }
            } else {
                if (buf.length - BUFFER_SLACK > maxRecordBytes) {
                    throw tooLong();
                }
                buf = Arrays.copyOf(buf, (buf.length - BUFFER_SLACK) * 2 + BUFFER_SLACK);
            }
        }
        int got = in.read(buf, limit, buf.length - BUFFER_SLACK - limit);
        if (got < 0) {
            eof = true;
            return shift == 0 ? -1 : shift;
        }
        limit += got;
        return shift;
    }

    /** A word with the high bit set in each byte of {@code word} that is zero; the lowest set bit is exact. */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }

    /** The end of {@code [start, end)} without trailing spaces and tabs. */
    private int trimEnd(int start, int end) {
        while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    private void addField(int start, int end) {
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = start;
        ends[fields] = end;
        fields++;
    }

    private void checkUtf8(int from, int to) {
        try {
            utf8.reset().decode(ByteBuffer.wrap(buf, from, to - from));
        } catch (CharacterCodingException e) {
            throw new InputException(fileName, line, null, "the file is not valid UTF-8", e);
        }
    }

    private InputException tooLong() {
        return new InputException(fileName, line, null, "a record longer than " + (maxRecordBytes >> 20)
                + " MiB; is this a CSV file? (the limit protects memory; a line this long is almost always a "
                + "binary file or a file without line breaks)");
    }
}
