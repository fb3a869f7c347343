package dev.fairaudit.core.log;

/** The writer has fallen behind and the log is configured to fail fast rather than block the caller. */
public final class LogFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message how full, naming the log folder and the queue capacity */
    public LogFullException(String message) {
        super(message);
    }
}
