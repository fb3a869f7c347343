package dev.fairaudit.metrics.stats;

/**
 * A closed confidence interval {@code [lower, upper]} together with the name of the method
 * that produced it.
 *
 * @param lower the lower bound, finite and {@code <= upper}
 * @param upper the upper bound, finite and {@code >= lower}
 * @param method the method identifier, for example {@code "wilson"}; never blank
 */
public record Interval(double lower, double upper, String method) {

    /**
     * Validates the bounds and the method name.
     *
     * @param lower the lower bound, finite and {@code <= upper}
     * @param upper the upper bound, finite and {@code >= lower}
     * @param method the method identifier; never blank
     * @throws IllegalArgumentException if a bound is not finite, if {@code lower > upper} or
     *     if {@code method} is null or blank
     */
    public Interval {
        if (!Double.isFinite(lower)) {
            throw new IllegalArgumentException("lower must be finite, was " + lower);
        }
        if (!Double.isFinite(upper)) {
            throw new IllegalArgumentException("upper must be finite, was " + upper);
        }
        if (lower > upper) {
            throw new IllegalArgumentException(
                    "lower must be <= upper, was lower = " + lower + ", upper = " + upper);
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must be non-blank, was "
                    + (method == null ? "null" : "'" + method + "'"));
        }
    }

    /**
     * Whether the closed interval contains a value.
     *
     * @param v the value
     * @return {@code true} if {@code lower <= v <= upper}; {@code false} for NaN
     */
    public boolean contains(double v) {
        return lower <= v && v <= upper;
    }
}
