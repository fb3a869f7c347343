package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: hexadecimal text, with comment lines allowed (the demo's key file has a warning in one). */
class LogKeysTest {

    @TempDir
    Path dir;

    @Test
    void commentLinesAndBlankLinesAreIgnored() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0xab);
        Path file = dir.resolve("k");
        Files.writeString(file, "# DEMO KEY -- never do this\n\n" + HexFormat.of().formatHex(key) + "\n",
                StandardCharsets.UTF_8);
        assertArrayEquals(key, LogKeys.read(file));
        Files.writeString(file, "  " + HexFormat.of().formatHex(key) + "  ", StandardCharsets.UTF_8);
        assertArrayEquals(key, LogKeys.read(file));
    }

    @Test
    void aKeyHiddenInACommentIsNoKey() throws Exception {
        Path file = dir.resolve("k");
        Files.writeString(file, "# " + "ab".repeat(32) + "\n", StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> LogKeys.read(file));
    }

    @Test
    void aMissingKeyFileIsNamedAsMissing() {
        Path file = dir.resolve("no.key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogKeys.read(file));
        // before: "cannot read the key file DIR/no.key: DIR/no.key" (the exception's message is only the path)
        assertEquals("the key file " + file + " does not exist", e.getMessage());
    }
}
