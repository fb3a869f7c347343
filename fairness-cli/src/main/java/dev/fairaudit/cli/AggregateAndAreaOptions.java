package dev.fairaudit.cli;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.AggregateReader;
import dev.fairaudit.core.table.AggregateSpec;
import dev.fairaudit.core.table.AggregateTable;
import dev.fairaudit.core.table.AreaReference;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.PublishedCell;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.aggregate.AggregateAudit;
import dev.fairaudit.metrics.aggregate.AreaCompositionAnalysis;
import dev.fairaudit.metrics.aggregate.AreaCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of {@code fairaudit audit} for audits without individual protected attributes: aggregate counts
 * instead of decisions ({@code --aggregate}), and area-level reference data joined to decisions
 * ({@code --area-reference}). See {@code docs/aggregate-and-area-input.md}.
 */
final class AggregateAndAreaOptions {

    @Option(names = "--aggregate", paramLabel = "FILE",
            description = "Counts per group instead of decisions (--input): one row per group, count columns tp, "
                    + "fp, fn, tn and/or selected, not_selected. --protected names the group columns.")
    Path aggregate;

    @Option(names = "--attribute-column", paramLabel = "COL",
            description = "With --aggregate: a column naming each row's attribute (with --value-column); rows of "
                    + "attributes not in --protected are left out and counted.")
    String attributeColumn;

    @Option(names = "--value-column", paramLabel = "COL",
            description = "With --attribute-column: the column holding the attribute's value.")
    String valueColumn;

    @Option(names = "--count-column", paramLabel = "CELL=COL",
            description = "With --aggregate: the column of a count cell (tp, fp, fn, tn, selected, not_selected) "
                    + "when it is not named after it; repeatable.")
    List<String> countColumns = new ArrayList<>();

    @Option(names = "--aggregate-filter", paramLabel = "COL=VALUE",
            description = "With --aggregate: use only rows with this value; repeatable (all must match).")
    List<String> aggregateFilters = new ArrayList<>();

    @Option(names = "--rounding", paramLabel = "N", defaultValue = "1",
            description = "With --aggregate: counts are published rounded to multiples of N (default: "
                    + "${DEFAULT-VALUE}, exact). Every rate gets its range over all consistent true counts.")
    int rounding;

    @Option(names = "--suppressed-values", split = ",", paramLabel = "TEXT",
            description = "Values that mean a suppressed count (default: . x X). Where a publisher replaced "
                    + "small cells by 0, give 0.")
    List<String> suppressedValues;

    @Option(names = "--suppressed-max", paramLabel = "N",
            description = "With --aggregate: the largest true count a suppressed cell can hold (9 when cells "
                    + "under 10 are suppressed). Without it, rates using a suppressed cell have no range.")
    Long suppressedMax;

    @Option(names = "--area-reference", paramLabel = "FILE",
            description = "With --input: a CSV of areas with residents per group (one row per area), joined on "
                    + "--area; adds the expected group composition of the selected (areaComposition).")
    Path areaReference;

    @Option(names = "--area", paramLabel = "COL", description = "The decisions' area column (postcode, "
            + "neighbourhood code).")
    String area;

    @Option(names = "--area-key", paramLabel = "COL",
            description = "The area code column of --area-reference (default: the --area name).")
    String areaKey;

    @Option(names = "--area-groups", split = ",", paramLabel = "COL",
            description = "The count columns of --area-reference, one per group (at least two, covering "
                    + "everyone), for example a_nl_all,a_eur_al,a_neu_al.")
    List<String> areaGroups;

    @Option(names = "--area-filter", paramLabel = "COL=VALUE",
            description = "Use only --area-reference rows with this value (for example recs=Buurt); repeatable.")
    List<String> areaFilters = new ArrayList<>();

    /** Whether the counts come from an aggregate table. */
    boolean aggregateInput() {
        return aggregate != null;
    }

