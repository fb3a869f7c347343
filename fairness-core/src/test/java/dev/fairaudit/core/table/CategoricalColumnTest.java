package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
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

    @Test
    void copyCodesEqualsCodesAndLeavesTheColumnUnchanged() {
        int[] codes = {2, 0, 1, 1, 0, 2, 2};
        CategoricalColumn c = new CategoricalColumn("g", List.of("a", "b", "c"), codes, -1);
        int[] into = new int[10];
        Arrays.fill(into, -7);
        assertEquals(into, c.copyCodes(into));
        assertArrayEquals(c.codes(), Arrays.copyOf(into, c.size()));
        assertArrayEquals(new int[] {-7, -7, -7}, Arrays.copyOfRange(into, 7, 10));
        into[0] = 1;
        assertEquals(2, c.code(0));

        int[] block = {-1, -1, -1, -1, -1};
        c.copyCodes(2, block, 1, 3);
        assertArrayEquals(new int[] {-1, 1, 1, 0, -1}, block);
        assertThrows(IndexOutOfBoundsException.class, () -> c.copyCodes(new int[6]));
        assertThrows(IndexOutOfBoundsException.class, () -> c.copyCodes(5, new int[5], 0, 3));
    }
}
