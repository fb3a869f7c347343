package dev.fairaudit.core.log;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The log's hash functions. Payload digests are always plain SHA-256 (anyone holding a payload can check
 * it); the chain and the {@code HEAD} file use HMAC-SHA-256 when the log is keyed, SHA-256 otherwise. Not
 * thread-safe: one per thread.
 */
final class ChainHasher {

    static final byte[] ZERO = new byte[32];

    private final MessageDigest sha;
    private final Mac mac;
    private final Bytes scratch = new Bytes(256);

    ChainHasher(byte[] keyOrNull) {
        try {
            sha = MessageDigest.getInstance("SHA-256");
            if (keyOrNull == null) {
                mac = null;
            } else {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keyOrNull, "HmacSHA256"));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 / HmacSHA256 must be available in every Java runtime", e);
        }
    }

    boolean keyed() {
        return mac != null;
    }

    /**
     * As {@link #next(byte[], long, String, String, String)} with the payload digest as bytes, written in hex
     * into the hashed text without making a string: the same input bytes, so the same hash.
     */
    byte[] next(byte[] prev, long seq, String time, String type, byte[] payloadDigest) {
        scratch.clear();
        scratch.decimal(seq);
        scratch.write('|');
        scratch.ascii(time);
        scratch.write('|');
        scratch.ascii(type);
        scratch.write('|');
        scratch.hex(payloadDigest);
        return chain(prev);
    }

    /** Plain SHA-256 of {@code bytes[off, off + len)}. */
    byte[] sha256(byte[] bytes, int off, int len) {
        sha.update(bytes, off, len);
        return sha.digest();
    }

    /** Plain SHA-256 of {@code bytes[off, off + len)} into {@code into[0, 32)}: the writer's path, no allocation. */
    void sha256(byte[] bytes, int off, int len, byte[] into) {
        sha.update(bytes, off, len);
        try {
            sha.digest(into, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("a SHA-256 digest is 32 bytes", e);
        }
    }

    /**
     * As {@link #next(byte[], long, String, String, byte[])}, writing the hash into {@code into[0, 32)} rather
     * than a new array ({@code into} may not be {@code prev}): the writer's path, no allocation.
     */
    void next(byte[] prev, long seq, byte[] time, byte[] type, byte[] payloadDigest, byte[] into) {
        scratch.clear();
        scratch.decimal(seq);
        scratch.write('|');
        scratch.write(time);
        scratch.write('|');
        scratch.write(type);
        scratch.write('|');
        scratch.hex(payloadDigest);
        try {
            if (mac != null) {
                mac.update(prev);
                mac.update(scratch.buf, 0, scratch.len);
                mac.doFinal(into, 0);
            } else {
                sha.update(prev);
                sha.update(scratch.buf, 0, scratch.len);
                sha.digest(into, 0, 32);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("a SHA-256 / HMAC-SHA-256 value is 32 bytes", e);
        }
    }

    /**
     * As {@link #next(byte[], long, byte[], byte[], byte[], byte[])}, with the payload digest given as its 64
     * hex digits at {@code digestHex[at, at + 64)} (the writer's line, where they already are): the same input
     * bytes, so the same hash.
     */
    void nextFromHex(byte[] prev, long seq, byte[] time, byte[] type, byte[] digestHex, int at, byte[] into) {
        Bytes s = scratch;
        s.clear();
        s.ensure(20 + 3 + time.length + type.length + 64);
        byte[] b = s.buf;
        int n = Bytes.decimal(b, 0, seq);
        b[n++] = '|';
        System.arraycopy(time, 0, b, n, time.length);
        n += time.length;
        b[n++] = '|';
        System.arraycopy(type, 0, b, n, type.length);
        n += type.length;
        b[n++] = '|';
        System.arraycopy(digestHex, at, b, n, 64);
        n += 64;
        s.len = n;
        try {
            if (mac != null) {
                mac.update(prev);
                mac.update(b, 0, n);
                mac.doFinal(into, 0);
            } else {
                sha.update(prev);
                sha.update(b, 0, n);
                sha.digest(into, 0, 32);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("a SHA-256 / HMAC-SHA-256 value is 32 bytes", e);
        }
    }

    /** {@code H(prev || UTF-8("seq|time|type|payloadDigest"))}; every part but {@code prev} is ASCII. */
    byte[] next(byte[] prev, long seq, String time, String type, String payloadDigest) {
        scratch.clear();
        scratch.decimal(seq);
        scratch.write('|');
        scratch.ascii(time);
        scratch.write('|');
        scratch.ascii(type);
        scratch.write('|');
        scratch.ascii(payloadDigest);
        return chain(prev);
    }

    /** {@code H(prev || scratch)}. */
    private byte[] chain(byte[] prev) {
        if (mac != null) {
            mac.update(prev);
            mac.update(scratch.buf, 0, scratch.len);
            return mac.doFinal();
        }
        sha.update(prev);
        sha.update(scratch.buf, 0, scratch.len);
        return sha.digest();
    }

    /** The check value of the {@code HEAD} file's content. */
    byte[] headMac(byte[] content) {
        if (mac != null) {
            return mac.doFinal(content);
        }
        return sha.digest(content);
    }

    /** Constant-time comparison of two hex strings (for keyed values). */
    static boolean same(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < a.length(); i++) {
            diff |= a.charAt(i) ^ b.charAt(i);
        }
        return diff == 0;
    }
}
