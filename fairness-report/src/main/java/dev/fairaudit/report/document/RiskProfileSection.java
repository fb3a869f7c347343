package dev.fairaudit.report.document;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.risk.BaseRate;
import dev.fairaudit.metrics.risk.GroupContrast;
import dev.fairaudit.metrics.risk.OutcomeTest;
import dev.fairaudit.metrics.risk.OutcomeTestEntry;
import dev.fairaudit.metrics.risk.PrecisionAtBaseRate;
import dev.fairaudit.metrics.risk.PrecisionAtBaseRateGroup;
import dev.fairaudit.metrics.risk.ProfileVsRandomGroup;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import dev.fairaudit.metrics.risk.RouteAnalysis;
import dev.fairaudit.metrics.risk.RouteCell;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Risk profile and random controls: per group and selection route the selection share and hit rate; base rates
 * from random controls only (with the base-rate fallacy explained, or a warning where there are no random
 * controls); the outcome test; the profile against random controls. Left out when no route or stage was
 * analysed. Cells are withheld as {@link AnalysisDisclosure} decides (small counts, and secondary suppression
 * where counts add up to a published total), the same cells as in {@code audit.json}.
 */
public final class RiskProfileSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "risk-profile";

    @Override
    public Optional<Section> render(DocumentContext c) {
        RiskProfileResult r = c.result().riskProfile();
        if (r == null || r.routes() == null && r.outcomeTest() == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("risk.intro")));
        RouteAnalysis routes = r.routes();
        if (routes != null) {
            routes(c, routes, blocks);
            baseRates(c, routes, blocks);
            profileVersusRandom(c, routes, blocks);
            precisionAtBaseRate(c, routes, blocks);
        } else {
            blocks.add(Paragraph.note(t.get("risk.noRoutes")));
        }
        if (r.outcomeTest() != null) {
            outcomeTest(c, r.outcomeTest(), blocks);
        }
        for (String w : r.warnings()) {
            // As in audit.json: a warning naming counts is left out when anything is withheld.
            if (!SectionCells.warningMayDisclose(w, c.disclosureSettings(), c.analysis())) {
                blocks.add(Paragraph.note(w));
            }
        }
        return Optional.of(new Section(ID, t.get("risk.title"), blocks));
    }

    private static void routes(DocumentContext c, RouteAnalysis routes, List<Block> blocks) {
        Texts t = c.texts();
        blocks.add(new Heading(ID + "-routes", t.get("risk.routes.title")));
        blocks.add(Paragraph.note(t.get("risk.routes.explain")));
        List<Row> rows = new ArrayList<>();
        for (RouteCell cell : routes.cells()) {
            boolean small = c.analysis().withheld(Kind.ROUTE_CELL, cell.group(), cell.route());
            rows.add(new Row(List.of(c.label(cell.group()), cell.route(),
                    small ? t.get("value.suppressed") : t.count(cell.rows()),
                    rate(c, cell.selectionRate(), small), rate(c, cell.shareOfSelections(), small),
                    rate(c, cell.hitRate(), small)), false));
        }
        blocks.add(new Table(ID + "-routes-table", t.get("risk.routes.caption", routes.column()),
                List.of(t.get("column.group"), t.get("risk.col.route"), t.get("column.n"), t.get("risk.col.selectionRate"),
                        t.get("risk.col.shareOfSelections"), t.get("risk.col.hitRate")),
                List.of(false, false, true, true, true, true), rows));
    }

    private static void baseRates(DocumentContext c, RouteAnalysis routes, List<Block> blocks) {
        Texts t = c.texts();
        blocks.add(new Heading(ID + "-base-rates", t.get("risk.baseRates.title")));
        if (routes.baseRates() == null || routes.randomRoute() == null) {
            blocks.add(Paragraph.of(t.get("risk.baseRates.noRandom")));
            return;
        }
        blocks.add(Paragraph.note(t.get("risk.baseRates.explain", routes.randomRoute())));
        List<Row> rows = new ArrayList<>();
        for (BaseRate b : routes.baseRates().groups()) {
            boolean small = c.analysis().withheld(Kind.BASE_RATE, b.group());
            rows.add(new Row(List.of(c.label(b.group()), rate(c, b.fromRandom(), small),
                    rate(c, b.fromProfile(), small)), false));
        }
        blocks.add(new Table(ID + "-base-rates-table", t.get("risk.baseRates.caption"),
                List.of(t.get("column.group"), t.get("risk.col.fromRandom"), t.get("risk.col.fromProfile")),
                List.of(false, true, true), rows));
        List<Row> contrasts = new ArrayList<>();
        for (GroupContrast g : routes.baseRates().comparisons()) {
            contrasts.add(contrast(c, g, false, c.analysis().withheld(Kind.BASE_RATE_COMPARISON, g.group())));
        }
        if (!contrasts.isEmpty()) {
            blocks.add(new Table(ID + "-base-rates-comparisons", t.get("risk.baseRates.comparisons"),
                    contrastHeader(t), List.of(false, false, true, true, true), contrasts));
        }
    }

    private static void profileVersusRandom(DocumentContext c, RouteAnalysis routes, List<Block> blocks) {
        if (routes.profileVsRandom().isEmpty()) {
            return;
        }
        Texts t = c.texts();
        blocks.add(new Heading(ID + "-profile-vs-random", t.get("risk.pvr.title")));
        blocks.add(Paragraph.note(t.get("risk.pvr.explain", routes.profileRoute(), routes.randomRoute())));
        List<Row> rows = new ArrayList<>();
        for (ProfileVsRandomGroup g : routes.profileVsRandom()) {
            boolean small = c.analysis().withheld(Kind.PROFILE_VS_RANDOM, g.group());
            boolean flag = !small && g.liftOverRandom().value() != null && g.liftOverRandom().ci95() != null
                    && g.liftOverRandom().ci95().upper() < 1;
            rows.add(new Row(List.of(c.label(g.group()), rate(c, g.profileHitRate(), small),
                    rate(c, g.randomHitRate(), small), small ? t.get("value.suppressed") : ratio(c, g.liftOverRandom()),
                    small ? t.get("value.suppressed") : ratio(c, g.selectionRateRatio()),
                    rate(c, g.unfoundedControlRate(), small)), flag));
        }
        blocks.add(new Table(ID + "-pvr-table", t.get("risk.pvr.caption"),
                List.of(t.get("column.group"), t.get("risk.col.profileHitRate"), t.get("risk.col.randomHitRate"),
                        t.get("risk.col.lift"), t.get("risk.col.selectionOverRandom"), t.get("risk.col.unfounded")),
                List.of(false, true, true, true, true, true), rows));
    }

    private static void precisionAtBaseRate(DocumentContext c, RouteAnalysis routes, List<Block> blocks) {
        PrecisionAtBaseRate p = routes.precisionAtBaseRate();
        if (p == null) {
            return;
        }
        Texts t = c.texts();
        blocks.add(new Heading(ID + "-precision", t.get("risk.precision.title")));
        if (p.randomRoute() == null || p.groups().isEmpty()) {
            blocks.add(Paragraph.of(t.get("risk.precision.noRandom", p.column())));
            return;
        }
        blocks.add(Paragraph.note(t.get("risk.precision.explain", p.randomRoute(), p.column())));
        List<Row> rows = new ArrayList<>();
        for (PrecisionAtBaseRateGroup g : p.groups()) {
            boolean performance = c.analysis().withheld(Kind.PRECISION_PERFORMANCE, g.group());
            boolean falsePositives = c.analysis().withheld(Kind.PRECISION_FALSE_POSITIVES, g.group());
            GroupContrast fpr = g.falsePositiveRateComparison();
            String versus = "";
            boolean flag = false;
            if (fpr != null) {
                Estimate d = fpr.difference();
                boolean hidden = c.analysis().withheld(Kind.PRECISION_COMPARISON, g.group());
                versus = hidden ? t.get("value.suppressed") : d == null || d.value() == null
                        ? t.get("status." + fpr.status().name())
                        : t.points(d.value()) + " · " + ratio(c, fpr.ratio())
                                + (fpr.pValueAdjusted() == null ? "" : " · p " + t.p(fpr.pValueAdjusted()));
                flag = !hidden && fpr.significant() && d != null && d.value() != null && d.value() > 0;
            }
            rows.add(new Row(List.of(c.label(g.group()), rate(c, g.flagRate(), performance),
                    rate(c, g.baseRate(), performance), rate(c, g.precisionAtBaseRate(), performance),
                    performance ? t.get("value.suppressed") : ratio(c, g.liftOverBaseRate()),
                    rate(c, g.recall(), performance), rate(c, g.falsePositiveRate(), falsePositives), versus), flag));
        }
        blocks.add(new Table(ID + "-precision-table", t.get("risk.precision.caption"),
                List.of(t.get("column.group"), t.get("risk.col.flagRate"), t.get("risk.col.baseRate"),
                        t.get("risk.col.precision"), t.get("risk.col.liftOverBaseRate"), t.get("risk.col.recall"),
                        t.get("risk.col.randomFpr"), t.get("risk.col.randomFprVersus")),
                List.of(false, true, true, true, true, true, true, true), rows));
    }

    private static void outcomeTest(DocumentContext c, OutcomeTest test, List<Block> blocks) {
        Texts t = c.texts();
        blocks.add(new Heading(ID + "-outcome-test", t.get("risk.outcome.title")));
        blocks.add(Paragraph.note(t.get("risk.outcome.explain", test.route())));
        List<Row> rows = new ArrayList<>();
        for (OutcomeTestEntry e : test.entries()) {
            boolean small = c.analysis().withheld(Kind.OUTCOME_TEST_ENTRY, e.group());
            String verdict = small ? t.get("value.suppressed") : t.get("risk.verdict." + e.verdict().name());
            rows.add(new Row(List.of(c.label(e.group()), e.reference() == null ? "" : c.label(e.reference()),
                    rate(c, e.selectionRate(), small), rate(c, e.hitRate(), small), verdict),
                    !small && e.verdict() == OutcomeTestEntry.Verdict.OVER_SELECTED));
        }
        blocks.add(new Table(ID + "-outcome-table", t.get("risk.outcome.caption"),
                List.of(t.get("column.group"), t.get("risk.col.reference"), t.get("risk.col.selectionRate"),
                        t.get("risk.col.hitRate"), t.get("risk.col.verdict")),
                List.of(false, false, true, true, false), rows));
    }

    private static List<String> contrastHeader(Texts t) {
        return List.of(t.get("column.group"), t.get("risk.col.reference"), t.get("risk.col.difference"),
                t.get("risk.col.ratio"), t.get("risk.col.pAdjusted"));
    }

    private static Row contrast(DocumentContext c, GroupContrast g, boolean flag, boolean withheld) {
        Texts t = c.texts();
        if (withheld) {
            return new Row(List.of(c.label(g.group()), g.reference() == null ? "" : c.label(g.reference()),
                    t.get("value.suppressed"), t.get("value.suppressed"), t.get("value.suppressed")), false);
        }
        Estimate d = g.difference();
        String difference = d == null || d.value() == null ? t.get("status." + g.status().name())
                : t.points(d.value()) + (d.ci95() == null ? "" : " (" + t.points(d.ci95().lower()) + " … "
                        + t.points(d.ci95().upper()) + ")");
        String p = g.pValueAdjusted() == null ? "" : t.p(g.pValueAdjusted());
        return new Row(List.of(c.label(g.group()), g.reference() == null ? "" : c.label(g.reference()), difference,
                ratio(c, g.ratio()), p), flag);
    }

    /** A rate with its interval, its status in words when undefined, or "withheld". */
    static String rate(DocumentContext c, MetricValue v, boolean withheld) {
        Texts t = c.texts();
        if (v == null) {
            return "";
        }
        if (withheld) {
            return t.get("value.suppressed");
        }
        if (v.value() == null) {
            return t.get("status." + v.status().name());
        }
        return t.percent(v.value()) + (v.ci95() == null ? "" : " (" + t.percentInterval(v.ci95().lower(),
                v.ci95().upper()) + ")");
    }

    /** A ratio with its interval, or its status in words when undefined. */
    static String ratio(DocumentContext c, Estimate e) {
        Texts t = c.texts();
        if (e == null) {
            return "";
        }
        if (e.value() == null) {
            return t.get("status." + e.status().name());
        }
        return t.ratio(e.value()) + (e.ci95() == null ? "" : " (" + t.ratio(e.ci95().lower()) + " – "
                + t.ratio(e.ci95().upper()) + ")");
    }
}
