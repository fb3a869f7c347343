package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;

/**
 * The risk profile's would-be decisions on the random route for one group (or the whole population): how the
 * profile performs at the population's real base rate, free of its own selection bias. Every rate except
 * {@code flagRate} is computed among <em>controlled</em> random-route cases (selected, outcome known) whose profile
 * decision is known; the random route makes them a fair sample of the group.
 *
 * @param group                       the group, {@link GroupKey#OVERALL} for the whole population
 * @param randomRows                  rows of the group on the random route
 * @param unknownRows                 of those, rows without a profile decision (left out of every rate below)
 * @param unknownControlledRows       of those, rows that were controlled with a known outcome
 * @param flagRate                    share of random-route rows with a known profile decision that the profile
 *                                    would have selected: its selection rate on an unselected population
 * @param baseRate                    hits / controlled cases (with a known profile decision): the base rate
 * @param precisionAtBaseRate         hits / controlled cases the profile would have selected: its precision
 *                                    (positive predictive value) at the real base rate
 * @param liftOverBaseRate            precisionAtBaseRate / baseRate, Katz log interval (conservative: the flagged
 *                                    cases are part of the base rate's sample)
 * @param recall                      share of the hits that the profile would have selected (sensitivity)
 * @param falsePositiveRate           share of the controlled cases with nothing found that the profile would
 *                                    have selected
 * @param falsePositiveRateComparison the false positive rate against the reference group's (ratio, difference,
 *                                    test, adjusted p-value); null for the reference group and the whole population
 * @param counts                      the row counts all of these rest on
 */
public record PrecisionAtBaseRateGroup(GroupKey group, long randomRows, long unknownRows, long unknownControlledRows,
        MetricValue flagRate, MetricValue baseRate, MetricValue precisionAtBaseRate, Estimate liftOverBaseRate,
        MetricValue recall, MetricValue falsePositiveRate, GroupContrast falsePositiveRateComparison,
        RandomArmCounts counts) {

    /** This entry with its false-positive-rate comparison replaced (after multiple-testing adjustment). */
    public PrecisionAtBaseRateGroup withFalsePositiveRateComparison(GroupContrast c) {
        return new PrecisionAtBaseRateGroup(group, randomRows, unknownRows, unknownControlledRows, flagRate, baseRate,
                precisionAtBaseRate, liftOverBaseRate, recall, falsePositiveRate, c, counts);
    }
}
