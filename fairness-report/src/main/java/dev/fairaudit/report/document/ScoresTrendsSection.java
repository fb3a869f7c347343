package dev.fairaudit.report.document;

import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis;
import dev.fairaudit.metrics.distributions.ScoreAnalysis;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.distributions.TrendAnalysis;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Bullets;
import dev.fairaudit.report.document.AuditDocument.ChartBar;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Inline;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.RateChart;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores, numeric outcomes and trends: per group the score distribution, the share above the overall median and
 * its impact ratio, the AUC and calibration; per group a numeric outcome's mean and median with the tests across
 * groups; per period the selection rates, each group's disparity trend, score drift and where the known labels
 * came from. Left out when none of these analyses was run; each part is left out when its analysis was not run.
 */
public final class ScoresTrendsSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "scores-trends";
    /** Anchor of the scores part. */
    public static final String SCORES = "scores";
    /** Anchor of the numeric-outcome part. */
    public static final String OUTCOMES = "numeric-outcomes";
    /** Anchor of the trends part. */
    public static final String TRENDS = "trends";
    /** Anchor of the disparity-trend table. */
    public static final String DISPARITY_TRENDS = "trends-disparities";
    /** Pairwise comparisons and drift rows shown (the rest are in audit.json). */
    public static final int MAX_ROWS = 30;
    /** Significance level for wording a trend (the p-value is always shown). */
    public static final double ALPHA = DisparitiesSection.ALPHA;

    @Override
    public Optional<Section> render(DocumentContext c) {
        ScoresAndTrends s = c.result().scoresAndTrends();
        if (s == null || s.scores() == null && s.numericOutcomes() == null && s.trends() == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("scores.intro")));
        if (s.scores() != null) {
            scores(c, s.scores(), blocks);
        }
        if (s.numericOutcomes() != null) {
            outcomes(c, s.numericOutcomes(), blocks);
        }
        if (s.trends() != null) {
            trends(c, s.trends(), blocks);
        }
        return Optional.of(new Section(ID, t.get("scores.title"), blocks));
    }

    private static void scores(DocumentContext c, ScoreAnalysis s, List<Block> blocks) {
        Texts t = c.texts();
        AnalysisDisclosure d = c.analysis();
        String w = SectionCells.withheld(t);
        blocks.add(new Heading(SCORES, t.get("scores.scores")));
        blocks.add(Paragraph.note(t.get("scores.explain", s.overallMedian() == null ? "—"
                : t.ratio(s.overallMedian()))));
        List<Row> rows = new ArrayList<>();
        for (ScoreAnalysis.GroupScores g : s.groups()) {
            GroupKey k = g.group();
            boolean group = d.withheld(Kind.SCORE_GROUP, k);
            boolean share = d.withheld(Kind.SCORE_SHARE, k);
            boolean labelled = d.withheld(Kind.SCORE_LABELLED, k);
            String median = g.deciles().size() == 9 ? t.ratio(g.deciles().get(4)) : "—";
            rows.add(new Row(List.of(c.label(k), d.withheld(Kind.SCORE_COUNTS, k) ? w : t.count(g.scored()),
                    group ? w : SectionCells.number(t, g.mean()), group ? w : median,
                    group ? w : SectionCells.number(t, g.meanRatio()),
                    share ? w : SectionCells.rate(t, g.shareAboveOverallMedian()),
                    share ? w : SectionCells.number(t, g.scoringRateImpactRatio()),
                    labelled ? w : SectionCells.number(t, g.auc()),
                    labelled ? w : SectionCells.number(t, g.expectedCalibrationError())), false));
        }
        blocks.add(new Table(SCORES + "-table", t.get("scores.caption"), List.of(t.get("column.group"),
                t.get("column.scored"), t.get("column.mean"), t.get("column.median"), t.get("column.meanRatio"),
                t.get("column.aboveMedian"), t.get("column.impactRatio"), t.get("column.auc"), t.get("column.ece")),
                List.of(false, true, true, true, true, true, true, true, true), rows));
        if (s.groups().size() <= DisparitiesSection.MAX_CHART_BARS) {
            List<ChartBar> bars = new ArrayList<>();
            StringBuilder desc = new StringBuilder();
            for (ScoreAnalysis.GroupScores g : s.groups()) {
                MetricValue v = g.shareAboveOverallMedian();
                ChartBar bar = d.withheld(Kind.SCORE_SHARE, g.group())
                        ? new ChartBar(c.label(g.group()), null, null, null, w, false)
                        : bar(t, c.label(g.group()), v);
                bars.add(bar);
                desc.append(desc.length() == 0 ? "" : "; ").append(bar.label()).append(": ").append(bar.text());
            }
            blocks.add(new RateChart(SCORES + "-chart", t.get("scores.chartTitle"),
                    t.get("scores.chartDescription") + " " + desc + ".", bars));
        }
        ScoreAnalysis.GroupScores overall = s.group(GroupKey.OVERALL).orElse(null);
        if (s.calibrationApplicable() && overall != null && overall.calibration() != null) {
            blocks.add(new Heading(null, t.get("scores.calibration")));
            blocks.add(Paragraph.note(t.get("scores.calibrationExplain")));
            List<Row> bins = new ArrayList<>();
            List<ScoreAnalysis.ReliabilityBin> list = overall.calibration().bins();
            boolean labelled = d.withheld(Kind.SCORE_LABELLED, GroupKey.OVERALL);
            for (int i = 0; i < list.size(); i++) {
                ScoreAnalysis.ReliabilityBin b = list.get(i);
                boolean hidden = labelled || d.withheld(Kind.RELIABILITY_BIN, GroupKey.OVERALL, String.valueOf(i));
                bins.add(new Row(List.of(t.ratio(b.lower()) + " – " + t.ratio(b.upper()),
                        hidden ? w : t.count(b.rows()), hidden ? w : SectionCells.number(t, b.meanScore()),
                        hidden ? w : b.observedRate() == null ? "—" : t.percent(b.observedRate())), false));
            }
            blocks.add(new Table(SCORES + "-calibration", t.get("scores.calibrationCaption"),
                    List.of(t.get("column.scoreBin"), t.get("column.n"), t.get("column.meanScore"),
                            t.get("column.observedRate")), List.of(false, true, true, true), bins));
        }
    }

    private static ChartBar bar(Texts t, String label, MetricValue v) {
        if (v.value() == null || v.ci95() == null) {
            return new ChartBar(label, null, null, null, SectionCells.rate(t, v), false);
        }
        return new ChartBar(label, v.value(), v.ci95().lower(), v.ci95().upper(), SectionCells.rate(t, v), false);
    }

    private static void outcomes(DocumentContext c, NumericOutcomeAnalysis n, List<Block> blocks) {
        Texts t = c.texts();
        AnalysisDisclosure d = c.analysis();
        String w = SectionCells.withheld(t);
        blocks.add(new Heading(OUTCOMES, t.get("outcomes.title")));
        blocks.add(Paragraph.note(t.get("outcomes.explain")));
        List<Row> rows = new ArrayList<>();
        for (NumericOutcomeAnalysis.GroupOutcome g : n.groups()) {
            boolean hidden = d.withheld(Kind.OUTCOME_GROUP, g.group());
            rows.add(new Row(List.of(c.label(g.group()), hidden ? w : t.count(g.count()),
                    d.withheld(Kind.OUTCOME_MISSING, g.group()) ? w : t.count(g.missing()),
                    hidden ? w : SectionCells.number(t, g.mean()), hidden ? w : SectionCells.number(t, g.median()),
                    hidden ? w : SectionCells.number(t, g.standardDeviation())), false));
        }
        blocks.add(new Table(OUTCOMES + "-table", t.get("outcomes.caption"), List.of(t.get("column.group"),
                t.get("column.count"), t.get("column.missing"), t.get("column.mean"), t.get("column.median"),
                t.get("column.sd")), List.of(false, true, true, true, true, true), rows));
        List<Row> tests = new ArrayList<>();
        for (NumericOutcomeAnalysis.AcrossGroups a : n.tests()) {
            if (d.withheld(Kind.OUTCOME_TEST, AnalysisDisclosure.testKey(a.grouping()))) {
                tests.add(new Row(List.of(c.label(a.grouping()), w, w, w), false));
                continue;
            }
            String reading = a.status() == Status.INSUFFICIENT_SAMPLE ? t.get("reading.inconclusive")
                    : a.status() != Status.OK ? SectionCells.status(t, a.status())
                    : a.welchAnova() != null && a.welchAnova().pValue() < ALPHA ? t.get("reading.significant")
                    : t.get("reading.notSignificant");
            tests.add(new Row(List.of(c.label(a.grouping()),
                    a.welchAnova() == null ? "—" : t.p(a.welchAnova().pValue()),
                    a.kruskalWallis() == null ? "—" : t.p(a.kruskalWallis().pValue()), reading),
                    a.status() == Status.OK && a.welchAnova() != null && a.welchAnova().pValue() < ALPHA));
        }
        if (!tests.isEmpty()) {
            blocks.add(new Table(OUTCOMES + "-tests", t.get("outcomes.testsCaption"), List.of(t.get("column.grouping"),
                    t.get("column.welchAnova"), t.get("column.kruskalWallis"), t.get("column.reading")),
                    List.of(false, true, true, false), tests));
        }
        List<Row> pairs = new ArrayList<>();
        for (NumericOutcomeAnalysis.PairwiseComparison p : n.pairwise()) {
            if (pairs.size() >= MAX_ROWS) {
                break;
            }
            if (d.withheld(Kind.OUTCOME_PAIR, p.group(), p.other().label())) {
                pairs.add(new Row(List.of(c.label(p.group()), c.label(p.other()), w, w, w), false));
                continue;
            }
            boolean sig = p.status() == Status.OK && p.welchPValueAdjusted() != null && p.welchPValueAdjusted() < ALPHA;
            pairs.add(new Row(List.of(c.label(p.group()), c.label(p.other()), SectionCells.number(t, p.meanDifference()),
                    SectionCells.p(t, p.welchPValueAdjusted()), SectionCells.p(t, p.mannWhitneyPValueAdjusted())), sig));
        }
        if (!pairs.isEmpty()) {
            blocks.add(new Table(OUTCOMES + "-pairs", t.get("outcomes.pairsCaption"), List.of(t.get("column.group"),
                    t.get("column.other"), t.get("column.meanDifference"), t.get("column.welchAdjusted"),
                    t.get("column.mannWhitneyAdjusted")), List.of(false, false, true, true, true), pairs));
            if (n.pairwise().size() > MAX_ROWS) {
                blocks.add(Paragraph.note(t.get("analysis.more", t.count(n.pairwise().size() - MAX_ROWS))));
            }
        }
    }

    private static void trends(DocumentContext c, TrendAnalysis tr, List<Block> blocks) {
        Texts t = c.texts();
        AnalysisDisclosure d = c.analysis();
        String w = SectionCells.withheld(t);
        blocks.add(new Heading(TRENDS, t.get("trends.title")));
        blocks.add(Paragraph.note(t.get("trends.explain", t.get("period." + tr.periodUnit().id()))));
        Map<GroupKey, Map<String, MetricValue>> byGroup = new java.util.LinkedHashMap<>();
        for (TrendAnalysis.PeriodRate r : tr.rates()) {
            byGroup.computeIfAbsent(r.group(), k -> new HashMap<>()).put(r.period(), r.selectionRate());
        }
        List<String> header = new ArrayList<>();
        header.add(t.get("column.group"));
        header.addAll(tr.periods());
        List<Boolean> numeric = new ArrayList<>();
        numeric.add(false);
        tr.periods().forEach(p -> numeric.add(true));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<GroupKey, Map<String, MetricValue>> e : byGroup.entrySet()) {
            List<String> cells = new ArrayList<>();
            cells.add(c.label(e.getKey()));
            for (String p : tr.periods()) {
                MetricValue v = e.getValue().get(p);
                cells.add(v == null ? "—" : d.withheld(Kind.PERIOD_RATE, e.getKey(), p) ? w
                        : v.value() == null ? SectionCells.status(t, v.status()) : t.percent(v.value()));
            }
            rows.add(new Row(cells, false));
        }
        blocks.add(new Table(TRENDS + "-rates", t.get("trends.ratesCaption"), header, numeric, rows));
        Map<String, MetricValue> overall = byGroup.get(GroupKey.OVERALL);
        if (overall != null && tr.periods().size() <= DisparitiesSection.MAX_CHART_BARS) {
            List<ChartBar> bars = new ArrayList<>();
            StringBuilder desc = new StringBuilder();
            for (String p : tr.periods()) {
                MetricValue v = overall.get(p);
                ChartBar bar = v == null ? new ChartBar(p, null, null, null, "—", false)
                        : d.withheld(Kind.PERIOD_RATE, GroupKey.OVERALL, p) ? new ChartBar(p, null, null, null, w, false)
                        : bar(t, p, v);
                bars.add(bar);
                desc.append(desc.length() == 0 ? "" : "; ").append(p).append(": ").append(bar.text());
            }
            blocks.add(new RateChart(TRENDS + "-chart", t.get("trends.chartTitle"),
                    t.get("trends.chartDescription") + " " + desc + ".", bars));
        }
        if (!tr.disparities().isEmpty()) {
            blocks.add(Paragraph.note(t.get("trends.disparityExplain")));
            List<Row> drows = new ArrayList<>();
            for (TrendAnalysis.DisparityTrend x : tr.disparities()) {
                if (d.withheld(Kind.DISPARITY_TREND, x.group())) {
                    drows.add(new Row(List.of(c.label(x.group()), c.label(x.reference()), w, w, w, w), false));
                    continue;
                }
                TrendAnalysis.SlopeTest s = x.differenceTrend();
                String first = x.periods().isEmpty() ? "—" : SectionCells.points(t, x.periods().get(0).difference());
                String last = x.periods().isEmpty() ? "—"
                        : SectionCells.points(t, x.periods().get(x.periods().size() - 1).difference());
                String slope = s.slope() == null ? SectionCells.status(t, s.status())
                        : t.points(s.slope()) + (s.ci95() == null ? "" : " (" + t.points(s.ci95().lower()) + " – "
                        + t.points(s.ci95().upper()) + ")");
                String reading = trendReading(t, x);
                drows.add(new Row(List.of(c.label(x.group()), c.label(x.reference()), first + " → " + last, slope,
                        SectionCells.p(t, s.pValueAdjusted()), reading), growing(x)));
            }
            blocks.add(new Table(DISPARITY_TRENDS, t.get("trends.disparityCaption"), List.of(t.get("column.group"),
                    t.get("column.reference"), t.get("column.firstLast"), t.get("column.slope"),
                    t.get("column.pAdjusted"), t.get("column.reading")),
                    List.of(false, false, true, true, true, false), drows));
        }
        if (!tr.drift().isEmpty()) {
            blocks.add(Paragraph.note(t.get("trends.driftExplain")));
            List<Row> drift = new ArrayList<>();
            for (TrendAnalysis.ScoreDrift x : tr.drift()) {
                if (drift.size() >= MAX_ROWS) {
                    break;
                }
                boolean hidden = d.withheld(Kind.SCORE_DRIFT, x.group(), x.period());
                boolean shift = !hidden && x.psi().value() != null && x.psi().status() == Status.OK
                        && x.psi().value() >= 0.25;
                drift.add(new Row(List.of(c.label(x.group()), x.baseline(), x.period(),
                        hidden ? w : SectionCells.number(t, x.psi())), shift));
            }
            blocks.add(new Table(TRENDS + "-drift", t.get("trends.driftCaption"), List.of(t.get("column.group"),
                    t.get("column.baseline"), t.get("column.period"), t.get("column.psi")),
                    List.of(false, false, false, true), drift));
            if (tr.drift().size() > MAX_ROWS) {
                blocks.add(Paragraph.note(t.get("analysis.more", t.count(tr.drift().size() - MAX_ROWS))));
            }
        }
        if (tr.feedbackLoop() != null) {
            blocks.add(Paragraph.note(t.get("trends.labelsExplain")));
            List<Row> lrows = new ArrayList<>();
            for (TrendAnalysis.LabelSource s : tr.feedbackLoop().periods()) {
                boolean hidden = d.withheld(Kind.LABEL_SOURCE, GroupKey.OVERALL, s.period());
                lrows.add(new Row(List.of(s.period(), hidden ? w : t.count(s.shareFromProfile().rows()),
                        hidden ? w : SectionCells.rate(t, s.shareFromProfile())), false));
            }
            blocks.add(new Table(TRENDS + "-labels", t.get("trends.labelsCaption"), List.of(t.get("column.period"),
                    t.get("column.labelled"), t.get("column.fromProfile")), List.of(false, true, true), lrows));
            TrendAnalysis.SlopeTest s = tr.feedbackLoop().trend();
            if (d.withheld(Kind.LABEL_SOURCE_TREND, GroupKey.OVERALL)) {
                blocks.add(Paragraph.of(t.get("trends.labelsTrendWithheld")));
            } else if (s.slope() != null) {
                blocks.add(Paragraph.of(t.get("trends.labelsTrend", t.points(s.slope()),
                        s.test() == null ? "—" : t.pEq(s.test().pValue()))));
            }
        }
        if (tr.rowsWithoutTimestamp() > 0 && !d.withheld(Kind.ROWS_WITHOUT_TIME, GroupKey.OVERALL)) {
            blocks.add(Paragraph.note(t.get("trends.withoutTime", t.count(tr.rowsWithoutTimestamp()))));
        }
        List<List<Inline>> warnings = new ArrayList<>();
        for (String x : c.result().scoresAndTrends().warnings()) {
            if (!SectionCells.warningMayDisclose(x, c.disclosureSettings(), c.analysis())) {
                warnings.add(List.of(Inline.text(x)));
            }
        }
        if (!warnings.isEmpty()) {
            blocks.add(new Heading(null, t.get("analysis.warnings")));
            blocks.add(new Bullets(warnings, false));
        }
    }

    /** Whether a group's disparity grows over time: a conclusive slope away from parity, unlikely to be chance. */
    static boolean growing(TrendAnalysis.DisparityTrend x) {
        TrendAnalysis.SlopeTest s = x.differenceTrend();
        if (s.status() != Status.OK || s.slope() == null || s.pValueAdjusted() == null || s.pValueAdjusted() >= ALPHA
                || x.periods().isEmpty()) {
            return false;
        }
        Double last = x.periods().get(x.periods().size() - 1).difference().value();
        return last != null && Math.signum(last) == Math.signum(s.slope()) && last != 0;
    }

    private static String trendReading(Texts t, TrendAnalysis.DisparityTrend x) {
        TrendAnalysis.SlopeTest s = x.differenceTrend();
        if (s.status() == Status.INSUFFICIENT_SAMPLE) {
            return t.get("trends.tooFewPeriods");
        }
        if (s.status() != Status.OK || s.pValueAdjusted() == null) {
            return SectionCells.status(t, s.status());
        }
        if (s.pValueAdjusted() >= ALPHA) {
            return t.get("trends.noClearTrend");
        }
        return growing(x) ? t.get("trends.growing") : t.get("trends.shrinking");
    }
}
