package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderCsvTest {

    @TempDir
    Path dir;

    private static final TableSpec SPEC = TableSpec.builder()
            .protectedAttributes("race", "sex")
            .decision("score_text=Medium,High")
            .label("recid=1")
            .build();

    private static final String SMALL = """
            id,race,sex,score_text,recid
            1,B,F,High,1
            2,A,M,Low,0
            3,B,M,Medium,
            4,C,F,Low,1
            """;

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> values(CategoricalColumn c) {
        return java.util.Arrays.stream(c.codes()).mapToObj(c::value).toList();
    }

    @Test
    void readsSmallCsv() throws IOException {
        DecisionTable t = TableReader.read(write("small.csv", SMALL), SPEC);
        assertEquals(4, t.rowCount());
        assertEquals(List.of("B", "A", "B", "C"), values(t.protectedColumn("race")));
        assertEquals(List.of("B", "A", "C"), t.protectedColumn("race").dictionary());
        assertEquals(List.of("F", "M", "M", "F"), values(t.protectedColumn("sex")));
        assertTrue(t.selected(0));
        assertFalse(t.selected(1));
        assertTrue(t.selected(2));
        assertFalse(t.selected(3));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(0));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(1));
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(2));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(3));

        TableSource s = t.source();
        assertEquals("small.csv", s.fileName());
        assertEquals("csv", s.format());
        assertEquals(4, s.rowsRead());
        assertEquals(0, s.rowsSkipped());
        assertTrue(s.badRowExamples().isEmpty());
        assertTrue(s.warnings().isEmpty(), s.warnings()::toString);
        assertEquals(2, s.outcomeCodings().size());
        assertEquals(Map.of("High", 1L, "Medium", 1L), s.outcomeCodings().get(0).positiveCounts());
        assertEquals(Map.of("Low", 2L), s.outcomeCodings().get(0).negativeCounts());
        assertEquals(1, s.outcomeCodings().get(1).missing());
    }

    @Test
    void readCsvDirectlyIgnoresTheExtension() throws IOException {
        DecisionTable t = TableReader.readCsv(write("small.txt", SMALL), SPEC);
        assertEquals(4, t.rowCount());
    }

    @Test
    void sha256IsOfTheFileBytes() throws Exception {
        byte[] bytes = SMALL.getBytes(StandardCharsets.UTF_8);
        DecisionTable t = TableReader.read(write("small.csv", bytes), SPEC);
        assertEquals(sha256(bytes), t.source().sha256());
        assertEquals(sha256(bytes), t.source().sha256Hex().orElseThrow());
        assertEquals(64, t.source().sha256().length());
    }

    @Test
    void sha256CoversFilesLargerThanTheReadBuffers() throws Exception {
        StringBuilder sb = new StringBuilder("race,sex,score_text,recid\n");
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            sb.append(i % 3 == 0 ? "A" : "B").append(",F,Low,").append(i % 2).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 4 * (1 << 16));
        DecisionTable t = TableReader.read(write("big.csv", bytes), SPEC);
        assertEquals(n, t.rowCount());
        assertEquals(sha256(bytes), t.source().sha256());
    }

    @Test
    void valuesAreTrimmed() throws IOException {
        DecisionTable t = TableReader.read(write("s.csv", "race , sex,score_text,recid\n B , F ,  High ,1\n"),
                SPEC);
        assertEquals(List.of("B"), t.protectedColumn("race").dictionary());
        assertEquals(List.of("F"), t.protectedColumn("sex").dictionary());
        assertTrue(t.selected(0));
    }

    @Test
    void headerOnlyFileGivesZeroRowsAndAWarning() throws IOException {
        DecisionTable t = TableReader.read(write("h.csv", "race,sex,score_text,recid\n"), SPEC);
        assertEquals(0, t.rowCount());
        assertEquals(0, t.source().rowsRead());
        assertEquals(1, t.source().warnings().size());
        assertTrue(t.source().warnings().get(0).contains("no data rows"), t.source().warnings()::toString);
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("e.csv", ""), SPEC));
        assertEquals("e.csv", e.file());
        assertEquals(0, e.line());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void missingFileIsAnErrorNamingTheFile() {
        InputException e = assertThrows(InputException.class,
                () -> TableReader.read(dir.resolve("absent.csv"), SPEC));
        assertEquals("absent.csv", e.file());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void wrongFieldCountIsAnErrorNamingTheLine() throws IOException {
        String text = "race,sex,score_text,recid\nA,F,Low,0\nB,M,High,1\nC,F,Low\nD,M,Low,0\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("w.csv", text), SPEC));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("w.csv, line 4: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("expected 4 fields as in the header, found 3"), e.getMessage());
    }

    @Test
    void tooManyFieldsIsAnErrorNamingTheLine() throws IOException {
        String text = "race,sex,score_text,recid\nA,F,Low,0\nB,M,High,1,extra\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("w.csv", text), SPEC));
        assertEquals(3, e.line());
    }

    @Test
    void wrongFieldCountIsSkippedWithSkipBadRows() throws IOException {
        String text = "race,sex,score_text,recid\nA,F,Low,0\nB,M,High,1,extra\nC,F,Low\nD,M,Low,0\n";
        TableSpec spec = TableSpec.builder().protectedAttributes("race", "sex").decision("score_text=Medium,High")
                .label("recid=1").skipBadRows(true).build();
        DecisionTable t = TableReader.read(write("w.csv", text), spec);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("A", "D"), values(t.protectedColumn("race")));
        assertEquals(4, t.source().rowsRead());
        assertEquals(2, t.source().rowsSkipped());
        assertEquals(List.of(3L, 4L), t.source().badRowExamples().stream().map(TableSource.BadRow::line).toList());
        assertEquals(null, t.source().badRowExamples().get(0).column());
    }

    @Test
    void badValueInCsvNamesLineAndColumn() throws IOException {
        String text = "race,sex,score_text,recid\nA,F,Low,0\nB,M,,1\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("m.csv", text), SPEC));
        assertEquals(3, e.line());
        assertEquals("score_text", e.column().orElseThrow());
    }

    @Test
    void blankLinesAreSkippedButCountedInLineNumbers() throws IOException {
        String text = "race,sex,score_text,recid\nA,F,Low,0\n\nB,M,,1\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("b.csv", text), SPEC));
        assertEquals(4, e.line());
        DecisionTable t = TableReader.read(write("b2.csv", "race,sex,score_text,recid\n\nA,F,Low,0\n\n"), SPEC);
        assertEquals(1, t.rowCount());
    }

    @Test
    void unknownColumnSuggestsTheNearestName() throws IOException {
        TableSpec spec = TableSpec.builder().protectedAttributes("rase", "sex").decision("score_text=High").build();
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("u.csv", SMALL), spec));
        assertEquals("rase", e.column().orElseThrow());
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("did you mean 'race'?"), e.getMessage());
    }

    @Test
    void unknownColumnWithNoCloseNameListsTheColumns() throws IOException {
        TableSpec spec = TableSpec.builder().protectedAttributes("nationality").decision("score_text=High").build();
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("u.csv", SMALL), spec));
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
        assertTrue(e.getMessage().contains("[id, race, sex, score_text, recid]"), e.getMessage());
    }

    @Test
    void duplicateHeaderNamesGiveAWarning() throws IOException {
        String text = "race,score,sex,score,score_text,recid\nA,1,F,2,Low,0\n";
        DecisionTable t = TableReader.read(write("d.csv", text), SPEC);
        assertEquals(1, t.rowCount());
        // One row, so race and sex also have one value each (each its own warning).
        List<String> duplicates = t.source().warnings().stream().filter(x -> !x.contains("has one value")).toList();
        assertEquals(1, duplicates.size(), t.source().warnings().toString());
        assertEquals(3, t.source().warnings().size(), t.source().warnings().toString());
        String w = duplicates.get(0);
        assertTrue(w.contains("'score'") && w.contains("[2, 4]"), w);
        assertTrue(w.contains("'score#1'") && w.contains("'score#2'"), w);
    }

    @Test
    void usingADuplicateNameIsAnAmbiguityError() throws IOException {
        String text = "race,score,sex,score,score_text,recid\nA,1,F,7,Low,0\n";
        TableSpec spec = TableSpec.builder().protectedAttributes("race").decision("score>=5").build();
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("d.csv", text), spec));
        assertEquals("score", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 4]"), e.getMessage());
    }

    @Test
    void hashSuffixPicksTheCopyOfADuplicateName() throws IOException {
        String text = "race,score,sex,score,score_text,recid\nA,1,F,7,Low,0\nB,6,M,2,Low,0\n";
        TableSpec second = TableSpec.builder().protectedAttributes("race").decision("score#2>=5").build();
        DecisionTable t2 = TableReader.read(write("d.csv", text), second);
        assertTrue(t2.selected(0));
        assertFalse(t2.selected(1));
        TableSpec first = TableSpec.builder().protectedAttributes("race").decision("score#1>=5").build();
        DecisionTable t1 = TableReader.read(write("d.csv", text), first);
        assertFalse(t1.selected(0));
        assertTrue(t1.selected(1));
    }

    @Test
    void hashSuffixOutOfRangeIsAnError() throws IOException {
        String text = "race,score,sex,score,score_text,recid\nA,1,F,7,Low,0\n";
        for (String bad : new String[] {"score#3", "score#0", "score#x"}) {
            TableSpec spec = TableSpec.builder().protectedAttributes("race").decision(bad + ">=5").build();
            InputException e = assertThrows(InputException.class,
                    () -> TableReader.read(write("d.csv", text), spec), bad);
            assertTrue(e.getMessage().contains("#1 .. #2"), e.getMessage());
        }
    }

    @Test
    void semicolonSeparatorIsDetected() throws IOException {
        String text = "race;sex;score_text;recid\nA;F;High;1\nB;M;Low;0\n";
        DecisionTable t = TableReader.read(write("semi.csv", text), SPEC);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("A", "B"), values(t.protectedColumn("race")));
        assertTrue(t.selected(0));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(1));
    }

    @Test
    void semicolonSeparatedValuesMayContainCommas() throws IOException {
        String text = "race;sex;score_text;recid\nA,B;F;High;1\n";
        DecisionTable t = TableReader.read(write("semi.csv", text), SPEC);
        assertEquals(List.of("A,B"), t.protectedColumn("race").dictionary());
    }

    @Test
    void tabSeparatorIsDetected() throws IOException {
        String text = "race\tsex\tscore_text\trecid\nA\tF\tHigh\t1\nB\tM\tLow\t0\n";
        DecisionTable t = TableReader.read(write("tab.tsv", text), SPEC);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("A", "B"), values(t.protectedColumn("race")));
        assertEquals(List.of("F", "M"), values(t.protectedColumn("sex")));
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.write("race,sex,score_text,recid\nZoë,F,High,1\n".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = out.toByteArray();
        DecisionTable t = TableReader.read(write("bom.csv", bytes), SPEC);
        assertEquals(List.of("Zoë"), t.protectedColumn("race").dictionary());
        assertEquals(sha256(bytes), t.source().sha256());
    }

    @Test
    void invalidUtf8IsAnErrorNotAGarbledValue() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("race,sex,score_text,recid\nA,F,High,1\n".getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {'B', (byte) 0xE9, ',', 'M', ',', 'L', 'o', 'w', ',', '0', '\n'}); // Latin-1 é
        InputException e = assertThrows(InputException.class,
                () -> TableReader.read(write("latin1.csv", out.toByteArray()), SPEC));
        assertEquals("latin1.csv", e.file());
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void invalidUtf8FarIntoTheFileNamesItsLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("race,sex,score_text,recid\n".getBytes(StandardCharsets.UTF_8));
        int good = 30_000;
        for (int i = 0; i < good; i++) {
            out.write("A,F,High,1\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(new byte[] {'A', ',', (byte) 0xC3, ',', 'L', 'o', 'w', ',', '0', '\n'}); // truncated sequence
        out.write("B,M,Low,0\n".getBytes(StandardCharsets.UTF_8));
        InputException e = assertThrows(InputException.class,
                () -> TableReader.read(write("late.csv", out.toByteArray()), SPEC));
        assertEquals(good + 2, e.line());
    }

    @Test
    void multiByteCharactersAcrossReadBuffersDecodeIntact() throws Exception {
        String[] groups = {"Zoë", "€uro", "日本", "😀"};
        StringBuilder sb = new StringBuilder("race,sex,score_text,recid\n");
        int n = 30_000;
        for (int i = 0; i < n; i++) {
            sb.append(groups[i % groups.length]).append(",F,Low,0\n");
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(bytes.length > 4 * (1 << 16));
        DecisionTable t = TableReader.read(write("mb.csv", bytes), SPEC);
        assertEquals(n, t.rowCount());
        assertEquals(List.of(groups), t.protectedColumn("race").dictionary());
        assertEquals(sha256(bytes), t.source().sha256());
    }

    @Test
    void quotedFieldMayHoldCommaAndNewline() throws IOException {
        String text = "race,sex,note,score_text,recid\n\"A, B\",F,\"two\nlines\",High,1\nC,M,x,Low,0\n\"D\",F,y,,1\n";
        TableSpec spec = TableSpec.builder().protectedAttributes("race", "note").decision("score_text=High")
                .build();
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("q.csv", text), spec));
        assertEquals(5, e.line(), "the third record starts on line 5 because the first spans two lines");

        String good = "race,sex,note,score_text,recid\n\"A, B\",F,\"two\nlines\",High,1\n"
                + "C,M,\"say \"\"hi\"\"\",Low,0\n";
        DecisionTable t = TableReader.read(write("q2.csv", good), spec);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("A, B", "C"), t.protectedColumn("race").dictionary());
        assertEquals(List.of("two\nlines", "say \"hi\""), t.protectedColumn("note").dictionary());
    }

    @Test
    void crlfLineEndings() throws IOException {
        String text = "race,sex,score_text,recid\r\nA,F,High,1\r\nB,M,Low,0\r\n";
        DecisionTable t = TableReader.read(write("crlf.csv", text), SPEC);
        assertEquals(List.of("A", "B"), values(t.protectedColumn("race")));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(1));
    }

    @Test
    void gzippedCsvIsReadAndHashedAsStored() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buf)) {
            gz.write(SMALL.getBytes(StandardCharsets.UTF_8));
        }
        byte[] stored = buf.toByteArray();
        DecisionTable t = TableReader.read(write("small.csv.gz", stored), SPEC);
        assertEquals(4, t.rowCount());
        assertEquals(List.of("B", "A", "B", "C"), values(t.protectedColumn("race")));
        assertEquals("csv", t.source().format());
        assertEquals(sha256(stored), t.source().sha256());
        assertNotEquals(sha256(SMALL.getBytes(StandardCharsets.UTF_8)), t.source().sha256());
    }

    @Test
    void missingGroupFromCsv() throws IOException {
        String text = "race,sex,score_text,recid\n,F,High,1\nA,,Low,0\n";
        TableSpec spec = TableSpec.builder().protectedAttributes("race", "sex").decision("score_text=High")
                .missingGroup("unknown").build();
        DecisionTable t = TableReader.read(write("m.csv", text), spec);
        assertEquals(List.of("unknown", "A"), t.protectedColumn("race").dictionary());
        assertArrayEquals(new int[] {0, 1}, t.protectedColumn("race").codes());
        assertEquals(List.of("F", "unknown"), t.protectedColumn("sex").dictionary());
    }

    @Test
    void columnWithTwoRolesIsReadForBoth() throws IOException {
        String text = "race,decile\nA,7\nB,3\n";
        TableSpec spec = TableSpec.builder().protectedAttributes("race").decision("decile>=5").score("decile")
                .build();
        DecisionTable t = TableReader.read(write("two.csv", text), spec);
        assertTrue(t.selected(0));
        assertFalse(t.selected(1));
        assertEquals(7.0, t.score(0));
        assertEquals(3.0, t.score(1));
    }
}
