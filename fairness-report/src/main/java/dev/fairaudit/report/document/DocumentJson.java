package dev.fairaudit.report.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.GroupingSummary;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.OddsDifference;
import dev.fairaudit.metrics.Spread;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.Disclosure.Part;
import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.metrics.document.LogVerification;
import java.util.Iterator;
import java.util.Map;

/**
 * The audit document's part of {@code audit.json}: the {@code document} object (document control and disclosure
 * decisions) and the withheld cells marked {@code SUPPRESSED} in place (value and counts {@code null}), so the
 * JSON published beside the HTML and Markdown is as safe as they are. Does nothing for a result without
 * document control.
 */
public final class DocumentJson {

    private static final String SUPPRESSED = "SUPPRESSED";

    private DocumentJson() {
    }

    /** Adds the document object and marks withheld cells; the arrays of {@code root} are in the result's order. */
    public static void addTo(ObjectNode root, AuditResult r) {
        DocumentControl d = r.document();
        if (d == null) {
            return;
        }
        Disclosure disclosure = d.disclosure();
        Disclosure.Lookup lookup = disclosure.lookup();
        ObjectNode o = root.putObject("document");
        o.put("documentId", d.documentId());
        // No date here: audit.json is byte-identical for the same input and options; the HTML and Markdown carry it.
        o.put("configurationSha256", d.configurationSha256());
        ObjectNode period = o.putObject("period");
        period.put("from", d.periodFrom());
        period.put("to", d.periodTo());
        ObjectNode scope = o.putObject("scope");
        d.scope().forEach(scope::put);
        LogVerification v = d.logVerification();
        if (v == null) {
            o.putNull("logVerification");
        } else {
            ObjectNode l = o.putObject("logVerification");
            logVerification(l, v);
            if (v.attributeLog() == null) {
                l.putNull("attributeLog");
            } else {
                logVerification(l.putObject("attributeLog"), v.attributeLog());
            }
        }
        ObjectNode disc = o.putObject("disclosure");
        disc.put("threshold", disclosure.threshold());
        disc.put("enabled", disclosure.enabled());
        disc.put("primarySuppressed", disclosure.count(Disclosure.Reason.PRIMARY));
        disc.put("secondarySuppressed", disclosure.count(Disclosure.Reason.SECONDARY));
        ArrayNode cells = disc.putArray("suppressedCells");
        for (Disclosure.SuppressedCell c : disclosure.cells()) {
            ObjectNode e = cells.addObject();
            ObjectNode a = e.putObject("attributes");
            c.group().attributes().forEach(a::put);
            e.put("part", c.part().name());
            e.put("reason", c.reason().name());
        }
        AnalysisDisclosureJson.addTo(root, o, r); // the analyses' withheld cells and the change record
        if (disclosure.cells().isEmpty()) {
            return;
        }
        markGroups((ArrayNode) root.get("groups"), r, lookup);
        markComparisons((ArrayNode) root.get("comparisons"), r, lookup);
        markTests((ArrayNode) root.get("independenceTests"), r, lookup);
        markSummaries((ArrayNode) root.get("summaries"), r, lookup);
        replaceWarnings((ArrayNode) root.get("warnings"), disclosure);
        replaceWarnings((ArrayNode) root.get("input").get("warnings"), disclosure);
    }

    /**
     * Whether a free-text warning may give away a withheld count: when anything is withheld, any warning with a
     * digit in it (warnings name counts, for example of the missing-value group).
     */
    public static boolean warningMayDisclose(String warning, Disclosure d) {
        return d.enabled() && !d.cells().isEmpty() && warning.chars().anyMatch(Character::isDigit);
    }

    private static void replaceWarnings(ArrayNode warnings, Disclosure d) {
        for (int i = 0; i < warnings.size(); i++) {
            if (warningMayDisclose(warnings.get(i).asText(), d)) {
                warnings.set(i, SUPPRESSED);
            }
        }
    }

    private static void markGroups(ArrayNode groups, AuditResult r, Disclosure.Lookup l) {
        for (int i = 0; i < r.groups().size(); i++) {
            GroupResult g = r.groups().get(i);
            ObjectNode o = (ObjectNode) groups.get(i);
            GroupKey k = g.group();
            boolean any = false;
            if (l.suppressed(k, Part.SIZE)) {
                o.putNull("rows");
                o.putNull("n");
                suppressValue((ObjectNode) o.get("populationShare"));
                any = true;
            }
            if (l.suppressed(k, Part.LABELLED)) {
                o.putNull("unknownLabelRows");
            }
            for (Metric m : Metric.values()) {
                if (l.suppressed(k, m)) {
                    suppressValue((ObjectNode) o.get(m.key()));
                    any = true;
                }
            }
            if (any) {
                ObjectNode counts = (ObjectNode) o.get("counts");
                for (Iterator<String> it = counts.fieldNames(); it.hasNext();) {
                    counts.putNull(it.next());
                }
            }
        }
    }

