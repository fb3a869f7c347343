package dev.fairaudit.core.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * equal however it is copied. Thread-safe: each thread keeps its own {@link Mac}. This class never logs.
 */
public final class Pseudonymizer {

    /** The shortest key accepted, in bytes: the HMAC-SHA-256 output length. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    /**
     * @param key the secret key, at least {@link #MIN_KEY_BYTES} bytes; copied, so the caller may wipe its array
     * @throws IllegalArgumentException when the key is null or shorter than {@link #MIN_KEY_BYTES} bytes
     */
    public Pseudonymizer(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonymisation key must have at least " + MIN_KEY_BYTES
                    + " bytes, had " + (key == null ? "none" : key.length));
        }
        this.key = new SecretKeySpec(key, ALGORITHM); // copies the bytes
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fail here, not on the first decision, if the platform lacks HMAC-SHA-256
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available on this platform", e);
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
        return HEX.formatHex(macs.get().doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
    }

    /** Names the algorithm, never the key. */
    @Override
    public String toString() {
        return "Pseudonymizer[HMAC-SHA-256, hex]";
    }
}
