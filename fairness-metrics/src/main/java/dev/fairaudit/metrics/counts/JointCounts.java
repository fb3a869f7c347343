package dev.fairaudit.metrics.counts;

import dev.fairaudit.core.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Flat packed counts on the joint product of some categorical columns (outcome cell fastest, as
 * {@link CellCounter} packs them), keyed by dictionary codes, together with each column's dictionary. This is the
 * state {@link GroupedCounts} and {@link SplitCounts} keep while the chunks of a stream are merged: the chunks of
 * one stream share dictionaries that only grow, so merging two states is a sum of arrays (after a re-layout when
 * a dictionary grew), with no maps keyed by groups until the counts are read. States of tables with unrelated
 * dictionaries merge too: their codes are translated through the values. Immutable.
 */
final class JointCounts {

    private final List<List<String>> dictionaries;
    private final int[] cards;
    private final long[] n;
    // Sums of weights and of squared weights per packed cell; null when no row had a weight column.
    private final double[] w;
    private final double[] w2;

    private JointCounts(List<List<String>> dictionaries, int[] cards, long[] n, double[] w, double[] w2) {
        this.dictionaries = dictionaries;
        this.cards = cards;
        this.n = n;
        this.w = w;
        this.w2 = w2;
    }

    /**
     * Counts rows {@code [0, rows)} on the joint product of {@code columns}, or returns null when that product
     * (times the outcome cells) exceeds {@code maxCells}.
     */
    static JointCounts count(List<CategoricalColumn> columns, byte[] cells, double[] weights, int rows,
            long maxCells) {
        int[] cards = new int[columns.size()];
        List<List<String>> dictionaries = new ArrayList<>(columns.size());
        for (int i = 0; i < cards.length; i++) {
            cards[i] = Math.max(1, columns.get(i).cardinality());
            dictionaries.add(columns.get(i).dictionary());
        }
        long size = size(cards, maxCells);
        if (size < 0) {
            return null;
        }
        long[] n = new long[(int) size];
        double[] w = weights == null ? null : new double[n.length];
        double[] w2 = weights == null ? null : new double[n.length];
        if (rows > 0) {
            if (weights == null) {
                CellCounter.count(columns, cards, cells, rows, n);
            } else {
                CellCounter.countWeighted(columns, cards, cells, weights, rows, n, w, w2);
            }
        }
        return new JointCounts(List.copyOf(dictionaries), cards, n, w, w2);
    }

    /** The number of packed cells, or -1 when it exceeds {@code maxCells}. */
    private static long size(int[] cards, long maxCells) {
        long size = Cell.COUNT;
        for (int c : cards) {
            size *= c;
            if (size > maxCells) {
                return -1;
            }
        }
        return size;
    }

    /** The value of a code of a column. */
    String value(int column, int code) {
        return dictionaries.get(column).get(code);
    }

    /** Whether no row was counted. */
    boolean isEmpty() {
        for (long c : n) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Flat counts of some columns of a joint state: cardinalities, rows per packed cell, and the sums of weights
     * and squared weights (null when no row had a weight column, so they equal the rows).
     */
    record Marginal(int[] cards, long[] n, double[] w, double[] w2) {
    }

    /**
     * Sums these counts over every column not in {@code positions}; the result is laid out for the kept columns
     * in the order given.
     *
     * @throws IllegalArgumentException when the kept columns' product exceeds {@code maxCells}
     */
    Marginal marginal(int[] positions, long maxCells) {
        int[] mcards = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            mcards[i] = cards[positions[i]];
        }
        long[] mn = new long[CellCounter.cellCount(mcards, maxCells)];
        double[] mw = w == null ? null : new double[mn.length];
        double[] mw2 = w == null ? null : new double[mn.length];
        ChunkOutcomes.marginal(n, w, w2, cards, positions, CellCounter.strides(mcards), mn, mw, mw2);
        return new Marginal(mcards, mn, mw, mw2);
    }

