package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.report.JsonAuditWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditDocumentTest {

    @TempDir
    Path dir;

    private static final Map<String, String> SCOPE = Map.of("system", "Controle uitwonendenbeurs <v2>",
            "purpose", "Select students for a home visit");

    @Test
    void writesTheThreeFilesAndTheDocumentsCarryTheJsonHash() throws IOException {
        AuditResult r = Fixture.prepared(dir, SCOPE);
        Path out = dir.resolve("out");
        AuditDocuments.write(r, out, EnumSet.allOf(AuditDocuments.Format.class), Language.EN);
        String sha = AuditDocuments.sha256(Files.readString(out.resolve("audit.json")));
        assertTrue(Files.readString(out.resolve("audit.html")).contains(sha));
        assertTrue(Files.readString(out.resolve("audit.md")).contains(sha));
    }

    @Test
    void sameResultGivesTheSameBytes() {
        AuditResult r = Fixture.prepared(dir, SCOPE);
        AuditDocument a = new AuditDocumentBuilder().build(r, Language.NL, "x");
        AuditDocument b = new AuditDocumentBuilder().build(Fixture.prepared(dir, SCOPE), Language.NL, "x");
        assertEquals(HtmlDocumentWriter.render(a), HtmlDocumentWriter.render(b));
        assertEquals(MarkdownDocumentWriter.render(a), MarkdownDocumentWriter.render(b));
        assertEquals(JsonAuditWriter.toText(r), JsonAuditWriter.toText(Fixture.prepared(dir, SCOPE)));
    }

    @Test
    void aGroupNamedScriptStaysText() {
        AuditResult r = Fixture.prepared(dir, SCOPE);
        AuditDocument d = new AuditDocumentBuilder().build(r, Language.EN, null);
        String html = HtmlDocumentWriter.render(d);
        assertFalse(html.contains("<script"), "no script element");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("Controle uitwonendenbeurs &lt;v2&gt;"), "scope text escaped");
        assertFalse(html.contains("<v2>"));
        String md = MarkdownDocumentWriter.render(d);
        assertTrue(md.contains("\\<script\\>alert(1)\\</script\\>"), "escaped in Markdown");
        assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)<script").matcher(md).find(), "no raw <script");
        assertEquals("a\\*b\\_c\\|d\\[e\\]\\`f\\&g", MarkdownDocumentWriter.esc("a*b_c|d[e]`f&g"));
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", HtmlDocumentWriter.esc(
                "<a href=\"x\" title='y'>&"));
    }

    @Test
    void languageSwitchChangesTextsAndNumberFormat() {
        AuditResult r = Fixture.prepared(dir, SCOPE);
        String en = HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, null));
        String nl = HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.NL, null));
        assertTrue(en.contains("<html lang=\"en\">") && en.contains(">Summary<") && en.contains(">Methods<"));
        assertTrue(nl.contains("<html lang=\"nl\">") && nl.contains(">Samenvatting<") && nl.contains(">Werkwijze<"));
        assertFalse(nl.contains(">Summary<"));
        // Dutch: 10% of 300 Dutch selected is written 10,0%; English 10.0%.
        assertTrue(nl.contains("10,0%") && !nl.contains("10.0%"), "decimal comma in Dutch");
        assertTrue(en.contains("10.0%") && !en.contains("10,0%"), "decimal point in English");
    }

    @Test
    void everyTextExistsInBothLanguages() throws IOException {
        java.util.Properties en = new java.util.Properties();
        java.util.Properties nl = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/dev/fairaudit/report/document/texts.properties");
             var b = getClass().getResourceAsStream("/dev/fairaudit/report/document/texts_nl.properties")) {
            en.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            nl.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(new java.util.TreeSet<>(en.stringPropertyNames()), new java.util.TreeSet<>(nl.stringPropertyNames()));
        assertNotEquals(en.getProperty("summary.title"), nl.getProperty("summary.title"));
    }

    @Test
    void sectionsForAbsentPartsAreLeftOut() {
        AuditResult withScope = Fixture.prepared(dir, SCOPE);
        AuditResult noScope = Fixture.prepared(dir, Map.of());
        String a = HtmlDocumentWriter.render(new AuditDocumentBuilder().build(withScope, Language.EN, null));
        String b = HtmlDocumentWriter.render(new AuditDocumentBuilder().build(noScope, Language.EN, null));
        assertTrue(a.contains("<section id=\"scope\""));
        assertFalse(b.contains("<section id=\"scope\""), "no scope given: no scope section");
        assertFalse(a.contains("log-verification"), "CSV input: no decision-log verification");
        assertFalse(a.contains("SHA-256 of audit.json"), "no JSON written: no JSON hash");
        // A result without document control still renders; nothing is withheld then.
        String plain = MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(Fixture.result(dir),
                Language.EN, null));
        assertFalse(plain.contains("withheld"));
        assertTrue(plain.contains("alert(1)"));
    }

    @Test
    void sourceDateEpochSetsTheDate() {
        assertEquals(java.time.Instant.ofEpochSecond(1_700_000_000L),
                AuditDocuments.documentDate(Map.of("SOURCE_DATE_EPOCH", "1700000000")));
        AuditResult r = AuditDocuments.prepare(Fixture.result(dir), DocumentOptions.defaults(),
                Map.of("SOURCE_DATE_EPOCH", "1700000000"));
        assertEquals("2023-11-14T22:13:20Z", r.document().generatedAt().toString());
    }

    @Test
    void publishedJsonMarksWithheldCells() throws IOException {
        JsonNode json = new ObjectMapper().readTree(JsonAuditWriter.toText(Fixture.prepared(dir, Map.of())));
        for (JsonNode g : json.get("groups")) {
            if (g.get("attributes").path("origin").asText().startsWith("<script>")
                    && g.get("attributes").size() == 1) {
                assertTrue(g.get("rows").isNull(), "6 rows: withheld");
                assertEquals("SUPPRESSED", g.get("selectionRate").get("status").asText());
                assertTrue(g.get("selectionRate").get("numerator").isNull());
                assertTrue(g.get("counts").get("truePositive").isNull());
            }
        }
        assertTrue(json.get("document").get("disclosure").get("primarySuppressed").asInt() > 0);
    }
}
