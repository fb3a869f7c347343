package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Test helpers that work on the files directly, following docs/decision-log.md rather than the main code: an
 * attacker (or an independent verifier) only has the documented format.
 */
final class LogFiles {

    /** The documented line format; group 1..7: seq, time, type, payloadDigest, prevHash, hash, payload. */
    static final Pattern LINE = Pattern.compile("\\{\"seq\":(\\d+),\"time\":\"([^\"]+)\",\"type\":\"([A-Z_]+)\","
            + "\"payloadDigest\":\"([0-9a-f]{64})\",\"prevHash\":\"([0-9a-f]{64})\",\"hash\":\"([0-9a-f]{64})\","
            + "\"payload\":(.*)\\}");

    private LogFiles() {
    }

    static ObjectNode payload(int thread, long i) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("thread", thread);
        p.put("i", i);
        p.put("caseId", "case-" + thread + "-" + i);
        return p;
    }

    static List<LogRecord> readAll(Path dir) {
        try (Stream<LogRecord> s = LogReader.read(dir)) {
            return s.collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path segment(Path dir, String name) {
        return dir.resolve(name);
    }

    static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, UTF_8));
    }

    static void writeLines(Path file, List<String> lines) throws IOException {
        Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", UTF_8);
    }

    static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The documented chain hash: H(prevHash bytes || UTF-8("seq|time|type|payloadDigest")). */
    static String chainHash(byte[] keyOrNull, String prevHex, String seq, String time, String type, String digest) {
        byte[] prev = HexFormat.of().parseHex(prevHex);
        byte[] rest = (seq + "|" + time + "|" + type + "|" + digest).getBytes(UTF_8);
        try {
            if (keyOrNull != null) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keyOrNull, "HmacSHA256"));
                mac.update(prev);
                return HexFormat.of().formatHex(mac.doFinal(rest));
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prev);
            return HexFormat.of().formatHex(md.digest(rest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What an attacker with write access does to hide an edit: recompute payload digests and every hash from
     * the first line on (the edit is already in the files), fix checkpoint payloads, and rewrite HEAD, all with
     * {@code attackerKey} (null: plain SHA-256).
     */
    static void recomputeChain(Path dir, byte[] attackerKey) throws IOException {
        String prev = "0".repeat(64);
        String lastSeq = "0";
        for (Segments.Seg seg : Segments.list(dir)) {
            List<String> out = new ArrayList<>();
            for (String line : lines(seg.path())) {
                Matcher m = LINE.matcher(line);
                if (!m.matches()) {
                    throw new IllegalStateException("not a record line: " + line);
                }
                String seq = m.group(1);
                String payload = m.group(7);
                if (m.group(3).equals("CHECKPOINT")) {
                    payload = "{\"headHash\":\"" + prev + "\",\"lastSeq\":" + lastSeq + "}";
                }
                String digest = sha256Hex(payload.getBytes(UTF_8));
                String hash = chainHash(attackerKey, prev, seq, m.group(2), m.group(3), digest);
                out.add("{\"seq\":" + seq + ",\"time\":\"" + m.group(2) + "\",\"type\":\"" + m.group(3)
                        + "\",\"payloadDigest\":\"" + digest + "\",\"prevHash\":\"" + prev + "\",\"hash\":\"" + hash
                        + "\",\"payload\":" + payload + "}");
                prev = hash;
                lastSeq = seq;
            }
            writeLines(seg.path(), out);
        }
        writeHead(dir, attackerKey, true, Long.parseLong(lastSeq), prev);
    }

    /** Writes HEAD in the documented format, with a check value computed with {@code key} (null: SHA-256). */
    static void writeHead(Path dir, byte[] key, boolean closed, long seq, String hash) throws IOException {
        String content = "fairaudit-decision-log-head 1\nchain=" + (key != null ? "hmac-sha256" : "sha256")
                + "\nstate=" + (closed ? "closed" : "open") + "\nseq=" + seq + "\nhash=" + hash + "\n";
        String mac;
        if (key != null) {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(new SecretKeySpec(key, "HmacSHA256"));
                mac = HexFormat.of().formatHex(m.doFinal(content.getBytes(US_ASCII)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        } else {
            mac = sha256Hex(content.getBytes(US_ASCII));
        }
        Files.writeString(dir.resolve("HEAD"), content + "mac=" + mac + "\n", US_ASCII);
    }

    /** Copies the segment files and HEAD (not LOCK): a snapshot of a log as a crash at this moment leaves it. */
    static void snapshot(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("segment-") || name.equals("HEAD")) {
                    Files.copy(p, to.resolve(name));
                }
            }
        }
    }

    static byte[] key(int seed) {
        byte[] k = new byte[32];
        new java.util.Random(seed).nextBytes(k);
        return k;
    }
}
