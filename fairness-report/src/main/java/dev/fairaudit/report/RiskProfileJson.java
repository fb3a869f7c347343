package dev.fairaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.criteria.Bound;
import dev.fairaudit.metrics.criteria.CriteriaReport;
import dev.fairaudit.metrics.criteria.Criterion;
import dev.fairaudit.metrics.criteria.CriterionResult;
import dev.fairaudit.metrics.criteria.Evidence;
import dev.fairaudit.metrics.criteria.Quantity;
import dev.fairaudit.metrics.risk.BaseRate;
import dev.fairaudit.metrics.risk.Funnel;
import dev.fairaudit.metrics.risk.FunnelCell;
import dev.fairaudit.metrics.risk.GroupContrast;
import dev.fairaudit.metrics.risk.ManualAmplification;
import dev.fairaudit.metrics.risk.OutcomeTest;
import dev.fairaudit.metrics.risk.OutcomeTestEntry;
import dev.fairaudit.metrics.risk.PrecisionAtBaseRate;
import dev.fairaudit.metrics.risk.PrecisionAtBaseRateGroup;
import dev.fairaudit.metrics.risk.ProfileVsRandomGroup;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import dev.fairaudit.metrics.risk.RouteAnalysis;
import dev.fairaudit.metrics.risk.RouteCell;
import dev.fairaudit.report.document.AnalysisDisclosure;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;

/**
 * Writes the risk-profile sections of the audit document: {@code routes}, {@code outcomeTest}, {@code funnel} and
 * {@code criteria}, after {@code warnings}, each present only when its analysis ran (documented in
 * {@code docs/audit-json.md}). Risk-profile warnings are appended to {@code warnings}.
 */
import java.util.List;

