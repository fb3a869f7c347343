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
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
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

    private static final byte[] HEX_DIGITS = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e',
        'f'};

    /** Writes bytes as lowercase hexadecimal, two digits each (as {@link Hex#of} gives them). */
    void hex(byte[] b) {
        ensure(b.length * 2);
        for (byte x : b) {
            buf[len++] = HEX_DIGITS[(x >> 4) & 0xf];
            buf[len++] = HEX_DIGITS[x & 0xf];
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
