package dev.fairaudit.metrics.distributions;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis.AcrossGroups;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis.GroupOutcome;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis.PairwiseComparison;
import dev.fairaudit.metrics.distributions.ScoreAnalysis.Calibration;
import dev.fairaudit.metrics.distributions.ScoreAnalysis.GroupScores;
import dev.fairaudit.metrics.distributions.ScoreAnalysis.ReliabilityBin;
import dev.fairaudit.metrics.distributions.TrendAnalysis.DisparityTrend;
import dev.fairaudit.metrics.distributions.TrendAnalysis.FeedbackLoop;
import dev.fairaudit.metrics.distributions.TrendAnalysis.LabelSource;
import dev.fairaudit.metrics.distributions.TrendAnalysis.PeriodDisparity;
import dev.fairaudit.metrics.distributions.TrendAnalysis.PeriodRate;
import dev.fairaudit.metrics.distributions.TrendAnalysis.ScoreDrift;
import dev.fairaudit.metrics.distributions.TrendAnalysis.SlopeTest;
import dev.fairaudit.metrics.stats.DifferenceIntervals;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.ProportionIntervals;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Runs the score, numeric-outcome and trend analyses on {@link DistributionCounts}, with the minimum group size
 * and multiple-testing correction of the audit settings and the reference groups the group audit chose.
 *
 * <pre>{@code
 * DistributionCounts counts = DistributionCounts.empty(groupings, PeriodUnit.MONTH).add(table);
 * ScoresAndTrends s = new DistributionAudit(settings).run(counts, result.references());
 * }</pre>
 */
public final class DistributionAudit {

    /** Pairwise comparisons are listed for groupings with at most this many groups with values. */
    public static final int MAX_PAIRWISE_GROUPS = 20;

    private final AuditSettings settings;

    /** An analysis with these settings. */
    public DistributionAudit(AuditSettings settings) {
        this.settings = settings;
    }

    /**
     * Counts one table and analyses it.
     *
     * @param periodUnit the period length for trends, or null for none
     */
    public ScoresAndTrends run(DecisionTable table, List<Grouping> groupings, PeriodUnit periodUnit,
            List<ReferenceChoice> references) {
        return run(DistributionCounts.empty(groupings, periodUnit).add(table), references);
    }

    /**
     * Analyses the states.
     *
     * @param counts     the states
     * @param references the reference group of each grouping (for the disparity trends)
     */
    public ScoresAndTrends run(DistributionCounts counts, List<ReferenceChoice> references) {
        List<String> warnings = new ArrayList<>();
        ScoreAnalysis scores = counts.hasScore() ? scores(counts, warnings) : null;
        NumericOutcomeAnalysis outcomes = counts.hasNumericOutcome() ? outcomes(counts, warnings) : null;
        TrendAnalysis trends = counts.periodUnit() != null ? trends(counts, references, warnings) : null;
        if (scores != null || outcomes != null || trends != null) {
            warnings.add("scores, numeric outcomes and trends count every row once: case weights are not applied");
        }
        return new ScoresAndTrends(scores, outcomes, trends, warnings);
    }

    private Status sized(long n) {
        return n >= settings.minGroupSize() ? Status.OK : Status.INSUFFICIENT_SAMPLE;
    }

    private static Estimate estimate(Double value, Status ifDefined, Status ifUndefined, Interval ci) {
        if (value == null || !Double.isFinite(value)) {
            return Estimate.undefined(ifUndefined);
        }
        return new Estimate(value, ifDefined, ci);
    }

    private static MetricValue share(long x, long n, long rows) {
        if (n == 0) {
            return new MetricValue(null, rows == 0 ? Status.UNDEFINED_EMPTY_GROUP : Status.UNDEFINED_ZERO_DENOMINATOR,
                    x, n, 0, null);
        }
        return new MetricValue((double) x / n, Status.OK, x, n, n, ProportionIntervals.wilson(x, n));
    }

    // ---------------------------------------------------------------- scores

