package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming with the parse on a background thread (opt-in): what the caller sees must be as if the file were read on
 * its own thread.
 */
class BackgroundChunksTest {

    @TempDir
    Path dir;

    private static final TableSpec SPEC = TableSpec.builder().protectedAttributes("g").decision("d=1").score("s")
            .build();

    private Path csv(int rows, int badAt) throws IOException {
        StringBuilder b = new StringBuilder("g,d,s\n");
        for (int i = 1; i <= rows; i++) {
            b.append(i % 3 == 0 ? "a" : "b").append(',').append(i % 2).append(',')
                    .append(i == badAt ? "oops" : Integer.toString(i)).append('\n');
        }
        Path p = dir.resolve("rows-" + rows + "-" + badAt + ".csv");
        Files.writeString(p, b, StandardCharsets.UTF_8);
        return p;
    }

    private static boolean readerThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("fairaudit-read-") && t.isAlive());
    }

    @Test
    void parsesInTheBackgroundWithTwoProcessorsUnlessThePropertySaysOtherwise() {
        assertTrue(TableReader.readInBackground(null, 2));
        assertFalse(TableReader.readInBackground(null, 1));
        assertFalse(TableReader.readInBackground("false", 8));
        assertTrue(TableReader.readInBackground("TRUE", 1));
    }

    @Test
    void consumerRunsOnTheCallersThreadInRowOrderAndMayKeepEveryChunk() throws IOException {
        Path file = csv(10_000, -1);
        Thread caller = Thread.currentThread();
        List<DecisionTable> kept = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        TableReader.stream(file, SPEC, 7, chunk -> {
            assertSame(caller, Thread.currentThread());
            kept.add(chunk);
        }, (rows, bytes) -> progress.add(new long[] {rows, bytes}), true);
        // The chunks were kept while the reader went on: if they shared arrays with it, later rows would show here.
        DecisionTable whole = TableReader.read(file, SPEC);
        int row = 0;
        for (DecisionTable chunk : kept) {
            for (int i = 0; i < chunk.rowCount(); i++, row++) {
                assertEquals(whole.score(row), chunk.score(i));
                assertEquals(whole.selected(row), chunk.selected(i));
                CategoricalColumn g = chunk.protectedColumns().get(0);
                assertEquals(whole.protectedColumns().get(0).value(whole.protectedColumns().get(0).code(row)),
                        g.value(g.code(i)));
            }
        }
        assertEquals(10_000, row);
        assertEquals(kept.size(), progress.size());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(Math.min(10_000, 7L * (i + 1)), progress.get(i)[0], "rows read when chunk " + i + " was taken");
        }
        assertFalse(readerThreadAlive());
    }

    @Test
    void streamsTheSameTablesInTheBackgroundAsOnTheCallersThread() throws IOException {
        Path file = csv(3_000, 1_234);
        TableSpec skipping = TableSpec.builder().protectedAttributes("g").decision("d=1").score("s").skipBadRows(true)
                .build();
        List<DecisionTable> background = new ArrayList<>();
        List<DecisionTable> foreground = new ArrayList<>();
        TableSource b = TableReader.stream(file, skipping, 64, background::add, null, true);
        TableSource f = TableReader.stream(file, skipping, 64, foreground::add, null, false);
        assertEquals(f, b);
        assertEquals(foreground.size(), background.size());
        for (int i = 0; i < foreground.size(); i++) {
            assertEquals(foreground.get(i).source(), background.get(i).source());
            assertEquals(foreground.get(i).protectedColumns(), background.get(i).protectedColumns());
        }
    }

    @Test
    void readersFailureSurfacesOnTheCallersThreadWithTheSameMessageAfterTheChunksBeforeIt() throws IOException {
        Path file = csv(5_000, 4_321);
        InputException whole = assertThrows(InputException.class, () -> TableReader.read(file, SPEC));
        int[] rows = {0};
        InputException streamed = assertThrows(InputException.class,
                () -> TableReader.stream(file, SPEC, 100, chunk -> rows[0] += chunk.rowCount(), null, true));
        assertEquals(whole.getMessage(), streamed.getMessage());
        assertTrue(streamed.getMessage().contains("line 4322") && streamed.getMessage().contains("oops"),
                streamed.getMessage());
        assertEquals(4_300, rows[0], "every full chunk before the bad row was consumed");
        assertFalse(readerThreadAlive());
    }

    @Test
    void consumersFailureStopsTheReaderAndGoesOnUnchanged() throws IOException {
        Path file = csv(200_000, -1);
        IllegalStateException thrown = new IllegalStateException("consumer gave up");
        int[] calls = {0};
        IllegalStateException seen = assertThrows(IllegalStateException.class,
                () -> TableReader.stream(file, SPEC, 10, chunk -> {
                    if (++calls[0] == 3) {
                        throw thrown;
                    }
                }, null, true));
        assertSame(thrown, seen);
        assertEquals(3, calls[0]);
        assertFalse(readerThreadAlive(), "the reader thread has ended when stream returns");
    }

    @Test
    void anInterruptedCallerStopsTheReader() throws Exception {
        Path file = csv(200_000, -1);
        String[] outcome = new String[2];
        Thread caller = new Thread(() -> {
            try {
                TableReader.stream(file, SPEC, 10, chunk -> Thread.currentThread().interrupt(), null, true);
                outcome[0] = "returned";
            } catch (InputException e) {
                outcome[0] = e.getMessage();
                outcome[1] = Boolean.toString(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        caller.join(30_000);
        assertFalse(caller.isAlive());
        assertEquals("rows-200000--1.csv: interrupted while reading", outcome[0]);
        assertEquals("true", outcome[1], "the interrupt is kept");
        assertFalse(readerThreadAlive());
    }
}
