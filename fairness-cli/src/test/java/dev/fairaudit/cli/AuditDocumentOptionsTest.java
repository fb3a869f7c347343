package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The document options of {@code fairaudit audit}: --format, --lang, --suppress-below, --scope. */
class AuditDocumentOptionsTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FairauditCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** 60 rows: group A 20 rows (12 selected), group B 35 rows (8 selected), group C 5 rows (1 selected). */
    private Path decisions() throws IOException {
        StringBuilder sb = new StringBuilder("group,selected\n");
        for (int i = 0; i < 60; i++) {
            String group = i < 20 ? "A" : i < 55 ? "B" : "C";
            boolean selected = i < 12 || (i >= 20 && i < 28) || i == 55;
            sb.append(group).append(',').append(selected ? "yes" : "no").append('\n');
        }
        Path file = dir.resolve("decisions.csv");
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void writesAllThreeFilesByDefault() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("audit", "--input", decisions().toString(), "--protected", "group", "--decision", "selected=yes",
                "--scope", "system=Test <system>", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        for (String f : new String[] {"audit.json", "audit.html", "audit.md"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String html = Files.readString(out.resolve("audit.html"));
        assertTrue(html.contains("<html lang=\"en\">") && html.contains("Test &lt;system&gt;"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        // Group C has 5 rows: withheld by default, and another group with it (secondary).
        assertEquals(10, json.get("document").get("disclosure").get("threshold").asInt());
        assertTrue(json.get("document").get("disclosure").get("secondarySuppressed").asInt() >= 1);
    }

    @Test
    void theTerminalSummaryWithholdsWhatTheDocumentsWithhold() throws IOException {
        Run r = run("audit", "--input", decisions().toString(), "--protected", "group", "--decision", "selected=yes",
                "--out", dir.resolve("out").toString());
        assertEquals(0, r.exit(), r.err());
        String c = line(r.out(), "  C ");
        // C: 5 rows, 1 selected (rate 0.200): its size and everything else is withheld.
        assertTrue(c.contains("withheld") && !c.contains("0.200") && !c.contains(" 5 "), c);
        // The warning that names small groups with their sizes is withheld too.
        assertFalse(r.out().contains("(5)"), r.out());
        // A (12 of 20) and B (8 of 35) are shown unless secondary suppression took one; with C withheld, one of
        // them must be withheld as well (C = total - A - B otherwise).
        long withheldGroups = r.out().lines().filter(l -> l.matches("  [ABC] .*withheld.*")).count();
        assertTrue(withheldGroups >= 2, r.out());
        Run open = run("audit", "--input", decisions().toString(), "--protected", "group", "--decision",
                "selected=yes", "--suppress-below", "1", "--out", dir.resolve("open").toString());
        assertTrue(line(open.out(), "  C ").contains("0.200 ["), open.out());
        assertTrue(open.out().contains("group=C (5)"), open.out());
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow(
                () -> new AssertionError("no line with " + containing + " in\n" + text));
    }

    @Test
    void formatAndLanguageChooseWhatIsWritten() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("audit", "--input", decisions().toString(), "--protected", "group", "--decision", "selected=yes",
                "--format", "html", "--lang", "nl", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("audit.html")).contains("<html lang=\"nl\">"));
        assertFalse(Files.exists(out.resolve("audit.json")));
        assertFalse(Files.exists(out.resolve("audit.md")));
    }

    @Test
    void suppressBelowOneShowsEverything() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("audit", "--input", decisions().toString(), "--protected", "group", "--decision",
                "selected=yes", "--suppress-below", "1", "--out", out.toString()).exit());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertFalse(json.get("document").get("disclosure").get("enabled").asBoolean());
        assertTrue(Files.readString(out.resolve("audit.md")).contains("Do not publish this document"));
    }

    @Test
    void badDocumentOptionsAreUsageErrors() throws IOException {
        Path input = decisions();
        for (String[] bad : new String[][] {{"--lang", "de"}, {"--format", "pdf"}, {"--suppress-below", "-1"},
                {"--scope", "no-equals-sign"}}) {
            Run r = run("audit", "--input", input.toString(), "--protected", "group", "--decision", "selected=yes",
                    bad[0], bad[1], "--out", dir.resolve("bad").toString());
            assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit(), String.join(" ", bad) + ": " + r.err());
            assertFalse(Files.exists(dir.resolve("bad/audit.json")));
        }
    }
}
