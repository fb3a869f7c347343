package dev.fairaudit.core.table;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the raw values of a decision or label column were turned into positive, negative or unknown, so that an
 * auditor can see that, say, {@code Low} was counted as not selected.
 *
 * @param role           {@code decision} or {@code label}
 * @param rule           the rule, as its spec
 * @param positiveCounts raw value → rows counted positive (for value-set rules; empty for thresholds)
 * @param negativeCounts raw value → rows counted negative (for value-set rules; empty for thresholds)
 * @param positive       rows counted positive
 * @param negative       rows counted negative
 * @param missing        rows with a missing value (unknown label; a missing decision makes a bad row)
 * @param otherValues    rows whose raw value came after the first 1,000 distinct values; they are in the
 *                       totals, not in the per-value counts
 */
public record OutcomeCoding(
        String role,
        String rule,
        Map<String, Long> positiveCounts,
        Map<String, Long> negativeCounts,
        long positive,
        long negative,
        long missing,
        long otherValues) {

    /** Copies, sorted by value so that output is deterministic. */
    public OutcomeCoding {
        positiveCounts = Collections.unmodifiableSortedMap(new TreeMap<>(positiveCounts));
        negativeCounts = Collections.unmodifiableSortedMap(new TreeMap<>(negativeCounts));
    }
}
