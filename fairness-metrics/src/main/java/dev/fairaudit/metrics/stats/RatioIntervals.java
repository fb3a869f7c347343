package dev.fairaudit.metrics.stats;

import java.util.Optional;

/**
 * Two-sided confidence intervals for the ratio of two proportions
 * {@code (x1 / n1) / (x2 / n2)}, for example a disparate-impact ratio.
 *
 * <p>Every method requires {@code n1, n2} finite and {@code > 0} and
 * {@code 0 <= x1 <= n1}, {@code 0 <= x2 <= n2}; counts may be weighted (non-integer).
 */
public final class RatioIntervals {

    /** Method identifier of {@link #katzLog(double, double, double, double, double)}. */
    static final String KATZ_LOG = "katz-log";

    private RatioIntervals() {
    }

    /**
     * 95% Katz log interval for {@code (x1 / n1) / (x2 / n2)}.
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @return the interval, or empty when undefined
     * @throws IllegalArgumentException if an argument is out of range
     * @see #katzLog(double, double, double, double, double)
     */
    public static Optional<Interval> katzLog(double x1, double n1, double x2, double n2) {
        return katzLog(x1, n1, x2, n2, Checks.DEFAULT_CONFIDENCE);
    }

    /**
     * Katz log interval (Katz et al. 1978) for the ratio {@code RR = (x1 / n1) / (x2 / n2)}:
     * <pre>
     *   exp(ln RR ± z·sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2))
     * </pre>
     * with {@code z} the two-sided normal critical value.
     *
     * <p>Returns {@link Optional#empty()} when {@code x1 == 0} or {@code x2 == 0}, where the
     * ratio or its log standard error is undefined. It also returns empty in the
     * pathological case where a bound is not representable as a finite positive double
     * (overflow or underflow of {@code exp}), which only occurs for extremely small counts
     * such as {@code 1e-300}.
     *
     * <p>When both groups are all successes ({@code x1 == n1} and {@code x2 == n2}) the
     * standard error is 0 and the interval collapses to the point 1.
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @param confidence the confidence level, in (0, 1)
     * @return the interval, within (0, infinity), method {@code "katz-log"}; or empty when
     *     undefined
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Optional<Interval> katzLog(
            double x1, double n1, double x2, double n2, double confidence) {
        Checks.requireCounts("x1", x1, "n1", n1);
        Checks.requireCounts("x2", x2, "n2", n2);
        Checks.requireConfidence(confidence);
        if (x1 == 0 || x2 == 0) {
            return Optional.empty();
        }
        final double logRatio = Math.log(x1 / n1) - Math.log(x2 / n2);
        // Each difference is >= 0 because x <= n; it is 0 exactly when x == n.
        final double se = Math.sqrt((1 / x1 - 1 / n1) + (1 / x2 - 1 / n2));
        final double margin = Checks.zCritical(confidence) * se;
        final double lower = Math.exp(logRatio - margin);
        final double upper = Math.exp(logRatio + margin);
        if (!(lower > 0 && upper < Double.POSITIVE_INFINITY)) {
            return Optional.empty();
        }
        return Optional.of(new Interval(lower, upper, KATZ_LOG));
    }
}
