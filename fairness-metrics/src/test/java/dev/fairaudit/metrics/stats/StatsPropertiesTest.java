package dev.fairaudit.metrics.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Optional;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties that must hold for all valid inputs, checked with QuickTheories. */
class StatsPropertiesTest {

    /** Successes {@code x} out of {@code n}, with {@code 0 <= x <= n} and {@code n > 0}. */
    record Counts(double x, double n) {
        double p() {
            return x / n;
        }

        @Override
        public String toString() {
            return x + "/" + n;
        }
    }

    /** Fractions of n, with the edges 0 and 1 generated often. */
    private static Gen<Double> fractions() {
        return doubles().between(0, 1).mix(Generate.pick(List.of(0.0, 1.0)), 20);
    }

    /** Integer counts up to {@code maxN}, and weighted (non-integer) counts. */
    private static Gen<Counts> counts(int maxN, double maxWeighted) {
        Gen<Counts> integer = integers().between(1, maxN)
                .zip(fractions(), (n, f) -> new Counts(Math.round(f * n), n));
        Gen<Counts> weighted = doubles().between(0.01, maxWeighted)
                .zip(fractions(), (n, f) -> new Counts(f * n, n));
        return integer.mix(weighted);
    }

    private static Gen<Counts> counts() {
        return counts(5000, 1e6);
    }

    private static Gen<Double> confidences() {
        return doubles().between(0.01, 0.9999).mix(Generate.constant(0.95), 30);
    }

    private static void assertInside(double lo, double hi, Interval i, String what) {
        assertTrue(lo <= i.lower() && i.upper() <= hi, () -> what + ": " + i + " not in [" + lo
                + ", " + hi + "]");
    }

    // ---------------------------------------------------------------- single proportion

    @Test
    void proportionIntervalsContainTheEstimateAndLieInTheUnitInterval() {
        qt().forAll(counts(), confidences()).checkAssert((c, conf) -> {
            for (Interval i : List.of(ProportionIntervals.wilson(c.x(), c.n(), conf),
                    ProportionIntervals.clopperPearson(c.x(), c.n(), conf))) {
                String what = i.method() + " " + c + " @" + conf;
                assertTrue(i.contains(c.p()), () -> what + ": " + i + " misses " + c.p());
                assertInside(0, 1, i, what);
            }
        });
    }

    @Test
    void proportionIntervalsNestAsConfidenceGrows() {
        qt().withExamples(300)
                .forAll(counts(), doubles().between(0.5, 0.99), doubles().between(0.001, 0.009))
                .checkAssert((c, conf, step) -> {
                    Interval narrowW = ProportionIntervals.wilson(c.x(), c.n(), conf);
                    Interval wideW = ProportionIntervals.wilson(c.x(), c.n(), conf + step);
                    assertTrue(wideW.lower() <= narrowW.lower() && narrowW.upper() <= wideW.upper(),
                            () -> c + ": " + narrowW + " not inside " + wideW);
                    Interval narrowE = ProportionIntervals.clopperPearson(c.x(), c.n(), conf);
                    Interval wideE = ProportionIntervals.clopperPearson(c.x(), c.n(), conf + step);
                    assertTrue(wideE.lower() <= narrowE.lower() && narrowE.upper() <= wideE.upper(),
                            () -> c + ": " + narrowE + " not inside " + wideE);
                });
    }

    @Test
    void proportionIntervalsAreSymmetricUnderSwappingSuccessAndFailure() {
        // The interval for (n - x)/n is 1 minus the interval for x/n, reversed.
        qt().forAll(counts(), confidences()).checkAssert((c, conf) -> {
            Interval w = ProportionIntervals.wilson(c.x(), c.n(), conf);
            Interval wf = ProportionIntervals.wilson(c.n() - c.x(), c.n(), conf);
            assertEquals(1 - w.upper(), wf.lower(), 1e-9, c::toString);
            assertEquals(1 - w.lower(), wf.upper(), 1e-9, c::toString);
            Interval e = ProportionIntervals.clopperPearson(c.x(), c.n(), conf);
            Interval ef = ProportionIntervals.clopperPearson(c.n() - c.x(), c.n(), conf);
            assertEquals(1 - e.upper(), ef.lower(), 1e-9, c::toString);
            assertEquals(1 - e.lower(), ef.upper(), 1e-9, c::toString);
        });
    }

    // ---------------------------------------------------------------- ratio

