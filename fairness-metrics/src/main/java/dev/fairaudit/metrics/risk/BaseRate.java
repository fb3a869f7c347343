package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * A group's base rate (how often a violation is there to be found), estimated from the random route only,
 * beside the hit rate among profile-selected cases that it must not be confused with.
 *
 * @param group       the group
 * @param fromRandom  the hit rate among controlled cases of the random route: an unbiased base-rate estimate
 * @param fromProfile the hit rate among controlled cases of the profile route: not a base rate (see
 *                    {@code docs/risk-profiles.md}); undefined when there is no profile route
 */
public record BaseRate(GroupKey group, MetricValue fromRandom, MetricValue fromProfile) {
}
