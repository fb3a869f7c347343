package dev.fairaudit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAccessor;
import java.util.Map;
import java.util.UUID;

/** Building record payloads: values to JSON nodes, and argument checks shared by the writers. */
final class Json {

    /** Converts records and POJOs; no java.time module, so such values are converted by {@link #value}. */
    static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The clock's current instant as {@link #isoMillis} text. */
    static String now(Clock clock) {
        return isoMillis(clock.millis());
    }

    /**
     * An instant as ISO-8601 UTC text with millisecond precision and fixed width,
     * {@code 2026-11-29T10:00:00.000Z}, so that times sort as text. Formatted by hand because
     * {@code Instant.toString()} costs about 500 bytes of garbage and 400 ns per call, more than the rest of a
     * small record; years outside 0000 to 9999 fall back to {@link Instant#toString()}.
     */
    static String isoMillis(long epochMilli) {
        long day = Math.floorDiv(epochMilli, MILLIS_PER_DAY);
        int ms = (int) Math.floorMod(epochMilli, MILLIS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return Instant.ofEpochMilli(epochMilli).toString();
        }
        char[] c = new char[24];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, date.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, date.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, ms / 3_600_000, 2);
        c[13] = ':';
        digits(c, 14, ms / 60_000 % 60, 2);
        c[16] = ':';
        digits(c, 17, ms / 1000 % 60, 2);
        c[19] = '.';
        digits(c, 20, ms % 1000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** A map as a JSON object, entry by entry, in the map's iteration order. */
    static ObjectNode objectOf(Map<String, ?> map) {
        ObjectNode node = object();
        for (Map.Entry<String, ?> e : map.entrySet()) {
            node.set(e.getKey(), value(e.getValue()));
        }
        return node;
    }

    /**
     * One value as a JSON node: strings, booleans and numbers directly (no serializer lookup on the hot path);
     * enums by name; dates, times and UUIDs as their ISO text; anything else through Jackson.
     */
    static JsonNode value(Object v) {
        if (v == null) {
            return NODES.nullNode();
        } else if (v instanceof String s) {
            return NODES.textNode(s);
        } else if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (v instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (v instanceof Long l) {
            return NODES.numberNode(l);
        } else if (v instanceof Double d) {
            return NODES.numberNode(d);
        } else if (v instanceof Float f) {
            return NODES.numberNode(f);
        } else if (v instanceof Short s) {
            return NODES.numberNode(s);
        } else if (v instanceof Byte b) {
            return NODES.numberNode(b);
        } else if (v instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (v instanceof BigInteger i) {
            return NODES.numberNode(i);
        } else if (v instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        } else if (v instanceof TemporalAccessor || v instanceof UUID) {
            return NODES.textNode(v.toString());
        } else if (v instanceof JsonNode n) {
            return n.deepCopy(); // the payload must not change after the append, whatever the caller does
        }
        return MAPPER.valueToTree(v);
    }

    /** Throws, naming the argument, when {@code value} is null or blank. */
    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be non-blank, was " + (value == null ? "null" : "blank"));
        }
        return value;
    }
}
