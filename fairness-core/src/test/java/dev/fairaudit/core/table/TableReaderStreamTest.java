package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streaming a file in chunks gives the same rows, in order, and the same source as reading it whole. */
class TableReaderStreamTest {

    @TempDir
    Path dir;

    private static final TableSpec SPEC = TableSpec.builder()
            .protectedAttributes("group", "sex")
            .decision("selected=yes")
            .label("found=1")
            .score("score")
            .features("postcode")
            .skipBadRows(true)
            .build();

    /** Each row as its decoded values, so tables built with different dictionaries compare by meaning. */
    private static List<String> rows(DecisionTable t) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            StringBuilder b = new StringBuilder();
            for (CategoricalColumn c : t.protectedColumns()) {
                b.append(c.value(c.code(i))).append('|');
            }
            for (CategoricalColumn c : t.features()) {
                b.append(c.value(c.code(i))).append('|');
            }
            b.append(t.selected(i)).append('|').append(t.label(i)).append('|').append(t.score(i));
            rows.add(b.toString());
        }
        return rows;
    }

    private Path randomCsv(long seed, int n) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("group,sex,selected,found,score,postcode\n");
        for (int i = 0; i < n; i++) {
            if (r.nextInt(50) == 0) {
                csv.append("broken,row\n"); // wrong field count: skipped and counted
                continue;
            }
            csv.append("g").append(r.nextInt(7)).append(',')
                    .append(r.nextInt(10) == 0 ? "" : r.nextBoolean() ? "f" : "m").append(',')
                    .append(r.nextBoolean() ? "yes" : "no").append(',')
                    .append(r.nextInt(3) == 0 ? "" : Integer.toString(r.nextInt(2))).append(',')
                    .append(r.nextInt(1000) / 1000.0).append(',')
                    .append(1000 + r.nextInt(300)).append('\n');
        }
        Path p = dir.resolve("d" + seed + ".csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        return p;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 100, 5000})
    void chunksConcatenateToTheWholeTable(int chunkRows) throws IOException {
        for (long seed = 1; seed <= 5; seed++) {
            Path file = randomCsv(seed, 2000);
            DecisionTable whole = TableReader.read(file, SPEC);
            List<String> streamed = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            TableSource source = TableReader.stream(file, SPEC, chunkRows, chunk -> {
                sizes.add(chunk.rowCount());
                streamed.addAll(rows(chunk));
            });
            assertEquals(rows(whole), streamed);
            assertEquals(whole.source(), source);
            for (int i = 0; i < sizes.size() - 1; i++) {
                assertEquals(chunkRows, sizes.get(i), "every chunk but the last is full");
            }
            assertTrue(sizes.get(sizes.size() - 1) >= 1 && sizes.get(sizes.size() - 1) <= chunkRows);
        }
    }

    @Test
    void jsonLinesStreamsToo() throws IOException {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, """
                {"group":"a","sex":"f","selected":"yes","found":1,"score":0.5,"postcode":"1011"}
                {"group":"b","sex":"m","selected":"no","found":null,"score":0.25,"postcode":"1012"}
                {"group":"a","sex":"m","selected":"yes","found":0,"score":0.75,"postcode":"1011"}
                """, StandardCharsets.UTF_8);
        List<String> streamed = new ArrayList<>();
        TableSource source = TableReader.stream(file, SPEC, 2, chunk -> streamed.addAll(rows(chunk)));
        DecisionTable whole = TableReader.read(file, SPEC);
        assertEquals(rows(whole), streamed);
        assertEquals(whole.source(), source);
    }

    @Test
    void aBadRowAfterSomeChunksStillStopsTheRead() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "group,sex,selected,found,score,postcode\n" + "a,f,yes,1,0.5,1011\n".repeat(10)
                + "a,f,yes,1,high,1011\n", StandardCharsets.UTF_8);
        TableSpec strict = TableSpec.builder().protectedAttributes("group", "sex").decision("selected=yes")
                .score("score").build();
        List<Integer> sizes = new ArrayList<>();
        InputException e = assertThrows(InputException.class,
                () -> TableReader.stream(file, strict, 4, chunk -> sizes.add(chunk.rowCount())));
        assertEquals(12, e.line());
        assertEquals(List.of(4, 4), sizes);
    }
}
