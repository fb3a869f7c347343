package dev.fairaudit.core.table;

/**
 * Told how far a streamed file has been read (see
 * {@link TableReader#stream(java.nio.file.Path, TableSpec, int, java.util.function.Consumer, ReadProgress)}):
 * once per chunk, never per row.
 */
@FunctionalInterface
public interface ReadProgress {

    /**
     * @param rowsRead  data rows read so far, skipped rows included
     * @param bytesRead bytes of the file as stored (compressed for {@code .gz}) read so far; the reader reads
     *                  ahead, so this may run up to a buffer (64 KiB) ahead of the rows
     */
    void update(long rowsRead, long bytesRead);
}
