package dev.fairaudit.metrics.risk;

import java.util.List;

/**
 * The outcome test across groups.
 *
 * @param route   the route tested (the profile route), or null when there is no route column and every selected
 *                case was used
 * @param entries per non-reference group of every grouping
 */
public record OutcomeTest(String route, List<OutcomeTestEntry> entries) {

    /** Copies. */
    public OutcomeTest {
        entries = List.copyOf(entries);
    }
}
