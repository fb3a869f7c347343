package dev.fairaudit.metrics.stats;

/**
 * The outcome of a significance test.
 *
 * <p>{@code degreesOfFreedom} is never NaN: tests without degrees of freedom (exact tests and
 * z-tests) report {@code 0}.
 *
 * @param test the test identifier, for example {@code "fisher-exact"}; never blank
 * @param statistic the test statistic, finite; its meaning depends on the test (see the
 *     method that produced the result)
 * @param degreesOfFreedom the degrees of freedom of the reference distribution, finite and
 *     {@code >= 0}; {@code 0} when the test has none
 * @param pValue the p-value, in [0, 1]
 */
public record TestResult(String test, double statistic, double degreesOfFreedom, double pValue) {

    /**
     * Validates the components.
     *
     * @param test the test identifier; never blank
     * @param statistic the test statistic, finite
     * @param degreesOfFreedom the degrees of freedom, finite and {@code >= 0}; 0 when none
     * @param pValue the p-value, in [0, 1]
     * @throws IllegalArgumentException if {@code test} is null or blank, {@code statistic} is
     *     not finite, {@code degreesOfFreedom} is not finite or negative, or {@code pValue} is
     *     outside [0, 1]
     */
    public TestResult {
        if (test == null || test.isBlank()) {
            throw new IllegalArgumentException("test must be non-blank, was "
                    + (test == null ? "null" : "'" + test + "'"));
        }
        if (!Double.isFinite(statistic)) {
            throw new IllegalArgumentException("statistic must be finite, was " + statistic);
        }
        if (!(degreesOfFreedom >= 0 && degreesOfFreedom < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    "degreesOfFreedom must be finite and >= 0, was " + degreesOfFreedom);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue must be in [0, 1], was " + pValue);
        }
    }
}
