package dev.fairaudit.metrics;

import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.distributions.DistributionAudit;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import java.util.List;
import java.util.Optional;

/**
 * Everything a group audit found: the settings it ran with, where the data came from, every group's rates,
 * every comparison with its reference, the independence tests, the aggregates and the warnings. Immutable;
 * the JSON audit document is its faithful serialisation.
 *
 * @param settings          the settings, defaults included
 * @param tableSpec         how the input columns were read, or null for counts that did not come from a table
 * @param input             the input file, rows read and skipped, warnings from reading
 * @param groupings         the groupings, in report order (attributes, then intersections, then overall)
 * @param references        the reference group of each grouping
 * @param groups            every group of every grouping, the whole population last
 * @param comparisons       every group against its reference, per metric
 * @param independenceTests per grouping, decision × group
 * @param summaries         per grouping, aggregates across groups
 * @param warnings          things a reader must know (small groups, unknown labels, ...)
 * @param aggregateAnalyses for audits without individual protected attributes (aggregate counts, area
 *                          reference data), or null
 * @param proxyAnalysis     proxy screening and conditional disparity of candidate features, or null when no
 *                          features were screened
 * @param scoresAndTrends   score, numeric-outcome and trend analyses, or null when none was asked for (see
 *                          {@link DistributionAudit})
 * @param document          document control and disclosure decisions for the audit document, or null when no
 *                          document was prepared (see {@code fairness-report}'s {@code AuditDocuments})
 * @param riskProfile       the risk-profile analyses (routes, outcome test, funnel, criteria), or null when none
 *                          was asked for
 */
public record AuditResult(
        AuditSettings settings,
        TableSpec tableSpec,
        TableSource input,
        List<Grouping> groupings,
        List<ReferenceChoice> references,
        List<GroupResult> groups,
        List<ComparisonResult> comparisons,
        List<IndependenceTest> independenceTests,
        List<GroupingSummary> summaries,
        List<String> warnings,
        AggregateAnalyses aggregateAnalyses,
        ProxyAnalysis proxyAnalysis,
        ScoresAndTrends scoresAndTrends,
        DocumentControl document,
        RiskProfileResult riskProfile) {

    /** A result without risk-profile analyses. */
    public AuditResult(AuditSettings settings, TableSpec tableSpec, TableSource input, List<Grouping> groupings,
            List<ReferenceChoice> references, List<GroupResult> groups, List<ComparisonResult> comparisons,
            List<IndependenceTest> independenceTests, List<GroupingSummary> summaries, List<String> warnings,
            AggregateAnalyses aggregateAnalyses, ProxyAnalysis proxyAnalysis, ScoresAndTrends scoresAndTrends,
            DocumentControl document) {
        this(settings, tableSpec, input, groupings, references, groups, comparisons, independenceTests, summaries,
                warnings, aggregateAnalyses, proxyAnalysis, scoresAndTrends, document, null);
    }

    /** A result of the group audit alone (as {@link GroupAudit} returns it). */
    public AuditResult(AuditSettings settings, TableSpec tableSpec, TableSource input, List<Grouping> groupings,
            List<ReferenceChoice> references, List<GroupResult> groups, List<ComparisonResult> comparisons,
            List<IndependenceTest> independenceTests, List<GroupingSummary> summaries, List<String> warnings) {
        this(settings, tableSpec, input, groupings, references, groups, comparisons, independenceTests, summaries,
                warnings, null, null, null, null, null);
    }

    /** A copy with these warnings instead of the result's own. */
    public AuditResult withWarnings(List<String> newWarnings) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, newWarnings, aggregateAnalyses, proxyAnalysis, scoresAndTrends,
                document, riskProfile);
    }

    /** This result with the analyses of an audit without individual protected attributes. */
    public AuditResult withAggregateAnalyses(AggregateAnalyses analyses) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, analyses, proxyAnalysis, scoresAndTrends, document,
                riskProfile);
    }

    /** A copy with this proxy analysis. */
    public AuditResult withProxyAnalysis(ProxyAnalysis analysis) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, aggregateAnalyses, analysis, scoresAndTrends, document,
                riskProfile);
    }

    /** This result with score, numeric-outcome and trend analyses. */
    public AuditResult withScoresAndTrends(ScoresAndTrends analyses) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, aggregateAnalyses, proxyAnalysis, analyses, document,
                riskProfile);
    }

    /** This result with document control set. */
    public AuditResult withDocument(DocumentControl d) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, aggregateAnalyses, proxyAnalysis, scoresAndTrends, d,
                riskProfile);
    }

    /** This result with the risk-profile analyses. */
    public AuditResult withRiskProfile(RiskProfileResult analyses) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, aggregateAnalyses, proxyAnalysis, scoresAndTrends, document,
                analyses);
    }

    /** Copies. */
    public AuditResult {
        groupings = List.copyOf(groupings);
        references = List.copyOf(references);
        groups = List.copyOf(groups);
        comparisons = List.copyOf(comparisons);
        independenceTests = List.copyOf(independenceTests);
        summaries = List.copyOf(summaries);
        warnings = List.copyOf(warnings);
    }

    /** The result of one group. */
    public Optional<GroupResult> group(GroupKey key) {
        return groups.stream().filter(g -> g.group().equals(key)).findFirst();
    }

    /** The whole population. */
    public GroupResult overall() {
        return group(GroupKey.OVERALL).orElseThrow();
    }

    /** The comparison of a group on a metric. */
    public Optional<ComparisonResult> comparison(GroupKey group, Metric metric) {
        return comparisons.stream().filter(c -> c.group().equals(group) && c.metric() == metric).findFirst();
    }
}