    /**
     * The counts of both states' rows together, or null when the merged dictionaries' product exceeds
     * {@code maxCells}.
     *
     * @throws IllegalArgumentException when the two have a different number of columns
     */
    JointCounts merge(JointCounts other, long maxCells) {
        if (other.cards.length != cards.length) {
            throw new IllegalArgumentException("cannot merge joint counts of " + cards.length + " and "
                    + other.cards.length + " columns");
        }
        int d = cards.length;
        List<List<String>> merged = new ArrayList<>(d);
        int[][] mapThis = new int[d][];
        int[][] mapOther = new int[d][];
        int[] mergedCards = new int[d];
        for (int i = 0; i < d; i++) {
            List<String> a = dictionaries.get(i);
            List<String> b = other.dictionaries.get(i);
            // The chunks of one stream: one dictionary is the start of the other (the usual case, no translation).
            if (isPrefix(a, b)) {
                merged.add(b);
            } else if (isPrefix(b, a)) {
                merged.add(a);
            } else {
                List<String> union = new ArrayList<>(a);
                Map<String, Integer> index = new HashMap<>();
                for (int c = 0; c < a.size(); c++) {
                    index.putIfAbsent(a.get(c), c);
                }
                int[] map = new int[b.size()];
                for (int c = 0; c < b.size(); c++) {
                    Integer at = index.get(b.get(c));
                    if (at == null) {
                        at = union.size();
                        index.put(b.get(c), at);
                        union.add(b.get(c));
                    }
                    map[c] = at;
                }
                mapOther[i] = map;
                merged.add(List.copyOf(union));
            }
            mergedCards[i] = Math.max(1, merged.get(i).size());
        }
        long size = size(mergedCards, maxCells);
        if (size < 0) {
            return null;
        }
        boolean weighted = w != null || other.w != null;
        long[] sn = new long[(int) size];
        double[] sw = weighted ? new double[sn.length] : null;
        double[] sw2 = weighted ? new double[sn.length] : null;
        addInto(mapThis, mergedCards, sn, sw, sw2);
        other.addInto(mapOther, mergedCards, sn, sw, sw2);
        return new JointCounts(List.copyOf(merged), mergedCards, sn, sw, sw2);
    }

    private static boolean isPrefix(List<String> start, List<String> whole) {
        return start == whole
                || start.size() <= whole.size() && start.equals(whole.subList(0, start.size()));
    }

    /**
     * Adds these counts into arrays laid out for {@code targetCards}, each column's code translated by its map
     * (null: the same code).
     */
    private void addInto(int[][] maps, int[] targetCards, long[] tn, double[] tw, double[] tw2) {
        boolean sameLayout = Arrays.equals(cards, targetCards);
        for (int[] m : maps) {
            sameLayout &= m == null;
        }
        if (sameLayout) {
            addSame(tn, tw, tw2);
            return;
        }
        int[] strides = CellCounter.strides(cards);
        int[] targetStrides = CellCounter.strides(targetCards);
        for (int p = 0; p < n.length; p += Cell.COUNT) {
            int target = 0;
            for (int i = 0; i < cards.length; i++) {
                int code = (p / strides[i]) % cards[i];
                target += (maps[i] == null ? code : maps[i][code]) * targetStrides[i];
            }
            for (int c = 0; c < Cell.COUNT; c++) {
                tn[target + c] += n[p + c];
                if (tw != null) {
                    tw[target + c] += w == null ? n[p + c] : w[p + c];
                    tw2[target + c] += w == null ? n[p + c] : w2[p + c];
                }
            }
        }
    }

    private void addSame(long[] tn, double[] tw, double[] tw2) {
        for (int p = 0; p < n.length; p++) {
            tn[p] += n[p];
        }
        if (tw != null) {
            for (int p = 0; p < n.length; p++) {
                tw[p] += w == null ? n[p] : w[p];
                tw2[p] += w == null ? n[p] : w2[p];
            }
        }
    }
}
