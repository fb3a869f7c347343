package dev.fairaudit.core.table;

import java.util.List;
import java.util.Optional;

/**
 * Where a {@link DecisionTable} came from and what happened while reading it: nothing is dropped silently,
 * so every skipped row and every warning is here.
 *
 * @param fileName      the file name as given (no directories), or a description such as {@code (memory)}
 * @param format        {@code csv}, {@code jsonl} or {@code memory}
 * @param sha256        hex SHA-256 of the file's bytes, or null for tables built in memory
 * @param rowsRead      data rows read (the header excluded), skipped rows included
 * @param rowsSkipped   rows skipped because they could not be parsed (only with {@code skipBadRows})
 * @param badRowExamples the first skipped rows, with line, column and reason
 * @param warnings      warnings about the input, for example repeated header names
 * @param outcomeCodings how each raw value of the decision and label columns was counted
 */
public record TableSource(
        String fileName,
        String format,
        String sha256,
        long rowsRead,
        long rowsSkipped,
        List<BadRow> badRowExamples,
        List<String> warnings,
        List<OutcomeCoding> outcomeCodings) {

    /** How many bad rows are kept as examples. */
    public static final int MAX_BAD_ROW_EXAMPLES = 10;

    /** Validates and copies. */
    public TableSource {
        if (rowsRead < 0 || rowsSkipped < 0 || rowsSkipped > rowsRead) {
            throw new IllegalArgumentException("need 0 <= rowsSkipped <= rowsRead, were " + rowsSkipped + " and "
                    + rowsRead);
        }
        badRowExamples = List.copyOf(badRowExamples);
        warnings = List.copyOf(warnings);
        outcomeCodings = List.copyOf(outcomeCodings);
    }

    /** The SHA-256 of the input file, where there was one. */
    public Optional<String> sha256Hex() {
        return Optional.ofNullable(sha256);
    }

    /**
     * A row that could not be parsed.
     *
     * @param line   the 1-based line in the file
     * @param column the column, or null when the whole row is at fault
     * @param reason what is wrong
     */
    public record BadRow(long line, String column, String reason) {
    }
}
