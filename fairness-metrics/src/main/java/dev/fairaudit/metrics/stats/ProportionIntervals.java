package dev.fairaudit.metrics.stats;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Two-sided confidence intervals for a single proportion {@code x / n}.
 *
 * <p>Counts are {@code double} so that weighted (effective) counts can be used; both methods
 * are defined for non-integer counts. Every method requires {@code n} finite and
 * {@code > 0} and {@code 0 <= x <= n}.
 */
public final class ProportionIntervals {

    /** Method identifier of {@link #wilson(double, double, double)}. */
    static final String WILSON = "wilson";

    /** Method identifier of {@link #clopperPearson(double, double, double)}. */
    static final String CLOPPER_PEARSON = "clopper-pearson";

    private ProportionIntervals() {
    }

    /**
     * 95% Wilson score interval for {@code x / n}.
     *
     * @param x successes, in [0, n]
     * @param n trials, finite and {@code > 0}
     * @return the interval, within [0, 1], method {@code "wilson"}
     * @throws IllegalArgumentException if an argument is out of range
     * @see #wilson(double, double, double)
     */
    public static Interval wilson(double x, double n) {
        return wilson(x, n, Checks.DEFAULT_CONFIDENCE);
    }

    /**
     * Wilson score interval for {@code x / n} (Wilson 1927; method 3 of Newcombe 1998,
     * Stat Med 17:857-872). With {@code p = x / n} and {@code z} the two-sided normal critical
     * value, the bounds are
     * <pre>
     *   (x + z²/2 ± z·sqrt(x·(n - x)/n + z²/4)) / (n + z²)
     * </pre>
     * The lower bound is exactly 0 when {@code x = 0} and the upper bound exactly 1 when
     * {@code x = n}.
     *
     * @param x successes, in [0, n]
     * @param n trials, finite and {@code > 0}
     * @param confidence the confidence level, in (0, 1)
     * @return the interval, within [0, 1], method {@code "wilson"}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Interval wilson(double x, double n, double confidence) {
        Checks.requireCounts("x", x, "n", n);
        Checks.requireConfidence(confidence);
        return wilsonUnchecked(x, n, Checks.zCritical(confidence));
    }

    /**
     * Wilson score interval for already validated arguments.
     *
     * @param x successes, in [0, n]
     * @param n trials, {@code > 0}
     * @param z the two-sided critical value
     * @return the interval
     */
    static Interval wilsonUnchecked(double x, double n, double z) {
        final double z2 = z * z;
        final double denominator = n + z2;
        final double centre = (x + z2 / 2) / denominator;
        final double halfWidth = z * Math.sqrt(x * (n - x) / n + z2 / 4) / denominator;
        // At x = 0 (x = n) the lower (upper) bound is 0 (1) exactly; do not leave it to rounding.
        final double lower = x == 0 ? 0 : Math.max(0, centre - halfWidth);
        final double upper = x == n ? 1 : Math.min(1, centre + halfWidth);
        return new Interval(lower, upper, WILSON);
    }

    /**
     * 95% Clopper-Pearson ("exact") interval for {@code x / n}.
     *
     * @param x successes, in [0, n]
     * @param n trials, finite and {@code > 0}
     * @return the interval, within [0, 1], method {@code "clopper-pearson"}
     * @throws IllegalArgumentException if an argument is out of range
     * @see #clopperPearson(double, double, double)
     */
    public static Interval clopperPearson(double x, double n) {
        return clopperPearson(x, n, Checks.DEFAULT_CONFIDENCE);
    }

    /**
     * Clopper-Pearson ("exact") interval for {@code x / n} (Clopper and Pearson 1934; method 5
     * of Newcombe 1998, Stat Med 17:857-872), computed from beta quantiles with
     * {@code alpha = 1 - confidence}:
     * <pre>
     *   lower = Beta(x, n - x + 1) quantile at alpha/2      (0 when x = 0)
     *   upper = Beta(x + 1, n - x) quantile at 1 - alpha/2  (1 when x = n)
     * </pre>
     * For non-integer (weighted) counts this is the usual continuous extension of the beta
     * form.
     *
     * @param x successes, in [0, n]
     * @param n trials, finite and {@code > 0}
     * @param confidence the confidence level, in (0, 1)
     * @return the interval, within [0, 1], method {@code "clopper-pearson"}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Interval clopperPearson(double x, double n, double confidence) {
        Checks.requireCounts("x", x, "n", n);
        Checks.requireConfidence(confidence);
        final double tail = (1 - confidence) / 2;
        final double lower = x == 0
                ? 0
                : BetaDistribution.of(x, n - x + 1).inverseCumulativeProbability(tail);
        final double upper = x == n
                ? 1
                : BetaDistribution.of(x + 1, n - x).inverseSurvivalProbability(tail);
        return new Interval(lower, upper, CLOPPER_PEARSON);
    }
}
