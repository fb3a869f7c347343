package dev.fairaudit.core.table;

import java.util.List;

/**
 * Counts per group read from an aggregate table ({@link AggregateReader}), as published: rounded, with some
 * cells suppressed. Holds one row per group, so its size is that of the table, not of the population.
 *
 * @param spec   how the table was read
 * @param rows   the rows used, in file order
 * @param source the file, its hash, rows read and left out, and warnings
 */
public record AggregateTable(AggregateSpec spec, List<AggregateRow> rows, TableSource source) {

    /** Copies. */
    public AggregateTable {
        rows = List.copyOf(rows);
    }
}
