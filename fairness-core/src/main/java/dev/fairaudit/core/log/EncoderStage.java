package dev.fairaudit.core.log;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encoder stage of a log (PAGE_CACHE and GROUP_COMMIT): a thread that drains the record queue in order,
 * encodes each payload (its canonical bytes, a content's pseudonym, the payload digest in hex) into a batch, and
 * hands full batches, in order, to the writer thread, which assigns sequence numbers and times, chains, builds
 * the lines and writes them. A payload that cannot be encoded is refused here (its future fails, or an unwatched
 * one is reported at error level) and never reaches the writer, so it takes no sequence number.
 *
 * <p><b>Bounded.</b> There are {@link #BATCHES} batches per log, each of at most the writer's batch size in
 * records; the encoder takes a free one before it drains the queue, so when the writer falls behind, the
 * encoder waits with the records still in the queue and backpressure (section 8) applies as before.
 *
 * <p><b>Failing.</b> Whichever stage fails first (the encoder on an unexpected error, the writer, the committer)
 * calls {@link #fail}: the writer's next {@link #take} throws the cause (and the writer fails the log), the
 * encoder's next {@link #takeFree} or {@link #put} is refused, and the encoder fails the futures of the records
 * it holds and stops. The writer fails the futures of the batches handed over but not written
 * ({@link #failHandedOver}) after the encoder has stopped ({@link #join}).
 */
final class EncoderStage implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(EncoderStage.class);

    /** Batches per log: one being encoded, one being written, and room for the two stages' jitter. */
    static final int BATCHES = 4;
    /** A batch is handed over once its payloads reach this many bytes (the writer's buffer is 1 MiB). */
    static final int BATCH_BYTES = 1 << 20;
    /** A full-sized batch buffer: a batch's payloads plus room for the record that crosses the threshold. */
    private static final int FULL_BYTES = BATCH_BYTES + (64 << 10);

    /** The writer's signal that the queue was closed and everything before the close has been handed over. */
    static final Batch END = new Batch(0);

    /**
     * Which stage computes the payload digests. Either gives the same bytes; the digest is the one piece of a
     * record's work that both threads can do, so it goes to the one with time to spare.
     */
    enum Digests {
        /** Always the encoder (the tests' reference). */
        ENCODER,
        /** Always the writer (the tests' other extreme). */
        WRITER,
        /**
         * The default: a batch the encoder starts while the writer has two batches waiting (the writer is behind)
         * gets its digests from the encoder; a batch started while at most one waits (the encoder is behind, or the
         * log is idle) leaves them to the writer. Over a busy stretch this shares the digests so that both stages are
         * about equally busy, on two cores the most the pair can do.
         */
        BALANCED
    }

    /** Records encoded for the writer: in order, each with its type, future, digest and canonical payload. */
    static final class Batch {
        final RecordType[] types;
        final CompletableFuture<?>[] futures;
        /** Payload {@code i} is {@code payloads.buf[ends[i - 1], ends[i])} (from 0 for the first). */
        final int[] ends;
        /** The 64 hex digits of payload {@code i}'s SHA-256 at {@code [64 i, 64 i + 64)}. */
        final byte[] digestHex;
        final Bytes payloads;
        final CanonicalWriter contentWriter;
        /** Whether the encoder wrote the digests' hex digits; if not, the writer computes them from the payloads. */
        boolean digested;
        /** Records in the batch. */
        int count;
        /** The writer's progress: records before it have been given a sequence number (or failed). */
        int pos;

        Batch(int capacity) {
            types = new RecordType[capacity];
            futures = new CompletableFuture<?>[capacity];
            ends = new int[capacity];
            digestHex = new byte[64 * capacity];
            payloads = new Bytes(capacity == 0 ? 0 : 64 * 1024);
            contentWriter = new CanonicalWriter(payloads);
        }

        int start(int i) {
            return i == 0 ? 0 : ends[i - 1];
        }

        /** Fails the futures of the records from {@link #pos} on and forgets the batch's records. */
        void failRest(Throwable cause) {
            for (int i = pos; i < count; i++) {
                CompletableFuture<?> f = futures[i];
                if (f != null) {
                    f.completeExceptionally(cause);
                }
            }
            clear();
        }

        void clear() {
            java.util.Arrays.fill(types, 0, count, null);
            java.util.Arrays.fill(futures, 0, count, null);
            count = 0;
            pos = 0;
            payloads.clear();
            if (payloads.buf.length > FULL_BYTES) {
                // after a very large record: give the memory back
                payloads.buf = new byte[FULL_BYTES];
            }
        }
    }

    private final java.nio.file.Path dir;
    private final RecordQueue queue;
    final Thread thread;
    private final ChainHasher hasher = new ChainHasher(null);
    private final CanonicalJson.Scratch scratch = new CanonicalJson.Scratch();
    private final byte[] digest = new byte[32];
    private final Digests digests;

    private final RecordType[] drainedTypes;
    private final Object[] drainedPayloads;
    private final CompletableFuture<?>[] drainedFutures;
    /** The drained records from here on are not yet encoded (for failing them). */
    private int drainedPos;
    private int drainedLen;
    /** The batch being filled, not yet handed over (for failing it). */
    private Batch current;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition handedOver = lock.newCondition();
    private final Condition freed = lock.newCondition();
    /** Guarded by lock: batches encoded and not yet taken by the writer, in order; END last. */
    private final ArrayDeque<Batch> full = new ArrayDeque<>(BATCHES + 1);
    /** Guarded by lock: batches the encoder may fill. */
    private final ArrayDeque<Batch> free = new ArrayDeque<>(BATCHES);
    /** Guarded by lock: the first stage failure, or null. */
    private Throwable failure;

    EncoderStage(java.nio.file.Path dir, RecordQueue queue, int batchRecords, Digests digests) {
        this.dir = dir;
        this.queue = queue;
        this.digests = digests;
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(batchRecords));
        }
        drainedTypes = new RecordType[batchRecords];
        drainedPayloads = new Object[batchRecords];
        drainedFutures = new CompletableFuture<?>[batchRecords];
        thread = new Thread(this, "fairaudit-log-encoder[" + dir.getFileName() + "]");
        thread.setDaemon(true);
    }

    @Override
    public void run() {
        try {
            while (true) {
                Batch b = takeFree();
                if (b == null) {
                    return;
                }
                current = b;
                int n = queue.drain(drainedTypes, drainedPayloads, drainedFutures, -1);
                if (n < 0) {
                    // closed and empty (or failed: then the writer is failing the log and refuses END too)
                    current = null;
                    recycleUnused(b);
                    put(END);
                    return;
                }
                drainedLen = n;
                drainedPos = 0;
                presize(b, n);
                while (drainedPos < drainedLen) {
                    encode(b, drainedTypes[drainedPos], drainedPayloads[drainedPos], drainedFutures[drainedPos]);
                    drainedTypes[drainedPos] = null;
                    drainedPayloads[drainedPos] = null;
                    drainedFutures[drainedPos] = null;
                    drainedPos++;
                    if (b.payloads.len >= BATCH_BYTES && drainedPos < drainedLen) {
                        current = null;
                        if (!put(b)) {
                            return;
                        }
                        b = takeFree();
                        if (b == null) {
                            return;
                        }
                        current = b;
                        presize(b, drainedLen - drainedPos);
                    }
                }
                drainedLen = 0;
                current = null;
                if (b.count == 0) {
                    recycleUnused(b); // every record of the drain was refused
                } else if (!put(b)) {
                    return;
                }
            }
        } catch (Throwable t) {
            // not a payload's fault (those are refused one by one): the stage cannot go on, so the log fails
            fail(t);
        } finally {
            Throwable cause = failureOrNull();
            if (cause != null) {
                failHeld(cause);
            }
        }
    }

    /**
     * A batch starts small (a quiet log keeps little memory); once a drain brings enough records to fill it, its
     * buffer is made full-sized at once, rather than doubled several times over (the copies would cost a busy
     * log tens of bytes per record).
     */
    private static void presize(Batch b, int records) {
        Bytes out = b.payloads;
        if (out.len == 0 && out.buf.length < FULL_BYTES && records * 256L > out.buf.length) {
            out.buf = new byte[FULL_BYTES];
        }
    }

    /** Encodes one record at the end of {@code b}, or refuses it. */
    private void encode(Batch b, RecordType type, Object payload, CompletableFuture<?> future) {
        Bytes out = b.payloads;
        int start = out.len;
        int length;
        try {
            length = CanonicalJson.writePayload(type, payload, out, b.contentWriter, scratch);
        } catch (IllegalArgumentException e) {
            refuse(type, future, e);
            return;
        }
        int i = b.count;
        if (b.digested) {
            hasher.sha256(out.buf, start, length, digest);
            Bytes.hex32(digest, b.digestHex, 64 * i);
        }
        b.types[i] = type;
        b.futures[i] = future;
        b.ends[i] = out.len;
        b.count = i + 1;
    }

    /** A record that cannot be written: only its own future fails; it never reaches the writer. */
    @SuppressWarnings("unchecked")
    private void refuse(RecordType type, CompletableFuture<?> future, IllegalArgumentException why) {
        if (future != null) {
            ((CompletableFuture<Long>) future).completeExceptionally(why);
        } else {
            // nobody watches this record's commit: say so here (the reason names no payload values)
            LOG.error("decision log at {}: a {} record could not be written and was refused: {}", dir, type,
                    why.getMessage());
        }
    }

    /** On the encoder thread, once the stage failed: fails the futures of the drained records not handed over. */
    private void failHeld(Throwable cause) {
        if (current != null) {
            current.failRest(cause);
            current = null;
        }
        for (int i = drainedPos; i < drainedLen; i++) {
            CompletableFuture<?> f = drainedFutures[i];
            if (f != null) {
                f.completeExceptionally(cause);
            }
            drainedTypes[i] = null;
            drainedPayloads[i] = null;
            drainedFutures[i] = null;
        }
        drainedLen = 0;
        drainedPos = 0;
    }

    private Throwable failureOrNull() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a free batch; null once the stage failed. */
    private Batch takeFree() throws InterruptedException {
        lock.lock();
        try {
            while (free.isEmpty() && failure == null) {
                freed.await();
            }
            if (failure != null) {
                return null;
            }
            Batch b = free.poll();
            b.digested = switch (digests) {
                case ENCODER -> true;
                case WRITER -> false;
                // the batch just handed over may not be taken yet: the writer is behind only with two waiting
                case BALANCED -> full.size() >= 2;
            };
            return b;
        } finally {
            lock.unlock();
        }
    }

    private void recycleUnused(Batch b) {
        b.clear();
        lock.lock();
        try {
            free.push(b);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a batch (or END) to the writer. Refused once the stage failed: the batch's futures then fail here.
     *
     * @return whether the writer will take it
     */
    private boolean put(Batch b) {
        Throwable cause;
        lock.lock();
        try {
            cause = failure;
            if (cause == null) {
                full.add(b);
                handedOver.signal();
                return true;
            }
        } finally {
            lock.unlock();
        }
        b.failRest(cause);
        return false;
    }

    /**
     * On the writer thread: the next batch, in order. Waits at most {@code timeoutNanos} (negative: until one
     * comes).
     *
     * @return the batch, {@link #END} after the last, or null on timeout
     * @throws IOException the failure of a stage, as it was thrown (or wrapped, if checked and not an
     *                     {@code IOException}); the writer then fails the log with it
     */
    Batch take(long timeoutNanos) throws IOException, InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (full.isEmpty() && failure == null) {
                if (timeoutNanos < 0) {
                    handedOver.await();
                } else {
                    if (remaining <= 0) {
                        return null;
                    }
                    remaining = handedOver.awaitNanos(remaining);
                }
            }
            if (failure != null) {
                throwFailure(failure);
            }
            return full.poll();
        } finally {
            lock.unlock();
        }
    }

    /** On the writer thread: gives a written batch back to the encoder. */
    void recycle(Batch b) {
        b.clear();
        lock.lock();
        try {
            free.push(b);
            freed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Any stage: the log cannot go on. The first cause is kept; both stages are woken. */
    void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            handedOver.signalAll();
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * On the writer thread, failing the log, after {@link #fail} and after the queue was failed (so that the
     * encoder's drain returns): waits for the encoder to stop, then fails the futures of every batch handed over
     * and not taken.
     */
    void failHandedOver(Throwable cause) {
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
        lock.lock();
        try {
            for (Batch b; (b = full.poll()) != null; ) {
                b.failRest(cause);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the calling thread is the encoder's (a refused record's callbacks run there). */
    boolean isEncoderThread() {
        return Thread.currentThread() == thread;
    }

    /** Throws a stage's failure as it was thrown: an I/O error, runtime exception or error itself, else wrapped. */
    static void throwFailure(Throwable f) throws IOException {
        if (f instanceof IOException io) {
            throw io;
        } else if (f instanceof RuntimeException r) {
            throw r;
        } else if (f instanceof Error e) {
            throw e;
        }
        throw new IOException(f);
    }
}
