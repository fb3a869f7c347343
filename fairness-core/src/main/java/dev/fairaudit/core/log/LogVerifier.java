package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Checks a decision log folder: every segment in order, every record's sequence number, chain link, hash and
 * payload digest, every checkpoint, and the {@code HEAD} file. Reports OK with counts, or the first problem
 * found, pinpointed to a record, segment and line. Reads only; safe to run while a writer is appending (a
 * record being written then shows as a torn tail).
 *
 * <p>Without the key, a keyed log cannot be verified. With a plain SHA-256 chain, someone who can write the
 * folder can edit a record and recompute every later hash and {@code HEAD}; the verifier cannot see that. See
 * the threat model in {@code docs/decision-log.md}.
 */
public final class LogVerifier {

    private LogVerifier() {
    }

    /**
     * Verifies a log.
     *
     * @param dir       the log folder
     * @param keyOrNull the HMAC key the log was written with, or null for an unkeyed log
     * @return the report: OK with counts, or the first problem
     * @throws IllegalArgumentException when {@code HEAD} says the log is keyed and no key is given
     * @throws IOException              when the folder cannot be read (not when it is damaged: that is reported)
     */
    public static VerificationReport verify(Path dir, byte[] keyOrNull) throws IOException {
        return LogScan.run(dir, keyOrNull == null ? null : keyOrNull.clone()).report();
    }
}
