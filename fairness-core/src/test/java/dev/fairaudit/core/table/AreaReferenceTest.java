package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AreaReferenceTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("areas.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsCountsAndSetsAsideSuppressedAndEmptyAreas() throws IOException {
        Path f = csv("code,level,nl,other\nGM1,Gemeente,100,50\nBU1,Buurt,60,40\nBU2,Buurt,.,10\nBU3,Buurt,0,0\n"
                + "BU4,Buurt,40,10\n");
        AreaReference r = AreaReference.read(f, "code", List.of("nl", "other"), Map.of("level", "Buurt"),
                Set.of("."));
        assertEquals(List.of("BU1", "BU4"), r.areas());
        assertEquals(List.of("BU2", "BU3"), r.unusableAreas());
        assertArrayEquals(new long[] {60, 40}, r.counts("BU1"));
        assertNull(r.counts("GM1"));
        assertEquals(5, r.rowsRead());
        assertEquals(List.of("1 area row(s) do not match the filter {level=Buurt} and were left out"), r.warnings());
    }

    @Test
    void badCountNamesFileLineColumnAndValue() throws IOException {
        Path f = csv("code,nl,other\nBU1,60,4O\n");
        InputException e = assertThrows(InputException.class,
                () -> AreaReference.read(f, "code", List.of("nl", "other"), Map.of(), Set.of(".")));
        assertEquals("areas.csv, line 2, column 'other': value '4O' is not a whole count and not a suppression "
                + "marker [.]", e.getMessage());
    }

    @Test
    void areaGivenTwiceIsAnError() throws IOException {
        Path f = csv("code,nl,other\nBU1,60,40\nBU1,1,2\n");
        InputException e = assertThrows(InputException.class,
                () -> AreaReference.read(f, "code", List.of("nl", "other"), Map.of(), Set.of(".")));
        assertEquals("areas.csv, line 3, column 'code': area 'BU1' already appeared on line 2", e.getMessage());
    }
}
