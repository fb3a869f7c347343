package dev.fairaudit.report.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis;
import dev.fairaudit.metrics.distributions.ScoreAnalysis;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.distributions.TrendAnalysis;
import dev.fairaudit.metrics.document.ChangeRecord;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.Disclosure.Part;
import dev.fairaudit.metrics.proxy.ConditionalDisparity;
import dev.fairaudit.metrics.proxy.ProxyFinding;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import java.util.List;

/**
 * The analyses' part of the disclosure decisions in {@code audit.json}: lists them under
 * {@code document.disclosure.analysisCells} and marks each withheld cell in place ({@code null} values, status
 * {@code SUPPRESSED}), the same cells the HTML and Markdown withhold ({@link AnalysisDisclosure}); writes the
 * change and decision record as {@code document.changeRecord}.
 */
final class AnalysisDisclosureJson {

    private static final String SUPPRESSED = "SUPPRESSED";

    private AnalysisDisclosureJson() {
    }

    /** Adds the change record and the analysis cells to {@code document}, and marks them in {@code root}. */
    static void addTo(ObjectNode root, ObjectNode document, AuditResult r) {
        List<ChangeRecord> changes = r.document().changeRecord();
        if (changes == null) {
            document.putNull("changeRecord");
        } else {
            ArrayNode a = document.putArray("changeRecord");
            for (ChangeRecord c : changes) {
                ObjectNode e = a.addObject();
                e.put("sequence", c.sequence());
                e.put("time", c.time().toString());
                e.put("kind", c.kind());
                ObjectNode f = e.putObject("fields");
                c.fields().forEach(f::put);
            }
        }
        AnalysisDisclosure a = AnalysisDisclosure.of(r);
        Disclosure d = r.document().disclosure();
        ArrayNode cells = ((ObjectNode) document.get("disclosure")).putArray("analysisCells");
        for (AnalysisDisclosure.Withheld w : a.items()) {
            ObjectNode e = cells.addObject();
            e.put("kind", w.kind().name());
            ObjectNode attributes = e.putObject("attributes");
            w.group().attributes().forEach(attributes::put);
            e.put("detail", w.detail());
            e.put("reason", w.reason().name());
        }
        if (!a.any() && d.cells().isEmpty()) {
            return;
        }
        proxies(root, r, a, d);
        aggregates(root, r, a);
        ScoresAndTrends st = r.scoresAndTrends();
        if (st != null) {
            scores(root.get("scores"), st.scores(), a, d);
            outcomes(root.get("numericOutcomes"), st.numericOutcomes(), a, d);
            trends(root.get("trends"), st.trends(), a);
        }
        if (a.any()) {
            warnings(root.get("warnings"), d, a);
            warnings(root.path("input").get("warnings"), d, a);
        }
    }

    private static void proxies(ObjectNode root, AuditResult r, AnalysisDisclosure a, Disclosure d) {
        if (r.proxyAnalysis() == null) {
            return;
        }
        warnings(root.path("proxyScreening").get("warnings"), d, a);
        ArrayNode proxies = (ArrayNode) root.get("proxies");
        for (int i = 0; i < r.proxyAnalysis().proxies().size(); i++) {
            ProxyFinding f = r.proxyAnalysis().proxies().get(i);
            ObjectNode o = (ObjectNode) proxies.get(i);
            warnings(o.get("warnings"), d, a);
            if (a.withheld(Kind.PROXY_FINDING, GroupKey.OVERALL, AnalysisDisclosure.detail(f))) {
                nulls(o, "n", "categories", "test", "statistic", "degreesOfFreedom", "pValue", "adjustedPValue",
                        "flagged");
                estimates(o, "cramersV", "mutualInformation", "auc");
            }
        }
        ArrayNode cds = (ArrayNode) root.get("conditionalDisparity");
        for (int i = 0; i < r.proxyAnalysis().conditionalDisparity().size(); i++) {
            ConditionalDisparity c = r.proxyAnalysis().conditionalDisparity().get(i);
            ObjectNode o = (ObjectNode) cds.get(i);
            warnings(o.get("warnings"), d, a);
            if (a.withheld(Kind.CONDITIONAL_DISPARITY, AnalysisDisclosure.group(c), c.feature())) {
                nulls(o, "n", "strata", "cmh", "rowsExcludedFromCdd");
                estimates(o, "crudeOddsRatio", "mantelHaenszelOddsRatio", "shareExplained", "demographicDisparity",
                        "conditionalDemographicDisparity");
            }
        }
    }