    @Test
    void katzIntervalIsPositiveFiniteAndContainsTheRatio() {
        qt().forAll(counts(), counts(), confidences()).checkAssert((a, b, conf) -> {
            Optional<Interval> o = RatioIntervals.katzLog(a.x(), a.n(), b.x(), b.n(), conf);
            assertEquals(a.x() > 0 && b.x() > 0, o.isPresent(), () -> a + " vs " + b);
            o.ifPresent(i -> {
                double ratio = a.p() / b.p();
                assertTrue(i.lower() > 0 && i.upper() < Double.POSITIVE_INFINITY, i::toString);
                // The bounds are exp(ln RR ± m); RR itself is computed by a different route,
                // so allow a few ulps.
                assertTrue(i.lower() <= ratio * (1 + 1e-12) && ratio <= i.upper() * (1 + 1e-12),
                        () -> a + " vs " + b + ": " + i + " misses " + ratio);
            });
        });
    }

    @Test
    void katzIntervalOfSwappedGroupsIsTheReciprocal() {
        qt().forAll(counts(), counts(), confidences()).checkAssert((a, b, conf) -> {
            Optional<Interval> ab = RatioIntervals.katzLog(a.x(), a.n(), b.x(), b.n(), conf);
            Optional<Interval> ba = RatioIntervals.katzLog(b.x(), b.n(), a.x(), a.n(), conf);
            assertEquals(ab.isPresent(), ba.isPresent());
            if (ab.isPresent()) {
                Interval i = ab.get();
                Interval j = ba.get();
                assertEquals(1.0, i.lower() * j.upper(), 1e-12, () -> i + " vs " + j);
                assertEquals(1.0, i.upper() * j.lower(), 1e-12, () -> i + " vs " + j);
            }
        });
    }

    // ---------------------------------------------------------------- difference

    @Test
    void newcombeIntervalContainsTheDifferenceAndLiesInMinusOneToOne() {
        qt().forAll(counts(), counts(), confidences()).checkAssert((a, b, conf) -> {
            Interval i = DifferenceIntervals.newcombe(a.x(), a.n(), b.x(), b.n(), conf);
            double d = a.p() - b.p();
            assertTrue(i.contains(d), () -> a + " vs " + b + ": " + i + " misses " + d);
            assertInside(-1, 1, i, a + " vs " + b);
        });
    }

    @Test
    void newcombeIntervalOfSwappedGroupsIsMirrored() {
        qt().forAll(counts(), counts(), confidences()).checkAssert((a, b, conf) -> {
            Interval ab = DifferenceIntervals.newcombe(a.x(), a.n(), b.x(), b.n(), conf);
            Interval ba = DifferenceIntervals.newcombe(b.x(), b.n(), a.x(), a.n(), conf);
            assertEquals(-ab.upper(), ba.lower(), 1e-15, () -> ab + " vs " + ba);
            assertEquals(-ab.lower(), ba.upper(), 1e-15, () -> ab + " vs " + ba);
        });
    }

    // ---------------------------------------------------------------- tests

    @Test
    void zTestIsTheSquareRootOfTheTwoByTwoChiSquared() {
        qt().forAll(counts(), counts()).checkAssert((a, b) -> {
            TestResult z = ProportionTests.twoProportionZ(a.x(), a.n(), b.x(), b.n());
            assertTrue(z.pValue() >= 0 && z.pValue() <= 1);
            Optional<TestResult> chi = ProportionTests.chiSquaredIndependence(new double[][] {
                {a.x(), a.n() - a.x()},
                {b.x(), b.n() - b.x()},
            });
            double pooled = (a.x() + b.x()) / (a.n() + b.n());
            if (chi.isEmpty()) {
                // Only when one outcome column is empty, i.e. the pooled proportion is 0 or 1.
                assertTrue(pooled == 0 || pooled == 1, () -> a + " vs " + b);
                assertEquals(1.0, z.pValue());
                assertEquals(0.0, z.statistic());
            } else {
                TestResult c = chi.get();
                double z2 = z.statistic() * z.statistic();
                assertEquals(c.statistic(), z2, 1e-9 * Math.max(1, c.statistic()),
                        () -> a + " vs " + b);
                assertEquals(c.pValue(), z.pValue(), 1e-9, () -> a + " vs " + b);
            }
        });
    }

