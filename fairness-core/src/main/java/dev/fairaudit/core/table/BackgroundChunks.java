package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads a file into chunks on a background thread while the caller's thread consumes the chunks read before, so
 * parsing and counting use two cores. The hand-off holds at most {@link #PENDING_CHUNKS} chunks, so memory stays
 * bounded by the chunk size. The consumer is called on the caller's thread, in row order; each chunk is a table
 * of its own (the builder copies its arrays into it), so the reader never writes what the consumer reads.
 *
 * <p>Failures keep their meaning: an exception of the reader (an {@link InputException} naming file, line,
 * column and value) is thrown on the caller's thread after the chunks before it have been consumed, exactly as
 * when reading on one thread. When the consumer throws, the reader is told to stop and is waited for before the
 * exception goes on, so no thread outlives the call.
 */
final class BackgroundChunks {

    /** Chunks read ahead of the consumer, at most. */
    static final int PENDING_CHUNKS = 2;

    /** Receives the chunks of a read, with the rows and bytes read when each was taken. */
    @FunctionalInterface
    interface Sink {
        void accept(DecisionTable chunk, long rowsRead, long bytesRead);
    }

    /** A read that hands its chunks to a sink and returns the table built at the end (no rows of its own). */
    @FunctionalInterface
    interface Read {
        DecisionTable run(Sink sink);
    }

    /** One item of the hand-off: a chunk with progress, or the end (the result, or the reader's failure). */
    private record Item(DecisionTable chunk, long rowsRead, long bytesRead, DecisionTable result, Throwable failure) {
    }

    /** Thrown inside the reader's thread to stop it when the consumer has failed. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }

    private BackgroundChunks() {
    }

    /**
     * Runs {@code read} on a new thread, handing its chunks to {@code chunks} (and then {@code progress}) here.
     *
     * @param fileName for the message when the waiting thread is interrupted
     * @return the table the read returned
     */
    static DecisionTable run(String fileName, Read read, Consumer<DecisionTable> chunks, ReadProgress progress) {
        BlockingQueue<Item> handOff = new ArrayBlockingQueue<>(PENDING_CHUNKS);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            Item end;
            try {
                DecisionTable result = read.run((chunk, rowsRead, bytesRead) -> {
                    put(handOff, new Item(chunk, rowsRead, bytesRead, null, null), stop);
                });
                end = new Item(null, 0, 0, result, null);
            } catch (Stopped e) {
                return;
            } catch (Throwable e) { // handed to the caller's thread, which rethrows it
                end = new Item(null, 0, 0, null, e);
            }
            try {
                put(handOff, end, stop);
            } catch (Stopped e) {
                // the consumer failed; nobody waits for the end
            }
        }, "fairaudit-read-" + fileName);
        reader.setDaemon(true);
        reader.start();
        boolean done = false;
        try {
            while (true) {
                Item item = handOff.take();
                if (item.chunk == null) {
                    done = true;
                    if (item.failure instanceof RuntimeException e) {
                        throw e;
                    }
                    if (item.failure instanceof Error e) {
                        throw e;
                    }
                    if (item.failure != null) {
                        throw new IllegalStateException(item.failure);
                    }
                    return item.result;
                }
                chunks.accept(item.chunk);
                if (progress != null) {
                    progress.update(item.rowsRead, item.bytesRead);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(fileName, 0, null, "interrupted while reading", e);
        } finally {
            if (!done) {
                stop.set(true);
                handOff.clear(); // frees a reader waiting to hand over; it then sees the stop and ends
            }
            joinQuietly(reader);
        }
    }

    /** Hands an item over, waiting while the consumer is behind; throws {@link Stopped} once told to stop. */
    private static void put(BlockingQueue<Item> handOff, Item item, AtomicBoolean stop) {
        try {
            while (true) {
                if (stop.get()) {
                    throw new Stopped();
                }
                if (handOff.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private static void joinQuietly(Thread reader) {
        boolean interrupted = false;
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
