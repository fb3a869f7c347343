package dev.fairaudit.metrics.proxy;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.List;

/**
 * How strongly one candidate feature (or a pair of features, taken as one combined category) is associated with
 * one protected attribute.
 *
 * @param features          the feature, or the two features of a pair
 * @param attribute         the protected attribute
 * @param n                 rows counted
 * @param categories        feature categories with rows (after quantile binning; combinations for a pair)
 * @param cramersV          bias-corrected Cramér's V (Bergsma 2013), in [0, 1]
 * @param mutualInformation uncertainty coefficient U(attribute | feature) = I(F; A) / H(A), in [0, 1]
 * @param auc               out-of-fold AUC of the feature alone predicting the attribute (macro one-vs-rest)
 * @param test              chi-squared test of independence (asymptotic, or by permutation when expected counts
 *                          are small: test {@code "chi-squared-permutation"}), null when undefined
 * @param adjustedPValue    the p-value after the multiple-testing correction across all findings, or null
 * @param flagged           whether the finding is significant after correction and reaches a strength threshold
 * @param rank              1 for the strongest finding (by AUC, then V)
 * @param warnings          small cells, binning, inconclusive sample
 */
public record ProxyFinding(
        List<String> features,
        String attribute,
        long n,
        int categories,
        Estimate cramersV,
        Estimate mutualInformation,
        Estimate auc,
        TestResult test,
        Double adjustedPValue,
        boolean flagged,
        int rank,
        List<String> warnings) {

    /** Copies. */
    public ProxyFinding {
        features = List.copyOf(features);
        warnings = List.copyOf(warnings);
        if (features.isEmpty() || features.size() > 2) {
            throw new IllegalArgumentException("a finding is about one feature or a pair, was " + features);
        }
    }

    /** Whether this finding is about a pair of features. */
    public boolean isPair() {
        return features.size() == 2;
    }

    /** The raw p-value, or null when the test is undefined. */
    public Double pValue() {
        return test == null ? null : test.pValue();
    }
}
