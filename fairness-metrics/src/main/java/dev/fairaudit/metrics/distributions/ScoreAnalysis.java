package dev.fairaudit.metrics.distributions;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;
import java.util.List;
import java.util.Optional;

/**
 * Scores per group: distribution (mean, deciles), the share above the overall median (the "scoring rate" of NYC
 * Local Law 144) and its impact ratio, calibration within the group (reliability bins, expected calibration
 * error) and the AUC with a Hanley–McNeil interval.
 *
 * @param overallMedian         the median score of the whole population, or null when no row has a score
 * @param relativeAccuracy      the sketch's relative accuracy (see {@link ValueSketch})
 * @param calibrationApplicable whether calibration was computed (scores in [0, 1] and a label declared)
 * @param groups                every group of every grouping, the whole population last
 */
public record ScoreAnalysis(Double overallMedian, double relativeAccuracy, boolean calibrationApplicable,
        List<GroupScores> groups) {

    /** Copies. */
    public ScoreAnalysis {
        groups = List.copyOf(groups);
    }

    /** The scores of one group. */
    public Optional<GroupScores> group(GroupKey key) {
        return groups.stream().filter(g -> g.group().equals(key)).findFirst();
    }

    /**
     * The scores of one group.
     *
     * @param group                    the group
     * @param rows                     rows of the group
     * @param scored                   rows with a score
     * @param missing                  rows without a score
     * @param mean                     mean score with a 95% t interval
     * @param deciles                  the 10th, 20th, ..., 90th percentiles (inverted empirical distribution
     *                                 function); empty when no row has a score
     * @param meanRatio                the group's mean score over the whole population's (DUO's parity measure)
     * @param shareAboveOverallMedian  rows with a score above the overall median, over rows with a score
     * @param scoringRateImpactRatio   that share over the highest share in the grouping among groups of at least
     *                                 the minimum size; null for the whole population
     * @param auc                      the AUC of the score for the label within the group, 95% Hanley–McNeil
     *                                 interval
     * @param aucTiedPairShare         the share of positive–negative pairs counted as ties in the AUC, or null
     * @param labelPositives           rows with a score and a positive label
     * @param labelNegatives           rows with a score and a negative label
     * @param calibration              reliability bins and expected calibration error, or null when not
     *                                 applicable
     */
    public record GroupScores(GroupKey group, long rows, long scored, long missing, Estimate mean,
            List<Double> deciles, Estimate meanRatio, MetricValue shareAboveOverallMedian,
            Estimate scoringRateImpactRatio, Estimate auc, Double aucTiedPairShare, long labelPositives,
            long labelNegatives, Calibration calibration) {

        /** Copies. */
        public GroupScores {
            deciles = List.copyOf(deciles);
        }

        /** The expected calibration error, or null when calibration is not applicable. */
        public Estimate expectedCalibrationError() {
            return calibration == null ? null : calibration.expectedCalibrationError();
        }
    }

    /**
     * Calibration within a group over ten equal-width score bins of [0, 1], rows with a known label only.
     *
     * @param bins                     the ten bins, lowest first
     * @param labelledRows             rows with a score and a known label
     * @param expectedCalibrationError {@code Σ (n_b / N) |observed_b − meanScore_b|}
     */
    public record Calibration(List<ReliabilityBin> bins, long labelledRows, Estimate expectedCalibrationError) {

        /** Copies. */
        public Calibration {
            bins = List.copyOf(bins);
        }
    }

    /**
     * One reliability bin.
     *
     * @param lower        lower bound (inclusive)
     * @param upper        upper bound (exclusive, inclusive for the last bin)
     * @param rows         labelled rows in the bin
     * @param meanScore    mean score in the bin, or null when empty
     * @param observedRate share of positive labels in the bin, or null when empty
     */
    public record ReliabilityBin(double lower, double upper, long rows, Double meanScore, Double observedRate) {
    }
}
