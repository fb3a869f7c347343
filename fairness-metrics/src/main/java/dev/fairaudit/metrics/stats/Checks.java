package dev.fairaudit.metrics.stats;

import org.apache.commons.statistics.distribution.NormalDistribution;

/** Argument validation and shared constants for this package. Not part of the public API. */
final class Checks {

    /** The default confidence level of every interval in this package. */
    static final double DEFAULT_CONFIDENCE = 0.95;

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** The 95% critical value, computed once: every interval of an audit needs it. */
    private static final double Z_DEFAULT = STANDARD_NORMAL.inverseSurvivalProbability((1 - DEFAULT_CONFIDENCE) / 2);

    private Checks() {
    }

    /**
     * Checks that a confidence level lies in the open interval (0, 1).
     *
     * @param confidence the confidence level
     * @throws IllegalArgumentException if it does not
     */
    static void requireConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException(
                    "confidence must be in (0, 1), was " + confidence);
        }
    }

    /**
     * Checks a count of successes {@code x} out of {@code n} trials: {@code n} must be finite
     * and positive and {@code x} must lie in [0, n].
     *
     * @param xName name of the successes argument, used in the message
     * @param x the successes
     * @param nName name of the trials argument, used in the message
     * @param n the trials
     * @throws IllegalArgumentException if either is out of range
     */
    static void requireCounts(String xName, double x, String nName, double n) {
        if (!(n > 0 && n < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(
                    nName + " must be finite and > 0, was " + n);
        }
        if (!(x >= 0 && x <= n)) {
            throw new IllegalArgumentException(
                    xName + " must be in [0, " + nName + "], was " + x + " with " + nName + " = " + n);
        }
    }

    /**
     * The two-sided standard normal critical value for a confidence level, that is the
     * {@code 1 - (1 - confidence) / 2} quantile of N(0, 1); 1.959964 for 0.95.
     *
     * @param confidence the confidence level, already validated
     * @return the critical value, {@code >= 0}
     */
    static double zCritical(double confidence) {
        if (confidence == DEFAULT_CONFIDENCE) {
            return Z_DEFAULT;
        }
        return STANDARD_NORMAL.inverseSurvivalProbability((1 - confidence) / 2);
    }

    /**
     * Upper tail probability of N(0, 1).
     *
     * @param z the point
     * @return P(Z &gt; z)
     */
    static double normalSurvival(double z) {
        return STANDARD_NORMAL.survivalProbability(z);
    }
}
