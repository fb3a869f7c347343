package dev.fairaudit.core.table;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.fairaudit.core.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsvScannerTest {

    /** Fields of every record, and the line each starts on. */
    private record Parsed(List<List<String>> records, List<Long> lines) {
    }

    private static Parsed parse(String csv, int initialBuffer, int maxChunk) throws IOException {
        CsvScanner s = new CsvScanner(new ChunkedStream(csv.getBytes(UTF_8), maxChunk), "t.csv", (byte) ',',
                1 << 20, initialBuffer);
        List<List<String>> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        while (s.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < s.fieldCount(); i++) {
                fields.add(s.text(i));
            }
            records.add(fields);
            lines.add(s.line());
        }
        return new Parsed(records, lines);
    }

    @Test
    void splitsTrimsAndUnquotes() throws IOException {
        Parsed p = parse("a, b ,\"c,\"\"d\"\"\"\r\n\n  x,\"y\nz\" ,\n", 1 << 16, 1 << 16);
        assertEquals(List.of(List.of("a", "b", "c,\"d\""), List.of("x", "y\nz", "")), p.records());
        // The second record starts on line 3 (line 2 is blank); its quoted value spans lines 3 and 4.
        assertEquals(List.of(1L, 3L), p.lines());
    }

    @Test
    void lastRecordWithoutLineBreakAndLoneCarriageReturns() throws IOException {
        Parsed p = parse("a,b\rc,d\r\re,f", 4, 3);
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")), p.records());
        assertEquals(List.of(1L, 2L, 4L), p.lines());
    }

    @Test
    void linesOfSpacesAreBlankButASeparatorIsNot() throws IOException {
        Parsed p = parse("a\n   \n,\n\"\"\n", 1 << 16, 1 << 16);
        assertEquals(List.of(List.of("a"), List.of("", ""), List.of("")), p.records());
        assertEquals(List.of(1L, 3L, 4L), p.lines());
    }

    @Test
    void unclosedQuoteNamesTheLineItOpenedOn() {
        InputException e = assertThrows(InputException.class, () -> parse("a,b\nc,\"d\ne\n", 1 << 16, 1 << 16));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        InputException e = assertThrows(InputException.class, () -> parse("a,b\n\"c\"d,e\n", 1 << 16, 1 << 16));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("closing quote"), e.getMessage());
    }

    @Test
    void invalidUtf8InAQuotedValueNamesTheLine() {
        byte[] bytes = "a\n\"x\u00e9\"\n".getBytes(UTF_8);
        bytes[4] = (byte) 0xFF; // the first byte of é
        CsvScanner s = new CsvScanner(new ByteArrayInputStream(bytes), "t.csv", (byte) ',', 1 << 20, 8);
        InputException e = assertThrows(InputException.class, () -> {
            while (s.next()) {
                // read on
            }
        });
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aRecordOverTheLimitIsAnErrorNotAnEndlessRead() {
        // An endless stream without a line break: the scanner must stop at the limit, not read for ever.
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        CsvScanner s = new CsvScanner(endless, "t.csv", (byte) ',', 1 << 20, 1 << 10);
        InputException e = assertThrows(InputException.class, s::next);
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("longer than 1 MiB"), e.getMessage());
    }

    @Test
    void emptyInputHasNoRecords() throws IOException {
        assertFalse(new CsvScanner(new ByteArrayInputStream(new byte[0]), "t.csv", (byte) ',', 1 << 20).next());
        assertEquals(List.of(), parse("\n\r\n\n", 2, 1).records());
    }

    /**
     * Random records written the way a careful CSV writer would (quoting values with separators, quotes, line
     * breaks or surrounding spaces) read back identically, whatever the buffer size and however the stream splits
     * its bytes; the line numbers count the line breaks written before each record.
     */
    @Test
    void roundTripsRandomRecordsAcrossBufferEdges() {
        qt().withExamples(400).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            List<List<String>> records = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            long line = 1;
            int n = r.nextInt(1, 12);
            for (int i = 0; i < n; i++) {
                if (r.nextInt(5) == 0) {
                    csv.append(r.nextBoolean() ? "\n" : "\r\n");
                    line++;
                }
                List<String> fields = new ArrayList<>();
                int width = r.nextInt(1, 5);
                for (int f = 0; f < width; f++) {
                    fields.add(randomValue(r));
                }
                records.add(fields);
                lines.add(line);
                for (int f = 0; f < width; f++) {
                    String v = fields.get(f);
                    boolean quote = v.isEmpty() && width == 1 || v.matches("(?s).*[,\"\r\n].*")
                            || !v.equals(v.strip()) || r.nextInt(4) == 0;
                    if (f > 0) {
                        csv.append(',');
                    }
                    csv.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
                    line += v.chars().filter(c -> c == '\n').count();
                }
                csv.append(r.nextBoolean() ? "\n" : "\r\n");
                line++;
            }
            try {
                Parsed p = parse(csv.toString(), r.nextInt(1, 40), r.nextInt(1, 30));
                assertEquals(records, p.records(), csv::toString);
                assertEquals(lines, p.lines(), csv::toString);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    private static String randomValue(SplittableRandom r) {
        String alphabet = "ab ,\"\né€z\t";
        int length = r.nextInt(0, 8);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** Returns at most {@code maxChunk} bytes per read, to split records and multi-byte characters anywhere. */
    /** Every record's fields, line and the error (message) where scanning fails, with or without the simple path. */
    private static List<String> scanAll(byte[] bytes, byte separator, int initialBuffer, int maxChunk, int maxRecord,
            boolean simple) throws IOException {
        CsvScanner s = new CsvScanner(new ChunkedStream(bytes, maxChunk), "t.csv", separator, maxRecord,
                initialBuffer).simpleRecords(simple);
        List<String> out = new ArrayList<>();
        try {
            while (s.next()) {
                StringBuilder b = new StringBuilder().append(s.line()).append(':');
                for (int i = 0; i < s.fieldCount(); i++) {
                    b.append('[').append(s.text(i)).append(']');
                }
                out.add(b.toString());
            }
        } catch (InputException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }

    @Test
    void simpleRecordPathSplitsExactlyAsTheGeneralLoop() throws IOException {
        // Records built from pieces that hit every exit of the simple path: quotes, spaces and tabs at the edges
        // and inside, CR LF (and CR LF split over two words), lone CR, empty fields, non-ASCII and invalid UTF-8,
        // records longer than the limit, and a last record without a line break; read through small buffers and
        // small reads so records straddle refills; control characters, '!' and '#'. The general loop alone is the
        // reference.
        String[] pieces = {"a", "bb", "ccc", "1234567", "12345678", "123456789", "", "é", "漢字", " x", "y ", "\t",
            "\"q\"", "\"a,b\"", "\"\"\"\"", "x\"y", "2025-01-07", "a;b", "a\tb", "PROFILE",
            // Bytes just below and at '#', the edge of the simple path's one test for quotes, spaces, tabs and CR.
            "!", "a!", "#", "#1", "\u0001", "x\u001fy", "\"#\"", "!\"", "a\rb"};
        String[] ends = {"\n", "\r\n", "\r", "\n\n", " \n", "\t\n"};
        for (long seed = 1; seed <= 1500; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            byte separator = new byte[] {',', ';', '\t'}[r.nextInt(3)];
            java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
            int records = 1 + r.nextInt(30);
            int fieldsPerRecord = 1 + r.nextInt(12);
            for (int i = 0; i < records; i++) {
                for (int f = 0; f < fieldsPerRecord; f++) {
                    if (f > 0) {
                        csv.write(separator);
                    }
                    String piece = pieces[r.nextInt(r.nextInt(4) == 0 ? pieces.length : 9)];
                    csv.writeBytes(piece.getBytes(UTF_8));
                }
                if (r.nextInt(200) == 0) {
                    csv.write(0xC3); // a lone lead byte: not UTF-8
                }
                if (i < records - 1 || r.nextBoolean()) {
                    csv.writeBytes(ends[r.nextInt(r.nextInt(3) == 0 ? ends.length : 1)].getBytes(UTF_8));
                }
            }
            byte[] bytes = csv.toByteArray();
            int initialBuffer = r.nextBoolean() ? 1 << 16 : 1 + r.nextInt(64);
            int maxChunk = r.nextBoolean() ? 1 << 16 : 1 + r.nextInt(40);
            int maxRecord = r.nextInt(10) == 0 ? 1 + r.nextInt(60) : 1 << 20;
            assertEquals(scanAll(bytes, separator, initialBuffer, maxChunk, maxRecord, false),
                    scanAll(bytes, separator, initialBuffer, maxChunk, maxRecord, true), "seed " + seed);
        }
    }

    private static final class ChunkedStream extends InputStream {
        private final byte[] bytes;
        private final int maxChunk;
        private int pos;

        ChunkedStream(byte[] bytes, int maxChunk) {
            this.bytes = bytes;
            this.maxChunk = maxChunk;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos == bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, maxChunk), bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }
    }
}
