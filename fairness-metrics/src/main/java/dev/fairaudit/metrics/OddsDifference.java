package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.GroupKey;

/**
 * Error-rate balance of one group against its reference (AIF360's definitions, absolute variants):
 * equalized-odds difference max(|ΔTPR|, |ΔFPR|) and average absolute odds difference ½(|ΔFPR| + |ΔTPR|).
 *
 * @param group                         the group
 * @param status                        {@link Status#OK}, or why undefined or inconclusive (the worse of the
 *                                      TPR and FPR comparisons)
 * @param equalizedOddsDifference       max(|ΔTPR|, |ΔFPR|), or null
 * @param averageAbsoluteOddsDifference ½(|ΔFPR| + |ΔTPR|), or null
 */
public record OddsDifference(GroupKey group, Status status, Double equalizedOddsDifference,
        Double averageAbsoluteOddsDifference) {
}
