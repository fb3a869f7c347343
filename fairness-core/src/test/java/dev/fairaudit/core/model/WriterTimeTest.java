package dev.fairaudit.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.CanonicalJson;
import dev.fairaudit.core.log.CanonicalWriter;
import dev.fairaudit.core.log.RecordContent;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalWriter#isoMillis}, which {@link DecisionRecord#writeCanonical} uses for the record's time (a
 * date and time of day cached per second), writes exactly {@link Json#isoMillis}, which {@link
 * DecisionRecord#toJson} uses: so the two forms of a decision record keep the same canonical bytes.
 */
class WriterTimeTest {

    /** One object of many times in a row, so that the writer's per-second text is reused and replaced. */
    private record Times(long[] millis) implements RecordContent {
        @Override
        public void writeCanonical(CanonicalWriter out) {
            out.beginObject();
            for (int i = 0; i < millis.length; i++) {
                out.key(String.format("t%04d", i)).isoMillis(millis[i]);
            }
            out.endObject();
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode o = Json.object();
            for (int i = 0; i < millis.length; i++) {
                o.put(String.format("t%04d", i), Json.isoMillis(millis[i]));
            }
            return o;
        }
    }

    private static long next(SplittableRandom r, long last) {
        return switch (r.nextInt(7)) {
            case 0 -> last; // the same millisecond
            case 1 -> last + r.nextInt(1000); // mostly the same second
            case 2 -> last - r.nextInt(1000); // back in time (a clock set back)
            case 3 -> r.nextLong(-62_167_219_200_000L, 253_402_300_800_000L); // years 0000 to 9999
            case 4 -> r.nextLong(); // mostly outside
            case 5 -> (r.nextBoolean() ? -62_167_219_200_000L : 253_402_300_800_000L) + r.nextInt(4_000) - 2_000;
            default -> Math.floorDiv(last, 1000) * 1000 + (r.nextBoolean() ? 999 : 1000); // a second's edges
        };
    }

    @Test
    void writerTimeIsJsonIsoMillisForAnySequenceOfInstants() {
        qt().withExamples(500).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            long[] t = new long[40];
            long last = r.nextLong(-100_000_000_000_000L, 300_000_000_000_000L);
            for (int i = 0; i < t.length; i++) {
                t[i] = last = next(r, last);
            }
            Times times = new Times(t);
            assertEquals(new String(CanonicalJson.bytes(times.toJson()), UTF_8),
                    new String(CanonicalJson.bytes(times), UTF_8), () -> "seed " + seed);
        });
    }

    @Test
    void edgesOfTheFourDigitYearsAndOfTheEpoch() {
        long[] t = {0L, -1L, 1L, 999L, 1000L, -1000L, -1001L, -62_167_219_200_000L, -62_167_219_200_001L,
            253_402_300_799_999L, 253_402_300_800_000L, Long.MIN_VALUE, Long.MAX_VALUE, 1_764_410_400_123L};
        Times times = new Times(t);
        assertEquals(new String(CanonicalJson.bytes(times.toJson()), UTF_8),
                new String(CanonicalJson.bytes(times), UTF_8));
        assertEquals("{\"t0000\":\"2025-11-29T10:00:00.123Z\"}",
                new String(CanonicalJson.bytes(new Times(new long[] {1_764_410_400_123L})), UTF_8));
    }
}
