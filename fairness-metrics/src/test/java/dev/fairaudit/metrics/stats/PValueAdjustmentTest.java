package dev.fairaudit.metrics.stats;

import static dev.fairaudit.metrics.stats.ProportionIntervalsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Holm and Benjamini-Hochberg adjustments against hand-worked examples. */
class PValueAdjustmentTest {

    private static final double EPS = 1e-15;

    @Test
    void holmHandExample() {
        // p = (0.01, 0.04, 0.03, 0.005), m = 4. Sorted: 0.005, 0.01, 0.03, 0.04.
        // (m - i + 1)·p(i): 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, 1·0.04 = 0.04
        // running max:      0.02,            0.03,          0.06,          0.06
        // back in input order: 0.01 -> 0.03, 0.04 -> 0.06, 0.03 -> 0.06, 0.005 -> 0.02
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02},
                PValueAdjustment.HOLM.adjust(new double[] {0.01, 0.04, 0.03, 0.005}), EPS);
    }

    @Test
    void benjaminiHochbergHandExample() {
        // Sorted: 0.005, 0.01, 0.03, 0.04.
        // p(i)·m/i: 0.005·4/1 = 0.02, 0.01·4/2 = 0.02, 0.03·4/3 = 0.04, 0.04·4/4 = 0.04
        // running min from the top: 0.02, 0.02, 0.04, 0.04
        // input order: 0.01 -> 0.02, 0.04 -> 0.04, 0.03 -> 0.04, 0.005 -> 0.02
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02},
                PValueAdjustment.BENJAMINI_HOCHBERG.adjust(
                        new double[] {0.01, 0.04, 0.03, 0.005}), EPS);
    }

    @Test
    void monotonicityIsEnforcedInBothDirections() {
        // p = 0.01..0.05, m = 5.
        // Holm: 5·0.01 = 0.05, 4·0.02 = 0.08, 3·0.03 = 0.09, 2·0.04 = 0.08, 1·0.05 = 0.05
        //   running max -> 0.05, 0.08, 0.09, 0.09, 0.09
        // BH: 0.01·5 = 0.05, 0.02·5/2 = 0.05, 0.03·5/3 = 0.05, 0.04·5/4 = 0.05, 0.05·5/5 = 0.05
        double[] p = {0.05, 0.01, 0.04, 0.02, 0.03};
        assertArrayEquals(new double[] {0.09, 0.05, 0.09, 0.08, 0.09},
                PValueAdjustment.HOLM.adjust(p), EPS);
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.05, 0.05},
                PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p), EPS);
    }

    @Test
    void cappedAtOne() {
        // Holm: 2·0.6 = 1.2 -> 1; then max(1, 0.7) = 1.
        // BH: top 0.7·2/2 = 0.7; then min(0.7, 0.6·2 = 1.2 -> 1) = 0.7.
        double[] p = {0.7, 0.6};
        assertArrayEquals(new double[] {1, 1}, PValueAdjustment.HOLM.adjust(p), EPS);
        assertArrayEquals(new double[] {0.7, 0.7},
                PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p), EPS);
    }

    @Test
    void tiesGetEqualAdjustedValues() {
        // Holm: 3·0.02 = 0.06, 2·0.02 = 0.04 -> 0.06, 1·0.5 = 0.5.
        // BH: 0.5·3/3 = 0.5, 0.02·3/2 = 0.03, 0.02·3/1 = 0.06 -> min 0.03.
        double[] p = {0.02, 0.5, 0.02};
        assertArrayEquals(new double[] {0.06, 0.5, 0.06}, PValueAdjustment.HOLM.adjust(p), EPS);
        assertArrayEquals(new double[] {0.03, 0.5, 0.03},
                PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p), EPS);
    }

    @Test
    void singleValueIsUnchanged() {
        for (PValueAdjustment a : PValueAdjustment.values()) {
            assertArrayEquals(new double[] {0.3}, a.adjust(new double[] {0.3}), 0.0);
        }
    }

    @Test
    void emptyGivesEmpty() {
        for (PValueAdjustment a : PValueAdjustment.values()) {
            assertEquals(0, a.adjust(new double[0]).length);
        }
    }

    @Test
    void noneReturnsACopy() {
        double[] p = {0.01, 0.9};
        double[] adjusted = PValueAdjustment.NONE.adjust(p);
        assertArrayEquals(p, adjusted, 0.0);
        assertNotSame(p, adjusted);
    }

    @Test
    void inputIsNotModified() {
        double[] p = {0.01, 0.04, 0.03, 0.005};
        PValueAdjustment.HOLM.adjust(p);
        PValueAdjustment.BENJAMINI_HOCHBERG.adjust(p);
        assertArrayEquals(new double[] {0.01, 0.04, 0.03, 0.005}, p, 0.0);
    }

    @Test
    void rejectsNaNAndOutOfRange() {
        for (PValueAdjustment a : PValueAdjustment.values()) {
            assertMessage("pValues[1] must be in [0, 1], was NaN",
                    () -> a.adjust(new double[] {0.1, Double.NaN}));
            assertMessage("pValues[0] must be in [0, 1], was 1.2",
                    () -> a.adjust(new double[] {1.2}));
            assertMessage("pValues[2] must be in [0, 1], was -0.1",
                    () -> a.adjust(new double[] {0.1, 0.2, -0.1}));
            assertThrows(NullPointerException.class, () -> a.adjust(null));
        }
    }

    @Test
    void ids() {
        assertEquals("holm", PValueAdjustment.HOLM.id());
        assertEquals("bh", PValueAdjustment.BENJAMINI_HOCHBERG.id());
        assertEquals("none", PValueAdjustment.NONE.id());
    }

    @Test
    void fromIdIsCaseInsensitive() {
        assertEquals(PValueAdjustment.HOLM, PValueAdjustment.fromId("holm"));
        assertEquals(PValueAdjustment.HOLM, PValueAdjustment.fromId("HOLM"));
        assertEquals(PValueAdjustment.BENJAMINI_HOCHBERG, PValueAdjustment.fromId("Bh"));
        assertEquals(PValueAdjustment.NONE, PValueAdjustment.fromId("None"));
    }

    @Test
    void fromIdListsValidIds() {
        assertMessage("unknown p-value adjustment 'bonferroni'; valid ids: holm, bh, none",
                () -> PValueAdjustment.fromId("bonferroni"));
        assertMessage("unknown p-value adjustment 'BENJAMINI_HOCHBERG'; valid ids: holm, bh, none",
                () -> PValueAdjustment.fromId("BENJAMINI_HOCHBERG"));
        assertThrows(NullPointerException.class, () -> PValueAdjustment.fromId(null));
    }
}
