package dev.fairaudit.metrics.criteria;

/**
 * The range a quantity must lie in: at least {@code lower}, at most {@code upper}, or both.
 *
 * @param lower the smallest acceptable value, or null for none
 * @param upper the largest acceptable value, or null for none
 */
public record Bound(Double lower, Double upper) {

    /** Validates: at least one side, finite, lower not above upper. */
    public Bound {
        if (lower == null && upper == null) {
            throw new IllegalArgumentException("a bound needs a lower or an upper limit");
        }
        if (lower != null && !Double.isFinite(lower) || upper != null && !Double.isFinite(upper)) {
            throw new IllegalArgumentException("bounds must be finite, were " + lower + " and " + upper);
        }
        if (lower != null && upper != null && lower > upper) {
            throw new IllegalArgumentException("the lower bound " + lower + " is above the upper bound " + upper);
        }
    }

    /** Whether the whole interval lies inside the bound. */
    boolean containsAll(double low, double high) {
        return (lower == null || low >= lower) && (upper == null || high <= upper);
    }

    /** Whether the whole interval lies outside the bound. */
    boolean excludesAll(double low, double high) {
        return lower != null && high < lower || upper != null && low > upper;
    }

    /** For example {@code >= 0.8}, {@code <= 0.05} or {@code in [0.8, 1.25]}. */
    @Override
    public String toString() {
        if (lower != null && upper != null) {
            return "in [" + lower + ", " + upper + "]";
        }
        return lower != null ? ">= " + lower : "<= " + upper;
    }
}