    private ScoreAnalysis scores(DistributionCounts counts, List<String> warnings) {
        GroupDistributions all = counts.overall();
        Double median = all.scores().count() > 0 ? all.scores().median() : null;
        double overallMean = all.scoreMoments().mean();
        boolean calibration = all.scoresOutsideUnitInterval() == 0 && all.positiveScores().count()
                + all.negativeScores().count() > 0;
        if (all.scoresOutsideUnitInterval() > 0) {
            warnings.add(all.scoresOutsideUnitInterval() + " score(s) lie outside [0, 1]: calibration (reliability"
                    + " bins, expected calibration error) is not computed, since the scores are not probabilities");
        }
        if (all.scoreMissing() > 0) {
            warnings.add(all.scoreMissing() + " row(s) have no score; they are left out of the score analysis");
        }
        List<GroupScores> out = new ArrayList<>();
        for (Grouping g : counts.groupings()) {
            SortedMap<GroupKey, GroupDistributions> groups = counts.groups(g);
            double maxShare = -1;
            for (GroupDistributions s : groups.values()) {
                long n = s.scores().count();
                if (median != null && n >= settings.minGroupSize()) {
                    maxShare = Math.max(maxShare, (double) s.scores().buckets().countAbove(median) / n);
                }
            }
            for (Map.Entry<GroupKey, GroupDistributions> e : groups.entrySet()) {
                out.add(groupScores(g, e.getKey(), e.getValue(), median, overallMean, maxShare, calibration));
            }
        }
        return new ScoreAnalysis(median, ValueSketch.RELATIVE_ACCURACY, calibration, out);
    }

