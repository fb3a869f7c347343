package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-free ring of {@link RecordQueue} on its own: against a plain {@link ArrayDeque} for random sequences
 * of offers and drains (order, exactly once, FULL exactly at the capacity, wrap-around many times over), and
 * under threads: many producers, blocking on a small queue, while the queue is closed or failed at a random
 * moment; every record is accepted and then drained (or failed) exactly once, or refused.
 */
class RecordQueueTest {

    private static final RecordType[] TYPES = RecordType.values();

    /** One offered record, as the model keeps it. */
    private record Offered(RecordType type, Long payload, CompletableFuture<Long> future) {
    }

    /**
     * An operation code, decoded as: {@code op % 3 == 0} drain into a batch of {@code 1 + (op / 3) % 9}, else offer
     * {@code 1 + (op / 3) % 13} records (watched when {@code op / 3} is odd). Capacities 1 to 40 include
     * non-powers of two, where the ring's arrays are longer than the capacity.
     */
    @Test
    void randomOffersAndDrainsMatchAFifoModel() {
        qt().withExamples(400).forAll(integers().between(1, 40), lists().of(integers().between(0, 10_000))
                .ofSizeBetween(1, 200), integers().between(0, 2)).checkAssert((capacity, ops, ending) -> {
                    try {
                        runAgainstModel(capacity, ops, ending);
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    private static void runAgainstModel(int capacity, List<Integer> ops, int ending) throws InterruptedException {
        RecordQueue queue = new RecordQueue(capacity);
        ArrayDeque<Offered> model = new ArrayDeque<>();
        long next = 0;
        for (int op : ops) {
            int arg = op / 3;
            if (op % 3 == 0) {
                int batch = 1 + arg % 9;
                drainAndCompare(queue, model, batch);
            } else {
                int count = 1 + arg % 13;
                for (int k = 0; k < count; k++) {
                    RecordType type = TYPES[(int) (next % TYPES.length)];
                    Long payload = next++;
                    CompletableFuture<Long> future = (arg & 1) == 1 ? new CompletableFuture<>() : null;
                    int result = queue.offer(type, payload, future, false);
                    if (model.size() < capacity) {
                        assertEquals(RecordQueue.OK, result, "offer with " + model.size() + " of " + capacity);
                        model.add(new Offered(type, payload, future));
                    } else {
                        assertEquals(RecordQueue.FULL, result, "offer to a full queue of " + capacity);
                    }
                }
            }
            assertEquals(model.size(), queue.size(), "size");
        }
        if (ending == 2) {
            // fail: hands back the futures of what is queued, in order, and refuses everything after
            int[] queued = new int[1];
            List<CompletableFuture<?>> left = queue.fail(new IllegalStateException("disk"), queued);
            assertEquals(model.size(), queued[0], "queued at the failure");
            List<CompletableFuture<?>> expected = new ArrayList<>();
            for (Offered o : model) {
                if (o.future() != null) {
                    expected.add(o.future());
                }
            }
            assertEquals(expected.size(), left.size(), "watched futures handed back");
            for (int i = 0; i < expected.size(); i++) {
                assertSame(expected.get(i), left.get(i));
            }
            assertEquals(0, queue.size());
            assertEquals(RecordQueue.FAILED, queue.offer(RecordType.DECISION, -1L, null, true));
            assertEquals("disk", queue.failure().getMessage());
            return;
        }
        if (ending == 1) {
            queue.close();
            assertEquals(RecordQueue.CLOSED, queue.offer(RecordType.DECISION, -1L, null, true));
        }
        while (!model.isEmpty()) {
            drainAndCompare(queue, model, 7);
        }
        RecordType[] t = new RecordType[4];
        Object[] p = new Object[4];
        CompletableFuture<?>[] f = new CompletableFuture<?>[4];
        assertEquals(ending == 1 ? -1 : 0, queue.drain(t, p, f, 0), "an empty queue: closed, or timed out");
    }

    private static void drainAndCompare(RecordQueue queue, ArrayDeque<Offered> model, int batch)
            throws InterruptedException {
        RecordType[] t = new RecordType[batch];
        Object[] p = new Object[batch];
        CompletableFuture<?>[] f = new CompletableFuture<?>[batch];
        int n = queue.drain(t, p, f, 0);
        assertEquals(Math.min(batch, model.size()), n, "drained from " + model.size() + " into " + batch);
        for (int i = 0; i < n; i++) {
            Offered o = model.poll();
            assertSame(o.type(), t[i]);
            assertSame(o.payload(), p[i]);
            assertSame(o.future(), f[i]);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aBlockedOfferWaitsUntilTheWriterTakesARecord() throws Exception {
        RecordQueue queue = new RecordQueue(3);
        for (long i = 0; i < 3; i++) {
            assertEquals(RecordQueue.OK, queue.offer(RecordType.DECISION, i, null, true));
        }
        int[] result = {-1};
        Thread producer = new Thread(() -> {
            try {
                result[0] = queue.offer(RecordType.DECISION, 3L, null, true);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "blocked-producer");
        producer.start();
        while (producer.getState() != Thread.State.WAITING) {
            assertTrue(producer.isAlive(), "the producer must wait for space, not return");
            Thread.sleep(1);
        }
        assertEquals(3, queue.size());
        Object[] p = new Object[1];
        assertEquals(1, queue.drain(new RecordType[1], p, new CompletableFuture<?>[1], -1));
        assertEquals(0L, p[0]);
        producer.join();
        assertEquals(RecordQueue.OK, result[0]);
        Object[] rest = new Object[8];
        assertEquals(3, queue.drain(new RecordType[8], rest, new CompletableFuture<?>[8], -1));
        assertEquals(List.of(1L, 2L, 3L), List.of(rest[0], rest[1], rest[2]));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aSleepingWriterIsWokenByAnUnwatchedRecord() throws Exception {
        RecordQueue queue = new RecordQueue(16);
        Object[] p = new Object[4];
        int[] n = {-2};
        Thread writer = new Thread(() -> {
            try {
                n[0] = queue.drain(new RecordType[4], p, new CompletableFuture<?>[4], -1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "writer");
        writer.start();
        // napping writers wait with a timeout (TIMED_WAITING); after LINGER_NAPS empty naps it sleeps (WAITING)
        while (writer.getState() != Thread.State.WAITING) {
            assertTrue(writer.isAlive());
            Thread.sleep(1);
        }
        assertEquals(RecordQueue.OK, queue.offer(RecordType.DECISION, 42L, null, false));
        writer.join(); // only an unpark ends a sleep: without the wake-up this waits until the timeout
        assertEquals(1, n[0]);
        assertEquals(42L, p[0]);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void closeWakesASleepingWriterAndBlockedOffers() throws Exception {
        RecordQueue queue = new RecordQueue(1);
        assertEquals(RecordQueue.OK, queue.offer(RecordType.DECISION, 0L, null, true));
        int[] result = {-1};
        Thread producer = new Thread(() -> {
            try {
                result[0] = queue.offer(RecordType.DECISION, 1L, null, true);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "blocked-producer");
        producer.start();
        while (producer.getState() != Thread.State.WAITING) {
            assertTrue(producer.isAlive());
            Thread.sleep(1);
        }
        queue.close();
        producer.join();
        assertEquals(RecordQueue.CLOSED, result[0], "a waiting offer woken by close is refused");
        Object[] p = new Object[2];
        assertEquals(1, queue.drain(new RecordType[2], p, new CompletableFuture<?>[2], -1), "the accepted one");
        assertEquals(0L, p[0]);
        assertNull(p[1]);
        assertEquals(-1, queue.drain(new RecordType[2], p, new CompletableFuture<?>[2], -1));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void producersBlockingOnAFullQueueRaceWithClose() throws Exception {
        SplittableRandom random = new SplittableRandom(20261129);
        for (int round = 0; round < 24; round++) {
            int capacity = new int[] {1, 3, 8, 100}[round % 4];
            // rounds 2, 5, ...: failed; by the writer itself, or (every other time) by another thread while the
            // writer drains, as the committer thread of group commit does
            race(capacity, round % 3 == 2, round % 6 == 5, random.split());
        }
    }

    /**
     * Six producers offer (blocking, every third record watched) until refused; the writer drains in random batch
     * sizes, now and then pausing so the queue fills and producers block; after a random time the queue is closed
     * from another thread, or failed by the writer or by another thread while the writer drains. Afterwards: drained plus failed is exactly the accepted, each
     * once, in each producer's order; nothing refused was drained; every producer ended.
     */
    private static void race(int capacity, boolean failInstead, boolean failElsewhere, SplittableRandom random)
            throws Exception {
        int producers = 6;
        RecordQueue queue = new RecordQueue(capacity);
        long[] accepted = new long[producers];
        List<Set<CompletableFuture<Long>>> watched = new ArrayList<>();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(producers);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < producers; t++) {
            int thread = t;
            Set<CompletableFuture<Long>> mine = new HashSet<>();
            watched.add(mine);
            Thread th = new Thread(() -> {
                started.countDown();
                long i = 0;
                try {
                    while (true) {
                        CompletableFuture<Long> f = i % 3 == 0 ? new CompletableFuture<>() : null;
                        int result = queue.offer(RecordType.DECISION, ((long) thread << 40) | i, f, true);
                        if (result != RecordQueue.OK) {
                            if (result != (failInstead ? RecordQueue.FAILED : RecordQueue.CLOSED)) {
                                unexpected.add(new AssertionError("offer returned " + result));
                            }
                            break;
                        }
                        if (f != null) {
                            mine.add(f);
                        }
                        i++;
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
                accepted[thread] = i;
            }, "producer-" + t);
            th.start();
            threads.add(th);
        }
        long[] next = new long[producers];
        AtomicLong drained = new AtomicLong();
        Set<CompletableFuture<?>> drainedFutures = new HashSet<>();
        List<CompletableFuture<?>> failedFutures = new ArrayList<>();
        int[] failedQueued = {0};
        long stopAfterNanos = 2_000_000L + random.nextLong(30_000_000L);
        long failAfterRecords = failInstead && !failElsewhere ? 1 + random.nextLong(20_000) : Long.MAX_VALUE;
        Thread writer = new Thread(() -> {
            SplittableRandom r = new SplittableRandom(stopAfterNanos);
            RecordType[] t = new RecordType[16];
            Object[] p = new Object[16];
            CompletableFuture<?>[] f = new CompletableFuture<?>[16];
            try {
                while (true) {
                    if (drained.get() >= failAfterRecords) {
                        failedFutures.addAll(queue.fail(new IllegalStateException("disk"), failedQueued));
                        return;
                    }
                    int batch = 1 + r.nextInt(16);
                    RecordType[] bt = batch == 16 ? t : new RecordType[batch];
                    Object[] bp = batch == 16 ? p : new Object[batch];
                    CompletableFuture<?>[] bf = batch == 16 ? f : new CompletableFuture<?>[batch];
                    int n = queue.drain(bt, bp, bf, r.nextInt(4) == 0 ? 0 : -1);
                    if (n < 0) {
                        return;
                    }
                    for (int k = 0; k < n; k++) {
                        long v = (Long) bp[k];
                        int thread = (int) (v >>> 40);
                        long i = v & ((1L << 40) - 1);
                        if (i != next[thread]) {
                            unexpected.add(new AssertionError("producer " + thread + ": drained " + i + ", expected "
                                    + next[thread]));
                        }
                        next[thread] = i + 1;
                        if (bf[k] != null && !drainedFutures.add(bf[k])) {
                            unexpected.add(new AssertionError("a future drained twice"));
                        }
                        bp[k] = null;
                        bf[k] = null;
                    }
                    drained.addAndGet(n);
                    if (r.nextInt(64) == 0) {
                        Thread.sleep(1); // let the queue fill up and producers block
                    }
                }
            } catch (Throwable e) {
                unexpected.add(e);
            }
        }, "writer");
        started.await();
        writer.start();
        if (!failInstead) {
            TimeUnit.NANOSECONDS.sleep(stopAfterNanos);
            queue.close();
        } else if (failElsewhere) {
            TimeUnit.NANOSECONDS.sleep(stopAfterNanos);
            failedFutures.addAll(queue.fail(new IllegalStateException("disk"), failedQueued));
        }
        writer.join();
        for (Thread th : threads) {
            th.join(); // a producer left waiting for space would hang here (and time the test out)
        }
        assertTrue(unexpected.isEmpty(), () -> "capacity " + capacity + ": " + unexpected);
        long totalAccepted = 0;
        for (int t = 0; t < producers; t++) {
            totalAccepted += accepted[t];
            long drainedOfThread = next[t];
            assertTrue(drainedOfThread <= accepted[t], "producer " + t + ": a refused record was drained");
            if (!failInstead) {
                assertEquals(accepted[t], drainedOfThread, "producer " + t + ": every accepted record drained");
            }
        }
        assertEquals(totalAccepted, drained.get() + failedQueued[0], "drained plus failed = accepted, capacity "
                + capacity);
        // every watched future: drained or handed back by fail, exactly once
        Set<CompletableFuture<?>> allWatched = new HashSet<>();
        for (Set<CompletableFuture<Long>> mine : watched) {
            allWatched.addAll(mine);
        }
        Set<CompletableFuture<?>> accounted = new HashSet<>(drainedFutures);
        for (CompletableFuture<?> f : failedFutures) {
            assertTrue(accounted.add(f), "a future both drained and failed");
        }
        assertEquals(allWatched, accounted, "watched futures of accepted records");
        assertEquals(0, queue.size());
    }
}
