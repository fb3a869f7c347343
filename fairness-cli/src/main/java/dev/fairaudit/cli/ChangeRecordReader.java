package dev.fairaudit.cli;

import dev.fairaudit.core.log.GovernanceRecords;
import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.RecordType;
import dev.fairaudit.metrics.document.ChangeRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a verified decision log's governance events for the document's change and decision record. */
final class ChangeRecordReader {

    private ChangeRecordReader() {
    }

    /**
     * The governance events of the log in {@code dir}, in log order (a separate pass: they are few, so no payload
     * tree is built for the other records).
     */
    static List<ChangeRecord> read(Path dir) throws IOException {
        try (Stream<LogRecord> records = LogReader.read(dir, Set.of(RecordType.GOVERNANCE))) {
            return GovernanceRecords.read(records.iterator()).stream()
                    .map(e -> new ChangeRecord(e.sequence(), e.time(), e.kind(), e.fields())).toList();
        }
    }
}
