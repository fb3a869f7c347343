package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogReader#read(Path, Set)}: only the records of the given types, and malformed lines still caught. */
class LogReaderTypesTest {

    @TempDir
    Path dir;

    /** 300 decision records over several segments with a governance event after every 50th. */
    private void writeLog() throws Exception {
        LogOptions options = LogOptions.builder().durability(Durability.pageCache()).segmentBytes(4000).build();
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            for (int i = 0; i < 300; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i));
                if (i % 50 == 49) {
                    ObjectNode event = JsonNodeFactory.instance.objectNode();
                    event.put("kind", "MONITORING_ALERT");
                    event.put("message", "check " + i);
                    log.append(RecordType.GOVERNANCE, event);
                }
            }
        }
    }

    private static List<LogRecord> all(Stream<LogRecord> records) {
        try (records) {
            return records.toList();
        }
    }

    @Test
    void returnsExactlyTheRecordsOfTheTypesAskedForInOrder() throws Exception {
        writeLog();
        List<LogRecord> everything = all(LogReader.read(dir));
        assertEquals(300 + 6 + 1, everything.size(), "decisions, governance events and the closing checkpoint");
        for (Set<RecordType> types : List.of(Set.of(RecordType.GOVERNANCE), Set.of(RecordType.CHECKPOINT),
                EnumSet.of(RecordType.GOVERNANCE, RecordType.DECISION), Set.<RecordType>of())) {
            List<LogRecord> expected = everything.stream().filter(r -> types.contains(r.type())).toList();
            assertEquals(expected, all(LogReader.read(dir, types)), types.toString());
        }
        List<LogRecord> governance = all(LogReader.read(dir, Set.of(RecordType.GOVERNANCE)));
        assertEquals("check 49", governance.get(0).payload().get("message").asText());
        assertEquals("check 299", governance.get(5).payload().get("message").asText());
    }

    @Test
    void aMalformedLineOfAnotherTypeStillStopsTheRead() throws Exception {
        writeLog();
        Path first;
        try (Stream<Path> files = Files.list(dir)) {
            first = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(first, StandardCharsets.UTF_8);
        assertTrue(lines.get(2).contains("\"DECISION\""), lines.get(2));
        lines.set(2, "not a record");
        Files.write(first, lines, StandardCharsets.UTF_8);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> all(LogReader.read(dir, Set.of(RecordType.GOVERNANCE))));
        LogIntegrityException cause = assertInstanceOf(LogIntegrityException.class, e.getCause());
        assertTrue(cause.getMessage().contains("line 3"), cause.getMessage());
    }
}
