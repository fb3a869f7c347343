package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens the channel a segment is written through. Tests inject channels that fail (a full disk) or stall (a
 * slow disk); {@link #DEFAULT} opens the file for writing, creating it if needed.
 */
@FunctionalInterface
interface SegmentChannelFactory {

    SegmentChannelFactory DEFAULT = path -> FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    /** Opens {@code segment} for writing; the writer positions at its end. */
    FileChannel open(Path segment) throws IOException;
}
