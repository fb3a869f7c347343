package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input that would otherwise be merged or dropped silently is refused with a message. */
class InputStrictnessTest {

    @TempDir
    Path dir;

    @Test
    void aDataValueEqualToTheMissingGroupNameIsAnErrorNotAMerge() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("g")
                .decision("d=1").skipBadRows(true).build());
        b.addRow(Map.of("g", "A", "d", "1"));
        InputException e = assertThrows(InputException.class, () -> b.addRow(Map.of("g", "(missing)", "d", "0")));
        assertTrue(e.getMessage().contains("column 'g'") && e.getMessage().contains("'(missing)'"), e.getMessage());
        DecisionTable.Builder renamed = DecisionTable.builder(TableSpec.builder().protectedAttributes("g")
                .decision("d=1").missingGroup("(no value)").build());
        renamed.addRow(Map.of("g", "(missing)", "d", "0"));
        renamed.addRow(Map.of("d", "0"));
        assertEquals(2, renamed.build().protectedColumn("g").cardinality());
    }

    @Test
    void anEmptyPositiveValueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeRule.parse("c= "));
        assertTrue(e.getMessage().contains("'c= '"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OutcomeRule.parse("c=A,,B"));
    }

    @Test
    void aRepeatedKeyInAJsonRecordIsAnError() throws IOException {
        Path file = dir.resolve("d.jsonl");
        Files.writeString(file, "{\"g\":\"A\",\"d\":\"1\"}\n{\"g\":\"A\",\"d\":\"1\",\"g\":\"B\"}\n");
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").build();
        InputException e = assertThrows(InputException.class, () -> TableReader.read(file, spec));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("Duplicate field 'g'"), e.getMessage());
    }
}
