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

    /*
     * The writer's chain input, kept from one record to the next: prev || seq "|" time "|" type "|" digestHex,
     * the previous hash at [0, 32), where each link leaves the new one. Rebuilt only when the sequence number's
     * digit count, the time or the type changes (the time and type are compared by reference: the writer keeps
     * one array per distinct time and type); otherwise a record writes only its sequence number's digits and
     * its digest's hex digits, and hashes the whole input with one update.
     */
    private byte[] link = new byte[256];
    private int linkSeqLength = -1;
    /** The sequence number whose digits {@link #link} holds (counted up from one record to the next). */
    private long linkSeq = -1;
    private byte[] linkTime;
    private byte[] linkType;
    /** Where the digest's hex digits go in {@link #link}; the input ends 64 bytes after. */
    private int linkDigestAt;

    /** Starts the writer's chain after the record whose hash is {@code prevHash} (32 bytes). */
    void startLink(byte[] prevHash) {
        System.arraycopy(prevHash, 0, link, 0, 32);
        linkSeqLength = -1;
    }

    /**
     * The writer's next chain hash, {@code H(prev || seq "|" time "|" type "|" digestHex[at, at + 64))} with
     * {@code prev} the hash of {@link #startLink} or of the last link (section 5 of docs/decision-log.md).
     * {@code seqLength} is {@code Bytes.decimalLength(seq)}.
     *
     * @return an array holding the new hash at {@code [0, 32)}; valid until the next call (it is the next
     *         record's previous hash)
     */
    byte[] link(long seq, int seqLength, byte[] time, byte[] type, byte[] digestHex, int at) {
        byte[] b = link;
        if (seqLength != linkSeqLength || time != linkTime || type != linkType) {
            int need = 32 + seqLength + 3 + time.length + type.length + 64;
            if (need > b.length) {
                b = java.util.Arrays.copyOf(b, need);
                link = b;
            }
            int n = 32 + seqLength;
            b[n++] = '|';
            System.arraycopy(time, 0, b, n, time.length);
            n += time.length;
            b[n++] = '|';
            System.arraycopy(type, 0, b, n, type.length);
            n += type.length;
            b[n++] = '|';
            linkDigestAt = n;
            linkSeqLength = seqLength;
            linkSeq = -1;
            linkTime = time;
            linkType = type;
        }
        if (seq == linkSeq + 1) {
            // the same digit count (else the input was rebuilt above): count up in place
            Bytes.increment(b, 32 + seqLength - 1);
        } else if (seq != linkSeq) {
            Bytes.decimal(b, 32, seq);
        }
        linkSeq = seq;
        System.arraycopy(digestHex, at, b, linkDigestAt, 64);
        int n = linkDigestAt + 64;
        try {
            if (mac != null) {
                mac.update(b, 0, n);
                mac.doFinal(b, 0);
            } else {
                sha.update(b, 0, n);
                sha.digest(b, 0, 32);
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("a SHA-256 / HMAC-SHA-256 value is 32 bytes", e);
        }
        return b;
    }

    /** A copy of the writer's last chain hash ({@link #startLink}'s or the last {@link #link}'s). */
    byte[] linkHash() {
        return java.util.Arrays.copyOf(link, 32);
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
