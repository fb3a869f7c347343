package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which folders {@link LogVerifier#verify} accepts as a log. Every log has {@code HEAD} from the moment it is
 * opened (section 6 of docs/decision-log.md), so a folder with neither {@code HEAD} nor a segment file is not a
 * log; before session 9 it verified as "OK: 0 records", so a mistyped path (or a log folder emptied by someone)
 * passed verification.
 */
class VerifyFolderTest {

    @TempDir
    Path dir;

    private static void writeLog(Path folder, int records) throws IOException {
        try (DecisionLog log = DecisionLog.open(folder, LogOptions.builder().build())) {
            for (int i = 0; i < records; i++) {
                log.append(RecordType.DECISION, JsonNodeFactory.instance.objectNode().put("i", i)).join();
            }
        }
    }

    @Test
    void anEmptyFolderIsNotALog() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> LogVerifier.verify(empty, null));
        assertEquals(empty.toString(), e.getFile());
        assertTrue(e.getMessage().contains("no decision log there: no HEAD file and no segment-NNNNNN.jsonl file"),
                e.getMessage());
        assertFalse(e.getMessage().contains("subfolder"), e.getMessage());
    }

    @Test
    void aParentFolderNamesTheLogsInsideIt() throws IOException {
        writeLog(dir.resolve("decisions"), 3);
        writeLog(dir.resolve("attributes"), 2);
        Files.createDirectory(dir.resolve("reports"));
        Files.writeString(dir.resolve("notes.txt"), "not a log");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> LogVerifier.verify(dir, null));
        assertTrue(e.getMessage().endsWith("; its subfolders attributes, decisions hold one each"), e.getMessage());

        Path one = Files.createDirectory(dir.resolve("one"));
        writeLog(one.resolve("decisions"), 1);
        e = assertThrows(NoSuchFileException.class, () -> LogVerifier.verify(one, null));
        assertTrue(e.getMessage().endsWith("; its subfolder decisions holds one"), e.getMessage());
    }

    @Test
    void aLogWithoutRecordsStillVerifies() throws IOException {
        Path log = dir.resolve("quiet");
        writeLog(log, 0);
        VerificationReport report = LogVerifier.verify(log, null);
        assertTrue(report.ok(), report.summary());
        assertTrue(report.closedCleanly(), report.summary());
    }

    @Test
    void segmentsWithoutHeadAreAProblemInTheReportNotAMissingLog() throws IOException {
        Path log = dir.resolve("headless");
        writeLog(log, 5);
        Files.delete(log.resolve("HEAD"));
        VerificationReport report = LogVerifier.verify(log, null);
        assertFalse(report.ok(), report.summary());
        assertEquals(LogProblem.Kind.BAD_HEAD, report.firstProblem().orElseThrow().kind());
    }

    @Test
    void aHeadWithoutSegmentsIsAProblemInTheReportNotAMissingLog() throws IOException {
        Path log = dir.resolve("cut");
        writeLog(log, 5);
        try (var segments = Files.newDirectoryStream(log, "segment-*.jsonl")) {
            for (Path s : segments) {
                Files.delete(s);
            }
        }
        VerificationReport report = LogVerifier.verify(log, null);
        assertFalse(report.ok(), report.summary());
        assertEquals(LogProblem.Kind.TRUNCATED_AFTER_CHECKPOINT, report.firstProblem().orElseThrow().kind());
    }

    @Test
    void aMissingFolderOrAFileIsNotAFolder() throws IOException {
        assertThrows(NotDirectoryException.class, () -> LogVerifier.verify(dir.resolve("nope"), null));
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertThrows(NotDirectoryException.class, () -> LogVerifier.verify(file, null));
    }
}
