package dev.fairaudit.report.document;

import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.aggregate.AreaComposition;
import dev.fairaudit.metrics.aggregate.ComparisonBounds;
import dev.fairaudit.metrics.aggregate.RateBounds;
import dev.fairaudit.metrics.aggregate.RoundingAnalysis;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Bullets;
import dev.fairaudit.report.document.AuditDocument.Fact;
import dev.fairaudit.report.document.AuditDocument.Facts;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Inline;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Aggregate and area input: for published (rounded, partly suppressed) counts, the range of every rate and
 * comparison consistent with the publication; for area-level reference data, the expected group composition of
 * the selected, the not selected and all decisions, with the area's proxy strength and the limitation that area
 * averages may not describe the people assessed. Left out when neither was run.
 */
public final class AggregateSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "aggregate";
    /** Anchor of the rate ranges. */
    public static final String RATES = "aggregate-rates";
    /** Anchor of the comparison ranges. */
    public static final String COMPARISONS = "aggregate-comparisons";
    /** Anchor of the area composition. */
    public static final String AREA = "aggregate-area";

    @Override
    public Optional<Section> render(DocumentContext c) {
        AggregateAnalyses a = c.result().aggregateAnalyses();
        if (a == null || a.rounding() == null && a.areaComposition() == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("aggregate.intro")));
        if (a.rounding() != null) {
            rounding(c, a.rounding(), blocks);
        }
        if (a.areaComposition() != null) {
            area(c, a.areaComposition(), blocks);
        }
        return Optional.of(new Section(ID, t.get("aggregate.title"), blocks));
    }

    private static void rounding(DocumentContext c, RoundingAnalysis r, List<Block> blocks) {
        Texts t = c.texts();
        blocks.add(new Heading(null, t.get("aggregate.rounding")));
        blocks.add(Paragraph.note(roundingText(t, r)));
        List<Row> rates = new ArrayList<>();
        for (RateBounds b : r.rates()) {
            String w = SectionCells.withheld(t);
            String group = c.label(b.group());
            String metric = c.name(b.metric());
            if (c.analysis().withheld(Kind.AGGREGATE_RATE, b.group(), b.metric().key())) {
                rates.add(new Row(List.of(group, metric, w, w), false));
                continue;
            }
            String range = b.status() == Status.OK
                    ? (b.lower().equals(b.upper()) ? t.percent(b.lower()) : t.percentInterval(b.lower(), b.upper()))
                    : SectionCells.status(t, b.status());
            String ci = b.ci95() == null ? "—" : t.percentInterval(b.ci95().lower(), b.ci95().upper());
            rates.add(new Row(List.of(group, metric, range, ci), false));
        }
        blocks.add(new Table(RATES, t.get("aggregate.ratesCaption"), List.of(t.get("column.group"),
                t.get("column.metric"), t.get("column.range"), t.get("column.ciUnion")),
                List.of(false, false, true, true), rates));
        if (!r.comparisons().isEmpty()) {
            List<Row> comps = new ArrayList<>();
            for (ComparisonBounds b : r.comparisons()) {
                String w = SectionCells.withheld(t);
                List<String> head = List.of(c.label(b.group()), c.label(b.reference()), c.name(b.metric()));
                if (c.analysis().withheld(Kind.AGGREGATE_COMPARISON, b.group(), b.metric().key())) {
                    comps.add(new Row(concat(head, w, w), false));
                    continue;
                }
                String ratio = b.ratioLower() == null ? SectionCells.status(t, b.status())
                        : t.ratio(b.ratioLower()) + " – " + (b.ratioUpper() == null ? "∞" : t.ratio(b.ratioUpper()));
                String diff = b.differenceLower() == null ? SectionCells.status(t, b.status())
                        : t.points(b.differenceLower()) + " – " + t.points(b.differenceUpper());
                boolean outside = b.metric() == Metric.SELECTION_RATE && b.ratioUpper() != null
                        && (b.ratioUpper() < c.result().settings().fourFifthsThreshold()
                        || b.ratioLower() > 1 / c.result().settings().fourFifthsThreshold());
                comps.add(new Row(concat(head, ratio, diff), outside));
            }
            blocks.add(Paragraph.note(t.get("aggregate.comparisonsExplain")));
            blocks.add(new Table(COMPARISONS, t.get("aggregate.comparisonsCaption"), List.of(t.get("column.group"),
                    t.get("column.reference"), t.get("column.metric"), t.get("column.ratioRange"),
                    t.get("column.differenceRange")), List.of(false, false, false, true, true), comps));
        }
    }

    /** How published counts were turned into ranges, in the document's language. */
    static String roundingText(Texts t, RoundingAnalysis r) {
        String s = r.rounding() <= 1 ? t.get("aggregate.exact") : t.get("aggregate.rounded", t.count(r.rounding()),
                t.count(r.rounding() / 2));
        if (r.suppressedCells() > 0) {
            s += " " + (r.suppressedMax() == null ? t.get("aggregate.suppressedUnbounded", t.count(r.suppressedCells()))
                    : t.get("aggregate.suppressedBounded", t.count(r.suppressedCells()), t.count(r.suppressedMax())));
        }
        return s;
    }

    private static List<String> concat(List<String> head, String... rest) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(rest));
        return out;
    }

    private static void area(DocumentContext c, AreaComposition a, List<Block> blocks) {
        Texts t = c.texts();
        AnalysisDisclosure d = c.analysis();
        String w = SectionCells.withheld(t);
        boolean selHidden = d.withheld(Kind.AREA_SELECTED, GroupKey.OVERALL);
        boolean notHidden = d.withheld(Kind.AREA_NOT_SELECTED, GroupKey.OVERALL);
        boolean withoutHidden = d.withheld(Kind.AREA_WITHOUT_REFERENCE, GroupKey.OVERALL);
        blocks.add(new Heading(AREA, t.get("aggregate.area")));
        blocks.add(new Paragraph(List.of(Inline.strong(t.get("aggregate.areaLimitation"))), false));
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(t.get("aggregate.referenceFile"), a.referenceFile(), false));
        if (a.referenceSha256() != null) {
            facts.add(new Fact(t.get("control.inputSha"), a.referenceSha256(), true));
        }
        facts.add(new Fact(t.get("aggregate.areaColumn"), a.areaColumn(), true));
        facts.add(new Fact(t.get("aggregate.decisions"), t.get("aggregate.decisionsValue", t.count(a.rows()),
                selHidden ? w : t.count(a.selectedRows())), false));
        facts.add(new Fact(t.get("aggregate.withoutReference"), withoutHidden ? w
                : t.get("aggregate.decisionsValue", t.count(a.rowsWithoutReference()),
                        t.count(a.selectedWithoutReference())), false));
        facts.add(new Fact(t.get("aggregate.areasMatched"), t.get("aggregate.areasMatchedValue",
                t.count(a.areasMatched()), t.count(a.areasWithDecisions())), false));
        blocks.add(new Facts(facts));
        blocks.add(Paragraph.note(t.get("aggregate.areaExplain")));
        List<Row> rows = new ArrayList<>();
        for (AreaComposition.GroupComposition g : a.groups()) {
            String reading = g.status() == Status.OK ? "" : SectionCells.status(t, g.status());
            rows.add(new Row(List.of(g.group(), t.percent(g.populationShare()),
                    SectionCells.share(t, g.assessedShare(), g.assessedCi95()),
                    selHidden ? w : SectionCells.share(t, g.selectedShare(), g.selectedCi95()),
                    notHidden ? w : SectionCells.share(t, g.notSelectedShare(), null),
                    selHidden ? w : SectionCells.number(t, g.selectedToAssessedRatio()),
                    selHidden || notHidden ? w : g.differenceSelectedVsNotSelected() == null ? "—"
                            : t.points(g.differenceSelectedVsNotSelected()) + (g.differenceCi95() == null ? ""
                            : " (" + t.points(g.differenceCi95().lower()) + " – "
                            + t.points(g.differenceCi95().upper()) + ")"),
                    t.ratio(g.dissimilarity()), t.ratio(g.correlationRatio()), reading.isEmpty() ? "—" : reading),
                    false));
        }
        blocks.add(new Table(AREA + "-table", t.get("aggregate.areaCaption"), List.of(t.get("column.group"),
                t.get("column.populationShare"), t.get("column.assessedShare"), t.get("column.selectedShare"),
                t.get("column.notSelectedShare"), t.get("column.selectedToAssessed"), t.get("column.difference"),
                t.get("column.dissimilarity"), t.get("column.eta2"), t.get("column.reading")),
                List.of(false, true, true, true, true, true, true, true, true, false), rows));
        List<List<Inline>> warnings = new ArrayList<>();
        for (String x : a.warnings()) {
            if (!x.equals(AreaComposition.LIMITATION)
                    && !SectionCells.warningMayDisclose(x, c.disclosureSettings(), c.analysis())) {
                warnings.add(List.of(Inline.text(x)));
            }
        }
        if (!warnings.isEmpty()) {
            blocks.add(new Heading(null, t.get("analysis.warnings")));
            blocks.add(new Bullets(warnings, false));
        }
    }
}
