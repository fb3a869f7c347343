package dev.fairaudit.core.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between callers and the writer: a ring buffer under one lock, so that "accepted" and
 * "closed" are decided atomically. A record accepted before {@link #close()} is always drained by the writer
 * (or failed by {@link #fail}); a record offered after it is refused. No record falls in between.
 *
 * <p>A record is three slots of parallel arrays (its type's ordinal, its payload, its future), not an object,
 * so that offering one allocates nothing; the type is a byte, and the future of an unwatched record is null, so
 * that an offer stores one reference (each reference stored into these long-lived arrays costs a GC write
 * barrier). The payload is an {@link com.fasterxml.jackson.databind.node.ObjectNode} or
 * a {@link RecordContent}; the future is null when the caller did not ask to watch the commit.
 *
 * <p>Waking the writer costs the offering thread a system call (an unpark), several times what the rest of an
 * offer costs. So a record nobody watches does not wake a writer that is merely lingering: an idle writer
 * first waits in short naps ({@link #LINGER_NANOS}) and looks at the queue after each, and only after
 * {@link #LINGER_NAPS} empty naps in a row goes to sleep until woken. A record whose commit someone watches
 * (it has a future) wakes the writer at once, as does any record when the writer is asleep or the queue holds
 * {@link #wakeAt} records. An unwatched record thus reaches the writer within a nap, at most about a
 * millisecond later than it could have; it is not acknowledged before it is written, so nothing changes for
 * what a crash may lose.
 */
final class RecordQueue {

    /** How long an idle writer naps before it looks at the queue again. */
    static final long LINGER_NANOS = 1_000_000;
    /** Empty naps in a row after which the writer sleeps until woken. */
    static final int LINGER_NAPS = 10;

    static final int OK = 0;
    static final int FULL = 1;
    static final int CLOSED = 2;
    static final int FAILED = 3;

    private static final RecordType[] TYPES = RecordType.values();

    private final byte[] types;
    private final Object[] payloads;
    private final CompletableFuture<?>[] futures;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean closed;
    private Throwable failure;
    private boolean consumerWaiting;
    /** The writer waits until woken (no nap, no deadline): every record must wake it. */
    private boolean consumerAsleep;
    private int emptyNaps;
    /** Queue depth at which even an unwatched record wakes a napping writer. */
    private final int wakeAt;
    private int producersWaiting;

    RecordQueue(int capacity) {
        wakeAt = Math.max(1, Math.min(capacity / 4, 1024));
        types = new byte[capacity];
        payloads = new Object[capacity];
        futures = new CompletableFuture<?>[capacity];
    }

    int capacity() {
        return types.length;
    }

    /**
     * Offers a record.
     *
     * @param payload an ObjectNode or a RecordContent
     * @param future  completes when the record is committed; null when nobody watches the commit
     * @param block   wait for space when full
     * @return {@link #OK}, {@link #FULL} (only when not blocking), {@link #CLOSED} or {@link #FAILED}
     * @throws InterruptedException when interrupted while waiting for space; the record was not accepted
     */
    int offer(RecordType type, Object payload, CompletableFuture<Long> future, boolean block)
            throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    return FAILED;
                }
                if (closed) {
                    return CLOSED;
                }
                if (count < types.length) {
                    break;
                }
                if (!block) {
                    return FULL;
                }
                producersWaiting++;
                try {
                    notFull.await();
                } finally {
                    producersWaiting--;
                }
            }
            int tail = head + count;
            if (tail >= types.length) {
                tail -= types.length;
            }
            types[tail] = (byte) type.ordinal();
            payloads[tail] = payload;
            futures[tail] = future;
            count++;
            if (consumerWaiting && (future != null || consumerAsleep || count >= wakeAt)) {
                notEmpty.signal();
            }
            return OK;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code intoTypes.length} records into the three arrays, waiting for at least one.
     *
     * @param timeoutNanos how long to wait when empty: negative waits until a record comes or the queue closes
     * @return the number taken; 0 on timeout; -1 when the queue is closed and empty
     */
    int drain(RecordType[] intoTypes, Object[] intoPayloads, CompletableFuture<?>[] intoFutures, long timeoutNanos)
            throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeoutNanos;
            while (count == 0) {
                if (closed) {
                    return -1;
                }
                if (timeoutNanos >= 0 && remaining <= 0) {
                    return 0;
                }
                consumerWaiting = true;
                try {
                    if (timeoutNanos < 0 && emptyNaps >= LINGER_NAPS) {
                        consumerAsleep = true;
                        notEmpty.await();
                    } else {
                        long nap = timeoutNanos < 0 ? LINGER_NANOS : Math.min(remaining, LINGER_NANOS);
                        long left = notEmpty.awaitNanos(nap);
                        if (timeoutNanos >= 0) {
                            remaining -= nap - left;
                        }
                        if (count == 0 && left <= 0) {
                            emptyNaps++;
                        }
                    }
                } finally {
                    consumerWaiting = false;
                    consumerAsleep = false;
                }
            }
            emptyNaps = 0;
            int n = Math.min(count, intoTypes.length);
            // at most two runs of the ring: copy them in bulk, then clear the slots
            int first = Math.min(n, types.length - head);
            copyOut(head, intoTypes, intoPayloads, intoFutures, 0, first);
            if (first < n) {
                copyOut(0, intoTypes, intoPayloads, intoFutures, first, n - first);
            }
            head += n;
            if (head >= types.length) {
                head -= types.length;
            }
            count -= n;
            if (producersWaiting > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Moves {@code n} records from slot {@code from} into the writer's arrays at {@code at}, clearing them. */
    private void copyOut(int from, RecordType[] intoTypes, Object[] intoPayloads, CompletableFuture<?>[] intoFutures,
            int at, int n) {
        for (int i = 0; i < n; i++) {
            intoTypes[at + i] = TYPES[types[from + i]];
        }
        System.arraycopy(payloads, from, intoPayloads, at, n);
        System.arraycopy(futures, from, intoFutures, at, n);
        clear(from, n);
    }

    private void clear(int from, int n) {
        java.util.Arrays.fill(payloads, from, from + n, null);
        java.util.Arrays.fill(futures, from, from + n, null);
    }

    /** Refuses further records; those already accepted are still drained. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses further records with {@code cause} and hands back the futures of every record still queued (those
     * nobody watches have none).
     *
     * @return how many records were still queued, and their futures
     */
    List<CompletableFuture<?>> fail(Throwable cause, int[] queuedOut) {
        lock.lock();
        try {
            failure = cause;
            closed = true;
            queuedOut[0] = count;
            List<CompletableFuture<?>> left = new ArrayList<>(count);
            while (count > 0) {
                if (futures[head] != null) {
                    left.add(futures[head]);
                }
                clear(head, 1);
                head = head + 1 == types.length ? 0 : head + 1;
                count--;
            }
            notEmpty.signalAll();
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    Throwable failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
