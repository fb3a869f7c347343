package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress reports while a file is streamed: once per chunk, with rows and bytes of the file as stored. */
class ReadProgressTest {

    @TempDir
    Path dir;

    private static final TableSpec SPEC = TableSpec.builder().protectedAttributes("group").decision("selected=yes")
            .build();

    private static String csv(int rows) {
        StringBuilder sb = new StringBuilder("group,selected\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i % 3 == 0 ? "A" : "B").append(',').append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        return sb.toString();
    }

    private static List<long[]> stream(Path file, int chunkRows) {
        List<long[]> reports = new ArrayList<>();
        TableReader.stream(file, SPEC, chunkRows, chunk -> { }, (rows, bytes) -> reports.add(new long[] {rows, bytes}));
        return reports;
    }

    @Test
    void reportsOncePerChunkWithRowsAndAllBytesAtTheEnd() throws IOException {
        Path file = dir.resolve("d.csv");
        Files.writeString(file, csv(250_000));
        List<long[]> reports = stream(file, 100_000);
        // 250,000 rows in chunks of 100,000: three chunks, the last one of 50,000.
        assertEquals(3, reports.size());
        assertEquals(100_000, reports.get(0)[0]);
        assertEquals(200_000, reports.get(1)[0]);
        assertEquals(250_000, reports.get(2)[0]);
        assertTrue(reports.get(0)[1] > 0 && reports.get(0)[1] < reports.get(1)[1], "bytes grow");
        assertEquals(Files.size(file), reports.get(2)[1], "the whole file has been read at the last chunk");
    }

    @Test
    void gzipReportsCompressedBytes() throws IOException {
        Path file = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(csv(50_000).getBytes(StandardCharsets.UTF_8));
        }
        List<long[]> reports = stream(file, 1 << 16);
        assertEquals(1, reports.size());
        assertEquals(50_000, reports.get(0)[0]);
        assertTrue(reports.get(0)[1] <= Files.size(file), "never more than the file's stored size");
    }

    @Test
    void jsonLinesReportToo() throws IOException {
        Path file = dir.resolve("d.jsonl");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("{\"group\":\"A\",\"selected\":\"yes\"}\n");
        }
        Files.writeString(file, sb);
        List<long[]> reports = stream(file, 10);
        assertEquals(3, reports.size());
        assertEquals(30, reports.get(2)[0]);
        assertEquals(Files.size(file), reports.get(2)[1]);
    }
}
