package dev.fairaudit.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.aggregate.AreaComposition;
import dev.fairaudit.metrics.aggregate.ComparisonBounds;
import dev.fairaudit.metrics.aggregate.RateBounds;
import dev.fairaudit.metrics.aggregate.RoundingAnalysis;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.stats.Interval;

/**
 * The JSON of an audit without individual protected attributes ({@code docs/audit-json.md}, sections
 * {@code rounding} and {@code areaComposition}): adds them to the document, and writes {@code null} for
 * counts and numerators that a suppressed cell makes unknown.
 */
final class AggregateJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final String[] COUNT_KEYS = {"truePositive", "falsePositive", "falseNegative", "trueNegative",
        "selectedLabelUnknown", "notSelectedLabelUnknown"};

    private AggregateJson() {
    }

    /** Adds the sections of the result's aggregate analyses, if any, to the document. */
    static void addTo(ObjectNode root, AuditResult r) {
        AggregateAnalyses a = r.aggregateAnalyses();
        if (a == null) {
            return;
        }
        if (a.rounding() != null) {
            nullSuppressed(root, r);
            root.set("rounding", rounding(a.rounding()));
        }
        if (a.areaComposition() != null) {
            root.set("areaComposition", area(a.areaComposition()));
        }
    }

    /** Suppressed cells and the numerators of suppressed rates are unknown, not 0. */
    private static void nullSuppressed(ObjectNode root, AuditResult r) {
        JsonNode groups = root.get("groups");
        for (int i = 0; i < r.groups().size(); i++) {
            GroupResult g = r.groups().get(i);
            ObjectNode o = (ObjectNode) groups.get(i);
            for (Metric m : Metric.values()) {
                nullIfSuppressed((ObjectNode) o.get(m.key()), g.metric(m));
            }
            nullIfSuppressed((ObjectNode) o.get("populationShare"), g.populationShare());
            for (RoundingAnalysis.SuppressedCells s : r.aggregateAnalyses().rounding().suppressedByGroup()) {
                if (s.group().equals(g.group())) {
                    ObjectNode counts = (ObjectNode) o.get("counts");
                    s.cells().forEach(c -> counts.putNull(COUNT_KEYS[c.ordinal()]));
                    o.putNull("n");
                    o.putNull("rows");
                }
            }
        }
    }

    private static void nullIfSuppressed(ObjectNode o, MetricValue v) {
        if (v.status() == Status.SUPPRESSED) {
            o.putNull("numerator");
            o.putNull("denominator");
            o.putNull("denominatorRows");
        }
    }

    private static ObjectNode rounding(RoundingAnalysis a) {
        ObjectNode o = F.objectNode();
        o.put("rounding", a.rounding());
        if (a.suppressedMax() == null) {
            o.putNull("suppressedMax");
        } else {
            o.put("suppressedMax", a.suppressedMax());
        }
        o.put("suppressedCells", a.suppressedCells());
        ArrayNode byGroup = o.putArray("suppressedByGroup");
        for (RoundingAnalysis.SuppressedCells s : a.suppressedByGroup()) {
            ObjectNode e = byGroup.addObject();
            e.set("attributes", attributes(s.group()));
            ArrayNode cells = e.putArray("cells");
            s.cells().forEach(c -> cells.add(COUNT_KEYS[c.ordinal()]));
        }
        o.put("description", a.description());
        ArrayNode rates = o.putArray("rates");
        for (RateBounds b : a.rates()) {
            ObjectNode e = rates.addObject();
            e.set("attributes", attributes(b.group()));
            e.put("metric", b.metric().key());
            e.put("status", b.status().name());
            putNullable(e, "lower", b.lower());
            putNullable(e, "upper", b.upper());
            e.set("ci95", interval(b.ci95()));
            e.put("denominatorCanBeZero", b.denominatorCanBeZero());
        }
        ArrayNode comparisons = o.putArray("comparisons");
        for (ComparisonBounds b : a.comparisons()) {
            ObjectNode e = comparisons.addObject();
            e.set("attributes", attributes(b.group()));
            e.set("reference", attributes(b.reference()));
            e.put("metric", b.metric().key());
            e.put("status", b.status().name());
            putNullable(e, "ratioLower", b.ratioLower());
            putNullable(e, "ratioUpper", b.ratioUpper());
            putNullable(e, "differenceLower", b.differenceLower());
            putNullable(e, "differenceUpper", b.differenceUpper());
        }
        return o;
    }

    private static ObjectNode area(AreaComposition a) {
        ObjectNode o = F.objectNode();
        o.put("referenceFile", a.referenceFile());
        o.put("referenceSha256", a.referenceSha256());
        o.put("areaColumn", a.areaColumn());
        o.put("rows", a.rows());
        o.put("selectedRows", a.selectedRows());
        o.put("rowsWithoutReference", a.rowsWithoutReference());
        o.put("selectedWithoutReference", a.selectedWithoutReference());
        o.put("areasWithDecisions", a.areasWithDecisions());
        o.put("areasMatched", a.areasMatched());
        o.put("limitation", a.limitation());
        ArrayNode groups = o.putArray("groups");
        for (AreaComposition.GroupComposition g : a.groups()) {
            ObjectNode e = groups.addObject();
            e.put("group", g.group());
            e.put("status", g.status().name());
            e.put("populationShare", g.populationShare());
            putNullable(e, "assessedShare", g.assessedShare());
            e.set("assessedCi95", interval(g.assessedCi95()));
            putNullable(e, "selectedShare", g.selectedShare());
            e.set("selectedCi95", interval(g.selectedCi95()));
            putNullable(e, "notSelectedShare", g.notSelectedShare());
            e.put("expectedSelected", g.expectedSelected());
            putNullable(e, "selectedToAssessedRatio", g.selectedToAssessedRatio());
            putNullable(e, "differenceSelectedVsNotSelected", g.differenceSelectedVsNotSelected());
            e.set("differenceCi95", interval(g.differenceCi95()));
            e.put("dissimilarity", g.dissimilarity());
            e.put("correlationRatio", g.correlationRatio());
        }
        ArrayNode warnings = o.putArray("warnings");
        a.warnings().forEach(warnings::add);
        return o;
    }

    private static ObjectNode attributes(GroupKey k) {
        ObjectNode o = F.objectNode();
        k.attributes().forEach(o::put);
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

    private static void putNullable(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
