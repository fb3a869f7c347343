package dev.fairaudit.metrics.proxy;

import dev.fairaudit.core.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Feature pairs counted by column codes in the same pass as the single features, so that the pairs chosen after
 * that pass need no second pass over the rows: for every pair of features that may still be paired and every
 * protected attribute, rows per (code of the first feature, code of the second, attribute code, fold, decision).
 * Once the binning is known, {@link #coarsenInto} adds every code cell to its binned pair category; since a
 * binning maps each code to one category, the result equals counting the binned pairs row by row.
 *
 * <p>Bounded: a categorical feature with more codes than {@code maxCategoricalCodes} can never be paired
 * ({@link ProxySettings#maxPairFeatureCategories()}) and is dropped; a numeric feature is binned into few
 * categories but may have many codes, so it is kept while the cells of all pairs fit in {@code maxCells}. When
 * they do not, the feature with the most codes is dropped (its pairs, if chosen, are then counted by a second
 * pass). The time is bounded too: each row costs one increment per kept pair and attribute, and when that
 * would exceed {@code maxUpdatesPerRow} (many pairable features), features are dropped the same way, so the
 * first pass never costs more than a bounded multiple of the single-feature counts. Dictionaries only grow, so
 * a dropped feature stays dropped. Memory is at most {@code maxCells} longs, whatever the number of rows.
 *
 * <p>Filled only through {@link ProxyCounts}, which numbers the rows and assigns their folds.
 */
final class PairCodeCounts {

    /** The default cell budget: 2<sup>22</sup> counts, 32 MB. */
    static final long DEFAULT_MAX_CELLS = 1L << 22;

    /**
     * The default bound on increments per row (kept pairs × attributes): 512, about 32 pairable features with one
     * attribute or 18 with three. Above it, a second pass over the rows (which counts only the chosen pairs) is
     * likely to be cheaper than counting every candidate pair (docs/performance.md, item 5).
     */
    static final int DEFAULT_MAX_UPDATES_PER_ROW = 512;

    private final List<String> features;
    private final boolean[] numeric;
    private final int attributes;
    private final int folds;
    private final int maxCategoricalCodes;
    private final long maxCells;
    private final int maxUpdatesPerRow;
    private final boolean[] dropped;
    /** Code capacity per feature, value capacity per attribute: the grid dimensions. */
    private final int[] codeCapacity;
    private final int[] valueCapacity;
    /** Codes seen per feature (dictionary size). */
    private final int[] codesSeen;
    /** [first feature][second feature][attribute] → [code1][code2][value][fold][decision]; null when not counted. */
    private final long[][][][] grids;

    PairCodeCounts(List<String> features, Set<String> numericFeatures, int attributes, int folds,
            int maxCategoricalCodes, long maxCells, int maxUpdatesPerRow) {
        if (maxCategoricalCodes < 2) {
            throw new IllegalArgumentException("maxCategoricalCodes must be >= 2, was " + maxCategoricalCodes);
        }
        if (maxUpdatesPerRow < 1) {
            throw new IllegalArgumentException("maxUpdatesPerRow must be >= 1, was " + maxUpdatesPerRow);
        }
        if (maxCells < 1 || maxCells > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxCells must be in [1, 2^31 - 1], was " + maxCells);
        }
        this.features = List.copyOf(features);
        int k = features.size();
        this.numeric = new boolean[k];
        for (int i = 0; i < k; i++) {
            numeric[i] = numericFeatures.contains(features.get(i));
        }
        this.attributes = attributes;
        this.folds = folds;
        this.maxCategoricalCodes = maxCategoricalCodes;
        this.maxCells = maxCells;
        this.maxUpdatesPerRow = maxUpdatesPerRow;
        this.dropped = new boolean[k];
        this.codeCapacity = new int[k];
        this.valueCapacity = new int[attributes];
        this.codesSeen = new int[k];
        this.grids = new long[k][k][][];
    }

    /** An empty state with the same features, limits and drops as this one. */
    private PairCodeCounts emptyLike() {
        Set<String> numericNames = new java.util.HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            if (numeric[i]) {
                numericNames.add(features.get(i));
            }
        }
        return new PairCodeCounts(features, numericNames, attributes, folds, maxCategoricalCodes, maxCells,
                maxUpdatesPerRow);
    }

    /** Whether the pair of features (in declared order) is counted: both were never dropped. */
    boolean covers(String first, String second) {
        int i = features.indexOf(first);
        int j = features.indexOf(second);
        return i >= 0 && j >= 0 && i != j && !dropped[i] && !dropped[j];
    }

    /** The counts allocated, all pairs and attributes. */
    long cells() {
        return allocated(codeCapacity, valueCapacity);
    }

    private long allocated(int[] codes, int[] values) {
        long perCodePair = 0;
        for (int v : values) {
            perCodePair += (long) v * folds * 2;
        }
        long total = 0;
        for (int i = 0; i < codes.length; i++) {
            for (int j = i + 1; j < codes.length; j++) {
                if (!dropped[i] && !dropped[j]) {
                    total += (long) codes[i] * codes[j] * perCodePair;
                }
            }
        }
        return total;
    }

    /**
     * Counts a chunk of {@code n} rows. The arrays are the caller's (reused across chunks, so they may be longer
     * than {@code n}); none is kept.
     *
     * @param featureColumns   the columns of the features, in declared order
     * @param featureCodes     per feature, its codes (a copy of the column's)
     * @param attributeColumns the attribute columns, in the state's order
     * @param inner            per attribute, per row: attribute code × (folds × 2) + fold × 2 + (1 when selected)
     * @param unit             scratch of at least {@code n} elements
     * @param n                the number of rows
     */
    void add(CategoricalColumn[] featureColumns, int[][] featureCodes, CategoricalColumn[] attributeColumns,
            int[][] inner, int[] unit, int n) {
        int k = features.size();
        int[] codes = new int[k];
        int[] values = new int[attributes];
        for (int i = 0; i < k; i++) {
            codesSeen[i] = Math.max(codesSeen[i], featureColumns[i].cardinality());
            if (!numeric[i] && codesSeen[i] > maxCategoricalCodes) {
                drop(i);
            }
            codes[i] = grownCapacity(codeCapacity[i], codesSeen[i]);
        }
        for (int a = 0; a < attributes; a++) {
            values[a] = grownCapacity(valueCapacity[a], attributeColumns[a].cardinality());
        }
        fit(codes, values);
        int pairs = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (grids[i][j] != null) {
                    pairs++;
                }
            }
        }
        if (pairs == 0 || n == 0) {
            return;
        }
        int perValue = folds * 2;
        for (int i = 0; i < k; i++) {
            if (dropped[i]) {
                continue;
            }
            for (int j = i + 1; j < k; j++) {
                if (dropped[j]) {
                    continue;
                }
                long[][] perAttribute = grids[i][j];
                // One sweep per attribute: fusing three attributes into one loop was slower (1M rows, thread CPU
                // time 278-296 against 201-243 ms), likely because three increments per row in one loop cannot be
                // proven independent and are not overlapped.
                packCodes(featureCodes[i], featureCodes[j], codeCapacity[j], unit, n);
                for (int a = 0; a < attributes; a++) {
                    increment(perAttribute[a], unit, valueCapacity[a] * perValue, inner[a], n);
                }
            }
        }
    }

    /** Per row: first code × width + second code. */
    private static void packCodes(int[] first, int[] second, int width, int[] unit, int n) {
        for (int r = 0; r < n; r++) {
            unit[r] = first[r] * width + second[r];
        }
    }

    /** The counting kernel: one increment per row at unit × stride + inner. */
    private static void increment(long[] cells, int[] unit, int stride, int[] inner, int n) {
        for (int r = 0; r < n; r++) {
            cells[unit[r] * stride + inner[r]]++;
        }
    }

    /**
     * Drops the feature with the most codes (the later one on ties) until the kept pairs fit in the cells and the
     * increments per row, then lays out.
     */
    private void fit(int[] codes, int[] values) {
        while (allocated(codes, values) > maxCells || (long) keptPairs() * attributes > maxUpdatesPerRow) {
            int widest = -1;
            for (int i = 0; i < codes.length; i++) {
                if (!dropped[i] && (widest < 0 || codes[i] >= codes[widest])) {
                    widest = i;
                }
            }
            drop(widest);
        }
        resize(codes, values);
    }

    private int keptPairs() {
        int kept = 0;
        for (boolean d : dropped) {
            kept += d ? 0 : 1;
        }
        return kept * (kept - 1) / 2;
    }

    /** Capacity for {@code needed}: unchanged when it fits, else at least doubled, so growth copies rarely. */
    private static int grownCapacity(int capacity, int needed) {
        if (needed <= capacity) {
            return capacity;
        }
        return capacity == 0 ? needed : Math.max(needed, (int) Math.min(Integer.MAX_VALUE / 2, 2L * capacity));
    }

    private void drop(int feature) {
        dropped[feature] = true;
        for (int j = 0; j < features.size(); j++) {
            grids[feature][j] = null;
            grids[j][feature] = null;
        }
    }

    /** Lays the grids out for the new capacities, keeping their counts. */
    private void resize(int[] codes, int[] values) {
        int k = features.size();
        int perValue = folds * 2;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                if (dropped[i] || dropped[j]) {
                    continue;
                }
                // A kept pair's grid is null only before the first chunk: pairs are dropped, never added.
                long[][] old = grids[i][j];
                if (old != null && codes[i] == codeCapacity[i] && codes[j] == codeCapacity[j]
                        && Arrays.equals(values, valueCapacity)) {
                    continue;
                }
                long[][] grown = new long[attributes][];
                for (int a = 0; a < attributes; a++) {
                    int stride = values[a] * perValue;
                    grown[a] = new long[Math.multiplyExact(Math.multiplyExact(codes[i], codes[j]), stride)];
                    if (old != null) {
                        int oldStride = valueCapacity[a] * perValue;
                        for (int c1 = 0; c1 < codeCapacity[i]; c1++) {
                            for (int c2 = 0; c2 < codeCapacity[j]; c2++) {
                                System.arraycopy(old[a], (c1 * codeCapacity[j] + c2) * oldStride, grown[a],
                                        (c1 * codes[j] + c2) * stride, oldStride);
                            }
                        }
                    }
                }
                grids[i][j] = grown;
            }
        }
        System.arraycopy(codes, 0, codeCapacity, 0, k);
        System.arraycopy(values, 0, valueCapacity, 0, attributes);
    }

    /** The rows with these codes, attribute value, fold and decision, for a counted pair (i declared before j). */
    private long count(int i, int j, int attribute, int code1, int code2, int value, int foldAndDecision) {
        long[] cells = grids[i][j][attribute];
        int stride = valueCapacity[attribute] * folds * 2;
        return cells[(code1 * codeCapacity[j] + code2) * stride + value * folds * 2 + foldAndDecision];
    }

    /**
     * Adds the counts of a covered pair to a pair state, every code cell to its binned category.
     *
     * @param target        the pair state
     * @param unit          the pair's unit in the target
     * @param first         the pair's first feature
     * @param second        the pair's second feature
     * @param firstBinning  the binning of the first feature
     * @param secondBinning the binning of the second feature
     * @throws IllegalArgumentException when the pair was not counted ({@link #covers})
     */
    void coarsenInto(ProxyCounts target, int unit, String first, String second, FeatureBinning firstBinning,
            FeatureBinning secondBinning) {
        if (!covers(first, second)) {
            throw new IllegalArgumentException("pair " + first + ", " + second + " was not counted by codes");
        }
        int i = features.indexOf(first);
        int j = features.indexOf(second);
        boolean swapped = i > j;
        int lo = Math.min(i, j);
        int hi = Math.max(i, j);
        int width = secondBinning.categories();
        int perValue = folds * 2;
        for (int a = 0; a < attributes; a++) {
            for (int c1 = 0; c1 < codesSeen[lo]; c1++) {
                for (int c2 = 0; c2 < codesSeen[hi]; c2++) {
                    int category = swapped ? firstBinning.category(c2) * width + secondBinning.category(c1)
                            : firstBinning.category(c1) * width + secondBinning.category(c2);
                    for (int v = 0; v < valueCapacity[a]; v++) {
                        for (int fd = 0; fd < perValue; fd++) {
                            long c = count(lo, hi, a, c1, c2, v, fd);
                            if (c != 0) {
                                target.addCount(unit, a, category, v, fd / 2, fd % 2, c);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A new state holding the counts of both; a pair is kept only when both kept it. */
    PairCodeCounts merge(PairCodeCounts other) {
        if (!features.equals(other.features) || attributes != other.attributes || folds != other.folds
                || !Arrays.equals(numeric, other.numeric) || maxCategoricalCodes != other.maxCategoricalCodes
                || maxCells != other.maxCells || maxUpdatesPerRow != other.maxUpdatesPerRow) {
            throw new IllegalArgumentException("cannot merge pair counts of different features, attributes, folds or"
                    + " limits");
        }
        PairCodeCounts merged = emptyLike();
        int k = features.size();
        int[] codes = new int[k];
        int[] values = new int[attributes];
        for (int i = 0; i < k; i++) {
            merged.codesSeen[i] = Math.max(codesSeen[i], other.codesSeen[i]);
            codes[i] = Math.max(codeCapacity[i], other.codeCapacity[i]);
            if (dropped[i] || other.dropped[i]) {
                merged.drop(i);
            }
        }
        for (int a = 0; a < attributes; a++) {
            values[a] = Math.max(valueCapacity[a], other.valueCapacity[a]);
        }
        merged.fit(codes, values);
        for (PairCodeCounts part : List.of(this, other)) {
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    if (merged.grids[i][j] == null || part.grids[i][j] == null) {
                        continue;
                    }
                    for (int a = 0; a < attributes; a++) {
                        int stride = part.valueCapacity[a] * folds * 2;
                        int mergedStride = values[a] * folds * 2;
                        for (int c1 = 0; c1 < part.codeCapacity[i]; c1++) {
                            for (int c2 = 0; c2 < part.codeCapacity[j]; c2++) {
                                int from = (c1 * part.codeCapacity[j] + c2) * stride;
                                int to = (c1 * codes[j] + c2) * mergedStride;
                                for (int x = 0; x < stride; x++) {
                                    merged.grids[i][j][a][to + x] += part.grids[i][j][a][from + x];
                                }
                            }
                        }
                    }
                }
            }
        }
        return merged;
    }

    /** The features still counted, in declared order. */
    List<String> kept() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            if (!dropped[i]) {
                out.add(features.get(i));
            }
        }
        return out;
    }
}
