package dev.fairaudit.metrics.criteria;

/** The verdict on a criterion. */
public enum Verdict {
    /** The whole 95% interval lies inside the bound, with enough rows. */
    PASS,
    /** The whole 95% interval lies outside the bound, with enough rows. */
    FAIL,
    /** The interval straddles the bound, too few rows stand behind it, or the quantity is undefined. */
    INCONCLUSIVE
}
