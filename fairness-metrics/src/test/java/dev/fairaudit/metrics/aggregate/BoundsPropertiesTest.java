package dev.fairaudit.metrics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.fairaudit.core.table.PublishedCell;
import dev.fairaudit.core.table.PublishedCount;
import dev.fairaudit.metrics.IntervalMethod;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.Rates;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.ProportionIntervals;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The corner rule of {@link AggregateAudit#rateBounds} against brute force: enumerate every true count in the
 * box the published numbers allow, and take the minimum and maximum rate and the union of the intervals.
 */
class BoundsPropertiesTest {

    private static final int[] ROUNDINGS = {1, 2, 3, 5, 10};

    /** Published confusion cells: each value is a count, or -1 for suppressed. */
    private static Map<PublishedCell, PublishedCount> cells(List<Integer> v, int rounding) {
        Map<PublishedCell, PublishedCount> m = new EnumMap<>(PublishedCell.class);
        PublishedCell[] c = {PublishedCell.TP, PublishedCell.FP, PublishedCell.FN, PublishedCell.TN};
        for (int i = 0; i < 4; i++) {
            m.put(c[i], v.get(i) < 0 ? PublishedCount.SUPPRESSED : PublishedCount.of((long) v.get(i) * rounding));
        }
        return m;
    }

    @Test
    void cornersGiveTheSameRangeAndIntervalUnionAsEnumeratingTheBox() {
        qt().withExamples(150).forAll(lists().of(integers().between(-1, 4)).ofSize(4), integers().between(0, 4),
                integers().between(0, 4)).checkAssert((v, r, sMax) -> {
                    int rounding = ROUNDINGS[r];
                    CellBounds b = CellBounds.empty().add(cells(v, rounding), rounding, (long) sMax);
                    for (Metric m : Metric.values()) {
                        check(b, m);
                    }
                });
    }

    private static void check(CellBounds b, Metric m) {
        RateBounds got = AggregateAudit.rateBounds(GroupKey.OVERALL, b, m, IntervalMethod.WILSON);
        List<Cell> num = List.of(Rates.numeratorCells(m));
        List<Cell> den = List.of(Rates.denominatorCells(m));
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double ciLow = Double.POSITIVE_INFINITY;
        double ciHigh = Double.NEGATIVE_INFINITY;
        boolean zero = false;
        long[] lo = new long[4];
        long[] hi = new long[4];
        for (int i = 0; i < 4; i++) {
            lo[i] = b.low(Cell.of(i));
            hi[i] = b.high(Cell.of(i));
        }
        for (long c0 = lo[0]; c0 <= hi[0]; c0++) {
            for (long c1 = lo[1]; c1 <= hi[1]; c1++) {
                for (long c2 = lo[2]; c2 <= hi[2]; c2++) {
                    for (long c3 = lo[3]; c3 <= hi[3]; c3++) {
                        long[] c = {c0, c1, c2, c3};
                        long x = 0;
                        long n = 0;
                        for (int i = 0; i < 4; i++) {
                            if (num.contains(Cell.of(i))) {
                                x += c[i];
                            }
                            if (den.contains(Cell.of(i))) {
                                n += c[i];
                            }
                        }
                        if (n == 0) {
                            zero = true;
                            continue;
                        }
                        double rate = (double) x / n;
                        Interval w = ProportionIntervals.wilson(x, n);
                        min = Math.min(min, rate);
                        max = Math.max(max, rate);
                        ciLow = Math.min(ciLow, w.lower());
                        ciHigh = Math.max(ciHigh, w.upper());
                    }
                }
            }
        }
        String what = m.key() + " " + b;
        if (hi[0] + hi[1] + hi[2] + hi[3] == 0) {
            assertEquals(Status.UNDEFINED_EMPTY_GROUP, got.status(), what);
            return;
        }
        if (min == Double.POSITIVE_INFINITY) {
            assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, got.status(), what);
            return;
        }
        assertEquals(Status.OK, got.status(), what);
        assertEquals(min, got.lower(), 1e-12, what);
        assertEquals(max, got.upper(), 1e-12, what);
        assertEquals(ciLow, got.ci95().lower(), 1e-12, what);
        assertEquals(ciHigh, got.ci95().upper(), 1e-12, what);
        assertEquals(zero, got.denominatorCanBeZero(), what);
    }

    @Test
    void mergeOfBoundsIsCommutativeAndAssociativeWithEmptyAsIdentity() {
        qt().withExamples(200).forAll(lists().of(integers().between(-1, 50)).ofSize(4),
                lists().of(integers().between(-1, 50)).ofSize(4), lists().of(integers().between(-1, 50)).ofSize(4))
                .checkAssert((x, y, z) -> {
                    CellBounds a = CellBounds.empty().add(cells(x, 10), 10, 9L);
                    CellBounds b = CellBounds.empty().add(cells(y, 10), 10, 9L);
                    CellBounds c = CellBounds.empty().add(cells(z, 10), 10, null);
                    assertEquals(a.merge(b), b.merge(a));
                    assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
                    assertEquals(a, a.merge(CellBounds.empty()));
                });
    }
}
