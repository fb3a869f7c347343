package dev.fairaudit.core.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Numbers the distinct values of one column, given as UTF-8 byte ranges, {@code 0, 1, 2, ...} in order of first
 * appearance, without making a {@code String} per lookup: the text of a value is made once, when it is first
 * seen. Open addressing with linear probing. A key of at most seven bytes (most values of a decision file) is one
 * {@code long}, its bytes with its length above them, kept beside its id in one table of pairs, so a lookup is a
 * multiplication, one cache line and one comparison; a key of eight to sixteen bytes is packed into two
 * {@code long}s kept in its slot of a second table of ids, longer keys live side by side in one byte array.
 * Remembers at most {@code capacity} distinct values; a value not seen before when the map is full gets
 * {@link #FULL}, and the caller falls back to handling that value as text. Not thread-safe.
 */
final class ByteValueMap {

    /** {@link #idOf}: the value is new and the map holds {@code capacity} values already. */
    static final int FULL = -1;
    /** {@link #firstProbeLonger}: not found there; ask {@link #idOf}. */
    static final int NOT_IN_FIRST_SLOT = -2;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    /** Ids take the low bits of a slot's entry; capacities are at most {@code 1 << ID_BITS}. */
    private static final int ID_BITS = 24;
    private static final int ID_MASK = (1 << ID_BITS) - 1;
    /** Keys of at most this many bytes are packed into two longs. */
    private static final int PACKED_BYTES = 2 * Long.BYTES;
    /** The entry bit of a key longer than {@link #PACKED_BYTES}. */
    private static final int LONG_KEY = 1 << 31;

    /** Keys of at most this many bytes are one {@code long} (see {@link #smallKey}). */
    static final int SMALL_BYTES = Long.BYTES - 1;
    /** Fibonacci hashing: the high bits of the product are well mixed. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Never a {@link #smallKey} (whose top byte is 1 to 8) nor an empty slot (0). */
    static final long NO_SMALL_KEY = -1L;
    /** Up to this many slots, the table of short keys is kept at most a quarter full. */
    private static final int SPARSE_SLOTS = 1 << 14;

    private final int capacity;
    /**
     * The keys of at most {@link #SMALL_BYTES} bytes: at {@code 2 * slot} the {@link #smallKey} (0 = empty slot), at
     * {@code 2 * slot + 1} its id.
     */
    long[] small = new long[2 * 64];
    /** {@code 64 - log2(slots of small)}: the shift that takes a product's high bits as the slot. */
    int smallShift = Long.SIZE - 6;
    private int smallSize;
    /** The keys in {@link #slots}. */
    private int longerSize;
    /** Slot → {@link #entry} (0 = empty), for keys of more than {@link #SMALL_BYTES} bytes. */
    private int[] slots = new int[64];
    /** Slot → the packed key of its entry (first eight bytes, next eight), when it is packed. */
    private long[] slotLows = new long[64];
    private long[] slotHighs = new long[64];
    private int[] hashes = new int[32];
    /** Id → its packed key, when it is packed. */
    private long[] packedLows = new long[32];
    private long[] packedHighs = new long[32];
    private int[] keyStarts = new int[32];
    private int[] keyLengths = new int[32];
    private String[] texts = new String[32];
    private byte[] keyBytes = new byte[256];
    private int keyBytesUsed;
    private int size;

    ByteValueMap(int capacity) {
        if (capacity < 1 || capacity > ID_MASK) {
            throw new IllegalArgumentException("capacity must be in [1, " + ID_MASK + "], was " + capacity);
        }
        this.capacity = capacity;
    }

    /** The distinct values numbered so far. */
    int size() {
        return size;
    }

    /** The text of an id (the UTF-8 decoding of its bytes). */
    String text(int id) {
        return texts[id];
    }

    /**
     * The id of {@code bytes[from, to)}: the id it was given when first seen, or the next id when it is new (then
     * {@link #size()} grows by one), or {@link #FULL}.
     */
    int idOf(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length <= SMALL_BYTES) {
            long key = smallKey(bytes, from, length);
            long[] table = small;
            int mask = table.length - 2;
            int i = (int) ((key * GOLDEN) >>> smallShift) << 1;
            while (true) {
                long k = table[i];
                if (k == key) {
                    return (int) table[i + 1];
                }
                if (k == 0) {
                    return addSmall(bytes, from, length, key, i);
                }
                i = (i + 2) & mask;
            }
        }
        return idOfLonger(bytes, from, to, length);
    }

    /** {@link #idOf} for keys of more than {@link #SMALL_BYTES} bytes. */
    private int idOfLonger(byte[] bytes, int from, int to, int length) {
        if (length <= PACKED_BYTES) {
            // Their bytes, packed into two longs, are the key, kept in the slot itself with the length and id, so a
            // lookup reads one slot of three arrays and compares in two steps.
            long low;
            long high;
            if (length <= Long.BYTES) {
                low = pack(bytes, from, length);
                high = 0;
            } else {
                low = (long) LONGS.get(bytes, from);
                high = pack(bytes, from + Long.BYTES, length - Long.BYTES);
            }
            int h = mix(low, high, length);
            int mask = slots.length - 1;
            int i = h & mask;
            int lengthBits = (length + 1) << ID_BITS;
            while (true) {
                int entry = slots[i];
                if (entry == 0) {
                    return add(bytes, from, length, h, low, high, i);
                }
                if (slotLows[i] == low && slotHighs[i] == high && (entry & ~ID_MASK) == lengthBits) {
                    return entry & ID_MASK;
                }
                i = (i + 1) & mask;
            }
        }
        int h = hashLong(bytes, from, to);
        int mask = slots.length - 1;
        int i = h & mask;
        while (true) {
            int entry = slots[i];
            if (entry == 0) {
                return add(bytes, from, length, h, 0, 0, i);
            }
            int id = entry & ID_MASK;
            if ((entry & ~ID_MASK) == LONG_KEY && hashes[id] == h && keyLengths[id] == length
                    && Arrays.equals(keyBytes, keyStarts[id], keyStarts[id] + length, bytes, from, to)) {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    /** Numbers a new key of at most {@link #SMALL_BYTES} bytes whose probe ended at the empty pair at {@code at}. */
    private int addSmall(byte[] bytes, int from, int length, long key, int at) {
        if (size == capacity) {
            return FULL;
        }
        int id = newId(bytes, from, length);
        packedLows[id] = key;
        hashes[id] = 0;
        small[at] = key;
        small[at + 1] = id;
        smallSize++;
        // At most a quarter full while small (so most lookups end at the first slot), half full when large.
        int slotCount = small.length >> 1;
        if (smallSize > (slotCount <= SPARSE_SLOTS ? slotCount >> 2 : slotCount >> 1)) {
            growSmall();
        }
        return id;
    }

    private void growSmall() {
        long[] bigger = new long[small.length * 2];
        int shift = smallShift - 1;
        int mask = bigger.length - 2;
        for (int id = 0; id < size; id++) {
            if (keyLengths[id] > SMALL_BYTES) {
                continue;
            }
            long key = packedLows[id];
            int i = (int) ((key * GOLDEN) >>> shift) << 1;
            while (bigger[i] != 0) {
                i = (i + 2) & mask;
            }
            bigger[i] = key;
            bigger[i + 1] = id;
        }
        small = bigger;
        smallShift = shift;
    }

    /** The next id, with room for what is kept per id and its text; the caller fills in the rest. */
    private int newId(byte[] bytes, int from, int length) {
        int id = size++;
        if (id == texts.length) {
            int n = texts.length * 2;
            hashes = Arrays.copyOf(hashes, n);
            packedLows = Arrays.copyOf(packedLows, n);
            packedHighs = Arrays.copyOf(packedHighs, n);
            keyStarts = Arrays.copyOf(keyStarts, n);
            keyLengths = Arrays.copyOf(keyLengths, n);
            texts = Arrays.copyOf(texts, n);
        }
        keyLengths[id] = length;
        texts[id] = new String(bytes, from, length, StandardCharsets.UTF_8);
        return id;
    }

    /** Numbers a new value of more than {@link #SMALL_BYTES} bytes whose probe ended at the empty slot {@code slot}. */
    private int add(byte[] bytes, int from, int length, int h, long low, long high, int slot) {
        if (size == capacity) {
            return FULL;
        }
        int id = newId(bytes, from, length);
        if (length > PACKED_BYTES) {
            if (keyBytesUsed + length > keyBytes.length) {
                keyBytes = Arrays.copyOf(keyBytes, Math.max(keyBytesUsed + length, keyBytes.length * 2));
            }
            System.arraycopy(bytes, from, keyBytes, keyBytesUsed, length);
            keyStarts[id] = keyBytesUsed;
            keyBytesUsed += length;
        }
        packedLows[id] = low;
        packedHighs[id] = high;
        hashes[id] = h;
        slots[slot] = entry(id, length);
        slotLows[slot] = low;
        slotHighs[slot] = high;
        longerSize++;
        if (longerSize * 2 > slots.length) {
            grow();
        }
        return id;
    }

    /** A slot's entry: the id, and above it the length + 1 for a packed key or 0 for a long one; never 0. */
    private static int entry(int id, int length) {
        return length <= PACKED_BYTES ? ((length + 1) << ID_BITS) | id : id | LONG_KEY;
    }

    private void grow() {
        int[] bigger = new int[slots.length * 2];
        long[] biggerLows = new long[bigger.length];
        long[] biggerHighs = new long[bigger.length];
        int mask = bigger.length - 1;
        for (int id = 0; id < size; id++) {
            if (keyLengths[id] <= SMALL_BYTES) {
                continue;
            }
            int i = hashes[id] & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = entry(id, keyLengths[id]);
            biggerLows[i] = packedLows[id];
            biggerHighs[i] = packedHighs[id];
        }
        slots = bigger;
        slotLows = biggerLows;
        slotHighs = biggerHighs;
    }

    /**
     * The id of {@code bytes[from, from + length)}, a key of nine to sixteen bytes such as a date, when it is in the
     * first slot its hash points to; otherwise (also when it is shorter or longer, or its last word would reach past
     * the array) {@link #NOT_IN_FIRST_SLOT}, and {@link #idOf} decides. Small, so that a caller's loop can have it
     * compiled in rather than called.
     */
    int firstProbeLonger(byte[] bytes, int from, int length) {
        if (length <= Long.BYTES || length > PACKED_BYTES || from > bytes.length - PACKED_BYTES) {
            return NOT_IN_FIRST_SLOT;
        }
        long low = (long) LONGS.get(bytes, from);
        long high = (long) LONGS.get(bytes, from + Long.BYTES) & (-1L >>> (2 * Long.SIZE - (length << 3)));
        int i = mix(low, high, length) & (slots.length - 1);
        int entry = slots[i];
        if (slotLows[i] == low && slotHighs[i] == high && (entry & ~ID_MASK) == (length + 1) << ID_BITS) {
            return entry & ID_MASK;
        }
        return NOT_IN_FIRST_SLOT;
    }

    /**
     * {@link #smallKey} of {@code bytes[from, from + length)}, for a caller's own first probe of {@link #small} (at
     * {@code (int) ((key * GOLDEN) >>> smallShift) << 1}, hit when it holds the key; otherwise {@link #idOf} decides):
     * {@link #NO_SMALL_KEY} when the key is longer than {@link #SMALL_BYTES} or its word would reach past the array.
     */
    static long smallKeyOrNone(byte[] bytes, int from, int length) {
        if (length > SMALL_BYTES || from > bytes.length - Long.BYTES) {
            return NO_SMALL_KEY;
        }
        return ((long) LONGS.get(bytes, from) & ~(-1L << (length << 3))) | (length + 1L) << 56;
    }

    /**
     * A key of at most {@link #SMALL_BYTES} bytes as one {@code long}: its bytes, little-endian, and in the top byte
     * its length + 1 (so that "a" and "a\0" differ, and no key is 0, the empty slot).
     */
    private static long smallKey(byte[] bytes, int from, int length) {
        return pack(bytes, from, length) | (length + 1L) << 56;
    }

    /** Up to eight bytes, little-endian, zero above the last. */
    private static long pack(byte[] bytes, int from, int length) {
        if (from + Long.BYTES <= bytes.length) {
            long word = (long) LONGS.get(bytes, from);
            return length == Long.BYTES ? word : word & ((1L << (length << 3)) - 1);
        }
        long word = 0;
        for (int i = length - 1; i >= 0; i--) {
            word = (word << 8) | (bytes[from + i] & 0xFFL);
        }
        return word;
    }

    /** A hash of a packed key and its length (the length tells "a" from "a\0"). */
    private static int mix(long low, long high, int length) {
        long h = (low + length) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ high) * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private static int hashLong(byte[] bytes, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 29;
        }
        for (; i < to; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 32) ^ (h >>> 17));
    }
}
