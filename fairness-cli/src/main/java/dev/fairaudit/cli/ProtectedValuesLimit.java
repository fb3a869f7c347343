package dev.fairaudit.cli;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import java.util.stream.Collectors;

/**
 * {@code fairaudit audit} stops when a protected attribute has more than {@value #MAX_VALUES} distinct values:
 * such a column identifies people or holds free text rather than naming groups, and auditing it would compare
 * and test thousands of tiny groups one by one. Checked on every chunk as it is read, so the run stops after
 * at most one chunk, before any statistics are computed. (The library itself sets no limit.)
 */
final class ProtectedValuesLimit {

    /** The most distinct values (the group of missing values not counted) a protected attribute may have. */
    static final int MAX_VALUES = 1000;

    private ProtectedValuesLimit() {
    }

    /**
     * @throws InputException naming the file, the column and the rows read so far when a protected attribute
     *                        has more than {@link #MAX_VALUES} values
     */
    static void check(DecisionTable table) {
        for (CategoricalColumn c : table.protectedColumns()) {
            if (c.cardinality() <= MAX_VALUES) {
                continue; // the common case: one comparison per chunk
            }
            String missing = table.spec().missingGroup();
            long distinct = c.dictionary().stream().filter(v -> !v.equals(missing)).count();
            if (distinct > MAX_VALUES) {
                String examples = c.dictionary().stream().filter(v -> !v.equals(missing)).limit(3)
                        .map(v -> "'" + (v.length() > 20 ? v.substring(0, 20) + "..." : v) + "'")
                        .collect(Collectors.joining(", "));
                throw new InputException(table.source().fileName(), 0, c.name(), String.format(java.util.Locale.ROOT,
                        "more than %,d distinct values within the first %,d rows (%s, ...); a protected attribute "
                                + "names groups, such as gender or age band, not people or free text: group its "
                                + "values first", MAX_VALUES, table.source().rowsRead(), examples));
            }
        }
    }
}
