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
        private final SegmentLines lines;
        private final Set<RecordType> types;
        /** Lines in the writer's form go this way; anything else through {@link LineParser}, as before. */
        private final LineScanner scanner = new LineScanner();
        private LogRecord next;

        RecordIterator(Path dir, List<Segments.Seg> segments, Set<RecordType> types) {
            this.lines = new SegmentLines(dir, segments);
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
            while (lines.next()) {
                try {
                    ParsedLine fast = scanner.scan(lines.buf(), lines.off(), lines.len(), false);
                    if (fast != null) {
                        if (!types.contains(fast.type())) {
                            continue;
                        }
                        // the writer's form: the payload's tree straight from its canonical bytes
                        ObjectNode payload = scanner.payloadOffset() < 0 ? null
                                : CanonicalTreeReader.object(lines.buf(), scanner.payloadOffset());
                        return new LogRecord(fast.seq(), fast.time(), fast.type(), fast.payloadDigest(),
                                fast.prevHash(), fast.hash(), payload, fast.erasedReason(), lines.segment(),
                                lines.lineNumber());
                    }
                    ParsedLine strict = LineParser.parse(lines.buf(), lines.off(), lines.len());
                    if (!types.contains(strict.type())) {
                        continue;
                    }
                    return strict.toRecord(lines.segment(), lines.lineNumber());
                } catch (LineFormatException e) {
                    throw lines.unparseable(e.getMessage());
                }
            }
            return null;
        }

        void close() {
            lines.close();
        }
    }
}
