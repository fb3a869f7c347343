package dev.fairaudit.core.table;

/**
 * Remembers the results of a pure parse function (text to number) for recently seen texts, so a column with a few
 * hundred distinct values in ten million rows is parsed a few hundred times. Direct-mapped by the text's hash code:
 * a text whose slot holds another text is parsed again and takes the slot. (The CSV reader parses each distinct
 * value once anyway, see {@link ByteValueMap}; this serves rows handed over as text.) Only successful parses are
 * remembered; a failure is thrown to the caller every time. Not thread-safe.
 */
final class ParsedValueCache {

    /** Parses a text into a {@code long} (its bits, for doubles), throwing on bad input. */
    @FunctionalInterface
    interface Parser {
        long parse(String text);
    }

    private static final int SLOTS = 1024;

    private final Parser parser;
    private final String[] texts = new String[SLOTS];
    private final long[] results = new long[SLOTS];

    ParsedValueCache(Parser parser) {
        this.parser = parser;
    }

    /** The parse of {@code text}, from the cache when it holds it. */
    long get(String text) {
        int slot = text.hashCode() & (SLOTS - 1);
        String held = texts[slot];
        if (held == text || held != null && held.equals(text)) {
            return results[slot];
        }
        long result = parser.parse(text);
        texts[slot] = text;
        results[slot] = result;
        return result;
    }
}
