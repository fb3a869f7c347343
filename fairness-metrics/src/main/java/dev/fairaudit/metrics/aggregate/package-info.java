/**
 * Audits without individual protected attributes: group metrics from published aggregate counts (rounded,
 * with small cells suppressed) with the range of every rate over all true counts consistent with the
 * publication, and the expected group composition of selected cases from area-level reference data. See
 * {@code docs/aggregate-and-area-input.md}.
 */
package dev.fairaudit.metrics.aggregate;
