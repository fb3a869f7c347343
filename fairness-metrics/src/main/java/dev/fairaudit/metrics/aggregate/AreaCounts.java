package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mergeable count state behind an area composition: per area code, the decisions made and how many of
 * them selected, plus the rows without an area value. O(areas) memory, whatever the number of decisions.
 */
public final class AreaCounts {

    private final Map<String, long[]> byArea;
    private final long rowsWithoutArea;
    private final long selectedWithoutArea;

    private AreaCounts(Map<String, long[]> byArea, long rowsWithoutArea, long selectedWithoutArea) {
        this.byArea = byArea;
        this.rowsWithoutArea = rowsWithoutArea;
        this.selectedWithoutArea = selectedWithoutArea;
    }

    /** No decisions. */
    public static AreaCounts empty() {
        return new AreaCounts(Map.of(), 0, 0);
    }

    /**
     * This state with a table's decisions added, by the values of its feature column {@code areaColumn}. Works
     * chunk by chunk: tables read in turn (sharing dictionaries or not) add up by area code.
     *
     * @throws IllegalArgumentException when the table has no such feature column
     */
    public AreaCounts add(DecisionTable table, String areaColumn) {
        CategoricalColumn area = table.features().stream().filter(c -> c.name().equals(areaColumn)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the table has no feature column '" + areaColumn
                        + "'; declare it as a feature"));
        long[] rows = new long[area.cardinality()];
        long[] selected = new long[area.cardinality()];
        for (int i = 0; i < table.rowCount(); i++) {
            int c = area.code(i);
            rows[c]++;
            if (table.selected(i)) {
                selected[c]++;
            }
        }
        Map<String, long[]> m = new TreeMap<>();
        long noArea = 0;
        long noAreaSelected = 0;
        for (int c = 0; c < rows.length; c++) {
            if (rows[c] == 0) {
                continue;
            }
            if (c == area.missingCode()) {
                noArea += rows[c];
                noAreaSelected += selected[c];
            } else {
                m.put(area.value(c), new long[] {rows[c], selected[c]});
            }
        }
        return merge(new AreaCounts(m, noArea, noAreaSelected));
    }

    /** Both states together. */
    public AreaCounts merge(AreaCounts other) {
        Map<String, long[]> m = new TreeMap<>();
        for (AreaCounts s : new AreaCounts[] {this, other}) {
            s.byArea.forEach((k, v) -> m.merge(k, v.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
        }
        return new AreaCounts(Collections.unmodifiableMap(m), rowsWithoutArea + other.rowsWithoutArea,
                selectedWithoutArea + other.selectedWithoutArea);
    }

    /** Area code → {decisions, selected}, ordered by code (copies). */
    public Map<String, long[]> byArea() {
        Map<String, long[]> m = new TreeMap<>();
        byArea.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }

    /** Decisions without an area value. */
    public long rowsWithoutArea() {
        return rowsWithoutArea;
    }

    /** Selected decisions without an area value. */
    public long selectedWithoutArea() {
        return selectedWithoutArea;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AreaCounts a) || a.rowsWithoutArea != rowsWithoutArea
                || a.selectedWithoutArea != selectedWithoutArea || !a.byArea.keySet().equals(byArea.keySet())) {
            return false;
        }
        return byArea.entrySet().stream().allMatch(e -> java.util.Arrays.equals(e.getValue(), a.byArea.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return byArea.keySet().hashCode();
    }
}
