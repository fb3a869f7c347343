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

    void decimal(long v) {
        ascii(Long.toString(v));
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
