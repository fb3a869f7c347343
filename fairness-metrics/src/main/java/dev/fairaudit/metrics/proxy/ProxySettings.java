package dev.fairaudit.metrics.proxy;

import dev.fairaudit.metrics.stats.PValueAdjustment;

/**
 * Every choice proxy screening and the conditional-disparity analysis make; echoed in the audit document.
 *
 * @param folds                    folds of the out-of-fold target encoding behind the AUC, in [2, 20]
 * @param seed                     seed of the row hash that assigns folds and of the permutation tests
 * @param smoothing                prior weight {@code m} of the target encoding: a feature value seen in
 *                                 {@code n} rows gets the score {@code (k + m·prior) / (n + m)}; {@code >= 0}
 * @param numericBins              quantile bins for numeric features, {@code >= 2}
 * @param alpha                    significance level a finding's adjusted p-value is compared with, in (0, 1)
 * @param cramersVThreshold        a finding is flagged when significant and V reaches this, in [0, 1]
 * @param aucThreshold             ... or when significant and the AUC reaches this, in [0.5, 1]
 * @param permutations             Monte Carlo permutations when expected counts are too small for the
 *                                 chi-squared approximation, {@code >= 99}
 * @param pairCandidates           pairs are formed among this many strongest single features, {@code >= 0}
 * @param maxPairFeatureCategories features with more categories (after binning) are not paired, {@code >= 2}
 * @param pValueAdjustment         multiple-testing correction across all findings
 * @param continuityCorrection     whether the Cochran–Mantel–Haenszel statistic uses the 0.5 continuity
 *                                 correction (as R's {@code mantelhaen.test} does by default)
 * @param minRows                  below this many rows a finding or comparison is inconclusive, {@code >= 1}
 */
public record ProxySettings(
        int folds,
        long seed,
        double smoothing,
        int numericBins,
        double alpha,
        double cramersVThreshold,
        double aucThreshold,
        int permutations,
        int pairCandidates,
        int maxPairFeatureCategories,
        PValueAdjustment pValueAdjustment,
        boolean continuityCorrection,
        int minRows) {

    /** Validates. */
    public ProxySettings {
        check(folds >= 2 && folds <= 20, "folds must be in [2, 20], was " + folds);
        check(smoothing >= 0 && Double.isFinite(smoothing), "smoothing must be finite and >= 0, was " + smoothing);
        check(numericBins >= 2, "numericBins must be >= 2, was " + numericBins);
        check(alpha > 0 && alpha < 1, "alpha must be in (0, 1), was " + alpha);
        check(cramersVThreshold >= 0 && cramersVThreshold <= 1,
                "cramersVThreshold must be in [0, 1], was " + cramersVThreshold);
        check(aucThreshold >= 0.5 && aucThreshold <= 1, "aucThreshold must be in [0.5, 1], was " + aucThreshold);
        check(permutations >= 99, "permutations must be >= 99, was " + permutations);
        check(pairCandidates >= 0, "pairCandidates must be >= 0, was " + pairCandidates);
        check(maxPairFeatureCategories >= 2, "maxPairFeatureCategories must be >= 2, was "
                + maxPairFeatureCategories);
        check(pValueAdjustment != null, "pValueAdjustment is required");
        check(minRows >= 1, "minRows must be >= 1, was " + minRows);
    }

    /**
     * The defaults: 5 folds, seed 20260101, smoothing 20, 10 numeric bins, alpha 0.05, V 0.1, AUC 0.6, 999
     * permutations, pairs among the 6 strongest features with at most 50 categories, Benjamini–Hochberg,
     * continuity correction on, 30 rows minimum.
     */
    public static ProxySettings defaults() {
        return new ProxySettings(5, 20260101L, 20, 10, 0.05, 0.1, 0.6, 999, 6, 50,
                PValueAdjustment.BENJAMINI_HOCHBERG, true, 30);
    }

    /** A copy with another seed. */
    public ProxySettings withSeed(long newSeed) {
        return new ProxySettings(folds, newSeed, smoothing, numericBins, alpha, cramersVThreshold, aucThreshold,
                permutations, pairCandidates, maxPairFeatureCategories, pValueAdjustment, continuityCorrection,
                minRows);
    }

    /** A copy with another minimum number of rows. */
    public ProxySettings withMinRows(int rows) {
        return new ProxySettings(folds, seed, smoothing, numericBins, alpha, cramersVThreshold, aucThreshold,
                permutations, pairCandidates, maxPairFeatureCategories, pValueAdjustment, continuityCorrection,
                rows);
    }

    /** A copy with another multiple-testing correction. */
    public ProxySettings withPValueAdjustment(PValueAdjustment adjustment) {
        return new ProxySettings(folds, seed, smoothing, numericBins, alpha, cramersVThreshold, aucThreshold,
                permutations, pairCandidates, maxPairFeatureCategories, adjustment, continuityCorrection, minRows);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
