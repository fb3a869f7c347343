package dev.fairaudit.core.model;

import dev.fairaudit.core.log.CanonicalWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Turns identifiers (of subjects, of reviewers) into pseudonyms before they are written: the HMAC-SHA-256 of the
 * identifier's UTF-8 bytes under a secret key, as 64 lowercase hexadecimal characters.
 *
 * <p>The same identifier and key always give the same pseudonym, so records about one person can be linked
 * (outcomes to decisions, repeated selections) without the log holding the identifier. Whoever holds the key
 * can recompute a pseudonym from an identifier (to answer a subject's access request, say); without the key a
 * pseudonym cannot be reversed or guessed by hashing candidate identifiers. Keep the key out of the log and
 * use a different key per purpose where pseudonyms must not be linkable across purposes.
 *
 * <p>Hexadecimal rather than base64url: the pseudonym is safe in file names, CSV cells and URLs, and compares
 * equal however it is copied. Thread-safe: each thread keeps its own SHA-256 state and buffers, so that a
 * pseudonym written with {@link #writePseudonym} allocates nothing (HMAC as RFC 2104 defines it, over
 * {@link MessageDigest}; the tests check it against {@code javax.crypto.Mac} and RFC 4231's test vectors).
 * This class never logs.
 */
public final class Pseudonymizer {

    /** The shortest key accepted, in bytes: the HMAC-SHA-256 output length. */
    public static final int MIN_KEY_BYTES = 32;

    private static final HexFormat HEX = HexFormat.of();
    /** SHA-256's block size in bytes. */
    private static final int BLOCK = 64;

    /** The key, padded to a block, XOR 0x36 (RFC 2104's K XOR ipad). */
    private final byte[] innerPad = new byte[BLOCK];
    /** The key, padded to a block, XOR 0x5c (K XOR opad). */
    private final byte[] outerPad = new byte[BLOCK];
    private final ThreadLocal<State> states;

    /**
     * One thread's reused SHA-256 and buffers, laid out so that each of HMAC's two hashes is one update and one
     * digest call: {@code inner} is K XOR ipad followed by the identifier's bytes, {@code outer} is K XOR opad
     * followed by the inner hash (written there by the digest itself).
     */
    private static final class State {
        final MessageDigest sha256 = newSha256();
        /** K XOR ipad, then room for an ASCII identifier (grown as needed). */
        byte[] inner;
        /** K XOR opad, then the inner hash. */
        final byte[] outer = new byte[BLOCK + 32];
        final byte[] mac = new byte[32];

        State(byte[] innerPad, byte[] outerPad) {
            inner = Arrays.copyOf(innerPad, BLOCK + 64);
            System.arraycopy(outerPad, 0, outer, 0, BLOCK);
        }
    }

    /**
     * @param key the secret key, at least {@link #MIN_KEY_BYTES} bytes; copied, so the caller may wipe its array
     * @throws IllegalArgumentException when the key is null or shorter than {@link #MIN_KEY_BYTES} bytes
     */
    public Pseudonymizer(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least " + MIN_KEY_BYTES
                    + " bytes, had " + (key == null ? "none" : key.length));
        }
        // RFC 2104: a key longer than a block is hashed first; a shorter one is padded with zeros
        MessageDigest sha256 = newSha256(); // fail here, not on the first decision, if the platform lacks SHA-256
        byte[] k = key.length > BLOCK ? sha256.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        this.states = ThreadLocal.withInitial(() -> new State(innerPad, outerPad));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available on this platform", e);
        }
    }

    /**
     * The pseudonym of an identifier.
     *
     * @param identifier the identifier, not null
     * @return 64 lowercase hexadecimal characters
     */
    public String pseudonym(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        State s = states.get();
        mac(identifier, s);
        return HEX.formatHex(s.mac);
    }

    /**
     * Writes the pseudonym of an identifier as a string value, the same 64 characters {@link #pseudonym} returns,
     * straight into a record's canonical form; allocates nothing for identifiers of ASCII characters.
     *
     * @param identifier the identifier, not null
     * @param out        where the value goes (after its key)
     */
    public void writePseudonym(String identifier, CanonicalWriter out) {
        Objects.requireNonNull(identifier, "identifier");
        State s = states.get();
        mac(identifier, s);
        out.hexString(s.mac, 0, s.mac.length);
    }

    /** HMAC-SHA-256 of the identifier's UTF-8 bytes into {@code s.mac}. */
    private void mac(String identifier, State s) {
        MessageDigest sha256 = s.sha256;
        int n = identifier.length();
        byte[] inner = s.inner;
        if (BLOCK + n > inner.length) {
            inner = Arrays.copyOf(inner, Math.max(BLOCK + n, 2 * inner.length));
            s.inner = inner;
        }
        int i = 0;
        for (; i < n; i++) {
            char c = identifier.charAt(i);
            if (c >= 0x80) {
                break;
            }
            inner[BLOCK + i] = (byte) c;
        }
        if (i == n) {
            sha256.update(inner, 0, BLOCK + n);
        } else {
            // not ASCII: the JDK's encoder, as before (an unpaired surrogate becomes '?')
            sha256.update(inner, 0, BLOCK);
            sha256.update(identifier.getBytes(StandardCharsets.UTF_8));
        }
        try {
            sha256.digest(s.outer, BLOCK, 32);
            sha256.update(s.outer, 0, BLOCK + 32);
            sha256.digest(s.mac, 0, 32);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
        }
    }

    /** Names the algorithm, never the key. */
    @Override
    public String toString() {
        return "Pseudonymizer[HMAC-SHA-256, hex]";
    }
}
