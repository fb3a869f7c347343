package dev.fairaudit.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RandomControlSamplerTest {

    /** At most 5 binomial standard deviations from n * p: a deterministic, seeded test that is never marginal. */
    static void assertBinomial(long count, long n, double p) {
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - mean) <= 5 * sd,
                () -> count + " of " + n + " is more than 5 sd (" + sd + ") from " + mean);
    }

    @Test
    void shareOfDrawsInTheRandomArmIsTheConfiguredShare() {
        for (double share : new double[] {0.01, 0.05, 0.3, 0.5}) {
            RandomControlSampler s = RandomControlSampler.of(20261129L, share, 0.5);
            int n = 200_000;
            long inArm = 0;
            for (int i = 0; i < n; i++) {
                if (s.inRandomArm(s.nextDraw())) {
                    inArm++;
                }
            }
            assertBinomial(inArm, n, share);
        }
    }

    @Test
    void selectionInTheArmHasTheConfiguredProbabilityIndependentlyOfTheArm() {
        RandomControlSampler s = RandomControlSampler.of(7L, 0.2, 0.1);
        int n = 200_000;
        long inArm = 0;
        long selectedInArm = 0;
        long selectedOutsideArm = 0;
        for (int d = 0; d < n; d++) {
            boolean arm = s.inRandomArm(d);
            if (arm) {
                inArm++;
                selectedInArm += s.selected(d) ? 1 : 0;
            } else {
                selectedOutsideArm += s.selected(d) ? 1 : 0;
            }
        }
        assertBinomial(selectedInArm, inArm, 0.1);
        assertBinomial(selectedOutsideArm, n - inArm, 0.1);
    }

    @Test
    void sameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        RandomControlSampler a = RandomControlSampler.of(42L, 0.5, 0.5);
        RandomControlSampler b = RandomControlSampler.of(42L, 0.5, 0.5);
        RandomControlSampler c = RandomControlSampler.of(43L, 0.5, 0.5);
        int differences = 0;
        for (int i = 0; i < 1_000; i++) {
            long da = a.nextDraw();
            assertEquals(i, da);
            assertEquals(da, b.nextDraw());
            assertEquals(a.inRandomArm(da), b.inRandomArm(da));
            assertEquals(a.selected(da), b.selected(da));
            differences += a.inRandomArm(da) != c.inRandomArm(da) ? 1 : 0;
        }
        assertBinomial(differences, 1_000, 0.5);
    }

    @Test
    void drawsDependOnlyOnSeedAndDrawNumber() {
        qt().forAll(longs().all(), longs().between(0, Long.MAX_VALUE / 4)).checkAssert((seed, draw) -> {
            RandomControlSampler fresh = RandomControlSampler.of(seed, 0.5, 0.5);
            RandomControlSampler later = RandomControlSampler.startingAt(seed, 0.5, 0.5, draw);
            assertEquals(draw, later.nextDraw());
            assertEquals(fresh.inRandomArm(draw), later.inRandomArm(draw));
            assertEquals(fresh.selected(draw), later.selected(draw));
        });
    }

    @Test
    void shareZeroNeverAndShareOneAlways() {
        qt().forAll(longs().all(), longs().between(0, Long.MAX_VALUE / 4)).checkAssert((seed, draw) -> {
            assertFalse(RandomControlSampler.of(seed, 0, 1).inRandomArm(draw));
            assertTrue(RandomControlSampler.of(seed, 1, 1).inRandomArm(draw));
            assertFalse(RandomControlSampler.of(seed, 1, 0).selected(draw));
            assertTrue(RandomControlSampler.of(seed, 1, 1).selected(draw));
        });
    }

    @Test
    void concurrentDrawsAreEachTakenOnce() throws Exception {
        RandomControlSampler s = RandomControlSampler.of(1L, 0.1, 0.5);
        ConcurrentHashMap<Long, Boolean> seen = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    if (seen.put(s.nextDraw(), Boolean.TRUE) != null) {
                        throw new AssertionError("draw taken twice");
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(80_000, seen.size());
        for (long d = 0; d < 80_000; d++) {
            assertTrue(seen.containsKey(d));
        }
    }

    @Test
    void probabilitiesOutsideZeroToOneAreRefusedNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomControlSampler.of(1, 1.5, 0.5));
        assertEquals("share must be in [0, 1], was 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RandomControlSampler.of(1, 0.5, Double.NaN));
        assertEquals("selectionProbability must be in [0, 1], was NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomControlSampler.of(1, -0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> RandomControlSampler.startingAt(1, 0.1, 0.5, -1));
    }
}
