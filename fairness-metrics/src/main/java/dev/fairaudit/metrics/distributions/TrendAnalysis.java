package dev.fairaudit.metrics.distributions;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.List;
import java.util.Optional;

/**
 * How selection and scores change over periods: selection rates per group and period, a trend test on each
 * group's disparity against its reference, score drift per group (population stability index against the first
 * period), and the share of known labels that came from profile-selected cases (the signature of a feedback
 * loop).
 *
 * @param periodUnit           month, quarter or year
 * @param periods              the period keys with rows, in time order
 * @param rowsWithoutTimestamp rows left out because they have no time
 * @param rates                per group and period, the selection rate
 * @param disparities          per compared group, the disparity per period and its trend
 * @param drift                per group and later period, the score drift against the group's first period
 * @param feedbackLoop         the share of labels from profile-selected cases per period, or null without a
 *                             route column
 */
public record TrendAnalysis(PeriodUnit periodUnit, List<String> periods, long rowsWithoutTimestamp,
        List<PeriodRate> rates, List<DisparityTrend> disparities, List<ScoreDrift> drift,
        FeedbackLoop feedbackLoop) {

    /** Copies. */
    public TrendAnalysis {
        periods = List.copyOf(periods);
        rates = List.copyOf(rates);
        disparities = List.copyOf(disparities);
        drift = List.copyOf(drift);
    }

    /** The disparity trend of a group. */
    public Optional<DisparityTrend> disparity(GroupKey group) {
        return disparities.stream().filter(d -> d.group().equals(group)).findFirst();
    }

    /**
     * A group's selection rate in one period.
     *
     * @param group         the group
     * @param period        the period key
     * @param selectionRate selected rows over rows, with a 95% Wilson interval
     */
    public record PeriodRate(GroupKey group, String period, MetricValue selectionRate) {
    }

    /**
     * A group's selection-rate disparity against its reference over time.
     *
     * @param group               the group
     * @param reference           its reference group (or the whole population)
     * @param periods             per period with rows in both, the difference and ratio
     * @param differenceTrend     the trend of the difference, in rate points per period
     * @param logRatioTrend       the trend of the log ratio, per period
     */
    public record DisparityTrend(GroupKey group, GroupKey reference, List<PeriodDisparity> periods,
            SlopeTest differenceTrend, SlopeTest logRatioTrend) {

        /** Copies. */
        public DisparityTrend {
            periods = List.copyOf(periods);
        }
    }

    /**
     * The disparity in one period.
     *
     * @param period     the period key
     * @param difference rate(group) − rate(reference), 95% Newcombe interval
     * @param ratio      rate(group) / rate(reference); undefined when the reference selected no one
     */
    public record PeriodDisparity(String period, Estimate difference, Estimate ratio) {
    }

    /**
     * A weighted least-squares trend over periods and its test (see
     * {@link DistributionTests#weightedSlope(double[], double[], double[])}).
     *
     * @param status          OK, or INSUFFICIENT_SAMPLE with fewer than three periods (then no slope)
     * @param periodsUsed     the periods that went into the fit
     * @param slope           change per period, or null
     * @param ci95            95% interval of the slope, or null
     * @param test            z-test of slope 0, or null
     * @param pValueAdjusted  the p-value adjusted across all trends of the same kind, or null
     */
    public record SlopeTest(Status status, int periodsUsed, Double slope, Interval ci95, TestResult test,
            Double pValueAdjusted) {
    }

    /**
     * Score drift of a group in one later period against its first period.
     *
     * @param group    the group
     * @param baseline the group's first period with scores
     * @param period   the later period
     * @param psi      the population stability index; INSUFFICIENT_SAMPLE when either period has fewer
     *                 scores than the minimum
     */
    public record ScoreDrift(GroupKey group, String baseline, String period, Estimate psi) {
    }

    /**
     * Where the known labels came from, per period.
     *
     * @param periods per period, labelled rows and the share selected by the profile route
     * @param trend   the trend of that share
     */
    public record FeedbackLoop(List<LabelSource> periods, SlopeTest trend) {

        /** Copies. */
        public FeedbackLoop {
            periods = List.copyOf(periods);
        }
    }

    /**
     * The labels of one period.
     *
     * @param period           the period key
     * @param shareFromProfile labelled rows selected by the profile route over labelled rows, 95% Wilson
     *                         interval
     */
    public record LabelSource(String period, MetricValue shareFromProfile) {
    }
}
