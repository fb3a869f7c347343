package dev.fairaudit.metrics.risk;

import java.util.stream.LongStream;

/**
 * The row counts behind one group's precision at the real base rate: random-route rows by the profile's would-be
 * decision, and controlled random-route cases (outcome known) by would-be decision and outcome. Every figure of
 * {@link PrecisionAtBaseRateGroup} is a ratio of these, so each of them can be read back from the published
 * figures; disclosure control withholds a figure when any count it reveals is small.
 *
 * @param flagged        random-route rows the profile would have selected
 * @param notFlagged     random-route rows it would not have selected (rows without a decision in neither)
 * @param truePositives  controlled, would be selected, violation found
 * @param falsePositives controlled, would be selected, nothing found
 * @param falseNegatives controlled, would not be selected, violation found
 * @param trueNegatives  controlled, would not be selected, nothing found
 */
public record RandomArmCounts(long flagged, long notFlagged, long truePositives, long falsePositives,
        long falseNegatives, long trueNegatives) {

    /** The counts that flagRate, baseRate, precision, lift and recall together reveal. */
    public LongStream performanceCounts() {
        return LongStream.of(flagged, notFlagged, truePositives, falsePositives, falseNegatives, trueNegatives);
    }

    /** The counts that the false positive rate reveals: flagged and not flagged among the nothing-found. */
    public LongStream falsePositiveCounts() {
        return LongStream.of(falsePositives, trueNegatives);
    }
}
