package dev.fairaudit.metrics.counts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.fairaudit.core.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The counting kernel read from columns a block at a time counts what a row-by-row loop counts. */
class CellCounterColumnsTest {

    private static final int[] CARDS = {3, 7, 2};

    /** Rows spanning several blocks of 2,048 and a partial last block; the columns are one row longer. */
    private static final int ROWS = 2 * 2048 + 517;

    @Test
    void countsFromColumnsEqualARowByRowCountAndTheArrayKernel() {
        Random rnd = new Random(7);
        List<CategoricalColumn> columns = columns(rnd);
        byte[] cells = cells(rnd);
        int size = CellCounter.cellCount(CARDS, Long.MAX_VALUE);

        long[] fromColumns = new long[size];
        CellCounter.count(columns, CARDS, cells, ROWS, fromColumns);
        long[] fromArrays = new long[size];
        CellCounter.count(columns.stream().map(CategoricalColumn::codes).toArray(int[][]::new), CARDS, cells, ROWS,
                fromArrays);

        long[] expected = new long[size];
        for (int r = 0; r < ROWS; r++) {
            expected[packed(columns, cells, r)]++;
        }
        assertArrayEquals(expected, fromColumns);
        assertArrayEquals(expected, fromArrays);
    }

    @Test
    void weightedCountsFromColumnsEqualARowByRowSum() {
        Random rnd = new Random(11);
        List<CategoricalColumn> columns = columns(rnd);
        byte[] cells = cells(rnd);
        double[] weights = new double[ROWS + 1];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = 0.25 * (1 + rnd.nextInt(8)); // exact in binary, so sums do not depend on order
        }
        int size = CellCounter.cellCount(CARDS, Long.MAX_VALUE);
        long[] n = new long[size];
        double[] w = new double[size];
        double[] w2 = new double[size];
        CellCounter.countWeighted(columns, CARDS, cells, weights, ROWS, n, w, w2);

        long[] en = new long[size];
        double[] ew = new double[size];
        double[] ew2 = new double[size];
        for (int r = 0; r < ROWS; r++) {
            int at = packed(columns, cells, r);
            en[at]++;
            ew[at] += weights[r];
            ew2[at] += weights[r] * weights[r];
        }
        assertArrayEquals(en, n);
        assertArrayEquals(ew, w, 0.0);
        assertArrayEquals(ew2, w2, 0.0);
    }

    /** The packed index as the class Javadoc defines it: ((c0 * card1 + c1) * card2 + c2) * 6 + cell. */
    private static int packed(List<CategoricalColumn> columns, byte[] cells, int row) {
        int at = 0;
        for (int a = 0; a < columns.size(); a++) {
            at = at * CARDS[a] + columns.get(a).code(row);
        }
        return at * Cell.COUNT + cells[row];
    }

    private static List<CategoricalColumn> columns(Random rnd) {
        List<CategoricalColumn> columns = new ArrayList<>();
        for (int a = 0; a < CARDS.length; a++) {
            List<String> dictionary = new ArrayList<>();
            for (int c = 0; c < CARDS[a]; c++) {
                dictionary.add("v" + c);
            }
            int[] codes = new int[ROWS + 1];
            for (int r = 0; r < codes.length; r++) {
                codes[r] = rnd.nextInt(CARDS[a]);
            }
            columns.add(new CategoricalColumn("a" + a, dictionary, codes, -1));
        }
        return columns;
    }

    private static byte[] cells(Random rnd) {
        byte[] cells = new byte[ROWS + 1];
        for (int r = 0; r < cells.length; r++) {
            cells[r] = (byte) rnd.nextInt(Cell.COUNT);
        }
        return cells;
    }
}
