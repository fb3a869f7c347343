package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Segment channels that misbehave on purpose: a full disk, a stalled disk, a disk that counts forces. */
final class TestChannels {

    private TestChannels() {
    }

    /** Passes everything to a real file channel; subclasses intercept writes and forces. */
    static class Delegating extends FileChannel {
        final FileChannel d;

        Delegating(Path path) throws IOException {
            this.d = SegmentChannelFactory.DEFAULT.open(path);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return d.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return d.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return d.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException("the writer writes one buffer at a time");
        }

        @Override
        public long position() throws IOException {
            return d.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            d.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return d.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            d.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            d.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return d.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return d.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return d.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            throw new UnsupportedOperationException("the writer appends");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return d.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return d.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return d.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            d.close();
        }
    }

    /**
     * A disk that fills up: writes succeed until {@code capacity} bytes in total (over all segments opened by
     * the factory) have been written; the write that would go beyond writes what fits, then throws
     * {@code IOException("No space left on device")}, as do all later writes and forces.
     */
    static final class FullDisk implements SegmentChannelFactory {
        private final long capacity;
        private final AtomicLong written = new AtomicLong();

        FullDisk(long capacity) {
            this.capacity = capacity;
        }

        @Override
        public FileChannel open(Path segment) throws IOException {
            return new Delegating(segment) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    long room = capacity - written.get();
                    if (src.remaining() <= room) {
                        int n = d.write(src);
                        written.addAndGet(n);
                        return n;
                    }
                    if (room > 0) {
                        ByteBuffer part = src.slice();
                        part.limit((int) room);
                        int n = d.write(part);
                        src.position(src.position() + n);
                        written.addAndGet(n);
                    }
                    throw new IOException("No space left on device");
                }

                @Override
                public void force(boolean metaData) throws IOException {
                    if (written.get() >= capacity) {
                        throw new IOException("No space left on device");
                    }
                    d.force(metaData);
                }
            };
        }
    }

    /**
     * A disk that stalls: every write first counts down {@link #entered}, then waits until {@link #open} is
     * counted down.
     */
    static final class Gate implements SegmentChannelFactory {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);

        @Override
        public FileChannel open(Path segment) throws IOException {
            return new Delegating(segment) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    entered.countDown();
                    try {
                        open.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("gate interrupted");
                    }
                    return d.write(src);
                }
            };
        }
    }

    /**
     * A disk that counts: writes (and signals {@link #writes} each time) and forces, and remembers how many
     * bytes had been written at the last force.
     */
    static final class Counting implements SegmentChannelFactory {
        final AtomicInteger forces = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicLong written = new AtomicLong();
        final AtomicLong writtenAtLastForce = new AtomicLong();

        @Override
        public FileChannel open(Path segment) throws IOException {
            return new Delegating(segment) {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    int n = d.write(src);
                    written.addAndGet(n);
                    writes.incrementAndGet();
                    return n;
                }

                @Override
                public void force(boolean metaData) throws IOException {
                    d.force(metaData);
                    writtenAtLastForce.set(written.get());
                    forces.incrementAndGet();
                }
            };
        }
    }
}
