package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CategoricalColumnTest {

    @Test
    void codesOutsideTheDictionaryAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 2}, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new CategoricalColumn("g", List.of("a", "b"), new int[] {-1}, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new CategoricalColumn("g", List.of("a", "b"), new int[] {0}, 2));
    }

    @Test
    void codesAreCopiedInAndOut() {
        int[] codes = {0, 1, 0};
        CategoricalColumn c = new CategoricalColumn("g", List.of("a", "b"), codes, -1);
        codes[0] = 1;
        assertEquals(0, c.code(0));
        c.codes()[1] = 0;
        assertEquals(1, c.code(1));
    }

    @Test
    void equalityCoversNameDictionaryCodesAndMissingCode() {
        CategoricalColumn c = new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 1}, -1);
        assertEquals(c, new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 1}, -1));
        assertEquals(c.hashCode(), new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 1}, -1).hashCode());
        assertNotEquals(c, new CategoricalColumn("h", List.of("a", "b"), new int[] {0, 1}, -1));
        assertNotEquals(c, new CategoricalColumn("g", List.of("b", "a"), new int[] {0, 1}, -1));
        assertNotEquals(c, new CategoricalColumn("g", List.of("a", "b"), new int[] {1, 0}, -1));
        assertNotEquals(c, new CategoricalColumn("g", List.of("a", "b"), new int[] {0, 1}, 1));
    }
}
