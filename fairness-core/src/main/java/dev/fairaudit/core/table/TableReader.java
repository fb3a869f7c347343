package dev.fairaudit.core.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.fairaudit.core.InputException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads CSV and JSON Lines files into a {@link DecisionTable}.
 *
 * <ul>
 *   <li>Input is UTF-8 (a byte-order mark is skipped); other bytes are an error naming the line.</li>
 *   <li>CSV: the first line is the header; the separator is a comma, or a semicolon or tab when the header
 *       has no comma but has one of those. Values are trimmed; blank lines are skipped. A row with a
 *       different number of fields than the header is a bad row.</li>
 *   <li>JSON Lines: one object per line; scalar values are read as text, {@code null} and absent keys are
 *       missing, nested values are a bad row. Blank lines are skipped.</li>
 *   <li>A name ending in {@code .gz} is decompressed while reading; the SHA-256 is of the file as stored.</li>
 * </ul>
 *
 * <p>The format is chosen by the file name: {@code .jsonl}, {@code .ndjson} or {@code .json} for JSON Lines,
 * anything else for CSV.
 */
public final class TableReader {

    /**
     * Fails on anything after the first value of a line, so that a second record on a line is not lost, and on
     * a key repeated within a record, which would otherwise keep one of two values silently.
     */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private TableReader() {
    }

    /**
     * Reads a CSV or JSON Lines file, chosen by its name.
     *
     * @throws InputException naming the file, line, column and value of the first problem
     */
    public static DecisionTable read(Path file, TableSpec spec) {
        return read(file, spec, 0, null);
    }

    /**
     * Reads a file as {@link #read(Path, TableSpec)} does, handing over its rows in chunks of {@code chunkRows}
     * (the last one may be smaller) instead of keeping them, so memory does not grow with the file. Codes mean
     * the same value in every chunk (see {@link DecisionTable.Builder#takeChunk()}).
     *
     * <p>When the machine has at least two processors the file is parsed on a background thread, at most two
     * chunks ahead, while {@code chunks} is still called on the calling thread, in row order (see
     * {@link BackgroundChunks}); the system property {@code fairaudit.readInBackground} ({@code true} or
     * {@code false}) overrides that. On the project's idle 2-core machine it took the full ten-million-row audit
     * from about 17.5 s to 15.2 s at the same CPU time (docs/performance.md, item 8).
     *
     * @return where the data came from: the file's hash, rows read and skipped, warnings
     * @throws InputException as {@link #read(Path, TableSpec)}; chunks before the problem have been handed over
     */
    public static TableSource stream(Path file, TableSpec spec, int chunkRows, Consumer<DecisionTable> chunks) {
        return stream(file, spec, chunkRows, chunks, null);
    }

    /**
     * Streams a file as {@link #stream(Path, TableSpec, int, Consumer)} does, and reports progress after each
     * chunk (so at most once per {@code chunkRows} rows: the reader's own loop is not touched).
     *
     * @param progress told the rows read and bytes read so far after each chunk; null for none
     */
    public static TableSource stream(Path file, TableSpec spec, int chunkRows, Consumer<DecisionTable> chunks,
            ReadProgress progress) {
        return stream(file, spec, chunkRows, chunks, progress, READ_IN_BACKGROUND);
    }

