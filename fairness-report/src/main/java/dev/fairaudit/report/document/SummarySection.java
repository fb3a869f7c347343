package dev.fairaudit.report.document;

import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.criteria.CriteriaReport;
import dev.fairaudit.metrics.criteria.Verdict;
import dev.fairaudit.metrics.risk.OutcomeTestEntry;
import dev.fairaudit.metrics.risk.ProfileVsRandomGroup;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import dev.fairaudit.metrics.risk.RouteAnalysis;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.distributions.TrendAnalysis;
import dev.fairaudit.metrics.proxy.ConditionalDisparity;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxyFinding;
import dev.fairaudit.report.document.AuditDocument.Bullets;
import dev.fairaudit.report.document.AuditDocument.Inline;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Section;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Summary first: three to five findings in plain language, each linked to the table that is its evidence.
 * Ordered: selection-rate ratios outside the four-fifths band (largest departure first, at most three), error
 * rates whose difference is unlikely to be chance, the independence tests, then what limits the conclusions
 * (inconclusive comparisons, withheld cells). Picks and words findings; computes nothing.
 */
public final class SummarySection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "summary";
    private static final int MAX_FINDINGS = 5;

    @Override
    public Optional<Section> render(DocumentContext c) {
        Texts t = c.texts();
        List<List<Inline>> findings = new ArrayList<>();
        List<ComparisonResult> fails = new ArrayList<>();
        List<ComparisonResult> errorRates = new ArrayList<>();
        long inconclusive = 0;
        for (ComparisonResult cr : c.result().comparisons()) {
            if (DisparitiesSection.comparisonSuppressed(c, cr)) {
                continue;
            }
            if (cr.metric() == Metric.SELECTION_RATE) {
                if (cr.fourFifths() != null && cr.fourFifths().verdict() == FourFifthsCheck.Verdict.FAIL) {
                    fails.add(cr);
                }
                if (cr.status() == Status.INSUFFICIENT_SAMPLE) {
                    inconclusive++;
                }
            } else if ((cr.metric() == Metric.FALSE_POSITIVE_RATE || cr.metric() == Metric.FALSE_NEGATIVE_RATE)
                    && cr.status() == Status.OK && cr.pValueAdjusted() != null
                    && cr.pValueAdjusted() < DisparitiesSection.ALPHA) {
                errorRates.add(cr);
            }
        }
        riskFindings(c, findings);
        // The criteria's verdicts come on top of the three to five findings (issue 6: "verdicts on the
        // pre-registered criteria and the three to five most important findings").
        int limit = MAX_FINDINGS + (c.result().riskProfile() != null && c.result().riskProfile().criteria() != null
                ? 1 : 0);
        Comparator<ComparisonResult> departure = Comparator.comparingDouble(
                (ComparisonResult cr) -> -Math.abs(Math.log(cr.ratio().value())));
        fails.sort(departure.thenComparing(cr -> cr.group()));
        for (ComparisonResult cr : fails.subList(0, Math.min(3, fails.size()))) {
            GroupResult g = c.group(cr.group());
            GroupResult ref = c.group(cr.reference());
            findings.add(List.of(Inline.text(t.get("summary.outsideBand", c.label(cr.group().grouping()),
                    c.label(cr.group()), t.percent(g.metric(Metric.SELECTION_RATE).value()), c.label(cr.reference()),
                    t.percent(ref.metric(Metric.SELECTION_RATE).value()), t.ratio(cr.ratio().value()),
                    t.get("disadvantaged." + cr.fourFifths().disadvantaged()),
                    cr.pValueAdjusted() == null ? "—" : t.pEq(cr.pValueAdjusted())) + " "),
                    Inline.link(t.get("summary.evidence"), c.anchor(cr.group().grouping(), Metric.SELECTION_RATE))));
        }
        if (fails.isEmpty()) {
            findings.add(List.of(Inline.text(t.get("summary.noneOutsideBand",
                    t.number(c.result().settings().fourFifthsThreshold()),
                    t.number(1 / c.result().settings().fourFifthsThreshold())) + " "),
                    Inline.link(t.get("summary.evidence"), DisparitiesSection.ID)));
        } else if (fails.size() > 3) {
            findings.add(List.of(Inline.text(t.get("summary.moreOutsideBand", t.count(fails.size() - 3)) + " "),
                    Inline.link(t.get("summary.evidence"), DisparitiesSection.ID)));
        }
        if (!errorRates.isEmpty()) {
            errorRates.sort(Comparator.comparingDouble((ComparisonResult cr) -> -Math.abs(cr.difference().value()))
                    .thenComparing(cr -> cr.group()));
            ComparisonResult top = errorRates.get(0);
            findings.add(List.of(Inline.text(t.get("summary.errorRates", t.count(errorRates.size()), c.name(top.metric()),
                    c.label(top.group()), t.points(top.difference().value()), c.label(top.reference())) + " "),
                    Inline.link(t.get("summary.evidence"), c.anchor(top.group().grouping(), top.metric()))));
        }
        findings.addAll(analysisFindings(c));
        for (IndependenceTest i : c.result().independenceTests()) {
            if (findings.size() >= limit - 1 || i.test() == null || i.status() != Status.OK
                    || c.disclosure().tests().contains(i.grouping()) || i.test().pValue() >= DisparitiesSection.ALPHA) {
                continue;
            }
            findings.add(List.of(Inline.text(t.get("summary.independence", c.label(i.grouping()),
                    t.pEq(i.test().pValue())) + " "), Inline.link(t.get("summary.evidence"), c.anchor(i.grouping()))));
        }
        if (inconclusive > 0 && findings.size() < limit) {
            findings.add(List.of(Inline.text(t.get("summary.inconclusive", t.count(inconclusive),
                    t.count(c.result().settings().minGroupSize())) + " "),
                    Inline.link(t.get("summary.evidence"), LimitationsSection.ID)));
        }
        long withheld = c.disclosureSettings().cells().size();
        if (withheld > 0 && findings.size() < limit) {
            findings.add(List.of(Inline.text(t.get("summary.suppressed", t.count(withheld)) + " "),
                    Inline.link(t.get("summary.evidence"), LimitationsSection.ID)));
        }
        List<AuditDocument.Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("summary.intro", t.get("favourable." + c.result().settings().favourable().id()))));
        blocks.add(new Bullets(findings.subList(0, Math.min(limit, findings.size())), false));
        return Optional.of(new Section(ID, t.get("summary.title"), blocks));
    }

    /**
     * First the pre-registered criteria's advice, then what the random controls show: over-selected groups in the
     * outcome test and a profile that finds no more than random controls.
     */
    private static void riskFindings(DocumentContext c, List<List<Inline>> findings) {
        RiskProfileResult risk = c.result().riskProfile();
        if (risk == null) {
            return;
        }
        Texts t = c.texts();
        CriteriaReport criteria = risk.criteria();
        if (criteria != null) {
            long failed = criteria.results().stream().filter(r -> r.verdict() == Verdict.FAIL).count();
            long inconclusive = criteria.results().stream().filter(r -> r.verdict() == Verdict.INCONCLUSIVE).count();
            findings.add(List.of(Inline.strong(t.get("summary.criteria", t.count(criteria.results().size()),
                    t.count(failed), t.count(inconclusive), t.get("criteria.advice." + criteria.advice().name()))),
                    Inline.text(" "), Inline.link(t.get("summary.evidence"), CriteriaSection.ID)));
        }
        if (risk.outcomeTest() != null) {
            List<String> over = new ArrayList<>();
            for (OutcomeTestEntry e : risk.outcomeTest().entries()) {
                if (e.verdict() == OutcomeTestEntry.Verdict.OVER_SELECTED
                        && !c.analysis().withheld(AnalysisDisclosure.Kind.OUTCOME_TEST_ENTRY, e.group())) {
                    over.add(c.label(e.group()));
                }
            }
            if (!over.isEmpty()) {
                findings.add(List.of(Inline.text(t.get("summary.overSelected", String.join(", ", over)) + " "),
                        Inline.link(t.get("summary.evidence"), RiskProfileSection.ID + "-outcome-test")));
            }
        }
        RouteAnalysis routes = risk.routes();
        if (routes != null) {
            for (ProfileVsRandomGroup g : routes.profileVsRandom()) {
                Estimate lift = g.liftOverRandom();
                if (g.group().attributes().isEmpty() && lift.value() != null && lift.ci95() != null
                        && lift.ci95().lower() <= 1) {
                    findings.add(List.of(Inline.text(t.get("summary.noLift", t.ratio(lift.value()),
                            t.ratio(lift.ci95().lower()), t.ratio(lift.ci95().upper())) + " "),
                            Inline.link(t.get("summary.evidence"), RiskProfileSection.ID + "-profile-vs-random")));
                }
            }
        }
    }

    /**
     * The key findings of the further analyses, at most one each, in this order: the strongest flagged proxy, the
     * fastest-growing disparity, the disparity most explained by a feature, a numeric outcome that differs between
     * groups.
     * Withheld cells are never a finding.
     */
    static List<List<Inline>> analysisFindings(DocumentContext c) {
        Texts t = c.texts();
        AnalysisDisclosure a = c.analysis();
        List<List<Inline>> out = new ArrayList<>();
        // A growing disparity outranks a disparity explained by a feature: it is added after the trend.
        List<List<Inline>> explained = new ArrayList<>();
        ProxyAnalysis p = c.result().proxyAnalysis();
        if (p != null) {
            List<ProxyFinding> flagged = p.flagged().stream().filter(f -> !a.withheld(AnalysisDisclosure.Kind.PROXY_FINDING,
                    GroupKey.OVERALL, AnalysisDisclosure.detail(f))).toList();
            if (!flagged.isEmpty()) {
                ProxyFinding f = flagged.get(0);
                out.add(List.of(Inline.text(t.get("summary.proxyFlagged", t.count(flagged.size()),
                        String.join(" × ", f.features()), f.attribute(), SectionCells.number(t, f.auc().value()),
                        SectionCells.number(t, f.cramersV().value())) + " "),
                        Inline.link(t.get("summary.evidence"), ProxySection.FINDINGS)));
            }
            p.conditionalDisparity().stream()
                    .filter(d -> ProxySection.mostlyExplained(d) && d.crudeOddsRatio().value() != null
                            && d.crudeOddsRatio().status() == Status.OK
                            && !a.withheld(AnalysisDisclosure.Kind.CONDITIONAL_DISPARITY, AnalysisDisclosure.group(d),
                            d.feature()))
                    .max(Comparator.comparingDouble((ConditionalDisparity d) -> Math.abs(Math.log(
                            d.crudeOddsRatio().value()))))
                    .ifPresent(d -> explained.add(List.of(Inline.text(t.get("summary.proxyExplained",
                            d.attribute() + " = " + d.group(), d.reference(), d.feature(),
                            t.percent(Math.min(1, d.shareExplained().value()))) + " "),
                            Inline.link(t.get("summary.evidence"), ProxySection.CONDITIONAL))));
        }
        ScoresAndTrends st = c.result().scoresAndTrends();
        if (st != null && st.trends() != null) {
            st.trends().disparities().stream()
                    .filter(d -> ScoresTrendsSection.growing(d)
                            && !a.withheld(AnalysisDisclosure.Kind.DISPARITY_TREND, d.group()))
                    .max(Comparator.comparingDouble((TrendAnalysis.DisparityTrend d) ->
                            Math.abs(d.differenceTrend().slope())).thenComparing(d -> d.group(),
                            Comparator.reverseOrder()))
                    .ifPresent(d -> out.add(List.of(Inline.text(t.get("summary.trendGrowing", c.label(d.group()),
                            c.label(d.reference()), t.points(d.differenceTrend().slope()),
                            t.pEq(d.differenceTrend().pValueAdjusted())) + " "),
                            Inline.link(t.get("summary.evidence"), ScoresTrendsSection.DISPARITY_TRENDS))));
        }
        out.addAll(explained);
        if (st != null && st.numericOutcomes() != null) {
            st.numericOutcomes().tests().stream()
                    .filter(x -> x.status() == Status.OK && x.welchAnova() != null
                            && x.welchAnova().pValue() < DisparitiesSection.ALPHA
                            && !a.withheld(AnalysisDisclosure.Kind.OUTCOME_TEST, AnalysisDisclosure.testKey(x.grouping())))
                    .min(Comparator.comparingDouble(x -> x.welchAnova().pValue()))
                    .ifPresent(x -> out.add(List.of(Inline.text(t.get("summary.outcomeDiffers",
                            c.result().tableSpec() == null || c.result().tableSpec().numericOutcome() == null
                                    ? t.get("outcomes.title") : c.result().tableSpec().numericOutcome(),
                            c.label(x.grouping()), t.pEq(x.welchAnova().pValue())) + " "),
                            Inline.link(t.get("summary.evidence"), ScoresTrendsSection.OUTCOMES + "-tests"))));
        }
        return out;
    }
}
