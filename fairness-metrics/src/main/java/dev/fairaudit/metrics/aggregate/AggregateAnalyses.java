package dev.fairaudit.metrics.aggregate;

/**
 * The analyses of an audit without individual protected attributes; either part may be absent.
 *
 * @param rounding        ranges from rounded and suppressed aggregate counts, or null for individual data
 * @param areaComposition the expected group composition from area-level reference data, or null
 */
public record AggregateAnalyses(RoundingAnalysis rounding, AreaComposition areaComposition) {
}
