package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.stats.TestResult;

/**
 * Whether the decision is independent of group membership within a grouping: a chi-squared test of the
 * groups × (selected, not selected) table, or Fisher's exact test for two groups with an expected count
 * below 5.
 *
 * @param grouping     the grouping
 * @param status       {@link Status#OK}; {@link Status#INSUFFICIENT_SAMPLE} when a group in the table has
 *                     fewer rows than the minimum group size (the test is shown, but inconclusive);
 *                     {@link Status#UNDEFINED_EMPTY_GROUP} with fewer than two non-empty groups;
 *                     {@link Status#UNDEFINED_ZERO_DENOMINATOR} when nobody or everybody was selected
 * @param test         the test, or null
 * @param groupsTested the non-empty groups in the table
 */
public record IndependenceTest(Grouping grouping, Status status, TestResult test, int groupsTested) {
}
