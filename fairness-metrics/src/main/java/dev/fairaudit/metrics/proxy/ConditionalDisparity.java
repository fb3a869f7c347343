package dev.fairaudit.metrics.proxy;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.List;

/**
 * Whether the decision disparity between a group and its reference remains within the strata of one feature.
 *
 * @param feature                          the stratifying feature (binned like in screening)
 * @param attribute                        the protected attribute
 * @param group                            the compared group
 * @param reference                        the reference group
 * @param n                                rows of the group and the reference
 * @param strata                           strata with at least two rows of the two groups
 * @param crudeOddsRatio                   odds of being selected, group against reference, ignoring the feature
 * @param mantelHaenszelOddsRatio          the common odds ratio within strata, with the Robins–Breslow–Greenland
 *                                         95% interval
 * @param cmhTest                          Cochran–Mantel–Haenszel test of conditional independence, or null
 * @param shareExplained                   1 − ln(OR_MH) / ln(OR_crude): the share of the disparity (on the log-odds
 *                                         scale) that disappears within strata; negative when it grows, above 1
 *                                         when it reverses
 * @param demographicDisparity             SageMaker Clarify's DD of the group against all other rows, unstratified
 * @param conditionalDemographicDisparity  Clarify's CDD: the row-weighted mean of DD within strata
 * @param rowsExcludedFromCdd              rows in strata without a favourable or without an unfavourable decision,
 *                                         where DD is undefined (left out of CDD)
 * @param warnings                         inconclusive sample, undefined values
 */
public record ConditionalDisparity(
        String feature,
        String attribute,
        String group,
        String reference,
        long n,
        int strata,
        Estimate crudeOddsRatio,
        Estimate mantelHaenszelOddsRatio,
        TestResult cmhTest,
        Estimate shareExplained,
        Estimate demographicDisparity,
        Estimate conditionalDemographicDisparity,
        long rowsExcludedFromCdd,
        List<String> warnings) {

    /** Copies. */
    public ConditionalDisparity {
        warnings = List.copyOf(warnings);
    }
}
