package dev.fairaudit.core.log;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: appends records to the log folder given as the first
 * argument with {@link Durability#syncEach()} (or group commit, when the second argument is
 * {@code group-commit}), printing each acknowledged sequence number on its own line,
 * until it is killed. It exits by itself when its standard input closes (the parent went away) or after a
 * bounded number of records.
 */
public final class CrashChild {

    private CrashChild() {
    }

    /**
     * @param args the log folder, and optionally {@code sync-each} (the default) or {@code group-commit}
     * @throws IOException when the log cannot be opened
     */
    public static void main(String[] args) throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for the parent to go away
                }
            } catch (IOException e) {
                // parent gone
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        // Unbuffered: a sequence number is printed only after its commit completed.
        PrintStream acks = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        // GROUP_COMMIT acknowledges on the committer thread, while the writer goes on writing
        Durability durability = args.length > 1 && args[1].equals("group-commit")
                ? Durability.groupCommit(64, java.time.Duration.ofMillis(2)) : Durability.syncEach();
        LogOptions options = LogOptions.builder().durability(durability).queueCapacity(1024).build();
        try (DecisionLog log = DecisionLog.open(Path.of(args[0]), options)) {
            for (int i = 0; i < 2_000_000; i++) {
                log.append(RecordType.DECISION, LogFiles.payload(0, i)).thenAccept(acks::println);
            }
        }
    }
}
