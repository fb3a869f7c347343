package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.TestResult;

/**
 * One group's rate against its reference group's (or, when the reference is {@link GroupKey#OVERALL}, against
 * the rest of the population).
 *
 * @param group          the group
 * @param reference      the reference group, or {@link GroupKey#OVERALL} for the rest of the population
 * @param status         {@link Status#OK}, {@link Status#INSUFFICIENT_SAMPLE} when fewer rows than the minimum
 *                       stand behind either rate, or why it is undefined
 * @param ratio          rate(group) / rate(reference), Katz log interval
 * @param difference     rate(group) − rate(reference), Newcombe hybrid score interval
 * @param test           two-sided test of equal rates (Fisher's exact or the two-proportion z-test), or null
 * @param pValueAdjusted the p-value after the run's multiple-testing correction within this analysis, or null
 */
public record GroupContrast(GroupKey group, GroupKey reference, Status status, Estimate ratio, Estimate difference,
        TestResult test, Double pValueAdjusted) {

    /** This contrast with its adjusted p-value. */
    public GroupContrast withAdjustedPValue(double adjusted) {
        return new GroupContrast(group, reference, status, ratio, difference, test, adjusted);
    }

    /** Whether the test is significant at 5% after adjustment. */
    public boolean significant() {
        return status == Status.OK && pValueAdjusted != null && pValueAdjusted < 0.05;
    }
}
