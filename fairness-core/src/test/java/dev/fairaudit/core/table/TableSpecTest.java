package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableSpecTest {

    @Test
    void needsAProtectedAttributeAndADecision() {
        assertThrows(IllegalArgumentException.class, () -> TableSpec.builder().decision("d=1").build());
        assertThrows(IllegalArgumentException.class, () -> TableSpec.builder().protectedAttributes("g").build());
    }

    @Test
    void protectedAttributesMustNotRepeat() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableSpec.builder().protectedAttributes("race", "sex", "race").decision("d=1").build());
        assertTrue(e.getMessage().contains("race"), e.getMessage());
    }

    @Test
    void missingGroupMustBeNamed() {
        assertThrows(IllegalArgumentException.class,
                () -> TableSpec.builder().protectedAttributes("g").decision("d=1").missingGroup(" ").build());
    }

    @Test
    void defaultsAreEmptyStringMissingAndTheMissingGroup() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").build();
        assertEquals(Set.of(""), spec.missingValues());
        assertEquals("(missing)", spec.missingGroup());
        assertFalse(spec.skipBadRows());
        assertTrue(spec.labelRule().isEmpty());
        assertTrue(spec.isMissing(null));
        assertTrue(spec.isMissing(""));
        assertFalse(spec.isMissing(" "));
        assertFalse(spec.isMissing("NA"));
    }

    @Test
    void replacedMissingValues() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").missingValues(Set.of("NA"))
                .build();
        assertTrue(spec.isMissing("NA"));
        assertTrue(spec.isMissing(null));
        assertFalse(spec.isMissing(""));
    }

    @Test
    void readColumnsKeepsAColumnWithTwoRolesTwice() {
        TableSpec spec = TableSpec.builder().protectedAttributes("race").decision("decile>=5").score("decile")
                .label("recid=1").build();
        assertEquals(List.of("race", "decile", "recid", "decile"), spec.readColumns());
        assertEquals("recid=1", spec.labelRule().orElseThrow().spec());
    }
}
