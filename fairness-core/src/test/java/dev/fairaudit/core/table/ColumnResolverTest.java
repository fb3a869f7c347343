package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnResolverTest {

    private final ColumnResolver resolver = new ColumnResolver("f.csv",
            List.of("id", "decile_score", "age", "decile_score", "priors", "decile_score"));

    @Test
    void uniqueNameResolvesToItsIndex() {
        assertEquals(0, resolver.resolve("id"));
        assertEquals(2, resolver.resolve("age"));
    }

    @Test
    void hashSuffixPicksCopiesInHeaderOrder() {
        assertEquals(1, resolver.resolve("decile_score#1"));
        assertEquals(3, resolver.resolve("decile_score#2"));
        assertEquals(5, resolver.resolve("decile_score#3"));
    }

    @Test
    void repeatedNameIsAmbiguousNamingItsOneBasedPositions() {
        InputException e = assertThrows(InputException.class, () -> resolver.resolve("decile_score"));
        assertTrue(e.getMessage().contains("positions [2, 4, 6]"), e.getMessage());
        assertTrue(e.getMessage().contains("'decile_score#1' .. 'decile_score#3'"), e.getMessage());
        assertEquals(1, e.line());
        assertEquals("decile_score", e.column().orElseThrow());
    }

    @Test
    void oneWarningPerRepeatedName() {
        List<String> warnings = resolver.duplicateWarnings();
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("[2, 4, 6]"), warnings.get(0));
        assertTrue(warnings.get(0).contains("'decile_score#3'"), warnings.get(0));
        assertTrue(new ColumnResolver("g.csv", List.of("a", "b")).duplicateWarnings().isEmpty());
    }

    @Test
    void hashSuffixOnAUniqueNameIsOnlyValidAsOne() {
        assertEquals(2, resolver.resolve("age#1"));
        assertThrows(InputException.class, () -> resolver.resolve("age#2"));
    }

    @Test
    void nearestNameIsSuggestedCaseInsensitively() {
        InputException e = assertThrows(InputException.class, () -> resolver.resolve("Prior"));
        assertTrue(e.getMessage().contains("did you mean 'priors'?"), e.getMessage());
    }

    @Test
    void distantNameIsNotSuggested() {
        InputException e = assertThrows(InputException.class, () -> resolver.resolve("nationality"));
        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
        assertTrue(e.getMessage().contains("columns are [id, decile_score, age"), e.getMessage());
    }

    @Test
    void wideHeaderIsCountedNotListed() {
        List<String> wide = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            wide.add("column_" + i);
        }
        InputException e = assertThrows(InputException.class,
                () -> new ColumnResolver("w.csv", wide).resolve("zzz"));
        assertTrue(e.getMessage().contains("the header has 61 columns"), e.getMessage());
        assertFalse(e.getMessage().contains("column_60"), e.getMessage());
    }
}
