package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.report.JsonAuditWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three formats of the fixed dataset, byte for byte. The golden files were reviewed by eye (see
 * docs/audit-document.md); to regenerate after a deliberate change run with {@code -Dfairaudit.regenerateGolden=true}
 * and review the diff before committing.
 */
class GoldenDocumentTest {

    @TempDir
    Path dir;

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @Test
    void documentsMatchTheReviewedGoldenFiles() throws IOException {
        AuditResult r = Fixture.prepared(dir, Map.of("system", "Controle uitwonendenbeurs",
                "purpose", "Select students for a home visit"));
        String json = JsonAuditWriter.toText(r);
        String sha = AuditDocuments.sha256(json);
        check("audit.json", json);
        check("audit.html", HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, sha)));
        check("audit.md", MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, sha)));
        check("audit.nl.md", MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.NL, sha)));
    }

    /** The sections of the proxy, score, outcome and trend analyses and the change record, on their own dataset. */
    @Test
    void analysisSectionsMatchTheReviewedGoldenFiles() throws IOException {
        AuditResult r = AnalysesFixture.prepared();
        String json = JsonAuditWriter.toText(r);
        String sha = AuditDocuments.sha256(json);
        check("analyses.json", json);
        check("analyses.html", HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, sha)));
        check("analyses.md", MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, sha)));
        check("analyses.nl.md", MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.NL, sha)));
    }

    private static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("fairaudit.regenerateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, name);
    }
}
