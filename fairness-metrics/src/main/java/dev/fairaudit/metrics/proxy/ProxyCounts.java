package dev.fairaudit.metrics.proxy;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mergeable count state behind proxy screening: for every screened unit (one feature, or a pair of
 * features) and every protected attribute, rows per (unit category, attribute value, fold, decision). Memory is
 * O(cells), never O(rows).
 *
 * <p>Single features are counted per column code; pairs are counted per combination of the two features'
 * categories after {@link FeatureBinning}, so a pair state is built from the binning of a single-feature state
 * (from the pair counts by codes of {@link #countingPairs}, or a second pass over the rows). The fold of a row
 * is a seeded hash of its index in the input, so feeding tables in turn ({@link #add(DecisionTable)} continues
 * the numbering) gives the same state as feeding them joined; so does {@link #merge(ProxyCounts)} of a state
 * filled from rows {@code 0..n-1} with one whose first row was given as {@code n}. Tables fed in turn must share
 * dictionaries (later ones may extend them).
 *
 * <p>A single-feature state made with {@link #countingPairs} also counts every pair of features that may be
 * screened by their column codes, in the same pass, within a bounded number of cells; {@link ProxyScreening}
 * then forms the pair state from those counts once the binning is known, without a second pass.
 */
public final class ProxyCounts {

    private final List<List<String>> units;
    private final List<String> attributes;
    private final int folds;
    private final long seed;
    private final Map<String, FeatureBinning> binning;
    private final Grid[][] grids;
    private final List<List<String>> unitDictionaries;
    private final int[] unitMissingCodes;
    private final List<List<String>> attributeDictionaries;
    private long rows;
    private long nextRow;
    /** For a single-feature state that also counts pairs by column codes ({@link #countingPairs}); else null. */
    private PairCodeCounts pairCodes;
    /**
     * Scratch arrays of one table's rows (codes, indices), reused by the next table so that a stream's chunks do
     * not allocate them again; not part of the state (never merged), dropped after a table larger than
     * {@link #KEEP_SCRATCH_ROWS} so that a whole table's worth is never kept.
     */
    private int[][] scratch = new int[0][];
    private static final int KEEP_SCRATCH_ROWS = 1 << 17;

    private ProxyCounts(List<List<String>> units, List<String> attributes, int folds, long seed,
            Map<String, FeatureBinning> binning) {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("at least one protected attribute is required");
        }
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be in [2, 20], was " + folds);
        }
        this.units = units.stream().map(List::copyOf).toList();
        this.attributes = List.copyOf(attributes);
        this.folds = folds;
        this.seed = seed;
        this.binning = binning == null ? null : Map.copyOf(binning);
        this.grids = new Grid[units.size()][attributes.size()];
        for (int u = 0; u < units.size(); u++) {
            int fixed = 0;
            if (binning != null) {
                List<String> unit = units.get(u);
                if (unit.size() != 2) {
                    throw new IllegalArgumentException("a pair state screens pairs, got " + unit);
                }
                fixed = category(unit.get(0)).categories() * category(unit.get(1)).categories();
            } else if (units.get(u).size() != 1) {
                throw new IllegalArgumentException("a single-feature state screens single features, got "
                        + units.get(u));
            }
            for (int a = 0; a < attributes.size(); a++) {
                grids[u][a] = new Grid(folds);
                if (fixed > 0) {
                    grids[u][a].ensure(fixed, 1);
                }
            }
        }
        this.unitDictionaries = new ArrayList<>();
        this.unitMissingCodes = new int[units.size()];
        Arrays.fill(unitMissingCodes, -1);
        for (int u = 0; u < units.size(); u++) {
            unitDictionaries.add(List.of());
        }
        this.attributeDictionaries = new ArrayList<>();
        for (int a = 0; a < attributes.size(); a++) {
            attributeDictionaries.add(List.of());
        }
    }

    private FeatureBinning category(String feature) {
        FeatureBinning b = binning.get(feature);
        if (b == null) {
            throw new IllegalArgumentException("no binning for feature '" + feature + "'");
        }
        return b;
    }

    /** An empty state screening each feature on its own against each attribute. */
    public static ProxyCounts singles(List<String> features, List<String> attributes, int folds, long seed) {
        return new ProxyCounts(features.stream().map(List::of).toList(), attributes, folds, seed, null);
    }

    /**
     * This empty single-feature state, made to also count feature pairs by column codes in the same pass, so that
     * {@link ProxyScreening} needs no second pass for the pairs it chooses:
     * every pair among the features declared numeric and the categorical features with at most
     * {@code maxPairFeatureCategories} values, as long as all of them fit in 2<sup>22</sup> counts (32 MB) and
     * 512 increments per row (pairs × attributes); the features with the most values are left to a second pass
     * otherwise.
     *
     * @param numericFeatures          the features that will be binned by quantiles
     * @param maxPairFeatureCategories categorical features with more values are never paired
     * @throws IllegalStateException when this is not an empty single-feature state
     */
    public ProxyCounts countingPairs(Set<String> numericFeatures, int maxPairFeatureCategories) {
        return countingPairs(numericFeatures, maxPairFeatureCategories, PairCodeCounts.DEFAULT_MAX_CELLS,
                PairCodeCounts.DEFAULT_MAX_UPDATES_PER_ROW);
    }

    /** {@link #countingPairs(Set, int)} with other budgets of cells and of increments per row. */
    ProxyCounts countingPairs(Set<String> numericFeatures, int maxPairFeatureCategories, long maxCells,
            int maxUpdatesPerRow) {
        if (binning != null || rows > 0 || nextRow > 0) {
            throw new IllegalStateException("only an empty single-feature state can be made to count pairs");
        }
        ProxyCounts counting = new ProxyCounts(units, attributes, folds, seed, null);
        counting.pairCodes = new PairCodeCounts(units.stream().map(u -> u.get(0)).toList(), numericFeatures,
                attributes.size(), folds, maxPairFeatureCategories, maxCells, maxUpdatesPerRow);
        return counting;
    }

    /** Whether this single-feature state also counts feature pairs by column codes. */
    public boolean countsPairs() {
        return pairCodes != null;
    }

    /** The pair counts by column codes, or null. */
    PairCodeCounts pairCodes() {
        return pairCodes;
    }

    /** An empty state screening feature pairs, counted per combination of the features' binned categories. */
    public static ProxyCounts pairs(List<List<String>> pairs, List<String> attributes,
            Map<String, FeatureBinning> binning, int folds, long seed) {
        return new ProxyCounts(pairs, attributes, folds, seed, binning);
    }

    /** The screened units: one feature name, or two for a pair. */
    public List<List<String>> units() {
        return units;
    }

    /** The protected attributes. */
    public List<String> attributes() {
        return attributes;
    }

    /** The number of folds. */
    public int folds() {
        return folds;
    }

    /** The seed of the fold hash. */
    public long seed() {
        return seed;
    }

    /** Whether this state counts pairs. */
    public boolean isPairs() {
        return binning != null;
    }

    /** Rows counted. */
    public long rows() {
        return rows;
    }

    /** The values of an attribute, in code order (the dictionary of the last table fed). */
    public List<String> attributeValues(int attribute) {
        return attributeDictionaries.get(attribute);
    }

    /** For a single-feature state: the feature's values in code order; empty for pairs. */
    public List<String> unitValues(int unit) {
        return unitDictionaries.get(unit);
    }

    /** For a single-feature state: the code of the feature's missing value, or -1. */
    public int unitMissingCode(int unit) {
        return unitMissingCodes[unit];
    }

    /** The number of unit categories counted so far (codes for single features, binned combinations for pairs). */
    public int unitCategories(int unit) {
        int max = 0;
        for (Grid g : grids[unit]) {
            max = Math.max(max, g.units);
        }
        return max;
    }

    /** Rows with this unit category, attribute value, fold and decision. */
    public long count(int unit, int attribute, int unitCategory, int attributeCode, int fold, boolean selected) {
        return grids[unit][attribute].get(unitCategory, attributeCode, fold, selected ? 1 : 0);
    }

    /** Fills the state with a table's rows, numbered on from the rows already counted. */
    public ProxyCounts add(DecisionTable table) {
        return add(table, nextRow);
    }

    /**
     * Fills the state with a table's rows, the first of which has index {@code firstRow} in the whole input
     * (the index decides the row's fold).
     *
     * @throws IllegalArgumentException when a feature or attribute is not a column of the table
     */
    public ProxyCounts add(DecisionTable table, long firstRow) {
        int n = table.rowCount();
        Map<String, CategoricalColumn> attributeColumns = new HashMap<>();
        for (String a : attributes) {
            attributeColumns.put(a, table.protectedColumn(a));
        }
        Map<String, CategoricalColumn> featureColumns = new HashMap<>();
        for (List<String> unit : units) {
            for (String f : unit) {
                featureColumns.put(f, feature(table, f));
            }
        }
        return add(featureColumns, attributeColumns, selectedOf(table), firstRow);
    }

    private static boolean[] selectedOf(DecisionTable table) {
        boolean[] selected = new boolean[table.rowCount()];
        for (int r = 0; r < selected.length; r++) {
            selected[r] = table.selected(r);
        }
        return selected;
    }

    /**
     * Fills the state with encoded columns of equal length: the counting kernel behind
     * {@link #add(DecisionTable, long)}, for callers that hold columns rather than a table.
     *
     * @param features   feature columns by name (at least those of the screened units)
     * @param attributes attribute columns by name (at least the state's attributes)
     * @param selected   the decision of every row
     * @param firstRow   the index of the first row in the whole input
     * @throws IllegalArgumentException when a column is absent or has another length
     */
    public ProxyCounts add(Map<String, CategoricalColumn> features, Map<String, CategoricalColumn> attributes,
            boolean[] selected, long firstRow) {
        int n = selected.length;
        CategoricalColumn[] attributeColumns = new CategoricalColumn[this.attributes.size()];
        for (int a = 0; a < this.attributes.size(); a++) {
            attributeColumns[a] = column(attributes, this.attributes.get(a), n);
        }
        for (List<String> unit : units) {
            for (String f : unit) {
                column(features, f, n);
            }
        }
        for (int a = 0; a < this.attributes.size(); a++) {
            attributeDictionaries.set(a, newer(attributeDictionaries.get(a), attributeColumns[a].dictionary(),
                    this.attributes.get(a)));
        }
        int na = this.attributes.size();
        int nu = units.size();
        // Scratch slots: 0 fold and decision, 1 codes of an attribute or a pair's first feature, 2 a pair's second
        // feature or the pair counts' unit, 3 a pair unit's categories, then per attribute its inner indices,
        // then per single-feature unit its codes (copied once per table: each is read by every attribute's loop).
        int firstInner = 4;
        int firstUnit = firstInner + na;
        int[] foldAndDecision = scratch(0, n);
        foldsAndDecisions(selected, firstRow, seed, folds, foldAndDecision, n);
        int[][] inner = new int[na][];
        for (int a = 0; a < na; a++) {
            inner[a] = scratch(firstInner + a, n);
            innerIndices(attributeColumns[a].copyCodes(scratch(1, n)), folds * 2, foldAndDecision, inner[a], n);
        }
        int[][] unitColumnCodes = new int[nu][];
        if (binning == null) {
            for (int u = 0; u < nu; u++) {
                unitColumnCodes[u] = features.get(units.get(u).get(0)).copyCodes(scratch(firstUnit + u, n));
            }
        }
        if (pairCodes != null) {
            CategoricalColumn[] featureColumns = new CategoricalColumn[nu];
            for (int u = 0; u < nu; u++) {
                featureColumns[u] = features.get(units.get(u).get(0));
            }
            pairCodes.add(featureColumns, unitColumnCodes, attributeColumns, inner, scratch(2, n), n);
        }
        int[] unitCodes = binning == null ? null : scratch(3, n);
        for (int a = 0; a < na; a++) {
            CategoricalColumn attribute = attributeColumns[a];
            for (int u = 0; u < nu; u++) {
                int categories;
                List<String> unit = units.get(u);
                if (binning == null) {
                    CategoricalColumn f = features.get(unit.get(0));
                    if (a == 0) {
                        unitDictionaries.set(u, newer(unitDictionaries.get(u), f.dictionary(), unit.get(0)));
                        unitMissingCodes[u] = Math.max(unitMissingCodes[u], f.missingCode());
                    }
                    Grid g = grids[u][a];
                    g.ensure(f.cardinality(), attribute.cardinality());
                    g.addAll(unitColumnCodes[u], inner[a], n);
                    continue;
                } else {
                    CategoricalColumn f1 = features.get(unit.get(0));
                    CategoricalColumn f2 = features.get(unit.get(1));
                    FeatureBinning b1 = category(unit.get(0));
                    FeatureBinning b2 = category(unit.get(1));
                    int width = b2.categories();
                    categories = b1.categories() * width;
                    binnedPairCodes(f1.copyCodes(scratch(1, n)), binOfCode(b1, f1.cardinality()),
                            f2.copyCodes(scratch(2, n)), binOfCode(b2, f2.cardinality()), width, unitCodes, n);
                }
                Grid g = grids[u][a];
                g.ensure(categories, attribute.cardinality());
                g.addAll(unitCodes, inner[a], n);
            }
        }
        if (n > KEEP_SCRATCH_ROWS) {
            scratch = new int[0][];
        }
        rows += n;
        nextRow = Math.max(nextRow, firstRow + n);
        return this;
    }

    /** A scratch array of at least {@code n} elements (contents left from an earlier table). */
    private int[] scratch(int slot, int n) {
        if (slot >= scratch.length) {
            scratch = Arrays.copyOf(scratch, slot + 1);
        }
        int[] a = scratch[slot];
        if (a == null || a.length < n) {
            a = new int[n];
            scratch[slot] = a;
        }
        return a;
    }

    /** Per row: its fold × 2 + 1 when selected (else + 0). */
    private static void foldsAndDecisions(boolean[] selected, long firstRow, long seed, int folds, int[] out,
            int n) {
        for (int r = 0; r < n; r++) {
            out[r] = fold(firstRow + r, seed, folds) * 2 + (selected[r] ? 1 : 0);
        }
    }

    /** Per row: attribute code × (folds × 2) + fold and decision, the row's position within a unit category. */
    static void innerIndices(int[] attributeCodes, int perValue, int[] foldAndDecision, int[] out, int n) {
        for (int r = 0; r < n; r++) {
            out[r] = attributeCodes[r] * perValue + foldAndDecision[r];
        }
    }

    /** Per code of a column, its category ({@link FeatureBinning#category}), as an array for a kernel. */
    private static int[] binOfCode(FeatureBinning binning, int cardinality) {
        int[] bins = new int[cardinality];
        for (int code = 0; code < cardinality; code++) {
            bins[code] = binning.category(code);
        }
        return bins;
    }

    /** Per row: the binned category of a pair of feature codes. */
    private static void binnedPairCodes(int[] codes1, int[] bin1, int[] codes2, int[] bin2, int width, int[] out,
            int n) {
        for (int r = 0; r < n; r++) {
            out[r] = bin1[codes1[r]] * width + bin2[codes2[r]];
        }
    }

    private static CategoricalColumn column(Map<String, CategoricalColumn> columns, String name, int rows) {
        CategoricalColumn c = columns.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no column '" + name + "'; given: " + columns.keySet());
        }
        if (c.size() != rows) {
            throw new IllegalArgumentException("column '" + name + "' has " + c.size() + " rows, expected " + rows);
        }
        return c;
    }

    private static CategoricalColumn feature(DecisionTable table, String name) {
        for (CategoricalColumn c : table.features()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a feature column of the table; declared: "
                + table.spec().features());
    }

    /** The dictionary that extends the other; tables fed in turn must share dictionaries. */
    private static List<String> newer(List<String> known, List<String> seen, String column) {
        List<String> longer = known.size() >= seen.size() ? known : seen;
        List<String> shorter = longer == known ? seen : known;
        if (!longer.subList(0, shorter.size()).equals(shorter)) {
            throw new IllegalArgumentException("the dictionaries of column '" + column + "' differ between the"
                    + " tables counted; tables fed in turn must share dictionaries");
        }
        return longer;
    }

    /**
     * A new state holding the counts of both. Both must screen the same units and attributes with the same folds,
     * seed and binning, from tables sharing dictionaries.
     */
    public ProxyCounts merge(ProxyCounts other) {
        if (!units.equals(other.units) || !attributes.equals(other.attributes) || folds != other.folds
                || seed != other.seed || (binning == null) != (other.binning == null)
                || binning != null && !sameBinning(binning, other.binning)) {
            throw new IllegalArgumentException("cannot merge proxy counts of different units, attributes, folds,"
                    + " seeds or binnings");
        }
        ProxyCounts merged = new ProxyCounts(units, attributes, folds, seed, binning);
        merged.pairCodes = pairCodes != null && other.pairCodes != null ? pairCodes.merge(other.pairCodes) : null;
        merged.rows = rows + other.rows;
        merged.nextRow = Math.max(nextRow, other.nextRow);
        for (int a = 0; a < attributes.size(); a++) {
            merged.attributeDictionaries.set(a, newer(attributeDictionaries.get(a),
                    other.attributeDictionaries.get(a), attributes.get(a)));
        }
        for (int u = 0; u < units.size(); u++) {
            merged.unitDictionaries.set(u, newer(unitDictionaries.get(u), other.unitDictionaries.get(u),
                    units.get(u).get(0)));
            merged.unitMissingCodes[u] = Math.max(unitMissingCodes[u], other.unitMissingCodes[u]);
            for (int a = 0; a < attributes.size(); a++) {
                merged.grids[u][a].addGrid(grids[u][a]);
                merged.grids[u][a].addGrid(other.grids[u][a]);
            }
        }
        return merged;
    }

    /**
     * Makes this empty pair state describe the rows another state counted: their number, the next row index and
     * the attribute dictionaries; the counts themselves come through {@link #addCount}.
     */
    void describeRowsOf(ProxyCounts counted) {
        rows = counted.rows;
        nextRow = counted.nextRow;
        for (int a = 0; a < attributes.size(); a++) {
            List<String> values = counted.attributeDictionaries.get(a);
            attributeDictionaries.set(a, values);
            for (int u = 0; u < units.size(); u++) {
                grids[u][a].ensure(grids[u][a].units, values.size());
            }
        }
    }

    /** Adds {@code count} rows to one cell. */
    void addCount(int unit, int attribute, int unitCategory, int attributeCode, int fold, int decision, long count) {
        Grid g = grids[unit][attribute];
        g.ensure(unitCategory + 1, attributeCode + 1);
        g.cells[unitCategory * g.stride() + (attributeCode * folds + fold) * 2 + decision] += count;
    }

    private static boolean sameBinning(Map<String, FeatureBinning> a, Map<String, FeatureBinning> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            FeatureBinning x = a.get(k);
            FeatureBinning y = b.get(k);
            if (x.categories() != y.categories() || !Arrays.equals(x.codeToBin(), y.codeToBin())) {
                return false;
            }
        }
        return true;
    }

    /** The fold of a row: a seeded SplitMix64 hash of its index. */
    static int fold(long rowIndex, long seed, int folds) {
        long z = seed + (rowIndex + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        // Lemire's multiply-shift maps the top 32 bits to [0, folds) without a division.
        return (int) (((z >>> 32) * folds) >>> 32);
    }

    /** Flat counts: [unit category][attribute value][fold][decision]. */
    private static final class Grid {
        private final int folds;
        private long[] cells = new long[0];
        private int units;
        private int values;

        Grid(int folds) {
            this.folds = folds;
        }

        private int stride() {
            return values * folds * 2;
        }

        void ensure(int unitCount, int valueCount) {
            if (unitCount <= units && valueCount <= values) {
                return;
            }
            int newUnits = Math.max(units, unitCount);
            int newValues = Math.max(values, valueCount);
            long[] grown = new long[Math.multiplyExact(newUnits, newValues * folds * 2)];
            int oldStride = stride();
            int newStride = newValues * folds * 2;
            for (int u = 0; u < units; u++) {
                System.arraycopy(cells, u * oldStride, grown, u * newStride, oldStride);
            }
            cells = grown;
            units = newUnits;
            values = newValues;
        }

        void addAll(int[] unitCodes, int[] inner, int n) {
            long[] c = cells;
            int stride = stride();
            for (int r = 0; r < n; r++) {
                c[unitCodes[r] * stride + inner[r]]++;
            }
        }

        long get(int unit, int value, int fold, int decision) {
            if (unit >= units || value >= values) {
                return 0;
            }
            return cells[unit * stride() + (value * folds + fold) * 2 + decision];
        }

        void addGrid(Grid other) {
            ensure(other.units, other.values);
            int otherStride = other.stride();
            int stride = stride();
            for (int u = 0; u < other.units; u++) {
                for (int i = 0; i < otherStride; i++) {
                    cells[u * stride + i] += other.cells[u * otherStride + i];
                }
            }
        }
    }
}
