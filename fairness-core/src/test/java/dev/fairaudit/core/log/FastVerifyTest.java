package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier's fast path ({@link LineScanner}) reports exactly what the strict path ({@link LineParser}, the
 * payload canonicalised again) reports. The strict path, kept as {@code LogScan.run(dir, key, false)}, is the
 * reference throughout.
 */
class FastVerifyTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final byte[] KEY = LogFiles.key(11);
    private static final int POOL = 6;
    /** Bytes that matter to JSON or to the record line, for edits. */
    private static final String EDIT_BYTES = "{}[]\",:\\ \n0129aefuE+-.";

    @TempDir
    static Path pool;

    @TempDir
    Path dir;

    /** Logs to edit: even ones unkeyed, odd ones keyed; each with erased payloads and awkward payloads. */
    @BeforeAll
    static void writePool() throws IOException {
        for (int k = 0; k < POOL; k++) {
            writeLog(pool.resolve("log-" + k), k % 2 == 1 ? KEY : null, k);
        }
    }

    private static void writeLog(Path log, byte[] key, int variant) throws IOException {
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(2500)
                .clock(GoldenLogRecords.clock()).hmacKey(key).build();
        try (DecisionLog l = DecisionLog.open(log, options)) {
            for (int i = 0; i < 14; i++) {
                ObjectNode p = i % 5 == 2 ? payloadLookingLikeAField(i) : GoldenLogRecords.tree(variant * 20 + i);
                l.append(RecordType.values()[i % 5], p);
            }
        }
        LogEraser.erasePayloads(log, r -> r.seq() % 6 == 4, "retention ended 2031-03-01");
    }

    /** A payload with the text {@code "payload":} in a string value, and field names of a record line as keys. */
    private static ObjectNode payloadLookingLikeAField(int i) {
        ObjectNode p = F.objectNode();
        p.put("hash", "x");
        p.put("note", "\"},\"payload\":{\"a\":" + i + "}");
        p.put("payload", i);
        return p;
    }

    private static VerificationReport fast(Path log, byte[] key) throws IOException {
        return LogScan.run(log, key, true).report();
    }

    private static VerificationReport strict(Path log, byte[] key) throws IOException {
        return LogScan.run(log, key, false).report();
    }

    private void copy(Path from) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    private List<String> allLines(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        for (Segments.Seg seg : Segments.list(log)) {
            out.addAll(LogFiles.lines(seg.path()));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // The writer's lines go the fast way, with the same fields as the strict parser gives

    @Test
    void everyLineTheWriterWritesGoesTheFastWayUnlessItHasAnEscapedSurrogateOrANonAsciiKey() throws Exception {
        Path log = pool.resolve("log-0");
        LineScanner scanner = new LineScanner();
        int fastLines = 0;
        for (String text : allLines(log)) {
            byte[] line = text.getBytes(UTF_8);
            ParsedLine strict = LineParser.parse(line, 0, line.length);
            ParsedLine fast = scanner.scan(line, 0, line.length);
            boolean awkward = text.contains("\\ud") || !text.chars().allMatch(c -> c < 0x80);
            if (strict.type() == RecordType.CHECKPOINT) {
                assertNull(fast, "checkpoints go the strict way: " + text);
                continue;
            }
            if (fast == null) {
                assertTrue(awkward, "a plain writer's line went the strict way: " + text);
                continue;
            }
            fastLines++;
            assertEquals(strict.seq(), fast.seq());
            assertEquals(strict.timeText(), fast.timeText());
            assertEquals(strict.time(), fast.time());
            assertEquals(strict.type(), fast.type());
            assertEquals(strict.payloadDigest(), fast.payloadDigest());
            assertEquals(strict.prevHash(), fast.prevHash());
            assertEquals(strict.hash(), fast.hash());
            assertEquals(strict.erasedReason(), fast.erasedReason());
            assertEquals(strict.payload() != null, fast.payloadVerified(), text);
            assertNull(fast.payload());
        }
        assertTrue(fastLines >= 8, "only " + fastLines + " lines went the fast way");
    }

    @Test
    void theOldWritersGoldenLogVerifiesTheSameBothWays() throws IOException {
        for (String name : List.of("segment-000001.jsonl", "segment-000002.jsonl", "segment-000003.jsonl",
                "segment-000004.jsonl", "HEAD")) {
            try (var in = FastVerifyTest.class.getResourceAsStream("golden-99a3ec9/" + name)) {
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        VerificationReport fast = fast(dir, null);
        assertTrue(fast.ok(), fast.summary());
        assertEquals(strict(dir, null), fast);
        assertEquals(GoldenLogRecords.RECORDS + 1, fast.records());
    }

    // ---------------------------------------------------------------------------------------------------------
    // The cases the fast path must get right, each reported as before

    private void editLine(int seq, UnaryOperator<String> change) throws IOException {
        for (Segments.Seg seg : Segments.list(dir)) {
            List<String> lines = LogFiles.lines(seg.path());
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("{\"seq\":" + seq + ",")) {
                    lines.set(i, change.apply(lines.get(i)));
                    LogFiles.writeLines(seg.path(), lines);
                    return;
                }
            }
        }
        throw new IllegalStateException("no record " + seq);
    }

    private static String payloadOf(String line) {
        return line.substring(line.indexOf(",\"payload\":") + 11, line.length() - 1);
    }

    private static String withPayload(String line, String payload) {
        return line.substring(0, line.indexOf(",\"payload\":") + 11) + payload + "}";
    }

    private VerificationReport sameBothWays(byte[] key) throws IOException {
        VerificationReport fast = fast(dir, key);
        assertEquals(strict(dir, key), fast);
        return fast;
    }

    @Test
    void payloadWithWhitespaceOrReorderedKeysButTheSameMeaningVerifiesAsBefore() throws IOException {
        copy(pool.resolve("log-0"));
        // Not the bytes the digest was computed over, but the same canonical form: the strict path accepts this.
        editLine(2, l -> {
            String p = payloadOf(l);
            return withPayload(l, " {\t" + p.substring(1, p.length() - 1) + " \r}  ");
        });
        editLine(6, l -> {
            ObjectNode p;
            try {
                p = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(payloadOf(l));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<String> names = new ArrayList<>();
            p.fieldNames().forEachRemaining(names::add);
            StringBuilder reversed = new StringBuilder("{");
            for (int i = names.size() - 1; i >= 0; i--) {
                reversed.append(TextNode.valueOf(names.get(i))).append(':').append(p.get(names.get(i)))
                        .append(i > 0 ? "," : "}");
            }
            return withPayload(l, reversed.toString());
        });
        VerificationReport report = sameBothWays(null);
        assertTrue(report.ok(), report.summary());
    }

    @Test
    void nonCanonicalPayloadWhoseDigestWasRecomputedOverItsBytesIsStillAModifiedPayload() throws IOException {
        copy(pool.resolve("log-0"));
        editLine(5, l -> withPayload(l, payloadOf(l).replace(",", ", ")));
        // The digest now matches the payload's bytes as they stand, but they are not canonical.
        LogFiles.recomputeChain(dir, null);
        VerificationReport report = sameBothWays(null);
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, report.problem().kind(), report.summary());
        assertEquals(5, report.problem().sequence());
    }

    @Test
    void duplicateKeyInThePayloadIsUnparseableBothWays() throws IOException {
        copy(pool.resolve("log-0"));
        editLine(7, l -> withPayload(l, "{\"a\":1,\"a\":1}"));
        LogFiles.recomputeChain(dir, null);
        VerificationReport report = sameBothWays(null);
        assertEquals(LogProblem.Kind.UNPARSEABLE_LINE, report.problem().kind(), report.summary());
        assertEquals(7, report.problem().sequence());
        assertTrue(report.problem().explanation().contains("duplicate key 'a'"), report.summary());
    }

    @Test
    void numberWithAnExponentBeyondRangeIsUnparseableBothWaysNotACrash() throws IOException {
        copy(pool.resolve("log-0"));
        editLine(5, l -> withPayload(l, "{\"x\":1E+9999999999}"));
        LogFiles.recomputeChain(dir, null);
        VerificationReport report = sameBothWays(null);
        assertEquals(LogProblem.Kind.UNPARSEABLE_LINE, report.problem().kind(), report.summary());
        assertEquals(5, report.problem().sequence());
        assertTrue(report.problem().explanation().contains("out of range (1E+9999999999)"), report.summary());
    }

    @Test
    void unknownDuplicateOrMissingFieldIsUnparseableBothWays() throws IOException {
        for (UnaryOperator<String> edit : List.<UnaryOperator<String>>of(
                l -> l.substring(0, l.length() - 1) + ",\"note\":1}",
                l -> l.replace("{\"seq\":7,", "{\"seq\":7,\"seq\":7,"),
                l -> l.replaceFirst(",\"prevHash\":\"[0-9a-f]{64}\"", ""),
                l -> l + " x",
                l -> l.replace("\"type\":\"", "\"type\" :\"X"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            copy(pool.resolve("log-0"));
            editLine(7, edit);
            VerificationReport report = sameBothWays(null);
            assertEquals(LogProblem.Kind.UNPARSEABLE_LINE, report.problem().kind(), report.summary());
            assertEquals(7, report.problem().sequence());
        }
    }

    @Test
    void payloadContainingTheTextOfAPayloadFieldGoesTheFastWayAndEditsOfItAreCaught() throws IOException {
        copy(pool.resolve("log-1"));
        String line = allLines(dir).stream().filter(l -> l.startsWith("{\"seq\":3,")).findFirst().orElseThrow();
        assertTrue(line.contains("\\\"payload\\\":"), line);
        byte[] bytes = line.getBytes(UTF_8);
        ParsedLine fast = new LineScanner().scan(bytes, 0, bytes.length);
        assertNotNull(fast, line);
        assertTrue(fast.payloadVerified());
        assertTrue(sameBothWays(KEY).ok());

        editLine(3, l -> l.replace("\\\"payload\\\":{\\\"a\\\":2}", "\\\"payload\\\":{\\\"a\\\":3}"));
        VerificationReport report = sameBothWays(KEY);
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, report.problem().kind(), report.summary());
        assertEquals(3, report.problem().sequence());
    }

    @Test
    void erasedRecordsGoTheFastWayAndAreCounted() throws IOException {
        copy(pool.resolve("log-0"));
        String erased = allLines(dir).stream().filter(l -> l.contains("\"erased\":")).findFirst().orElseThrow();
        byte[] bytes = erased.getBytes(UTF_8);
        ParsedLine fast = new LineScanner().scan(bytes, 0, bytes.length);
        assertNotNull(fast, erased);
        assertFalse(fast.payloadVerified());
        assertEquals("retention ended 2031-03-01", fast.erasedReason());
        VerificationReport report = sameBothWays(null);
        assertTrue(report.ok(), report.summary());
        assertEquals(2, report.erasedPayloads());

        // A payload removed without the erasure mark is still a modified payload.
        editLine(4, l -> l.replace(",\"erased\":{\"reason\":\"retention ended 2031-03-01\"}", ""));
        report = sameBothWays(null);
        assertEquals(LogProblem.Kind.MODIFIED_PAYLOAD, report.problem().kind(), report.summary());
        assertEquals(4, report.problem().sequence());
    }

    @Test
    void keyedLogRecomputedWithoutTheKeyIsAModifiedRecordBothWays() throws IOException {
        copy(pool.resolve("log-1"));
        assertTrue(sameBothWays(KEY).ok());
        editLine(9, l -> {
            assertTrue(l.contains("\"PROFILE\""), l);
            return l.replace("\"PROFILE\"", "\"RANDOM\"");
        });
        LogFiles.recomputeChain(dir, null);
        VerificationReport report = sameBothWays(KEY);
        assertEquals(LogProblem.Kind.MODIFIED_RECORD, report.problem().kind(), report.summary());
        assertEquals(1, report.problem().sequence());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Properties

    /**
     * Random single-byte edits anywhere in a log (a segment or {@code HEAD}; replaced, inserted or deleted; a
     * byte that matters to JSON or any byte): the fast path reports what the strict path reports, the whole
     * report (counts, kind, sequence number, segment, line, explanation), or the same exception.
     */
    @Test
    void randomSingleByteEditsAreReportedAsTheStrictPathReportsThem() {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger examples = new AtomicInteger();
        qt().withExamples(800).forAll(integers().between(0, POOL - 1), longs().all()).checkAssert((k, seed) -> {
            try {
                Path log = pool.resolve("log-" + k);
                Path edited = Files.createTempDirectory(dir, "edit-");
                try (Stream<Path> files = Files.list(log)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, edited.resolve(f.getFileName()));
                    }
                }
                Random r = new Random(seed);
                List<Path> targets = new ArrayList<>();
                for (Segments.Seg seg : Segments.list(edited)) {
                    targets.add(seg.path());
                }
                targets.add(edited.resolve(Head.FILE));
                Path target = targets.get(r.nextInt(targets.size()));
                byte[] bytes = Files.readAllBytes(target);
                int at = r.nextInt(bytes.length);
                byte value = r.nextBoolean() ? (byte) r.nextInt(256) : (byte) EDIT_BYTES.charAt(
                        r.nextInt(EDIT_BYTES.length()));
                int op = r.nextInt(10);
                byte[] out;
                if (op < 7) {
                    out = bytes.clone();
                    out[at] = value;
                } else if (op < 9) {
                    out = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
                } else {
                    out = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, out, 0, at);
                    System.arraycopy(bytes, at + 1, out, at, bytes.length - at - 1);
                }
                Files.write(target, out);
                byte[] key = k % 2 == 1 ? KEY : null;
                Object fast = outcome(edited, key, true);
                Object strict = outcome(edited, key, false);
                assertEquals(strict, fast, () -> "edit of " + target.getFileName() + " at " + at + " (op " + op + ")");
                examples.incrementAndGet();
                if (fast instanceof VerificationReport v && v.ok()) {
                    ok.incrementAndGet();
                }
                try (Stream<Path> files = Files.list(edited)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.delete(f);
                    }
                }
                Files.delete(edited);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        // Most edits break something; a few (a byte replaced by itself) do not.
        assertTrue(ok.get() < examples.get() / 2, ok + " of " + examples + " edits verified");
    }

    private static Object outcome(Path log, byte[] key, boolean fastPath) throws IOException {
        try {
            return LogScan.run(log, key, fastPath).report();
        } catch (RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /**
     * The fast path's canonical check is sound: whenever it takes a payload, the strict parser takes it too and
     * canonicalising it again gives exactly its bytes (so the digests agree). Payloads: random trees with
     * awkward keys, strings and numbers in canonical form, then up to three random edits (a byte replaced,
     * inserted or deleted; whitespace inserted). Unedited payloads without escaped surrogates or non-ASCII
     * keys must go the fast way.
     */
    @Test
    void theFastPathTakesAPayloadOnlyWhenItIsItsOwnCanonicalForm() {
        AtomicInteger editedAndTaken = new AtomicInteger();
        AtomicInteger editedAndRefused = new AtomicInteger();
        LineScanner scanner = new LineScanner();
        qt().withExamples(4000).forAll(longs().all()).checkAssert(seed -> {
            Random r = new Random(seed);
            ObjectNode tree = (ObjectNode) randomTree(r, 0, true);
            Bytes canon = new Bytes(256);
            CanonicalJson.write(tree, canon);
            byte[] payload = java.util.Arrays.copyOf(canon.buf, canon.len);
            int edits = r.nextInt(4);
            byte[] edited = payload;
            for (int e = 0; e < edits; e++) {
                edited = edit(edited, r);
            }
            byte[] line = line(edited);
            ParsedLine fast = scanner.scan(line, 0, line.length);
            boolean strictTakes;
            try {
                ParsedLine strict = LineParser.parse(line, 0, line.length);
                if (fast != null) {
                    // readers build the tree straight from the bytes: the same tree, node classes included
                    assertSameTree(strict.payload(), CanonicalTreeReader.object(line, scanner.payloadOffset()));
                }
                Bytes again = new Bytes(256);
                CanonicalJson.write(strict.payload(), again);
                strictTakes = java.util.Arrays.equals(again.buf, 0, again.len, edited, 0, edited.length);
            } catch (LineFormatException | IllegalArgumentException e) {
                strictTakes = false;
            }
            String text = new String(edited, UTF_8);
            if (fast != null) {
                assertTrue(strictTakes, () -> "fast path took a payload the strict path does not: " + text);
                assertTrue(fast.payloadVerified());
            }
            if (edits == 0 && !text.contains("\\ud") && !hasNonAsciiKey(tree)) {
                assertNotNull(fast, () -> "a canonical payload went the strict way: " + text);
            }
            if (edits > 0 && !java.util.Arrays.equals(edited, payload)) {
                (fast != null ? editedAndTaken : editedAndRefused).incrementAndGet();
            }
        });
        // Not vacuous: some edits keep a canonical form (a digit changed) and are taken, most are refused.
        assertTrue(editedAndTaken.get() > 50, editedAndTaken + " edited payloads taken");
        assertTrue(editedAndRefused.get() > 1000, editedAndRefused + " edited payloads refused");
    }

    /** Equal trees with equal node classes, members in the same order, decimals with the same scale. */
    private static void assertSameTree(JsonNode expected, JsonNode actual) {
        assertEquals(expected.getClass(), actual.getClass(), () -> expected + " vs " + actual);
        if (expected.isObject()) {
            assertEquals(List.copyOf(iterable(expected.fieldNames())), List.copyOf(iterable(actual.fieldNames())));
            expected.fieldNames().forEachRemaining(k -> assertSameTree(expected.get(k), actual.get(k)));
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertSameTree(expected.get(i), actual.get(i));
            }
        } else if (expected.isBigDecimal()) {
            assertEquals(expected.decimalValue().toString(), actual.decimalValue().toString());
        } else if (expected.isDouble()) {
            assertEquals(Double.doubleToRawLongBits(expected.doubleValue()),
                    Double.doubleToRawLongBits(actual.doubleValue()));
        } else {
            assertEquals(expected, actual);
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /**
     * Reading: every record of every pool log (erased payloads, checkpoints, awkward payloads, keyed or not)
     * reads back as the strict parser reads its line.
     */
    @Test
    void theReaderGivesTheRecordsTheStrictParserGives() throws Exception {
        for (int k = 0; k < POOL; k++) {
            Path log = pool.resolve("log-" + k);
            List<LogRecord> read = LogFiles.readAll(log);
            List<LogRecord> strict = new ArrayList<>();
            for (Segments.Seg seg : Segments.list(log)) {
                List<String> lines = LogFiles.lines(seg.path());
                for (int i = 0; i < lines.size(); i++) {
                    byte[] line = lines.get(i).getBytes(UTF_8);
                    strict.add(LineParser.parse(line, 0, line.length).toRecord(seg.name(), i + 1));
                }
            }
            assertEquals(strict, read);
            for (int i = 0; i < strict.size(); i++) {
                if (strict.get(i).payload() != null) {
                    assertSameTree(strict.get(i).payload(), read.get(i).payload());
                }
            }
        }
    }

    /** A DECISION line with the payload and a payloadDigest computed over its bytes. */
    private static byte[] line(byte[] payload) {
        String head = "{\"seq\":1,\"time\":\"2026-03-01T09:15:02.120Z\",\"type\":\"DECISION\",\"payloadDigest\":\""
                + LogFiles.sha256Hex(payload) + "\",\"prevHash\":\"" + "0".repeat(64) + "\",\"hash\":\""
                + "ab".repeat(32) + "\",\"payload\":";
        byte[] h = head.getBytes(UTF_8);
        byte[] out = new byte[h.length + payload.length + 1];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(payload, 0, out, h.length, payload.length);
        out[out.length - 1] = '}';
        return out;
    }

    private static byte[] edit(byte[] b, Random r) {
        String alphabet = "{}[]\",:\\ \t\n0123456789-+.eEtrufalsn/ubfnr";
        int at = r.nextInt(b.length);
        byte value = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : (byte) alphabet.charAt(r.nextInt(alphabet.length()));
        switch (r.nextInt(4)) {
            case 0, 1 -> {
                byte[] out = b.clone();
                out[at] = value;
                return out;
            }
            case 2 -> {
                byte[] out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = value;
                System.arraycopy(b, at, out, at + 1, b.length - at);
                return out;
            }
            default -> {
                if (b.length < 2) {
                    return b;
                }
                byte[] out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
                return out;
            }
        }
    }

    private static boolean hasNonAsciiKey(JsonNode node) {
        if (node.isObject()) {
            var names = node.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                if (!k.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
                        || hasNonAsciiKey(node.get(k))) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                if (hasNonAsciiKey(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final String[] KEYS = {"a", "b", "B", "aa", "payload", "\"payload\":", "score", "_", "a b",
        "\u00e9", "z\u0001", "\uD83D\uDE00", "k\\"};
    private static final String[] STRINGS = {"", "x", "\"payload\":{", "q\"uote", "back\\slash", "tab\there",
        "nl\n", "ctl\u0001\u001f", "del\u007f", "slash/", "\u00e9t\u00e9", "\u20ac", "\uD83D\uDE00", "lone\uD800",
        "\uDC00lone", "\ufffe"};

    private static JsonNode randomTree(Random r, int depth, boolean object) {
        int kind = object ? 0 : depth > 3 ? 2 + r.nextInt(8) : r.nextInt(10);
        switch (kind) {
            case 0: {
                ObjectNode o = F.objectNode();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.set(KEYS[r.nextInt(KEYS.length)], randomTree(r, depth + 1, false));
                }
                return o;
            }
            case 1: {
                ArrayNode a = F.arrayNode();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(randomTree(r, depth + 1, false));
                }
                return a;
            }
            case 2:
                return TextNode.valueOf(STRINGS[r.nextInt(STRINGS.length)] + STRINGS[r.nextInt(STRINGS.length)]);
            case 3:
                return F.numberNode(r.nextInt(3) == 0 ? r.nextInt(100) - 50 : r.nextLong());
            case 4:
                return F.numberNode(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
            case 5:
                return F.numberNode(new BigInteger(100, r).negate());
            case 6:
                return DecimalNode.valueOf(new BigDecimal(BigInteger.valueOf(r.nextInt(2000) - 1000),
                        r.nextInt(24) - 12));
            case 7:
                return F.numberNode(r.nextInt(10_000) / 10_000.0);
            case 8:
                return F.booleanNode(r.nextBoolean());
            default:
                return r.nextBoolean() ? F.nullNode() : DoubleNode.valueOf(-0.0);
        }
    }
}
