package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * One group on one selection route.
 *
 * @param group             the group ({@link GroupKey#OVERALL} for the whole population)
 * @param route             the route value as it appears in the data, for example {@code RANDOM}
 * @param rows              rows of the group on this route
 * @param selectionRate     selected / rows on this route
 * @param shareOfSelections this route's share of the group's selections (selected here / selected on any route)
 * @param hitRate           among selected rows with a known outcome (controlled), the share where a violation
 *                          was found: TP / (TP + FP)
 * @param uncontrolledRows  selected rows whose outcome is unknown (not, or not yet, controlled)
 */
public record RouteCell(GroupKey group, String route, long rows, MetricValue selectionRate,
        MetricValue shareOfSelections, MetricValue hitRate, long uncontrolledRows) {
}
