package dev.fairaudit.metrics.counts;

import dev.fairaudit.core.table.DecisionTable;

/**
 * Per-row outcome cells and weights of a chunk copied into primitive arrays by small loops of their own, so that
 * the methods counting a chunk hold no loop over rows besides the kernels of {@link CellCounter}: each compiles
 * quickly once, and none needs a long on-stack-replacement compilation.
 */
final class ChunkOutcomes {

    private ChunkOutcomes() {
    }

    /** Per row its {@link Cell} index. */
    static byte[] cells(DecisionTable table) {
        byte[] cells = new byte[table.rowCount()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (byte) Cell.index(table.selected(i), table.label(i));
        }
        return cells;
    }

    /** Per row its weight, or null when the table has no weight column. */
    static double[] weights(DecisionTable table) {
        if (!table.hasWeight()) {
            return null;
        }
        double[] weights = new double[table.rowCount()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = table.weight(i);
        }
        return weights;
    }

    /**
     * Sums joint packed counts over the attributes not kept: cell {@code p} of the joint array (cardinalities
     * {@code jointCards}, outcome cell fastest) goes to the cell of the kept attributes {@code positions} in an
     * array with strides {@code strides}. Weights are summed alike when not null.
     */
    static void marginal(long[] n, double[] w, double[] w2, int[] jointCards, int[] positions, int[] strides,
            long[] mn, double[] mw, double[] mw2) {
        int[] jointStrides = CellCounter.strides(jointCards);
        for (int p = 0; p < n.length; p += Cell.COUNT) {
            int target = 0;
            for (int i = 0; i < positions.length; i++) {
                target += (p / jointStrides[positions[i]]) % jointCards[positions[i]] * strides[i];
            }
            for (int c = 0; c < Cell.COUNT; c++) {
                mn[target + c] += n[p + c];
            }
            if (mw != null) {
                for (int c = 0; c < Cell.COUNT; c++) {
                    mw[target + c] += w[p + c];
                    mw2[target + c] += w2[p + c];
                }
            }
        }
    }
}
