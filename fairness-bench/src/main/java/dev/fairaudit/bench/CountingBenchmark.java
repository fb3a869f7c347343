package dev.fairaudit.bench;

import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.CellCounter;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The counting pass: how many rows per second {@link CellCounter} turns into packed outcome-cell counts, on
 * one thread.
 *
 * <p>The input is what {@code GroupCounter} hands the kernel: five dictionary-encoded categorical columns
 * (cardinalities {3, 4, 5, 2, 6}: 720 combinations, 4,320 packed cells with the six outcome
 * cells) plus the per-row outcome cell byte (0..5). Values are skewed (code {@code k} has weight
 * {@code 0.55^k}; outcome cells {@code 0.6^k}), as real protected attributes are, so a few packed cells take
 * most rows; this matters because consecutive increments of the same counter depend on each other.
 *
 * <p>Each benchmark reports two figures in {@link Mode#Throughput}: the primary score is calls per second
 * (one call counts all rows), and the secondary score {@code rowsCounted} is rows per second, the figure to
 * quote. The baseline {@link #naiveHashMap} counts the same kind of data the way a straightforward
 * implementation would, with a {@code HashMap<String, long[]>} keyed by the five string values of each row
 * joined together; the speedup is {@code count:rowsCounted / naiveHashMap:rowsCounted} at the same number of
 * rows (1,000,000).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class CountingBenchmark {

    /** Cardinalities of the five protected attributes. */
    static final int[] CARDINALITIES = {3, 4, 5, 2, 6};
    /** Seed of all generated data. */
    static final long SEED = 0x5EEDFA1AL;
    /** Skew of attribute codes: code {@code k} has weight {@code CODE_RATIO^k}. */
    static final double CODE_RATIO = 0.55;
    /** Skew of outcome cells: cell {@code k} has weight {@code CELL_RATIO^k}. */
    static final double CELL_RATIO = 0.6;

    /** String values of the five attributes, for the baseline. */
    static final String[][] DICTIONARIES = {
        {"White", "Black", "Other"},
        {"18-25", "26-40", "41-60", "61+"},
        {"North", "South", "East", "West", "Central"},
        {"Female", "Male"},
        {"Married", "Single", "Divorced", "Widowed", "Separated", "Unknown"},
    };

    /** Encoded columns, outcome cells, weights and the count arrays, built once per trial. */
    @State(Scope.Benchmark)
    public static class Data {
        /** Rows counted per call. */
        @Param({"10000000", "1000000"})
        public int rows;

        int[][] columns;
        byte[] cells;
        double[] weights;
        long[] counts;
        double[] weightSums;
        double[] squaredWeightSums;

        /** Generates the data from {@link #SEED}. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(SEED);
            columns = encodedColumns(random, rows);
            cells = BenchData.skewedBytes(random, rows, Cell.COUNT, CELL_RATIO);
            weights = new double[rows];
            for (int i = 0; i < rows; i++) {
                weights[i] = 0.5 + random.nextDouble() * 2;
            }
            int size = CellCounter.cellCount(CARDINALITIES, Integer.MAX_VALUE);
            counts = new long[size];
            weightSums = new double[size];
            squaredWeightSums = new double[size];
        }
    }

    /** The same kind of data as {@link Data}, decoded to string columns, for the baseline. */
    @State(Scope.Benchmark)
    public static class NaiveData {
        /** Rows counted per call. */
        @Param({"1000000"})
        public int naiveRows;

        String[][] columns;
        byte[] cells;

        /** Generates the data from {@link #SEED} (same rows as {@link Data} with as many rows) and decodes it. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(SEED);
            int[][] codes = encodedColumns(random, naiveRows);
            cells = BenchData.skewedBytes(random, naiveRows, Cell.COUNT, CELL_RATIO);
            columns = new String[codes.length][naiveRows];
            for (int a = 0; a < codes.length; a++) {
                for (int i = 0; i < naiveRows; i++) {
                    columns[a][i] = DICTIONARIES[a][codes[a][i]];
                }
            }
        }
    }

    /** Rows counted, reported by JMH per second as the secondary result {@code rowsCounted}. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class RowCounter {
        /** Rows counted in this iteration. */
        public long rowsCounted;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            rowsCounted = 0;
        }
    }

    static int[][] encodedColumns(SplittableRandom random, int rows) {
        int[][] columns = new int[CARDINALITIES.length][];
        for (int a = 0; a < CARDINALITIES.length; a++) {
            columns[a] = BenchData.skewedCodes(random, rows, CARDINALITIES[a], CODE_RATIO);
        }
        return columns;
    }

    /** {@link CellCounter#count}: unweighted rows per packed cell. */
    @Benchmark
    public long[] count(Data d, RowCounter rc) {
        CellCounter.count(d.columns, CARDINALITIES, d.cells, d.rows, d.counts);
        rc.rowsCounted += d.rows;
        return d.counts;
    }

    /** {@link CellCounter#countWeighted}: rows, sum of weights and sum of squared weights per packed cell. */
    @Benchmark
    public double[] countWeighted(Data d, RowCounter rc) {
        CellCounter.countWeighted(d.columns, CARDINALITIES, d.cells, d.weights, d.rows, d.counts, d.weightSums,
                d.squaredWeightSums);
        rc.rowsCounted += d.rows;
        return d.squaredWeightSums;
    }

    /**
     * Baseline: what a naive implementation does, a {@code HashMap<String, long[]>} keyed by the row's five
     * string values joined with '|', with one {@code long[6]} of outcome-cell counts per key.
     */
    @Benchmark
    public Map<String, long[]> naiveHashMap(NaiveData d, RowCounter rc) {
        String[][] c = d.columns;
        byte[] cells = d.cells;
        Map<String, long[]> counts = new HashMap<>();
        for (int i = 0; i < d.naiveRows; i++) {
            String key = c[0][i] + "|" + c[1][i] + "|" + c[2][i] + "|" + c[3][i] + "|" + c[4][i];
            counts.computeIfAbsent(key, k -> new long[Cell.COUNT])[cells[i]]++;
        }
        rc.rowsCounted += d.naiveRows;
        return counts;
    }
}
