package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Fact;
import dev.fairaudit.report.document.AuditDocument.Facts;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxySettings;
import java.util.TreeSet;

/**
 * Methods: the exact definition of every metric shown, the favourable decision, the reference of each grouping
 * and how it was chosen, the sign convention, thresholds, minimum group size, intervals, tests and the
 * multiple-testing correction, and the disclosure threshold: every choice, echoed from the settings.
 */
public final class MethodsSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "methods";

    @Override
    public Optional<Section> render(DocumentContext c) {
        Texts t = c.texts();
        AuditSettings s = c.result().settings();
        List<Block> blocks = new ArrayList<>();
        List<Fact> choices = new ArrayList<>();
        choices.add(new Fact(t.get("methods.favourable"), t.get("favourable." + s.favourable().id()), false));
        choices.add(new Fact(t.get("methods.referenceStrategy"), t.get("basis." + s.referenceStrategy().id()), false));
        choices.add(new Fact(t.get("methods.signConvention"), t.get("methods.signConventionValue"), false));
        choices.add(new Fact(t.get("methods.fourFifths"), t.get("methods.fourFifthsValue",
                t.number(s.fourFifthsThreshold()), t.number(1 / s.fourFifthsThreshold())), false));
        choices.add(new Fact(t.get("methods.minGroupSize"), t.get("methods.minGroupSizeValue",
                t.count(s.minGroupSize())), false));
        choices.add(new Fact(t.get("methods.intervals"), t.get("methods.intervalsValue",
                t.get("interval." + s.intervalMethod().id())), false));
        TreeSet<String> tests = new TreeSet<>();
        for (ComparisonResult cr : c.result().comparisons()) {
            if (cr.test() != null) {
                tests.add(t.get("test." + cr.test().test()));
            }
        }
        for (IndependenceTest i : c.result().independenceTests()) {
            if (i.test() != null) {
                tests.add(t.get("test." + i.test().test()));
            }
        }
        choices.add(new Fact(t.get("methods.tests"), tests.isEmpty() ? "—" : String.join("; ", tests), false));
        choices.add(new Fact(t.get("methods.correction"), t.get("correction." + s.pValueAdjustment().id()), false));
        choices.add(new Fact(t.get("methods.reading"), t.get("methods.readingValue",
                t.number(DisparitiesSection.ALPHA)), false));
        int threshold = c.disclosureSettings().threshold();
        choices.add(new Fact(t.get("methods.disclosure"), c.disclosureSettings().enabled()
                ? t.get("methods.disclosureValue", t.count(threshold - 1)) : t.get("methods.disclosureOff"), false));
        analysisChoices(c, choices);
        blocks.add(new Facts(choices));

        blocks.add(new Heading("methods-references", t.get("methods.references")));
        List<Row> refs = new ArrayList<>();
        for (ReferenceChoice r : c.result().references()) {
            refs.add(new Row(List.of(c.label(r.grouping()), c.label(r.reference()), t.get("basis." + r.basis())),
                    false));
        }
        blocks.add(new Table("methods-references-table", t.get("methods.references"),
                List.of(t.get("column.grouping"), t.get("column.reference"), t.get("column.basis")),
                List.of(false, false, false), refs));

        blocks.add(new Heading("methods-definitions", t.get("methods.definitions")));
        List<Row> defs = new ArrayList<>();
        for (Metric m : DisparitiesSection.metricsShown(c)) {
            defs.add(new Row(List.of(c.name(m), t.get("metric." + m.key() + ".definition")), false));
        }
        analysisDefinitions(c, defs);
        blocks.add(new Table("methods-definitions-table", t.get("methods.definitions"),
                List.of(t.get("column.metric"), t.get("column.definition")), List.of(false, false), defs));
        blocks.add(Paragraph.note(t.get("methods.comparisons")));
        return Optional.of(new Section(ID, t.get("methods.title"), blocks));
    }

    /** The settings of the further analyses that were run. */
    private static void analysisChoices(DocumentContext c, List<Fact> choices) {
        Texts t = c.texts();
        ProxyAnalysis p = c.result().proxyAnalysis();
        if (p != null) {
            ProxySettings s = p.settings();
            choices.add(new Fact(t.get("methods.proxies"), t.get("methods.proxiesValue", s.folds(), s.seed(),
                    t.number(s.smoothing()), s.numericBins(), t.number(s.cramersVThreshold()),
                    t.number(s.aucThreshold()), t.number(s.alpha()), t.count(s.permutations()), s.pairCandidates(),
                    t.count(s.minRows())) + "; " + t.get("methods.correction").toLowerCase(java.util.Locale.ROOT)
                    + ": " + t.get("correction." + s.pValueAdjustment().id()), false));
        }
        ScoresAndTrends st = c.result().scoresAndTrends();
        if (st != null && st.scores() != null) {
            choices.add(new Fact(t.get("methods.scores"), t.get("methods.scoresValue",
                    t.number(st.scores().relativeAccuracy())), false));
        }
        if (st != null && st.trends() != null) {
            choices.add(new Fact(t.get("methods.trendPeriod"), t.get("period." + st.trends().periodUnit().id()),
                    false));
        }
    }

    /** The exact definitions of the further analyses' measures that are shown. */
    private static void analysisDefinitions(DocumentContext c, List<Row> defs) {
        Texts t = c.texts();
        List<String[]> shown = new ArrayList<>();
        if (c.result().proxyAnalysis() != null) {
            shown.add(new String[] {"column.cramersV", "def.cramersV"});
            shown.add(new String[] {"column.uncertainty", "def.uncertainty"});
            shown.add(new String[] {"column.auc", "def.auc"});
            if (!c.result().proxyAnalysis().conditionalDisparity().isEmpty()) {
                shown.add(new String[] {"column.mhOr", "def.mhOr"});
                shown.add(new String[] {"column.shareExplained", "def.shareExplained"});
            }
        }
        AggregateAnalyses a = c.result().aggregateAnalyses();
        if (a != null && a.rounding() != null) {
            shown.add(new String[] {"column.range", "def.rateRange"});
        }
        if (a != null && a.areaComposition() != null) {
            shown.add(new String[] {"column.assessedShare", "def.areaShare"});
            shown.add(new String[] {"column.dissimilarity", "def.dissimilarity"});
        }
        ScoresAndTrends st = c.result().scoresAndTrends();
        if (st != null && st.scores() != null) {
            shown.add(new String[] {"column.aboveMedian", "def.shareAboveMedian"});
            shown.add(new String[] {"column.auc", "def.scoreAuc"});
            shown.add(new String[] {"column.ece", "def.ece"});
        }
        if (st != null && st.numericOutcomes() != null) {
            shown.add(new String[] {"column.mean", "def.outcomeMean"});
        }
        if (st != null && st.trends() != null) {
            shown.add(new String[] {"column.slope", "def.trend"});
            if (!st.trends().drift().isEmpty()) {
                shown.add(new String[] {"column.psi", "def.psi"});
            }
        }
        for (String[] k : shown) {
            defs.add(new Row(List.of(t.get(k[0]), t.get(k[1])), false));
        }
    }
}
