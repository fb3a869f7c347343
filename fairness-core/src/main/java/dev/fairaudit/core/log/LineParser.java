package dev.fairaudit.core.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Parses one record line strictly: exactly the documented fields, no duplicate keys (at any level), nothing
 * after the object.
 * Payload numbers keep their decimal value exactly (integers as int/long/BigInteger, everything else as
 * BigDecimal; {@code -0.0} as a negative-zero double), so canonicalising the payload again gives the bytes
 * the writer wrote.
 */
final class LineParser {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(CanonicalJson.MAX_DEPTH + 10)
                    .maxNumberLength(CanonicalJson.MAX_NUMBER_LENGTH)
                    .maxNameLength(CanonicalJson.MAX_NAME_LENGTH)
                    .maxStringLength(CanonicalJson.MAX_STRING_LENGTH)
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final java.util.List<String> FIELDS = java.util.List.of("seq", "time", "type", "payloadDigest",
            "prevHash", "hash", "payload", "erased");

    private LineParser() {
    }

    static ParsedLine parse(byte[] buf, int off, int len) throws LineFormatException {
        try (JsonParser p = FACTORY.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new LineFormatException("not a JSON object");
            }
            long seq = -1;
            String time = null;
            String type = null;
            String digest = null;
            String prev = null;
            String hash = null;
            boolean hasPayload = false;
            ObjectNode payload = null;
            String erased = null;
            boolean hasErased = false;
            int seen = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                int bit = FIELDS.indexOf(name);
                if (bit >= 0) {
                    if ((seen & (1 << bit)) != 0) {
                        throw new LineFormatException("duplicate field '" + name + "'");
                    }
                    seen |= 1 << bit;
                }
                switch (name) {
                    case "seq" -> {
                        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                || p.getLongValue() < 1) {
                            throw new LineFormatException("seq must be a positive integer");
                        }
                        seq = p.getLongValue();
                    }
                    case "time" -> time = text(p, v, name);
                    case "type" -> type = text(p, v, name);
                    case "payloadDigest" -> digest = hash(p, v, name);
                    case "prevHash" -> prev = hash(p, v, name);
                    case "hash" -> hash = hash(p, v, name);
                    case "payload" -> {
                        hasPayload = true;
                        if (v == JsonToken.START_OBJECT) {
                            payload = (ObjectNode) value(p, v);
                        } else if (v != JsonToken.VALUE_NULL) {
                            throw new LineFormatException("payload must be an object or null");
                        }
                    }
                    case "erased" -> {
                        hasErased = true;
                        erased = erasedReason(p, v);
                    }
                    default -> throw new LineFormatException("unknown field '" + name + "'");
                }
            }
            if (p.nextToken() != null) {
                throw new LineFormatException("text after the record's closing brace");
            }
            if (seq < 0 || time == null || type == null || digest == null || prev == null || hash == null
                    || !hasPayload) {
                throw new LineFormatException("missing field(s): seq, time, type, payloadDigest, prevHash, hash and"
                        + " payload are required");
            }
            if (hasErased && payload != null) {
                throw new LineFormatException("a record marked erased still has a payload");
            }
            RecordType recordType;
            try {
                recordType = RecordType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new LineFormatException("unknown record type '" + type + "'");
            }
            Instant instant = instant(time);
            return new ParsedLine(seq, time, instant, recordType, digest, prev, hash, payload, erased);
        } catch (JsonProcessingException e) {
            throw new LineFormatException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new LineFormatException("not valid JSON: " + e.getMessage());
        }
    }

    private static String text(JsonParser p, JsonToken v, String name) throws LineFormatException, IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw new LineFormatException(name + " must be a string");
        }
        return p.getText();
    }

    private static String hash(JsonParser p, JsonToken v, String name) throws LineFormatException, IOException {
        String s = text(p, v, name);
        if (!Hex.isHash(s)) {
            throw new LineFormatException(name + " must be 64 lowercase hex digits");
        }
        return s;
    }

    private static String erasedReason(JsonParser p, JsonToken v) throws LineFormatException, IOException {
        if (v != JsonToken.START_OBJECT) {
            throw new LineFormatException("erased must be an object {\"reason\":...}");
        }
        String reason = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (!"reason".equals(p.currentName())) {
                throw new LineFormatException("unknown field '" + p.currentName() + "' in erased");
            }
            reason = text(p, p.nextToken(), "erased.reason");
        }
        if (reason == null) {
            throw new LineFormatException("erased has no reason");
        }
        return reason;
    }

    /**
     * Parses the time. The writer's form ({@code 2026-03-01T09:15:02.120Z}) is read directly, as
     * {@link Instant#parse} is slow; anything else goes through {@link Instant#parse}.
     */
    static Instant instant(String time) throws LineFormatException {
        if (time.length() == 24 && time.charAt(4) == '-' && time.charAt(7) == '-' && time.charAt(10) == 'T'
                && time.charAt(13) == ':' && time.charAt(16) == ':' && time.charAt(19) == '.'
                && time.charAt(23) == 'Z') {
            int year = digits(time, 0, 4);
            int month = digits(time, 5, 7);
            int day = digits(time, 8, 10);
            int hour = digits(time, 11, 13);
            int minute = digits(time, 14, 16);
            int second = digits(time, 17, 19);
            int millis = digits(time, 20, 23);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                    && second >= 0 && second <= 59 && millis >= 0) {
                try {
                    long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second,
                            millis * 1_000_000L);
                } catch (java.time.DateTimeException e) {
                    throw new LineFormatException("time '" + time + "' is not a valid date and time");
                }
            }
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new LineFormatException("time '" + time + "' is not an ISO-8601 instant");
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Builds a tree that keeps every number's value exactly; refuses duplicate keys. */
    private static JsonNode value(JsonParser p, JsonToken t) throws IOException, LineFormatException {
        switch (t) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    if (o.replace(name, value(p, p.nextToken())) != null) {
                        throw new LineFormatException("duplicate key '" + name + "' in the payload");
                    }
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_ARRAY; k = p.nextToken()) {
                    a.add(value(p, k));
                }
                return a;
            }
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(p.getIntValue());
                    case LONG:
                        return LongNode.valueOf(p.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT: {
                String text = p.getText();
                BigDecimal value;
                try {
                    value = new BigDecimal(text);
                } catch (NumberFormatException e) {
                    // an exponent beyond int range: no BigDecimal, so no writer wrote it (was an uncaught crash)
                    throw new LineFormatException("a number in the payload is out of range ("
                            + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + ")");
                }
                if (value.signum() == 0 && text.charAt(0) == '-') {
                    return DoubleNode.valueOf(-0.0);
                }
                return DecimalNode.valueOf(value);
            }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                throw new IOException("unexpected token " + t);
        }
    }
}
