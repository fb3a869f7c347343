package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.fairaudit.core.InputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV reader hands each row to the builder as byte ranges ({@code DecisionTable.Builder.addRow(byte[], ...)}),
 * which decodes, checks and parses each distinct value once. These tests pin that it gives exactly what handing
 * over the decoded texts row by row ({@code addRow(String[], long)}, the path the reader took before) gives: the
 * same chunks (codes, dictionaries, every numeric column bit for bit), the same source (rows read and skipped,
 * bad-row examples, warnings, outcome tallies), and the same error where reading fails.
 */
class CsvBytePathEquivalenceTest {

    @TempDir
    Path dir;

    private static final String HEADER = "grp,sex,dec,lab,score,route,ts,w,feat,amount,extra";

    /** Values drawn per column; the generator adds quoting, padding, missing values and bad values. */
    private static final String[] GROUPS = {"a", "b", "Ünïcödé", "漢字", "😀 emoji", "long value beyond sixteen bytes",
        "exactly8", "nine byte", "", "NA", "x,y", "say \"hi\""};
    private static final String[] SEXES = {"f", "m", "x", ""};
    private static final String[] ROUTES = {"PROFILE", "RANDOM", "MANUAL", ""};

    /** Reading with the spec gives the same table and source by both paths; or both fail with the same message. */
    private void assertSameAsTextPath(Path file, TableSpec spec, int chunkRows) throws IOException {
        List<DecisionTable> fastChunks = new ArrayList<>();
        List<DecisionTable> textChunks = new ArrayList<>();
        String fastError = null;
        String textError = null;
        TableSource fastSource = null;
        TableSource textSource = null;
        try {
            fastSource = TableReader.stream(file, spec, chunkRows, fastChunks::add);
        } catch (InputException e) {
            fastError = e.getMessage();
        }
        try {
            textSource = readByText(file, spec, chunkRows, textChunks);
        } catch (InputException e) {
            textError = e.getMessage();
        }
        assertEquals(textError, fastError, file.getFileName().toString());
        assertEquals(textChunks.size(), fastChunks.size(), "chunks");
        for (int i = 0; i < textChunks.size(); i++) {
            assertSameTable(textChunks.get(i), fastChunks.get(i));
        }
        if (textError == null) {
            assertNotNull(fastSource);
            assertEquals(textSource.rowsRead(), fastSource.rowsRead());
            assertEquals(textSource.rowsSkipped(), fastSource.rowsSkipped());
            assertEquals(textSource.badRowExamples(), fastSource.badRowExamples());
            assertEquals(textSource.warnings(), fastSource.warnings());
            assertEquals(textSource.outcomeCodings(), fastSource.outcomeCodings());
            assertEquals(textSource.sha256(), fastSource.sha256());
        }
    }

    private static void assertSameTable(DecisionTable expected, DecisionTable actual) {
        assertEquals(expected.rowCount(), actual.rowCount(), "rows");
        assertEquals(expected.protectedColumns(), actual.protectedColumns()); // names, dictionaries, codes, missing
        assertEquals(expected.features(), actual.features());
        assertEquals(expected.route(), actual.route());
        assertEquals(expected.profileDecision(), actual.profileDecision());
        assertEquals(expected.source(), actual.source());
        for (int r = 0; r < expected.rowCount(); r++) {
            assertEquals(expected.selected(r), actual.selected(r));
            assertEquals(expected.label(r), actual.label(r));
            assertEquals(Double.doubleToRawLongBits(expected.score(r)), Double.doubleToRawLongBits(actual.score(r)));
            assertEquals(expected.timestampMillis(r), actual.timestampMillis(r));
            assertEquals(Double.doubleToRawLongBits(expected.weight(r)), Double.doubleToRawLongBits(actual.weight(r)));
            assertEquals(Double.doubleToRawLongBits(expected.numericOutcome(r)),
                    Double.doubleToRawLongBits(actual.numericOutcome(r)));
        }
    }

