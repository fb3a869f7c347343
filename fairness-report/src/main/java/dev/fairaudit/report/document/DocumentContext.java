package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.ReferenceChoice;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.DocumentControl;

/**
 * What a {@link DocumentSection} renders from.
 *
 * @param result     the audit result (with its {@link DocumentControl}, or without: then nothing is withheld)
 * @param texts      the texts and number formats of the document's language
 * @param disclosure the withheld parts
 * @param jsonSha256 hex SHA-256 of the {@code audit.json} written beside the document, or null
 * @param index      lookups built once per document
 * @param analysis   what the document withholds of the proxy, aggregate, score and trend analyses
 */
public record DocumentContext(AuditResult result, Texts texts, Disclosure.Lookup disclosure, String jsonSha256,
        Index index, AnalysisDisclosure analysis) {

    /** A context for a result. */
    public static DocumentContext of(AuditResult result, Texts texts, String jsonSha256) {
        DocumentControl d = result.document();
        Disclosure disclosure = d == null ? Disclosure.off() : d.disclosure();
        return new DocumentContext(result, texts, disclosure.lookup(), jsonSha256, Index.of(result),
                AnalysisDisclosure.of(result));
    }

    /** The groups of a grouping, in report order. */
    public List<GroupResult> groups(Grouping g) {
        return index.groups().getOrDefault(g, List.of());
    }

    /** The comparison of a group on a metric, or null. */
    public ComparisonResult comparison(GroupKey g, Metric m) {
        Map<Metric, ComparisonResult> byMetric = index.comparisons().get(g);
        return byMetric == null ? null : byMetric.get(m);
    }

    /** The reference of a grouping, or null. */
    public ReferenceChoice reference(Grouping g) {
        return index.references().get(g);
    }

    /** The group result of a key, or null. */
    public GroupResult group(GroupKey k) {
        return index.byKey().get(k);
    }

    /**
     * Lookups built once per document, so rendering stays linear in the number of groups.
     *
     * @param groups      per grouping, its groups
     * @param byKey       every group by key
     * @param comparisons per group, per metric, its comparison
     * @param references  per grouping, its reference
     */
    public record Index(Map<Grouping, List<GroupResult>> groups, Map<GroupKey, GroupResult> byKey,
            Map<GroupKey, Map<Metric, ComparisonResult>> comparisons, Map<Grouping, ReferenceChoice> references) {

        static Index of(AuditResult r) {
            Map<Grouping, List<GroupResult>> groups = new LinkedHashMap<>();
            Map<GroupKey, GroupResult> byKey = new HashMap<>();
            for (GroupResult g : r.groups()) {
                groups.computeIfAbsent(g.group().grouping(), k -> new ArrayList<>()).add(g);
                byKey.put(g.group(), g);
            }
            Map<GroupKey, Map<Metric, ComparisonResult>> comparisons = new HashMap<>();
            for (ComparisonResult c : r.comparisons()) {
                comparisons.computeIfAbsent(c.group(), k -> new EnumMap<>(Metric.class)).put(c.metric(), c);
            }
            Map<Grouping, ReferenceChoice> references = new HashMap<>();
            for (ReferenceChoice c : r.references()) {
                references.put(c.grouping(), c);
            }
            return new Index(groups, byKey, comparisons, references);
        }
    }

    /** Whether a metric of a group is withheld. */
    public boolean suppressed(GroupKey g, Metric m) {
        return disclosure.suppressed(g, m);
    }

    /** Whether a group's size is withheld. */
    public boolean sizeSuppressed(GroupKey g) {
        return disclosure.suppressed(g, Disclosure.Part.SIZE);
    }

    /** The disclosure settings of the result ({@link Disclosure#off()} without document control). */
    public Disclosure disclosureSettings() {
        return result.document() == null ? Disclosure.off() : result.document().disclosure();
    }

    /** A group for people: its values joined by " × ", or "whole population". */
    public String label(GroupKey g) {
        return g.attributes().isEmpty() ? texts.get("group.overall") : String.join(" × ", g.values());
    }

    /** A grouping for people: its attributes joined by " × ", or "whole population". */
    public String label(Grouping g) {
        return g.isOverall() ? texts.get("group.overall") : g.label();
    }

    /** The anchor of a grouping's part of the disparities section. */
    public String anchor(Grouping g) {
        return "grouping-" + result.groupings().indexOf(g);
    }

    /** The anchor of a grouping's table of one metric. */
    public String anchor(Grouping g, Metric m) {
        return anchor(g) + "-" + m.key();
    }

    /** The metric's name. */
    public String name(Metric m) {
        return texts.get("metric." + m.key() + ".name");
    }
}
