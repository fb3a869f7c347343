package dev.fairaudit.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a segment line by line as bytes, keeping each line's byte offsets (so a torn tail can be cut at the
 * exact byte) and whether it ended with a newline.
 */
final class LineReader implements Closeable {

    /** Longest line accepted, in bytes; longer lines are reported as too long. */
    static final int MAX_LINE = 16 << 20;

    private final FileChannel ch;
    private final long size;
    private byte[] buf = new byte[1 << 16];
    private int start;
    private int end;
    private long bufOffset;
    private boolean eof;

    private int lineOff;
    private int lineLen;
    private long lineNumber;
    private long lineStart;
    private long lineEnd;
    private boolean terminated;
    private boolean tooLong;

    LineReader(Path file) throws IOException {
        ch = FileChannel.open(file, StandardOpenOption.READ);
        size = ch.size();
    }

    /** Advances to the next line; false at the end of the file. */
    boolean next() throws IOException {
        int scan = start;
        boolean skipping = false;
        long skippedStart = -1;
        while (true) {
            for (int i = scan; i < end; i++) {
                if (buf[i] == '\n') {
                    setLine(skipping ? skippedStart : bufOffset + start, i, true, skipping);
                    start = i + 1;
                    return true;
                }
            }
            scan = end;
            if (eof) {
                if (start < end || skipping) {
                    setLine(skipping ? skippedStart : bufOffset + start, end, false, skipping);
                    start = end;
                    return true;
                }
                return false;
            }
            if (start > 0) {
                System.arraycopy(buf, start, buf, 0, end - start);
                bufOffset += start;
                scan -= start;
                end -= start;
                start = 0;
            }
            if (end == buf.length) {
                if (buf.length > MAX_LINE) {
                    if (!skipping) {
                        skipping = true;
                        skippedStart = bufOffset;
                    }
                    bufOffset += end;
                    start = 0;
                    end = 0;
                    scan = 0;
                } else {
                    byte[] bigger = new byte[Math.min(buf.length * 2, MAX_LINE + 1)];
                    System.arraycopy(buf, 0, bigger, 0, end);
                    buf = bigger;
                }
            }
            int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
        }
    }

    private void setLine(long startOffset, int endIndex, boolean withNewline, boolean skipped) {
        lineNumber++;
        lineStart = startOffset;
        lineEnd = bufOffset + endIndex + (withNewline ? 1 : 0);
        terminated = withNewline;
        tooLong = skipped;
        lineOff = skipped ? 0 : start;
        lineLen = skipped ? 0 : endIndex - start;
    }

    byte[] buf() {
        return buf;
    }

    int off() {
        return lineOff;
    }

    int len() {
        return lineLen;
    }

    /** 1-based line number in this segment. */
    long lineNumber() {
        return lineNumber;
    }

    /** Byte offset of the line's first byte. */
    long lineStart() {
        return lineStart;
    }

    /** Byte offset just after the line (after its newline, if any). */
    long lineEnd() {
        return lineEnd;
    }

    boolean terminated() {
        return terminated;
    }

    boolean tooLong() {
        return tooLong;
    }

    /** Whether the current line is the last in the file. */
    boolean atEnd() {
        return lineEnd >= size;
    }

    long size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
