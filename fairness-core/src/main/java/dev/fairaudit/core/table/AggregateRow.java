package dev.fairaudit.core.table;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an aggregate table: the group it describes and its published counts.
 *
 * @param line   the 1-based line in the file (the header is line 1)
 * @param group  attribute → value of the group, in attribute order
 * @param counts the published count of every cell the table declares
 */
public record AggregateRow(long line, Map<String, String> group, Map<PublishedCell, PublishedCount> counts) {

    /** Copies. */
    public AggregateRow {
        group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }
}