    private static void suppressValue(ObjectNode v) {
        v.putNull("value");
        v.put("status", SUPPRESSED);
        v.putNull("numerator");
        v.putNull("denominator");
        v.putNull("denominatorRows");
        v.putNull("ci95");
    }

    private static void markComparisons(ArrayNode comparisons, AuditResult r, Disclosure.Lookup l) {
        for (int i = 0; i < r.comparisons().size(); i++) {
            ComparisonResult c = r.comparisons().get(i);
            if (!l.suppressed(c.group(), c.metric()) && !l.suppressed(c.reference(), c.metric())) {
                continue;
            }
            ObjectNode o = (ObjectNode) comparisons.get(i);
            o.put("status", SUPPRESSED);
            for (String e : new String[] {"ratio", "difference"}) {
                ObjectNode est = (ObjectNode) o.get(e);
                est.putNull("value");
                est.put("status", SUPPRESSED);
                est.putNull("ci95");
            }
            suppressTest(o);
            o.putNull("pValueAdjusted");
            JsonNode ff = o.get("fourFifths");
            if (ff != null) {
                ((ObjectNode) ff).put("verdict", SUPPRESSED);
                ((ObjectNode) ff).putNull("disadvantaged");
            }
        }
    }

    private static void suppressTest(ObjectNode o) {
        o.putNull("test");
        o.putNull("statistic");
        o.putNull("degreesOfFreedom");
        o.putNull("pValue");
    }

    private static void markTests(ArrayNode tests, AuditResult r, Disclosure.Lookup l) {
        for (int i = 0; i < r.independenceTests().size(); i++) {
            IndependenceTest t = r.independenceTests().get(i);
            if (l.tests().contains(t.grouping())) {
                ObjectNode o = (ObjectNode) tests.get(i);
                o.put("status", SUPPRESSED);
                suppressTest(o);
            }
        }
    }

    private static void markSummaries(ArrayNode summaries, AuditResult r, Disclosure.Lookup l) {
        for (int i = 0; i < r.summaries().size(); i++) {
            GroupingSummary s = r.summaries().get(i);
            ObjectNode o = (ObjectNode) summaries.get(i);
            ObjectNode spreads = (ObjectNode) o.get("spreads");
            boolean oddsHidden = false;
            for (Map.Entry<Metric, Spread> e : s.spreads().entrySet()) {
                Spread sp = e.getValue();
                Metric m = e.getKey();
                if (sp.maxGroup() != null && l.suppressed(sp.maxGroup(), m)
                        || sp.minGroup() != null && l.suppressed(sp.minGroup(), m)) {
                    ObjectNode x = (ObjectNode) spreads.get(m.key());
                    x.put("status", SUPPRESSED);
                    for (String f : new String[] {"maxGroup", "max", "minGroup", "min", "maxMinDifference",
                            "minMaxRatio"}) {
                        x.putNull(f);
                    }
                    oddsHidden |= m == Metric.TRUE_POSITIVE_RATE || m == Metric.FALSE_POSITIVE_RATE;
                }
            }
            if (oddsHidden) {
                ObjectNode eod = (ObjectNode) o.get("equalizedOddsDifference");
                eod.putNull("value");
                eod.put("status", SUPPRESSED);
            }
            ArrayNode odds = (ArrayNode) o.get("oddsDifferences");
            for (int j = 0; j < s.oddsDifferences().size(); j++) {
                OddsDifference d = s.oddsDifferences().get(j);
                if (l.suppressed(d.group(), Part.LABELLED) || l.suppressed(s.reference(), Part.LABELLED)) {
                    ObjectNode x = (ObjectNode) odds.get(j);
                    x.put("status", SUPPRESSED);
                    x.putNull("equalizedOddsDifference");
                    x.putNull("averageAbsoluteOddsDifference");
                }
            }
        }
    }

    /** A log's verification: the fields of {@code logVerification} and of its {@code attributeLog}. */
    private static void logVerification(ObjectNode l, LogVerification v) {
        l.put("ok", v.ok());
        l.put("records", v.records());
        l.put("erasedPayloads", v.erasedPayloads());
        l.put("segments", v.segments());
        l.put("lastSequence", v.lastSequence());
        l.put("headHash", v.headHash());
        l.put("closedCleanly", v.closedCleanly());
    }
}
