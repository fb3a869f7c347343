package dev.fairaudit.core.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between callers and the writer: a ring buffer that many threads offer to without a lock and
 * one thread drains (the log's encoder stage with {@code PAGE_CACHE} and {@code GROUP_COMMIT}, the writer itself
 * with {@code SYNC_EACH}; "the writer" below means that thread), in the style of a multi-producer single-consumer
 * array queue (JCTools' {@code MpscArrayQueue}, the LMAX Disruptor's multi-producer sequencer).
 *
 * <p><b>Accepted or refused, never in between.</b> One word, the <em>producer index</em>, holds both how many
 * records were ever claimed and whether the queue is closed or failed (two high bits). An offer claims slot
 * {@code p} by a compare-and-set of that word from {@code p} to {@code p + 1}; {@link #close()} and
 * {@link #fail} set their bit in the same word with one atomic read-modify-write. So each offer's claim is
 * ordered before or after the close: a claim before it is accepted, and the writer, which learns from that one
 * word exactly how many records were claimed before the close, drains them all (or {@link #fail} fails them); a
 * compare-and-set after it fails, and the offer sees the bit and is refused. A claimed slot is always written:
 * between the claim and the store that publishes the record there is nothing that can throw.
 *
 * <p><b>Publishing.</b> After its claim, an offer stores the record's type and future in their slots with plain
 * stores and then its payload with a release store. The payload is never null, so a non-null payload slot is
 * the sign that the record is complete; the writer reads it with an acquire load, and takes published records
 * in index order, waiting (briefly: the offer is a few stores away from publishing) for a claimed slot that is
 * not yet published. The writer clears the slots it took and only then advances the <em>consumer index</em>,
 * so an offer never writes a slot the writer is still reading.
 *
 * <p>A record is three slots of parallel arrays (its type's ordinal, its payload, its future), not an object, so
 * that offering one allocates nothing; the type is a byte, and the future of an unwatched record is null and
 * not stored at all (the writer leaves every future slot it took null), so that an offer stores one reference
 * (each reference stored into these long-lived arrays costs a GC write barrier). The payload is an
 * {@link com.fasterxml.jackson.databind.node.ObjectNode} or a {@link RecordContent}; the future is null when the
 * caller did not ask to watch the commit. The arrays have a power-of-two length (at least the capacity) so that
 * an index becomes a slot by a mask; the capacity, not the length, bounds how many records are queued.
 *
 * <p><b>Full.</b> An offer that finds {@link #capacity()} records queued either returns {@link #FULL} (fail
 * fast) or waits under a lock for the writer to make room (block; the lock and its condition are used only
 * then): it counts itself in {@link #producersWaiting} and checks again under the lock, and the writer, after
 * advancing the consumer index, signals when that count is non-zero. {@link #close()} and {@link #fail} signal
 * too, and a waiting offer that wakes to a closed queue is refused.
 *
 * <p><b>Waking the writer.</b> Waking costs the offering thread a system call (an unpark), several times what the
 * rest of an offer costs. So a record nobody watches does not wake a writer that is merely lingering: an idle
 * writer first waits in short naps ({@link #LINGER_NANOS}) and looks at the queue after each, and only after
 * {@link #LINGER_NAPS} empty naps in a row goes to sleep until woken. A record whose commit someone watches
 * (it has a future) wakes the writer at once, as does any record when the writer is asleep or the queue holds
 * {@link #wakeAt} records. An unwatched record thus reaches the writer within a nap, at most about a
 * millisecond later than it could have; it is not acknowledged before it is written, so nothing changes for
 * what a crash may lose. The writer announces that it waits (napping or asleep) in the <em>consumer state</em>
 * and then looks at the producer index once more; an offer claims (a full fence) and then reads the consumer
 * state. So either the writer sees the claim and does not wait, or the offer sees the writer waiting and wakes
 * it as the rules above say. Of several offers, the one whose compare-and-set moves the state back to running
 * wakes the writer; the others need not.
 *
 * <p>The three hot words (producer index, consumer index, consumer state) live in one {@code long[]}, 128 bytes
 * apart, so that the callers' compare-and-sets and the writer's stores do not share a cache line.
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

    /** Set in the producer index by {@link #close()} and by {@link #fail}. */
    private static final long CLOSED_BIT = 1L << 62;
    /** Set in the producer index by {@link #fail}, together with {@link #CLOSED_BIT}. */
    private static final long FAILED_BIT = 1L << 61;
    /** The count of claimed records in the producer index. */
    private static final long INDEX_MASK = FAILED_BIT - 1;

    /** Consumer states: taking records, napping (wake only for a reason), asleep (every record wakes it). */
    private static final long RUNNING = 0;
    private static final long NAPPING = 1;
    private static final long ASLEEP = 2;

    /** Positions in {@link #words}: 16 longs (128 bytes) apart, and 16 from either end of the array. */
    private static final int PRODUCER_INDEX = 16;
    private static final int CONSUMER_INDEX = 32;
    private static final int CONSUMER_STATE = 48;
    private static final int WORDS = 64;

    /** Spins on a claimed but unpublished slot before the writer starts yielding its core. */
    private static final int SPINS_BEFORE_YIELD = 128;

    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private static final RecordType[] TYPES = RecordType.values();

    private final byte[] types;
    private final Object[] payloads;
    private final CompletableFuture<?>[] futures;
    private final int mask;
    private final int capacity;
    /** Queue depth at which even an unwatched record wakes a napping writer. */
    private final int wakeAt;
    /** The producer index, the consumer index and the consumer state; see the positions above. */
    private final long[] words = new long[WORDS];
    /**
     * What the producers last read of the consumer index, plus the capacity: an offer below it needs not read the
     * consumer index (the writer's line). Only ever too low, never too high, so it cannot let an offer overfill.
     */
    private volatile long producerLimit;
    /** The thread that drains; set by it before it first waits, read by offers that wake it. */
    private volatile Thread consumer;
    private volatile Throwable failure;
    /** Offers waiting for space (block); the writer signals {@link #notFull} after taking records when non-zero. */
    private volatile int producersWaiting;
    /**
     * Held while records are taken out of the ring: by the writer once per batch, by {@link #fail} (which may run on
     * another thread) for the rest. Never by an offer.
     */
    private final Object takeLock = new Object();
    private final ReentrantLock fullLock = new ReentrantLock();
    private final Condition notFull = fullLock.newCondition();

    // the writer's own state, touched only by the draining thread
    private int emptyNaps;

    RecordQueue(int capacity) {
        if (capacity < 1 || capacity > 1 << 30) {
            throw new IllegalArgumentException("queue capacity must be between 1 and 2^30, was " + capacity);
        }
        int length = Integer.highestOneBit(capacity);
        if (length < capacity) {
            length <<= 1;
        }
        this.capacity = capacity;
        this.mask = length - 1;
        this.wakeAt = Math.max(1, Math.min(capacity / 4, 1024));
        this.types = new byte[length];
        this.payloads = new Object[length];
        this.futures = new CompletableFuture<?>[length];
        this.producerLimit = capacity;
    }

    int capacity() {
        return capacity;
    }

    /**
     * Offers a record. Safe from any number of threads at once.
     *
     * @param payload an ObjectNode or a RecordContent, not null
     * @param future  completes when the record is committed; null when nobody watches the commit
     * @param block   wait for space when full
     * @return {@link #OK}, {@link #FULL} (only when not blocking), {@link #CLOSED} or {@link #FAILED}
     * @throws InterruptedException when interrupted while waiting for space; the record was not accepted
     */
    int offer(RecordType type, Object payload, CompletableFuture<Long> future, boolean block)
            throws InterruptedException {
        long[] w = words;
        long limit = producerLimit;
        long word;
        long index;
        while (true) {
            word = (long) WORD.getVolatile(w, PRODUCER_INDEX);
            if (word >= CLOSED_BIT) {
                return (word & FAILED_BIT) != 0 ? FAILED : CLOSED;
            }
            index = word; // no bit set
            if (index >= limit) {
                limit = (long) WORD.getVolatile(w, CONSUMER_INDEX) + capacity;
                if (index >= limit) {
                    if (!block) {
                        return FULL;
                    }
                    awaitSpace();
                    limit = producerLimit;
                    continue;
                }
                producerLimit = limit;
            }
            if (WORD.compareAndSet(w, PRODUCER_INDEX, word, word + 1)) {
                break;
            }
        }
        // claimed: from here to the publishing store nothing can throw, so the slot is always filled
        int slot = (int) index & mask;
        types[slot] = (byte) type.ordinal();
        if (future != null) {
            futures[slot] = future; // the writer left the slot null
        }
        SLOT.setRelease(payloads, slot, payload);
        wakeConsumer(index + 1, future != null);
        return OK;
    }

    /** After an offer: wakes a waiting writer if the rules of the class comment say so. */
    private void wakeConsumer(long claimed, boolean watched) {
        long[] w = words;
        while (true) {
            long state = (long) WORD.getVolatile(w, CONSUMER_STATE);
            if (state == RUNNING) {
                return;
            }
            if (state == NAPPING && !watched
                    && claimed - (long) WORD.getVolatile(w, CONSUMER_INDEX) < wakeAt) {
                return; // a napping writer finds the record when its nap ends
            }
            if (WORD.compareAndSet(w, CONSUMER_STATE, state, RUNNING)) {
                LockSupport.unpark(consumer);
                return;
            }
        }
    }

    /**
     * Waits under the lock until the writer has taken records (or the queue closed): the slow path of a full
     * queue with {@link Backpressure#BLOCK}.
     */
    private void awaitSpace() throws InterruptedException {
        fullLock.lock();
        try {
            producersWaiting++; // only under fullLock, so a volatile increment is enough
            try {
                // checked again after counting ourselves in: the writer reads the count after advancing its index
                while (true) {
                    long word = (long) WORD.getVolatile(words, PRODUCER_INDEX);
                    if (word >= CLOSED_BIT) {
                        return;
                    }
                    long consumed = (long) WORD.getVolatile(words, CONSUMER_INDEX);
                    if ((word & INDEX_MASK) < consumed + capacity) {
                        return;
                    }
                    notFull.await();
                }
            } finally {
                producersWaiting--;
            }
        } finally {
            fullLock.unlock();
        }
    }

    /**
     * Takes up to {@code intoTypes.length} records into the three arrays, in the order they were claimed, waiting
     * for at least one. Only one thread drains (the writer).
     *
     * @param timeoutNanos how long to wait when empty: negative waits until a record comes or the queue closes
     * @return the number taken; 0 on timeout; -1 when the queue is closed and empty
     */
    int drain(RecordType[] intoTypes, Object[] intoPayloads, CompletableFuture<?>[] intoFutures, long timeoutNanos)
            throws InterruptedException {
        long[] w = words;
        long deadline = timeoutNanos >= 0 ? System.nanoTime() + timeoutNanos : 0;
        int spins = 0;
        while (true) {
            long word = (long) WORD.getVolatile(w, PRODUCER_INDEX);
            long claimed = word & INDEX_MASK;
            // read each time: fail() (on any thread) may have taken the rest
            long consumed = (long) WORD.getVolatile(w, CONSUMER_INDEX);
            if (claimed > consumed) {
                int n;
                synchronized (takeLock) {
                    consumed = (long) WORD.getVolatile(w, CONSUMER_INDEX);
                    n = claimed <= consumed ? 0 : take(consumed, (int) Math.min(claimed - consumed,
                            intoTypes.length), intoTypes, intoPayloads, intoFutures);
                    if (n > 0) {
                        // a volatile store, not only a release: it must not pass the read of producersWaiting
                        WORD.setVolatile(w, CONSUMER_INDEX, consumed + n);
                    }
                }
                if (n > 0) {
                    if (emptyNaps != 0) {
                        emptyNaps = 0; // only when needed: this line holds the fields every offer reads
                    }
                    signalSpace();
                    return n;
                }
                // the oldest claim is not published yet: its offer is a few stores from it (or lost its core)
                if (timeoutNanos >= 0 && System.nanoTime() - deadline >= 0) {
                    return 0;
                }
                if (++spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                continue;
            }
            if (word >= CLOSED_BIT) {
                return -1;
            }
            long remaining = timeoutNanos >= 0 ? deadline - System.nanoTime() : -1;
            if (timeoutNanos >= 0 && remaining <= 0) {
                return 0;
            }
            await(consumed, timeoutNanos < 0, remaining);
        }
    }

    /**
     * Waits once: a nap (at most {@link #LINGER_NANOS} or {@code remaining}), or, after {@link #LINGER_NAPS}
     * empty naps without a deadline, a sleep until an offer or {@link #close()} wakes it.
     */
    private void await(long consumed, boolean noDeadline, long remaining) throws InterruptedException {
        long[] w = words;
        if (consumer != Thread.currentThread()) {
            consumer = Thread.currentThread();
        }
        boolean sleep = noDeadline && emptyNaps >= LINGER_NAPS;
        WORD.setVolatile(w, CONSUMER_STATE, sleep ? ASLEEP : NAPPING);
        // announced, now look again: an offer that claimed before the announcement is seen here, one after it
        // sees the announcement
        long word = (long) WORD.getVolatile(w, PRODUCER_INDEX);
        if ((word & INDEX_MASK) != consumed || word >= CLOSED_BIT) {
            WORD.setVolatile(w, CONSUMER_STATE, RUNNING);
            return;
        }
        if (sleep) {
            LockSupport.park(this);
        } else {
            long nap = noDeadline ? LINGER_NANOS : Math.min(remaining, LINGER_NANOS);
            long start = System.nanoTime();
            LockSupport.parkNanos(this, nap);
            boolean napped = System.nanoTime() - start >= nap;
            if (napped && ((long) WORD.getVolatile(w, PRODUCER_INDEX) & INDEX_MASK) == consumed) {
                emptyNaps++;
            }
        }
        WORD.setVolatile(w, CONSUMER_STATE, RUNNING);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for records");
        }
    }

    /**
     * Moves the published records among the {@code n} claimed from {@code from} on (stopping at the first not yet
     * published) into the writer's arrays, clearing their slots.
     *
     * @return how many were taken
     */
    private int take(long from, int n, RecordType[] intoTypes, Object[] intoPayloads,
            CompletableFuture<?>[] intoFutures) {
        Object[] p = payloads;
        CompletableFuture<?>[] f = futures;
        int taken = 0;
        for (; taken < n; taken++) {
            int slot = (int) (from + taken) & mask;
            Object payload = SLOT.getAcquire(p, slot);
            if (payload == null) {
                break;
            }
            intoPayloads[taken] = payload;
            intoTypes[taken] = TYPES[types[slot]];
            CompletableFuture<?> future = f[slot];
            if (future != null) {
                f[slot] = null;
            }
            intoFutures[taken] = future;
            p[slot] = null;
        }
        return taken;
    }

    /** After the writer took records: lets offers waiting for space go on. */
    private void signalSpace() {
        if (producersWaiting > 0) {
            fullLock.lock();
            try {
                notFull.signalAll();
            } finally {
                fullLock.unlock();
            }
        }
    }

    /** Refuses further records; those already accepted are still drained. */
    void close() {
        WORD.getAndBitwiseOr(words, PRODUCER_INDEX, CLOSED_BIT);
        wakeEveryone();
    }

    private void wakeEveryone() {
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        fullLock.lock();
        try {
            notFull.signalAll();
        } finally {
            fullLock.unlock();
        }
    }

    /**
     * Refuses further records with {@code cause} and hands back the futures of every record still queued (those
     * nobody watches have none). Safe from any thread, also while the writer drains: taking records is guarded by
     * {@link #takeLock} (the writer takes it once per batch, callers never), so each queued record is either in a
     * batch the writer took or handed back here, once. A second call hands back what came after the first (nothing:
     * the first refused every later offer).
     *
     * @return how many records were still queued, and their futures
     */
    List<CompletableFuture<?>> fail(Throwable cause, int[] queuedOut) {
        failure = cause; // before the bit, so that an offer refused as FAILED finds the cause
        long word = (long) WORD.getAndBitwiseOr(words, PRODUCER_INDEX, CLOSED_BIT | FAILED_BIT);
        long claimed = word & INDEX_MASK; // final: no claim succeeds after the bit
        List<CompletableFuture<?>> left = new ArrayList<>();
        synchronized (takeLock) {
            long consumed = (long) WORD.getVolatile(words, CONSUMER_INDEX);
            queuedOut[0] = (int) Math.max(0, claimed - consumed);
            RecordType[] oneType = new RecordType[1];
            Object[] onePayload = new Object[1];
            CompletableFuture<?>[] oneFuture = new CompletableFuture<?>[1];
            int spins = 0;
            while (consumed < claimed) {
                if (take(consumed, 1, oneType, onePayload, oneFuture) == 0) {
                    // claimed before the bit, not yet published: it will be, shortly
                    if (++spins < SPINS_BEFORE_YIELD) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                    continue;
                }
                if (oneFuture[0] != null) {
                    left.add(oneFuture[0]);
                }
                consumed++;
            }
            WORD.setVolatile(words, CONSUMER_INDEX, consumed);
        }
        wakeEveryone();
        return left;
    }

    Throwable failure() {
        return failure;
    }

    /** Records claimed and not yet taken by the writer (a claimed record is accepted). */
    int size() {
        long consumed = (long) WORD.getVolatile(words, CONSUMER_INDEX);
        long claimed = (long) WORD.getVolatile(words, PRODUCER_INDEX) & INDEX_MASK;
        return (int) Math.max(0, claimed - consumed);
    }
}
