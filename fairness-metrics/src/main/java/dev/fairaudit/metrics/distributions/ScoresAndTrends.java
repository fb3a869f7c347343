package dev.fairaudit.metrics.distributions;

import java.util.List;

/**
 * The score, numeric-outcome and trend analyses of an audit, each null when its input column was not given.
 *
 * @param scores          per group score distribution, calibration and AUC, or null without a score column
 * @param numericOutcomes per group numeric outcome, or null without a numeric outcome column
 * @param trends          per period rates, disparity trends, drift and label sources, or null without periods
 * @param warnings        what a reader must know about these analyses
 */
public record ScoresAndTrends(ScoreAnalysis scores, NumericOutcomeAnalysis numericOutcomes, TrendAnalysis trends,
        List<String> warnings) {

    /** Copies. */
    public ScoresAndTrends {
        warnings = List.copyOf(warnings);
    }
}
