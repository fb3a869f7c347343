package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableReaderJsonLinesTest {

    @TempDir
    Path dir;

    private static final TableSpec SPEC = TableSpec.builder()
            .protectedAttributes("race", "sex")
            .decision("score_text=Medium,High")
            .label("recid=1")
            .build();

    private static final TableSpec SKIPPING = TableSpec.builder()
            .protectedAttributes("race", "sex")
            .decision("score_text=Medium,High")
            .label("recid=1")
            .skipBadRows(true)
            .build();

    private Path write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static List<String> values(CategoricalColumn c) {
        return Arrays.stream(c.codes()).mapToObj(c::value).toList();
    }

    @Test
    void readsJsonLines() throws Exception {
        String text = """
                {"id": 1, "race": "B", "sex": "F", "score_text": "High", "recid": 1}
                {"id": 2, "race": "A", "sex": "M", "score_text": "Low", "recid": 0}
                {"race": "B", "sex": "M", "score_text": "Medium", "recid": "1", "extra": [1, 2]}
                """;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        DecisionTable t = TableReader.read(write("d.jsonl", bytes), SPEC);
        assertEquals(3, t.rowCount());
        assertEquals(List.of("B", "A", "B"), values(t.protectedColumn("race")));
        assertEquals(List.of("F", "M", "M"), values(t.protectedColumn("sex")));
        assertTrue(t.selected(0));
        assertFalse(t.selected(1));
        assertTrue(t.selected(2));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(0));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(1));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(2), "numbers and strings are both read as text");
        TableSource s = t.source();
        assertEquals("d.jsonl", s.fileName());
        assertEquals("jsonl", s.format());
        assertEquals(3, s.rowsRead());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), s.sha256());
        assertEquals(Map.of("1", 2L), s.outcomeCodings().get(1).positiveCounts());
    }

    @Test
    void ndjsonAndJsonExtensionsAreJsonLines() throws IOException {
        String text = "{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\",\"recid\":1}\n";
        assertEquals("jsonl", TableReader.read(write("d.ndjson", text), SPEC).source().format());
        assertEquals("jsonl", TableReader.read(write("d.json", text), SPEC).source().format());
        assertEquals("jsonl", TableReader.readJsonLines(write("d.txt", text), SPEC).source().format());
    }

    @Test
    void scalarValuesAreReadAsTrimmedText() throws IOException {
        TableSpec spec = TableSpec.builder().protectedAttributes("flag", "n").decision("d=true").build();
        String text = "{\"flag\": false, \"n\": 3, \"d\": true}\n{\"flag\": \" x \", \"n\": 2.5, \"d\": \"no\"}\n";
        DecisionTable t = TableReader.read(write("s.jsonl", text), spec);
        assertEquals(List.of("false", "x"), t.protectedColumn("flag").dictionary());
        assertEquals(List.of("3", "2.5"), t.protectedColumn("n").dictionary());
        assertTrue(t.selected(0));
        assertFalse(t.selected(1));
    }

    @Test
    void nullAndAbsentKeysAreMissing() throws IOException {
        String text = """
                {"race": null, "sex": "F", "score_text": "High", "recid": null}
                {"sex": "M", "score_text": "Low"}
                {"race": "A", "sex": "", "score_text": "Low", "recid": 0}
                """;
        DecisionTable t = TableReader.read(write("n.jsonl", text), SPEC);
        assertEquals(3, t.rowCount());
        assertEquals(List.of("(missing)", "(missing)", "A"), values(t.protectedColumn("race")));
        assertEquals(List.of("F", "M", "(missing)"), values(t.protectedColumn("sex")));
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(0));
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(1));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(2));
        assertEquals(2, t.source().outcomeCodings().get(1).missing());
    }

    @Test
    void nullDecisionIsAnErrorNamingLineAndColumn() throws IOException {
        String text = "{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\"}\n"
                + "{\"race\":\"A\",\"sex\":\"F\",\"score_text\":null}\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("n.jsonl", text), SPEC));
        assertEquals(2, e.line());
        assertEquals("score_text", e.column().orElseThrow());
    }

    @Test
    void nestedValueIsAnErrorNamingLineAndColumn() throws IOException {
        String text = """
                {"race": "A", "sex": "F", "score_text": "High", "recid": 1}
                {"race": "A", "sex": {"code": "F"}, "score_text": "High", "recid": 1}
                """;
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("x.jsonl", text), SPEC));
        assertEquals("x.jsonl", e.file());
        assertEquals(2, e.line());
        assertEquals("sex", e.column().orElseThrow());
        assertTrue(e.getMessage().startsWith("x.jsonl, line 2, column 'sex': "), e.getMessage());
    }

    @Test
    void arrayValueIsAnError() throws IOException {
        String text = "{\"race\": [\"A\", \"B\"], \"sex\": \"F\", \"score_text\": \"High\"}\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("x.jsonl", text), SPEC));
        assertEquals(1, e.line());
        assertEquals("race", e.column().orElseThrow());
    }

    @Test
    void malformedLineIsAnErrorNamingTheLine() throws IOException {
        String text = """
                {"race": "A", "sex": "F", "score_text": "High", "recid": 1}

                {"race": "B", "sex": "M", "score_text": "Low", "recid": 0}
                {"race": "B", "sex": "M", "score_text": "Low",
                """;
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("m.jsonl", text), SPEC));
        assertEquals(4, e.line(), "blank line 2 is skipped but counted");
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void secondRecordOnALineIsAnErrorNotDropped() throws IOException {
        String text = "{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\"}\n"
                + "{\"race\":\"B\",\"sex\":\"F\",\"score_text\":\"High\"}"
                + "{\"race\":\"C\",\"sex\":\"M\",\"score_text\":\"Low\"}\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("two.jsonl", text), SPEC));
        assertEquals(2, e.line());
    }

    @Test
    void trailingTextAfterTheRecordIsAnError() throws IOException {
        String text = "{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\"} oops\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("t.jsonl", text), SPEC));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void nonObjectLineIsAnError() throws IOException {
        String text = "{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\"}\n[1, 2]\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("a.jsonl", text), SPEC));
        assertEquals(2, e.line());
    }

    @Test
    void skipBadRowsSkipsMalformedNestedAndInvalidRecords() throws IOException {
        String text = """
                {"race": "A", "sex": "F", "score_text": "High", "recid": 1}
                not json
                {"race": "B", "sex": ["M"], "score_text": "Low", "recid": 0}
                42
                {"race": "C", "sex": "M", "recid": 0}
                {"race": "D", "sex": "M", "score_text": "Low", "recid": 0}
                """;
        DecisionTable t = TableReader.read(write("s.jsonl", text), SKIPPING);
        assertEquals(2, t.rowCount());
        assertEquals(List.of("A", "D"), values(t.protectedColumn("race")));
        TableSource s = t.source();
        assertEquals(6, s.rowsRead());
        assertEquals(4, s.rowsSkipped());
        assertEquals(List.of(2L, 3L, 4L, 5L), s.badRowExamples().stream().map(TableSource.BadRow::line).toList());
        assertEquals("sex", s.badRowExamples().get(1).column());
        assertEquals("score_text", s.badRowExamples().get(3).column());
    }

    @Test
    void declaredColumnThatNoRecordHasIsAnError() throws IOException {
        String text = """
                {"race": "A", "gender": "F", "score_text": "High", "recid": 1}
                {"race": "B", "gender": "M", "score_text": "Low", "recid": 0}
                """;
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("g.jsonl", text), SPEC));
        assertEquals("sex", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("no record has a value for 'sex'"), e.getMessage());
    }

    @Test
    void declaredColumnThatIsAlwaysNullIsAnError() throws IOException {
        String text = "{\"race\":\"A\",\"sex\":null,\"score_text\":\"High\"}\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("g.jsonl", text), SPEC));
        assertEquals("sex", e.column().orElseThrow());
    }

    @Test
    void misspelledKeySuggestsTheNearestName() throws IOException {
        TableSpec spec = TableSpec.builder().protectedAttributes("etnicity").decision("score_text=High").build();
        String text = "{\"ethnicity\":\"A\",\"score_text\":\"High\"}\n";
        InputException e = assertThrows(InputException.class, () -> TableReader.read(write("g.jsonl", text), spec));
        assertEquals("etnicity", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("did you mean 'ethnicity'?"), e.getMessage());
    }

    @Test
    void fileWithoutRecordsIsAnError() throws IOException {
        InputException e = assertThrows(InputException.class,
                () -> TableReader.read(write("empty.jsonl", "\n\n"), SPEC));
        assertTrue(e.getMessage().contains("no records"), e.getMessage());
    }

    @Test
    void invalidUtf8IsAnError() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            out.write("{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(new byte[] {'{', '"', 'r', 'a', 'c', 'e', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'});
        InputException e = assertThrows(InputException.class,
                () -> TableReader.read(write("bad.jsonl", out.toByteArray()), SPEC));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void byteOrderMarkIsSkipped() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.write("{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\",\"recid\":1}\n"
                .getBytes(StandardCharsets.UTF_8));
        DecisionTable t = TableReader.read(write("bom.jsonl", out.toByteArray()), SPEC);
        assertEquals(1, t.rowCount());
    }

    @Test
    void gzippedJsonLinesIsReadAndHashedAsStored() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(buf)) {
            gz.write("{\"race\":\"A\",\"sex\":\"F\",\"score_text\":\"High\",\"recid\":0}\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] stored = buf.toByteArray();
        DecisionTable t = TableReader.read(write("d.jsonl.gz", stored), SPEC);
        assertEquals("jsonl", t.source().format());
        assertEquals(1, t.rowCount());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)),
                t.source().sha256());
    }
}
