package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.TestResult;

/**
 * One group compared with its grouping's reference group on one metric.
 *
 * @param group          the group
 * @param reference      the reference group ({@link GroupKey#OVERALL} for the whole population)
 * @param metric         the metric
 * @param status         {@link Status#OK}, or why the comparison is undefined or inconclusive
 * @param ratio          metric(group) / metric(reference), with Katz log interval
 * @param difference     metric(group) − metric(reference), with Newcombe hybrid score interval
 * @param test           the test of equal rates, or null when the comparison is undefined
 * @param pValueAdjusted the p-value after the run's multiple-testing correction, or null
 * @param fourFifths     the disparate-impact check, for {@link Metric#SELECTION_RATE} only (else null)
 */
public record ComparisonResult(
        GroupKey group,
        GroupKey reference,
        Metric metric,
        Status status,
        Estimate ratio,
        Estimate difference,
        TestResult test,
        Double pValueAdjusted,
        FourFifthsCheck fourFifths) {

    /** The raw p-value, or null when there is no test. */
    public Double pValue() {
        return test == null ? null : test.pValue();
    }

    /** This comparison with its adjusted p-value set. */
    public ComparisonResult withAdjustedPValue(double adjusted) {
        return new ComparisonResult(group, reference, metric, status, ratio, difference, test, adjusted, fourFifths);
    }
}
