package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The {@code LOCK} file: one writer (or eraser) per log folder, across processes and within one JVM. */
final class LogLock implements AutoCloseable {

    static final String FILE = "LOCK";

    private final FileChannel channel;
    private final FileLock lock;

    private LogLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static LogLock acquire(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new IOException("decision log at " + dir + " is already open in this JVM", e);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("decision log at " + dir + " is open by another process");
        }
        return new LogLock(ch, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing else holds the lock
        }
    }
}
