package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The writer's reused line head ({@link LineFormat.Head}) and chain input ({@link ChainHasher#link}) give, record
 * after record, exactly the line that section 3 and section 5 of docs/decision-log.md define, built here from
 * strings with an independent chain hash ({@link LogFiles#chainHash}: the JDK's SHA-256 or HMAC over
 * {@code prev || "seq|time|type|digest"}). The sequences cross digit counts, change the time and the type (also
 * to equal text in a new array) and go back to earlier ones, which is where a reused head could go stale.
 */
class WriterLineHeadTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef-writer-line".getBytes(US_ASCII);

    private static final String[] TIMES = {"2026-11-30T02:00:00.000Z", "2026-11-30T02:00:00.001Z",
        "2026-11-30T02:00:01.999Z", "+10000-01-01T00:00:00.000Z", "1970-01-01T00:00:00.000Z"};

    private static final RecordType[] TYPES = {RecordType.DECISION, RecordType.OUTCOME, RecordType.CHECKPOINT,
        RecordType.DECISION};

    @Test
    void reusedHeadAndChainGiveTheDefinedLineUnkeyed() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> checkRecords(seed, null));
    }

    @Test
    void reusedHeadAndChainGiveTheDefinedLineKeyed() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> checkRecords(seed, KEY));
    }

    private static void checkRecords(long seed, byte[] key) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] first = new byte[32];
        r.nextBytes(first);
        String prevHex = HexFormat.of().formatHex(first);
        ChainHasher hasher = new ChainHasher(key);
        hasher.startLink(first);
        LineFormat.Head head = new LineFormat.Head(first);
        long seq = r.nextBoolean() ? 1 : r.nextLong(1, Long.MAX_VALUE / 2);
        byte[] time = TIMES[0].getBytes(US_ASCII);
        byte[] type = TYPES[0].name().getBytes(US_ASCII);
        byte[] digestHex = new byte[64 * 3];
        for (int i = 0; i < 300; i++) {
            switch (r.nextInt(8)) {
                case 0 -> time = TIMES[r.nextInt(TIMES.length)].getBytes(US_ASCII); // a new array, maybe same text
                case 1 -> type = TYPES[r.nextInt(TYPES.length)].name().getBytes(US_ASCII);
                case 2 -> seq = nextPowerOfTen(seq) - r.nextInt(3); // just below a new digit count
                default -> {
                    // the same time and type: the head is reused
                }
            }
            byte[] digest = new byte[32];
            r.nextBytes(digest);
            int at = 64 * r.nextInt(3);
            Bytes.hex32(digest, digestHex, at);
            String digestText = HexFormat.of().formatHex(digest);
            String timeText = new String(time, US_ASCII);
            String typeText = new String(type, US_ASCII);

            int headLength = head.prepare(Bytes.decimalLength(seq), time, type);
            head.fill(seq, digestHex, at, hasher.link(seq, Bytes.decimalLength(seq), time, type, digestHex, at));
            String line = new String(head.bytes(), 0, headLength, US_ASCII);
            head.advance();

            String hash = LogFiles.chainHash(key, prevHex, Long.toString(seq), timeText, typeText, digestText);
            String expected = "{\"seq\":" + seq + ",\"time\":\"" + timeText + "\",\"type\":\"" + typeText
                    + "\",\"payloadDigest\":\"" + digestText + "\",\"prevHash\":\"" + prevHex + "\",\"hash\":\""
                    + hash + "\",\"payload\":";
            assertEquals(expected, line, "record " + i + ", seed " + seed);
            assertEquals(hash, HexFormat.of().formatHex(hasher.linkHash()));
            prevHex = hash;
            seq++;
        }
    }

    private static long nextPowerOfTen(long v) {
        long p = 10;
        while (p <= v && p <= Long.MAX_VALUE / 10) {
            p *= 10;
        }
        return p;
    }
}
