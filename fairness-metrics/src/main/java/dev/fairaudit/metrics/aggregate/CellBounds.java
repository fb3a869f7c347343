package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.core.table.PublishedCell;
import dev.fairaudit.core.table.PublishedCount;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import java.util.Arrays;
import java.util.Map;

/**
 * The mergeable count state of one group from published counts: per {@link Cell}, the published number
 * (suppressed cells contribute nothing to it), the smallest and largest true count consistent with the
 * publication, and how many suppressed cells were added in. Immutable; {@link #empty()} is the identity of
 * {@link #merge(CellBounds)}, which is associative and commutative.
 */
public final class CellBounds {

    /** The upper bound of a cell whose true count has no known limit. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private static final CellBounds EMPTY = new CellBounds(new long[Cell.COUNT], new long[Cell.COUNT],
            new long[Cell.COUNT], new int[Cell.COUNT]);

    private final long[] published;
    private final long[] low;
    private final long[] high;
    private final int[] suppressed;

    private CellBounds(long[] published, long[] low, long[] high, int[] suppressed) {
        this.published = published;
        this.low = low;
        this.high = high;
        this.suppressed = suppressed;
    }

    /** No counts. */
    public static CellBounds empty() {
        return EMPTY;
    }

    /**
     * This state with one published row added.
     *
     * @param counts        the row's published cells (cells not published count as exactly 0)
     * @param rounding      published counts are true counts rounded to a multiple of this (1: exact)
     * @param suppressedMax the largest true count of a suppressed cell, or null when unknown
     */
    public CellBounds add(Map<PublishedCell, PublishedCount> counts, int rounding, Long suppressedMax) {
        if (rounding < 1) {
            throw new IllegalArgumentException("rounding must be >= 1, was " + rounding);
        }
        long[] p = new long[Cell.COUNT];
        long[] lo = new long[Cell.COUNT];
        long[] hi = new long[Cell.COUNT];
        int[] s = new int[Cell.COUNT];
        // Half the rounding on either side; for even roundings both ends are kept, so the bounds hold whether
        // the publisher rounded halves up, down or to even.
        long half = rounding / 2;
        counts.forEach((cell, c) -> {
            int i = cell.ordinal();
            if (c.suppressed()) {
                s[i] = 1;
                hi[i] = suppressedMax == null ? UNBOUNDED : suppressedMax;
            } else {
                p[i] = c.value();
                lo[i] = Math.max(0, c.value() - half);
                hi[i] = rounding == 1 ? c.value() : c.value() + half;
            }
        });
        return merge(new CellBounds(p, lo, hi, s));
    }

    /** The state of both together: published numbers and bounds add up. */
    public CellBounds merge(CellBounds other) {
        long[] p = new long[Cell.COUNT];
        long[] lo = new long[Cell.COUNT];
        long[] hi = new long[Cell.COUNT];
        int[] s = new int[Cell.COUNT];
        for (int i = 0; i < Cell.COUNT; i++) {
            p[i] = Math.addExact(published[i], other.published[i]);
            lo[i] = Math.addExact(low[i], other.low[i]);
            hi[i] = high[i] == UNBOUNDED || other.high[i] == UNBOUNDED ? UNBOUNDED
                    : Math.addExact(high[i], other.high[i]);
            s[i] = suppressed[i] + other.suppressed[i];
        }
        return new CellBounds(p, lo, hi, s);
    }

    /** The published count of a cell (suppressed parts left out). */
    public long published(Cell c) {
        return published[c.ordinal()];
    }

    /** The smallest true count of a cell. */
    public long low(Cell c) {
        return low[c.ordinal()];
    }

    /** The largest true count of a cell, or {@link #UNBOUNDED}. */
    public long high(Cell c) {
        return high[c.ordinal()];
    }

    /** Whether any part of a cell was suppressed. */
    public boolean suppressed(Cell c) {
        return suppressed[c.ordinal()] > 0;
    }

    /** Whether any of these cells was suppressed. */
    public boolean anySuppressed(Cell... cells) {
        for (Cell c : cells) {
            if (suppressed(c)) {
                return true;
            }
        }
        return false;
    }

    /** Sum of the lower bounds of some cells. */
    public long low(Cell... cells) {
        long t = 0;
        for (Cell c : cells) {
            t = Math.addExact(t, low(c));
        }
        return t;
    }

    /** Sum of the upper bounds of some cells, or {@link #UNBOUNDED}. */
    public long high(Cell... cells) {
        long t = 0;
        for (Cell c : cells) {
            if (high(c) == UNBOUNDED) {
                return UNBOUNDED;
            }
            t = Math.addExact(t, high(c));
        }
        return t;
    }

    /** Whether the published numbers are the true counts: no rounding slack and nothing suppressed. */
    public boolean exact() {
        return Arrays.equals(low, high) && Arrays.equals(low, published);
    }

    /** The published numbers as an outcome state (a suppressed cell counts nothing here; see the class note). */
    public OutcomeCounts publishedCounts() {
        return OutcomeCounts.ofRows(published[0], published[1], published[2], published[3], published[4],
                published[5]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellBounds b && Arrays.equals(published, b.published) && Arrays.equals(low, b.low)
                && Arrays.equals(high, b.high) && Arrays.equals(suppressed, b.suppressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(published) * 31 + Arrays.hashCode(high);
    }

    @Override
    public String toString() {
        return "CellBounds[published=" + Arrays.toString(published) + ", low=" + Arrays.toString(low) + ", high="
                + Arrays.toString(high) + ", suppressed=" + Arrays.toString(suppressed) + "]";
    }
}
