package dev.fairaudit.metrics.risk;

import java.util.List;

/**
 * Precision at the real base rate: what the risk profile would have decided about the cases on the random route
 * (recorded but not acted on), judged against what their controls found.
 *
 * @param column      the profile-decision column's name
 * @param randomRoute the value taken as the random route, or null when there is none (then {@code groups} is
 *                    empty)
 * @param groups      per grouping and group, the whole population last
 */
public record PrecisionAtBaseRate(String column, String randomRoute, List<PrecisionAtBaseRateGroup> groups) {

    /** Copies. */
    public PrecisionAtBaseRate {
        groups = List.copyOf(groups);
    }
}
