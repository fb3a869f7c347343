package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.TestResult;

/**
 * The profile route against the random route for one group (or the whole population).
 *
 * @param group                      the group, {@link GroupKey#OVERALL} for the whole population
 * @param profileHitRate             hit rate among controlled profile-route cases
 * @param randomHitRate              hit rate among controlled random-route cases (the base rate)
 * @param liftOverRandom             profileHitRate / randomHitRate, Katz log interval: how many times more often
 *                                   a profile control finds a violation than a random one
 * @param hitRateTest                two-sided test of equal hit rates on the two routes, or null
 * @param selectionRateRatio         selection rate on the profile route / on the random route, Katz log interval
 *                                   (the CRM's disproportionality ratio; compare it across groups)
 * @param unfoundedControlRate       on all routes, controlled with nothing found / all rows of the group
 * @param unfoundedControlComparison the unfounded-control rate against the reference group's; null for the
 *                                   reference group and the whole population
 */
public record ProfileVsRandomGroup(GroupKey group, MetricValue profileHitRate, MetricValue randomHitRate,
        Estimate liftOverRandom, TestResult hitRateTest, Estimate selectionRateRatio,
        MetricValue unfoundedControlRate, GroupContrast unfoundedControlComparison) {

    /** This entry with its unfounded-control comparison replaced (after multiple-testing adjustment). */
    public ProfileVsRandomGroup withUnfoundedControlComparison(GroupContrast c) {
        return new ProfileVsRandomGroup(group, profileHitRate, randomHitRate, liftOverRandom, hitRateTest,
                selectionRateRatio, unfoundedControlRate, c);
    }
}
