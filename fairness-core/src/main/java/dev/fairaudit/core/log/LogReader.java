package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams a log's records in order, segment by segment, holding one line in memory at a time. Reading does
 * not verify the chain (use {@link LogVerifier} for that); it does require every line to be a well-formed
 * record. An incomplete last line (a record being written, or a torn tail) ends the stream without error.
 */
public final class LogReader {

    private LogReader() {
    }

    /**
     * Streams the records of a log. Close the stream (try-with-resources) to close the open segment.
     *
     * @param dir the log folder
     * @return the records in order
     * @throws IOException when the folder cannot be listed. While streaming, an unreadable segment or a
     *                     malformed line throws {@link UncheckedIOException}, whose cause is a
     *                     {@link LogIntegrityException} naming the segment and line for a malformed one
     */
    public static Stream<LogRecord> read(Path dir) throws IOException {
        return read(dir, EnumSet.allOf(RecordType.class));
    }

    /**
     * Streams the records of the given types only. The other records are still read and checked for being
     * well-formed lines (a malformed one throws as in {@link #read(Path)}), but no payload tree is built for
     * them: for a pass that needs a few records of a long log, such as its governance events.
     *
     * @param dir   the log folder
     * @param types the record types to return
     * @return the records of those types, in order
     * @throws IOException as {@link #read(Path)}
     */
    public static Stream<LogRecord> read(Path dir, Set<RecordType> types) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NotDirectoryException(dir + " (no decision log folder there)");
        }
        RecordIterator it = new RecordIterator(dir, Segments.list(dir),
                types.isEmpty() ? EnumSet.noneOf(RecordType.class) : EnumSet.copyOf(types));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false).onClose(it::close);
    }

    private static final class RecordIterator implements Iterator<LogRecord> {
        private final Path dir;
        private final List<Segments.Seg> segments;
        private final Set<RecordType> types;
        /** Lines in the writer's form go this way; anything else through {@link LineParser}, as before. */
        private final LineScanner scanner = new LineScanner();
        private int segIndex = -1;
        private LineReader reader;
        private LogRecord next;

        RecordIterator(Path dir, List<Segments.Seg> segments, Set<RecordType> types) {
            this.dir = dir;
            this.segments = segments;
            this.types = types;
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                try {
                    next = advance();
                } catch (IOException e) {
                    close();
                    throw new UncheckedIOException(e);
                }
            }
            return next != null;
        }

        @Override
        public LogRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LogRecord r = next;
            next = null;
            return r;
        }

        private LogRecord advance() throws IOException {
            while (true) {
                if (reader == null) {
                    if (segIndex + 1 >= segments.size()) {
                        return null;
                    }
                    segIndex++;
                    reader = new LineReader(segments.get(segIndex).path());
                }
                if (!reader.next()) {
                    reader.close();
                    reader = null;
                    continue;
                }
                String segment = segments.get(segIndex).name();
                boolean lastLine = segIndex == segments.size() - 1 && reader.atEnd();
                if (!reader.terminated() && lastLine) {
                    return null;
                }
                try {
                    if (reader.tooLong()) {
                        throw new LineFormatException("the line is longer than " + LineReader.MAX_LINE + " bytes");
                    }
                    if (!reader.terminated()) {
                        throw new LineFormatException("the segment ends without a newline");
                    }
                    ParsedLine fast = scanner.scan(reader.buf(), reader.off(), reader.len(), false);
                    if (fast != null) {
                        if (!types.contains(fast.type())) {
                            continue;
                        }
                        // the writer's form: the payload's tree straight from its canonical bytes
                        ObjectNode payload = scanner.payloadOffset() < 0 ? null
                                : CanonicalTreeReader.object(reader.buf(), scanner.payloadOffset());
                        return new LogRecord(fast.seq(), fast.time(), fast.type(), fast.payloadDigest(),
                                fast.prevHash(), fast.hash(), payload, fast.erasedReason(), segment,
                                reader.lineNumber());
                    }
                    ParsedLine strict = LineParser.parse(reader.buf(), reader.off(), reader.len());
                    if (!types.contains(strict.type())) {
                        continue;
                    }
                    return strict.toRecord(segment, reader.lineNumber());
                } catch (LineFormatException e) {
                    throw new LogIntegrityException(dir, new LogProblem(LogProblem.Kind.UNPARSEABLE_LINE, 0, segment,
                            reader.lineNumber(), "The line is not a record: " + e.getMessage() + "."));
                }
            }
        }

        void close() {
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
}
