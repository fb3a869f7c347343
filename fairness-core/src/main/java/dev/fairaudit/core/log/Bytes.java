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
        if (v == Long.MIN_VALUE) {
            ascii(Long.toString(v));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int at = len + digits;
        len = at;
        do {
            buf[--at] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v > 0);
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

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
