package dev.fairaudit.core.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The complete lines of a log's segments, in order: the walk that {@link LogReader} and {@link LogFieldReader}
 * share. A line cut off at the end of the last segment (a record being written, or a torn tail) ends the walk
 * without error; a line that is too long, or a segment other than the last that ends without a newline, is an
 * {@link LogProblem.Kind#UNPARSEABLE_LINE} naming the segment and line. What a line says is the caller's to read
 * ({@link #buf()}, {@link #off()}, {@link #len()}).
 */
final class SegmentLines implements Closeable {

    private final Path dir;
    private final List<Segments.Seg> segments;
    private int segIndex = -1;
    private LineReader reader;

    SegmentLines(Path dir, List<Segments.Seg> segments) {
        this.dir = dir;
        this.segments = segments;
    }

    /**
     * Advances to the next complete line.
     *
     * @return false after the last one
     * @throws IOException           when a segment cannot be read
     * @throws LogIntegrityException for a line that is too long or not ended by a newline before the log's end
     */
    boolean next() throws IOException {
        while (true) {
            if (reader == null) {
                if (segIndex + 1 >= segments.size()) {
                    return false;
                }
                segIndex++;
                reader = new LineReader(segments.get(segIndex).path());
            }
            if (!reader.next()) {
                reader.close();
                reader = null;
                continue;
            }
            boolean lastLine = segIndex == segments.size() - 1 && reader.atEnd();
            if (!reader.terminated() && lastLine) {
                close();
                return false;
            }
            if (reader.tooLong()) {
                throw unparseable("the line is longer than " + LineReader.MAX_LINE + " bytes");
            }
            if (!reader.terminated()) {
                throw unparseable("the segment ends without a newline");
            }
            return true;
        }
    }

    /** The buffer that holds the current line. */
    byte[] buf() {
        return reader.buf();
    }

    /** Where the current line starts in {@link #buf()}. */
    int off() {
        return reader.off();
    }

    /** The current line's length, without its newline. */
    int len() {
        return reader.len();
    }

    /** The current segment's file name. */
    String segment() {
        return segments.get(segIndex).name();
    }

    /** The current line's number in its segment, from 1. */
    long lineNumber() {
        return reader.lineNumber();
    }

    /** The current line is not a record: the problem that says so, with its segment and line. */
    LogIntegrityException unparseable(String why) {
        return new LogIntegrityException(dir, new LogProblem(LogProblem.Kind.UNPARSEABLE_LINE, 0, segment(),
                reader.lineNumber(), "The line is not a record: " + why + "."));
    }

    /** Closes the open segment and ends the walk. */
    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // read-only
            }
            reader = null;
        }
        segIndex = segments.size();
    }
}
