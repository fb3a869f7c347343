package dev.fairaudit.core.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array, reused by the writer and the verifier so that lines are built without copies. */
final class Bytes {

    byte[] buf;
    int len;

    Bytes(int capacity) {
        buf = new byte[capacity];
    }

    void clear() {
        len = 0;
    }

    void ensure(int extra) {
        int need = len + extra;
        if (need < 0) {
            throw new IllegalArgumentException("record too large");
        }
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    void write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void write(byte[] b) {
        write(b, 0, b.length);
    }

    void write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void write(Bytes other) {
        write(other.buf, 0, other.len);
    }

    /** Writes a string known to be ASCII (field names, hex, times, enum names, numbers). */
    /** A reused builder for a number's text (the writer's doubles); made on first use. */
    StringBuilder numberText() {
        StringBuilder t = numberText;
        if (t == null) {
            t = new StringBuilder(32);
            numberText = t;
        }
        return t;
    }

    private StringBuilder numberText;

    /**
     * Writes ASCII characters, one byte each. The same loop as {@link #ascii(String)}, kept apart on purpose: the
     * number text comes as a {@code StringBuilder}, and one method for both would make every {@code charAt} an
     * interface call that the JIT sees with two receiver types.
     */
    void ascii(CharSequence s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) s.charAt(i);
        }
        len = at + n;
    }

    void ascii(String s) {
        int n = s.length();
        ensure(n);
        // locals, not fields, in the loop: the JIT keeps them in registers
        byte[] b = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) s.charAt(i);
        }
        len = at + n;
    }

    /** Writes a long in decimal digits, without making a string. */
    void decimal(long v) {
        ensure(20);
        len = decimal(buf, len, v);
    }

    /** The number of characters of {@code v} in decimal, its minus sign included. */
    static int decimalLength(long v) {
        if (v < 0) {
            return v == Long.MIN_VALUE ? 20 : 1 + digits(-v);
        }
        return digits(v);
    }

    /** Digits of {@code v} &ge; 0 in decimal: comparisons, no division. */
    private static int digits(long v) {
        long p = 10;
        for (int d = 1; d < 19; d++) {
            if (v < p) {
                return d;
            }
            p *= 10;
        }
        return 19;
    }

    /**
     * Writes {@code v} in decimal into {@code b} at {@code at} (room for 20 characters must be there).
     *
     * @return the index after the last digit
     */
    static int decimal(byte[] b, int at, long v) {
        if (v < 0) {
            b[at++] = '-';
            if (v == Long.MIN_VALUE) {
                // -9223372036854775808: its magnitude does not fit a long
                b[at + 18] = '8';
                v = 922_337_203_685_477_580L;
                int end = at + 19;
                writeDigits(b, at + 18, v);
                return end;
            }
            v = -v;
        }
        int end = at + digits(v);
        writeDigits(b, end, v);
        return end;
    }

    /**
     * Adds one to the decimal number whose last digit is {@code b[last]}, in place; the caller knows that the
     * number does not gain a digit (it is not all nines).
     */
    static void increment(byte[] b, int last) {
        int i = last;
        while (b[i] == '9') {
            b[i--] = '0';
        }
        b[i]++;
    }

    /** Writes the digits of {@code v} &ge; 0 so that the last ends just before {@code end}. */
    private static void writeDigits(byte[] b, int end, long v) {
        while (v >= 10) {
            long q = v / 10;
            b[--end] = (byte) ('0' + (int) (v - q * 10));
            v = q;
        }
        b[end - 1] = (byte) ('0' + (int) v);
    }

    /** The two lowercase hex digits of every byte value, high digit first: {@code HEX_PAIRS[2 * (b & 0xff)]}. */
    private static final byte[] HEX_PAIRS = new byte[512];

    static {
        byte[] digits = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
        for (int v = 0; v < 256; v++) {
            HEX_PAIRS[2 * v] = digits[v >> 4];
            HEX_PAIRS[2 * v + 1] = digits[v & 0xf];
        }
    }

    /** Writes bytes as lowercase hexadecimal, two digits each (as {@link Hex#of} gives them). */
    void hex(byte[] b) {
        hex(b, 0, b.length);
    }

    /** Writes {@code b[off, off + n)} as lowercase hexadecimal, two digits each. */
    void hex(byte[] b, int off, int n) {
        ensure(n * 2);
        byte[] out = buf;
        int at = len;
        for (int i = 0; i < n; i++) {
            int v = (b[off + i] & 0xff) << 1;
            out[at] = HEX_PAIRS[v];
            out[at + 1] = HEX_PAIRS[v + 1];
            at += 2;
        }
        len = at;
    }

    /**
     * Writes the low {@code digits} hex digits of {@code v}, lowercase, into {@code into} at {@code at}; two per
     * step, so {@code digits} must be even.
     */
    static void hexDigits(long v, int digits, byte[] into, int at) {
        for (int i = at + digits - 2; i >= at; i -= 2) {
            int p = ((int) v & 0xff) << 1;
            into[i] = HEX_PAIRS[p];
            into[i + 1] = HEX_PAIRS[p + 1];
            v >>>= 8;
        }
    }

    /** Writes {@code b[0, 32)} as 64 lowercase hex digits into {@code into} at {@code at}. */
    static void hex32(byte[] b, byte[] into, int at) {
        for (int i = 0; i < 32; i++) {
            int v = (b[i] & 0xff) << 1;
            into[at] = HEX_PAIRS[v];
            into[at + 1] = HEX_PAIRS[v + 1];
            at += 2;
        }
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
