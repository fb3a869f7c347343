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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code fairaudit audit} command end to end: a CSV file in, audit.json out, errors as exit code 2. */
class AuditCommandTest {

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

    /** 60 rows: group A 20 rows (12 selected), group B 40 rows (8 selected); labels known for all. */
    private Path decisions() throws IOException {
        StringBuilder sb = new StringBuilder("id,group,sex,selected,found\n");
        for (int i = 0; i < 60; i++) {
            String group = i < 20 ? "A" : "B";
            boolean selected = i < 12 || (i >= 20 && i < 28);
            sb.append(i).append(',').append(group).append(',').append(i % 2 == 0 ? "F" : "M").append(',')
                    .append(selected ? "yes" : "no").append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("decisions.csv");
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void writesAuditJsonAndASummary() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("audit", "--input", decisions().toString(), "--protected", "group,sex", "--intersect",
                "group,sex", "--decision", "selected=yes", "--label", "found=1", "--favourable", "not-selected",
                "--reference", "group=B", "--min-group-size", "5", "--out", out.toString(),
                // This test checks the computed values, some of which rest on counts below 10.
                "--suppress-below", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("group (reference: group=B, explicit)"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals("1.0", json.get("schemaVersion").asText());
        assertEquals("decisions.csv", json.get("input").get("file").asText());
        assertEquals(60, json.get("input").get("rowsRead").asInt());
        assertEquals(64, json.get("input").get("sha256").asText().length());
        assertEquals("not-selected", json.get("settings").get("favourable").asText());
        assertEquals(30, json.get("settings").get("fourFifthsThreshold").asDouble() * 37.5, 1e-9);
        // group A: 12 of 20 selected = 0.6; B: 8 of 40 = 0.2; ratio 3
        JsonNode a = find(json.get("groups"), Map.of("group", "A"));
        assertEquals(0.6, a.get("selectionRate").get("value").asDouble(), 1e-12);
        assertEquals(12, a.get("selectionRate").get("numerator").asDouble(), 0);
        JsonNode ca = null;
        for (JsonNode c : json.get("comparisons")) {
            if (c.get("attributes").equals(new ObjectMapper().valueToTree(Map.of("group", "A")))
                    && c.get("metric").asText().equals("selectionRate")) {
                ca = c;
            }
        }
        assertEquals(3.0, ca.get("ratio").get("value").asDouble(), 1e-12);
        assertEquals("FAIL", ca.get("fourFifths").get("verdict").asText());
        assertEquals("group", ca.get("fourFifths").get("disadvantaged").asText());
        JsonNode overall = find(json.get("groups"), Map.of());
        assertEquals(60, overall.get("rows").asInt());
        for (String key : List.of("selectionRate", "baseRate", "truePositiveRate", "falsePositiveRate",
                "falseNegativeRate", "trueNegativeRate", "positivePredictiveValue", "negativePredictiveValue",
                "falseDiscoveryRate", "falseOmissionRate", "accuracy")) {
            JsonNode m = overall.get(key);
            for (String field : List.of("value", "status", "numerator", "denominator", "ci95")) {
                assertTrue(m.has(field), key + "." + field);
            }
        }
    }

    private static JsonNode find(JsonNode groups, Map<String, String> attributes) {
        JsonNode want = new ObjectMapper().valueToTree(attributes);
        for (JsonNode g : groups) {
            if (g.get("attributes").equals(want)) {
                return g;
            }
        }
        throw new AssertionError("no group " + attributes);
    }

    @Test
    void sameInputGivesTheSameBytes() throws IOException {
        Path input = decisions();
        assertEquals(0, run("audit", "--input", input.toString(), "--protected", "group", "--decision",
                "selected=yes", "--out", dir.resolve("one").toString()).exit());
        assertEquals(0, run("audit", "--input", input.toString(), "--protected", "group", "--decision",
                "selected=yes", "--out", dir.resolve("two").toString()).exit());
        assertEquals(Files.readString(dir.resolve("one/audit.json")), Files.readString(dir.resolve("two/audit.json")));
    }

    @Test
    void unknownColumnIsAnInputErrorThatSuggestsTheNearestName() throws IOException {
        Run r = run("audit", "--input", decisions().toString(), "--protected", "gruop", "--decision", "selected=yes",
                "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("no column 'gruop'") && r.err().contains("did you mean 'group'"), r.err());
        assertFalse(Files.exists(dir.resolve("out/audit.json")));
    }

    @Test
    void badRowStopsWithItsLineUnlessSkipped() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "group,score\nA,1\nB,not-a-number\nA,7\n");
        Run stop = run("audit", "--input", file.toString(), "--protected", "group", "--decision", "score>=5",
                "--out", dir.resolve("out").toString());
        assertEquals(2, stop.exit());
        assertTrue(stop.err().contains("bad.csv, line 3, column 'score'") && stop.err().contains("not-a-number"),
                stop.err());
        Run skip = run("audit", "--input", file.toString(), "--protected", "group", "--decision", "score>=5",
                "--skip-bad-rows", "--out", dir.resolve("out").toString());
        assertEquals(0, skip.exit(), skip.err());
        JsonNode input = new ObjectMapper().readTree(dir.resolve("out/audit.json").toFile()).get("input");
        assertEquals(3, input.get("rowsRead").asInt());
        assertEquals(1, input.get("rowsSkipped").asInt());
        assertEquals(3, input.get("badRowExamples").get(0).get("line").asInt());
    }

    @Test
    void usageErrorsExitWithTwoAndNameTheProblem() throws IOException {
        Run missing = run("audit", "--protected", "group", "--decision", "x=1", "--out", dir.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--input"), missing.err());
        Run spec = run("audit", "--input", decisions().toString(), "--protected", "group", "--decision", "selected",
                "--out", dir.toString());
        assertEquals(2, spec.exit());
        assertTrue(spec.err().contains("'selected'"), spec.err());
        Run noFile = run("audit", "--input", dir.resolve("nope.csv").toString(), "--protected", "group",
                "--decision", "x=1", "--out", dir.toString());
        assertEquals(2, noFile.exit());
        assertTrue(noFile.err().contains("file not found"), noFile.err());
        Run strategy = run("audit", "--input", decisions().toString(), "--protected", "group", "--decision",
                "selected=yes", "--reference-strategy", "smallest", "--out", dir.toString());
        assertEquals(2, strategy.exit());
        assertTrue(strategy.err().contains("largest, most-favourable, overall"), strategy.err());
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Exit codes") && r.out().contains("usage or input error"), r.out());
    }

    @Test
    void everyKeyOfAuditJsonIsDocumentedInTheSchema() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("audit", "--input", decisions().toString(), "--protected", "group,sex", "--intersect",
                "group,sex", "--decision", "selected=yes", "--label", "found=1", "--out", out.toString()).exit());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals(List.of(), AuditJsonKeys.undocumented(json), "keys of audit.json missing from docs/audit-json.md");
    }

}
