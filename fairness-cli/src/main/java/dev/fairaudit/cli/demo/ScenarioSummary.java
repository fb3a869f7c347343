package dev.fairaudit.cli.demo;

import java.util.List;
import java.util.Map;

/**
 * What the scenario generated, for the console and for tests. The audit reads only the log; these counts are
 * the generator's own bookkeeping, including the ground truth that the log cannot show.
 *
 * @param seed              the seed
 * @param people            residents reassessed (one decision each)
 * @param year              the simulated year
 * @param controls          cases finally selected for a control (after review)
 * @param found             controls that found a violation
 * @param overrides         profile selections overridden in human review
 * @param truthByMigration  per migration-background group: residents and true violators
 * @param truthOfControls   per route: cases controlled and true violators among them
 * @param months            per month: the profile version, threshold and the profile route's selections
 */
record ScenarioSummary(long seed, int people, int year, long controls, long found, long overrides,
        Map<String, GroupTruth> truthByMigration, Map<String, GroupTruth> truthOfControls,
        List<MonthSummary> months) {

    /** Copies. */
    ScenarioSummary {
        truthByMigration = Map.copyOf(truthByMigration);
        truthOfControls = Map.copyOf(truthOfControls);
        months = List.copyOf(months);
    }

    /**
     * The ground truth of one group.
     *
     * @param people    residents
     * @param violators residents who break the rules
     */
    record GroupTruth(long people, long violators) {
        /** The true violation rate. */
        double violationRate() {
            return (double) violators / people;
        }
    }

    /**
     * One month on the PROFILE route (cases the profile scored itself, before review).
     *
     * @param month        1 to 12
     * @param modelVersion the profile version in use
     * @param threshold    its threshold
     * @param assessed     cases the profile scored, per migration-background group
     * @param selected     of those, cases it selected
     */
    record MonthSummary(int month, String modelVersion, double threshold, Map<String, Long> assessed,
            Map<String, Long> selected) {

        /** Copies. */
        MonthSummary {
            assessed = Map.copyOf(assessed);
            selected = Map.copyOf(selected);
        }

        /** The profile's selection rate in a group this month. */
        double selectionRate(String group) {
            return (double) selected.getOrDefault(group, 0L) / assessed.get(group);
        }
    }
}
