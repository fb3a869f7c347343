package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's list of bad inputs, each through {@code fairaudit audit}: a clear one-line message on standard error
 * naming the file (and line and column where they apply), exit code 2, no stack trace, no hang.
 */
class BadInputCommandTest {

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

    private Run audit(Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("audit", "--input", input.toString(), "--protected", "group",
                "--decision", "selected=yes", "--format", "json", "--out", dir.resolve("out").toString()));
        args.addAll(Arrays.asList(extra));
        return run(args.toArray(String[]::new));
    }

    /** Exit 2 and exactly one line on standard error that contains every expected part. */
    private static void assertOneLineError(Run r, String... parts) {
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
        for (String part : parts) {
            assertTrue(r.err().contains(part), "expected '" + part + "' in: " + r.err());
        }
    }

    /** 40 good rows (20 per group) with one malformed row on line 5 and one on line 9. */
    private Path withMalformedRows() throws IOException {
        StringBuilder sb = new StringBuilder("id,group,selected\n");
        for (int i = 0; i < 40; i++) {
            sb.append(i).append(',').append(i % 2 == 0 ? "A" : "B").append(',').append(i % 3 == 0 ? "yes" : "no")
                    .append('\n');
            if (i == 2) {
                sb.append("x,A\n"); // line 5: two fields instead of three
            }
            if (i == 5) {
                sb.append("y,B,no,extra\n"); // line 9: four fields
            }
        }
        Path file = dir.resolve("decisions.csv");
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void malformedRowStopsWithFileAndLine() throws IOException {
        Run r = audit(withMalformedRows());
        assertOneLineError(r, "decisions.csv, line 5: expected 3 fields as in the header, found 2");
        assertFalse(Files.exists(dir.resolve("out/audit.json")));
    }

    @Test
    void skipBadRowsPutsCountAndExamplesIntoAuditJson() throws IOException {
        Run r = audit(withMalformedRows(), "--skip-bad-rows");
        assertEquals(0, r.exit(), r.err());
        JsonNode input = JSON.readTree(dir.resolve("out/audit.json").toFile()).get("input");
        assertEquals(42, input.get("rowsRead").asInt());
        assertEquals(2, input.get("rowsSkipped").asInt());
        assertEquals(40, input.get("rowsUsed").asInt());
        JsonNode examples = input.get("badRowExamples");
        assertEquals(2, examples.size());
        assertEquals(5, examples.get(0).get("line").asInt());
        assertEquals(9, examples.get(1).get("line").asInt());
        assertTrue(examples.get(0).toString().contains("found 2"), examples.toString());
    }

    @Test
    void unknownColumnSuggestsTheNearest() throws IOException {
        Run r = run("audit", "--input", withMalformedRows().toString(), "--protected", "grop", "--decision",
                "selected=yes", "--out", dir.resolve("out").toString());
        assertOneLineError(r, "decisions.csv, line 1, column 'grop': no column 'grop'; did you mean 'group'?");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = dir.resolve("empty.csv");
        Files.writeString(file, "");
        assertOneLineError(audit(file), "empty.csv: the file is empty; expected a header line");
        Path jsonl = dir.resolve("empty.jsonl");
        Files.writeString(jsonl, "");
        assertOneLineError(audit(jsonl), "empty.jsonl: the file has no records");
    }

    @Test
    void headerOnly() throws IOException {
        Path file = dir.resolve("header.csv");
        Files.writeString(file, "id,group,selected\n");
        assertOneLineError(audit(file), "header.csv: no usable rows (read 0, skipped 0)");
    }

    @Test
    void protectedAttributeWithOneValueIsAClearWarning() throws IOException {
        StringBuilder sb = new StringBuilder("id,group,selected\n");
        for (int i = 0; i < 50; i++) {
            sb.append(i).append(",A,").append(i % 4 == 0 ? "yes" : "no").append('\n');
        }
        Path file = dir.resolve("one.csv");
        Files.writeString(file, sb);
        Run r = audit(file);
        assertEquals(0, r.exit(), r.err());
        String warning = "'group' has one value ('A'): everyone is in one group, so no group can be compared";
        assertTrue(r.out().contains(warning), r.out());
        JsonNode json = JSON.readTree(dir.resolve("out/audit.json").toFile());
        assertTrue(json.at("/input/warnings").toString().contains(warning), json.toString());
    }

    @Test
    void protectedAttributeWithThousandsOfValuesStopsEarly() throws IOException {
        StringBuilder sb = new StringBuilder("id,group,selected\n");
        for (int i = 0; i < 5000; i++) {
            sb.append(i).append(",g").append(i).append(',').append(i % 4 == 0 ? "yes" : "no").append('\n');
        }
        Path file = dir.resolve("many.csv");
        Files.writeString(file, sb);
        // Checked per chunk (65,536 rows), so this 5,000-row file is refused after its one chunk.
        assertOneLineError(audit(file), "many.csv, column 'group': more than 1,000 distinct values within the first "
                + "5,000 rows ('g0', 'g1', 'g2', ...)");
        // At the limit is fine: 1,000 groups of 5 rows each, plus missing values (not counted as a value).
        StringBuilder atLimit = new StringBuilder("id,group,selected\n");
        for (int i = 0; i < 5000; i++) {
            atLimit.append(i).append(",g").append(i % 1000).append(',').append(i % 4 == 0 ? "yes" : "no").append('\n');
        }
        atLimit.append("5000,,no\n");
        Path limit = dir.resolve("limit.csv");
        Files.writeString(limit, atLimit);
        Run ok = audit(limit, "--min-group-size", "5");
        assertEquals(0, ok.exit(), ok.err());
    }

    @Test
    void nonUtf8BytesNameTheLine() throws IOException {
        byte[] latin1 = "id,group,selected\n1,A,yes\n2,Bé,no\n".getBytes(StandardCharsets.ISO_8859_1);
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, latin1);
        assertOneLineError(audit(csv), "latin1.csv, line 3: the file is not valid UTF-8");
        byte[] jsonl = "{\"group\":\"A\",\"selected\":\"yes\"}\n{\"group\":\"Bé\",\"selected\":\"no\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path json = dir.resolve("latin1.jsonl");
        Files.write(json, jsonl);
        assertOneLineError(audit(json), "latin1.jsonl, line 2: the file is not valid UTF-8");
    }

    @Test
    void aTwoGigabyteLineStopsAtTheRecordLimitWithoutReadingIt() throws Exception {
        for (String name : new String[] {"huge.csv", "huge.jsonl"}) {
            Path fifo = dir.resolve(name);
            Process mkfifo;
            try {
                mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
            } catch (IOException e) {
                Assumptions.abort("needs mkfifo to stream a generated 2 GB line: " + e.getMessage());
                return;
            }
            Assumptions.assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0,
                    "needs mkfifo to stream a generated 2 GB line");
            // A writer generates the line: a header (CSV) or an opening record (JSON Lines), then 2 GiB of 'x'
            // without a line break; it stops when the reader closes the pipe.
            long[] written = {0};
            Thread writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    out.write((name.endsWith(".csv") ? "id,group,selected\n1,A," : "{\"group\":\"")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] block = new byte[1 << 20];
                    Arrays.fill(block, (byte) 'x');
                    for (int i = 0; i < 2048; i++) {
                        out.write(block);
                        written[0] += block.length;
                    }
                } catch (IOException e) {
                    // the reader stopped and closed the pipe: expected
                }
            });
            writer.setDaemon(true);
            writer.start();
            Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> audit(fifo));
            int line = name.endsWith(".csv") ? 2 : 1;
            assertOneLineError(r, name + ", line " + line + ": a", "longer than 16 MiB");
            writer.join(10_000);
            assertTrue(written[0] < 1L << 30, "read far less than the 2 GiB line: " + written[0]);
        }
    }
}
