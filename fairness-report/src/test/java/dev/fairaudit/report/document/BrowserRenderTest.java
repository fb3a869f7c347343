package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairaudit.metrics.AuditResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders audit.html in a real browser (headless Chromium) to a PNG screenshot (desktop and phone width) and a
 * PDF under {@code target/browser/}, failing if rendering fails. Skipped only when Chromium is absent and this is
 * not CI ({@code CI=true}, which {@code .ci/run} sets and which installs Chromium); on CI a missing browser fails.
 */
class BrowserRenderTest {

    @TempDir
    Path dir;

    @Test
    void htmlRendersToScreenshotAndPdf() throws IOException, InterruptedException {
        String browser = findBrowser();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (browser == null) {
            if (ci) {
                fail("CI=true but no chromium on PATH: .ci/run should have installed it");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium); not CI, so skipped");
        }
        AuditResult r = Fixture.prepared(dir, Map.of("system", "Controle uitwonendenbeurs"));
        Path out = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(out);
        AuditDocuments.write(r, out, EnumSet.allOf(AuditDocuments.Format.class), Language.NL);
        String url = out.resolve("audit.html").toUri().toString();
        run(browser, out, "--screenshot=" + out.resolve("audit.png"), "--window-size=1200,3000", url);
        run(browser, out, "--screenshot=" + out.resolve("audit-phone.png"), "--window-size=412,2400", url);
        run(browser, out, "--print-to-pdf=" + out.resolve("audit.pdf"), "--no-pdf-header-footer", url);
        for (String f : List.of("audit.png", "audit-phone.png", "audit.pdf")) {
            assertTrue(Files.size(out.resolve(f)) > 10_000, f + " is not empty");
        }
        byte[] png = Files.readAllBytes(out.resolve("audit.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("%PDF", new String(Files.readAllBytes(out.resolve("audit.pdf")), 0, 4,
                java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The sections of the further analyses and the change record (English), as screenshots to look at. */
    @Test
    void analysisSectionsRenderToScreenshots() throws IOException, InterruptedException {
        String browser = findBrowser();
        if (browser == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but no chromium on PATH: .ci/run should have installed it");
            }
            Assumptions.abort("chromium is not installed (apt-get install chromium); not CI, so skipped");
        }
        Path out = Path.of("target/browser/analyses").toAbsolutePath();
        Files.createDirectories(out);
        AuditResult r = AnalysesFixture.prepared();
        // One page per section, so that each screenshot shows a whole section at a readable size.
        Map<String, DocumentSection> sections = new java.util.LinkedHashMap<>();
        sections.put("proxies", new ProxySection());
        sections.put("scores-trends", new ScoresTrendsSection());
        sections.put("change-record", new ChangeRecordSection());
        for (Map.Entry<String, DocumentSection> e : sections.entrySet()) {
            Path html = out.resolve(e.getKey() + ".html");
            Files.writeString(html, HtmlDocumentWriter.render(new AuditDocumentBuilder(List.of(e.getValue()))
                    .build(r, Language.EN, null)), java.nio.charset.StandardCharsets.UTF_8);
            String height = e.getKey().equals("scores-trends") ? "5200" : "2000";
            run(browser, out, "--screenshot=" + out.resolve(e.getKey() + ".png"), "--window-size=1200," + height,
                    html.toUri().toString());
            run(browser, out, "--screenshot=" + out.resolve(e.getKey() + "-phone.png"), "--window-size=412,"
                    + height, html.toUri().toString());
            assertTrue(Files.size(out.resolve(e.getKey() + ".png")) > 10_000, e.getKey() + " is not empty");
        }
    }

    private static void run(String browser, Path out, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + out.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 120 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + cmd + "\n" + Files.readString(out.resolve("chromium.log")));
    }

    private static String findBrowser() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                File f = new File(dirName, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }
}
