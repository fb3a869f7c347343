package dev.fairaudit.core.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/**
 * The records of the golden log in {@code src/test/resources/dev/fairaudit/core/log/golden-99a3ec9/}, which the
 * writer at commit 99a3ec9 (before the writer's fast paths) wrote with {@link #write}: trees with keys out of
 * order, repeated shapes, Unicode, escapes and numbers of every kind, and a few contents, with a fixed clock.
 * {@code GoldenLogTest} writes them again with the current writer and compares the files byte for byte.
 */
final class GoldenLogRecords {

    static final int RECORDS = 120;

    private GoldenLogRecords() {
    }

    /** A clock that starts at 2025-11-29T10:00:00Z and moves on 7 ms (and sometimes a second) per reading. */
    static Clock clock() {
        return new Clock() {
            private long t = 1_764_410_400_000L;
            private int n;

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis());
            }

            @Override
            public long millis() {
                t += ++n % 10 == 0 ? 1_003 : 7;
                return t;
            }
        };
    }

    static ObjectNode tree(int i) {
        SplittableRandom r = new SplittableRandom(1000 + i);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode p = f.objectNode();
        p.put("score", r.nextInt(10_000) / 10_000.0);
        p.put("decisionId", "d-" + i + "-" + Long.toHexString(r.nextLong()));
        p.put("route", i % 3 == 0 ? "RANDOM" : "PROFILE");
        ObjectNode features = p.putObject("features");
        features.put("income", 8_000 + r.nextInt(160_000) * 0.5);
        features.put("age", 18 + r.nextInt(63));
        if (i % 4 == 0) {
            features.put("région", "Zuid-\u00c9\u0001\t\"q\"\\ \uD83D\uDE00 \uD800");
        }
        p.put("decision", i % 2 == 0);
        switch (i % 6) {
            case 0 -> p.put("n", Long.MIN_VALUE).put("m", Long.MAX_VALUE).put("z", -0.0);
            case 1 -> p.put("big", 1e21).put("small", 4.9e-324).put("x", -1.5e-7);
            case 2 -> p.put("bi", new BigInteger("-123456789012345678901234567890"))
                    .put("bd", new BigDecimal("1.50")).put("f", 0.1f);
            case 3 -> p.putArray("list").add(1).add("two").add(3.25).addNull().add(true).addObject().put("b", 1)
                    .put("a", 2);
            case 4 -> p.putObject("empty");
            default -> p.put("d", r.nextDouble() * 1e7).put("e", Double.longBitsToDouble(r.nextLong() >>> 2));
        }
        return p;
    }

    /** A content with its keys in canonical order. */
    record Content(int i) implements RecordContent {
        @Override
        public void writeCanonical(CanonicalWriter out) {
            out.beginObject();
            out.key("decision").bool(i % 2 == 1);
            out.key("decisionId").string("c-" + i);
            out.key("features").value(tree(i).get("features"));
            out.key("modelId").string("golden");
            out.key("score").number(i / 8.0);
            out.key("time").string("2025-11-29T10:00:0" + (i % 10) + ".123Z");
            out.endObject();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("decision", i % 2 == 1).put("decisionId", "c-" + i);
            o.set("features", tree(i).get("features"));
            o.put("modelId", "golden").put("score", i / 8.0).put("time", "2025-11-29T10:00:0" + (i % 10) + ".123Z");
            return o;
        }
    }

    /** Writes the golden records into a new log at {@code dir} (16 KiB segments, so that it rotates). */
    static void write(Path dir) throws java.io.IOException {
        LogOptions options = LogOptions.builder().clock(clock()).segmentBytes(16 * 1024).build();
        try (DecisionLog log = DecisionLog.open(dir, options)) {
            for (int i = 0; i < RECORDS; i++) {
                RecordType type = RecordType.values()[i % 5];
                if (i % 5 == 4) {
                    log.appendContent(type, new Content(i)).join();
                } else {
                    log.append(type, tree(i)).join();
                }
            }
        }
    }

    /** Writes the golden log with whatever writer is on the class path: {@code java ... GoldenLogRecords DIR}. */
    public static void main(String[] args) throws Exception {
        write(Path.of(args[0]));
    }
}
