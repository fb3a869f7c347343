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
    /**
     * Too few rows behind it (below the configured minimum): the result is inconclusive. A value is shown
     * where one could be computed, and none where there was too little to compute it from (a spread across
     * fewer than two groups).
     */
    INSUFFICIENT_SAMPLE;

    /** Whether a value is present (OK or INSUFFICIENT_SAMPLE). */
    public boolean hasValue() {
        return this == OK || this == INSUFFICIENT_SAMPLE;
    }

    /** Checks that a value is present for OK, absent for the undefined and suppressed statuses. */
    static void check(Status status, Double value) {
        if (status == null) {
            throw new IllegalArgumentException("status is required");
        }
        if (status == OK && value == null || !status.hasValue() && value != null) {
            throw new IllegalArgumentException("status " + status + " and value " + value + " disagree");
        }
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
    }
}
