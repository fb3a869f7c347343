package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * The outcome test for one group against its reference: a group that is selected more often yet where
 * controls find violations less often is over-selected (the extra controls are not justified by what they
 * find).
 *
 * @param group               the group
 * @param reference           the reference group ({@link GroupKey#OVERALL}: the rest of the population)
 * @param selectionRate       the group's selection rate on the tested route
 * @param hitRate             the group's hit rate among controlled cases on the tested route
 * @param selectionComparison selection rate against the reference's
 * @param hitRateComparison   hit rate against the reference's
 * @param verdict             what the two comparisons show together
 */
public record OutcomeTestEntry(GroupKey group, GroupKey reference, MetricValue selectionRate, MetricValue hitRate,
        GroupContrast selectionComparison, GroupContrast hitRateComparison, Verdict verdict) {

    /** What the outcome test shows for a group. */
    public enum Verdict {
        /** Selected more often than the reference, with a significantly lower hit rate. */
        OVER_SELECTED,
        /** Selected less often than the reference, with a significantly higher hit rate. */
        UNDER_SELECTED,
        /** The hit rate differs significantly, but not in the direction that selection would explain. */
        HIT_RATE_DIFFERS,
        /** Enough data and no significant difference in hit rate: no evidence (which is not proof of fairness). */
        NO_EVIDENCE,
        /** Fewer rows than the minimum stand behind a rate. */
        INCONCLUSIVE,
        /** A rate is undefined (no controlled cases). */
        UNDEFINED
    }

    /** This entry with its comparisons replaced and the verdict recomputed by the caller. */
    OutcomeTestEntry with(GroupContrast selection, GroupContrast hit, Verdict v) {
        return new OutcomeTestEntry(group, reference, selectionRate, hitRate, selection, hit, v);
    }
}
