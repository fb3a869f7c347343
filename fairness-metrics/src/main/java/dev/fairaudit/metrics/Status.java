package dev.fairaudit.metrics;

/**
 * Whether a value is defined and can be trusted. An undefined value is never disguised as 0, NaN or
 * infinity: it has no value and one of the {@code UNDEFINED_*} statuses says why.
 */
public enum Status {
    /** Defined and computed from enough data. */
    OK,
    /** The group has no rows. */
    UNDEFINED_EMPTY_GROUP,
    /** The denominator is zero (for example a true positive rate in a group without positive labels). */
    UNDEFINED_ZERO_DENOMINATOR,
    /** Withheld from a published document because the cell is too small to disclose. */
    SUPPRESSED,
    /** Computed, but a group is smaller than the configured minimum: the result is inconclusive. */
    INSUFFICIENT_SAMPLE;

    /** Whether a value is present (OK or INSUFFICIENT_SAMPLE). */
    public boolean hasValue() {
        return this == OK || this == INSUFFICIENT_SAMPLE;
    }
}
