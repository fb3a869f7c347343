package dev.fairaudit.metrics.risk;

import java.util.List;

/**
 * Base rates per group from the random route, and each group's against its reference.
 *
 * @param randomRoute the route value used as the random route, or null when the data has none
 * @param groups      per group, the base rate (overall last)
 * @param comparisons per group other than the reference, its random-route base rate against the reference's
 */
public record BaseRates(String randomRoute, List<BaseRate> groups, List<GroupContrast> comparisons) {

    /** Copies. */
    public BaseRates {
        groups = List.copyOf(groups);
        comparisons = List.copyOf(comparisons);
    }
}
