package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Writes one JSON object in the log's canonical form ({@link CanonicalJson}) straight from values, for
 * {@link RecordContent}s: no tree, no key sorting, numbers written from their digits. The caller writes the
 * keys of each object in canonical order (by {@link String#compareTo}); a key that is not greater than the one
 * before it in the same object is refused with {@link IllegalArgumentException}. Not thread-safe; the log's
 * writer thread keeps one and reuses it.
 */
public final class CanonicalWriter {

    private final Bytes out;
    private final CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
    /** Per open object: the last key written, null before the first. */
    private String[] lastKeys = new String[8];
    private int depth;
    private boolean afterKey;
    private boolean topWritten;

    CanonicalWriter(Bytes out) {
        this.out = out;
    }

    /** Starts over; the bytes go on at the end of the buffer. */
    void reset() {
        Arrays.fill(lastKeys, 0, depth + 1, null);
        depth = 0;
        afterKey = false;
        topWritten = false;
    }

    /** @return whether every object begun has been ended */
    boolean complete() {
        return depth == 0;
    }

    /**
     * Begins an object: the payload itself, or the value of the key just written.
     *
     * @return this writer
     */
    public CanonicalWriter beginObject() {
        beforeValue();
        if (depth + 1 >= CanonicalJson.MAX_DEPTH) {
            throw new IllegalArgumentException("payload nested deeper than " + CanonicalJson.MAX_DEPTH + " levels");
        }
        depth++;
        if (depth >= lastKeys.length) {
            lastKeys = Arrays.copyOf(lastKeys, lastKeys.length * 2);
        }
        lastKeys[depth] = null;
        out.write('{');
        return this;
    }

    /**
     * Ends the innermost object.
     *
     * @return this writer
     */
    public CanonicalWriter endObject() {
        if (depth == 0 || afterKey) {
            throw new IllegalStateException(depth == 0 ? "no object to end" : "a key without a value");
        }
        lastKeys[depth] = null;
        depth--;
        out.write('}');
        return this;
    }

    /**
     * Writes a key of the innermost object; its value must follow.
     *
     * @param name the key, greater than the object's previous key
     * @return this writer
     * @throws IllegalArgumentException when the key is not in canonical order
     */
    public CanonicalWriter key(String name) {
        if (depth == 0 || afterKey) {
            throw new IllegalStateException(depth == 0 ? "a key outside an object" : "two keys without a value");
        }
        String last = lastKeys[depth];
        if (last != null) {
            if (last.compareTo(name) >= 0) {
                throw new IllegalArgumentException("key '" + name + "' written after '" + last
                        + "': keys must be written in canonical order, each once");
            }
            out.write(',');
        }
        lastKeys[depth] = name;
        CanonicalJson.key(name, out);
        afterKey = true;
        return this;
    }

    /**
     * @param value a string value, not null
     * @return this writer
     */
    public CanonicalWriter string(String value) {
        beforeValue();
        if (value.length() > CanonicalJson.MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("string longer than " + CanonicalJson.MAX_STRING_LENGTH
                    + " characters");
        }
        CanonicalJson.string(value, out);
        return this;
    }

    /**
     * @param value an integer value
     * @return this writer
     */
    public CanonicalWriter number(long value) {
        beforeValue();
        out.decimal(value);
        return this;
    }

    /**
     * @param value a binary double, written as {@link CanonicalJson} writes a {@code DoubleNode}
     * @return this writer
     * @throws IllegalArgumentException for NaN and infinities
     */
    public CanonicalWriter number(double value) {
        beforeValue();
        CanonicalJson.writeDouble(value, out);
        return this;
    }

    /**
     * @param value a boolean value
     * @return this writer
     */
    public CanonicalWriter bool(boolean value) {
        beforeValue();
        out.ascii(value ? "true" : "false");
        return this;
    }

    /**
     * Writes any JSON value in canonical form, as {@link CanonicalJson} does (objects sorted by key).
     *
     * @param value the value
     * @return this writer
     */
    public CanonicalWriter value(JsonNode value) {
        beforeValue();
        CanonicalJson.write(value, out, depth, scratch);
        return this;
    }

    private void beforeValue() {
        if (depth > 0 && !afterKey) {
            throw new IllegalStateException("a value in an object needs its key first");
        }
        if (depth == 0) {
            if (topWritten) {
                throw new IllegalStateException("only one value at the top level");
            }
            topWritten = true;
        }
        afterKey = false;
    }
}
