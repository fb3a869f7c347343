package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeRuleTest {

    @Test
    void valueSetSpecListsThePositiveValuesTrimmed() {
        OutcomeRule rule = OutcomeRule.parse("score_text=Medium, High");
        OutcomeRule.ValueSet set = assertInstanceOf(OutcomeRule.ValueSet.class, rule);
        assertEquals("score_text", set.column());
        assertEquals(Set.of("Medium", "High"), set.positives());
    }

    @Test
    void valueSetWithOneValue() {
        OutcomeRule.ValueSet set = assertInstanceOf(OutcomeRule.ValueSet.class,
                OutcomeRule.parse("two_year_recid=1"));
        assertEquals("two_year_recid", set.column());
        assertEquals(Set.of("1"), set.positives());
    }

    @Test
    void columnNameIsTrimmed() {
        assertEquals("flag", OutcomeRule.parse(" flag =yes").column());
        assertEquals("score", OutcomeRule.parse(" score >= 3").column());
    }

    @Test
    void atLeastIncludesTheThreshold() {
        OutcomeRule.Threshold t = assertInstanceOf(OutcomeRule.Threshold.class, OutcomeRule.parse("decile_score>=5"));
        assertEquals("decile_score", t.column());
        assertEquals(OutcomeRule.Comparison.AT_LEAST, t.comparison());
        assertEquals(5.0, t.threshold());
        assertTrue(t.test(5));
        assertTrue(t.test(5.5));
        assertFalse(t.test(4.999));
    }

    @Test
    void aboveExcludesTheThreshold() {
        OutcomeRule.Threshold t = assertInstanceOf(OutcomeRule.Threshold.class, OutcomeRule.parse("s>5"));
        assertEquals(OutcomeRule.Comparison.ABOVE, t.comparison());
        assertFalse(t.test(5));
        assertTrue(t.test(5.001));
        assertFalse(t.test(4));
    }

    @Test
    void atMostIncludesTheThreshold() {
        OutcomeRule.Threshold t = assertInstanceOf(OutcomeRule.Threshold.class, OutcomeRule.parse("s<=2.5"));
        assertEquals(OutcomeRule.Comparison.AT_MOST, t.comparison());
        assertEquals(2.5, t.threshold());
        assertTrue(t.test(2.5));
        assertTrue(t.test(-10));
        assertFalse(t.test(2.51));
    }

    @Test
    void belowExcludesTheThreshold() {
        OutcomeRule.Threshold t = assertInstanceOf(OutcomeRule.Threshold.class, OutcomeRule.parse("s<-1"));
        assertEquals(OutcomeRule.Comparison.BELOW, t.comparison());
        assertEquals(-1.0, t.threshold());
        assertTrue(t.test(-1.5));
        assertFalse(t.test(-1));
        assertFalse(t.test(0));
    }

    @Test
    void thresholdToleratesSpaceAroundTheNumber() {
        OutcomeRule.Threshold t = assertInstanceOf(OutcomeRule.Threshold.class, OutcomeRule.parse("s >=  7 "));
        assertEquals(7.0, t.threshold());
    }

    @Test
    void comparisonSymbols() {
        assertEquals(">=", OutcomeRule.Comparison.AT_LEAST.symbol());
        assertEquals(">", OutcomeRule.Comparison.ABOVE.symbol());
        assertEquals("<=", OutcomeRule.Comparison.AT_MOST.symbol());
        assertEquals("<", OutcomeRule.Comparison.BELOW.symbol());
    }

    @ParameterizedTest
    @ValueSource(strings = {"score_text", "=High", ">=5", "decile_score>=five", "decile_score>=", "x<abc",
        "flag=", "decile_score>=NaN", "decile_score<Infinity", "decile_score>1e999", "   =High"})
    void badSpecIsRejectedNamingTheSpec(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeRule.parse(spec));
        assertTrue(e.getMessage().contains("'" + spec + "'"), () -> "message should quote the spec '" + spec
                + "': " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySpecIsRejected(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeRule.parse(spec));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void nullSpecIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> OutcomeRule.parse(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"score_text=High,Medium", "two_year_recid=1", "decile_score>=5", "s>5", "s<=2.5",
        "s<-1", "s>=0.125", "s<1.0E20", "decile_score#1>=5"})
    void specRoundTrips(String spec) {
        OutcomeRule rule = OutcomeRule.parse(spec);
        assertEquals(spec, rule.spec());
        assertEquals(rule, OutcomeRule.parse(rule.spec()));
    }

    @Test
    void valueSetSpecIsSortedSoEqualRulesHaveEqualSpecs() {
        OutcomeRule a = OutcomeRule.parse("c=z,a,m");
        OutcomeRule b = OutcomeRule.parse("c=m,z,a");
        assertEquals("c=a,m,z", a.spec());
        assertEquals(a.spec(), b.spec());
        assertEquals(a, b);
        assertEquals(a, OutcomeRule.parse(a.spec()));
    }

    @Test
    void integralThresholdIsWrittenWithoutDecimals() {
        assertEquals("s>=5", OutcomeRule.parse("s>=5.0").spec());
        assertEquals("s<-3", OutcomeRule.parse("s<-3.00").spec());
    }

    @Test
    void valueSetNeedsAtLeastOneValue() {
        assertThrows(IllegalArgumentException.class, () -> new OutcomeRule.ValueSet("c", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeRule.ValueSet(" ", Set.of("x")));
    }

    @Test
    void thresholdMustBeFinite() {
        assertThrows(IllegalArgumentException.class,
                () -> new OutcomeRule.Threshold("c", OutcomeRule.Comparison.AT_LEAST, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new OutcomeRule.Threshold("c", OutcomeRule.Comparison.AT_LEAST, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new OutcomeRule.Threshold("c", null, 1));
    }
}
