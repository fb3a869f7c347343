package dev.fairaudit.core.table;

import java.util.Locale;

/**
 * The count cells an aggregate table can publish per group, in the order of the metrics' outcome cells:
 * the four confusion-matrix cells, and selected / not selected for counts without a known label.
 */
public enum PublishedCell {
    /** Selected, label positive. */
    TP("tp"),
    /** Selected, label negative. */
    FP("fp"),
    /** Not selected, label positive. */
    FN("fn"),
    /** Not selected, label negative. */
    TN("tn"),
    /** Selected, label unknown (or no label published). */
    SELECTED("selected"),
    /** Not selected, label unknown (or no label published). */
    NOT_SELECTED("not_selected");

    private final String id;

    PublishedCell(String id) {
        this.id = id;
    }

    /** The name used for this cell in flags and as its default column name, for example {@code tp}. */
    public String id() {
        return id;
    }

    /** The cell with this id (case-insensitive; {@code not-selected} and {@code notselected} also match). */
    public static PublishedCell fromId(String id) {
        String norm = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (PublishedCell c : values()) {
            if (c.id.equals(norm) || c.id.replace("_", "").equals(norm)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown count cell '" + id + "'; expected one of tp, fp, fn, tn, "
                + "selected, not_selected");
    }
}
