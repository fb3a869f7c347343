package dev.fairaudit.report.document;

import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.ChartBar;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.RateChart;
import dev.fairaudit.report.document.AuditDocument.RatioChart;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Disparities: per grouping (attribute or intersection), the reference, the independence test, charts of the
 * key rates (selection rate with intervals, its ratio against the four-fifths band, and the false positive and
 * false negative rates where labels are known), and one table per metric shown with n, rate, ratio,
 * difference, adjusted p-value and a reading in words.
 */
public final class DisparitiesSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "disparities";
    /** Groupings with more groups than this get tables only (a chart of hundreds of bars helps nobody). */
    public static final int MAX_CHART_BARS = 40;
    /** The significance level used to word a reading (the p-value itself is always shown). */
    public static final double ALPHA = 0.05;

    @Override
    public Optional<Section> render(DocumentContext c) {
        Texts t = c.texts();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("disparities.intro")));
        if (labelsOnlyForSelected(c)) {
            blocks.add(Paragraph.note(t.get("disparities.labelsOnlySelected")));
        }
        List<Metric> shown = metricsShown(c);
        for (Grouping g : c.result().groupings()) {
            if (g.isOverall()) {
                continue;
            }
            grouping(c, g, shown, blocks);
        }
        return Optional.of(new Section(ID, t.get("disparities.title"), blocks));
    }

    /**
     * The metrics defined for the whole population: selection rate always, label-based ones where labels are
     * known. Where outcomes are known only for selected cases (a control's outcome), only the metrics among the
     * selected remain: every rate that needs outcomes of people who were not selected (base rate, false positive
     * rate, ...) would describe the selection, not the people, and is left out (see {@link #labelsOnlyForSelected}).
     */
    static List<Metric> metricsShown(DocumentContext c) {
        GroupResult overall = c.group(GroupKey.OVERALL);
        boolean onlySelected = labelsOnlyForSelected(c);
        List<Metric> out = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (onlySelected && m != Metric.SELECTION_RATE && m != Metric.POSITIVE_PREDICTIVE_VALUE
                    && m != Metric.FALSE_DISCOVERY_RATE) {
                continue;
            }
            if (m == Metric.SELECTION_RATE || overall != null && overall.metric(m).status().hasValue()) {
                out.add(m);
            }
        }
        return out;
    }

    /** Whether outcomes are known for some selected cases and for no case that was not selected. */
    static boolean labelsOnlyForSelected(DocumentContext c) {
        GroupResult overall = c.group(GroupKey.OVERALL);
        if (overall == null || overall.counts() == null) {
            return false;
        }
        OutcomeCounts k = overall.counts();
        return k.rows(Cell.TRUE_POSITIVE) + k.rows(Cell.FALSE_POSITIVE) > 0
                && k.rows(Cell.FALSE_NEGATIVE) + k.rows(Cell.TRUE_NEGATIVE) == 0;
    }

    private void grouping(DocumentContext c, Grouping g, List<Metric> shown, List<Block> blocks) {
        Texts t = c.texts();
        blocks.add(new Heading(c.anchor(g), t.get("disparities.grouping", c.label(g))));
        ReferenceChoice ref = c.reference(g);
        if (ref != null) {
            blocks.add(Paragraph.of(t.get("disparities.reference", c.label(ref.reference()),
                    t.get("basis." + ref.basis()))));
        }
        c.result().independenceTests().stream().filter(i -> i.grouping().equals(g)).findFirst()
                .ifPresent(i -> blocks.add(Paragraph.of(independence(c, i))));
        List<GroupResult> groups = c.groups(g);
        if (groups.size() <= MAX_CHART_BARS) {
            blocks.add(rateChart(c, g, Metric.SELECTION_RATE, groups));
            blocks.add(ratioChart(c, g, groups));
            for (Metric m : List.of(Metric.FALSE_POSITIVE_RATE, Metric.FALSE_NEGATIVE_RATE)) {
                if (shown.contains(m)) {
                    blocks.add(rateChart(c, g, m, groups));
                }
            }
        } else {
            blocks.add(Paragraph.note(t.get("disparities.noChart", t.count(groups.size()), MAX_CHART_BARS)));
        }
        for (Metric m : shown) {
            blocks.add(new Heading(null, c.name(m)));
            blocks.add(Paragraph.note(t.get("metric." + m.key() + ".explain")));
            blocks.add(table(c, g, m, groups, ref == null ? null : ref.reference()));
        }
    }

    private static String independence(DocumentContext c, IndependenceTest i) {
        Texts t = c.texts();
        if (c.disclosure().tests().contains(i.grouping())) {
            return t.get("independence.suppressed");
        }
        if (i.test() == null) {
            return t.get("independence.none", t.get("status." + i.status().name()));
        }
        String s = t.get("independence.result", t.get("test." + i.test().test()), t.statistic(i.test().statistic()),
                t.number(i.test().degreesOfFreedom()), t.pEq(i.test().pValue()), t.count(i.groupsTested()));
        if (i.status() == Status.INSUFFICIENT_SAMPLE) {
            s += " " + t.get("independence.inconclusive");
        }
        return s;
    }

    private static RateChart rateChart(DocumentContext c, Grouping g, Metric m, List<GroupResult> groups) {
        Texts t = c.texts();
        List<ChartBar> bars = new ArrayList<>();
        StringBuilder desc = new StringBuilder();
        for (GroupResult r : groups) {
            MetricValue v = r.metric(m);
            String label = c.label(r.group());
            if (c.suppressed(r.group(), m)) {
                bars.add(new ChartBar(label, null, null, null, t.get("value.suppressed"), false));
            } else if (v.value() == null) {
                bars.add(new ChartBar(label, null, null, null, t.get("status." + v.status().name()), false));
            } else {
                String text = t.percent(v.value()) + " (" + t.percentInterval(v.ci95().lower(), v.ci95().upper())
                        + ")";
                bars.add(new ChartBar(label, v.value(), v.ci95().lower(), v.ci95().upper(), text, false));
            }
            desc.append(desc.length() == 0 ? "" : "; ").append(label).append(": ").append(bars.get(bars.size() - 1)
                    .text());
        }
        return new RateChart(c.anchor(g, m) + "-chart", t.get("chart.rate.title", c.name(m), c.label(g)),
                t.get("chart.rate.description", c.name(m)) + " " + desc + ".", bars);
    }

    private static RatioChart ratioChart(DocumentContext c, Grouping g, List<GroupResult> groups) {
        Texts t = c.texts();
        double low = c.result().settings().fourFifthsThreshold();
        double high = 1 / low;
        List<ChartBar> bars = new ArrayList<>();
        StringBuilder desc = new StringBuilder();
        ReferenceChoice ref = c.reference(g);
        for (GroupResult r : groups) {
            String label = c.label(r.group());
            ComparisonResult cr = c.comparison(r.group(), Metric.SELECTION_RATE);
            ChartBar bar;
            if (ref != null && r.group().equals(ref.reference())) {
                bar = new ChartBar(label, 1.0, null, null, t.get("value.reference"), false);
            } else if (cr == null) {
                bar = new ChartBar(label, null, null, null, "—", false);
            } else if (comparisonSuppressed(c, cr)) {
                bar = new ChartBar(label, null, null, null, t.get("value.suppressed"), false);
            } else if (cr.ratio().value() == null || cr.ratio().ci95() == null) {
                bar = new ChartBar(label, null, null, null, t.get("status." + cr.ratio().status().name()), false);
            } else {
                boolean fail = cr.fourFifths() != null && cr.fourFifths().verdict() == FourFifthsCheck.Verdict.FAIL;
                String text = t.ratio(cr.ratio().value()) + " (" + t.ratio(cr.ratio().ci95().lower()) + " – "
                        + t.ratio(cr.ratio().ci95().upper()) + ")" + (fail ? " — " + t.get("reading.outsideBand")
                        : cr.status() == Status.INSUFFICIENT_SAMPLE ? " — " + t.get("reading.inconclusive") : "");
                bar = new ChartBar(label, cr.ratio().value(), cr.ratio().ci95().lower(), cr.ratio().ci95().upper(),
                        text, fail);
            }
            bars.add(bar);
            desc.append(desc.length() == 0 ? "" : "; ").append(label).append(": ").append(bar.text());
        }
        return new RatioChart(c.anchor(g, Metric.SELECTION_RATE) + "-ratio-chart",
                t.get("chart.ratio.title", c.label(g)),
                t.get("chart.ratio.description", t.number(low), t.number(high)) + " " + desc + ".", low, high, bars);
    }

    static boolean comparisonSuppressed(DocumentContext c, ComparisonResult cr) {
        return c.suppressed(cr.group(), cr.metric()) || c.suppressed(cr.reference(), cr.metric());
    }

    private static Table table(DocumentContext c, Grouping g, Metric m, List<GroupResult> groups, GroupKey ref) {
        Texts t = c.texts();
        List<Row> rows = new ArrayList<>();
        List<GroupResult> all = new ArrayList<>(groups);
        GroupResult overall = c.group(GroupKey.OVERALL);
        if (overall != null) {
            all.add(overall);
        }
        for (GroupResult r : all) {
            GroupKey k = r.group();
            MetricValue v = r.metric(m);
            boolean hidden = c.suppressed(k, m);
            String n = hidden ? t.get("value.suppressed") : t.count(v.rows());
            String rate = hidden ? t.get("value.suppressed") : v.value() == null
                    ? t.get("status." + v.status().name())
                    : t.percent(v.value()) + " (" + t.percentInterval(v.ci95().lower(), v.ci95().upper()) + ")";
            String ratio;
            String difference;
            String p;
            String reading;
            boolean flag = false;
            ComparisonResult cr = c.comparison(k, m);
            if (k.equals(ref)) {
                ratio = difference = p = "—";
                reading = t.get("value.reference");
            } else if (k.equals(GroupKey.OVERALL) || cr == null) {
                ratio = difference = p = reading = "—";
            } else if (comparisonSuppressed(c, cr)) {
                ratio = difference = p = reading = t.get("value.suppressed");
            } else {
                ratio = estimate(t, cr.ratio(), false);
                difference = estimate(t, cr.difference(), true);
                p = cr.pValueAdjusted() == null ? "—" : t.p(cr.pValueAdjusted());
                if (m == Metric.SELECTION_RATE && cr.fourFifths() != null) {
                    FourFifthsCheck f = cr.fourFifths();
                    flag = f.verdict() == FourFifthsCheck.Verdict.FAIL;
                    reading = switch (f.verdict()) {
                        case PASS -> t.get("reading.withinBand");
                        case FAIL -> t.get("reading.outsideBand") + ": " + t.get("disadvantaged." + f.disadvantaged());
                        case INCONCLUSIVE -> t.get("reading.inconclusive");
                        case UNDEFINED -> t.get("status." + cr.status().name());
                    };
                } else if (cr.status() == Status.INSUFFICIENT_SAMPLE) {
                    reading = t.get("reading.inconclusive");
                } else if (cr.status() != Status.OK || cr.pValueAdjusted() == null) {
                    reading = t.get("status." + cr.status().name());
                } else if (cr.pValueAdjusted() < ALPHA) {
                    flag = true;
                    reading = t.get("reading.significant");
                } else {
                    reading = t.get("reading.notSignificant");
                }
            }
            rows.add(new Row(List.of(c.label(k), n, rate, ratio, difference, p, reading), flag));
        }
        return new Table(c.anchor(g, m), t.get("table.caption", c.name(m), c.label(g)),
                List.of(t.get("column.group"), t.get("column.n"), t.get("column.rate"), t.get("column.ratio"),
                        t.get("column.difference"), t.get("column.pAdjusted"), t.get("column.reading")),
                List.of(false, true, true, true, true, true, false), rows);
    }

    private static String estimate(Texts t, Estimate e, boolean points) {
        if (e.value() == null) {
            return t.get("status." + e.status().name());
        }
        String v = points ? t.points(e.value()) : t.ratio(e.value());
        if (e.ci95() == null) {
            return v;
        }
        String lo = points ? t.points(e.ci95().lower()) : t.ratio(e.ci95().lower());
        String hi = points ? t.points(e.ci95().upper()) : t.ratio(e.ci95().upper());
        return v + " (" + lo + " – " + hi + ")";
    }
}
