package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress line: its figures, at most once a second, and nothing when standard error is not a terminal. */
class ProgressDisplayTest {

    @TempDir
    Path dir;

    @Test
    void showsRowsRateBytesAndTimeLeftAtMostOnceASecond() {
        StringWriter text = new StringWriter();
        long[] now = {5_000_000_000L};
        ProgressDisplay p = new ProgressDisplay(new PrintWriter(text), "d.csv", 200_000_000L, () -> now[0]);
        now[0] += 500_000_000L;
        p.update(250_000, 12_500_000);
        assertEquals("", text.toString(), "nothing in the first second");
        now[0] += 1_500_000_000L; // 2 s in
        p.update(1_000_000, 50_000_000);
        // By hand: 1,000,000 rows / 2 s = 500,000 rows/s; 50 of 200 MB = 25%; 2 s * 150 MB / 50 MB = 6 s left.
        assertEquals("\rd.csv: 1,000,000 rows, 500,000 rows/s, 50.0 of 200.0 MB (25%), about 6 s left",
                text.toString());
        now[0] += 400_000_000L;
        p.update(1_200_000, 60_000_000);
        assertEquals(1, text.toString().split("\r", -1).length - 1, "throttled: still one line");
        p.finish();
        assertTrue(text.toString().endsWith("\r"), "the line is cleared for what follows");
    }

    @Test
    void longRunsShowMinutesAndPipesShowBytesOnly() {
        ProgressDisplay file = new ProgressDisplay(new PrintWriter(new StringWriter()), "big.csv", 1_000_000_000L,
                () -> 0L);
        // 10 s for 100 of 1,000 MB: 10 * 900 / 100 = 90 s = 1 min 30 s left; 2,000,000 / 10 = 200,000 rows/s.
        assertEquals("big.csv: 2,000,000 rows, 200,000 rows/s, 100.0 of 1000.0 MB (10%), about 1 min 30 s left",
                file.line(2_000_000, 100_000_000, 10_000_000_000L));
        ProgressDisplay pipe = new ProgressDisplay(new PrintWriter(new StringWriter()), "stdin", 0, () -> 0L);
        assertEquals("stdin: 300 rows, 100 rows/s, 0.1 MB", pipe.line(300, 123_456, 3_000_000_000L));
    }

    @Test
    void quietOrNoTerminalMeansNoDisplay() {
        PrintWriter err = new PrintWriter(new StringWriter());
        assertEquals(null, ProgressDisplay.forTerminal(true, err, dir.resolve("x.csv")));
        if (System.console() == null) { // as under Maven: no terminal, so nothing is shown
            assertEquals(null, ProgressDisplay.forTerminal(false, err, dir.resolve("x.csv")));
        }
    }

    @Test
    void auditWithoutTerminalWritesNothingButErrorsToStandardError() throws IOException {
        Path csv = dir.resolve("d.csv");
        StringBuilder sb = new StringBuilder("group,selected\n");
        for (int i = 0; i < 200_000; i++) {
            sb.append(i % 3 == 0 ? "A" : "B").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        Files.writeString(csv, sb);
        StringWriter err = new StringWriter();
        int exit = FairauditCommand.execute(new String[] {"audit", "--input", csv.toString(), "--protected", "group",
            "--decision", "selected=yes", "--format", "json", "--out", dir.resolve("out").toString()},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        assertFalse(err.toString().contains("rows/s"), err.toString());
        assertEquals("", err.toString());
    }
}