final class RiskProfileJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RiskProfileJson() {
    }

    /**
     * Adds the sections of the result's risk profile to the document root (nothing when there is none), with the
     * cells that {@link AnalysisDisclosure} withholds written as {@code null} (statuses {@code SUPPRESSED}; verdicts
     * in words stay), the same cells the document's risk-profile section withholds.
     */
    static void addTo(ObjectNode root, AuditResult r) {
        RiskProfileResult risk = r.riskProfile();
        if (risk == null) {
            return;
        }
        ObjectNode sections = F.objectNode();
        addSections(sections, risk);
        AnalysisDisclosure disclosure = AnalysisDisclosure.of(r);
        if (disclosure.any()) {
            withhold(sections, risk, disclosure);
        }
        ArrayNode warnings = root.withArray("warnings");
        risk.warnings().forEach(warnings::add);
        sections.fields().forEachRemaining(e -> root.set(e.getKey(), e.getValue()));
    }

    private static void addSections(ObjectNode root, RiskProfileResult risk) {
        if (risk.routes() != null) {
            root.set("routes", routes(risk.routes()));
        }
        root.set("outcomeTest", outcomeTest(risk.outcomeTest()));
        if (risk.funnel() != null) {
            root.set("funnel", funnel(risk.funnel()));
        }
        if (risk.criteria() != null) {
            root.set("criteria", criteria(risk.criteria()));
        }
    }

    private static ObjectNode routes(RouteAnalysis r) {
        ObjectNode o = F.objectNode();
        o.put("column", r.column());
        ArrayNode values = o.putArray("values");
        r.routes().forEach(values::add);
        o.put("profileRoute", r.profileRoute());
        o.put("randomRoute", r.randomRoute());
        ArrayNode cells = o.putArray("cells");
        for (RouteCell c : r.cells()) {
            ObjectNode e = cells.addObject();
            e.set("attributes", JsonAuditWriter.attributes(c.group()));
            e.put("route", c.route());
            e.put("rows", c.rows());
            e.set("selectionRate", JsonAuditWriter.metricValue(c.selectionRate()));
            e.set("shareOfSelections", JsonAuditWriter.metricValue(c.shareOfSelections()));
            e.set("hitRate", JsonAuditWriter.metricValue(c.hitRate()));
            e.put("uncontrolledRows", c.uncontrolledRows());
        }
        ObjectNode base = o.putObject("baseRates");
        base.put("randomRoute", r.baseRates().randomRoute());
        ArrayNode groups = base.putArray("groups");
        for (BaseRate b : r.baseRates().groups()) {
            ObjectNode e = groups.addObject();
            e.set("attributes", JsonAuditWriter.attributes(b.group()));
            e.set("fromRandom", JsonAuditWriter.metricValue(b.fromRandom()));
            e.set("fromProfile", JsonAuditWriter.metricValue(b.fromProfile()));
        }
        ArrayNode comparisons = base.putArray("comparisons");
        r.baseRates().comparisons().forEach(c -> comparisons.add(contrast(c)));
        ArrayNode versus = o.putArray("profileVsRandom");
        for (ProfileVsRandomGroup v : r.profileVsRandom()) {
            ObjectNode e = versus.addObject();
            e.set("attributes", JsonAuditWriter.attributes(v.group()));
            e.set("profileHitRate", JsonAuditWriter.metricValue(v.profileHitRate()));
            e.set("randomHitRate", JsonAuditWriter.metricValue(v.randomHitRate()));
            e.set("liftOverRandom", JsonAuditWriter.estimate(v.liftOverRandom()));
            ObjectNode test = e.putObject("hitRateTest");
            JsonAuditWriter.putTest(test, v.hitRateTest());
            e.set("selectionRateRatio", JsonAuditWriter.estimate(v.selectionRateRatio()));
            e.set("unfoundedControlRate", JsonAuditWriter.metricValue(v.unfoundedControlRate()));
            e.set("unfoundedControlComparison", v.unfoundedControlComparison() == null ? F.nullNode()
                    : contrast(v.unfoundedControlComparison()));
        }
        if (r.precisionAtBaseRate() != null) {
            o.set("precisionAtBaseRate", precisionAtBaseRate(r.precisionAtBaseRate()));
        }
        return o;
    }

    private static ObjectNode precisionAtBaseRate(PrecisionAtBaseRate p) {
        ObjectNode o = F.objectNode();
        o.put("column", p.column());
        o.put("randomRoute", p.randomRoute());
        ArrayNode groups = o.putArray("groups");
        for (PrecisionAtBaseRateGroup g : p.groups()) {
            ObjectNode e = groups.addObject();
            e.set("attributes", JsonAuditWriter.attributes(g.group()));
            ObjectNode performance = e.putObject("performance");
            performance.put("randomRows", g.randomRows());
            performance.put("unknownRows", g.unknownRows());
            performance.put("unknownControlledRows", g.unknownControlledRows());
            performance.set("flagRate", JsonAuditWriter.metricValue(g.flagRate()));
            performance.set("baseRate", JsonAuditWriter.metricValue(g.baseRate()));
            performance.set("precisionAtBaseRate", JsonAuditWriter.metricValue(g.precisionAtBaseRate()));
            performance.set("liftOverBaseRate", JsonAuditWriter.estimate(g.liftOverBaseRate()));
            performance.set("recall", JsonAuditWriter.metricValue(g.recall()));
            ObjectNode falsePositives = e.putObject("falsePositives");
            falsePositives.set("falsePositiveRate", JsonAuditWriter.metricValue(g.falsePositiveRate()));
            GroupContrast c = g.falsePositiveRateComparison();
            falsePositives.set("falsePositiveRateComparison", c == null ? F.nullNode() : contrast(c));
        }
        return o;
    }

    private static ObjectNode outcomeTest(OutcomeTest t) {
        ObjectNode o = F.objectNode();
        o.put("route", t.route());
        ArrayNode entries = o.putArray("entries");
        for (OutcomeTestEntry e : t.entries()) {
            ObjectNode n = entries.addObject();
            n.set("attributes", JsonAuditWriter.attributes(e.group()));
            n.set("reference", JsonAuditWriter.attributes(e.reference()));
            n.set("selectionRate", JsonAuditWriter.metricValue(e.selectionRate()));
            n.set("hitRate", JsonAuditWriter.metricValue(e.hitRate()));
            n.set("selectionComparison", contrast(e.selectionComparison()));
            n.set("hitRateComparison", contrast(e.hitRateComparison()));
            n.put("verdict", e.verdict().name());
        }
        return o;
    }

    private static ObjectNode funnel(Funnel f) {
        ObjectNode o = F.objectNode();
        o.put("column", f.column());
        ArrayNode stages = o.putArray("stages");
        f.spec().stages().forEach(stages::add);
        o.put("manualStage", f.spec().manualStage());
        ArrayNode totals = o.putArray("stageTotals");
        f.stageTotals().forEach(totals::add);
        ArrayNode cells = o.putArray("cells");
        for (FunnelCell c : f.cells()) {
            ObjectNode e = cells.addObject();
            e.set("attributes", JsonAuditWriter.attributes(c.group()));
            e.put("stage", c.stage());
            e.put("n", c.n());
            e.put("rows", c.rows());
            e.set("share", JsonAuditWriter.metricValue(c.share()));
            e.set("ratioToFirst", JsonAuditWriter.estimate(c.ratioToFirst()));
            e.set("ratioToPrevious", JsonAuditWriter.estimate(c.ratioToPrevious()));
        }
        ArrayNode amplification = o.putArray("manualAmplification");
        for (ManualAmplification a : f.amplification()) {
            ObjectNode e = amplification.addObject();
            e.set("attributes", JsonAuditWriter.attributes(a.group()));
            e.put("fromStage", a.fromStage());
            e.put("toStage", a.toStage());
            e.put("expected", a.expected());
            e.put("observed", a.observed());
            e.set("amplification", JsonAuditWriter.estimate(a.amplification()));
        }
        return o;
    }

    private static ObjectNode criteria(CriteriaReport r) {
        ObjectNode o = F.objectNode();
        o.put("name", r.name());
        o.put("source", r.source());
        o.put("evaluationDate", r.evaluationDate() == null ? null : r.evaluationDate().toString());
        o.put("advice", r.advice().id());
        o.put("adviceReason", r.adviceReason());
        ArrayNode entries = o.putArray("entries");
        for (CriterionResult cr : r.results()) {
            Criterion c = cr.criterion();
            ObjectNode e = entries.addObject();
            e.put("id", c.id());
            e.put("metric", c.metric());
            e.put("description", c.description());
            e.set("grouping", JsonAuditWriter.grouping(new dev.fairaudit.metrics.counts.Grouping(c.grouping())));
            ObjectNode group = e.putObject("attributes");
            c.group().forEach(group::put);
            e.set("bound", bound(c.bound()));
            e.put("minSampleSize", c.minSampleSize());
            e.put("onFail", c.onFail().id());
            e.set("observed", cr.observed() == null ? F.nullNode() : quantity(cr.observed()));
            e.put("verdict", cr.verdict().name());
            e.put("reason", cr.reason());
            ArrayNode evidence = e.putArray("evidence");
            for (Evidence ev : cr.evidence()) {
                ObjectNode n = quantity(ev.quantity());
                n.put("verdict", ev.verdict().name());
                n.put("reason", ev.reason());
                evidence.add(n);
            }
        }
        return o;
    }

    private static ObjectNode bound(Bound b) {
        ObjectNode o = F.objectNode();
        JsonAuditWriter.putNullable(o, "lower", b.lower());
        JsonAuditWriter.putNullable(o, "upper", b.upper());
        return o;
    }

    private static ObjectNode quantity(Quantity q) {
        ObjectNode o = F.objectNode();
        o.set("attributes", JsonAuditWriter.attributes(q.group()));
        o.set("reference", q.reference() == null ? F.nullNode() : JsonAuditWriter.attributes(q.reference()));
        JsonAuditWriter.putNullable(o, "value", q.value());
        o.put("status", q.status().name());
        o.set("ci95", JsonAuditWriter.interval(q.ci95()));
        o.put("sampleSize", q.sampleSize());
        return o;
    }

    private static ObjectNode contrast(GroupContrast c) {
        ObjectNode o = F.objectNode();
        o.set("attributes", JsonAuditWriter.attributes(c.group()));
        o.set("reference", JsonAuditWriter.attributes(c.reference()));
        o.put("status", c.status().name());
        o.set("ratio", JsonAuditWriter.estimate(c.ratio()));
        o.set("difference", JsonAuditWriter.estimate(c.difference()));
        JsonAuditWriter.putTest(o, c.test());
        JsonAuditWriter.putNullable(o, "pValueAdjusted", c.pValueAdjusted());
        return o;
    }

    /** Count fields of the risk-profile entries, nulled when an entry is withheld. */
    private static final java.util.Set<String> COUNTS = java.util.Set.of("rows", "sampleSize", "uncontrolledRows",
            "denominatorRows", "numerator", "denominator", "count", "selectedRows", "controlledRows", "expected",
            "observed", "n", "randomRows", "unknownRows", "unknownControlledRows");

    /** Withholds, entry by entry, what the disclosure decisions withhold (the arrays follow the result's lists). */
    private static void withhold(ObjectNode sections, RiskProfileResult risk, AnalysisDisclosure d) {
        RouteAnalysis routes = risk.routes();
        if (routes != null) {
            JsonNode o = sections.get("routes");
            for (int i = 0; i < routes.cells().size(); i++) {
                RouteCell c = routes.cells().get(i);
                if (d.withheld(Kind.ROUTE_CELL, c.group(), c.route())) {
                    suppressTree(o.get("cells").get(i));
                }
            }
            for (int i = 0; i < routes.baseRates().groups().size(); i++) {
                if (d.withheld(Kind.BASE_RATE, routes.baseRates().groups().get(i).group())) {
                    suppressTree(o.at("/baseRates/groups").get(i));
                }
            }
            for (int i = 0; i < routes.baseRates().comparisons().size(); i++) {
                if (d.withheld(Kind.BASE_RATE_COMPARISON, routes.baseRates().comparisons().get(i).group())) {
                    suppressContrast(o.at("/baseRates/comparisons").get(i));
                }
            }
            for (int i = 0; i < routes.profileVsRandom().size(); i++) {
                GroupKey g = routes.profileVsRandom().get(i).group();
                JsonNode e = o.get("profileVsRandom").get(i);
                if (d.withheld(Kind.PROFILE_VS_RANDOM, g)) {
                    suppressTree(e);
                }
                if (d.withheld(Kind.UNFOUNDED_COMPARISON, g)) {
                    suppressContrast(e.get("unfoundedControlComparison"));
                }
            }
            if (routes.precisionAtBaseRate() != null) {
                List<PrecisionAtBaseRateGroup> groups = routes.precisionAtBaseRate().groups();
                for (int i = 0; i < groups.size(); i++) {
                    GroupKey g = groups.get(i).group();
                    JsonNode e = o.at("/precisionAtBaseRate/groups").get(i);
                    if (d.withheld(Kind.PRECISION_PERFORMANCE, g)) {
                        suppressTree(e.get("performance"));
                    }
                    if (d.withheld(Kind.PRECISION_FALSE_POSITIVES, g)) {
                        suppressTree(e.get("falsePositives"));
                    }
                    if (d.withheld(Kind.PRECISION_COMPARISON, g)) {
                        suppressContrast(e.at("/falsePositives/falsePositiveRateComparison"));
                    }
                }
            }
        }
        if (risk.outcomeTest() != null) {
            for (int i = 0; i < risk.outcomeTest().entries().size(); i++) {
                if (d.withheld(Kind.OUTCOME_TEST_ENTRY, risk.outcomeTest().entries().get(i).group())) {
                    JsonNode e = sections.at("/outcomeTest/entries").get(i);
                    suppressTree(e);
                    ((ObjectNode) e.get("selectionComparison")).put("status", "SUPPRESSED");
                    ((ObjectNode) e.get("hitRateComparison")).put("status", "SUPPRESSED");
                }
            }
        }
        if (risk.funnel() != null) {
            for (int i = 0; i < risk.funnel().cells().size(); i++) {
                FunnelCell c = risk.funnel().cells().get(i);
                if (d.withheld(Kind.FUNNEL_CELL, c.group(), c.stage())) {
                    suppressTree(sections.at("/funnel/cells").get(i));
                }
            }
            for (int i = 0; i < risk.funnel().amplification().size(); i++) {
                if (d.withheld(Kind.MANUAL_AMPLIFICATION, risk.funnel().amplification().get(i).group())) {
                    suppressTree(sections.at("/funnel/manualAmplification").get(i));
                }
            }
        }
        if (risk.criteria() != null) {
            for (int i = 0; i < risk.criteria().results().size(); i++) {
                CriterionResult cr = risk.criteria().results().get(i);
                String id = cr.criterion().id();
                JsonNode e = sections.at("/criteria/entries").get(i);
                if (cr.observed() != null && d.withheld(Kind.CRITERION_EVIDENCE, cr.observed().group(), id)) {
                    suppressTree(e.get("observed"));
                    // The reason repeats the deciding estimate, its interval or its sample size in words.
                    ((ObjectNode) e).put("reason", "SUPPRESSED");
                }
                for (int j = 0; j < cr.evidence().size(); j++) {
                    if (d.withheld(Kind.CRITERION_EVIDENCE, cr.evidence().get(j).quantity().group(), id)) {
                        suppressTree(e.get("evidence").get(j));
                    }
                }
            }
        }
    }

    private static void suppressContrast(JsonNode contrast) {
        if (contrast == null || !contrast.isObject()) {
            return;
        }
        suppressTree(contrast);
        ((ObjectNode) contrast).put("status", "SUPPRESSED");
    }

    /** Nulls every value, interval, count and test below {@code node}; statuses become SUPPRESSED. */
    private static void suppressTree(JsonNode node) {
        if (node.isArray()) {
            node.forEach(RiskProfileJson::suppressTree);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode v = o.get(name);
            if (name.equals("value") || name.equals("ci95") || name.equals("pValue") || name.equals("pValueAdjusted")
                    || name.equals("statistic") || COUNTS.contains(name) && v.isNumber()) {
                o.putNull(name);
            } else if (name.equals("status") && v.isTextual() && o.has("value")) {
                o.put("status", "SUPPRESSED");
            } else if (name.equals("reason") && v.isTextual()) {
                o.put("reason", "SUPPRESSED"); // a criterion's reason states the estimate it rests on
            } else {
                suppressTree(v);
            }
        }
    }
}
