package dev.fairaudit.cli.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.RecordType;
import java.util.concurrent.CompletableFuture;

/**
 * Passes records on to a log and remembers the commit of the last one, so the scenario can wait until the
 * log's writer has written everything before it moves the simulated clock. One thread only.
 */
final class CommitTrackingSink implements LogSink {

    private final LogSink log;
    private CompletableFuture<Long> last = CompletableFuture.completedFuture(0L);

    CommitTrackingSink(LogSink log) {
        this.log = log;
    }

    @Override
    public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
        CompletableFuture<Long> commit = log.append(type, payload);
        last = commit;
        return commit;
    }

    /** Waits until the last record appended is written; a log writes in order, so all earlier ones are too. */
    void awaitWritten() {
        last.join();
    }
}
