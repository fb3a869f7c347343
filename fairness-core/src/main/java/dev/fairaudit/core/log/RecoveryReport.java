package dev.fairaudit.core.log;

/**
 * What {@link DecisionLog#open} found in the folder before it started appending.
 *
 * @param newLog        whether the folder held no log yet
 * @param recordsFound  intact records found (including {@code CHECKPOINT} records)
 * @param lastSequence  the sequence number of the last of them (0 for a new log); appending continues after it
 * @param segments      segment files found
 * @param bytesCut      bytes of a torn last line cut off (0 when there was none)
 * @param cutSegment    the segment the torn line was cut from, or null
 * @param closedCleanly whether the log had been closed cleanly (true for a new log); false means the writer
 *                      stopped without closing (a crash, a kill, a failed disk) and the records after the last
 *                      checkpoint cannot be proven complete
 */
public record RecoveryReport(boolean newLog, long recordsFound, long lastSequence, int segments, long bytesCut,
        String cutSegment, boolean closedCleanly) {
}
