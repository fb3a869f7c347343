package dev.fairaudit.core.log;

/** What {@link DecisionLog#append} does when its queue is full because the writer has fallen behind. */
public enum Backpressure {
    /** Wait for space: the caller slows down to the speed of the disk. Never loses a record. */
    BLOCK,
    /** Throw {@link LogFullException} at once: the caller decides (for example, refuse the decision). */
    FAIL_FAST
}
