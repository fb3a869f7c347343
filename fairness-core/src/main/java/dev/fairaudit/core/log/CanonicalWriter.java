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
    /** Per open object: the set the last key was written from by {@link #key(Keys, int)}, else null. */
    private Keys[] lastSets = new Keys[8];
    /** Per open object: the last key's index in {@code lastSets}' entry. */
    private int[] lastIndexes = new int[8];
    private int depth;
    private boolean afterKey;
    private boolean topWritten;

    CanonicalWriter(Bytes out) {
        this.out = out;
    }

    /** Starts over; the bytes go on at the end of the buffer. */
    void reset() {
        if (depth > 0) {
            // a content that failed half-way: forget its keys
            Arrays.fill(lastKeys, 0, depth + 1, null);
            Arrays.fill(lastSets, 0, depth + 1, null);
        }
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
            lastSets = Arrays.copyOf(lastSets, lastKeys.length);
            lastIndexes = Arrays.copyOf(lastIndexes, lastKeys.length);
        }
        lastKeys[depth] = null;
        lastSets[depth] = null;
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
        lastSets[depth] = null;
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
            int slot = name.hashCode() & (KEY_SLOTS - 1);
            // a content's constant keys come in the same pairs record after record: compare each pair once
            if (cachedKeys[slot] != name || followsKey[slot] != last) {
                if (last.compareTo(name) >= 0) {
                    throw new IllegalArgumentException("key '" + name + "' written after '" + last
                            + "': keys must be written in canonical order, each once");
                }
                if (cachedKeys[slot] == name) {
                    followsKey[slot] = last;
                }
            }
            out.write(',');
        }
        lastKeys[depth] = name;
        lastSets[depth] = null;
        writeKey(name);
        afterKey = true;
        return this;
    }

    /**
     * Writes key {@code index} of a set of keys encoded once ({@link Keys}); its value must follow. The same as
     * {@link #key(String)} of {@code keys.name(index)}, without encoding the key or, when the object's previous
     * key came from the same set with a lower index, comparing it.
     *
     * @param keys  the set
     * @param index which of its keys
     * @return this writer
     * @throws IllegalArgumentException  when the key is not in canonical order
     * @throws IndexOutOfBoundsException when {@code index} is not one of the set's
     */
    public CanonicalWriter key(Keys keys, int index) {
        if (depth == 0 || afterKey) {
            throw new IllegalStateException(depth == 0 ? "a key outside an object" : "two keys without a value");
        }
        String name = keys.names[index];
        String last = lastKeys[depth];
        byte[] encoded;
        if (last == null) {
            encoded = keys.first[index];
        } else {
            // keys of one set are in canonical order by construction
            if ((lastSets[depth] != keys || lastIndexes[depth] >= index) && last.compareTo(name) >= 0) {
                throw new IllegalArgumentException("key '" + name + "' written after '" + last
                        + "': keys must be written in canonical order, each once");
            }
            encoded = keys.later[index];
        }
        lastKeys[depth] = name;
        lastSets[depth] = keys;
        lastIndexes[depth] = index;
        out.write(encoded);
        afterKey = true;
        return this;
    }

    /**
     * Object keys in canonical order (by {@link String#compareTo}), each checked and encoded once, for contents
     * that write the same keys record after record ({@link #key(Keys, int)}). Immutable; make one per set of keys
     * and share it.
     */
    public static final class Keys {
        private final String[] names;
        /** {@code "name":}, for the first key of an object. */
        private final byte[][] first;
        /** {@code ,"name":}, for any later one. */
        private final byte[][] later;

        private Keys(String[] names) {
            this.names = names;
            first = new byte[names.length][];
            later = new byte[names.length][];
            Bytes tmp = new Bytes(64);
            for (int i = 0; i < names.length; i++) {
                String name = java.util.Objects.requireNonNull(names[i], "key");
                if (i > 0 && names[i - 1].compareTo(name) >= 0) {
                    throw new IllegalArgumentException("key '" + name + "' after '" + names[i - 1]
                            + "': keys must be given in canonical order, each once");
                }
                tmp.clear();
                tmp.write(',');
                CanonicalJson.key(name, tmp);
                later[i] = tmp.toArray();
                first[i] = Arrays.copyOfRange(tmp.buf, 1, tmp.len);
            }
        }

        /**
         * @param names the keys, in canonical order, each once
         * @return the set
         * @throws IllegalArgumentException when the keys are not in canonical order, or one cannot be a key (longer
         *                                  than {@link CanonicalJson#MAX_NAME_LENGTH}, or an unpaired surrogate)
         */
        public static Keys of(String... names) {
            return new Keys(names.clone());
        }

        /** @return how many keys the set has */
        public int size() {
            return names.length;
        }

        /**
         * @param index which key
         * @return the key
         */
        public String name(int index) {
            return names[index];
        }
    }

    /** Slots of the key cache (a power of two). */
    private static final int KEY_SLOTS = 64;
    /** Keys longer than this are not cached. */
    private static final int KEY_MAX_CACHED = 64;
    /** Keys whose encoded form is cached, by slot (their hash); a content's keys are usually constants. */
    private final String[] cachedKeys = new String[KEY_SLOTS];
    /** The encoded form, {@code "key":}, of each cached key. */
    private final byte[][] encodedKeys = new byte[KEY_SLOTS][];
    /**
     * Per slot: a key (the very string) that the cached key was found to follow in canonical order; when the
     * same two strings come again, the order needs no comparison (strings do not change).
     */
    private final String[] followsKey = new String[KEY_SLOTS];
    /** Per slot: the last key seen there and not cached; a key is cached when seen twice in a row. */
    private final String[] candidateKeys = new String[KEY_SLOTS];

    /** A key and its colon, from the cache when this key was written before. */
    private void writeKey(String name) {
        int slot = name.hashCode() & (KEY_SLOTS - 1);
        String cached = cachedKeys[slot];
        if (cached == name || (cached != null && cached.equals(name))) {
            out.write(encodedKeys[slot]);
            return;
        }
        int start = out.len;
        CanonicalJson.key(name, out);
        if (name.length() <= KEY_MAX_CACHED) {
            String candidate = candidateKeys[slot];
            if (candidate == name || (candidate != null && candidate.equals(name))) {
                encodedKeys[slot] = Arrays.copyOfRange(out.buf, start, out.len);
                cachedKeys[slot] = name;
                followsKey[slot] = null;
            } else {
                candidateKeys[slot] = name;
            }
        }
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
     * Writes bytes as a string of lowercase hexadecimal digits, two per byte: the same bytes as
     * {@link #string(String)} of {@link java.util.HexFormat#formatHex}, without making the string.
     *
     * @param bytes  the bytes
     * @param offset where they start
     * @param length how many
     * @return this writer
     */
    public CanonicalWriter hexString(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length > CanonicalJson.MAX_STRING_LENGTH / 2) {
            throw new IllegalArgumentException("string longer than " + CanonicalJson.MAX_STRING_LENGTH
                    + " characters");
        }
        beforeValue();
        out.write('"');
        out.hex(bytes, offset, length);
        out.write('"');
        return this;
    }

    /**
     * Writes a UUID's text (as {@link java.util.UUID#toString()} gives it: 8-4-4-4-12 lowercase hexadecimal
     * digits) as a string, without making the UUID or its text.
     *
     * @param mostSignificantBits  the UUID's high 64 bits
     * @param leastSignificantBits the UUID's low 64 bits
     * @return this writer
     */
    public CanonicalWriter uuidString(long mostSignificantBits, long leastSignificantBits) {
        beforeValue();
        out.ensure(38);
        byte[] b = out.buf;
        int at = out.len;
        b[at] = '"';
        Bytes.hexDigits(mostSignificantBits >>> 32, 8, b, at + 1);
        b[at + 9] = '-';
        Bytes.hexDigits(mostSignificantBits >>> 16, 4, b, at + 10);
        b[at + 14] = '-';
        Bytes.hexDigits(mostSignificantBits, 4, b, at + 15);
        b[at + 19] = '-';
        Bytes.hexDigits(leastSignificantBits >>> 48, 4, b, at + 20);
        b[at + 24] = '-';
        Bytes.hexDigits(leastSignificantBits, 12, b, at + 25);
        b[at + 37] = '"';
        out.len = at + 38;
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
        out.write(value ? TRUE : FALSE);
        return this;
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** The second whose text {@link #secondText} holds; {@link Long#MIN_VALUE} before the first. */
    private long cachedSecond = Long.MIN_VALUE;
    /** <code>"yyyy-MM-ddTHH:mm:ss.</code> of {@link #cachedSecond}: a string's quote and its first 20 characters. */
    private final byte[] secondText = new byte[21];

    /**
     * Writes an instant as a string: ISO-8601 in UTC with millisecond precision and fixed width,
     * {@code 2026-11-29T10:00:00.000Z}, for years 0000 to 9999 (so that times sort as text); other years as
     * {@link java.time.Instant#toString()} writes them. The date and time of day up to the second are formatted
     * once per second and reused.
     *
     * @param epochMilli milliseconds since 1970-01-01T00:00:00Z
     * @return this writer
     */
    public CanonicalWriter isoMillis(long epochMilli) {
        long second = Math.floorDiv(epochMilli, 1000L);
        if (second != cachedSecond) {
            if (!formatSecond(second)) {
                return string(java.time.Instant.ofEpochMilli(epochMilli).toString());
            }
            cachedSecond = second;
        }
        beforeValue();
        int ms = (int) Math.floorMod(epochMilli, 1000L);
        out.ensure(26);
        byte[] b = out.buf;
        int at = out.len;
        System.arraycopy(secondText, 0, b, at, 21);
        b[at + 21] = (byte) ('0' + ms / 100);
        b[at + 22] = (byte) ('0' + ms / 10 % 10);
        b[at + 23] = (byte) ('0' + ms % 10);
        b[at + 24] = 'Z';
        b[at + 25] = '"';
        out.len = at + 26;
        return this;
    }

    /** Fills {@link #secondText} for an epoch second; false for a year outside 0000 to 9999. */
    private boolean formatSecond(long epochSecond) {
        if (epochSecond < MIN_SECOND || epochSecond > MAX_SECOND) {
            return false;
        }
        // once per second, so the JDK's formatter is cheap enough
        String text = SECOND.format(java.time.Instant.ofEpochSecond(epochSecond));
        secondText[0] = '"';
        for (int i = 0; i < 20; i++) {
            secondText[i + 1] = (byte) text.charAt(i);
        }
        return true;
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.} in UTC. */
    private static final java.time.format.DateTimeFormatter SECOND = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
    /** Epoch seconds of 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long MIN_SECOND = java.time.LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long MAX_SECOND = java.time.LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_399L;

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