    private GroupScores groupScores(Grouping g, GroupKey key, GroupDistributions s, Double median,
            double overallMean, double maxShare, boolean calibrationApplicable) {
        long n = s.scores().count();
        Status st = sized(n);
        Estimate mean = n == 0 ? Estimate.undefined(Status.UNDEFINED_EMPTY_GROUP)
                : new Estimate(s.scoreMoments().mean(), st, DistributionTests.meanInterval(s.scoreMoments()));
        List<Double> deciles = new ArrayList<>();
        if (n > 0) {
            for (int i = 1; i <= 9; i++) {
                deciles.add(s.scores().quantile(i / 10.0));
            }
        }
        Estimate meanRatio = n == 0 ? Estimate.undefined(Status.UNDEFINED_EMPTY_GROUP)
                : estimate(overallMean != 0 ? s.scoreMoments().mean() / overallMean : null, st,
                        Status.UNDEFINED_ZERO_DENOMINATOR, null);
        long above = median == null || n == 0 ? 0 : s.scores().buckets().countAbove(median);
        MetricValue shareAbove = share(above, n, s.rows());
        Estimate impact = null;
        if (!g.isOverall()) {
            if (n == 0) {
                impact = Estimate.undefined(Status.UNDEFINED_EMPTY_GROUP);
            } else if (maxShare < 0) {
                // No group of the grouping has enough scored rows to be the comparison point.
                impact = new Estimate(null, Status.INSUFFICIENT_SAMPLE, null);
            } else if (maxShare == 0) {
                impact = Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR);
            } else {
                impact = new Estimate((double) above / n / maxShare, st, null);
            }
        }
        long pos = s.positiveScores().count();
        long neg = s.negativeScores().count();
        double[] auc = DistributionTests.auc(s.positiveScores(), s.negativeScores());
        Estimate aucEstimate = auc == null ? Estimate.undefined(n == 0 ? Status.UNDEFINED_EMPTY_GROUP
                : Status.UNDEFINED_ZERO_DENOMINATOR)
                : new Estimate(auc[0], Math.min(pos, neg) >= settings.minGroupSize() ? Status.OK
                        : Status.INSUFFICIENT_SAMPLE, DistributionTests.hanleyMcNeil(auc[0], pos, neg));
        Calibration calibration = calibrationApplicable ? calibration(s) : null;
        return new GroupScores(key, s.rows(), n, s.scoreMissing(), mean, deciles, meanRatio, shareAbove, impact,
                aucEstimate, auc == null ? null : auc[1], pos, neg, calibration);
    }

    private Calibration calibration(GroupDistributions s) {
        long[] rows = s.binRows();
        long[] positives = s.binPositives();
        double[] sums = s.binScoreSums();
        int k = GroupDistributions.CALIBRATION_BINS;
        long total = 0;
        for (long r : rows) {
            total += r;
        }
        List<ReliabilityBin> bins = new ArrayList<>();
        double ece = 0;
        for (int i = 0; i < k; i++) {
            Double meanScore = rows[i] == 0 ? null : sums[i] / rows[i];
            Double observed = rows[i] == 0 ? null : (double) positives[i] / rows[i];
            bins.add(new ReliabilityBin((double) i / k, (double) (i + 1) / k, rows[i], meanScore, observed));
            if (rows[i] > 0) {
                ece += (double) rows[i] / total * Math.abs(observed - meanScore);
            }
        }
        Estimate e = total == 0 ? Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR)
                : new Estimate(ece, sized(total), null);
        return new Calibration(bins, total, e);
    }

    // ------------------------------------------------------- numeric outcomes

    private NumericOutcomeAnalysis outcomes(DistributionCounts counts, List<String> warnings) {
        GroupDistributions all = counts.overall();
        if (all.outcomeMissing() > 0) {
            warnings.add(all.outcomeMissing() + " row(s) have no numeric outcome; they are left out of the numeric"
                    + " outcome analysis");
        }
        List<GroupOutcome> groups = new ArrayList<>();
        List<AcrossGroups> tests = new ArrayList<>();
        List<PairwiseComparison> pairs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Grouping g : counts.groupings()) {
            List<GroupKey> keys = new ArrayList<>();
            List<GroupDistributions> states = new ArrayList<>();
            for (Map.Entry<GroupKey, GroupDistributions> e : counts.groups(g).entrySet()) {
                GroupDistributions s = e.getValue();
                groups.add(groupOutcome(e.getKey(), s));
                if (s.outcomeMoments().count() >= 2) {
                    keys.add(e.getKey());
                    states.add(s);
                }
            }
            if (g.isOverall()) {
                continue;
            }
            TestResult anova = DistributionTests.welchAnova(states.stream().map(GroupDistributions::outcomeMoments)
                    .toList());
            TestResult kw = DistributionTests.kruskalWallis(states.stream().map(GroupDistributions::outcomes)
                    .toList());
            boolean small = states.stream().anyMatch(s -> s.outcomeMoments().count() < settings.minGroupSize());
            Status status = anova == null && kw == null ? Status.UNDEFINED_ZERO_DENOMINATOR
                    : small ? Status.INSUFFICIENT_SAMPLE : Status.OK;
            tests.add(new AcrossGroups(g, status, states.size(), anova, kw));
            if (states.size() > MAX_PAIRWISE_GROUPS) {
                skipped.add(g.label() + " (" + states.size() + " groups)");
                continue;
            }
            for (int i = 0; i < states.size(); i++) {
                for (int j = i + 1; j < states.size(); j++) {
                    pairs.add(pair(g, keys.get(i), states.get(i), keys.get(j), states.get(j)));
                }
            }
        }
        if (!skipped.isEmpty()) {
            warnings.add("pairwise numeric-outcome comparisons are listed only for groupings with at most "
                    + MAX_PAIRWISE_GROUPS + " groups; left out: " + String.join(", ", skipped));
        }
        return new NumericOutcomeAnalysis(groups, tests, adjustPairs(pairs));
    }

    private GroupOutcome groupOutcome(GroupKey key, GroupDistributions s) {
        Moments m = s.outcomeMoments();
        long n = m.count();
        Status st = sized(n);
        Estimate mean = n == 0 ? Estimate.undefined(Status.UNDEFINED_EMPTY_GROUP)
                : new Estimate(m.mean(), st, DistributionTests.meanInterval(m));
        Estimate median = n == 0 ? Estimate.undefined(Status.UNDEFINED_EMPTY_GROUP)
                : new Estimate(s.outcomes().median(), st, DistributionTests.medianInterval(s.outcomes()));
        return new GroupOutcome(key, s.rows(), n, s.outcomeMissing(), mean, median,
                n < 2 ? null : Math.sqrt(m.variance()));
    }

    private PairwiseComparison pair(Grouping g, GroupKey a, GroupDistributions sa, GroupKey b,
            GroupDistributions sb) {
        Moments ma = sa.outcomeMoments();
        Moments mb = sb.outcomeMoments();
        TestResult t = DistributionTests.welchT(ma, mb);
        TestResult mw = DistributionTests.mannWhitney(sa.outcomes(), sb.outcomes());
        Status st = Math.min(ma.count(), mb.count()) >= settings.minGroupSize() ? Status.OK
                : Status.INSUFFICIENT_SAMPLE;
        Estimate diff = new Estimate(ma.mean() - mb.mean(), st, DistributionTests.welchDifferenceInterval(ma, mb));
        return new PairwiseComparison(g, a, b, t == null && mw == null ? Status.UNDEFINED_ZERO_DENOMINATOR : st,
                diff, t, null, mw, null);
    }

    private List<PairwiseComparison> adjustPairs(List<PairwiseComparison> pairs) {
        double[] welch = adjusted(pairs.stream().map(PairwiseComparison::welchT).toList());
        double[] mw = adjusted(pairs.stream().map(PairwiseComparison::mannWhitney).toList());
        List<PairwiseComparison> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            PairwiseComparison p = pairs.get(i);
            out.add(new PairwiseComparison(p.grouping(), p.group(), p.other(), p.status(), p.meanDifference(),
                    p.welchT(), Double.isNaN(welch[i]) ? null : welch[i], p.mannWhitney(),
                    Double.isNaN(mw[i]) ? null : mw[i]));
        }
        return out;
    }

    /** Adjusted p-values of the non-null tests; NaN where the test is null. */
    private double[] adjusted(List<TestResult> tests) {
        double[] raw = tests.stream().filter(t -> t != null).mapToDouble(TestResult::pValue).toArray();
        double[] adj = settings.pValueAdjustment().adjust(raw);
        double[] out = new double[tests.size()];
        int k = 0;
        for (int i = 0; i < tests.size(); i++) {
            out[i] = tests.get(i) == null ? Double.NaN : adj[k++];
        }
        return out;
    }

    // ----------------------------------------------------------------- trends

    private TrendAnalysis trends(DistributionCounts counts, List<ReferenceChoice> references,
            List<String> warnings) {
        PeriodUnit unit = counts.periodUnit();
        if (counts.rowsWithoutTimestamp() > 0) {
            warnings.add(counts.rowsWithoutTimestamp() + " row(s) have no time; they are left out of the trends");
        }
        TreeSet<Integer> ordinals = new TreeSet<>(counts.overall().periods().keySet());
        List<String> periods = ordinals.stream().map(unit::key).toList();
        List<PeriodRate> rates = new ArrayList<>();
        for (Grouping g : counts.groupings()) {
            for (Map.Entry<GroupKey, GroupDistributions> e : counts.groups(g).entrySet()) {
                e.getValue().periods().forEach((p, c) -> rates.add(new PeriodRate(e.getKey(), unit.key(p),
                        share(c.selected(), c.rows(), c.rows()))));
            }
        }
        List<DisparityTrend> disparities = new ArrayList<>();
        for (ReferenceChoice ref : references) {
            if (!counts.groupings().contains(ref.grouping())) {
                continue;
            }
            SortedMap<GroupKey, GroupDistributions> groups = counts.groups(ref.grouping());
            GroupDistributions refState = ref.reference().equals(GroupKey.OVERALL) ? counts.overall()
                    : groups.get(ref.reference());
            if (refState == null) {
                continue;
            }
            for (Map.Entry<GroupKey, GroupDistributions> e : groups.entrySet()) {
                if (!e.getKey().equals(ref.reference())) {
                    disparities.add(disparity(unit, e.getKey(), e.getValue(), ref.reference(), refState));
                }
            }
        }
        disparities = adjustTrends(disparities);
        List<ScoreDrift> drift = new ArrayList<>();
        if (counts.hasScore()) {
            for (Grouping g : counts.groupings()) {
                for (Map.Entry<GroupKey, GroupDistributions> e : counts.groups(g).entrySet()) {
                    drift.addAll(drift(unit, e.getKey(), e.getValue()));
                }
            }
        }
        FeedbackLoop feedback = null;
        if (counts.hasRoute()) {
            feedback = feedback(unit, counts.overall());
        } else {
            warnings.add("no route column: the share of labels that came from profile-selected cases (the feedback"
                    + " loop signature) is not computed");
        }
        if (ordinals.size() < 3) {
            warnings.add("only " + ordinals.size() + " period(s) have rows: trends need at least three and are"
                    + " inconclusive");
        }
        return new TrendAnalysis(unit, periods, counts.rowsWithoutTimestamp(), rates, disparities, drift, feedback);
    }

    private DisparityTrend disparity(PeriodUnit unit, GroupKey key, GroupDistributions s, GroupKey refKey,
            GroupDistributions ref) {
        List<PeriodDisparity> per = new ArrayList<>();
        List<double[]> diffPoints = new ArrayList<>();
        List<double[]> ratioPoints = new ArrayList<>();
        for (Map.Entry<Integer, GroupDistributions.PeriodCounts> e : s.periods().entrySet()) {
            GroupDistributions.PeriodCounts a = e.getValue();
            GroupDistributions.PeriodCounts b = ref.periods().get(e.getKey());
            if (b == null || a.rows() == 0 || b.rows() == 0) {
                continue;
            }
            double x1 = a.selected();
            double n1 = a.rows();
            double x2 = b.selected();
            double n2 = b.rows();
            Status st = Math.min(n1, n2) >= settings.minGroupSize() ? Status.OK : Status.INSUFFICIENT_SAMPLE;
            double d = x1 / n1 - x2 / n2;
            Estimate difference = new Estimate(d, st, DifferenceIntervals.newcombe(x1, n1, x2, n2));
            Estimate ratio = x2 == 0 ? Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR)
                    : new Estimate((x1 / n1) / (x2 / n2), st, null);
            per.add(new PeriodDisparity(unit.key(e.getKey()), difference, ratio));
            // Variances from rates pulled towards 1/2 ((x + 1) / (n + 2)), so that a period where a group's rate
            // is 0 or 1 does not get an infinite weight.
            double p1 = (x1 + 1) / (n1 + 2);
            double p2 = (x2 + 1) / (n2 + 2);
            diffPoints.add(new double[] {e.getKey(), d, p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2});
            // Log ratio with half a case added to every count (Haldane), its delta-method variance.
            double a1 = x1 + 0.5;
            double a2 = x2 + 0.5;
            double m1 = n1 + 0.5;
            double m2 = n2 + 0.5;
            ratioPoints.add(new double[] {e.getKey(), Math.log((a1 / m1) / (a2 / m2)),
                1 / a1 - 1 / m1 + 1 / a2 - 1 / m2});
        }
        return new DisparityTrend(key, refKey, per, slope(diffPoints, "wls-difference"),
                slope(ratioPoints, "wls-log-ratio"));
    }

    private static SlopeTest slope(List<double[]> points, String name) {
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        double[] v = points.stream().mapToDouble(p -> p[2]).toArray();
        double[] r = DistributionTests.weightedSlope(x, y, v);
        if (r == null) {
            return new SlopeTest(Status.INSUFFICIENT_SAMPLE, points.size(), null, null, null, null);
        }
        return new SlopeTest(Status.OK, points.size(), r[0], DistributionTests.normalInterval(r[0], r[1], "wls"),
                new TestResult(name, r[2], 0, r[3]), null);
    }

    private List<DisparityTrend> adjustTrends(List<DisparityTrend> trends) {
        double[] d = adjusted(trends.stream().map(t -> t.differenceTrend().test()).toList());
        double[] r = adjusted(trends.stream().map(t -> t.logRatioTrend().test()).toList());
        List<DisparityTrend> out = new ArrayList<>();
        for (int i = 0; i < trends.size(); i++) {
            DisparityTrend t = trends.get(i);
            out.add(new DisparityTrend(t.group(), t.reference(), t.periods(), withAdjusted(t.differenceTrend(), d[i]),
                    withAdjusted(t.logRatioTrend(), r[i])));
        }
        return out;
    }

    private static SlopeTest withAdjusted(SlopeTest s, double p) {
        return new SlopeTest(s.status(), s.periodsUsed(), s.slope(), s.ci95(), s.test(), Double.isNaN(p) ? null : p);
    }

    private List<ScoreDrift> drift(PeriodUnit unit, GroupKey key, GroupDistributions s) {
        List<ScoreDrift> out = new ArrayList<>();
        Integer baseline = null;
        ValueSketch base = null;
        for (Map.Entry<Integer, GroupDistributions.PeriodCounts> e : s.periods().entrySet()) {
            ValueSketch scores = e.getValue().scores();
            if (scores.count() == 0) {
                continue;
            }
            if (baseline == null) {
                baseline = e.getKey();
                base = scores;
                continue;
            }
            Double psi = DistributionTests.populationStabilityIndex(base, scores);
            Status st = Math.min(base.count(), scores.count()) >= settings.minGroupSize() ? Status.OK
                    : Status.INSUFFICIENT_SAMPLE;
            out.add(new ScoreDrift(key, unit.key(baseline), unit.key(e.getKey()),
                    estimate(psi, st, Status.UNDEFINED_EMPTY_GROUP, null)));
        }
        return out;
    }

    private FeedbackLoop feedback(PeriodUnit unit, GroupDistributions all) {
        List<LabelSource> per = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (Map.Entry<Integer, GroupDistributions.PeriodCounts> e : all.periods().entrySet()) {
            GroupDistributions.PeriodCounts c = e.getValue();
            per.add(new LabelSource(unit.key(e.getKey()), share(c.labelledFromProfile(), c.labelled(), c.rows())));
            if (c.labelled() > 0) {
                double n = c.labelled();
                double p = (c.labelledFromProfile() + 1) / (n + 2);
                points.add(new double[] {e.getKey(), c.labelledFromProfile() / n, p * (1 - p) / n});
            }
        }
        return new FeedbackLoop(per, slope(points, "wls-share"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DistributionAudit[minGroupSize=%d, pAdjust=%s]", settings.minGroupSize(),
                settings.pValueAdjustment().id());
    }
}
