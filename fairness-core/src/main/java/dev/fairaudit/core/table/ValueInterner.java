package dev.fairaudit.core.table;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a column's values, given as UTF-8 bytes, into strings, returning the same {@code String} instance for the
 * same bytes: a column with a few hundred distinct values in ten million rows makes a few hundred strings, and
 * later lookups by those strings hit their cached hash codes. Remembers at most {@code capacity} distinct
 * values; beyond that (an identifier-like column) each value becomes a new string. Not thread-safe.
 */
final class ValueInterner {

    private final int capacity;
    private byte[][] keys;
    private String[] values;
    private int[] hashes;
    private int size;

    ValueInterner(int capacity) {
        this.capacity = capacity;
        this.keys = new byte[64][];
        this.values = new String[64];
        this.hashes = new int[64];
    }

    /** The string of {@code bytes[from, to)}. */
    String intern(byte[] bytes, int from, int to) {
        int h = hash(bytes, from, to);
        int mask = keys.length - 1;
        int i = h & mask;
        while (keys[i] != null) {
            if (hashes[i] == h && Arrays.equals(keys[i], 0, keys[i].length, bytes, from, to)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        String value = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (size < capacity) {
            keys[i] = Arrays.copyOfRange(bytes, from, to);
            values[i] = value;
            hashes[i] = h;
            if (++size * 2 > keys.length) {
                grow();
            }
        }
        return value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new byte[oldKeys.length * 2][];
        values = new String[keys.length];
        hashes = new int[keys.length];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != null) {
                int i = oldHashes[j] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0x9E3779B9;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 16);
    }
}
