package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.log.RecordType;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * What a small log (a test's, the demo's) costs the whole process: open a new log, append a few records waiting
 * for each, close it; many times over. Prints the mean wall time and the process's CPU time (all threads: the
 * log's writer, committer and, since session 7, encoder thread included) per log, over the logs after the first
 * quarter (warm-up). Public API only, so an older build's jar put first on the class path gives a baseline in the
 * same run: {@code java -cp OLD.jar:benchmarks.jar dev.fairaudit.bench.LogSmallCpuTime DURABILITY RECORDS LOGS}.
 */
public final class LogSmallCpuTime {

    private LogSmallCpuTime() {
    }

    /**
     * Runs the measurement.
     *
     * @param args {@code PAGE_CACHE|GROUP_COMMIT|SYNC_EACH}, records per log (default 10), logs (default 400)
     * @throws Exception when a log cannot be written
     */
    public static void main(String[] args) throws Exception {
        Durability durability = switch (args.length > 0 ? args[0] : "GROUP_COMMIT") {
            case "PAGE_CACHE" -> Durability.pageCache();
            case "SYNC_EACH" -> Durability.syncEach();
            case "GROUP_COMMIT" -> Durability.groupCommit(256, java.time.Duration.ofMillis(5));
            default -> throw new IllegalArgumentException("durability must be PAGE_CACHE, GROUP_COMMIT or SYNC_EACH");
        };
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int logs = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        ObjectNode[] payloads = LogBenchData.decisionPayloads(new SplittableRandom(LogBenchData.SEED), 64);
        LogOptions options = LogOptions.builder().durability(durability).build();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int warmUp = logs / 4;
        long cpu0 = 0;
        long wall0 = 0;
        for (int l = 0; l < logs; l++) {
            if (l == warmUp) {
                cpu0 = os.getProcessCpuTime();
                wall0 = System.nanoTime();
            }
            Path dir = LogBenchData.tempDir("fairaudit-small-");
            try {
                try (DecisionLog log = DecisionLog.open(dir, options)) {
                    for (int i = 0; i < records; i++) {
                        log.append(RecordType.DECISION, payloads[i & 63]).join();
                    }
                }
            } finally {
                LogBenchData.deleteTree(dir);
            }
        }
        int measured = logs - warmUp;
        System.out.printf("%s, %d records per log, %d logs measured: %,.0f us wall and %,.0f us process CPU per log"
                + "%n", args.length > 0 ? args[0] : "GROUP_COMMIT", records, measured,
                (System.nanoTime() - wall0) / 1e3 / measured, (os.getProcessCpuTime() - cpu0) / 1e3 / measured);
    }
}
