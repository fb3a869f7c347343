package dev.fairaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis;
import dev.fairaudit.metrics.distributions.ScoreAnalysis;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.distributions.TrendAnalysis;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.TestResult;

/**
 * Writes the {@code scores}, {@code numericOutcomes} and {@code trends} sections of {@code audit.json} (see
 * {@code docs/audit-json.md}) and adds the analyses' warnings to {@code warnings}. Field order is fixed.
 */
final class ScoresTrendsJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ScoresTrendsJson() {
    }

    /** Adds the three sections to the document root (nothing when the analyses were not run). */
    static void write(ObjectNode root, AuditResult r) {
        ScoresAndTrends s = r.scoresAndTrends();
        if (s == null) {
            return;
        }
        TableSpec spec = r.tableSpec();
        root.set("scores", s.scores() == null ? F.nullNode()
                : scores(s.scores(), spec == null ? null : spec.score()));
        root.set("numericOutcomes", s.numericOutcomes() == null ? F.nullNode()
                : outcomes(s.numericOutcomes(), spec == null ? null : spec.numericOutcome()));
        root.set("trends", s.trends() == null ? F.nullNode()
                : trends(s.trends(), spec == null ? null : spec.timestamp()));
        JsonNode warnings = root.get("warnings");
        if (warnings instanceof ArrayNode a) {
            s.warnings().forEach(a::add);
        }
    }

    private static ObjectNode scores(ScoreAnalysis s, String column) {
        ObjectNode o = F.objectNode();
        o.put("column", column);
        putNullable(o, "overallMedian", s.overallMedian());
        o.put("relativeAccuracy", s.relativeAccuracy());
        o.put("calibrationApplicable", s.calibrationApplicable());
        ArrayNode groups = o.putArray("groups");
        for (ScoreAnalysis.GroupScores g : s.groups()) {
            ObjectNode e = groups.addObject();
            e.set("attributes", attributes(g.group()));
            e.put("rows", g.rows());
            e.put("scored", g.scored());
            e.put("missing", g.missing());
            e.set("mean", estimate(g.mean()));
            ArrayNode d = e.putArray("deciles");
            g.deciles().forEach(d::add);
            e.set("meanRatio", estimate(g.meanRatio()));
            e.set("shareAboveOverallMedian", metricValue(g.shareAboveOverallMedian()));
            e.set("scoringRateImpactRatio", estimate(g.scoringRateImpactRatio()));
            e.set("auc", estimate(g.auc()));
            putNullable(e, "aucTiedPairShare", g.aucTiedPairShare());
            e.put("labelPositives", g.labelPositives());
            e.put("labelNegatives", g.labelNegatives());
            if (g.calibration() == null) {
                e.putNull("calibration");
            } else {
                ObjectNode c = e.putObject("calibration");
                c.put("labelledRows", g.calibration().labelledRows());
                c.set("expectedCalibrationError", estimate(g.calibration().expectedCalibrationError()));
                ArrayNode bins = c.putArray("bins");
                for (ScoreAnalysis.ReliabilityBin b : g.calibration().bins()) {
                    ObjectNode bin = bins.addObject();
                    bin.put("lower", b.lower());
                    bin.put("upper", b.upper());
                    bin.put("rows", b.rows());
                    putNullable(bin, "meanScore", b.meanScore());
                    putNullable(bin, "observedRate", b.observedRate());
                }
            }
        }
        return o;
    }

    private static ObjectNode outcomes(NumericOutcomeAnalysis n, String column) {
        ObjectNode o = F.objectNode();
        o.put("column", column);
        ArrayNode groups = o.putArray("groups");
        for (NumericOutcomeAnalysis.GroupOutcome g : n.groups()) {
            ObjectNode e = groups.addObject();
            e.set("attributes", attributes(g.group()));
            e.put("rows", g.rows());
            e.put("count", g.count());
            e.put("missing", g.missing());
            e.set("mean", estimate(g.mean()));
            e.set("median", estimate(g.median()));
            putNullable(e, "standardDeviation", g.standardDeviation());
        }
        ArrayNode tests = o.putArray("tests");
        for (NumericOutcomeAnalysis.AcrossGroups t : n.tests()) {
            ObjectNode e = tests.addObject();
            e.set("grouping", grouping(t.grouping()));
            e.put("status", t.status().name());
            e.put("groupsTested", t.groupsTested());
            e.set("welchAnova", test(t.welchAnova(), null));
            e.set("kruskalWallis", test(t.kruskalWallis(), null));
        }
        ArrayNode pairs = o.putArray("pairwise");
        for (NumericOutcomeAnalysis.PairwiseComparison p : n.pairwise()) {
            ObjectNode e = pairs.addObject();
            e.set("grouping", grouping(p.grouping()));
            e.set("group", attributes(p.group()));
            e.set("other", attributes(p.other()));
            e.put("status", p.status().name());
            e.set("meanDifference", estimate(p.meanDifference()));
            e.set("welchT", test(p.welchT(), p.welchPValueAdjusted()));
            e.set("mannWhitney", test(p.mannWhitney(), p.mannWhitneyPValueAdjusted()));
        }
        return o;
    }

    private static ObjectNode trends(TrendAnalysis t, String timeColumn) {
        ObjectNode o = F.objectNode();
        o.put("timeColumn", timeColumn);
        o.put("period", t.periodUnit().id());
        ArrayNode periods = o.putArray("periods");
        t.periods().forEach(periods::add);
        o.put("rowsWithoutTime", t.rowsWithoutTimestamp());
        ArrayNode rates = o.putArray("selectionRates");
        for (TrendAnalysis.PeriodRate r : t.rates()) {
            ObjectNode e = rates.addObject();
            e.set("attributes", attributes(r.group()));
            e.put("periodKey", r.period());
            e.set("selectionRate", metricValue(r.selectionRate()));
        }
        ArrayNode disparities = o.putArray("disparities");
        for (TrendAnalysis.DisparityTrend d : t.disparities()) {
            ObjectNode e = disparities.addObject();
            e.set("attributes", attributes(d.group()));
            e.set("reference", attributes(d.reference()));
            ArrayNode per = e.putArray("byPeriod");
            for (TrendAnalysis.PeriodDisparity p : d.periods()) {
                ObjectNode x = per.addObject();
                x.put("periodKey", p.period());
                x.set("difference", estimate(p.difference()));
                x.set("ratio", estimate(p.ratio()));
            }
            e.set("differenceTrend", slope(d.differenceTrend()));
            e.set("logRatioTrend", slope(d.logRatioTrend()));
        }
        ArrayNode drift = o.putArray("scoreDrift");
        for (TrendAnalysis.ScoreDrift d : t.drift()) {
            ObjectNode e = drift.addObject();
            e.set("attributes", attributes(d.group()));
            e.put("baselinePeriod", d.baseline());
            e.put("periodKey", d.period());
            e.set("populationStabilityIndex", estimate(d.psi()));
        }
        if (t.feedbackLoop() == null) {
            o.putNull("labelSources");
        } else {
            ObjectNode f = o.putObject("labelSources");
            ArrayNode per = f.putArray("byPeriod");
            for (TrendAnalysis.LabelSource s : t.feedbackLoop().periods()) {
                ObjectNode x = per.addObject();
                x.put("periodKey", s.period());
                x.set("shareFromProfile", metricValue(s.shareFromProfile()));
            }
            f.set("trend", slope(t.feedbackLoop().trend()));
        }
        return o;
    }

    private static ObjectNode slope(TrendAnalysis.SlopeTest s) {
        ObjectNode o = F.objectNode();
        o.put("status", s.status().name());
        o.put("periodsUsed", s.periodsUsed());
        putNullable(o, "slope", s.slope());
        o.set("ci95", interval(s.ci95()));
        o.set("test", test(s.test(), s.pValueAdjusted()));
        return o;
    }

    private static JsonNode test(TestResult t, Double adjusted) {
        if (t == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("test", t.test());
        o.put("statistic", t.statistic());
        o.put("degreesOfFreedom", t.degreesOfFreedom());
        o.put("pValue", t.pValue());
        putNullable(o, "pValueAdjusted", adjusted);
        return o;
    }

    private static JsonNode metricValue(MetricValue v) {
        ObjectNode o = F.objectNode();
        putNullable(o, "value", v.value());
        o.put("status", v.status().name());
        o.put("numerator", v.numerator());
        o.put("denominator", v.denominator());
        o.set("ci95", interval(v.ci95()));
        return o;
    }

    private static JsonNode estimate(Estimate e) {
        if (e == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        putNullable(o, "value", e.value());
        o.put("status", e.status().name());
        o.set("ci95", interval(e.ci95()));
        return o;
    }

    private static JsonNode interval(Interval i) {
        if (i == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("lower", i.lower());
        o.put("upper", i.upper());
        o.put("method", i.method());
        return o;
    }

    private static ObjectNode attributes(GroupKey k) {
        ObjectNode o = F.objectNode();
        k.attributes().forEach(o::put);
        return o;
    }

    private static ArrayNode grouping(Grouping g) {
        ArrayNode a = F.arrayNode();
        g.attributes().forEach(a::add);
        return a;
    }

    private static void putNullable(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
