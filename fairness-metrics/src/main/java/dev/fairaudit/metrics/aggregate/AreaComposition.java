package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.stats.Interval;
import java.util.List;

/**
 * The expected group composition of the selected decisions from area-level reference data: each decision
 * counts with its area's group shares, so the selected set's expected composition is the mean of its areas'
 * shares. Compared with all decisions (assessed) and the reference population, with the area's ecological
 * proxy strength. These are expectations under the assumption that the people assessed in an area are
 * composed like its residents: {@link #limitation()} says why that may be false.
 *
 * @param referenceFile           the area table's file name
 * @param referenceSha256         its SHA-256, or null
 * @param areaColumn              the decisions' area column
 * @param rows                    decisions read
 * @param selectedRows            of which selected
 * @param rowsWithoutReference    decisions whose area is empty, unknown to the table, or has no usable counts;
 *                                left out of the composition
 * @param selectedWithoutReference of which selected
 * @param areasWithDecisions      distinct area values among the decisions
 * @param areasMatched            of which found in the table with usable counts
 * @param groups                  per group, the composition and the proxy strength
 * @param limitation              the limitation the document must state
 * @param warnings                further things a reader must know
 */
public record AreaComposition(
        String referenceFile,
        String referenceSha256,
        String areaColumn,
        long rows,
        long selectedRows,
        long rowsWithoutReference,
        long selectedWithoutReference,
        int areasWithDecisions,
        int areasMatched,
        List<GroupComposition> groups,
        String limitation,
        List<String> warnings) {

    /** The limitation every area-based result carries. */
    public static final String LIMITATION = "Area averages may not describe the people actually assessed: the"
            + " composition of an area's residents is not that of the people in it who apply, are selected or are"
            + " checked (the DUO auditors rejected postcode-level migration shares for students living away from"
            + " home for this reason). These figures are expectations under the assumption that they do, not"
            + " measurements of the selected people; an ecological inference, not evidence about individuals.";

    /** Copies. */
    public AreaComposition {
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /**
     * One group's expected share among the selected, the not selected and all decisions, against its share of
     * the reference population, and how strongly the area predicts membership of the group.
     *
     * @param group                 the group (the area table's count column)
     * @param status                {@link Status#OK}; {@link Status#INSUFFICIENT_SAMPLE} when fewer than the
     *                              minimum group size of selected or not-selected decisions have a reference;
     *                              {@link Status#UNDEFINED_EMPTY_GROUP} when none are selected
     * @param populationShare       the group's share of the residents of all usable areas in the table
     * @param assessedShare         expected share among all decisions with a reference
     * @param assessedCi95          normal interval of that mean over decisions
     * @param selectedShare         expected share among the selected, or null when none are selected
     * @param selectedCi95          its interval, or null
     * @param notSelectedShare      expected share among the not selected, or null
     * @param expectedSelected      expected number of the group among the selected (sum of shares)
     * @param selectedToAssessedRatio selectedShare / assessedShare, or null
     * @param differenceSelectedVsNotSelected selectedShare − notSelectedShare, or null
     * @param differenceCi95        its Welch-type normal interval, or null
     * @param dissimilarity         Duncan's index of dissimilarity of the group against the rest over the
     *                              table's areas (0: same spread over areas, 1: fully separated)
     * @param correlationRatio      eta squared: the share of the variance of group membership explained by
     *                              the area (0: area says nothing, 1: area determines the group)
     */
    public record GroupComposition(
            String group,
            Status status,
            double populationShare,
            Double assessedShare,
            Interval assessedCi95,
            Double selectedShare,
            Interval selectedCi95,
            Double notSelectedShare,
            double expectedSelected,
            Double selectedToAssessedRatio,
            Double differenceSelectedVsNotSelected,
            Interval differenceCi95,
            double dissimilarity,
            double correlationRatio) {
    }
}