    @Test
    void fisherAndComparePValuesAreProbabilitiesAndSymmetric() {
        Gen<Counts> small = counts(300, 300);
        qt().forAll(small, small).checkAssert((a, b) -> {
            TestResult ab = ProportionTests.fisherExact(a.x(), a.n(), b.x(), b.n());
            TestResult ba = ProportionTests.fisherExact(b.x(), b.n(), a.x(), a.n());
            assertTrue(ab.pValue() >= 0 && ab.pValue() <= 1);
            assertEquals(ab.pValue(), ba.pValue(), 1e-12, () -> a + " vs " + b);
            TestResult c = ProportionTests.compare(a.x(), a.n(), b.x(), b.n());
            assertTrue(c.pValue() >= 0 && c.pValue() <= 1);
            assertEquals(c.test().equals("fisher-exact") ? ab : ProportionTests.twoProportionZ(
                    a.x(), a.n(), b.x(), b.n()), c);
        });
    }

    @Test
    void chiSquaredAgreesWithCommonsOnRandomIntegerTables() {
        Gen<long[][]> tables = integers().between(2, 4).zip(integers().between(2, 4),
                integers().between(1, 10_000), (r, c, seed) -> {
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                    long[][] t = new long[r][c];
                    for (long[] row : t) {
                        for (int j = 0; j < c; j++) {
                            row[j] = 1 + rnd.nextInt(200);
                        }
                    }
                    return t;
                });
        qt().withExamples(300).forAll(tables).checkAssert(t -> {
            double[][] d = new double[t.length][];
            for (int i = 0; i < t.length; i++) {
                d[i] = java.util.Arrays.stream(t[i]).asDoubleStream().toArray();
            }
            TestResult ours = ProportionTests.chiSquaredIndependence(d).orElseThrow();
            var theirs = ChiSquareTest.withDefaults().test(t);
            assertEquals(theirs.getStatistic(), ours.statistic(), 1e-9 * theirs.getStatistic());
            assertEquals(theirs.getPValue(), ours.pValue(), 1e-9);
            assertEquals((t.length - 1) * (t[0].length - 1), ours.degreesOfFreedom());
        });
    }

    @Test
    void chiSquaredOnWeightedTablesGivesAProbability() {
        Gen<double[][]> tables = integers().between(1, 5).zip(integers().between(1, 5),
                integers().between(1, 10_000), (r, c, seed) -> {
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                    double[][] t = new double[r][c];
                    for (double[] row : t) {
                        for (int j = 0; j < c; j++) {
                            // about a quarter of the cells are empty, so whole rows or columns
                            // are sometimes empty and get dropped
                            row[j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 50;
                        }
                    }
                    return t;
                });
        qt().forAll(tables).checkAssert(t -> {
            int rows = 0;
            for (double[] row : t) {
                rows += java.util.Arrays.stream(row).sum() > 0 ? 1 : 0;
            }
            int columns = 0;
            for (int j = 0; j < t[0].length; j++) {
                double s = 0;
                for (double[] row : t) {
                    s += row[j];
                }
                columns += s > 0 ? 1 : 0;
            }
            Optional<TestResult> r = ProportionTests.chiSquaredIndependence(t);
            assertEquals(rows >= 2 && columns >= 2, r.isPresent());
            if (r.isPresent()) {
                assertEquals((rows - 1) * (columns - 1), r.get().degreesOfFreedom());
                assertTrue(r.get().statistic() >= 0);
                assertTrue(r.get().pValue() >= 0 && r.get().pValue() <= 1);
            }
        });
    }

    // ---------------------------------------------------------------- p-value adjustment

    @Test
    void adjustedPValuesAreValidMonotoneAndHolmIsAtLeastBH() {
        Gen<Double> p = doubles().between(0, 1).mix(Generate.pick(List.of(0.0, 1.0, 0.05)), 10);
        qt().forAll(lists().of(p).ofSizeBetween(0, 40)).checkAssert(list -> {
            double[] raw = list.stream().mapToDouble(Double::doubleValue).toArray();
            double[] holm = PValueAdjustment.HOLM.adjust(raw);
            double[] bh = PValueAdjustment.BENJAMINI_HOCHBERG.adjust(raw);
            double[] none = PValueAdjustment.NONE.adjust(raw);
            for (int i = 0; i < raw.length; i++) {
                assertEquals(raw[i], none[i]);
                for (double[] adj : List.of(holm, bh)) {
                    assertTrue(adj[i] >= raw[i] && adj[i] <= 1, () -> list.toString());
                }
                int k = i;
                assertTrue(holm[i] >= bh[i], () -> "Holm < BH at " + k + " for " + list);
                // Order preserving: a smaller raw p-value never gets a larger adjusted one.
                for (int j = 0; j < raw.length; j++) {
                    if (raw[i] <= raw[j]) {
                        assertTrue(holm[i] <= holm[j] && bh[i] <= bh[j], () -> list.toString());
                    }
                }
            }
        });
    }
}
