package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: an append-only, hash-chained, crash-safe sequence of records in JSON Lines segment files.
 * See {@code docs/decision-log.md} for the format, the durability modes and the threat model.
 *
 * <p>Callers only enqueue: {@link #append} puts the record on a bounded queue and returns a future. One writer
 * thread takes records in order, assigns each its sequence number, time, payload digest and chain hash, writes
 * it, forces the file as the {@link Durability} asks, and then completes the futures, in sequence order. A
 * future that completes normally means the record is in the log (durable as configured); one that completes
 * exceptionally means it is not, or, if the disk failed mid-write and the unacknowledged tail could not be
 * removed, that it may be.
 *
 * <p>Nothing is dropped silently. When a write or force fails, every pending and later future completes
 * exceptionally with that cause, the log becomes {@link LogHealth.State#FAILED}, and every later
 * {@code append} throws {@link LogUnavailableException}. Future callbacks added with the non-async
 * {@code then...} methods run on the writer thread: keep them short, and never call {@link #close()} from one.
 *
 * <p>{@link #open} on an existing folder first verifies the whole log. A torn last line (what a crash leaves)
 * is cut off and reported in {@link #recovery()}; any other problem refuses to open with a
 * {@link LogIntegrityException}, so nothing is ever appended to a damaged or tampered log.
 */
public final class DecisionLog implements LogSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final int MAX_BATCH = 4096;
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final LogOptions options;
    private final RecordQueue queue;
    private final RecoveryReport recovery;
    private final Writer writer;
    private final Thread thread;
    private final boolean blocking;
    private final Object closeLock = new Object();
    private volatile boolean closeCalled;

    private volatile long lastSequence;
    private volatile LogHealth.State state = LogHealth.State.OPEN;
    private volatile Throwable failure;

    private DecisionLog(Path dir, LogOptions options, RecoveryReport recovery, Writer writer) {
        this.dir = dir;
        this.options = options;
        this.queue = new RecordQueue(options.queueCapacity());
        this.recovery = recovery;
        this.writer = writer;
        this.blocking = options.backpressure() == Backpressure.BLOCK;
        this.lastSequence = recovery.lastSequence();
        writer.log = this;
        this.thread = new Thread(writer, "fairaudit-log-writer[" + dir.getFileName() + "]");
        thread.setDaemon(true);
    }

    /**
     * Opens a log folder for appending, creating it if needed. An existing log is verified first (with the
     * key, if keyed); a torn last line left by a crash is cut off. Only one writer may have a folder open.
     *
     * @param dir     the log folder
     * @param options how to write
     * @return the open log
     * @throws LogIntegrityException    when the existing log does not verify (other than a torn tail after a
     *                                  crash); it names the segment and line
     * @throws IllegalArgumentException when the key does not fit the log: a keyed log opened without a key, or
     *                                  an unkeyed log with one
     * @throws IOException              when the folder cannot be read or written, or is open elsewhere
     */
    public static DecisionLog open(Path dir, LogOptions options) throws IOException {
        return open(dir, options, SegmentChannelFactory.DEFAULT);
    }

    /** As {@link #open(Path, LogOptions)}, writing segments through {@code channels} (tests inject faults). */
    static DecisionLog open(Path dir, LogOptions options, SegmentChannelFactory channels) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(channels, "channels");
        dir = dir.toAbsolutePath();
        Files.createDirectories(dir);
        LogLock lock = LogLock.acquire(dir);
        FileChannel channel = null;
        try {
            byte[] key = options.hmacKey();
            Head.Read headRead = Head.read(dir);
            if (headRead.head() != null && headRead.head().keyed() != (key != null)) {
                throw new IllegalArgumentException("decision log at " + dir + (key == null
                        ? " is keyed (HEAD says chain=hmac-sha256); open it with its key"
                        : " is not keyed (HEAD says chain=sha256); open it without a key"));
            }
            LogScan scan = LogScan.run(dir, key);
            boolean newLog = !headRead.present() && scan.segments.isEmpty();
            long bytesCut = 0;
            String cutSegment = null;
            if (scan.problem != null) {
                boolean crashTail = scan.problem.kind() == LogProblem.Kind.TORN_TAIL && scan.head != null
                        && !scan.head.closed();
                if (!crashTail) {
                    throw new LogIntegrityException(dir, scan.problem);
                }
                try (FileChannel cut = FileChannel.open(scan.tornSegment.path(), StandardOpenOption.WRITE)) {
                    cut.truncate(scan.tornOffset);
                    cut.force(true);
                }
                bytesCut = scan.tornBytes;
                cutSegment = scan.tornSegment.name();
                LOG.warn("decision log at {}: cut off a torn last line of {} bytes in {} (line {}): {}", dir, bytesCut,
                        cutSegment, scan.tornLine, scan.tornWhy);
            }
            boolean closedCleanly = newLog || scan.closedCleanly;
            if (!closedCleanly) {
                LOG.warn("decision log at {} was not closed cleanly; recovered {} records up to seq {}", dir,
                        scan.records, scan.lastSeq);
            }
            RecoveryReport recovery = new RecoveryReport(newLog, scan.records, scan.lastSeq, scan.segments.size(),
                    bytesCut, cutSegment, closedCleanly);

            ChainHasher hasher = new ChainHasher(key);
            long checkpointSeq = scan.head == null ? 0 : scan.head.seq();
            String checkpointHash = scan.head == null ? Hex.ZERO_HASH : scan.head.hash();
            new Head(key != null, false, checkpointSeq, checkpointHash).write(dir, hasher);

            int segIndex;
            if (scan.segments.isEmpty()) {
                segIndex = 1;
            } else {
                Segments.Seg last = scan.segments.get(scan.segments.size() - 1);
                segIndex = Files.size(last.path()) >= options.segmentBytes() ? last.index() + 1 : last.index();
            }
            Path segPath = dir.resolve(Segments.name(segIndex));
            boolean created = !Files.exists(segPath);
            channel = channels.open(segPath);
            long size = channel.size();
            channel.position(size);
            if (created) {
                Segments.fsyncDir(dir);
            }
            Writer writer = new Writer(dir, options, channels, hasher, lock, channel, segIndex, size, scan.lastSeq + 1,
                    scan.lastHash, checkpointSeq, checkpointHash);
            DecisionLog log = new DecisionLog(dir, options, recovery, writer);
            log.thread.start();
            return log;
        } catch (IOException | RuntimeException | Error e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            lock.close();
            throw e;
        }
    }

    /**
     * Queues a record. Does no hashing and no I/O on the caller's thread.
     *
     * @param type    what the record is about; not {@link RecordType#CHECKPOINT}, which only {@link #close()}
     *                writes
     * @param payload the content; must not be changed after the call. A payload that cannot be written as JSON
     *                (NaN, infinity, nesting deeper than {@link CanonicalJson#MAX_DEPTH}) fails only its own
     *                future, with {@link IllegalArgumentException}, and takes no sequence number
     * @return completes with the record's sequence number once it is durable as configured
     * @throws LogUnavailableException when the log is closed or failed (naming the folder and the cause)
     * @throws LogFullException        when the queue is full and the log fails fast, or the caller was
     *                                 interrupted while waiting for space; the record was not accepted
     */
    @Override
    public CompletableFuture<Long> append(RecordType type, ObjectNode payload) {
        if (type == null || payload == null) {
            throw new IllegalArgumentException("type and payload are required, were " + type + " and "
                    + (payload == null ? "null" : "a payload"));
        }
        return enqueue(type, payload, null);
    }

    /**
     * Queues a record whose content writes its own canonical form; the writer thread calls
     * {@link RecordContent#writeCanonical}, so the caller pays neither for a JSON tree nor for the encoding.
     * Otherwise as {@link #append(RecordType, ObjectNode)}; content that throws while being written fails
     * only its own future, with {@link IllegalArgumentException}, and takes no sequence number.
     *
     * @param type    what the record is about; not {@link RecordType#CHECKPOINT}
     * @param content the content; immutable
     * @return completes with the record's sequence number once it is durable as configured
     * @throws LogUnavailableException when the log is closed or failed
     * @throws LogFullException        when the queue is full and the log fails fast, or the caller was
     *                                 interrupted while waiting for space
     */
    @Override
    public CompletableFuture<Long> appendContent(RecordType type, RecordContent content) {
        if (type == null || content == null) {
            throw new IllegalArgumentException("type and content are required, were " + type + " and "
                    + (content == null ? "null" : "a content"));
        }
        return enqueue(type, null, content);
    }

    private CompletableFuture<Long> enqueue(RecordType type, ObjectNode payload, RecordContent content) {
        if (type == RecordType.CHECKPOINT) {
            throw new IllegalArgumentException("CHECKPOINT records are written by close(), not appended");
        }
        CompletableFuture<Long> future = new CompletableFuture<>();
        int result;
        try {
            result = queue.offer(new RecordQueue.Pending(type, payload, content, future), blocking);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LogFullException("interrupted while waiting for space in the queue of decision log at " + dir
                    + " (capacity " + queue.capacity() + "); the record was not accepted");
        }
        switch (result) {
            case RecordQueue.OK:
                return future;
            case RecordQueue.FULL:
                throw new LogFullException("decision log at " + dir + " is full: " + queue.capacity()
                        + " records are waiting to be written; the record was not accepted");
            case RecordQueue.FAILED: {
                Throwable cause = queue.failure();
                throw new LogUnavailableException("decision log at " + dir + " failed and takes no more records: "
                        + cause, cause);
            }
            default:
                throw new LogUnavailableException("decision log at " + dir + " is closed", null);
        }
    }

    /** @return the sequence number of the last record whose commit completed (after open: the last recovered) */
    public long lastSequence() {
        return lastSequence;
    }

    /** @return the log folder (absolute) */
    public Path directory() {
        return dir;
    }

    /** @return the options the log was opened with */
    public LogOptions options() {
        return options;
    }

    /** @return what opening found: records, a torn tail cut off, whether the log had been closed cleanly */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** @return the current state, for monitoring; a failed log says why */
    public LogHealth health() {
        LogHealth.State s = state;
        if (s == LogHealth.State.OPEN && closeCalled) {
            s = LogHealth.State.CLOSED;
        }
        return new LogHealth(s, lastSequence, queue.size(), failure);
    }

    /**
     * Writes everything accepted, appends a {@code CHECKPOINT} record, forces it to disk, marks {@code HEAD}
     * closed with the checkpoint's sequence number and hash, and stops the writer. Waits for all of that.
     * Appends after close throw {@link LogUnavailableException}. A second call does nothing.
     *
     * @throws IOException           when the log failed (now or earlier) and could not be closed cleanly; the
     *                               futures of the records concerned have failed with the same cause
     * @throws IllegalStateException when called on the writer thread (from a future's callback)
     */
    @Override
    public void close() throws IOException {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("close() called on the writer thread of decision log at " + dir
                    + " (from a future's callback); it would wait for itself");
        }
        synchronized (closeLock) {
            if (closeCalled) {
                return;
            }
            closeCalled = true;
        }
        queue.close();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure;
        if (f != null) {
            throw new IOException("decision log at " + dir + " failed and was not closed cleanly: " + f, f);
        }
    }

    /** The writer thread's state; touched only by that thread (and by open before it starts). */
    private static final class Writer implements Runnable {
        private final Path dir;
        private final SegmentChannelFactory channels;
        private final ChainHasher hasher;
        private final LogLock lock;
        private final Durability.Mode mode;
        private final int groupRecords;
        private final long groupNanos;
        private final long segmentBytes;
        private final java.time.Clock clock;
        DecisionLog log;

        private FileChannel channel;
        private int segIndex;
        /** Bytes in the current segment, including those still in the buffer. */
        private long segBytes;
        /** Bytes of the current segment whose records are acknowledged. */
        private long ackedBytes;
        private final byte[] out = new byte[BUFFER_BYTES];
        private int outLen;
        private final Bytes payload = new Bytes(1024);
        private final CanonicalWriter contentWriter = new CanonicalWriter(payload);
        private final Bytes line = new Bytes(2048);

        private long nextSeq;
        private byte[] prev;
        private long checkpointSeq;
        private String checkpointHash;

        private final List<CompletableFuture<Long>> pending = new ArrayList<>();
        private long firstPendingSeq;
        private long groupDeadline;

        private final RecordQueue.Pending[] batch;
        private int batchPos;
        private int batchLen;

        private long lastMillis = Long.MIN_VALUE;
        private String lastTime;

        Writer(Path dir, LogOptions options, SegmentChannelFactory channels, ChainHasher hasher, LogLock lock,
                FileChannel channel, int segIndex, long segBytes, long nextSeq, byte[] prev, long checkpointSeq,
                String checkpointHash) {
            this.dir = dir;
            this.channels = channels;
            this.hasher = hasher;
            this.lock = lock;
            this.mode = options.durability().mode();
            this.groupRecords = options.durability().groupRecords();
            this.groupNanos = options.durability().groupInterval().toNanos();
            this.segmentBytes = options.segmentBytes();
            this.clock = options.clock();
            this.channel = channel;
            this.segIndex = segIndex;
            this.segBytes = segBytes;
            this.ackedBytes = segBytes;
            this.nextSeq = nextSeq;
            this.prev = prev;
            this.checkpointSeq = checkpointSeq;
            this.checkpointHash = checkpointHash;
            this.batch = new RecordQueue.Pending[Math.min(options.queueCapacity(), MAX_BATCH)];
        }

        @Override
        public void run() {
            try {
                loop();
                closeCleanly();
                log.state = LogHealth.State.CLOSED;
            } catch (Throwable t) {
                fail(t);
            } finally {
                lock.close();
            }
        }

        private void loop() throws IOException, InterruptedException {
            while (true) {
                long timeout = -1;
                if (mode == Durability.Mode.GROUP_COMMIT && !pending.isEmpty()) {
                    timeout = Math.max(0, groupDeadline - System.nanoTime());
                }
                int n = log.queue.drain(batch, timeout);
                if (n < 0) {
                    return;
                }
                batchLen = n;
                for (batchPos = 0; batchPos < batchLen; batchPos++) {
                    RecordQueue.Pending p = batch[batchPos];
                    append(p.type(), p.payload(), p.content(), p.future());
                    batch[batchPos] = null;
                }
                batchLen = 0;
                flush();
                if (!pending.isEmpty()) {
                    switch (mode) {
                        case PAGE_CACHE -> acknowledge();
                        case SYNC_EACH -> {
                            channel.force(false);
                            acknowledge();
                        }
                        default -> {
                            if (pending.size() >= groupRecords || System.nanoTime() - groupDeadline >= 0) {
                                channel.force(false);
                                acknowledge();
                            }
                        }
                    }
                }
            }
        }

        /** Encodes one record into the buffer; a payload that cannot be written fails only its own future. */
        private void append(RecordType type, ObjectNode tree, RecordContent content, CompletableFuture<Long> future)
                throws IOException {
            payload.clear();
            try {
                if (content != null) {
                    contentWriter.reset();
                    content.writeCanonical(contentWriter);
                    if (!contentWriter.complete() || payload.len == 0 || payload.buf[0] != '{') {
                        throw new IllegalArgumentException("the content of a " + type + " record did not write one"
                                + " complete JSON object");
                    }
                } else {
                    CanonicalJson.write(tree, payload);
                }
            } catch (RuntimeException e) {
                if (future != null) {
                    future.completeExceptionally(e instanceof IllegalArgumentException ? e
                            : new IllegalArgumentException("payload cannot be written as JSON: " + e, e));
                    return;
                }
                throw e;
            }
            if (payload.len > LineReader.MAX_LINE - 1024) {
                IllegalArgumentException tooBig = new IllegalArgumentException("payload of " + payload.len
                        + " bytes is larger than a record may be (" + (LineReader.MAX_LINE - 1024) + " bytes)");
                if (future != null) {
                    future.completeExceptionally(tooBig);
                    return;
                }
                throw tooBig;
            }
            long seq = nextSeq;
            String time = time(clock.millis());
            byte[] digest = hasher.sha256(payload.buf, 0, payload.len);
            byte[] hash = hasher.next(prev, seq, time, type.name(), digest);
            line.clear();
            LineFormat.line(line, seq, time, type.name(), digest, prev, hash, payload);
            if (segBytes > 0 && segBytes + line.len > segmentBytes) {
                rotate();
            }
            if (pending.isEmpty()) {
                firstPendingSeq = seq;
                groupDeadline = System.nanoTime() + groupNanos;
            }
            pending.add(future);
            nextSeq = seq + 1;
            prev = hash;
            if (line.len > out.length - outLen) {
                flush();
            }
            if (line.len > out.length) {
                writeFully(ByteBuffer.wrap(line.buf, 0, line.len));
            } else {
                System.arraycopy(line.buf, 0, out, outLen, line.len);
                outLen += line.len;
            }
            segBytes += line.len;
        }

        private String time(long millis) {
            if (millis != lastMillis) {
                lastMillis = millis;
                lastTime = LineFormat.TIME.format(Instant.ofEpochMilli(millis));
            }
            return lastTime;
        }

        private void flush() throws IOException {
            if (outLen > 0) {
                writeFully(ByteBuffer.wrap(out, 0, outLen));
                outLen = 0;
            }
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /** Completes the pending futures, in sequence order: their records are durable as configured. */
        private void acknowledge() {
            long seq = firstPendingSeq;
            for (CompletableFuture<Long> f : pending) {
                if (f != null) {
                    log.lastSequence = seq;
                    f.complete(seq);
                }
                seq++;
            }
            log.lastSequence = seq - 1;
            pending.clear();
            ackedBytes = segBytes;
        }

        /** Finishes the current segment (everything in it acknowledged) and starts the next. */
        private void rotate() throws IOException {
            flush();
            // Always, PAGE_CACHE included: a finished segment is forced once, so that close() forcing the last
            // segment makes everything before HEAD durable (rotation is rare; the cost is one force per segment).
            channel.force(false);
            acknowledge();
            channel.close();
            channel = null;
            segIndex++;
            channel = channels.open(dir.resolve(Segments.name(segIndex)));
            channel.position(channel.size());
            segBytes = channel.size();
            ackedBytes = segBytes;
            Segments.fsyncDir(dir);
        }

        private void closeCleanly() throws IOException {
            ObjectNode cp = JsonNodeFactory.instance.objectNode();
            cp.put("lastSeq", nextSeq - 1);
            cp.put("headHash", Hex.of(prev));
            long seq = nextSeq;
            append(RecordType.CHECKPOINT, cp, null, null);
            flush();
            channel.force(false);
            acknowledge();
            checkpointSeq = seq;
            checkpointHash = Hex.of(prev);
            new Head(hasher.keyed(), true, checkpointSeq, checkpointHash).write(dir, hasher);
            channel.close();
            channel = null;
        }

        /** The log cannot go on: fail everything not acknowledged, remove its bytes if possible, refuse more. */
        private void fail(Throwable cause) {
            log.failure = cause;
            log.state = LogHealth.State.FAILED;
            List<RecordQueue.Pending> queued = log.queue.fail(cause);
            LOG.error("decision log at {} failed; {} records not acknowledged are failed, {} queued ones too: {}", dir,
                    pending.size() + Math.max(0, batchLen - batchPos), queued.size(), cause.toString());
            for (CompletableFuture<Long> f : pending) {
                if (f != null) {
                    f.completeExceptionally(cause);
                }
            }
            pending.clear();
            for (int i = batchPos; i < batchLen; i++) {
                if (batch[i] != null) {
                    batch[i].future().completeExceptionally(cause);
                    batch[i] = null;
                }
            }
            for (RecordQueue.Pending p : queued) {
                p.future().completeExceptionally(cause);
            }
            if (channel != null) {
                // Records not acknowledged must not reappear when the log is reopened: cut them off if we can.
                try {
                    channel.truncate(ackedBytes);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("decision log at {}: could not remove the {} unacknowledged bytes at the end of {}; "
                            + "they may reappear on recovery: {}", dir, segBytes - ackedBytes, Segments.name(segIndex),
                            e.toString());
                }
                try {
                    channel.close();
                } catch (IOException | RuntimeException e) {
                    // already failed
                }
            }
        }
    }
}
