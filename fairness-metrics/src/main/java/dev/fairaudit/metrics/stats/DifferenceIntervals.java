package dev.fairaudit.metrics.stats;

/**
 * Two-sided confidence intervals for the difference of two independent proportions
 * {@code x1 / n1 - x2 / n2}, for example a statistical-parity difference.
 *
 * <p>Every method requires {@code n1, n2} finite and {@code > 0} and
 * {@code 0 <= x1 <= n1}, {@code 0 <= x2 <= n2}; counts may be weighted (non-integer).
 */
public final class DifferenceIntervals {

    /** Method identifier of {@link #newcombe(double, double, double, double, double)}. */
    static final String NEWCOMBE = "newcombe";

    private DifferenceIntervals() {
    }

    /**
     * 95% Newcombe hybrid score interval for {@code x1 / n1 - x2 / n2}.
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @return the interval, within [-1, 1], method {@code "newcombe"}
     * @throws IllegalArgumentException if an argument is out of range
     * @see #newcombe(double, double, double, double, double)
     */
    public static Interval newcombe(double x1, double n1, double x2, double n2) {
        return newcombe(x1, n1, x2, n2, Checks.DEFAULT_CONFIDENCE);
    }

    /**
     * Newcombe hybrid score interval (method 10 of Newcombe 1998, "Interval estimation for
     * the difference between independent proportions", Stat Med 17:873-890), built from the
     * Wilson intervals {@code (l1, u1)} and {@code (l2, u2)} of the two proportions at the same
     * confidence level. With {@code p1 = x1/n1}, {@code p2 = x2/n2} and {@code d = p1 - p2}:
     * <pre>
     *   lower = d - sqrt((p1 - l1)² + (u2 - p2)²)
     *   upper = d + sqrt((u1 - p1)² + (p2 - l2)²)
     * </pre>
     * The interval is antisymmetric: swapping the groups negates and swaps the bounds.
     *
     * @param x1 successes in group 1, in [0, n1]
     * @param n1 size of group 1, finite and {@code > 0}
     * @param x2 successes in group 2, in [0, n2]
     * @param n2 size of group 2, finite and {@code > 0}
     * @param confidence the confidence level, in (0, 1)
     * @return the interval, within [-1, 1], method {@code "newcombe"}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Interval newcombe(
            double x1, double n1, double x2, double n2, double confidence) {
        Checks.requireCounts("x1", x1, "n1", n1);
        Checks.requireCounts("x2", x2, "n2", n2);
        Checks.requireConfidence(confidence);
        final double z = Checks.zCritical(confidence);
        final Interval w1 = ProportionIntervals.wilsonUnchecked(x1, n1, z);
        final Interval w2 = ProportionIntervals.wilsonUnchecked(x2, n2, z);
        final double p1 = x1 / n1;
        final double p2 = x2 / n2;
        final double d = p1 - p2;
        // Plain square roots, not Math.hypot: every term is at most 1, so there is nothing to overflow, and
        // hypot is several times slower.
        final double a = p1 - w1.lower();
        final double b = w2.upper() - p2;
        final double c = w1.upper() - p1;
        final double e = p2 - w2.lower();
        final double lower = d - Math.sqrt(a * a + b * b);
        final double upper = d + Math.sqrt(c * c + e * e);
        return new Interval(lower, upper, NEWCOMBE);
    }
}
