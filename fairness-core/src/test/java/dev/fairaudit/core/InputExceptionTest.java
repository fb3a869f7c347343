package dev.fairaudit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class InputExceptionTest {

    @Test
    void messageNamesFileLineAndColumn() {
        InputException e = new InputException("data.csv", 12, "race", "value 'x' is odd");
        assertEquals("data.csv, line 12, column 'race': value 'x' is odd", e.getMessage());
        assertEquals("data.csv", e.file());
        assertEquals(12, e.line());
        assertEquals("race", e.column().orElseThrow());
    }

    @Test
    void lineZeroAndNoColumnAreLeftOut() {
        InputException e = new InputException("data.csv", 0, null, "the file is empty");
        assertEquals("data.csv: the file is empty", e.getMessage());
        assertTrue(e.column().isEmpty());
    }

    @Test
    void missingFileNameReadsInput() {
        assertEquals("input, line 3: bad", new InputException(null, 3, null, "bad").getMessage());
    }

    @Test
    void keepsTheCause() {
        IOException cause = new IOException("disk");
        assertSame(cause, new InputException("f", 0, null, "cannot read", cause).getCause());
    }
}
