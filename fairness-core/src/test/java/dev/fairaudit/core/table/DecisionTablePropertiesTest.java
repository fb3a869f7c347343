package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/** Properties of building a table from generated rows. */
class DecisionTablePropertiesTest {

    private static final List<String> RACES = List.of("A", "B", "C", ""); // "" is missing
    private static final List<String> SEXES = List.of("F", "M", "");
    /** Decision raw values; "" is missing, which makes the row bad. */
    private static final List<String> DECISIONS = List.of("Low", "High", "");

    private static final TableSpec SPEC = TableSpec.builder()
            .protectedAttributes("race", "sex")
            .decision("score_text=High")
            .build();

    private static final TableSpec SKIPPING = TableSpec.builder()
            .protectedAttributes("race", "sex")
            .decision("score_text=High")
            .weight("w")
            .skipBadRows(true)
            .build();

    /** A row as indexes: race, sex, decision, and a weight code (0: "1", 1: "0.5", 2: "-1" which is bad). */
    private static Gen<int[]> rowIndexes(int decisionKinds) {
        return integers().between(0, RACES.size() - 1).zip(integers().between(0, SEXES.size() - 1),
                integers().between(0, decisionKinds - 1), integers().between(0, 2),
                (r, s, d, w) -> new int[] {r, s, d, w});
    }

    private static final String[] WEIGHTS = {"1", "0.5", "-1"};

    private static Map<String, Integer> counts(CategoricalColumn c) {
        Map<String, Integer> counts = new HashMap<>();
        for (int code : c.codes()) {
            counts.merge(c.value(code), 1, Integer::sum);
        }
        return counts;
    }

    private static Map<String, Integer> expectedCounts(List<int[]> rows, List<String> values, int at) {
        Map<String, Integer> counts = new HashMap<>();
        for (int[] r : rows) {
            String v = values.get(r[at]);
            counts.merge(v.isEmpty() ? TableSpec.DEFAULT_MISSING_GROUP : v, 1, Integer::sum);
        }
        return counts;
    }

    private static DecisionTable build(List<int[]> rows) {
        DecisionTable.Builder b = DecisionTable.builder(SPEC);
        long line = 2;
        for (int[] r : rows) {
            b.addRow(new String[] {RACES.get(r[0]), SEXES.get(r[1]), DECISIONS.get(r[2])}, line++);
        }
        return b.build();
    }

    @Test
    void permutingRowsLeavesPerValueCountsOfEachProtectedColumnUnchanged() {
        qt().withExamples(300)
                .forAll(lists().of(rowIndexes(2)).ofSizeBetween(0, 80), longs().all())
                .checkAssert((rows, seed) -> {
                    List<int[]> shuffled = new ArrayList<>(rows);
                    Collections.shuffle(shuffled, new Random(seed));
                    DecisionTable original = build(rows);
                    DecisionTable permuted = build(shuffled);
                    assertEquals(rows.size(), original.rowCount());
                    assertEquals(rows.size(), permuted.rowCount());
                    for (String column : List.of("race", "sex")) {
                        assertEquals(counts(original.protectedColumn(column)),
                                counts(permuted.protectedColumn(column)), column);
                    }
                    // ... and the counts are the ones the rows were generated with.
                    assertEquals(expectedCounts(rows, RACES, 0), counts(permuted.protectedColumn("race")));
                    assertEquals(expectedCounts(rows, SEXES, 1), counts(permuted.protectedColumn("sex")));
                    long selected = rows.stream().filter(r -> DECISIONS.get(r[2]).equals("High")).count();
                    long permutedSelected = 0;
                    for (int i = 0; i < permuted.rowCount(); i++) {
                        permutedSelected += permuted.selected(i) ? 1 : 0;
                    }
                    assertEquals(selected, permutedSelected);
                });
    }

    private static boolean bad(int[] r) {
        return DECISIONS.get(r[2]).isEmpty() || WEIGHTS[r[3]].startsWith("-");
    }

    @Test
    void everyRowIsEitherAddedOrSkipped() {
        qt().withExamples(300)
                .forAll(lists().of(rowIndexes(3)).ofSizeBetween(0, 80))
                .checkAssert(rows -> {
                    DecisionTable.Builder b = DecisionTable.builder(SKIPPING);
                    long line = 2;
                    for (int[] r : rows) {
                        b.addRow(new String[] {RACES.get(r[0]), SEXES.get(r[1]), DECISIONS.get(r[2]), WEIGHTS[r[3]]},
                                line++);
                    }
                    DecisionTable t = b.build();
                    TableSource s = t.source();
                    long badRows = rows.stream().filter(DecisionTablePropertiesTest::bad).count();
                    assertEquals(rows.size(), s.rowsRead());
                    assertEquals(s.rowsRead(), t.rowCount() + s.rowsSkipped());
                    assertEquals(badRows, s.rowsSkipped());
                    assertEquals(Math.min(badRows, TableSource.MAX_BAD_ROW_EXAMPLES), s.badRowExamples().size());
                    for (CategoricalColumn c : t.protectedColumns()) {
                        assertEquals(t.rowCount(), c.size());
                    }
                    OutcomeCoding decision = s.outcomeCodings().get(0);
                    assertEquals(t.rowCount(), decision.positive() + decision.negative());
                });
    }

    @Test
    void everyCsvRowIsEitherAddedOrSkipped(@TempDir Path dir) {
        Path file = dir.resolve("p.csv");
        // Extra kind of bad row: a field too many (r[3] == 2 and r[2] == 0 is written with an extra field).
        qt().withExamples(100)
                .forAll(lists().of(rowIndexes(3)).ofSizeBetween(0, 60))
                .checkAssert(rows -> {
                    StringBuilder csv = new StringBuilder("race,sex,score_text,w\n");
                    long bad = 0;
                    for (int[] r : rows) {
                        boolean extraField = r[3] == 2 && r[2] == 0;
                        csv.append(RACES.get(r[0])).append(',').append(SEXES.get(r[1])).append(',')
                                .append(DECISIONS.get(r[2])).append(',').append(WEIGHTS[r[3]]);
                        if (extraField) {
                            csv.append(",extra");
                        }
                        csv.append('\n');
                        bad += bad(r) || extraField ? 1 : 0;
                    }
                    try {
                        Files.writeString(file, csv, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    DecisionTable t = TableReader.read(file, SKIPPING);
                    TableSource s = t.source();
                    assertEquals(rows.size(), s.rowsRead());
                    assertEquals(s.rowsRead(), t.rowCount() + s.rowsSkipped());
                    assertEquals(bad, s.rowsSkipped());
                    if (!s.badRowExamples().isEmpty()) {
                        // Lines are 1-based with the header on line 1, so data lines run from 2.
                        long first = s.badRowExamples().get(0).line();
                        assertEquals(2 + indexOfFirstBad(rows), first);
                    }
                });
    }

    private static int indexOfFirstBad(List<int[]> rows) {
        for (int i = 0; i < rows.size(); i++) {
            int[] r = rows.get(i);
            if (bad(r) || (r[3] == 2 && r[2] == 0)) {
                return i;
            }
        }
        return -1;
    }
}
