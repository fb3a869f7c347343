package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.LogOptions;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.core.log.VerificationReport;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.DecisionModel;
import dev.fairaudit.core.model.Pseudonymizer;
import dev.fairaudit.core.model.RandomControlSampler;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.report.JsonAuditWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java example in the README runs, finds the disparity built into the example data, and is the same
 * code as the README shows (the README block must equal the marked block below).
 */
class ReadmeExampleTest {

    private static final Path ROOT = Path.of(System.getProperty("fairaudit.root", "."));

    @Test
    void readmeExampleRunsAndFindsTheBuiltInDisparity() throws IOException {
        assertTrue(Files.isRegularFile(ROOT.resolve("examples/controls.csv")), "examples/controls.csv exists");
        Path out = Files.createTempDirectory("readme-example");
        ComparisonResult c = example(ROOT.resolve("examples/controls.csv"), out.resolve("audit.json"));
        // controls.csv is generated so that residents with a migration background are selected more often
        // (see examples/make_controls.py): 19.9% against 13.8% in the committed file.
        assertTrue(c.ratio().value() > 1.25, "ratio " + c.ratio());
        assertEquals(FourFifthsCheck.Verdict.FAIL, c.fourFifths().verdict());
        assertEquals("group", c.fourFifths().disadvantaged());
        assertTrue(Files.size(out.resolve("audit.json")) > 1000);
    }

    private static ComparisonResult example(Path csv, Path json) throws IOException {
        // README-BEGIN
        TableSpec spec = TableSpec.builder()
                .protectedAttributes("gender", "migration_background")
                .decision("selected=yes")   // positive = selected for a control
                .label("violation=1")       // known only for controlled cases; empty = unknown
                .build();
        DecisionTable table = TableReader.read(csv, spec);
        AuditResult result = new GroupAudit(AuditSettings.builder()
                .favourable(Favourable.NOT_SELECTED)   // being controlled is adverse
                .intersect("gender", "migration_background")
                .build()).run(table);
        ComparisonResult c = result.comparison(new GroupKey(Map.of("migration_background", "yes")),
                Metric.SELECTION_RATE).orElseThrow();
        System.out.println(c.ratio().value() + " " + c.fourFifths().verdict());   // 1.44 FAIL
        JsonAuditWriter.write(result, json);
        // README-END
        return c;
    }

    /** An application for a benefit; the profile under audit selects by area. */
    record Application(String citizenId, String area, String household) {
    }

    @Test
    void readmeLogExampleWrapsAModelAndWritesAVerifiableLog() throws Exception {
        Path logDir = Files.createTempDirectory("readme-log");
        byte[] logKey = new byte[32];
        byte[] pseudonymKey = new byte[32];
        Arrays.fill(logKey, (byte) 1);
        Arrays.fill(pseudonymKey, (byte) 2);
        DecisionModel<Application, Boolean> profile = a -> a.area().equals("B");
        Application application = new Application("123456789", "B", "single");
        boolean selected = logExample(logDir, logKey, pseudonymKey, profile, application);
        VerificationReport report = LogVerifier.verify(logDir, logKey);
        assertTrue(report.ok(), report.summary());
        List<LogRecord> decisions;
        try (var records = LogReader.read(logDir)) {
            decisions = records.filter(r -> r.type() == RecordType.DECISION).toList();
        }
        assertEquals(1, decisions.size());
        JsonNode d = decisions.get(0).payload();
        assertEquals(selected, d.get("decision").booleanValue(), "the log holds the decision that was returned");
        if (d.get("route").asText().equals("PROFILE")) {
            assertTrue(selected, "the profile selects area B");
        } else {
            assertEquals(2026, d.get("random").get("seed").asLong(), "a random-arm case records the seed");
        }
        assertTrue(!d.toString().contains("123456789"), "the citizen id is pseudonymised");
    }

    private static boolean logExample(Path logDir, byte[] logKey, byte[] pseudonymKey,
            DecisionModel<Application, Boolean> profile, Application application) throws Exception {
        // README-LOG-BEGIN
        try (DecisionLog log = DecisionLog.open(logDir, LogOptions.builder().hmacKey(logKey).build())) {
            AuditedModel<Application, Boolean> audited = AuditedModel.builder(profile)
                    .modelId("fraud-profile").modelVersion("2.3")
                    .features(a -> Map.of("area", a.area(), "household", a.household()))
                    .decision(selected -> selected)
                    .subject(Application::citizenId).pseudonymizer(new Pseudonymizer(pseudonymKey))
                    .randomControls(RandomControlSampler.of(2026, 0.05, 0.5), drawn -> drawn)
                    .sink(log).failClosed(true)
                    .build();
            return audited.decide(application);   // same interface as the model; the decision is logged
        }
        // README-LOG-END
    }

    @Test
    void readmeShowsExactlyTheTestedExamples() throws IOException {
        List<String> source = Files.readAllLines(ROOT.resolve(
                "fairness-cli/src/test/java/dev/fairaudit/cli/ReadmeExampleTest.java"));
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        List<List<String>> shown = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("```java")) {
                int end = i + 1;
                while (!readme.get(end).startsWith("```")) {
                    end++;
                }
                shown.add(strip(readme.subList(i + 1, end)).stream()
                        .filter(l -> !l.startsWith("import ") && !l.isEmpty()).toList());
                i = end;
            }
        }
        assertEquals(2, shown.size(), "the README has two Java examples");
        assertEquals(block(source, "README"), shown.get(0), "the README's first Java example differs");
        assertEquals(block(source, "README-LOG"), shown.get(1), "the README's log example differs");
    }

    private static List<String> block(List<String> source, String marker) {
        return strip(source.subList(indexOf(source, "// " + marker + "-BEGIN") + 1,
                indexOf(source, "// " + marker + "-END")));
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " not found");
    }

    private static List<String> strip(List<String> lines) {
        return lines.stream().map(String::trim).toList();
    }
}
