package dev.fairaudit.core.table;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read an aggregate table: counts per group, one row per group (see
 * {@code docs/aggregate-and-area-input.md}). Two layouts:
 * <ul>
 *   <li>group columns: each protected attribute is a column; a row's group is the combination of their values
 *       (one attribute, or an intersection);</li>
 *   <li>attribute/value pair ({@code attributeColumn} and {@code valueColumn} set): a row names its attribute
 *       in one column and its value in another, so one file can hold several attributes' marginal tables;
 *       rows of attributes not listed in {@code protectedAttributes} are left out and counted.</li>
 * </ul>
 *
 * @param protectedAttributes the group columns, or with an attribute column, the attributes audited
 * @param attributeColumn     the column naming the attribute, or null for the group-column layout
 * @param valueColumn         the column holding the attribute's value (with {@code attributeColumn})
 * @param countColumns        the column of each published cell; empty to find them by their ids
 *                            ({@code tp, fp, fn, tn, selected, not_selected}, case-insensitive)
 * @param filters             column → value a row must have to be used (others are left out and counted)
 * @param suppressedMarkers   raw values that mean "suppressed", for example {@code .} (CBS) or {@code 0}
 *                            where a publisher replaced small cells by zero
 * @param rounding            the published counts are the true counts rounded to a multiple of this (1: exact)
 * @param suppressedMax       the largest true count a suppressed cell can hold (for example 9 when cells under
 *                            10 are suppressed), or null when unknown
 */
public record AggregateSpec(
        List<String> protectedAttributes,
        String attributeColumn,
        String valueColumn,
        Map<PublishedCell, String> countColumns,
        Map<String, String> filters,
        Set<String> suppressedMarkers,
        int rounding,
        Long suppressedMax) {

    /** The suppression markers used when none are given. */
    public static final Set<String> DEFAULT_SUPPRESSED_MARKERS = Set.of(".", "x", "X");

    /** Validates and copies. */
    public AggregateSpec {
        if (protectedAttributes == null || protectedAttributes.isEmpty()) {
            throw new IllegalArgumentException("at least one protected attribute is required");
        }
        protectedAttributes = List.copyOf(protectedAttributes);
        if (new LinkedHashSet<>(protectedAttributes).size() != protectedAttributes.size()) {
            throw new IllegalArgumentException("protected attributes repeat a name: " + protectedAttributes);
        }
        if ((attributeColumn == null) != (valueColumn == null)) {
            throw new IllegalArgumentException("an attribute column needs a value column and the reverse");
        }
        countColumns = Collections.unmodifiableMap(countColumns == null || countColumns.isEmpty()
                ? new EnumMap<>(PublishedCell.class) : new EnumMap<>(countColumns));
        filters = filters == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        suppressedMarkers = suppressedMarkers == null ? DEFAULT_SUPPRESSED_MARKERS : Set.copyOf(suppressedMarkers);
        if (rounding < 1) {
            throw new IllegalArgumentException("rounding must be >= 1 (1 = exact counts), was " + rounding);
        }
        if (suppressedMax != null && suppressedMax < 0) {
            throw new IllegalArgumentException("suppressedMax must be >= 0, was " + suppressedMax);
        }
    }

    /** The group-column layout with default markers, exact counts and cells found by their ids. */
    public static AggregateSpec groupColumns(List<String> columns) {
        return new AggregateSpec(columns, null, null, Map.of(), Map.of(), null, 1, null);
    }

    /** Whether rows name their attribute in a column (the attribute/value layout). */
    public boolean attributeValueLayout() {
        return attributeColumn != null;
    }

    /** This spec with another rounding. */
    public AggregateSpec withRounding(int n) {
        return new AggregateSpec(protectedAttributes, attributeColumn, valueColumn, countColumns, filters,
                suppressedMarkers, n, suppressedMax);
    }

    /** This spec with another bound for suppressed cells (null: unknown). */
    public AggregateSpec withSuppressedMax(Long max) {
        return new AggregateSpec(protectedAttributes, attributeColumn, valueColumn, countColumns, filters,
                suppressedMarkers, rounding, max);
    }

    /** This spec with other suppression markers. */
    public AggregateSpec withSuppressedMarkers(Set<String> markers) {
        return new AggregateSpec(protectedAttributes, attributeColumn, valueColumn, countColumns, filters, markers,
                rounding, suppressedMax);
    }

    /** This spec with filters. */
    public AggregateSpec withFilters(Map<String, String> f) {
        return new AggregateSpec(protectedAttributes, attributeColumn, valueColumn, countColumns, f,
                suppressedMarkers, rounding, suppressedMax);
    }

    /** This spec with explicit count columns. */
    public AggregateSpec withCountColumns(Map<PublishedCell, String> columns) {
        return new AggregateSpec(protectedAttributes, attributeColumn, valueColumn, columns, filters,
                suppressedMarkers, rounding, suppressedMax);
    }

    /** This spec in the attribute/value layout. */
    public AggregateSpec withAttributeValueColumns(String attribute, String value) {
        return new AggregateSpec(protectedAttributes, attribute, value, countColumns, filters, suppressedMarkers,
                rounding, suppressedMax);
    }
}