    /**
     * The reference: the reader's loop as it was before the byte path, every value decoded to a {@code String} and
     * handed to {@code addRow(String[], long)}. (Comma-separated, uncompressed files without a byte-order mark:
     * the sniffing and decompression before the scanner are the same for both paths.)
     */
    private static TableSource readByText(Path file, TableSpec spec, int chunkRows, List<DecisionTable> chunks)
            throws IOException {
        String fileName = file.getFileName().toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CsvScanner scanner = new CsvScanner(in, fileName, (byte) ',', CsvScanner.DEFAULT_MAX_RECORD_BYTES, 64);
            DecisionTable.Builder builder = DecisionTable.builder(spec).fileName(fileName);
            if (!scanner.next()) {
                throw new InputException(fileName, 0, null, "the file is empty; expected a header line");
            }
            List<String> header = new ArrayList<>();
            for (int i = 0; i < scanner.fieldCount(); i++) {
                header.add(scanner.text(i));
            }
            ColumnResolver resolver = new ColumnResolver(fileName, header);
            resolver.duplicateWarnings().forEach(builder::warn);
            List<String> layout = builder.layout();
            int[] index = new int[layout.size()];
            for (int i = 0; i < index.length; i++) {
                index[i] = resolver.resolve(layout.get(i));
            }
            String[] values = new String[layout.size()];
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
                for (int i = 0; i < index.length; i++) {
                    values[i] = scanner.text(index[i]);
                }
                builder.addRow(values, scanner.line());
                if (builder.pendingRows() >= chunkRows) {
                    chunks.add(builder.takeChunk());
                }
            }
            if (builder.pendingRows() > 0) {
                chunks.add(builder.takeChunk());
            }
            if (builder.rowsRead() == 0) {
                builder.warn("the file has a header but no data rows");
            }
            return builder.build(fileName, "csv", sha256(file)).source();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSV field: sometimes quoted (always when it needs to be), sometimes padded with spaces. */
    private static String field(SplittableRandom r, String value) {
        boolean needsQuotes = value.contains(",") || value.contains("\"") || value.contains("\n");
        if (needsQuotes || r.nextInt(8) == 0) {
            return (r.nextInt(6) == 0 ? " " : "") + "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return r.nextInt(10) == 0 ? "  " + value + " " : value;
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /**
     * Random rows: mostly good, some with a value that makes the row bad (a decision that is missing or not a
     * number, a score, time, weight or amount that does not parse), some with the wrong number of fields, blank
     * lines, CRLF line ends, a quoted value over two lines, and a feature with {@code distinctFeatures} values.
     */
    private Path randomCsv(long seed, int rows, int distinctFeatures, boolean badRows) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < rows; i++) {
            String end = r.nextInt(5) == 0 ? "\r\n" : "\n";
            if (badRows && r.nextInt(40) == 0) {
                csv.append("too,few,fields").append(end);
                continue;
            }
            if (r.nextInt(60) == 0) {
                csv.append(end);
            }
            String dec = switch (r.nextInt(badRows ? 12 : 10)) {
                case 10 -> "";
                case 11 -> "lots";
                default -> Integer.toString(r.nextInt(10)) + (r.nextBoolean() ? ".5" : "");
            };
            String lab = switch (r.nextInt(4)) {
                case 0 -> "";
                case 1 -> "NA";
                case 2 -> "0";
                default -> r.nextInt(8) == 0 ? "yes" : "1";
            };
            String score = badRows && r.nextInt(50) == 0 ? pick(r, new String[] {"abc", "Infinity", "NaN", "1e999"})
                    : r.nextInt(15) == 0 ? "" : Double.toString(r.nextInt(1000) / 1000.0 - 0.2);
            String ts = badRows && r.nextInt(60) == 0 ? "2025-13-45"
                    : r.nextInt(20) == 0 ? "" : r.nextInt(3) == 0 ? "2025-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10)
                    + "T1" + r.nextInt(10) + ":30:00Z" : "2024-1" + r.nextInt(3) + "-0" + (1 + r.nextInt(9));
            String w = badRows && r.nextInt(70) == 0 ? pick(r, new String[] {"-1", "", "heavy"})
                    : pick(r, new String[] {"1", "0.5", "2", "1.25", "0"});
            String feat = r.nextInt(30) == 0 ? "" : "f" + r.nextInt(distinctFeatures) + (r.nextInt(4) == 0 ? "é" : "");
            String amount = badRows && r.nextInt(80) == 0 ? "12 euro" : r.nextInt(5) == 0 ? "NA"
                    : Integer.toString(r.nextInt(500)) + "." + r.nextInt(100);
            String extra = r.nextInt(50) == 0 ? "two\nlines" : "e" + r.nextInt(5);
            String[] values = {pick(r, GROUPS), pick(r, SEXES), dec, lab, score, pick(r, ROUTES), ts, w, feat, amount,
                extra};
            for (int v = 0; v < values.length; v++) {
                if (v > 0) {
                    csv.append(',');
                }
                csv.append(field(r, values[v]));
            }
            csv.append(end);
        }
        Path p = dir.resolve("random-" + seed + ".csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        return p;
    }

    private static TableSpec spec(boolean skipBadRows, boolean threshold) {
        return TableSpec.builder()
                .protectedAttributes("grp", "sex")
                .decision(threshold ? "dec>=4.5" : "dec=1,2,3,3.5,lots")
                .label("lab=1,yes")
                .score("score")
                .route("route")
                .timestamp("ts")
                .weight("w")
                .features("feat", "sex") // sex twice: a column may have two roles
                .numericOutcome("amount")
                .profileDecision(OutcomeRule.parse("extra=e1")) // raw values of a column read for the random arm
                .missingValues(Set.of("", "NA"))
                .skipBadRows(skipBadRows)
                .build();
    }

    @Test
    void sameChunksAndSourceAsTextPathWhenBadRowsAreSkipped() throws IOException {
        for (long seed = 1; seed <= 12; seed++) {
            Path file = randomCsv(seed, 3000, 1 + (int) seed * 40, true);
            for (int chunkRows : seed <= 2 ? new int[] {1, 97, 1 << 16} : new int[] {97, 1 << 16}) {
                assertSameAsTextPath(file, spec(true, seed % 2 == 0), chunkRows);
            }
        }
    }

    @Test
    void sameErrorAsTextPathWhenBadRowsAreNotSkipped() throws IOException {
        int failed = 0;
        for (long seed = 20; seed <= 40; seed++) {
            Path file = randomCsv(seed, 400, 30, true);
            assertSameAsTextPath(file, spec(false, seed % 2 == 0), 50);
            try {
                TableReader.read(file, spec(false, seed % 2 == 0));
            } catch (InputException e) {
                failed++;
            }
        }
        assertTrue(failed > 15, "most generated files have a bad row, so the failure itself is compared: " + failed);
    }

    @Test
    void sameTablesAsTextPathOnCleanFiles() throws IOException {
        for (long seed = 50; seed <= 55; seed++) {
            Path file = randomCsv(seed, 5000, 2000, false);
            assertSameAsTextPath(file, spec(false, seed % 2 == 0), 1000);
        }
    }

    @Test
    void fullChunksHandedOverWithoutACopyAreTheSameAsTheTextPathsCopies() throws IOException {
        // The reader sizes the builder's row arrays to the chunk (DecisionTable.Builder.chunkRows), so a chunk of
        // 1,500 or 2,048 rows takes them as they are and the builder gets new ones; the text path here copies.
        // Every chunk is compared after the whole file is read, so a builder still writing into an array a chunk
        // took would show as a changed chunk.
        for (long seed = 60; seed <= 63; seed++) {
            Path file = randomCsv(seed, 7000, 300, seed % 2 == 0);
            for (int chunkRows : new int[] {1500, 2048}) {
                assertSameAsTextPath(file, spec(true, seed % 2 == 1), chunkRows);
            }
        }
    }

    /**
     * Decision and label columns with {@code distinct} values each, some missing: 3 (tallied per batch of rows),
     * 70 (more than the batch tally keeps per value, so row by row) and 1,500 (beyond the 1,000 raw values a tally
     * tracks, so later ones are counted as other).
     */
    private Path outcomeCsv(long seed, int rows, int distinct) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("grp,dec,lab\n");
        for (int i = 0; i < rows; i++) {
            String dec = r.nextInt(20) == 0 ? "bad" : "d" + r.nextInt(distinct);
            String lab = r.nextInt(4) == 0 ? "" : Integer.toString(r.nextInt(distinct));
            csv.append(r.nextBoolean() ? "a" : "b").append(',').append(dec).append(',').append(lab).append('\n');
        }
        Path p = dir.resolve("outcomes-" + seed + "-" + distinct + ".csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void outcomeTalliesPerBatchEqualTheTextPathsRowByRowTallies() throws IOException {
        for (int distinct : new int[] {3, 70, 1500}) {
            for (long seed = 70; seed <= 72; seed++) {
                Path file = outcomeCsv(seed, 6000, distinct);
                for (boolean threshold : new boolean[] {false, true}) {
                    TableSpec spec = TableSpec.builder().protectedAttributes("grp")
                            .decision("dec=d0,d2,bad")
                            .label(threshold ? "lab>=1" : "lab=1,2,5")
                            .missingValues(Set.of(""))
                            .build();
                    assertSameAsTextPath(file, spec, 2048);
                    assertSameAsTextPath(file, spec, 1 << 16);
                }
            }
        }
        TableSource source = TableReader.stream(outcomeCsv(73, 6000, 1500), TableSpec.builder()
                .protectedAttributes("grp").decision("dec=d0").label("lab=1").missingValues(Set.of("")).build(),
                2048, chunk -> { });
        assertTrue(source.outcomeCodings().stream().anyMatch(c -> c.otherValues() > 0),
                "the 1,500-value file reaches the tracked-value limit: " + source.outcomeCodings());
    }

    @Test
    void columnsWithMoreDistinctValuesThanRememberedFallBackToTextExactly() throws IOException {
        // More distinct feature values than the byte path remembers per column: later new values take the text
        // path, interleaved with rows that take the byte path, and codes must carry on in order of appearance.
        int distinct = DecisionTable.Builder.BYTE_VALUES_PER_COLUMN + 5000;
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder csv = new StringBuilder("grp,dec,feat,score\n");
        Set<String> committed = new java.util.HashSet<>();
        for (int i = 0; i < distinct + 20000; i++) {
            String feat = i < distinct ? "id-" + i : "id-" + r.nextInt(distinct);
            String score = i % 3 == 0 ? Double.toString(i / 7.0) : "0.5"; // scores overflow too
            if (i % 1000 != 999) {
                committed.add(feat);
            }
            csv.append(r.nextBoolean() ? "a" : "b").append(',').append(r.nextInt(3)).append(',').append(feat)
                    .append(',').append(i % 1000 == 999 ? "bad" : score).append('\n');
        }
        Path file = dir.resolve("many.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        TableSpec spec = TableSpec.builder().protectedAttributes("grp").decision("dec=1").score("score")
                .features("feat").skipBadRows(true).build();
        assertSameAsTextPath(file, spec, 1 << 14);
        DecisionTable whole = TableReader.read(file, spec);
        // Rows with i % 1000 == 999 are skipped (bad score): a value seen only there takes no code.
        assertEquals(committed.size(), whole.features().get(0).cardinality());
        assertTrue(committed.size() > DecisionTable.Builder.BYTE_VALUES_PER_COLUMN);
    }

    @Test
    void valueEqualToMissingGroupFailsAtTheSameRowOnBothPaths() throws IOException {
        Path file = dir.resolve("clash.csv");
        Files.writeString(file, "grp,dec\na,1\nb,0\n,1\n(missing),0\na,1\n", StandardCharsets.UTF_8);
        TableSpec spec = TableSpec.builder().protectedAttributes("grp").decision("dec=1").skipBadRows(true).build();
        assertSameAsTextPath(file, spec, 2);
    }

    @Test
    void byteValueMapNumbersValuesInOrderOfFirstAppearance() {
        SplittableRandom r = new SplittableRandom(3);
        ByteValueMap map = new ByteValueMap(5000);
        java.util.Map<String, Integer> reference = new java.util.HashMap<>();
        byte[] buf = new byte[64];
        for (int i = 0; i < 200_000; i++) {
            // Lengths 0 to 24 around the eight- and sixteen-byte edges, non-ASCII included, at varying offsets
            // and near the end of the buffer.
            int n = r.nextInt(400);
            String value = n % 5 == 0 ? "é" + n : n % 7 == 0 ? "x".repeat(n % 25) : Integer.toString(n * 7919);
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            java.util.Arrays.fill(buf, (byte) r.nextInt(256)); // junk around the value must not matter
            int at = r.nextBoolean() ? buf.length - bytes.length : r.nextInt(buf.length - bytes.length + 1);
            System.arraycopy(bytes, 0, buf, at, bytes.length);
            int id = map.idOf(buf, at, at + bytes.length);
            Integer expected = reference.computeIfAbsent(value, v -> reference.size());
            assertEquals(expected, id, value);
            assertEquals(value, map.text(id));
        }
        assertEquals(reference.size(), map.size());
    }

    @Test
    void byteValueMapIsFullAtCapacityButStillFindsKnownValues() {
        ByteValueMap map = new ByteValueMap(3);
        byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        byte[] longer = "a value longer than eight".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, map.idOf(a, 0, 1));
        assertEquals(1, map.idOf(longer, 0, longer.length));
        assertEquals(2, map.idOf(new byte[0], 0, 0));
        assertEquals(ByteValueMap.FULL, map.idOf("b".getBytes(StandardCharsets.UTF_8), 0, 1));
        assertEquals(1, map.idOf(longer, 0, longer.length));
        assertEquals(0, map.idOf(a, 0, 1));
        assertEquals(2, map.idOf(new byte[5], 2, 2));
        assertEquals(3, map.size());
        assertEquals("", map.text(2));
    }

    @Test
    void keysDifferingOnlyInTrailingZeroBytesOrLengthAreDistinct() {
        ByteValueMap map = new ByteValueMap(100);
        byte[] buf = new byte[20]; // 'a' and zeros: lengths 1 to 17 cross both packed words and the byte-array keys
        buf[0] = 'a';
        int[] ids = new int[18];
        for (int len = 1; len <= 17; len++) {
            ids[len] = map.idOf(buf, 0, len);
        }
        for (int len = 1; len <= 17; len++) {
            assertEquals(len - 1, ids[len]);
            assertEquals(len, map.text(ids[len]).length());
        }
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {map.idOf(buf, 0, 1), map.idOf(buf, 0, 2), map.idOf(buf, 0, 3)});
    }

