package dev.fairaudit.metrics.distributions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The length of a reporting period. Periods are calendar months, quarters or years in UTC: a timestamp is
 * first converted to an instant (a date without a time is the start of that day in UTC; a date-time without an
 * offset is read as UTC; one with an offset or {@code Z} is converted), then its UTC calendar date decides the
 * period.
 */
public enum PeriodUnit {
    /** Calendar months, keys like {@code 2024-03}. */
    MONTH("month"),
    /** Calendar quarters, keys like {@code 2024-Q1}. */
    QUARTER("quarter"),
    /** Calendar years, keys like {@code 2024}. */
    YEAR("year");

    private final String id;

    PeriodUnit(String id) {
        this.id = id;
    }

    /** {@code month}, {@code quarter} or {@code year}. */
    public String id() {
        return id;
    }

    /** Looks a unit up by its id, ignoring case; the message lists the valid ids. */
    public static PeriodUnit fromId(String id) {
        for (PeriodUnit u : values()) {
            if (u.id.equalsIgnoreCase(id)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown period '" + id + "'; valid: "
                + Arrays.stream(values()).map(PeriodUnit::id).collect(Collectors.joining(", ")));
    }

    /**
     * The ordinal of the period holding this instant: consecutive periods have consecutive ordinals, so gaps
     * between periods are kept in a trend.
     */
    public int ordinal(long epochMillis) {
        LocalDate d = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
        return switch (this) {
            case MONTH -> d.getYear() * 12 + d.getMonthValue() - 1;
            case QUARTER -> d.getYear() * 4 + (d.getMonthValue() - 1) / 3;
            case YEAR -> d.getYear();
        };
    }

    /** The key of a period ordinal: {@code 2024-03}, {@code 2024-Q1} or {@code 2024}. */
    public String key(int ordinal) {
        // Built by hand: String.format parses "%04d" with a regular expression on every call, and the trend
        // analyses ask for a key per group, period and metric.
        return switch (this) {
            case MONTH -> year(Math.floorDiv(ordinal, 12)) + "-" + twoDigits(Math.floorMod(ordinal, 12) + 1);
            case QUARTER -> year(Math.floorDiv(ordinal, 4)) + "-Q" + (Math.floorMod(ordinal, 4) + 1);
            case YEAR -> year(ordinal);
        };
    }

    /** The year as {@code %04d} formats it: at least four digits, zero-padded, a minus sign counted as one. */
    private static String year(int year) {
        if (year < 0 || year > 9999) {
            return String.format(Locale.ROOT, "%04d", year);
        }
        String digits = Integer.toString(year);
        return "0000".substring(digits.length()) + digits;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
