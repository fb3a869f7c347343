package dev.fairaudit.core.log;

import java.time.Duration;

/**
 * When an appended record counts as durable (its commit completes).
 *
 * @param mode          the mode
 * @param groupRecords  for {@link Mode#GROUP_COMMIT}: sync after at most this many records
 * @param groupInterval for {@link Mode#GROUP_COMMIT}: sync at the latest this long after the first unsynced
 *                      record
 */
public record Durability(Mode mode, int groupRecords, Duration groupInterval) {

    /** The durability modes. */
    public enum Mode {
        /** Every record is forced to disk before its commit completes. Slowest, nothing acknowledged is lost. */
        SYNC_EACH,
        /**
         * Records are forced in groups; a commit completes when its group is forced. The log's committer thread
         * forces and completes the commits while the writer thread goes on writing the next records.
         */
        GROUP_COMMIT,
        /**
         * A commit completes when the record is written to the operating system's page cache: survives a crash
         * of the JVM, not of the machine. Finished segments and the close are forced all the same.
         */
        PAGE_CACHE
    }

    /** Validates. */
    public Durability {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (mode == Mode.GROUP_COMMIT && (groupRecords < 1 || groupInterval == null || groupInterval.isNegative()
                || groupInterval.isZero())) {
            throw new IllegalArgumentException("group commit needs groupRecords >= 1 and a positive interval, were "
                    + groupRecords + " and " + groupInterval);
        }
    }

    /** Force every record. */
    public static Durability syncEach() {
        return new Durability(Mode.SYNC_EACH, 1, Duration.ofMillis(1));
    }

    /** Force after {@code records} records or {@code interval}, whichever comes first. */
    public static Durability groupCommit(int records, Duration interval) {
        return new Durability(Mode.GROUP_COMMIT, records, interval);
    }

    /**
     * Do not force while a segment is being written; the operating system writes back. A finished segment and
     * the log at close are still forced, so a cleanly closed log is durable.
     */
    public static Durability pageCache() {
        return new Durability(Mode.PAGE_CACHE, 1, Duration.ofMillis(1));
    }
}
