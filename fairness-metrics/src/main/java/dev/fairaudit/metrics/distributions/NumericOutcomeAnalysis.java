package dev.fairaudit.metrics.distributions;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.List;
import java.util.Optional;

/**
 * A numeric outcome (a satisfaction rating, a waiting time, an amount) per group: mean and median with
 * intervals, tests across the groups of each grouping (Welch's ANOVA, Kruskal–Wallis), and pairwise comparisons
 * (Welch t, Mann–Whitney) with multiple-testing correction.
 *
 * <p>"Clients rate us at least 7 on average, with no significant difference by origin" reads as:
 * {@code overall().mean().ci95().lower() >= 7} and the {@code origin} grouping's {@code welchAnova} p-value at
 * least 0.05.
 *
 * @param groups   every group of every grouping, the whole population last
 * @param tests    per grouping, the tests across its groups
 * @param pairwise per grouping, every pair of groups
 */
public record NumericOutcomeAnalysis(List<GroupOutcome> groups, List<AcrossGroups> tests,
        List<PairwiseComparison> pairwise) {

    /** Copies. */
    public NumericOutcomeAnalysis {
        groups = List.copyOf(groups);
        tests = List.copyOf(tests);
        pairwise = List.copyOf(pairwise);
    }

    /** The outcome of one group. */
    public Optional<GroupOutcome> group(GroupKey key) {
        return groups.stream().filter(g -> g.group().equals(key)).findFirst();
    }

    /** The whole population. */
    public GroupOutcome overall() {
        return group(GroupKey.OVERALL).orElseThrow();
    }

    /** The tests across the groups of a grouping. */
    public Optional<AcrossGroups> test(Grouping grouping) {
        return tests.stream().filter(t -> t.grouping().equals(grouping)).findFirst();
    }

    /**
     * The numeric outcome of one group.
     *
     * @param group             the group
     * @param rows              rows of the group
     * @param count             rows with a value
     * @param missing           rows without a value
     * @param mean              the mean with a 95% t interval
     * @param median            the median with a distribution-free 95% order-statistics interval
     * @param standardDeviation the sample standard deviation, or null for fewer than two values
     */
    public record GroupOutcome(GroupKey group, long rows, long count, long missing, Estimate mean, Estimate median,
            Double standardDeviation) {
    }

    /**
     * Tests of whether the outcome differs across the groups of a grouping.
     *
     * @param grouping      the grouping
     * @param status        OK, INSUFFICIENT_SAMPLE when a tested group has fewer values than the minimum, or
     *                      UNDEFINED_ZERO_DENOMINATOR when neither test could be computed
     * @param groupsTested  groups with at least two values
     * @param welchAnova    Welch's ANOVA, or null (a group without spread, fewer than two groups)
     * @param kruskalWallis Kruskal–Wallis, or null
     */
    public record AcrossGroups(Grouping grouping, Status status, int groupsTested, TestResult welchAnova,
            TestResult kruskalWallis) {
    }

    /**
     * Two groups compared.
     *
     * @param grouping                the grouping
     * @param group                   the first group
     * @param other                   the second group
     * @param status                  OK, INSUFFICIENT_SAMPLE or why undefined
     * @param meanDifference          mean(group) − mean(other) with a 95% Welch interval
     * @param welchT                  Welch's t-test, or null
     * @param welchPValueAdjusted     its p-value adjusted across all pairwise Welch tests, or null
     * @param mannWhitney             the Mann–Whitney U test, or null
     * @param mannWhitneyPValueAdjusted its p-value adjusted across all pairwise Mann–Whitney tests, or null
     */
    public record PairwiseComparison(Grouping grouping, GroupKey group, GroupKey other, Status status,
            Estimate meanDifference, TestResult welchT, Double welchPValueAdjusted, TestResult mannWhitney,
            Double mannWhitneyPValueAdjusted) {
    }
}
