package dev.fairaudit.core.log;

import java.util.function.Consumer;

/** Lets tests in other packages write through a {@link CanonicalWriter} (its constructor is package-private). */
public final class CanonicalWriterAccess {

    private CanonicalWriterAccess() {
    }

    /** What a content writes, as one value on a new writer. */
    public static String write(Consumer<CanonicalWriter> content) {
        Bytes out = new Bytes(256);
        CanonicalWriter w = new CanonicalWriter(out);
        content.accept(w);
        if (!w.complete()) {
            throw new IllegalStateException("the content left an object open");
        }
        return out.toString();
    }

    /** One step of a measured loop. */
    public interface Step {
        /** Writes one value for step {@code i}. */
        void write(CanonicalWriter w, int i);
    }

    /**
     * Runs {@code steps} steps on one reused writer and buffer (after as many unmeasured ones, to warm up) and
     * returns the bytes the current thread allocated during the measured ones.
     */
    public static long allocatedWhileWriting(com.sun.management.ThreadMXBean threads, int steps, Step step) {
        Bytes out = new Bytes(4096);
        CanonicalWriter w = new CanonicalWriter(out);
        for (int i = 0; i < steps; i++) {
            out.len = 0;
            w.reset();
            step.write(w, i);
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < steps; i++) {
            out.len = 0;
            w.reset();
            step.write(w, i);
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
