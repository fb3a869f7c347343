package dev.fairaudit.core.table;

/**
 * One count as a statistics office published it: a number (possibly rounded), or suppressed.
 *
 * @param value the published number, or null when the cell was suppressed
 */
public record PublishedCount(Long value) {

    /** A suppressed cell. */
    public static final PublishedCount SUPPRESSED = new PublishedCount(null);

    /** Checks that a published number is not negative. */
    public PublishedCount {
        if (value != null && value < 0) {
            throw new IllegalArgumentException("a count cannot be negative, was " + value);
        }
    }

    /** A published number. */
    public static PublishedCount of(long value) {
        return new PublishedCount(value);
    }

    /** Whether the cell was suppressed. */
    public boolean suppressed() {
        return value == null;
    }
}
