package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records larger than the writer's 1 MiB line buffer (and than the encoder's batches) among small ones: the
 * buffers grow for them and shrink afterwards, lines stay whole across rotations, and the log reads back exactly
 * what was written, with and without the encoder stage, byte for byte the same files.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LargeRecordTest {

    /** Small records with, at a few places, payloads of 1.5 to 9 MiB (a string value, below the 16 MiB line limit). */
    private static List<ObjectNode> payloads() {
        SplittableRandom r = new SplittableRandom(20261130);
        List<ObjectNode> out = new ArrayList<>();
        int[] large = {3, 4, 40, 41, 42, 700};
        int[] mib = {9, 2, 3, 5, 1, 4};
        for (int i = 0; i < 800; i++) {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("i", i);
            for (int k = 0; k < large.length; k++) {
                if (large[k] == i) {
                    StringBuilder s = new StringBuilder();
                    int n = mib[k] * (1 << 20) + (1 << 19);
                    while (s.length() < n) {
                        s.append((char) ('a' + r.nextInt(26)));
                    }
                    p.put("big", s.toString());
                }
            }
            out.add(p);
        }
        return out;
    }

    @Test
    void largeRecordsAreWrittenWholeWithAndWithoutTheEncoderStage(@TempDir Path dir) throws Exception {
        List<ObjectNode> sent = payloads();
        for (Durability d : new Durability[] {Durability.pageCache(), Durability.syncEach()}) {
            Path staged = dir.resolve(d.mode() + "-staged");
            Path direct = dir.resolve(d.mode() + "-direct");
            write(staged, d, true, sent);
            write(direct, d, false, sent);
            VerificationReport report = LogVerifier.verify(staged, null);
            assertTrue(report.ok(), report::summary);
            List<LogRecord> read = LogFiles.readAll(staged);
            assertEquals(sent.size() + 1, read.size());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(sent.get(i), read.get(i).payload(), "record " + (i + 1));
            }
            List<Path> a = segments(staged);
            List<Path> b = segments(direct);
            assertEquals(a.size(), b.size());
            assertTrue(a.size() > 3, "the large records rotate the 4 MiB segments");
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)), a.get(i).toString());
            }
        }
    }

    private static void write(Path dir, Durability d, boolean encoderStage, List<ObjectNode> payloads)
            throws Exception {
        LogOptions options = LogOptions.builder().durability(d).clock(GoldenLogRecords.clock())
                .segmentBytes(4L << 20).build();
        try (DecisionLog log = DecisionLog.open(dir, options, SegmentChannelFactory.DEFAULT, encoderStage)) {
            CompletableFuture<Long> last = null;
            for (ObjectNode p : payloads) {
                last = log.append(RecordType.DECISION, p);
            }
            assertEquals(payloads.size(), last.join());
        }
    }

    private static List<Path> segments(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