    /** As {@link #stream(Path, TableSpec, int, Consumer, ReadProgress)}, choosing whether to parse in the background. */
    static TableSource stream(Path file, TableSpec spec, int chunkRows, Consumer<DecisionTable> chunks,
            ReadProgress progress, boolean inBackground) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1, was " + chunkRows);
        }
        if (chunks == null) {
            return read(file, spec, chunkRows, null).source();
        }
        if (!inBackground) {
            return read(file, spec, chunkRows, (chunk, rowsRead, bytesRead) -> {
                chunks.accept(chunk);
                if (progress != null) {
                    progress.update(rowsRead, bytesRead);
                }
            }).source();
        }
        return BackgroundChunks.run(file.getFileName().toString(),
                sink -> read(file, spec, chunkRows, sink), chunks, progress).source();
    }

    /**
     * Whether {@link #stream} parses on a background thread while the caller consumes (see
     * {@link BackgroundChunks}): the system property {@code fairaudit.readInBackground} when set, else whether
     * there are at least two processors.
     */
    static final boolean READ_IN_BACKGROUND = readInBackground(System.getProperty("fairaudit.readInBackground"),
            Runtime.getRuntime().availableProcessors());

    static boolean readInBackground(String property, int processors) {
        return property == null ? processors >= 2 : "true".equalsIgnoreCase(property);
    }

    private static DecisionTable read(Path file, TableSpec spec, int chunkRows, BackgroundChunks.Sink chunks) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return readJsonLines(file, spec, chunkRows, chunks);
        }
        return readCsv(file, spec, chunkRows, chunks);
    }

    /** Hands over a chunk when enough rows are pending, or at the end when any are. */
    private static void offer(DecisionTable.Builder builder, int chunkRows, BackgroundChunks.Sink chunks, Input in,
            boolean atEnd) {
        if (chunks != null && builder.pendingRows() > 0 && (atEnd || builder.pendingRows() >= chunkRows)) {
            chunks.accept(builder.takeChunk(), builder.rowsRead(), in.bytesRead());
        }
    }

    /** Reads a CSV file (see the class description). */
    public static DecisionTable readCsv(Path file, TableSpec spec) {
        return readCsv(file, spec, 0, null);
    }

    private static DecisionTable readCsv(Path file, TableSpec spec, int chunkRows, BackgroundChunks.Sink chunks) {
        String fileName = file.getFileName().toString();
        try (Input in = Input.open(file)) {
            InputStream content = in.content();
            byte separator = sniffSeparator(content);
            CsvScanner scanner = new CsvScanner(content, fileName, separator, CsvScanner.DEFAULT_MAX_RECORD_BYTES);
            DecisionTable.Builder builder = DecisionTable.builder(spec).fileName(fileName).chunkRows(chunkRows);
            if (!scanner.next()) {
                throw new InputException(fileName, 0, null, "the file is empty; expected a header line");
            }
            List<String> header = fields(scanner);
            ColumnResolver resolver = new ColumnResolver(fileName, header);
            resolver.duplicateWarnings().forEach(builder::warn);
            List<String> layout = builder.layout();
            int[] index = new int[layout.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = resolver.resolve(layout.get(i));
            }
            while (scanner.next()) {
                if (scanner.fieldCount() != header.size()) {
                    String problem = "expected " + header.size() + " fields as in the header, found "
                            + scanner.fieldCount();
                    if (!spec.skipBadRows()) {
                        throw new InputException(fileName, scanner.line(), null, problem);
                    }
                    builder.skipRow(scanner.line(), null, problem);
                    continue;
                }
                builder.addRow(scanner.buffer(), scanner.starts(), scanner.ends(), index, scanner.line());
                offer(builder, chunkRows, chunks, in, false);
            }
            offer(builder, chunkRows, chunks, in, true);
            if (builder.rowsRead() == 0) {
                builder.warn("the file has a header but no data rows");
            }
            in.drain();
            return builder.build(fileName, "csv", in.sha256());
        } catch (IOException e) {
            throw ioProblem(fileName, e);
        }
    }

    /** Receives the records of a CSV file: the header first, then every data record with its 1-based line. */
    interface CsvRecordHandler {
        /** The header's names. */
        void header(List<String> names);

        /** One data record (its field count is not checked here). */
        void record(List<String> fields, long line);
    }

    /**
     * Reads any CSV file with the same rules as {@link #readCsv} (separator sniffing, UTF-8, BOM, gzip) and
     * hands its records to a handler; used by the readers of aggregate and area tables.
     *
     * @return the hex SHA-256 of the file's bytes
     * @throws InputException naming the file and line of a malformed record
     */
    static String readCsvRecords(Path file, CsvRecordHandler handler) {
        String fileName = file.getFileName().toString();
        try (Input in = Input.open(file)) {
            InputStream content = in.content();
            CsvScanner scanner = new CsvScanner(content, fileName, sniffSeparator(content),
                    CsvScanner.DEFAULT_MAX_RECORD_BYTES);
            if (!scanner.next()) {
                throw new InputException(fileName, 0, null, "the file is empty; expected a header line");
            }
            handler.header(fields(scanner));
            while (scanner.next()) {
                handler.record(fields(scanner), scanner.line());
            }
            in.drain();
            return in.sha256();
        } catch (IOException e) {
            throw ioProblem(fileName, e);
        }
    }

    private static List<String> fields(CsvScanner scanner) {
        List<String> fields = new ArrayList<>(scanner.fieldCount());
        for (int i = 0; i < scanner.fieldCount(); i++) {
            fields.add(scanner.text(i));
        }
        return fields;
    }

    /** Reads a JSON Lines file (see the class description). */
    public static DecisionTable readJsonLines(Path file, TableSpec spec) {
        return readJsonLines(file, spec, 0, null);
    }

    private static DecisionTable readJsonLines(Path file, TableSpec spec, int chunkRows,
            BackgroundChunks.Sink chunks) {
        String fileName = file.getFileName().toString();
        try (Input in = Input.open(file)) {
            BufferedReader reader = in.reader();
            DecisionTable.Builder builder = DecisionTable.builder(spec).fileName(fileName).chunkRows(chunkRows);
            List<String> layout = builder.layout();
            Set<String> neverSeen = new LinkedHashSet<>(layout);
            Set<String> keysSeen = new LinkedHashSet<>();
            String[] values = new String[layout.size()];
            long line = 0;
            String text;
            while ((text = readLine(reader, fileName, line)) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    String problem = "malformed JSON: " + e.getOriginalMessage();
                    if (!spec.skipBadRows()) {
                        throw new InputException(fileName, line, null, problem, e);
                    }
                    builder.skipRow(line, null, problem);
                    continue;
                }
                if (node == null || !node.isObject()) {
                    String problem = "expected a JSON object, found " + (node == null ? "nothing" : node.getNodeType());
                    if (!spec.skipBadRows()) {
                        throw new InputException(fileName, line, null, problem);
                    }
                    builder.skipRow(line, null, problem);
                    continue;
                }
                if (keysSeen.size() < 1000) {
                    for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                        keysSeen.add(it.next());
                    }
                }
                String nested = null;
                for (int i = 0; i < values.length; i++) {
                    JsonNode v = node.get(layout.get(i));
                    if (v == null || v.isNull()) {
                        values[i] = null;
                    } else if (v.isContainerNode()) {
                        nested = layout.get(i);
                        break;
                    } else {
                        neverSeen.remove(layout.get(i));
                        values[i] = v.asText().trim();
                    }
                }
                if (nested != null) {
                    String problem = "value is an object or array; expected text, a number or a boolean";
                    if (!spec.skipBadRows()) {
                        throw new InputException(fileName, line, nested, problem);
                    }
                    builder.skipRow(line, nested, problem);
                    continue;
                }
                builder.addRow(values, line);
                offer(builder, chunkRows, chunks, in, false);
            }
            offer(builder, chunkRows, chunks, in, true);
            if (builder.rowsRead() == 0) {
                throw new InputException(fileName, 0, null, "the file has no records");
            }
            if (!neverSeen.isEmpty()) {
                String missing = neverSeen.iterator().next();
                throw new InputException(fileName, 0, missing, "no record has a value for '" + missing + "'"
                        + ColumnResolver.suggestion(missing, new ArrayList<>(keysSeen)));
            }
            in.drain();
            return builder.build(fileName, "jsonl", in.sha256());
        } catch (IOException e) {
            throw ioProblem(fileName, e);
        }
    }

    private static String readLine(BufferedReader reader, String fileName, long linesBefore) throws IOException {
        try {
            return reader.readLine();
        } catch (InvalidUtf8 e) {
            throw new InputException(fileName, e.line, null, "the file is not valid UTF-8", e);
        } catch (LineTooLong e) {
            throw new InputException(fileName, e.line, null, e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new InputException(fileName, linesBefore + 1, null, "the file is not valid UTF-8", e);
        }
    }

    /** Comma, unless the header line has none and has a semicolon or a tab. */
    private static byte sniffSeparator(InputStream in) throws IOException {
        in.mark(1 << 16);
        byte[] buf = in.readNBytes(1 << 16);
        in.reset();
        for (byte b : buf) {
            if (b == '\n' || b == '\r') {
                break;
            }
            if (b == ',') {
                return ',';
            }
        }
        for (byte candidate : new byte[] {';', '\t'}) {
            for (byte b : buf) {
                if (b == '\n' || b == '\r') {
                    break;
                }
                if (b == candidate) {
                    return candidate;
                }
            }
        }
        return ',';
    }

    private static InputException ioProblem(String fileName, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException(fileName, 0, null, "file not found", e);
        }
        if (e instanceof InvalidUtf8 bad) {
            return new InputException(fileName, bad.line, null, "the file is not valid UTF-8", e);
        }
        if (e.getCause() instanceof InvalidUtf8 bad) {
            return new InputException(fileName, bad.line, null, "the file is not valid UTF-8", e);
        }
        if (e instanceof CharacterCodingException) {
            return new InputException(fileName, 0, null, "the file is not valid UTF-8", e);
        }
        if (e.getCause() instanceof CharacterCodingException) {
            return new InputException(fileName, 0, null, "the file is not valid UTF-8", e);
        }
        return new InputException(fileName, 0, null, "cannot read: " + e.getMessage(), e);
    }

    /** The longest JSON Lines line read, as the CSV scanner's record limit: a safeguard for memory. */
    static final int MAX_LINE_BYTES = CsvScanner.DEFAULT_MAX_RECORD_BYTES;

    /** A line longer than {@link #MAX_LINE_BYTES}, found before it is read whole. */
    private static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        LineTooLong(long line) {
            super("a line longer than " + (MAX_LINE_BYTES >> 20) + " MiB; is this a JSON Lines file? (the limit "
                    + "protects memory; a line this long is almost always a binary file or a file without line "
                    + "breaks)");
            this.line = line;
        }
    }

    /** Invalid UTF-8 on a known 1-based line. */
    private static final class InvalidUtf8 extends CharacterCodingException {
        private final long line;

        InvalidUtf8(long line) {
            this.line = line;
        }

        @Override
        public String getMessage() {
            return "invalid UTF-8 on line " + line;
        }
    }

    /**
     * Strict UTF-8 decoding one line at a time, so that invalid bytes are reported with the line they are on.
     * (A decoder that reads ahead in blocks fails while an earlier line is being read, and the line it would
     * name is wrong.) A line ends after a {@code \n} byte, which is never part of a multi-byte UTF-8 sequence.
     */
    private static final class Utf8LineReader extends Reader {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] lineBytes = new byte[256];
        private CharBuffer chars = CharBuffer.allocate(0);
        private long line;

        Utf8LineReader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (!nextLine()) {
                    return -1;
                }
            }
            int n = Math.min(len, chars.remaining());
            chars.get(cbuf, off, n);
            return n;
        }

        private boolean nextLine() throws IOException {
            int n = 0;
            boolean ended = false;
            while (!ended) {
                if (pos == limit) {
                    int got = in.read(buf, 0, buf.length);
                    if (got <= 0) {
                        pos = 0;
                        limit = 0;
                        break;
                    }
                    pos = 0;
                    limit = got;
                }
                int end = pos;
                while (end < limit && buf[end] != '\n') {
                    end++;
                }
                if (end < limit) {
                    end++;
                    ended = true;
                }
                int count = end - pos;
                if ((long) n + count > MAX_LINE_BYTES) {
                    throw new LineTooLong(line + 1);
                }
                if (n + count > lineBytes.length) {
                    lineBytes = Arrays.copyOf(lineBytes, Math.max(n + count, lineBytes.length * 2));
                }
                System.arraycopy(buf, pos, lineBytes, n, count);
                n += count;
                pos = end;
            }
            if (n == 0) {
                return false;
            }
            line++;
            try {
                chars = decoder.decode(ByteBuffer.wrap(lineBytes, 0, n));
            } catch (CharacterCodingException e) {
                InvalidUtf8 bad = new InvalidUtf8(line);
                bad.initCause(e);
                throw bad;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Counts the bytes read from the file; it is read in 64 KiB blocks, so counting costs next to nothing. */
    private static final class ByteCounter extends java.io.FilterInputStream {
        private long count;

        ByteCounter(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** The file's bytes, hashed as they are read, decompressed where the name ends in .gz. */
    private static final class Input implements AutoCloseable {
        private final InputStream raw;
        private final ByteCounter counted;
        private final DigestInputStream digested;
        private final BufferedInputStream content;
        private BufferedReader reader;

        private Input(InputStream raw, ByteCounter counted, DigestInputStream digested, BufferedInputStream content) {
            this.raw = raw;
            this.counted = counted;
            this.digested = digested;
            this.content = content;
        }

        static Input open(Path file) throws IOException {
            // A named pipe or /dev/stdin: Files.newInputStream's available() seeks, which a pipe cannot do.
            InputStream raw = Files.exists(file) && !Files.isRegularFile(file)
                    ? new java.io.FileInputStream(file.toFile()) : Files.newInputStream(file);
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
            ByteCounter counted = new ByteCounter(raw);
            DigestInputStream digested = new DigestInputStream(new BufferedInputStream(counted, 1 << 16), sha);
            InputStream content = digested;
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                content = new GZIPInputStream(digested, 1 << 16);
            }
            BufferedInputStream buffered = new BufferedInputStream(content, 1 << 16);
            skipBom(buffered);
            return new Input(raw, counted, digested, buffered);
        }

        private static void skipBom(BufferedInputStream in) throws IOException {
            in.mark(3);
            byte[] b = in.readNBytes(3);
            if (!(b.length == 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF)) {
                in.reset();
            }
        }

        /** The content as bytes (decompressed, without a byte-order mark); do not mix with {@link #reader()}. */
        BufferedInputStream content() {
            return content;
        }

        /** The content as strictly decoded UTF-8 text; do not mix with {@link #content()}. */
        BufferedReader reader() {
            if (reader == null) {
                reader = new BufferedReader(new Utf8LineReader(content), 1 << 16);
            }
            return reader;
        }

        /** Bytes of the file as stored (compressed for .gz) read so far, read-ahead included. */
        long bytesRead() {
            return counted.count;
        }

        /** Reads whatever the parser left, so that the hash covers the whole file. */
        void drain() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (digested.read(buf) >= 0) {
                // only hashing
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(digested.getMessageDigest().digest());
        }

        @Override
        public void close() throws IOException {
            try {
                if (reader != null) {
                    reader.close();
                } else {
                    content.close();
                }
            } finally {
                raw.close();
            }
        }
    }
}
