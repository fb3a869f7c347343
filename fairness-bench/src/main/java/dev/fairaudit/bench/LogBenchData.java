package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/** Seeded payloads, keys and temporary folders shared by the decision log benchmarks. */
final class LogBenchData {

    /** Seed of all generated log data. */
    static final long SEED = 0xDEC1510AL;

    private static final HexFormat HEX = HexFormat.of();

    private LogBenchData() {
    }

    /** A new empty folder under the system temporary folder ({@code java.io.tmpdir}). */
    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it; nothing when {@code dir} is null or gone. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Total size of the regular files in {@code dir}, in bytes. */
    static long bytesIn(Path dir) {
        try (Stream<Path> paths = Files.list(dir)) {
            long total = 0;
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CPU time of a log's writer thread so far, in nanoseconds, or -1 when it cannot be found or measured.
     * Found by name: {@code DecisionLog} names its thread {@code fairaudit-log-writer[<folder name>]}.
     */
    static long writerCpuNanos(Path logDir) {
        return namedThreadCpuNanos("fairaudit-log-writer[" + logDir.getFileName() + "]");
    }

    /**
     * The CPU time so far of the committer thread of the log in {@code logDir} (GROUP_COMMIT only: it forces and
     * completes the futures), in nanoseconds, or -1 when there is none (yet) or the JVM cannot tell.
     */
    static long committerCpuNanos(Path logDir) {
        return namedThreadCpuNanos("fairaudit-log-commit[" + logDir.getFileName() + "]");
    }

    /**
     * The CPU time so far of the encoder thread of the log in {@code logDir} (PAGE_CACHE and GROUP_COMMIT: it
     * drains the queue and encodes the payloads), in nanoseconds, or -1 when there is none (yet) or the JVM cannot
     * tell.
     */
    static long encoderCpuNanos(Path logDir) {
        return namedThreadCpuNanos("fairaudit-log-encoder[" + logDir.getFileName() + "]");
    }

    /** The id of the live thread named {@code name}, or -1. */
    static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return t.getId();
            }
        }
        return -1;
    }

    private static long namedThreadCpuNanos(String name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) {
                return threads.getThreadCpuTime(t.getId());
            }
        }
        return -1;
    }

    /** The CPU time of the thread with id {@code threadId} so far, in nanoseconds, or -1 when unsupported. */
    static long threadCpuNanos(long threadId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isThreadCpuTimeSupported() ? threads.getThreadCpuTime(threadId) : -1;
    }

    /**
     * Bytes allocated so far by the thread with id {@code threadId}, or -1 when the JVM cannot tell
     * (HotSpot can).
     */
    static long allocatedBytes(long threadId) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean hotspot
                && hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled()) {
            return hotspot.getThreadAllocatedBytes(threadId);
        }
        return -1;
    }

    /** A 32-byte key (the shortest the log and the pseudonymizer accept) drawn from {@code random}. */
    static byte[] key(SplittableRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    /**
     * {@code n} DECISION payloads shaped like those {@code AuditedModel} writes for a small model, about 220
     * bytes each in canonical form: decision id, 64-hex-digit pseudonymous subject, route, two features,
     * decision and score. Built once; the log never changes a payload, so they are appended again and again.
     */
    static ObjectNode[] decisionPayloads(SplittableRandom random, int n) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode[] payloads = new ObjectNode[n];
        byte[] subject = new byte[32];
        for (int i = 0; i < n; i++) {
            random.nextBytes(subject);
            ObjectNode p = nodes.objectNode();
            p.put("decisionId", new UUID(random.nextLong(), random.nextLong()).toString());
            p.put("subject", HEX.formatHex(subject));
            p.put("route", "PROFILE");
            ObjectNode features = p.putObject("features");
            features.put("age", 18 + random.nextInt(63));
            features.put("income", 8_000 + random.nextInt(160_000) * 0.5);
            double score = random.nextInt(10_000) / 10_000.0;
            p.put("decision", score >= 0.7);
            p.put("score", score);
            payloads[i] = p;
        }
        return payloads;
    }
}
