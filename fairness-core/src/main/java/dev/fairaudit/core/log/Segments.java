package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Segment file names, listing and directory syncing. */
final class Segments {

    private static final Pattern NAME = Pattern.compile("segment-(\\d{6,9})\\.jsonl");

    /** One segment file. */
    record Seg(int index, Path path) {
        String name() {
            return path.getFileName().toString();
        }
    }

    private Segments() {
    }

    static String name(int index) {
        return String.format("segment-%06d.jsonl", index);
    }

    /** The segment files of {@code dir}, in order of their number; other files are ignored. */
    static List<Seg> list(Path dir) throws IOException {
        List<Seg> segs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isRegularFile(p)) {
                    segs.add(new Seg(Integer.parseInt(m.group(1)), p));
                }
            }
        }
        segs.sort(Comparator.comparingInt(Seg::index));
        return segs;
    }

    /**
     * Forces the directory entry (a created or renamed file) to disk. Not every platform can open a directory;
     * where it cannot, the rename is as durable as the platform makes it.
     */
    static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; nothing more can be done there.
        }
    }
}
