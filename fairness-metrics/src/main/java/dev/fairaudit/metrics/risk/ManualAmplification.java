package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * The manual step's effect on one group: the cases a person moved on to {@code toStage}, against what the group's
 * share of {@code fromStage} (what the score alone put forward) would give.
 *
 * @param group         the group
 * @param fromStage     the stage before the manual step
 * @param toStage       the stage the manual step leads to
 * @param expected      cases expected at {@code toStage} from the group's share of {@code fromStage}:
 *                      n(g, from) × n(to) / n(from)
 * @param observed      cases of the group at {@code toStage}
 * @param amplification observed / expected, which equals p(g|to) / p(g|from), Katz log interval
 */
public record ManualAmplification(GroupKey group, String fromStage, String toStage, double expected,
        double observed, Estimate amplification) {
}
