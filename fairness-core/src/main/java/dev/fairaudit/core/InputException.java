package dev.fairaudit.core;

import java.util.Optional;

/**
 * A problem with input data: a file that cannot be read, a row that cannot be parsed, a column that is
 * missing. The message always says where: the file, and where known the line (1-based, counting the header
 * line of a CSV file as line 1), the column and the offending value.
 */
public final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final String column;

    /**
     * @param file   the file name (never a full path with personal information; the name as given)
     * @param line   the 1-based line, or 0 where the problem is not tied to a line
     * @param column the column name, or null where the problem is not tied to a column
     * @param detail what is wrong, naming the value
     */
    public InputException(String file, long line, String column, String detail) {
        this(file, line, column, detail, null);
    }

    /** As {@link #InputException(String, long, String, String)}, with the underlying cause. */
    public InputException(String file, long line, String column, String detail, Throwable cause) {
        super(format(file, line, column, detail), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(String file, long line, String column, String detail) {
        StringBuilder sb = new StringBuilder(file == null ? "input" : file);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column != null) {
            sb.append(", column '").append(column).append('\'');
        }
        return sb.append(": ").append(detail).toString();
    }

    /** The file the problem was found in. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem concerns the whole file. */
    public long line() {
        return line;
    }

    /** The column, when the problem concerns one. */
    public Optional<String> column() {
        return Optional.ofNullable(column);
    }
}