    private static void aggregates(ObjectNode root, AuditResult r, AnalysisDisclosure a) {
        if (r.aggregateAnalyses() == null) {
            return;
        }
        if (r.aggregateAnalyses().rounding() != null && root.get("rounding") instanceof ObjectNode o) {
            ArrayNode rates = (ArrayNode) o.get("rates");
            var list = r.aggregateAnalyses().rounding().rates();
            for (int i = 0; i < list.size(); i++) {
                if (a.withheld(Kind.AGGREGATE_RATE, list.get(i).group(), list.get(i).metric().key())) {
                    ObjectNode e = (ObjectNode) rates.get(i);
                    e.put("status", SUPPRESSED);
                    nulls(e, "lower", "upper", "ci95", "denominatorCanBeZero");
                }
            }
            ArrayNode comps = (ArrayNode) o.get("comparisons");
            var cl = r.aggregateAnalyses().rounding().comparisons();
            for (int i = 0; i < cl.size(); i++) {
                if (a.withheld(Kind.AGGREGATE_COMPARISON, cl.get(i).group(), cl.get(i).metric().key())) {
                    ObjectNode e = (ObjectNode) comps.get(i);
                    e.put("status", SUPPRESSED);
                    nulls(e, "ratioLower", "ratioUpper", "differenceLower", "differenceUpper");
                }
            }
        }
        if (r.aggregateAnalyses().areaComposition() != null && root.get("areaComposition") instanceof ObjectNode o) {
            boolean sel = a.withheld(Kind.AREA_SELECTED, GroupKey.OVERALL);
            boolean not = a.withheld(Kind.AREA_NOT_SELECTED, GroupKey.OVERALL);
            if (sel) {
                nulls(o, "selectedRows");
            }
            if (a.withheld(Kind.AREA_WITHOUT_REFERENCE, GroupKey.OVERALL)) {
                nulls(o, "rowsWithoutReference", "selectedWithoutReference");
            }
            for (JsonNode g : o.get("groups")) {
                ObjectNode e = (ObjectNode) g;
                if (sel) {
                    nulls(e, "selectedShare", "selectedCi95", "expectedSelected", "selectedToAssessedRatio",
                            "differenceSelectedVsNotSelected", "differenceCi95");
                }
                if (not) {
                    nulls(e, "notSelectedShare", "differenceSelectedVsNotSelected", "differenceCi95");
                }
            }
            ArrayNode w = (ArrayNode) o.get("warnings");
            Disclosure d = r.document().disclosure();
            for (int i = 0; i < w.size(); i++) {
                if (SectionCells.warningMayDisclose(w.get(i).asText(), d, a)
                        && !w.get(i).asText().equals(dev.fairaudit.metrics.aggregate.AreaComposition.LIMITATION)) {
                    w.set(i, SUPPRESSED);
                }
            }
        }
    }

    private static void scores(JsonNode node, ScoreAnalysis s, AnalysisDisclosure a, Disclosure d) {
        if (s == null || !(node instanceof ObjectNode o)) {
            return;
        }
        Disclosure.Lookup l = d.lookup();
        ArrayNode groups = (ArrayNode) o.get("groups");
        for (int i = 0; i < s.groups().size(); i++) {
            ScoreAnalysis.GroupScores g = s.groups().get(i);
            GroupKey k = g.group();
            ObjectNode e = (ObjectNode) groups.get(i);
            if (l.suppressed(k, Part.SIZE)) {
                nulls(e, "rows");
            }
            if (a.withheld(Kind.SCORE_COUNTS, k)) {
                nulls(e, "scored", "missing");
            }
            if (a.withheld(Kind.SCORE_GROUP, k)) {
                nulls(e, "deciles");
                estimates(e, "mean", "meanRatio");
            }
            if (a.withheld(Kind.SCORE_SHARE, k)) {
                metricValue(e.get("shareAboveOverallMedian"));
                estimates(e, "scoringRateImpactRatio");
            }
            if (a.withheld(Kind.SCORE_LABELLED, k)) {
                nulls(e, "aucTiedPairShare", "labelPositives", "labelNegatives", "calibration");
                estimates(e, "auc");
            } else if (e.get("calibration") instanceof ObjectNode c) {
                ArrayNode bins = (ArrayNode) c.get("bins");
                for (int b = 0; b < bins.size(); b++) {
                    if (a.withheld(Kind.RELIABILITY_BIN, k, String.valueOf(b))) {
                        nulls((ObjectNode) bins.get(b), "rows", "meanScore", "observedRate");
                    }
                }
            }
        }
    }

