package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between callers and the writer: a ring buffer under one lock, so that "accepted" and
 * "closed" are decided atomically. A record accepted before {@link #close()} is always drained by the writer
 * (or failed by {@link #fail}); a record offered after it is refused. No record falls in between.
 */
final class RecordQueue {

    /** A record waiting to be written: its payload as a tree or as content that writes itself (one is null). */
    record Pending(RecordType type, ObjectNode payload, RecordContent content, CompletableFuture<Long> future) {
    }

    static final int OK = 0;
    static final int FULL = 1;
    static final int CLOSED = 2;
    static final int FAILED = 3;

    private final Pending[] items;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean closed;
    private Throwable failure;
    private boolean consumerWaiting;
    private int producersWaiting;

    RecordQueue(int capacity) {
        items = new Pending[capacity];
    }

    int capacity() {
        return items.length;
    }

    /**
     * Offers a record.
     *
     * @param block wait for space when full
     * @return {@link #OK}, {@link #FULL} (only when not blocking), {@link #CLOSED} or {@link #FAILED}
     * @throws InterruptedException when interrupted while waiting for space; the record was not accepted
     */
    int offer(Pending p, boolean block) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    return FAILED;
                }
                if (closed) {
                    return CLOSED;
                }
                if (count < items.length) {
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
            if (tail >= items.length) {
                tail -= items.length;
            }
            items[tail] = p;
            count++;
            if (consumerWaiting) {
                notEmpty.signal();
            }
            return OK;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code into.length} records, waiting for at least one.
     *
     * @param timeoutNanos how long to wait when empty: negative waits until a record comes or the queue closes
     * @return the number taken; 0 on timeout; -1 when the queue is closed and empty
     */
    int drain(Pending[] into, long timeoutNanos) throws InterruptedException {
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
                    if (timeoutNanos < 0) {
                        notEmpty.await();
                    } else {
                        remaining = notEmpty.awaitNanos(remaining);
                    }
                } finally {
                    consumerWaiting = false;
                }
            }
            int n = Math.min(count, into.length);
            for (int i = 0; i < n; i++) {
                into[i] = items[head];
                items[head] = null;
                head = head + 1 == items.length ? 0 : head + 1;
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

    /** Refuses further records with {@code cause} and hands back every record still queued. */
    List<Pending> fail(Throwable cause) {
        lock.lock();
        try {
            failure = cause;
            closed = true;
            List<Pending> left = new ArrayList<>(count);
            while (count > 0) {
                left.add(items[head]);
                items[head] = null;
                head = head + 1 == items.length ? 0 : head + 1;
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