    @Test
    void firstProbeOfShortKeysAgreesWithIdOfAndAHashMap() {
        // The builder looks short keys up itself (smallKeyOrNone, then the first slot the hash points to) and calls
        // idOf only when that slot does not hold the key. With 30,000 distinct keys of 0 to 9 bytes (any bytes,
        // zeros included) the tables grow past the quarter-full limit and many keys sit behind others (collisions),
        // so both ways are taken; each must give the id of first appearance.
        SplittableRandom r = new SplittableRandom(11);
        byte[][] keys = new byte[30_000][];
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int k = 0; k < keys.length; k++) {
            byte[] key;
            do {
                key = new byte[r.nextInt(10)];
                for (int b = 0; b < key.length; b++) {
                    key[b] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                }
            } while (!distinct.add(java.util.Arrays.toString(key)));
            keys[k] = key;
        }
        ByteValueMap map = new ByteValueMap(DecisionTable.Builder.BYTE_VALUES_PER_COLUMN);
        java.util.Map<String, Integer> reference = new java.util.HashMap<>();
        byte[] buf = new byte[48];
        int firstProbeHits = 0;
        int firstProbeMisses = 0;
        for (int i = 0; i < 300_000; i++) {
            byte[] key = keys[i < keys.length ? i : r.nextInt(keys.length)];
            java.util.Arrays.fill(buf, (byte) r.nextInt(256));
            int at = r.nextInt(4) == 0 ? buf.length - key.length : r.nextInt(buf.length - key.length + 1);
            System.arraycopy(key, 0, buf, at, key.length);
            long small = ByteValueMap.smallKeyOrNone(buf, at, key.length);
            if (key.length > ByteValueMap.SMALL_BYTES || at > buf.length - Long.BYTES) {
                assertEquals(ByteValueMap.NO_SMALL_KEY, small);
            }
            int slot = (int) ((small * ByteValueMap.GOLDEN) >>> map.smallShift) << 1;
            int id;
            if (map.small[slot] == small) {
                id = (int) map.small[slot + 1];
                firstProbeHits++;
            } else {
                id = map.idOf(buf, at, at + key.length);
                if (i >= keys.length && small != ByteValueMap.NO_SMALL_KEY) {
                    firstProbeMisses++; // a known short key behind another one
                }
            }
            Integer expected = reference.computeIfAbsent(java.util.Arrays.toString(key), v -> reference.size());
            assertEquals(expected, id, java.util.Arrays.toString(key));
            assertEquals(id, map.idOf(buf, at, at + key.length));
            assertEquals(new String(key, StandardCharsets.UTF_8), map.text(id));
        }
        assertEquals(keys.length, map.size());
        assertTrue(firstProbeHits > 100_000, "hits " + firstProbeHits);
        assertTrue(firstProbeMisses > 1000, "collisions must be exercised: " + firstProbeMisses);
    }


    @Test
    void firstProbeOfLongerKeysAgreesWithIdOfAndAHashMap() {
        // The builder's own lookup of keys of 9 to 16 bytes (a date has 10): the first slot their hash points to
        // (ByteValueMap.firstProbeLonger), idOf only when the key is not there. 6,000 distinct keys of every length
        // from 0 to 40 bytes (any bytes, zeros included; a quarter of them another key and a zero byte, which packs
        // into the same two words and differs only in its length), placed anywhere in the array and often at its very end: a
        // hit must be the id of first appearance, never a new key's, and keys of other lengths or too near the end
        // must never hit. The table holds enough keys that many sit behind others, so both ways are taken.
        SplittableRandom r = new SplittableRandom(17);
        byte[][] keys = new byte[6_000][];
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int k = 0; k < keys.length; k++) {
            byte[] key;
            do {
                if (k > 0 && keys[k - 1].length < 40 && r.nextInt(4) == 0) {
                    key = java.util.Arrays.copyOf(keys[k - 1], keys[k - 1].length + 1); // the same and a zero byte
                } else {
                    key = new byte[r.nextInt(41)];
                    for (int b = 0; b < key.length; b++) {
                        key[b] = (byte) (r.nextInt(4) == 0 ? 0 : r.nextInt(256));
                    }
                }
            } while (!distinct.add(java.util.Arrays.toString(key)));
            keys[k] = key;
        }
        ByteValueMap map = new ByteValueMap(DecisionTable.Builder.BYTE_VALUES_PER_COLUMN);
        java.util.Map<String, Integer> reference = new java.util.HashMap<>();
        byte[] buf = new byte[64];
        int hits = 0;
        int misses = 0;
        for (int i = 0; i < 200_000; i++) {
            byte[] key = keys[i < keys.length ? i : r.nextInt(keys.length)];
            java.util.Arrays.fill(buf, (byte) r.nextInt(256));
            int at = r.nextInt(4) == 0 ? buf.length - key.length : r.nextInt(buf.length - key.length + 1);
            System.arraycopy(key, 0, buf, at, key.length);
            int probe = map.firstProbeLonger(buf, at, key.length);
            Integer expected = reference.computeIfAbsent(java.util.Arrays.toString(key), v -> reference.size());
            int id = map.idOf(buf, at, at + key.length);
            assertEquals(expected, id, java.util.Arrays.toString(key));
            boolean probed = key.length > Long.BYTES && key.length <= 2 * Long.BYTES && at <= buf.length - 16;
            if (!probed || i < keys.length) {
                assertEquals(ByteValueMap.NOT_IN_FIRST_SLOT, probe, "length " + key.length + " at " + at);
            } else if (probe == ByteValueMap.NOT_IN_FIRST_SLOT) {
                misses++;
            } else {
                assertEquals(id, probe, java.util.Arrays.toString(key));
                hits++;
            }
        }
        assertEquals(keys.length, map.size());
        assertTrue(hits > 10_000, "hits " + hits);
        assertTrue(misses > 500, "keys behind others must be exercised: " + misses);
    }

    /** A random value of {@code length} characters, mostly ASCII, with separators, quotes, line breaks, non-ASCII. */
    private static String randomValue(SplittableRandom r, int length) {
        String[] alphabet = {"a", "b", "z", "0", "1", "9", "-", ":", ",", "\"", "\r", "\n", " ", "\t", "é", "漢", "😀",
            "NA", "x"};
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < length; i++) {
            v.append(r.nextInt(3) == 0 ? alphabet[r.nextInt(alphabet.length)] : alphabet[r.nextInt(6)]);
        }
        return v.toString();
    }

    @Test
    void valuesOfEveryLengthWithQuotesLineBreaksAndNonAsciiMatchTextPath() {
        // Property: whatever the values (0 to 40 characters, so keys of every length around the lookups' seven- and
        // sixteen-byte limits, with separators, quotes, CR and LF inside quoted values, padding, non-ASCII, dates of
        // ten bytes and bad ones), the byte path reads the same chunks, dictionaries and source as the text path.
        // Files of 150 to 200 kB, so records also straddle the reader's 64 kB buffer.
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            String[][] pools = new String[4][];
            for (int c = 0; c < pools.length; c++) {
                pools[c] = new String[5 + r.nextInt(60)];
                for (int v = 0; v < pools[c].length; v++) {
                    pools[c][v] = c == 3 && r.nextInt(4) != 0
                            ? "2025-" + (10 + r.nextInt(3)) + "-" + (10 + r.nextInt(19))
                            : randomValue(r, r.nextInt(41));
                }
            }
            StringBuilder csv = new StringBuilder("grp,dec,feat,ts,f2\n");
            while (csv.length() < 150_000) {
                String dec = r.nextInt(3) == 0 ? "1" : "0";
                String[] values = {pick(r, pools[0]), dec, pick(r, pools[1]), pick(r, pools[3]), pick(r, pools[2])};
                for (int v = 0; v < values.length; v++) {
                    if (v > 0) {
                        csv.append(',');
                    }
                    String value = values[v];
                    boolean quote = value.contains(",") || value.contains("\"") || value.contains("\r")
                            || value.contains("\n") || r.nextInt(10) == 0;
                    csv.append(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
                }
                csv.append(r.nextInt(6) == 0 ? "\r\n" : "\n");
            }
            try {
                Path file = dir.resolve("every-length-" + seed + ".csv");
                Files.writeString(file, csv, StandardCharsets.UTF_8);
                TableSpec spec = TableSpec.builder().protectedAttributes("grp").decision("dec=1").timestamp("ts")
                        .features("feat", "f2").skipBadRows(true).build();
                assertSameAsTextPath(file, spec, 1 + r.nextInt(3000));
                Files.delete(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void shortValuesWithManyDistinctQuotedAndPaddedMatchTextPath() throws IOException {
        // Values of 1 to 9 bytes (around the seven-byte limit of the builder's own lookup), 20,000 of them in one
        // column, quoted (with separators and doubled quotes inside) or padded now and then, bad rows skipped,
        // read in chunks of 700 rows: the same as the text path.
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder csv = new StringBuilder("grp,dec,feat,score\n");
        for (int i = 0; i < 60_000; i++) {
            int n = r.nextInt(20_000);
            String feat = switch (n % 9) {
                case 0 -> Integer.toString(n);                      // up to 5 bytes
                case 1 -> "abcdef" + (n % 10);                      // exactly 7
                case 2 -> "abcdefg" + (n % 10);                     // exactly 8
                case 3 -> "abcdefgh" + (n % 10);                    // exactly 9
                case 4 -> "a,b" + n % 100;                          // needs quotes
                case 5 -> "q\"" + n % 1000;                         // a doubled quote
                case 6 -> "é" + n % 1000;                           // non-ASCII
                default -> Integer.toHexString(n);
            };
            String score = i % 997 == 0 ? "bad" : Integer.toString(r.nextInt(100)) + "." + r.nextInt(10);
            csv.append(field(r, pick(r, SEXES))).append(',').append(r.nextInt(3)).append(',')
                    .append(field(r, feat)).append(',').append(score).append('\n');
        }
        Path file = dir.resolve("short.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        TableSpec spec = TableSpec.builder().protectedAttributes("grp").decision("dec=1").score("score")
                .features("feat").skipBadRows(true).build();
        assertSameAsTextPath(file, spec, 700);
    }
}
