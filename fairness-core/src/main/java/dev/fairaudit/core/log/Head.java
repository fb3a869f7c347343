package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The {@code HEAD} file: the chain mode, whether the log is open or was closed cleanly, and the sequence
 * number and hash of the last {@code CHECKPOINT} (0 and 64 zeros before the first close), followed by a
 * check value over those lines (SHA-256, or HMAC-SHA-256 in keyed mode). Example:
 *
 * <pre>
 * fairaudit-decision-log-head 1
 * chain=sha256
 * state=closed
 * seq=1234
 * hash=9f2c...
 * mac=51aa...
 * </pre>
 */
record Head(boolean keyed, boolean closed, long seq, String hash) {

    static final String FILE = "HEAD";
    static final String MAGIC = "fairaudit-decision-log-head 1";

    /** The lines covered by the check value, each ending in a newline. */
    byte[] content() {
        return (MAGIC + "\nchain=" + (keyed ? "hmac-sha256" : "sha256") + "\nstate=" + (closed ? "closed" : "open")
                + "\nseq=" + seq + "\nhash=" + hash + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes {@code HEAD} atomically: a forced temporary file renamed over the old one, then the folder forced. */
    void write(Path dir, ChainHasher hasher) throws IOException {
        byte[] content = content();
        byte[] mac = ("mac=" + Hex.of(hasher.headMac(content)) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.allocate(content.length + mac.length).put(content).put(mac).flip();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Segments.fsyncDir(dir);
    }

    /**
     * What reading {@code HEAD} found.
     *
     * @param present whether the file exists
     * @param head    the parsed head, or null when absent or malformed
     * @param content the bytes the check value covers
     * @param mac     the check value as written
     * @param error   why the file is malformed, or null
     */
    record Read(boolean present, Head head, byte[] content, String mac, String error) {

        /** Whether the check value matches (always false when absent or malformed). */
        boolean macValid(ChainHasher hasher) {
            return head != null && ChainHasher.same(Hex.of(hasher.headMac(content)), mac);
        }
    }

    static Read read(Path dir) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(dir.resolve(FILE));
        } catch (NoSuchFileException e) {
            return new Read(false, null, null, null, null);
        }
        if (all.length > 4096) {
            return new Read(true, null, null, null, "HEAD is " + all.length + " bytes, far more than its format");
        }
        String text = new String(all, StandardCharsets.US_ASCII);
        String[] lines = text.split("\n", -1);
        if (lines.length != 7 || !lines[6].isEmpty() || !MAGIC.equals(lines[0])) {
            return new Read(true, null, null, null, "HEAD does not have the six lines of its format");
        }
        try {
            String chain = value(lines[1], "chain");
            String state = value(lines[2], "state");
            long seq = Long.parseLong(value(lines[3], "seq"));
            String hash = value(lines[4], "hash");
            String mac = value(lines[5], "mac");
            if (!chain.equals("sha256") && !chain.equals("hmac-sha256")) {
                throw new IllegalArgumentException("chain is '" + chain + "'");
            }
            if (!state.equals("open") && !state.equals("closed")) {
                throw new IllegalArgumentException("state is '" + state + "'");
            }
            if (seq < 0 || !Hex.isHash(hash) || !Hex.isHash(mac)) {
                throw new IllegalArgumentException("seq, hash or mac is malformed");
            }
            int contentLength = text.length() - lines[5].length() - 1;
            byte[] content = java.util.Arrays.copyOf(all, contentLength);
            return new Read(true, new Head(chain.equals("hmac-sha256"), state.equals("closed"), seq, hash), content,
                    mac, null);
        } catch (IllegalArgumentException e) {
            return new Read(true, null, null, null, "HEAD is malformed: " + e.getMessage());
        }
    }

    private static String value(String line, String key) {
        if (!line.startsWith(key + "=")) {
            throw new IllegalArgumentException("expected '" + key + "=' in line '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }
}
