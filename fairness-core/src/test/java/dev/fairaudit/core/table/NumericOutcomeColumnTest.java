package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numeric outcome column: parsed strictly, missing values kept as missing. */
class NumericOutcomeColumnTest {

    @TempDir
    Path dir;

    private static TableSpec spec() {
        return TableSpec.builder().protectedAttributes("g").decision("d=1").numericOutcome("rating")
                .missingValues(Set.of("", "NA")).build();
    }

    @Test
    void numbersAreReadAndMissingValuesAreNaN() throws IOException {
        Path file = dir.resolve("r.csv");
        Files.writeString(file, "g,d,rating\nA,1,7\nB,0,\nA,0,NA\nB,1,-2.5\n");
        DecisionTable t = TableReader.read(file, spec());
        assertTrue(t.hasNumericOutcome());
        assertEquals(4, t.rowCount());
        assertEquals(7.0, t.numericOutcome(0));
        assertTrue(Double.isNaN(t.numericOutcome(1)));
        assertTrue(Double.isNaN(t.numericOutcome(2)));
        assertEquals(-2.5, t.numericOutcome(3));
    }

    @Test
    void aNonNumericValueNamesFileLineColumnAndValue() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "g,d,rating\nA,1,7\nB,0,seven\n");
        InputException e = assertThrows(InputException.class, () -> TableReader.read(file, spec()));
        assertEquals(3, e.line());
        assertEquals("rating", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("'seven'"), e.getMessage());
    }

    @Test
    void infinityIsRefusedAndSkippedRowsAreCounted() throws IOException {
        Path file = dir.resolve("inf.csv");
        Files.writeString(file, "g,d,rating\nA,1,Infinity\nB,0,3\n");
        TableSpec skipping = TableSpec.builder().protectedAttributes("g").decision("d=1").numericOutcome("rating")
                .skipBadRows(true).build();
        DecisionTable t = TableReader.read(file, skipping);
        assertEquals(1, t.rowCount());
        assertEquals(1, t.source().rowsSkipped());
        assertEquals(3.0, t.numericOutcome(0));
    }

    @Test
    void withoutTheColumnEveryRowIsNaN() {
        DecisionTable t = DecisionTable.builder(TableSpec.builder().protectedAttributes("g").decision("d=1").build())
                .addRow(java.util.Map.of("g", "A", "d", "1")).build();
        assertFalse(t.hasNumericOutcome());
        assertTrue(Double.isNaN(t.numericOutcome(0)));
    }
}
