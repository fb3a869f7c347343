package dev.fairaudit.core.model;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Decision ids as version 7 UUIDs (RFC 9562): 48 bits of Unix time in milliseconds, then a 12-bit counter
 * (RFC 9562 section 6.2, method 1), then 62 bits drawn once per thread from {@link SecureRandom}. Each thread
 * counts on its own, so making an id takes no lock and no call to {@code SecureRandom}; ids from one thread
 * are strictly increasing (past 4,096 ids in one millisecond the time field runs ahead of the clock), ids from
 * different threads differ in their random bits. Ids sort by time as text and reveal nothing the record's
 * {@code time} does not, except which ids were made on the same thread.
 */
final class TimeOrderedIds implements Supplier<String> {

    private static final SecureRandom SEEDS = new SecureRandom();

    /** One thread's state. */
    private static final class PerThread {
        final long randomBits = SEEDS.nextLong() & 0x3fff_ffff_ffff_ffffL;
        long millis = Long.MIN_VALUE;
        int counter;
    }

    private final ThreadLocal<PerThread> threads = ThreadLocal.withInitial(PerThread::new);

    @Override
    public String get() {
        return next().toString();
    }

    /** The next id of the calling thread. */
    UUID next() {
        PerThread t = threads.get();
        long now = System.currentTimeMillis();
        if (now > t.millis) {
            t.millis = now;
            t.counter = 0;
        } else if (++t.counter > 0xfff) {
            t.millis++;
            t.counter = 0;
        }
        long msb = (t.millis << 16) | 0x7000L | t.counter;
        long lsb = 0x8000_0000_0000_0000L | t.randomBits;
        return new UUID(msb, lsb);
    }
}
