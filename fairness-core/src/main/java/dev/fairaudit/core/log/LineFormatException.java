package dev.fairaudit.core.log;

/** A line that is not a well-formed record; the message says what is wrong with it. */
final class LineFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    LineFormatException(String message) {
        super(message);
    }
}
