package dev.fairaudit.metrics.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;

/** Laws of the association measures for all tables, checked with QuickTheories. */
class ProxyPropertiesTest {

    /** A table of 2-6 rows × 2-4 columns, counts 0-60 (some rows or columns may be empty), from a seed. */
    private static long[][] table(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long[][] t = new long[2 + r.nextInt(5)][2 + r.nextInt(3)];
        for (long[] row : t) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextInt(4) == 0 ? 0 : r.nextInt(61);
            }
        }
        return t;
    }

    @Test
    void chiSquaredAgreesWithApacheCommons() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            Contingency t = new Contingency(table(seed));
            if (t.defined()) {
                assertEquals(ChiSquareTest.withDefaults().statistic(t.table), t.chiSquared(),
                        1e-9 * Math.max(1, t.chiSquared()));
            }
        });
    }

    @Test
    void measuresAreInTheUnitInterval() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            Contingency t = new Contingency(table(seed));
            if (t.defined()) {
                double v = t.cramersV();
                assertTrue(Double.isNaN(v) || v >= 0 && v <= 1, "V " + v);
                double u = t.mutualInformation() / t.columnEntropy();
                assertTrue(u >= 0 && u <= 1 + 1e-12, "U " + u);
                double p = t.chiSquaredPValue();
                assertTrue(p >= 0 && p <= 1, "p " + p);
            }
        });
    }

    @Test
    void relabellingCategoriesAndTransposingChangeNothingSymmetric() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            long[][] raw = table(seed);
            Contingency t = new Contingency(raw);
            if (!t.defined()) {
                return;
            }
            long[][] reversed = new long[raw.length][];
            for (int i = 0; i < raw.length; i++) {
                reversed[i] = new long[raw[i].length];
                for (int j = 0; j < raw[i].length; j++) {
                    reversed[i][j] = raw[raw.length - 1 - i][raw[i].length - 1 - j];
                }
            }
            long[][] transposed = new long[raw[0].length][raw.length];
            for (int i = 0; i < raw.length; i++) {
                for (int j = 0; j < raw[i].length; j++) {
                    transposed[j][i] = raw[i][j];
                }
            }
            Contingency r = new Contingency(reversed);
            Contingency tr = new Contingency(transposed);
            assertEquals(t.chiSquared(), r.chiSquared(), 1e-9 * Math.max(1, t.chiSquared()));
            assertEquals(t.mutualInformation(), r.mutualInformation(), 1e-12);
            assertEquals(t.chiSquared(), tr.chiSquared(), 1e-9 * Math.max(1, t.chiSquared()));
            // Bergsma's V is symmetric in rows and columns; mutual information too (U is not).
            if (!Double.isNaN(t.cramersV())) {
                assertEquals(t.cramersV(), tr.cramersV(), 1e-12);
            }
            assertEquals(t.mutualInformation(), tr.mutualInformation(), 1e-12);
        });
    }
}
