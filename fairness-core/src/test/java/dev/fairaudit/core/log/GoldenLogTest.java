package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-disk format does not change: the records of {@link GoldenLogRecords}, written again by the current
 * writer, give byte for byte the files the writer at commit 99a3ec9 wrote (kept under
 * {@code src/test/resources/dev/fairaudit/core/log/golden-99a3ec9/}), and that old log verifies with the current
 * code.
 */
class GoldenLogTest {

    private static final String GOLDEN = "golden-99a3ec9/";
    private static final List<String> FILES = List.of("segment-000001.jsonl", "segment-000002.jsonl",
            "segment-000003.jsonl", "segment-000004.jsonl", "HEAD");

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = GoldenLogTest.class.getResourceAsStream(GOLDEN + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + GOLDEN + name);
            }
            return in.readAllBytes();
        }
    }

    @Test
    void theCurrentWriterWritesTheOldWritersBytes(@TempDir Path dir) throws IOException {
        GoldenLogRecords.write(dir);
        try (var files = Files.list(dir)) {
            assertEquals(FILES.size() + 1, files.count(), "four segments, HEAD and LOCK");
        }
        for (String name : FILES) {
            assertArrayEquals(golden(name), Files.readAllBytes(dir.resolve(name)), name);
        }
    }

    @Test
    void theOldWritersLogVerifies(@TempDir Path dir) throws IOException {
        for (String name : FILES) {
            Files.write(dir.resolve(name), golden(name));
        }
        VerificationReport report = LogVerifier.verify(dir, null);
        assertTrue(report.ok(), report.summary());
        assertEquals(GoldenLogRecords.RECORDS + 1, LogFiles.readAll(dir).size(), "the records and the checkpoint");
    }
}
