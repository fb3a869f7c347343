package dev.fairaudit.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.LogFullException;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.RecordType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** A thread-safe {@link LogSink} in memory, which can be told to refuse appends or fail or delay commits. */
final class InMemorySink implements LogSink {

    /** How appends behave. */
    enum Mode {
        /** Accept and commit at once. */
        COMMIT,
        /** Accept; the commit completes exceptionally. */
        FAIL_COMMIT,
        /** Accept; the commit stays pending until the test completes it. */
        PENDING,
        /** Refuse: append throws {@link LogFullException}. */
        REFUSE
    }

    /** One accepted record. */
    record Entry(long sequence, RecordType type, ObjectNode payload, CompletableFuture<Long> commit) {
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile Mode mode = Mode.COMMIT;

    InMemorySink mode(Mode m) {
        this.mode = m;
        return this;
    }

    @Override
    public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
        Mode m = mode;
        if (m == Mode.REFUSE) {
            throw new LogFullException("in-memory test log is full (capacity 0)");
        }
        long seq = sequence.getAndIncrement();
        CompletableFuture<Long> commit = switch (m) {
            case COMMIT -> CompletableFuture.completedFuture(seq);
            case FAIL_COMMIT -> CompletableFuture.failedFuture(new IOException("disk full"));
            default -> new CompletableFuture<>();
        };
        entries.add(new Entry(seq, type, payload, commit));
        return commit;
    }

    /** Every accepted record, in acceptance order per thread. */
    List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The payloads of the accepted records of one type. */
    List<ObjectNode> payloads(RecordType type) {
        List<ObjectNode> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.type() == type) {
                out.add(e.payload());
            }
        }
        return out;
    }

    /** The only accepted record; fails unless there is exactly one. */
    Entry only() {
        List<Entry> all = entries();
        if (all.size() != 1) {
            throw new AssertionError("expected one record, found " + all.size() + ": " + all);
        }
        return all.get(0);
    }
}
