package dev.fairaudit.core.log;

/** The log cannot take records: it is closed, or writing failed (the cause says why). */
public final class LogUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the log folder */
    public LogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
