package dev.fairaudit.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Validation and behaviour of the value records {@link Interval} and {@link TestResult}. */
class ValueTypesTest {

    @Test
    void intervalContainsIsClosedOnBothEnds() {
        Interval i = new Interval(0.25, 0.75, "wilson");
        assertTrue(i.contains(0.25));
        assertTrue(i.contains(0.5));
        assertTrue(i.contains(0.75));
        assertFalse(i.contains(Math.nextDown(0.25)));
        assertFalse(i.contains(Math.nextUp(0.75)));
        assertFalse(i.contains(Double.NaN));
    }

    @Test
    void degenerateIntervalIsAllowed() {
        Interval i = new Interval(1, 1, "katz-log");
        assertTrue(i.contains(1));
        assertEquals(1, i.lower());
        assertEquals(1, i.upper());
    }

    @Test
    void intervalRejectsReversedBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Interval(0.6, 0.4, "m"));
        assertEquals("lower must be <= upper, was lower = 0.6, upper = 0.4", e.getMessage());
    }

    @Test
    void intervalRejectsNonFiniteBounds() {
        assertEquals("lower must be finite, was NaN", assertThrows(IllegalArgumentException.class,
                () -> new Interval(Double.NaN, 1, "m")).getMessage());
        assertEquals("upper must be finite, was Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> new Interval(0, Double.POSITIVE_INFINITY, "m")).getMessage());
        assertEquals("lower must be finite, was -Infinity",
                assertThrows(IllegalArgumentException.class,
                        () -> new Interval(Double.NEGATIVE_INFINITY, 0, "m")).getMessage());
    }

    @Test
    void intervalRejectsBlankMethod() {
        assertEquals("method must be non-blank, was null", assertThrows(
                IllegalArgumentException.class, () -> new Interval(0, 1, null)).getMessage());
        assertEquals("method must be non-blank, was ' '", assertThrows(
                IllegalArgumentException.class, () -> new Interval(0, 1, " ")).getMessage());
    }

    @Test
    void testResultAcceptsBoundaryValues() {
        TestResult r = new TestResult("fisher-exact", 0, 0, 0);
        assertEquals(0, r.pValue());
        assertEquals(1, new TestResult("chi-squared", 3.5, 2, 1).pValue());
    }

    @Test
    void testResultRejectsPValueOutsideUnitInterval() {
        assertEquals("pValue must be in [0, 1], was 1.5", assertThrows(
                IllegalArgumentException.class, () -> new TestResult("t", 0, 0, 1.5)).getMessage());
        assertEquals("pValue must be in [0, 1], was -0.1", assertThrows(
                IllegalArgumentException.class, () -> new TestResult("t", 0, 0, -0.1)).getMessage());
        assertEquals("pValue must be in [0, 1], was NaN", assertThrows(
                IllegalArgumentException.class,
                () -> new TestResult("t", 0, 0, Double.NaN)).getMessage());
    }

    @Test
    void testResultRejectsNaNDegreesOfFreedomAndStatistic() {
        assertEquals("degreesOfFreedom must be finite and >= 0, was NaN", assertThrows(
                IllegalArgumentException.class,
                () -> new TestResult("t", 0, Double.NaN, 0.5)).getMessage());
        assertEquals("degreesOfFreedom must be finite and >= 0, was -1.0", assertThrows(
                IllegalArgumentException.class, () -> new TestResult("t", 0, -1, 0.5)).getMessage());
        assertEquals("statistic must be finite, was NaN", assertThrows(
                IllegalArgumentException.class,
                () -> new TestResult("t", Double.NaN, 0, 0.5)).getMessage());
    }

    @Test
    void testResultRejectsBlankName() {
        assertEquals("test must be non-blank, was ''", assertThrows(
                IllegalArgumentException.class, () -> new TestResult("", 0, 0, 0.5)).getMessage());
    }
}
