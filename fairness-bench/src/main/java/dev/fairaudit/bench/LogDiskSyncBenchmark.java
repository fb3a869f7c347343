package dev.fairaudit.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * This machine's disk sync latency, which bounds {@code SYNC_EACH} and {@code GROUP_COMMIT}: one small write
 * followed by {@link FileChannel#force(boolean) force(false)} ({@code fdatasync}) on a file in the system
 * temporary folder, as p50/p90/p99 in microseconds ({@code SampleTime}).
 *
 * <p>{@link #appendAndForce} appends, as the decision log does, so the file grows and the file system must
 * also commit the new size (on ext4 a journal commit). {@link #overwriteAndForce} rewrites the same bytes at
 * the start of the file, so only data reaches the disk: the floor. Writes are {@code bytes} long: 520, about
 * one record line (what {@code SYNC_EACH} pays per record when records come one at a time), and 2,269,184,
 * about the 4,096 lines of the writer's largest batch (what {@code GROUP_COMMIT} pays per batch under load; divide
 * by the time for the disk's write bandwidth). The file is emptied before each iteration. The figure says
 * what the disk (or the virtual disk of a VM) does when asked to flush; a disk whose cache ignores flushes
 * looks fast here and is not durable.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class LogDiskSyncBenchmark {

    /** Bytes per write. */
    @Param({"520", "2269184"})
    public int bytes;

    Path dir;
    FileChannel channel;
    ByteBuffer buffer;
    /** Size of the file. */
    long end;

    /** Creates the file and fills the buffer with seeded printable bytes. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = LogBenchData.tempDir("fairaudit-bench-sync-");
        channel = FileChannel.open(dir.resolve("sync.bin"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SplittableRandom random = new SplittableRandom(LogBenchData.SEED);
        byte[] content = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            content[i] = (byte) ('a' + random.nextInt(26));
        }
        content[bytes - 1] = '\n';
        buffer = ByteBuffer.allocateDirect(bytes);
        buffer.put(content).flip();
    }

    /** Empties the file and writes one block, so both benchmarks start from the same state. */
    @Setup(Level.Iteration)
    public void empty() throws IOException {
        channel.truncate(0);
        channel.position(0);
        buffer.rewind();
        end = channel.write(buffer, 0);
        channel.force(true);
    }

    /** Closes and deletes the file. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            channel.close();
        } finally {
            LogBenchData.deleteTree(dir);
        }
    }

    /** A write at the end of the file, then {@code force(false)}. */
    @Benchmark
    public long appendAndForce() throws IOException {
        buffer.rewind();
        end += channel.write(buffer, end);
        channel.force(false);
        return end;
    }

    /** The same write over the first bytes of the file (the size does not change), then {@code force(false)}. */
    @Benchmark
    public long overwriteAndForce() throws IOException {
        buffer.rewind();
        int n = channel.write(buffer, 0);
        channel.force(false);
        return n;
    }
}
