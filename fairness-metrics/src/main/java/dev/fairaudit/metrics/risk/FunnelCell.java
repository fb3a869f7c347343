package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * One group at one funnel stage.
 *
 * @param group           the group
 * @param stage           the stage
 * @param n               cases of the group that reached this stage (sum of weights)
 * @param rows            rows of the group that reached this stage
 * @param share           the group's share of all cases at this stage, p(g|s)
 * @param ratioToFirst    p(g|s) / p(g|first stage): over- (above 1) or under-representation against the start
 * @param ratioToPrevious p(g|s) / p(g|previous stage): what this step alone did; undefined at the first stage
 */
public record FunnelCell(GroupKey group, String stage, double n, long rows, MetricValue share,
        Estimate ratioToFirst, Estimate ratioToPrevious) {
}
