package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log: an append-only, hash-chained, crash-safe sequence of records in JSON Lines segment files.
 * See {@code docs/decision-log.md} for the format, the durability modes and the threat model.
 *
 * <p>Callers only enqueue: {@link #append} puts the record on a bounded queue and returns a future. With
 * {@link Durability.Mode#PAGE_CACHE} and {@link Durability.Mode#GROUP_COMMIT} an encoder thread takes records in
 * order and encodes each payload (canonical bytes, payload digest) into batches, which a writer thread takes in
 * the same order; with {@link Durability.Mode#SYNC_EACH} the writer takes them from the queue and encodes them
 * itself. The writer assigns each record its sequence number, time and chain hash, writes it, forces the file as
 * the {@link Durability} asks, and then completes the futures, in sequence order. With
 * {@link Durability.Mode#GROUP_COMMIT} a committer thread does the forcing and completing, while the writer goes
 * on with the next records. A
 * future that completes normally means the record is in the log (durable as configured); one that completes
 * exceptionally means it is not, or, if the disk failed mid-write and the unacknowledged tail could not be
 * removed, that it may be.
 *
 * <p>Nothing is dropped silently. When a write or force fails, every pending and later future completes
 * exceptionally with that cause, the log becomes {@link LogHealth.State#FAILED}, and every later
 * {@code append} throws {@link LogUnavailableException}. Future callbacks added with the non-async
 * {@code then...} methods run on the writer thread (or the committer thread, or for a refused payload the
 * encoder thread): keep them short, and never call {@link #close()} from one.
 *
 * <p>{@link #open} on an existing folder first verifies the whole log. A torn last line (what a crash leaves)
 * is cut off and reported in {@link #recovery()}; any other problem refuses to open with a
 * {@link LogIntegrityException}, so nothing is ever appended to a damaged or tampered log.
 */
public final class DecisionLog implements LogSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionLog.class);
    private static final int MAX_BATCH = 4096;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final byte[] LINE_END = {'}', '\n'};
    /** The writer reads the system clock at least once per this many records (section 7). */
    private static final int CLOCK_RECORDS = 32;

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
        return open(dir, options, channels, options.durability().mode() != Durability.Mode.SYNC_EACH);
    }

    /**
     * As {@link #open(Path, LogOptions, SegmentChannelFactory)}, with or without the encoder stage (tests compare
     * the two; by default a log has one unless it is SYNC_EACH).
     */
    static DecisionLog open(Path dir, LogOptions options, SegmentChannelFactory channels, boolean encoderStage)
            throws IOException {
        return open(dir, options, channels, encoderStage ? EncoderStage.Digests.BALANCED : null);
    }

    /**
     * As {@link #open(Path, LogOptions, SegmentChannelFactory)}, with an encoder stage that places the payload
     * digests as {@code digests} says (tests compare the placements), or without a stage when it is null.
     */
    static DecisionLog open(Path dir, LogOptions options, SegmentChannelFactory channels,
            EncoderStage.Digests digests) throws IOException {
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
                    scan.lastHash, checkpointSeq, checkpointHash, digests);
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
        return enqueue(type, payload, new CompletableFuture<>());
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
        return enqueue(type, content, new CompletableFuture<>());
    }

    /**
     * Queues a record for a caller that will not wait for its commit: as {@link #append}, but without a future,
     * so the call allocates nothing and never wakes a writer that is only napping (section 7 of
     * {@code docs/decision-log.md}). The record is accepted (and then written) or refused with an exception; if
     * its payload cannot be written, the log reports that in its own log (SLF4J, at error level).
     *
     * @param type    what the record is about; not {@link RecordType#CHECKPOINT}
     * @param payload a JSON object; must not be changed after this call
     * @throws LogUnavailableException when the log is closed or failed
     * @throws LogFullException        when the queue is full and the log fails fast, or the caller was
     *                                 interrupted while waiting for space
     */
    public void submit(RecordType type, ObjectNode payload) {
        if (type == null || payload == null) {
            throw new IllegalArgumentException("type and payload are required, were " + type + " and "
                    + (payload == null ? "null" : "a payload"));
        }
        enqueue(type, payload, null);
    }

    /**
     * Queues a record whose content writes its own canonical form, for a caller that will not wait for its
     * commit: as {@link #appendContent}, but without a future, so the call allocates nothing. The record is
     * accepted (and then written) or refused with an exception; if its content cannot be written, the log
     * reports that in its own log (SLF4J, at error level), as there is no future to fail.
     *
     * @param type    what the record is about; not {@link RecordType#CHECKPOINT}
     * @param content the content; immutable
     * @throws LogUnavailableException when the log is closed or failed
     * @throws LogFullException        when the queue is full and the log fails fast, or the caller was
     *                                 interrupted while waiting for space
     */
    @Override
    public void submitContent(RecordType type, RecordContent content) {
        if (type == null || content == null) {
            throw new IllegalArgumentException("type and content are required, were " + type + " and "
                    + (content == null ? "null" : "a content"));
        }
        enqueue(type, content, null);
    }

    private CompletableFuture<Long> enqueue(RecordType type, Object payload, CompletableFuture<Long> future) {
        if (type == RecordType.CHECKPOINT) {
            throw new IllegalArgumentException("CHECKPOINT records are written by close(), not appended");
        }
        int result;
        try {
            result = queue.offer(type, payload, future, blocking);
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
     * @throws IllegalStateException when called on the writer or committer thread (from a future's callback)
     */
    @Override
    public void close() throws IOException {
        if (Thread.currentThread() == thread || writer.isCommitterThread() || writer.isEncoderThread()) {
            throw new IllegalStateException("close() called on the writer, encoder or committer thread of decision log"
                    + " at " + dir + " (from a future's callback); it would wait for itself");
        }
        synchronized (closeLock) {
            if (closeCalled) {
                return;
            }
            closeCalled = true;
        }
        queue.close();
        joinUninterruptibly(thread);
        Throwable f = failure;
        if (f != null) {
            throw new IOException("decision log at " + dir + " failed and was not closed cleanly: " + f, f);
        }
    }

    /** Waits until {@code t} has ended, even when interrupted; the interrupt is kept for the caller. */
    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The writer thread's state; touched only by that thread (and by open before it starts), except the ring of
     * futures, {@code ackedSeq} and {@code ackedBytes}, which the committer (GROUP_COMMIT) shares as described
     * there.
     */
    private static final class Writer implements Runnable {
        /** The ASCII bytes of each record type's name, by ordinal. */
        private static final byte[][] TYPE_NAMES;

        static {
            RecordType[] types = RecordType.values();
            TYPE_NAMES = new byte[types.length][];
            for (RecordType t : types) {
                TYPE_NAMES[t.ordinal()] = t.name().getBytes(StandardCharsets.US_ASCII);
            }
        }

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
        /** Bytes of the current segment whose records are acknowledged (written by whoever acknowledges). */
        private volatile long ackedBytes;
        /**
         * Record lines not yet written to the channel, up to its position. In direct memory, so that the channel
         * writes them as they are: from a heap buffer it would first copy them into a temporary direct one.
         */
        private ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES + 4096);
        /** The canonical payload of a record this thread encodes itself (SYNC_EACH, the checkpoint). */
        private final Bytes ownPayload = new Bytes(4096);
        private final CanonicalWriter contentWriter = new CanonicalWriter(ownPayload);
        private final CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
        private final byte[] digest = new byte[32];
        private final byte[] digestHex = new byte[64];

        private long nextSeq;
        /** The line's head, kept between records; holds the previous record's hash in hex (the chain's is in hasher). */
        private final LineFormat.Head head;
        private long checkpointSeq;
        private String checkpointHash;

        /**
         * The futures of the records written but not acknowledged, by sequence number: record {@code s} has slot
         * {@code s & ringMask} (null: nobody watches it). The writer fills slots above {@link #ackedSeq}; whoever
         * acknowledges (the writer, or with GROUP_COMMIT the committer) completes and clears them, then advances
         * {@code ackedSeq}. A slot is reused only once the record that had it is acknowledged.
         */
        private final CompletableFuture<?>[] ring;
        private final int ringMask;
        /** The writer's last reading of {@link #ackedSeq}, to tell whether the ring has room without a volatile read. */
        private long ringFloor;
        /** The last acknowledged record: every record up to it is durable as configured. */
        private volatile long ackedSeq;
        /** The last record the writer acknowledged or handed to the committer; records after it are unrequested. */
        private long requestedSeq;
        /** GROUP_COMMIT: when the first unrequested record must be handed to the committer at the latest. */
        private long groupDeadline;
        /** GROUP_COMMIT only: forces the segment and acknowledges on its own thread while the writer goes on. */
        private Committer committer;
        /** Whether records come through an encoder stage (PAGE_CACHE and GROUP_COMMIT) or straight from the queue. */
        private final boolean encoderStage;
        /** With an encoder stage: which stage computes the payload digests; null without one. */
        private final EncoderStage.Digests digests;
        /** The encoder stage, if any: drains the queue and encodes the payloads on its own thread. */
        private EncoderStage encoder;
        /** The encoder's batch being written (for failing the rest of it). */
        private EncoderStage.Batch current;

        private final RecordType[] batchTypes;
        private final Object[] batchPayloads;
        private final CompletableFuture<?>[] batchFutures;
        private int batchPos;
        private int batchLen;

        private long lastMillis = Long.MIN_VALUE;
        private byte[] lastTime;
        /**
         * Whether the clock is the system clock, which the writer reads only for every {@link #CLOCK_RECORDS}th record
         * and after it may have waited (section 7 of docs/decision-log.md); any other clock (a test's, a user's) is
         * read for every record.
         */
        private final boolean systemClock;
        /** Records the writer may still stamp with {@link #lastTime} before it reads the system clock again. */
        private int clockRecordsLeft;

        /** PAGE_CACHE only: forces and closes a finished segment off the writer thread (see rotate). */
        private Thread segmentForcer;
        private volatile Throwable segmentForceFailure;

        Writer(Path dir, LogOptions options, SegmentChannelFactory channels, ChainHasher hasher, LogLock lock,
                FileChannel channel, int segIndex, long segBytes, long nextSeq, byte[] prev, long checkpointSeq,
                String checkpointHash, EncoderStage.Digests digests) {
            this.encoderStage = digests != null;
            this.digests = digests;
            this.dir = dir;
            this.channels = channels;
            this.hasher = hasher;
            this.lock = lock;
            this.mode = options.durability().mode();
            this.groupRecords = options.durability().groupRecords();
            this.groupNanos = options.durability().groupInterval().toNanos();
            this.segmentBytes = options.segmentBytes();
            this.clock = options.clock();
            this.systemClock = clock.getClass() == java.time.Clock.systemUTC().getClass();
            this.channel = channel;
            this.segIndex = segIndex;
            this.segBytes = segBytes;
            this.ackedBytes = segBytes;
            this.nextSeq = nextSeq;
            this.ackedSeq = nextSeq - 1;
            this.requestedSeq = nextSeq - 1;
            this.ringFloor = nextSeq - 1;
            int ringSize = ringSize(mode == Durability.Mode.GROUP_COMMIT ? groupRecords : 1);
            this.ring = new CompletableFuture<?>[ringSize];
            this.ringMask = ringSize - 1;
            hasher.startLink(prev);
            this.head = new LineFormat.Head(prev);
            this.checkpointSeq = checkpointSeq;
            this.checkpointHash = checkpointHash;
            int batch = Math.min(options.queueCapacity(), MAX_BATCH);
            this.batchTypes = new RecordType[batch];
            this.batchPayloads = new Object[batch];
            this.batchFutures = new CompletableFuture<?>[batch];
        }

        /**
         * Room for the unacknowledged futures: with GROUP_COMMIT a group of up to {@code groupRecords}, the batch
         * that completes it, and as much again being forced; a power of two, at most 2^20 (a larger group is
         * forced early, when the ring is full).
         */
        private static int ringSize(int groupRecords) {
            long want = 2L * ((long) groupRecords + MAX_BATCH);
            return (int) Math.min(1 << 20, Long.highestOneBit(want - 1) << 1);
        }

        /** Whether the calling thread is the encoder's (a refused record's callbacks run there). */
        boolean isEncoderThread() {
            EncoderStage e = encoder;
            return e != null && e.isEncoderThread();
        }

        /** Whether the calling thread is the committer's (futures' callbacks may run there). */
        boolean isCommitterThread() {
            Committer c = committer;
            return c != null && Thread.currentThread() == c.thread;
        }

        @Override
        public void run() {
            try {
                if (encoderStage) {
                    // made before the committer starts, which reads it when a force fails
                    encoder = new EncoderStage(dir, log.queue, batchTypes.length, digests);
                }
                if (mode == Durability.Mode.GROUP_COMMIT) {
                    committer = new Committer();
                    committer.thread.start();
                }
                if (encoderStage) {
                    encoder.thread.start();
                    loopEncoded();
                    joinUninterruptibly(encoder.thread);
                } else {
                    loop();
                }
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
                if (mode == Durability.Mode.GROUP_COMMIT && nextSeq - 1 > requestedSeq) {
                    timeout = Math.max(0, groupDeadline - System.nanoTime());
                }
                int n = log.queue.drain(batchTypes, batchPayloads, batchFutures, timeout);
                if (committer != null) {
                    // a failed force has failed the queue, which woke us: fail the log from here
                    committer.throwIfFailed();
                }
                if (n < 0) {
                    return;
                }
                batchLen = n;
                batchPos = 0;
                clockStale();
                // after batchLen is set, so that a failure here fails the futures of the batch too
                checkSegmentForcer();
                for (; batchPos < batchLen; batchPos++) {
                    append(batchTypes[batchPos], batchPayloads[batchPos], batchFutures[batchPos]);
                    batchTypes[batchPos] = null;
                    batchPayloads[batchPos] = null;
                    batchFutures[batchPos] = null;
                }
                batchLen = 0;
                flush();
                written(false);
            }
        }

        /**
         * As {@link #loop()}, taking records the encoder stage has encoded, batch by batch in order, until the
         * stage says the queue closed and everything before the close was handed over.
         */
        private void loopEncoded() throws IOException, InterruptedException {
            while (true) {
                long timeout = -1;
                if (mode == Durability.Mode.GROUP_COMMIT && nextSeq - 1 > requestedSeq) {
                    timeout = Math.max(0, groupDeadline - System.nanoTime());
                }
                EncoderStage.Batch b = encoder.take(timeout);
                if (committer != null) {
                    // a failed force has failed the stages, which woke us: fail the log from here
                    committer.throwIfFailed();
                }
                if (b == EncoderStage.END) {
                    return;
                }
                if (b != null) {
                    current = b;
                    clockStale();
                    checkSegmentForcer();
                    byte[] payloads = b.payloads.buf;
                    boolean digested = b.digested;
                    for (; b.pos < b.count; b.pos++) {
                        int i = b.pos;
                        int from = b.start(i);
                        int length = b.ends[i] - from;
                        if (!digested) {
                            // the encoder left this batch's digests to this thread (EncoderStage.Digests)
                            hasher.sha256(payloads, from, length, digest);
                            Bytes.hex32(digest, b.digestHex, 64 * i);
                        }
                        appendEncoded(b.types[i], payloads, from, length, b.digestHex, 64 * i, b.futures[i]);
                    }
                    current = null;
                    encoder.recycle(b);
                }
                flush();
                written(false);
            }
        }

        /**
         * Every record up to {@code nextSeq - 1} has been written to the channel: acknowledge them as the mode
         * says. PAGE_CACHE acknowledges at once; SYNC_EACH forces on this thread and then acknowledges (the writer
         * waits for the disk: each force covers everything written, and a caller waiting on its record gets it
         * as soon as the disk allows); GROUP_COMMIT hands a full or due group to the committer and goes on.
         *
         * @param midBatch after a full buffer was written in the middle of a batch: only GROUP_COMMIT acts then
         */
        private void written(boolean midBatch) throws IOException {
            long last = nextSeq - 1;
            if (last == requestedSeq) {
                return;
            }
            switch (mode) {
                case PAGE_CACHE -> {
                    if (!midBatch) {
                        acknowledgeUpTo(last, segBytes);
                        requestedSeq = last;
                    }
                }
                case SYNC_EACH -> {
                    if (!midBatch) {
                        channel.force(false);
                        acknowledgeUpTo(last, segBytes);
                        requestedSeq = last;
                    }
                }
                default -> {
                    if (last - requestedSeq >= groupRecords || System.nanoTime() - groupDeadline >= 0) {
                        committer.request(last, segBytes, channel);
                        requestedSeq = last;
                    }
                }
            }
        }

        /**
         * The ring has no free slot for record {@code seq}: make the records before it durable (as the mode says)
         * and wait until the one that had the slot is acknowledged. Only at the start of a record (the buffer
         * holds whole lines).
         */
        private void makeRoom(long seq) throws IOException, InterruptedException {
            ringFloor = ackedSeq;
            if (seq - ringFloor <= ring.length) {
                return;
            }
            flush();
            long last = nextSeq - 1;
            if (mode == Durability.Mode.GROUP_COMMIT) {
                if (last > requestedSeq) {
                    committer.request(last, segBytes, channel);
                    requestedSeq = last;
                }
                committer.awaitAcknowledged(seq - ring.length);
            } else {
                if (mode == Durability.Mode.SYNC_EACH) {
                    channel.force(false);
                }
                acknowledgeUpTo(last, segBytes);
                requestedSeq = last;
            }
            ringFloor = ackedSeq;
            clockStale();
        }

        /**
         * Encodes one record and adds its line to the buffer. A payload that cannot be written fails only its own
         * future, or, when nobody watches its commit, is reported in the log's own log (it never gets a sequence
         * number).
         */
        private void append(RecordType type, Object tree, CompletableFuture<?> future)
                throws IOException, InterruptedException {
            Bytes p = ownPayload;
            p.clear();
            int length;
            try {
                length = CanonicalJson.writePayload(type, tree, p, contentWriter, scratch);
            } catch (IllegalArgumentException e) {
                refuse(type, future, e);
                return;
            }
            hasher.sha256(p.buf, 0, length, digest);
            Bytes.hex32(digest, digestHex, 0);
            appendEncoded(type, p.buf, 0, length, digestHex, 0, future);
            if (p.buf.length > 4 * BUFFER_BYTES) {
                // after a very large record: give the memory back
                p.buf = new byte[4096];
            }
        }

        /**
         * Adds the line of an encoded record to the buffer: its canonical payload is {@code payload[off, off + len)},
         * its digest's hex digits {@code digestHex[at, at + 64)}. Chains it, rotates if the segment is full, and
         * takes its sequence number.
         */
        private void appendEncoded(RecordType type, byte[] payload, int off, int len, byte[] digestHex, int at,
                CompletableFuture<?> future) throws IOException, InterruptedException {
            long seq = nextSeq;
            if (future != null && seq - ringFloor > ring.length) {
                makeRoom(seq);
            }
            byte[] time = time();
            byte[] typeName = TYPE_NAMES[type.ordinal()];
            int seqLength = Bytes.decimalLength(seq);
            int headLength = head.prepare(seqLength, time, typeName);
            int lineLen = headLength + len + 2;
            ByteBuffer o = out;
            if (o.remaining() < lineLen) {
                o = grow(lineLen);
            }
            int start = o.position();
            head.fill(seq, digestHex, at, hasher.link(seq, seqLength, time, typeName, digestHex, at));
            o.put(head.bytes(), 0, headLength);
            head.advance();
            o.put(payload, off, len);
            o.put(LINE_END);
            if (segBytes > 0 && segBytes + lineLen > segmentBytes) {
                rotate(start);
            }
            if (seq == requestedSeq + 1 && mode == Durability.Mode.GROUP_COMMIT) {
                groupDeadline = System.nanoTime() + groupNanos;
            }
            if (future != null) {
                ring[(int) seq & ringMask] = future;
            }
            nextSeq = seq + 1;
            segBytes += lineLen;
            if (out.position() >= BUFFER_BYTES) {
                flush();
                written(true);
                clockStale();
            }
        }

        /** Room for a line of {@code lineLen} bytes (beyond the buffer's size: a very large record). */
        private ByteBuffer grow(int lineLen) {
            ByteBuffer o = out;
            long want = (long) o.position() + lineLen;
            if (want > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("record too large");
            }
            ByteBuffer bigger = ByteBuffer.allocateDirect((int) Math.max(want, Math.min(Integer.MAX_VALUE - 16,
                    2L * o.capacity())));
            o.flip();
            bigger.put(o);
            out = bigger;
            return bigger;
        }

        /** A record that cannot be written: only its own future fails; it takes no sequence number. */
        @SuppressWarnings("unchecked")
        private void refuse(RecordType type, CompletableFuture<?> future, IllegalArgumentException why) {
            if (future != null) {
                ((CompletableFuture<Long>) future).completeExceptionally(why);
            } else if (type == RecordType.CHECKPOINT) {
                throw why;
            } else {
                // nobody watches this record's commit: say so here (the reason names no payload values)
                LOG.error("decision log at {}: a {} record could not be written and was refused: {}", dir, type,
                        why.getMessage());
            }
        }

        /**
         * The time to stamp the next record with. The system clock is read for the first record after the writer
         * may have waited (for a batch, a write to the segment, the committer, a rotation) and then for every
         * {@link #CLOCK_RECORDS}th record: a record's time is at most {@code CLOCK_RECORDS - 1} records' work older
         * than a reading taken for it, a few tens of microseconds, well under the millisecond the time shows. Times come in the
         * order of the clock's readings, as before.
         */
        private byte[] time() {
            if (--clockRecordsLeft >= 0 && systemClock) {
                return lastTime;
            }
            clockRecordsLeft = CLOCK_RECORDS - 1;
            long millis = clock.millis();
            if (millis != lastMillis) {
                lastMillis = millis;
                lastTime = LineFormat.TIME.format(Instant.ofEpochMilli(millis)).getBytes(StandardCharsets.US_ASCII);
            }
            return lastTime;
        }

        /** The writer waited: the next record reads the clock. */
        private void clockStale() {
            clockRecordsLeft = 0;
        }

        /** Writes the buffer to the segment. */
        private void flush() throws IOException {
            flush(out.position());
        }

        /** Writes {@code out[0, n)} to the segment and keeps the rest of the buffer at its start. */
        private void flush(int n) throws IOException {
            ByteBuffer o = out;
            int end = o.position();
            if (n > 0) {
                o.position(0).limit(n);
                writeFully(o);
                o.limit(o.capacity());
                int rest = end - n;
                if (rest > 0) {
                    // only at a rotation: the next segment's first line
                    byte[] line = new byte[rest];
                    o.get(n, line);
                    o.put(0, line);
                }
                o.position(rest);
            }
            if (o.capacity() > 4 * BUFFER_BYTES && o.position() <= BUFFER_BYTES) {
                // after a very large record: give the memory back
                ByteBuffer smaller = ByteBuffer.allocateDirect(BUFFER_BYTES + 4096);
                o.flip();
                smaller.put(o);
                out = smaller;
            }
        }

        private void writeFully(ByteBuffer b) throws IOException {
            while (b.hasRemaining()) {
                channel.write(b);
            }
        }

        /**
         * Completes the futures of the records after {@link #ackedSeq} up to {@code last}, in sequence order: their
         * records are durable as configured, and end at byte {@code bytes} of the current segment. Runs on the
         * writer thread, or (GROUP_COMMIT) on the committer's while the writer leaves these slots alone.
         */
        @SuppressWarnings("unchecked")
        private void acknowledgeUpTo(long last, long bytes) {
            // every one of them is durable as configured now, so the counter may go first
            log.lastSequence = last;
            CompletableFuture<?>[] futures = ring;
            int mask = ringMask;
            for (long seq = ackedSeq + 1; seq <= last; seq++) {
                int i = (int) seq & mask;
                CompletableFuture<?> f = futures[i];
                if (f != null) {
                    futures[i] = null;
                    ((CompletableFuture<Long>) f).complete(seq);
                }
            }
            ackedBytes = bytes;
            // publishes the cleared slots to the writer
            ackedSeq = last;
        }

        /**
         * Finishes the current segment (everything in it acknowledged) and starts the next. The buffer holds the
         * lines for the current segment in {@code [0, lineStart)} and the first line of the next after them.
         *
         * <p>With SYNC_EACH and GROUP_COMMIT the finished segment is forced here, before its records are
         * acknowledged. With PAGE_CACHE its records are acknowledged once written, as always in that mode, and
         * the force that makes a cleanly closed log durable runs on another thread while the writer goes on; the
         * writer waits for it before the next rotation and before close writes HEAD, and a failed force fails
         * the log.
         */
        private void rotate(int lineStart) throws IOException, InterruptedException {
            flush(lineStart);
            FileChannel finished = channel;
            String finishedName = Segments.name(segIndex);
            // until the finished segment is dealt with, a failure truncates its unacknowledged bytes (fail())
            long last = nextSeq - 1;
            if (mode == Durability.Mode.PAGE_CACHE) {
                acknowledgeUpTo(last, segBytes);
                awaitSegmentForcer();
            } else {
                if (committer != null) {
                    // the committer's groups are in this segment: let it finish, then force the rest here
                    committer.awaitIdle();
                }
                finished.force(false);
                acknowledgeUpTo(last, segBytes);
                finished.close();
            }
            requestedSeq = last;
            channel = null;
            segIndex++;
            try {
                channel = channels.open(dir.resolve(Segments.name(segIndex)));
            } catch (IOException | RuntimeException e) {
                if (mode == Durability.Mode.PAGE_CACHE) {
                    finished.close();
                }
                throw e;
            }
            channel.position(channel.size());
            segBytes = channel.size();
            ackedBytes = segBytes;
            if (mode == Durability.Mode.PAGE_CACHE) {
                segmentForcer = new Thread(() -> forceAndClose(finished, finishedName),
                        "fairaudit-log-segment-force[" + dir.getFileName() + "]");
                segmentForcer.setDaemon(true);
                segmentForcer.start();
            } else {
                Segments.fsyncDir(dir);
            }
            clockStale();
        }

        /** On the forcer thread: forces a finished segment, closes it, and forces the folder (the new segment). */
        private void forceAndClose(FileChannel finished, String name) {
            try (finished) {
                finished.force(false);
            } catch (IOException | RuntimeException e) {
                segmentForceFailure = new IOException("forcing the finished segment " + name + " of decision log at "
                        + dir + " failed: " + e, e);
                return;
            }
            Segments.fsyncDir(dir);
        }

        /** Waits for the forcer of the last finished segment, if any; throws its failure. */
        private void awaitSegmentForcer() throws IOException, InterruptedException {
            if (segmentForcer != null) {
                segmentForcer.join();
                segmentForcer = null;
            }
            checkSegmentForcer();
        }

        private void checkSegmentForcer() throws IOException {
            Throwable f = segmentForceFailure;
            if (f != null) {
                throw f instanceof IOException io ? io : new IOException(f);
            }
        }

        private void closeCleanly() throws IOException, InterruptedException {
            awaitSegmentForcer();
            if (committer != null) {
                // the groups handed over are forced and acknowledged; the rest is forced below with the checkpoint
                committer.awaitIdle();
                committer.stop();
            }
            ObjectNode cp = JsonNodeFactory.instance.objectNode();
            cp.put("lastSeq", nextSeq - 1);
            cp.put("headHash", Hex.of(hasher.linkHash()));
            long seq = nextSeq;
            clockStale();
            append(RecordType.CHECKPOINT, cp, null);
            flush();
            // a checkpoint that rotated into a new segment: PAGE_CACHE forced the old one off this thread
            awaitSegmentForcer();
            channel.force(false);
            acknowledgeUpTo(nextSeq - 1, segBytes);
            requestedSeq = nextSeq - 1;
            checkpointSeq = seq;
            checkpointHash = Hex.of(hasher.linkHash());
            new Head(hasher.keyed(), true, checkpointSeq, checkpointHash).write(dir, hasher);
            channel.close();
            channel = null;
        }

        /** The log cannot go on: fail everything not acknowledged, remove its bytes if possible, refuse more. */
        @SuppressWarnings("unchecked")
        private void fail(Throwable cause) {
            log.failure = cause;
            log.state = LogHealth.State.FAILED;
            int[] queuedCount = new int[1];
            List<CompletableFuture<?>> queued = log.queue.fail(cause, queuedCount);
            if (encoder != null) {
                // the encoder stops (its drain returns, its hand-over is refused) and fails what it holds
                encoder.fail(cause);
            }
            if (committer != null) {
                // no new force; one under way ends first (and may acknowledge what it covers: that is durable)
                committer.stop();
            }
            long acked = ackedSeq;
            LOG.error("decision log at {} failed; {} records not acknowledged are failed, {} queued ones too: {}", dir,
                    nextSeq - 1 - acked + Math.max(0, batchLen - batchPos), queuedCount[0], cause.toString());
            for (long seq = acked + 1; seq < nextSeq; seq++) {
                int i = (int) seq & ringMask;
                if (ring[i] != null) {
                    ring[i].completeExceptionally(cause);
                    ring[i] = null;
                }
            }
            for (int i = batchPos; i < batchLen; i++) {
                if (batchFutures[i] != null) {
                    batchFutures[i].completeExceptionally(cause);
                }
                batchTypes[i] = null;
                batchPayloads[i] = null;
                batchFutures[i] = null;
            }
            if (current != null) {
                current.failRest(cause);
                current = null;
            }
            if (encoder != null) {
                encoder.failHandedOver(cause);
            }
            for (CompletableFuture<?> f : queued) {
                f.completeExceptionally(cause);
            }
            if (segmentForcer != null) {
                try {
                    segmentForcer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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

        /**
         * GROUP_COMMIT: forces the segment and acknowledges on its own thread, so that the writer goes on encoding
         * and writing while the disk syncs. The writer hands it "everything up to record S, which ends at byte X
         * of this channel, is written" ({@link #request}); it forces the channel, completes the futures up to S in
         * order and advances the log's last sequence number. Requests that arrive during a force are taken
         * together by the next one. A force that fails fails the queue (refusing new records and waking the
         * writer), and the writer then fails the log from its own thread: every record after the last
         * acknowledged one fails, and its bytes are cut off. Rotation and close wait until it is idle.
         */
        private final class Committer implements Runnable {
            final Thread thread;
            /** Guarded by this: the last record handed over, where it ends, and on which channel. */
            private long requested = ackedSeq;
            private long requestedBytes;
            private FileChannel requestedChannel;
            private boolean stopping;
            private volatile Throwable failure;

            Committer() {
                thread = new Thread(this, "fairaudit-log-commit[" + dir.getFileName() + "]");
                thread.setDaemon(true);
            }

            /** Records up to {@code last}, ending at byte {@code bytes} of {@code ch}, are written: force them. */
            synchronized void request(long last, long bytes, FileChannel ch) throws IOException {
                throwIfFailed();
                requested = last;
                requestedBytes = bytes;
                requestedChannel = ch;
                notifyAll();
            }

            /**
             * Waits until every record handed over is acknowledged; throws the failure of a force. Once stopped
             * (close), returns at once: the writer then forces and acknowledges by itself.
             */
            synchronized void awaitIdle() throws IOException, InterruptedException {
                while (ackedSeq < requested && failure == null && !stopping) {
                    wait();
                }
                throwIfFailed();
            }

            /** Waits until record {@code seq} is acknowledged (it must have been handed over). */
            synchronized void awaitAcknowledged(long seq) throws IOException, InterruptedException {
                while (ackedSeq < seq && failure == null) {
                    wait();
                }
                throwIfFailed();
            }

            /** Throws the failure of a force, as it was thrown (the futures fail with that cause). */
            void throwIfFailed() throws IOException {
                Throwable f = failure;
                if (f != null) {
                    EncoderStage.throwFailure(f);
                }
            }

            /** Takes no new request; waits for a force under way to end (and acknowledge), then for the thread. */
            void stop() {
                synchronized (this) {
                    stopping = true;
                    notifyAll();
                }
                joinUninterruptibly(thread);
            }

            @Override
            public void run() {
                try {
                    while (true) {
                        long last;
                        long bytes;
                        FileChannel ch;
                        synchronized (this) {
                            // `<=`: at a rotation the writer, once this thread is idle, forces and acknowledges the
                            // rest of the segment itself, past the last request; that request is then done
                            while (requested <= ackedSeq && !stopping) {
                                wait();
                            }
                            if (stopping) {
                                return;
                            }
                            last = requested;
                            bytes = requestedBytes;
                            ch = requestedChannel;
                        }
                        // everything up to `last` was written before it was handed over, so this force covers it
                        ch.force(false);
                        acknowledgeUpTo(last, bytes);
                        synchronized (this) {
                            notifyAll();
                        }
                    }
                } catch (Throwable t) {
                    synchronized (this) {
                        failure = t;
                        notifyAll();
                    }
                    log.failure = t;
                    log.state = LogHealth.State.FAILED;
                    // refuse new records at once and wake the writer, which fails the rest of the log
                    int[] count = new int[1];
                    for (CompletableFuture<?> f : log.queue.fail(t, count)) {
                        f.completeExceptionally(t);
                    }
                    EncoderStage e = encoder;
                    if (e != null) {
                        // the writer waits on the encoder stage, not on the queue
                        e.fail(t);
                    }
                }
            }
        }
    }
}