    /** Checks the options against each other; {@code log} tells whether the input is a decision log. */
    void validate(boolean otherInput, boolean decisionOrLabel, boolean log) {
        if (aggregate != null) {
            if (otherInput || decisionOrLabel) {
                throw new IllegalArgumentException("--aggregate replaces --input/--log, --decision and --label: "
                        + "the counts say what was decided");
            }
            if (areaReference != null) {
                throw new IllegalArgumentException("--area-reference needs decisions (--input), not --aggregate");
            }
        } else if (attributeColumn != null || valueColumn != null || !countColumns.isEmpty()
                || !aggregateFilters.isEmpty() || rounding != 1 || suppressedMax != null) {
            throw new IllegalArgumentException("--attribute-column, --value-column, --count-column, "
                    + "--aggregate-filter, --rounding and --suppressed-max go with --aggregate");
        }
        if (areaReference == null && (area != null || areaKey != null || areaGroups != null
                || !areaFilters.isEmpty())) {
            throw new IllegalArgumentException("--area, --area-key, --area-groups and --area-filter go with "
                    + "--area-reference");
        }
        if (areaReference != null) {
            if (log) {
                throw new IllegalArgumentException("--area-reference goes with --input (a file with an area column)");
            }
            if (area == null || areaGroups == null) {
                throw new IllegalArgumentException("--area-reference needs --area COL and --area-groups COL,COL,...");
            }
        }
    }

    /** Reads and audits the aggregate table. */
    AuditResult auditAggregate(List<String> protectedAttributes, AuditSettings settings) {
        if (!Files.exists(aggregate)) {
            throw new InputException(aggregate.toString(), 0, null, "file not found");
        }
        Map<PublishedCell, String> cells = new EnumMap<>(PublishedCell.class);
        for (String c : countColumns) {
            String[] kv = pair("--count-column", c);
            cells.put(PublishedCell.fromId(kv[0]), kv[1]);
        }
        AggregateSpec spec = new AggregateSpec(protectedAttributes, attributeColumn, valueColumn, cells,
                pairs("--aggregate-filter", aggregateFilters), markers(), rounding, suppressedMax);
        AggregateTable table = AggregateReader.read(aggregate, spec);
        return AggregateAudit.run(table, settings);
    }

    /** Declares the area column as a feature of the decision table. */
    void declareArea(TableSpec.Builder b) {
        if (areaReference != null) {
            b.features(area);
        }
    }

    /**
     * Adds a table, or one chunk of a streamed table, to the per-area counts; null when no area reference is
     * given.
     */
    AreaCounts countArea(AreaCounts soFar, DecisionTable chunk) {
        if (areaReference == null) {
            return null;
        }
        return (soFar == null ? AreaCounts.empty() : soFar).add(chunk, area);
    }

    /** Adds the area composition when an area table is given. */
    AuditResult addArea(AuditResult result, AreaCounts counts, int minGroupSize) {
        if (areaReference == null) {
            return result;
        }
        if (!Files.exists(areaReference)) {
            throw new InputException(areaReference.toString(), 0, null, "file not found");
        }
        AreaReference reference = AreaReference.read(areaReference, areaKey == null ? area : areaKey, areaGroups,
                pairs("--area-filter", areaFilters), markers());
        return AreaCompositionAnalysis.addTo(result, AreaCompositionAnalysis.compute(
                counts == null ? AreaCounts.empty() : counts, reference, area, minGroupSize));
    }

    private java.util.Set<String> markers() {
        return suppressedValues == null ? AggregateSpec.DEFAULT_SUPPRESSED_MARKERS
                : new LinkedHashSet<>(suppressedValues);
    }

    private static Map<String, String> pairs(String option, List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String v : values) {
            String[] kv = pair(option, v);
            m.put(kv[0], kv[1]);
        }
        return m;
    }

    private static String[] pair(String option, String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(option + " '" + text + "' must have the form NAME=VALUE");
        }
        return new String[] {text.substring(0, eq).trim(), text.substring(eq + 1).trim()};
    }
}
