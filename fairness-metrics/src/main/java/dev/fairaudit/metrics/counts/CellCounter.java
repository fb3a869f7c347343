package dev.fairaudit.metrics.counts;

import dev.fairaudit.core.table.CategoricalColumn;
import java.util.List;

/**
 * The counting kernel: from dictionary-encoded columns and a per-row outcome cell, counts rows per packed
 * cell {@code ((code_0 * card_1 + code_1) * card_2 + ...) * 6 + cell} in a flat {@code long[]}. No maps, no
 * per-row allocation; the packed index is computed a block of rows at a time, column by column, which the JIT
 * compiles to vector instructions.
 */
public final class CellCounter {

    private static final int BLOCK = 2048;

    private CellCounter() {
    }

    /**
     * The number of packed cells for these cardinalities (times {@link Cell#COUNT}).
     *
     * @throws IllegalArgumentException when the product exceeds {@code maxCells}
     */
    public static int cellCount(int[] cardinalities, long maxCells) {
        long product = Cell.COUNT;
        for (int c : cardinalities) {
            product *= Math.max(1, c);
            if (product > maxCells) {
                throw new IllegalArgumentException("the product of the cardinalities exceeds " + maxCells
                        + " cells");
            }
        }
        return (int) product;
    }

    /**
     * Counts rows {@code [0, rows)}.
     *
     * @param columns       per attribute, the codes of each row
     * @param cardinalities per attribute, the number of codes
     * @param cells         per row, the {@link Cell} index
     * @param rows          how many rows to count
     * @param counts        the flat counts to add to, of length {@link #cellCount(int[], long)}
     */
    public static void count(int[][] columns, int[] cardinalities, byte[] cells, int rows, long[] counts) {
        count(columns, null, cardinalities, cells, null, rows, counts, null, null);
    }

    /**
     * Counts rows {@code [0, rows)} of columns read a block at a time ({@link CategoricalColumn#copyCodes(int,
     * int[], int, int)}), so no copy of a whole column is made.
     *
     * @param columns       the attributes' columns, each of at least {@code rows} rows
     * @param cardinalities per attribute, the number of codes
     * @param cells         per row, the {@link Cell} index
     * @param rows          how many rows to count
     * @param counts        the flat counts to add to, of length {@link #cellCount(int[], long)}
     */
    public static void count(List<CategoricalColumn> columns, int[] cardinalities, byte[] cells, int rows,
            long[] counts) {
        count(null, columns.toArray(CategoricalColumn[]::new), cardinalities, cells, null, rows, counts, null, null);
    }

    /**
     * Counts weighted rows {@code [0, rows)}: rows, sum of weights and sum of squared weights per packed cell.
     */
    public static void countWeighted(int[][] columns, int[] cardinalities, byte[] cells, double[] weights,
            int rows, long[] counts, double[] weightSums, double[] squaredWeightSums) {
        count(columns, null, cardinalities, cells, weights, rows, counts, weightSums, squaredWeightSums);
    }

    /** As {@link #countWeighted(int[][], int[], byte[], double[], int, long[], double[], double[])}, of columns. */
    public static void countWeighted(List<CategoricalColumn> columns, int[] cardinalities, byte[] cells,
            double[] weights, int rows, long[] counts, double[] weightSums, double[] squaredWeightSums) {
        count(null, columns.toArray(CategoricalColumn[]::new), cardinalities, cells, weights, rows, counts,
                weightSums, squaredWeightSums);
    }

    /** The kernel: codes from {@code arrays}, or (when it is null) from {@code columns}; weighted when given. */
    private static void count(int[][] arrays, CategoricalColumn[] columns, int[] cardinalities, byte[] cells,
            double[] weights, int rows, long[] counts, double[] weightSums, double[] squaredWeightSums) {
        int[] strides = strides(cardinalities);
        int[] index = new int[BLOCK];
        int[] scratch = new int[BLOCK];
        for (int start = 0; start < rows; start += BLOCK) {
            int len = Math.min(BLOCK, rows - start);
            packBlock(arrays, columns, strides, cells, start, len, index, scratch);
            if (weights == null) {
                for (int i = 0; i < len; i++) {
                    counts[index[i]]++;
                }
            } else {
                for (int i = 0; i < len; i++) {
                    int at = index[i];
                    double w = weights[start + i];
                    counts[at]++;
                    weightSums[at] += w;
                    squaredWeightSums[at] += w * w;
                }
            }
        }
    }

    /**
     * Packed indices of rows {@code [start, start + len)}, column by column. Each column block is first copied
     * to {@code scratch} at offset 0: with both arrays read from the same offset, the JIT (Java 17's
     * superword pass) can prove they do not overlap and emits vector multiply-adds; reading the column at
     * {@code start + i} while writing at {@code i} keeps the loop scalar. The block comes from {@code arrays}
     * when given, else from the column itself (no copy of the whole column).
     */
    private static void packBlock(int[][] arrays, CategoricalColumn[] columns, int[] strides, byte[] cells,
            int start, int len, int[] index, int[] scratch) {
        for (int i = 0; i < len; i++) {
            index[i] = cells[start + i];
        }
        for (int a = 0; a < strides.length; a++) {
            if (arrays != null) {
                System.arraycopy(arrays[a], start, scratch, 0, len);
            } else {
                columns[a].copyCodes(start, scratch, 0, len);
            }
            int stride = strides[a];
            for (int i = 0; i < len; i++) {
                index[i] += scratch[i] * stride;
            }
        }
    }

    /** Per attribute, the step of its code in the packed index (the outcome cell varies fastest). */
    static int[] strides(int[] cardinalities) {
        int[] strides = new int[cardinalities.length];
        int stride = Cell.COUNT;
        for (int a = cardinalities.length - 1; a >= 0; a--) {
            strides[a] = stride;
            stride *= Math.max(1, cardinalities[a]);
        }
        return strides;
    }
}
