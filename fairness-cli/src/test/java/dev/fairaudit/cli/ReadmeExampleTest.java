package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void readmeShowsExactlyTheTestedExample() throws IOException {
        List<String> source = Files.readAllLines(ROOT.resolve(
                "fairness-cli/src/test/java/dev/fairaudit/cli/ReadmeExampleTest.java"));
        List<String> tested = strip(source.subList(indexOf(source, "// README-BEGIN") + 1,
                indexOf(source, "// README-END")));
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        int start = indexOf(readme, "```java") + 1;
        int end = start;
        while (!readme.get(end).startsWith("```")) {
            end++;
        }
        List<String> shown = strip(readme.subList(start, end)).stream()
                .filter(l -> !l.startsWith("import ") && !l.isEmpty()).toList();
        assertEquals(tested, shown, "the README's Java example differs from ReadmeExampleTest");
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
