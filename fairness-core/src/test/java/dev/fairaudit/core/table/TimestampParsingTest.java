package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampParsingTest {

    /** 2024-01-01T00:00:00Z in epoch seconds. */
    private static final long NEW_YEAR_2024 = 1_704_067_200L;
    /** 2000-01-01T00:00:00Z in epoch seconds. */
    private static final long NEW_YEAR_2000 = 946_684_800L;

    private static final TableSpec SPEC = TableSpec.builder().protectedAttributes("g").decision("d=1")
            .timestamp("t").build();

    private static long parse(String raw) {
        DecisionTable.Builder b = DecisionTable.builder(SPEC);
        b.addRow(new String[] {"a", "1", raw}, 2);
        return b.build().timestampMillis(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1970-01-01, 0",
        "2024-01-01, " + NEW_YEAR_2024 * 1000,
        "2000-01-01, " + NEW_YEAR_2000 * 1000,
        "2024-01-01T12:30:00, " + (NEW_YEAR_2024 + 12 * 3600 + 30 * 60) * 1000,
        "2024-01-01T12:30, " + (NEW_YEAR_2024 + 12 * 3600 + 30 * 60) * 1000,
        "2024-01-01T12:30:00Z, " + (NEW_YEAR_2024 + 12 * 3600 + 30 * 60) * 1000,
        "2024-01-01T12:30Z, " + (NEW_YEAR_2024 + 12 * 3600 + 30 * 60) * 1000,
        "2024-01-01T12:30+02:00, " + (NEW_YEAR_2024 + 10 * 3600 + 30 * 60) * 1000,
        "2024-01-01T00:00:00.250Z, " + (NEW_YEAR_2024 * 1000 + 250),
        "2024-01-01T12:30:00+02:00, " + (NEW_YEAR_2024 + 10 * 3600 + 30 * 60) * 1000,
        "1999-12-31T19:00:00-05:00, " + NEW_YEAR_2000 * 1000,
        "1969-12-31T23:59:59Z, -1000",
    })
    void isoTimestampsParseToEpochMillisUtc(String raw, long expected) {
        assertEquals(expected, parse(raw));
    }

    @Test
    void surroundingSpaceIsIgnored() {
        assertEquals(NEW_YEAR_2024 * 1000, parse(" 2024-01-01 "));
    }

    @Test
    void missingTimestampIsNoTimestamp() {
        assertEquals(DecisionTable.NO_TIMESTAMP, parse(""));
        assertEquals(DecisionTable.NO_TIMESTAMP, parse(null));
    }

    @Test
    void withoutTimestampColumnEveryRowHasNoTimestamp() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("g").decision("d=1")
                .build());
        b.addRow(new String[] {"a", "1"}, 2);
        DecisionTable t = b.build();
        assertFalse(t.hasTimestamp());
        assertEquals(DecisionTable.NO_TIMESTAMP, t.timestampMillis(0));
    }

    @Test
    void nonIsoTimestampIsAnErrorNamingTheColumnAndValue() {
        for (String raw : new String[] {"01/02/2024", "2024-13-01", "2024-01-01 12:30:00", "yesterday"}) {
            DecisionTable.Builder b = DecisionTable.builder(SPEC);
            InputException e = assertThrows(InputException.class, () -> b.addRow(new String[] {"a", "1", raw}, 5),
                    raw);
            assertEquals(5, e.line());
            assertEquals("t", e.column().orElseThrow());
            assertTrue(e.getMessage().contains("'" + raw + "'"), e.getMessage());
        }
    }

    @Test
    void timestampsFromCsvAndJsonLines(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "g,d,t\na,1,2024-01-01\nb,0,2024-01-01T12:30:00+02:00\nc,1,\n",
                StandardCharsets.UTF_8);
        DecisionTable fromCsv = TableReader.read(csv, SPEC);
        assertTrue(fromCsv.hasTimestamp());
        assertEquals(NEW_YEAR_2024 * 1000, fromCsv.timestampMillis(0));
        assertEquals((NEW_YEAR_2024 + 10 * 3600 + 30 * 60) * 1000, fromCsv.timestampMillis(1));
        assertEquals(DecisionTable.NO_TIMESTAMP, fromCsv.timestampMillis(2));

        Path jsonl = dir.resolve("t.jsonl");
        Files.writeString(jsonl, "{\"g\":\"a\",\"d\":1,\"t\":\"2000-01-01T00:00:00Z\"}\n"
                + "{\"g\":\"b\",\"d\":0,\"t\":null}\n", StandardCharsets.UTF_8);
        DecisionTable fromJson = TableReader.read(jsonl, SPEC);
        assertEquals(NEW_YEAR_2000 * 1000, fromJson.timestampMillis(0));
        assertEquals(DecisionTable.NO_TIMESTAMP, fromJson.timestampMillis(1));
    }
}
