package dev.fairaudit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Reads the HMAC key of a keyed decision log from a file holding it as hexadecimal text. Lines starting with
 * {@code #} are comments (the demo's key file carries a warning there) and blank lines are ignored.
 */
final class LogKeys {

    /** The shortest key accepted, in bytes (the log's own minimum). */
    static final int MIN_BYTES = 32;

    private LogKeys() {
    }

    /**
     * The key in {@code file}, or null when no file is given.
     *
     * @throws IllegalArgumentException naming the file when it is not hexadecimal or too short
     */
    static byte[] read(Path file) {
        if (file == null) {
            return null;
        }
        String text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.startsWith("#"))
                    .collect(java.util.stream.Collectors.joining());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("the key file " + file + " does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException("the key file " + file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e, e);
        }
        byte[] key;
        try {
            key = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key file " + file + " must hold the key as hexadecimal text");
        }
        if (key.length < MIN_BYTES) {
            throw new IllegalArgumentException("the key in " + file + " has " + key.length + " bytes; at least "
                    + MIN_BYTES + " are needed");
        }
        return key;
    }
}
