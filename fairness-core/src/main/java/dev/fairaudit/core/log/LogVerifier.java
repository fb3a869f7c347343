package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
     * @throws NoSuchFileException      when the folder holds no log at all: no {@code HEAD} file and no segment
     *                                  file (a wrong folder, or a log whose files were all removed); the message
     *                                  names the folder and any subfolders that do hold a log
     * @throws IOException              when the folder cannot be read (not when it is damaged: that is reported)
     */
    public static VerificationReport verify(Path dir, byte[] keyOrNull) throws IOException {
        requireLog(dir);
        return LogScan.run(dir, keyOrNull == null ? null : keyOrNull.clone()).report();
    }

    /**
     * Refuses a folder with neither {@code HEAD} nor a segment file. Every log has {@code HEAD} from the moment it
     * is opened, so such a folder is not a log: reporting it as an empty log that verifies would let a mistyped
     * path, or a log whose files were all deleted, pass as "OK".
     */
    private static void requireLog(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (no decision log folder there)");
        }
        if (holdsLog(dir)) {
            return;
        }
        List<String> logs = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : children) {
                if (holdsLog(child)) {
                    logs.add(child.getFileName().toString());
                }
            }
        }
        logs.sort(null);
        String hint = switch (logs.size()) {
            case 0 -> "";
            case 1 -> "; its subfolder " + logs.get(0) + " holds one";
            default -> "; its subfolders " + String.join(", ", logs.subList(0, Math.min(5, logs.size())))
                    + (logs.size() > 5 ? " and " + (logs.size() - 5) + " more" : "") + " hold one each";
        };
        throw new NoSuchFileException(dir.toString(), null, "no decision log there: no " + Head.FILE
                + " file and no segment-NNNNNN.jsonl file (the wrong folder, or a log whose files were all removed)"
                + hint);
    }

    private static boolean holdsLog(Path dir) throws IOException {
        return Files.exists(dir.resolve(Head.FILE)) || !Segments.list(dir).isEmpty();
    }
}
