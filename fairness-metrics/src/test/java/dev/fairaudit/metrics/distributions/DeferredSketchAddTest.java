package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Values added through {@link ValueSketch#addDeferred} give the same sketch, bit for bit, as the same values added
 * one by one with {@link ValueSketch#add(double, int)} in the same order, whatever reads, merges and direct adds
 * come between them: every bucket's count, and its sum (so its mean), which depends on the order of the values.
 */
class DeferredSketchAddTest {

    /**
     * Values that share buckets but differ in their last bits, so that a bucket's sum depends on the order they
     * are added in; zeros and negatives too.
     */
    private static double value(SplittableRandom rnd) {
        double[] bases = {0.1, 0.3, 0.7, 1e-3, 12.5, -0.42, 0.0};
        double base = bases[rnd.nextInt(bases.length)];
        // Within 1e-5 relative: the same bucket as the base (bucket width ~0.2%) unless the base lies on a bound.
        return base * (1 + rnd.nextInt(1000) * 1e-8);
    }

    @Test
    void deferredAddsEqualAddsOneByOneWithReadsAndMergesBetween() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            ValueSketch deferred = ValueSketch.empty();
            ValueSketch direct = ValueSketch.empty();
            // Up to three times the longest list of deferred values, so that a full list is applied on the way.
            int n = rnd.nextInt(3 * ValueSketch.MAX_DEFERRED + 2);
            for (int i = 0; i < n; i++) {
                double x = value(rnd);
                int bucket = ValueSketch.bucketOf(x);
                int what = rnd.nextInt(200);
                if (what == 0) {
                    assertSameSketch(direct, deferred, "read after " + i + " values, seed " + seed);
                } else if (what == 1) {
                    ValueSketch other = ValueSketch.empty();
                    ValueSketch otherDirect = ValueSketch.empty();
                    for (int k = rnd.nextInt(40); k > 0; k--) {
                        double y = value(rnd);
                        other.addDeferred(y, ValueSketch.bucketOf(y));
                        otherDirect.add(y, ValueSketch.bucketOf(y));
                    }
                    deferred.merge(other);
                    direct.merge(otherDirect);
                } else if (what == 2) {
                    deferred.add(x, bucket);
                    direct.add(x, bucket);
                } else {
                    deferred.addDeferred(x, bucket);
                    direct.add(x, bucket);
                }
                assertEquals(direct.count(), deferred.count());
            }
            assertSameSketch(direct, deferred, "seed " + seed);
            assertSameSketch(direct.copy(), deferred.copy(), "copies, seed " + seed);
        });
    }

    @Test
    void aSketchWithDeferredValuesMergesThemAndKeepsTheirOrder() {
        ValueSketch deferred = ValueSketch.empty();
        ValueSketch direct = ValueSketch.empty();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 2 * ValueSketch.MAX_DEFERRED + 17; i++) {
            double x = value(rnd);
            deferred.addDeferred(x, ValueSketch.bucketOf(x));
            direct.add(x, ValueSketch.bucketOf(x));
        }
        ValueSketch intoDeferred = ValueSketch.empty().merge(deferred);
        ValueSketch intoDirect = ValueSketch.empty().merge(direct);
        assertSameSketch(intoDirect, intoDeferred, "merged");
        assertEquals(direct.median(), deferred.median());
        assertEquals(direct.quantile(0.9), deferred.quantile(0.9));
    }

    /** The values of {@link #value} do make a bucket's mean depend on their order, so the tests above can fail. */
    @Test
    void theTestValuesMakeBucketMeansDependOnOrder() {
        SplittableRandom rnd = new SplittableRandom(11);
        double[] values = new double[3000];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(rnd);
        }
        ValueSketch forward = ValueSketch.empty();
        ValueSketch backward = ValueSketch.empty();
        for (int i = 0; i < values.length; i++) {
            forward.add(values[i], ValueSketch.bucketOf(values[i]));
            double y = values[values.length - 1 - i];
            backward.add(y, ValueSketch.bucketOf(y));
        }
        assertArrayEquals(forward.buckets().counts(), backward.buckets().counts());
        assertNotEquals(bits(forward.buckets().means()), bits(backward.buckets().means()));
    }

    private static String bits(double[] means) {
        StringBuilder b = new StringBuilder();
        for (double m : means) {
            b.append(Long.toHexString(Double.doubleToRawLongBits(m))).append(' ');
        }
        return b.toString();
    }

    private static void assertSameSketch(ValueSketch expected, ValueSketch actual, String where) {
        assertEquals(expected.count(), actual.count(), where);
        ValueSketch.Buckets e = expected.buckets();
        ValueSketch.Buckets a = actual.buckets();
        assertArrayEquals(e.keys(), a.keys(), where);
        assertArrayEquals(e.counts(), a.counts(), where);
        assertEquals(bits(e.means()), bits(a.means()), where);
    }
}
