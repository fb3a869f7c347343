package dev.fairaudit.metrics.counts;

/**
 * The six disjoint outcome cells a row falls into: decision (selected or not) by label (positive, negative
 * or unknown). Every count a group metric needs is a sum of cells.
 */
public enum Cell {
    /** Selected, label positive. */
    TRUE_POSITIVE,
    /** Selected, label negative. */
    FALSE_POSITIVE,
    /** Not selected, label positive. */
    FALSE_NEGATIVE,
    /** Not selected, label negative. */
    TRUE_NEGATIVE,
    /** Selected, label unknown. */
    SELECTED_UNKNOWN,
    /** Not selected, label unknown. */
    NOT_SELECTED_UNKNOWN;

    /** The number of cells. */
    public static final int COUNT = 6;

    private static final Cell[] VALUES = values();

    /**
     * The cell index of a row.
     *
     * @param selected whether the decision is positive
     * @param label    1 positive, 0 negative, -1 unknown
     */
    public static int index(boolean selected, byte label) {
        // selected: 0 TP, 1 FP, 4 SU; not selected: 2 FN, 3 TN, 5 NU
        if (label < 0) {
            return selected ? 4 : 5;
        }
        return (selected ? 0 : 2) + (label == 1 ? 0 : 1);
    }

    /** The cell with this index. */
    public static Cell of(int index) {
        return VALUES[index];
    }
}