    private static void outcomes(JsonNode node, NumericOutcomeAnalysis n, AnalysisDisclosure a, Disclosure d) {
        if (n == null || !(node instanceof ObjectNode o)) {
            return;
        }
        Disclosure.Lookup l = d.lookup();
        ArrayNode groups = (ArrayNode) o.get("groups");
        for (int i = 0; i < n.groups().size(); i++) {
            NumericOutcomeAnalysis.GroupOutcome g = n.groups().get(i);
            ObjectNode e = (ObjectNode) groups.get(i);
            if (l.suppressed(g.group(), Part.SIZE)) {
                nulls(e, "rows");
            }
            if (a.withheld(Kind.OUTCOME_GROUP, g.group())) {
                nulls(e, "count", "standardDeviation");
                estimates(e, "mean", "median");
            }
            if (a.withheld(Kind.OUTCOME_MISSING, g.group())) {
                nulls(e, "missing");
            }
        }
        ArrayNode tests = (ArrayNode) o.get("tests");
        for (int i = 0; i < n.tests().size(); i++) {
            if (a.withheld(Kind.OUTCOME_TEST, AnalysisDisclosure.testKey(n.tests().get(i).grouping()))) {
                ObjectNode e = (ObjectNode) tests.get(i);
                e.put("status", SUPPRESSED);
                nulls(e, "groupsTested", "welchAnova", "kruskalWallis");
            }
        }
        ArrayNode pairs = (ArrayNode) o.get("pairwise");
        for (int i = 0; i < n.pairwise().size(); i++) {
            NumericOutcomeAnalysis.PairwiseComparison p = n.pairwise().get(i);
            if (a.withheld(Kind.OUTCOME_PAIR, p.group(), p.other().label())) {
                ObjectNode e = (ObjectNode) pairs.get(i);
                e.put("status", SUPPRESSED);
                nulls(e, "welchT", "mannWhitney");
                estimates(e, "meanDifference");
            }
        }
    }

    private static void trends(JsonNode node, TrendAnalysis t, AnalysisDisclosure a) {
        if (t == null || !(node instanceof ObjectNode o)) {
            return;
        }
        if (a.withheld(Kind.ROWS_WITHOUT_TIME, GroupKey.OVERALL)) {
            nulls(o, "rowsWithoutTime");
        }
        ArrayNode rates = (ArrayNode) o.get("selectionRates");
        for (int i = 0; i < t.rates().size(); i++) {
            TrendAnalysis.PeriodRate p = t.rates().get(i);
            if (a.withheld(Kind.PERIOD_RATE, p.group(), p.period())) {
                metricValue(rates.get(i).get("selectionRate"));
            }
        }
        ArrayNode disparities = (ArrayNode) o.get("disparities");
        for (int i = 0; i < t.disparities().size(); i++) {
            TrendAnalysis.DisparityTrend x = t.disparities().get(i);
            ObjectNode e = (ObjectNode) disparities.get(i);
            ArrayNode per = (ArrayNode) e.get("byPeriod");
            for (int j = 0; j < x.periods().size(); j++) {
                if (a.withheld(Kind.PERIOD_DISPARITY, x.group(), x.periods().get(j).period())) {
                    estimates((ObjectNode) per.get(j), "difference", "ratio");
                }
            }
            if (a.withheld(Kind.DISPARITY_TREND, x.group())) {
                slope(e.get("differenceTrend"));
                slope(e.get("logRatioTrend"));
            }
        }
        ArrayNode drift = (ArrayNode) o.get("scoreDrift");
        for (int i = 0; i < t.drift().size(); i++) {
            TrendAnalysis.ScoreDrift x = t.drift().get(i);
            if (a.withheld(Kind.SCORE_DRIFT, x.group(), x.period())) {
                estimates((ObjectNode) drift.get(i), "populationStabilityIndex");
            }
        }
        if (t.feedbackLoop() != null && o.get("labelSources") instanceof ObjectNode f) {
            ArrayNode per = (ArrayNode) f.get("byPeriod");
            for (int i = 0; i < t.feedbackLoop().periods().size(); i++) {
                if (a.withheld(Kind.LABEL_SOURCE, GroupKey.OVERALL, t.feedbackLoop().periods().get(i).period())) {
                    metricValue(per.get(i).get("shareFromProfile"));
                }
            }
            if (a.withheld(Kind.LABEL_SOURCE_TREND, GroupKey.OVERALL)) {
                slope(f.get("trend"));
            }
        }
    }

    private static void slope(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.put("status", SUPPRESSED);
            nulls(o, "periodsUsed", "slope", "ci95", "test");
        }
    }

    private static void metricValue(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.put("status", SUPPRESSED);
            nulls(o, "value", "numerator", "denominator", "ci95");
        }
    }

    private static void estimates(ObjectNode o, String... fields) {
        for (String f : fields) {
            if (o.get(f) instanceof ObjectNode e) {
                e.putNull("value");
                e.put("status", SUPPRESSED);
                e.putNull("ci95");
            }
        }
    }

    private static void nulls(ObjectNode o, String... fields) {
        for (String f : fields) {
            if (o.has(f)) {
                o.putNull(f);
            }
        }
    }

    private static void warnings(JsonNode node, Disclosure d, AnalysisDisclosure a) {
        if (node instanceof ArrayNode w) {
            for (int i = 0; i < w.size(); i++) {
                if (SectionCells.warningMayDisclose(w.get(i).asText(), d, a)) {
                    w.set(i, SUPPRESSED);
                }
            }
        }
    }
}
