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

    /**
     * One thread's state. {@link #next(long)} gives the high half of the thread's next id; {@link #low} is the
     * low half, the same for every id of the thread. A caller keeps the two longs and makes the text only when
     * it is needed ({@link #text}), on whatever thread.
     */
    static final class PerThread {
        /** The low 64 bits of every id of this thread: the variant (binary 10) and 62 random bits. */
        final long low = 0x8000_0000_0000_0000L | (SEEDS.nextLong() & 0x3fff_ffff_ffff_ffffL);
        private long millis = Long.MIN_VALUE;
        private int counter;

        /**
         * The high 64 bits of this thread's next id: {@code now} (or, past 4,096 ids in one millisecond, a
         * millisecond ahead of it), version 7 and the counter.
         *
         * @param now the current time, {@link System#currentTimeMillis()}
         */
        long next(long now) {
            if (now > millis) {
                millis = now;
                counter = 0;
            } else if (++counter > 0xfff) {
                millis++;
                counter = 0;
            }
            return (millis << 16) | 0x7000L | counter;
        }
    }

    private final ThreadLocal<PerThread> threads = ThreadLocal.withInitial(PerThread::new);

    @Override
    public String get() {
        return next().toString();
    }

    /** The next id of the calling thread. */
    UUID next() {
        PerThread t = threads.get();
        return new UUID(t.next(System.currentTimeMillis()), t.low);
    }

    /** The calling thread's state, to make ids as two longs without allocating. */
    PerThread thread() {
        return threads.get();
    }

    /** An id's text, as {@link UUID#toString()} gives it (lowercase, 8-4-4-4-12). */
    static String text(long high, long low) {
        return new UUID(high, low).toString();
    }
}
