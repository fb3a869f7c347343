package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.report.JsonAuditWriter;
import dev.fairaudit.report.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * Prepares a result for its document (document control and disclosure decisions) and writes {@code audit.json},
 * {@code audit.html} and {@code audit.md}.
 */
public final class AuditDocuments {

    /** The environment variable of the reproducible-builds convention: seconds since the epoch. */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    private AuditDocuments() {
    }

    /** The output formats. */
    public enum Format {
        /** {@code audit.json}. */
        JSON("json", "audit.json"),
        /** {@code audit.html}. */
        HTML("html", "audit.html"),
        /** {@code audit.md}. */
        MD("md", "audit.md");

        private final String id;
        private final String fileName;

        Format(String id, String fileName) {
            this.id = id;
            this.fileName = fileName;
        }

        /** The file written. */
        public String fileName() {
            return fileName;
        }

        /** Parses {@code json}, {@code html} or {@code md}. */
        public static Format fromId(String id) {
            for (Format f : values()) {
                if (f.id.equalsIgnoreCase(id.trim())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("format must be json, html or md, was '" + id + "'");
        }
    }

    /**
     * The result with its document control: document id, date, version, configuration hash, scope, period, log
     * verification and the disclosure decisions.
     */
    public static AuditResult prepare(AuditResult r, DocumentOptions o) {
        return prepare(r, o, System.getenv());
    }

    /** As {@link #prepare(AuditResult, DocumentOptions)}, reading {@code SOURCE_DATE_EPOCH} from {@code env}. */
    static AuditResult prepare(AuditResult r, DocumentOptions o, Map<String, String> env) {
        AuditResult plain = r.withDocument(null);
        String settings = JsonAuditWriter.settingsJson(plain).toString();
        String configurationSha256 = sha256(settings);
        Instant date = o.generatedAt() != null ? o.generatedAt() : documentDate(env);
        // The id does not depend on the date, so audit.json (which carries no date) stays byte-identical.
        String id = "FA-" + sha256(configurationSha256 + "|" + r.input().sha256()).substring(0, 16);
        DocumentControl d = new DocumentControl(id, date, Version.get(), configurationSha256, o.periodFrom(),
                o.periodTo(), o.scope(), o.logVerification(), DisclosureControl.decide(plain, o.suppressBelow()),
                o.changeRecord());
        return r.withDocument(d);
    }

    /** {@code SOURCE_DATE_EPOCH} when set, else now; whole seconds. */
    static Instant documentDate(Map<String, String> env) {
        String epoch = env.get(SOURCE_DATE_EPOCH);
        if (epoch != null && !epoch.isBlank()) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(SOURCE_DATE_EPOCH + " must be whole seconds since 1970, was '"
                        + epoch + "'");
            }
        }
        return Instant.ofEpochSecond(Instant.now().getEpochSecond());
    }

    /**
     * Writes the chosen formats into a folder, each atomically. The HTML and Markdown documents carry the SHA-256
     * of the {@code audit.json} written with them (when it is).
     *
     * @return the files written
     */
    public static java.util.List<Path> write(AuditResult r, Path dir, Set<Format> formats, Language language)
            throws IOException {
        java.util.List<Path> written = new java.util.ArrayList<>();
        String jsonSha = null;
        if (formats.contains(Format.JSON)) {
            // The text is made once: the file and the hash the other documents carry are of the same bytes.
            byte[] json = JsonAuditWriter.toBytes(r);
            written.add(writeAtomically(dir.resolve(Format.JSON.fileName()), json));
            jsonSha = sha256(json);
        }
        if (formats.contains(Format.HTML) || formats.contains(Format.MD)) {
            AuditDocument doc = new AuditDocumentBuilder().build(r, language, jsonSha);
            if (formats.contains(Format.HTML)) {
                written.add(writeAtomically(dir.resolve(Format.HTML.fileName()), HtmlDocumentWriter.render(doc)));
            }
            if (formats.contains(Format.MD)) {
                written.add(writeAtomically(dir.resolve(Format.MD.fileName()), MarkdownDocumentWriter.render(doc)));
            }
        }
        return written;
    }

    private static Path writeAtomically(Path file, String text) throws IOException {
        return writeAtomically(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static Path writeAtomically(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    /** Hex SHA-256 of a text's UTF-8 bytes. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hex SHA-256 of bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
