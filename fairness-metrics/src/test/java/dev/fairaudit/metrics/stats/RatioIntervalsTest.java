package dev.fairaudit.metrics.stats;

import static dev.fairaudit.metrics.stats.ProportionIntervalsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Katz log interval for a ratio of proportions, against hand-computed values. */
class RatioIntervalsTest {

    @Test
    void katzLogHandExample() {
        // 20/100 vs 10/100: RR = 0.2 / 0.1 = 2, ln RR = 0.6931472
        // se = sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.05 - 0.01 + 0.1 - 0.01) = sqrt(0.13)
        //    = 0.3605551
        // z·se = 1.9599640 · 0.3605551 = 0.7066751
        // lower = exp(0.6931472 - 0.7066751) = exp(-0.0135279) = 0.9865632
        // upper = exp(0.6931472 + 0.7066751) = exp(1.3998223) = 4.0544792
        Interval i = RatioIntervals.katzLog(20, 100, 10, 100).orElseThrow();
        assertEquals(0.986563206731782, i.lower(), 1e-12);
        assertEquals(4.054479198804628, i.upper(), 1e-12);
        assertEquals("katz-log", i.method());
        // The bounds are symmetric around RR on the log scale: lower·upper = RR² = 4.
        assertEquals(4.0, i.lower() * i.upper(), 1e-12);
    }

    @Test
    void katzLogWithWeightedCounts() {
        // 0.5/2 vs 1.5/3: RR = 0.25 / 0.5 = 0.5, ln RR = -0.6931472
        // se = sqrt(1/0.5 - 1/2 + 1/1.5 - 1/3) = sqrt(2 - 0.5 + 0.6666667 - 0.3333333)
        //    = sqrt(1.8333333) = 1.3540064
        // z·se = 1.9599640 · 1.3540064 = 2.6538038
        // lower = exp(-0.6931472 - 2.6538038) = exp(-3.3469510) = 0.0351915
        // upper = exp(-0.6931472 + 2.6538038) = exp(1.9606566) = 7.1039900
        Interval i = RatioIntervals.katzLog(0.5, 2, 1.5, 3).orElseThrow();
        assertEquals(0.03519149091707777, i.lower(), 1e-12);
        assertEquals(7.1039900125027, i.upper(), 1e-10);
    }

    @Test
    void confidenceLevelIsHonoured() {
        // 90%: z = 1.6448536, z·se = 1.6448536 · sqrt(0.13) = 0.5930604
        // lower = exp(0.6931472 - 0.5930604) = exp(0.1000868) = 1.1052668
        // upper = exp(1.2862076) = 3.6190356
        Interval i = RatioIntervals.katzLog(20, 100, 10, 100, 0.90).orElseThrow();
        double se = Math.sqrt(0.13);
        assertEquals(Math.exp(Math.log(2) - 1.6448536269514729 * se), i.lower(), 1e-12);
        assertEquals(Math.exp(Math.log(2) + 1.6448536269514729 * se), i.upper(), 1e-12);
        assertEquals(1.1052668, i.lower(), 1e-7);
        assertEquals(3.6190356, i.upper(), 1e-7);
    }

    @Test
    void undefinedWhenEitherGroupHasNoSuccesses() {
        assertEquals(Optional.empty(), RatioIntervals.katzLog(0, 10, 3, 10));
        assertEquals(Optional.empty(), RatioIntervals.katzLog(3, 10, 0, 10));
        assertEquals(Optional.empty(), RatioIntervals.katzLog(0, 10, 0, 10));
    }

    @Test
    void allSuccessesInBothGroupsCollapsesToOne() {
        // x = n in both groups: se = sqrt(0 + 0) = 0 and RR = 1.
        Interval i = RatioIntervals.katzLog(7, 7, 3.5, 3.5).orElseThrow();
        assertEquals(1.0, i.lower());
        assertEquals(1.0, i.upper());
    }

    @Test
    void swappingGroupsInvertsTheInterval() {
        Interval ab = RatioIntervals.katzLog(20, 100, 10, 100).orElseThrow();
        Interval ba = RatioIntervals.katzLog(10, 100, 20, 100).orElseThrow();
        assertEquals(1 / ab.upper(), ba.lower(), 1e-12);
        assertEquals(1 / ab.lower(), ba.upper(), 1e-12);
    }

    @Test
    void extremeCountsThatOverflowAreUndefined() {
        // se ≈ sqrt(1e300) = 1e150, so exp(± z·se) overflows to infinity / underflows to 0.
        assertEquals(Optional.empty(), RatioIntervals.katzLog(1e-300, 1, 1, 2));
        assertTrue(RatioIntervals.katzLog(1e-3, 1, 1, 2).isPresent());
    }

    @Test
    void rejectsInvalidArguments() {
        assertMessage("x1 must be in [0, n1], was 12.0 with n1 = 10.0",
                () -> RatioIntervals.katzLog(12, 10, 1, 10));
        assertMessage("x2 must be in [0, n2], was 5.0 with n2 = 4.0",
                () -> RatioIntervals.katzLog(1, 10, 5, 4));
        assertMessage("n1 must be finite and > 0, was 0.0",
                () -> RatioIntervals.katzLog(0, 0, 1, 10));
        assertMessage("n2 must be finite and > 0, was -1.0",
                () -> RatioIntervals.katzLog(1, 10, 0, -1));
        assertMessage("confidence must be in (0, 1), was 1.5",
                () -> RatioIntervals.katzLog(1, 10, 1, 10, 1.5));
    }
}
