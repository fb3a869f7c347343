package dev.fairaudit.cli;

import dev.fairaudit.core.table.ReadProgress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long read on standard error, on one line rewritten in place: rows, rows per second, bytes read
 * of the file's size and the estimated time left. Shown at most once a second, and first after a second, so
 * short runs show nothing; the reader calls it once per chunk, never per row.
 */
final class ProgressDisplay implements ReadProgress {

    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintWriter err;
    private final String fileName;
    private final long totalBytes;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastShown;
    private int lastLength;

    /**
     * @param totalBytes the file's size, or 0 when unknown (a pipe): then no share and no time left is shown
     * @param nanoClock  a monotonic clock in nanoseconds ({@link System#nanoTime()} outside tests)
     */
    ProgressDisplay(PrintWriter err, String fileName, long totalBytes, LongSupplier nanoClock) {
        this.err = err;
        this.fileName = fileName;
        this.totalBytes = totalBytes;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
        this.lastShown = start;
    }

    /**
     * A display for reading {@code file}, or null when standard error is not a terminal (no console: a batch
     * job or a pipe) or {@code --quiet} was given.
     */
    static ProgressDisplay forTerminal(boolean quiet, PrintWriter err, Path file) {
        if (quiet || System.console() == null) {
            return null;
        }
        long size;
        try {
            size = Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            size = 0;
        }
        return new ProgressDisplay(err, file.getFileName().toString(), size, System::nanoTime);
    }

    @Override
    public void update(long rowsRead, long bytesRead) {
        long now = nanoClock.getAsLong();
        if (now - lastShown < INTERVAL_NANOS) {
            return;
        }
        lastShown = now;
        String line = line(rowsRead, bytesRead, now - start);
        err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        err.flush();
        lastLength = line.length();
    }

    /** {@link #finish()} for a display that may be null. */
    static void finish(ProgressDisplay display) {
        if (display != null) {
            display.finish();
        }
    }

    /** Clears the progress line, if one was shown, so that what follows starts on a clean line. */
    void finish() {
        if (lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
    }

    /** The text shown after {@code elapsedNanos} with so many rows and bytes read. */
    String line(long rowsRead, long bytesRead, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: %,d rows, %,d rows/s, ", fileName,
                rowsRead, Math.round(rowsRead / seconds)));
        if (totalBytes > 0) {
            sb.append(String.format(Locale.ROOT, "%.1f of %.1f MB (%d%%)", bytesRead / 1e6, totalBytes / 1e6,
                    Math.min(100, Math.round(100.0 * bytesRead / totalBytes))));
            if (bytesRead > 0 && bytesRead < totalBytes) {
                long left = Math.round(seconds * (totalBytes - bytesRead) / bytesRead);
                sb.append(left < 60 ? String.format(Locale.ROOT, ", about %d s left", left)
                        : String.format(Locale.ROOT, ", about %d min %02d s left", left / 60, left % 60));
            }
        } else {
            sb.append(String.format(Locale.ROOT, "%.1f MB", bytesRead / 1e6));
        }
        return sb.toString();
    }
}
