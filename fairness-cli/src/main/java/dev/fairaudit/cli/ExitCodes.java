package dev.fairaudit.cli;

/** The documented, stable exit codes of the {@code fairaudit} command. */
public final class ExitCodes {

    /** The command did what was asked. */
    public static final int SUCCESS = 0;
    /** The audit ran, and a pre-registered criterion failed. */
    public static final int CRITERIA_FAILED = 1;
    /** The command line or the input data is wrong; the message names the problem. */
    public static final int USAGE_OR_INPUT_ERROR = 2;
    /** A decision log or document failed its integrity check. */
    public static final int INTEGRITY_FAILURE = 3;
    /** A bug or an environment failure (out of memory, disk full) that the message describes. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
