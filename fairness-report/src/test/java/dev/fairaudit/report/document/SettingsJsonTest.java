package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.report.JsonAuditWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document's configuration hash covers the {@code settings} object of audit.json; {@link AuditDocuments#prepare}
 * makes that object alone ({@link JsonAuditWriter#settingsJson}) instead of the whole document. Both must give the
 * same text, for plain results and for results with every analysis, before and after document control is added.
 */
class SettingsJsonTest {

    @TempDir
    Path dir;

    @Test
    void settingsAloneEqualTheSettingsOfTheWholeDocument() {
        for (AuditResult r : new AuditResult[] {Fixture.result(dir), Fixture.prepared(dir, Map.of("owner", "x")),
                AnalysesFixture.result(), AnalysesFixture.prepared()}) {
            String whole = JsonAuditWriter.toJson(r).get("settings").toString();
            assertNotNull(whole);
            assertEquals(whole, JsonAuditWriter.settingsJson(r).toString());
            assertEquals(whole, JsonAuditWriter.settingsJson(r.withDocument(null)).toString());
        }
    }
}
