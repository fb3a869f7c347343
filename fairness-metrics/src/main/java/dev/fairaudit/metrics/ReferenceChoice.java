package dev.fairaudit.metrics;

import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;

/**
 * Which reference group a grouping was compared with, and on what basis.
 *
 * @param grouping  the grouping
 * @param reference the reference group, or {@link GroupKey#OVERALL}
 * @param basis     {@code explicit}, or the {@link ReferenceStrategy#id()} that chose it
 */
public record ReferenceChoice(Grouping grouping, GroupKey reference, String basis) {
}
