package dev.fairaudit.metrics;

import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.risk.RiskProfileResult;
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
        RiskProfileResult riskProfile) {

    /** A result without aggregate or risk-profile analyses. */
    public AuditResult(AuditSettings settings, TableSpec tableSpec, TableSource input, List<Grouping> groupings,
            List<ReferenceChoice> references, List<GroupResult> groups, List<ComparisonResult> comparisons,
            List<IndependenceTest> independenceTests, List<GroupingSummary> summaries, List<String> warnings) {
        this(settings, tableSpec, input, groupings, references, groups, comparisons, independenceTests, summaries,
                warnings, null, null);
    }

    /** A result with aggregate analyses and without risk-profile analyses. */
    public AuditResult(AuditSettings settings, TableSpec tableSpec, TableSource input, List<Grouping> groupings,
            List<ReferenceChoice> references, List<GroupResult> groups, List<ComparisonResult> comparisons,
            List<IndependenceTest> independenceTests, List<GroupingSummary> summaries, List<String> warnings,
            AggregateAnalyses aggregateAnalyses) {
        this(settings, tableSpec, input, groupings, references, groups, comparisons, independenceTests, summaries,
                warnings, aggregateAnalyses, null);
    }

    /** This result with the analyses of an audit without individual protected attributes. */
    public AuditResult withAggregateAnalyses(AggregateAnalyses analyses) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, analyses, riskProfile);
    }

    /** This result with the risk-profile analyses. */
    public AuditResult withRiskProfile(RiskProfileResult analyses) {
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons,
                independenceTests, summaries, warnings, aggregateAnalyses, analyses);
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
