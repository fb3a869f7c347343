package dev.fairaudit.metrics;

/**
 * The disparate-impact check on a selection-rate ratio (group / reference). It fails when the ratio lies
 * outside {@code [threshold, 1/threshold]}: with the default 0.8, below 0.8 or above 1.25. Which side is
 * disadvantaged depends on whether being selected is favourable.
 *
 * @param threshold     the threshold in (0, 1]
 * @param verdict       the verdict
 * @param disadvantaged {@code group}, {@code reference} or {@code neither}; null when the ratio is undefined
 */
public record FourFifthsCheck(double threshold, Verdict verdict, String disadvantaged) {

    /** The outcome of the check. */
    public enum Verdict {
        /** The ratio lies within the band. */
        PASS,
        /** The ratio lies outside the band. */
        FAIL,
        /** The ratio is computed, but a group is below the minimum size: no verdict either way. */
        INCONCLUSIVE,
        /** The ratio is undefined. */
        UNDEFINED
    }
}
