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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairaudit audit --config FILE}: the file stands for the options, the command line overrides it. */
class ConfigFileCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("fairaudit.root", ".."));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FairauditCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** 60 rows in a sub-folder: group A 20 rows (12 selected), B 40 rows (8 selected). */
    private Path decisions(Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder sb = new StringBuilder("id,group,sex,selected,found\n");
        for (int i = 0; i < 60; i++) {
            boolean selected = i < 12 || (i >= 20 && i < 28);
            sb.append(i).append(',').append(i < 20 ? "A" : "B").append(',').append(i % 2 == 0 ? "F" : "M")
                    .append(',').append(selected ? "yes" : "no").append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        }
        Path file = folder.resolve("decisions.csv");
        Files.writeString(file, sb);
        return file;
    }

    private static JsonNode auditJson(Path out) throws IOException {
        return JSON.readTree(out.resolve("audit.json").toFile());
    }

    @Test
    void yamlFileGivesTheSameAuditAsTheFlagsWithPathsRelativeToTheFile() throws IOException {
        Path jobs = dir.resolve("jobs");
        Path csv = decisions(jobs.resolve("data"));
        Path config = jobs.resolve("audit.yaml");
        Files.writeString(config, """
                input: data/decisions.csv
                protected: [group, sex]
                intersect:
                  - group,sex
                decision: selected=yes
                label: found=1
                favourable: not-selected
                reference: [group=B]
                min-group-size: 5
                suppress-below: 1
                format: json
                scope:
                  system: Test selection
                  owner: Audit team
                out: out
                """);
        Run fromFile = run("audit", "--config", config.toString());
        assertEquals(0, fromFile.exit(), fromFile.err());
        Path flagsOut = dir.resolve("flags-out");
        Run fromFlags = run("audit", "--input", csv.toString(), "--protected", "group,sex", "--intersect", "group,sex",
                "--decision", "selected=yes", "--label", "found=1", "--favourable", "not-selected",
                "--reference", "group=B", "--min-group-size", "5", "--suppress-below", "1", "--format", "json",
                "--scope", "system=Test selection", "--scope", "owner=Audit team", "--out", flagsOut.toString());
        assertEquals(0, fromFlags.exit(), fromFlags.err());

        // out: out was resolved against jobs/, not the working directory.
        JsonNode a = auditJson(jobs.resolve("out"));
        JsonNode b = auditJson(flagsOut);
        assertEquals(b.get("settings"), a.get("settings"));
        assertEquals(b.get("groups"), a.get("groups"));
        assertEquals(b.get("comparisons"), a.get("comparisons"));
        assertEquals("Test selection", a.at("/document/scope/system").asText());
        assertEquals("Audit team", a.at("/document/scope/owner").asText());
        assertEquals(5, a.at("/settings/minGroupSize").asInt());
        assertFalse(Files.exists(jobs.resolve("out").resolve("audit.html")), "format: json writes only JSON");
    }

    @Test
    void commandLineOverridesTheFile() throws IOException {
        decisions(dir.resolve("data"));
        Path config = dir.resolve("audit.json");
        Files.writeString(config, """
                {"input": "data/decisions.csv", "protected": ["group", "sex"], "decision": "selected=yes",
                 "min-group-size": 5, "format": ["json"], "out": "from-file"}
                """);
        Path out = dir.resolve("from-command-line");
        Run r = run("audit", "--config", config.toString(), "--min-group-size=7", "--protected", "group",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = auditJson(out);
        assertEquals(7, json.at("/settings/minGroupSize").asInt());
        // The command line's list replaces the file's, it does not extend it.
        assertEquals(List.of("group"), JSON.convertValue(json.at("/settings/protectedAttributes"), List.class));
        assertFalse(Files.exists(dir.resolve("from-file")));
    }

    @Test
    void unknownKeyNamesFileLineAndNearestKey() throws IOException {
        decisions(dir.resolve("data"));
        Path config = dir.resolve("audit.yaml");
        Files.writeString(config, """
                input: data/decisions.csv
                decision: selected=yes
                protectd: [group]
                out: out
                """);
        Run r = run("audit", "--config", config.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("audit.yaml, line 3, key 'protectd': unknown key; did you mean 'protected'?"),
                r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void camelCaseKeysAreRejectedWithTheKebabCaseName() throws IOException {
        Path config = dir.resolve("audit.yml");
        Files.writeString(config, "protected: group\nminGroupSize: 5\n");
        Run r = run("audit", "--config", config.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("line 2, key 'minGroupSize': unknown key; did you mean 'min-group-size'?"),
                r.err());
    }

    @Test
    void badShapesAndFilesAreOneLineErrors() throws IOException {
        Path listForScalar = dir.resolve("list.yaml");
        Files.writeString(listForScalar, "protected: group\nout: [a, b]\n");
        Path flagNotBoolean = dir.resolve("flag.yaml");
        Files.writeString(flagNotBoolean, "skip-bad-rows: yes please\n");
        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "");
        Path malformed = dir.resolve("bad.json");
        Files.writeString(malformed, "{\"protected\": \"group\",\n \"out\": }\n");
        Path notAMap = dir.resolve("list-top.yaml");
        Files.writeString(notAMap, "- protected\n");
        Path text = dir.resolve("audit.txt");
        Files.writeString(text, "protected: group\n");
        assertError(listForScalar, "line 2, key 'out': --out takes one value, found a list");
        assertError(flagNotBoolean, "line 1, key 'skip-bad-rows': --skip-bad-rows is a flag; expected true or false");
        assertError(empty, "empty.yaml: the configuration file is empty");
        assertError(malformed, "bad.json, line 2: not valid JSON");
        assertError(notAMap, "list-top.yaml, line 1: expected a map of option names to values");
        assertError(text, "audit.txt: a configuration file must end in .yaml, .yml or .json");
        assertError(dir.resolve("absent.yaml"), "absent.yaml: file not found");
    }

    @Test
    void aValueTheOptionRejectsNamesItsPlaceInTheFile() throws IOException {
        decisions(dir.resolve("data"));
        Path config = dir.resolve("audit.yaml");
        Files.writeString(config, """
                input: data/decisions.csv
                protected: group
                decision: selected=yes
                min-group-size: many
                out: out
                """);
        assertError(config, "audit.yaml, line 4, key 'min-group-size': Invalid value for option '--min-group-size':"
                + " 'many' is not an int");
    }

    private static void assertError(Path config, String expected) {
        Run r = run("audit", "--config", config.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void everyLongOptionOfAuditIsAKey() {
        // Generic mapping: a key for each long option, so options added later need no change in ConfigFile.
        var spec = FairauditCommand.commandLine().getSubcommands().get("audit").getCommandSpec();
        for (var option : spec.options()) {
            if (option.usageHelp() || option.versionHelp() || option.longestName().equals("--config")) {
                continue;
            }
            String key = ConfigFile.key(option);
            List<String> args = option.arity().max() == 0
                    ? ConfigFile.arguments(write(key + ": true\n"), spec, java.util.Set.of())
                    : ConfigFile.arguments(write(key + ": x\n"), spec, java.util.Set.of());
            assertEquals(option.longestName(), args.get(0), key);
        }
    }

    private Path write(String yaml) {
        try {
            Path f = Files.createTempFile(dir, "key", ".yaml");
            Files.writeString(f, yaml);
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theExampleInDocsBatchMdRuns() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/batch.md"));
        int start = lines.indexOf("```yaml");
        assertTrue(start >= 0, "docs/batch.md has a ```yaml block");
        int end = lines.subList(start + 1, lines.size()).indexOf("```") + start + 1;
        String yaml = String.join("\n", lines.subList(start + 1, end)) + "\n";
        // Placed as the page says: in the repository's root folder, next to examples/ (copied, not written into
        // the checkout), so that its relative paths resolve as they would for a reader.
        Files.createDirectories(dir.resolve("examples"));
        Files.copy(ROOT.resolve("examples/controls.csv"), dir.resolve("examples/controls.csv"));
        Path config = dir.resolve("audit.yaml");
        Files.writeString(config, yaml);
        Run r = run("audit", "--config", config.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = auditJson(dir.resolve("audit-out"));
        assertTrue(Files.exists(dir.resolve("audit-out/audit.md")));
        assertEquals("Audit team", json.at("/document/scope/owner").asText());
        assertEquals(2000, json.at("/input/rowsRead").asInt());
        assertTrue(json.has("proxies"), "features: [postcode_area] screens proxies");
    }
}
