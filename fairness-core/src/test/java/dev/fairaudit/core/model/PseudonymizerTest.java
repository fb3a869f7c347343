package dev.fairaudit.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** HMAC-SHA-256 straight from the JDK, as the reference. */
    static String hmacHex(byte[] key, String identifier) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pseudonymIsLowercaseHexHmacSha256OfTheUtf8Identifier() throws Exception {
        Pseudonymizer p = new Pseudonymizer(KEY);
        for (String id : List.of("123456782", "", "Zoë Ørsted", "ID-0001")) {
            assertEquals(hmacHex(KEY, id), p.pseudonym(id), id);
        }
        assertTrue(p.pseudonym("x").matches("[0-9a-f]{64}"));
    }

    @Test
    void anyIdentifierGivesSixtyFourHexCharactersDeterministically() {
        Pseudonymizer p = new Pseudonymizer(KEY);
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(id -> {
            String once = p.pseudonym(id);
            assertTrue(once.matches("[0-9a-f]{64}"), once);
            assertEquals(once, p.pseudonym(id));
        });
    }

    @Test
    void shortKeyIsRefusedNamingTheLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pseudonymizer(new byte[31]));
        assertTrue(e.getMessage().contains("at least 32 bytes, had 31"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(null));
    }

    @Test
    void keyIsCopiedSoWipingTheCallersArrayChangesNothing() throws Exception {
        byte[] key = KEY.clone();
        Pseudonymizer p = new Pseudonymizer(key);
        Arrays.fill(key, (byte) 0);
        assertEquals(hmacHex(KEY, "123"), p.pseudonym("123"));
    }

    @Test
    void differentKeysGiveDifferentPseudonyms() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertNotEquals(new Pseudonymizer(KEY).pseudonym("123"), new Pseudonymizer(other).pseudonym("123"));
    }

    @Test
    void concurrentUseGivesTheSamePseudonymsAsSequentialUse() throws Exception {
        Pseudonymizer p = new Pseudonymizer(KEY);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String id = "subject-" + i;
                        if (!p.pseudonym(id).equals(hmacHex(KEY, id))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * RFC 4231 section 4.7 and 4.8 (test cases 6 and 7, the ones with a key of at least 32 bytes: 131 bytes of
     * 0xaa, longer than a block, so hashed first), HMAC-SHA-256 as published there.
     */
    @Test
    void rfc4231TestVectorsWithKeysLongerThanABlock() {
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        Pseudonymizer p = new Pseudonymizer(key);
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                p.pseudonym("Test Using Larger Than Block-Size Key - Hash Key First"));
        assertEquals("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
                p.pseudonym("This is a test using a larger than block-size key and a larger than block-size data."
                        + " The key needs to be hashed before being used by the HMAC algorithm."));
    }

    /** Keys around the block size (padded, exactly a block, hashed) and identifiers of any length, vs the JDK. */
    @Test
    void agreesWithTheJdksHmacForKeysOfEveryLengthAroundTheBlock() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(4231);
        for (int length : new int[] {32, 33, 63, 64, 65, 100, 200}) {
            byte[] key = new byte[length];
            random.nextBytes(key);
            Pseudonymizer p = new Pseudonymizer(key);
            for (int i = 0; i < 50; i++) {
                int n = random.nextInt(i < 25 ? 20 : 300);
                StringBuilder id = new StringBuilder();
                for (int c = 0; c < n; c++) {
                    // mostly ASCII, now and then any char (non-ASCII, unpaired surrogates)
                    id.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x80));
                }
                String s = id.toString();
                assertEquals(hmacHex(key, s), p.pseudonym(s), "key of " + length + " bytes, id of " + n + " chars");
            }
        }
    }

    /** ASCII identifiers (hashed from the thread's one buffer after the key block) of every length to 300. */
    @Test
    void agreesWithTheJdksHmacForAsciiIdentifiersOfEveryLength() throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(2104);
        Pseudonymizer p = new Pseudonymizer(KEY);
        StringBuilder id = new StringBuilder();
        for (int n = 0; n <= 300; n++) {
            String s = id.toString();
            assertEquals(hmacHex(KEY, s), p.pseudonym(s), "id of " + n + " ASCII chars");
            // a shorter one after a longer one: the buffer's old bytes beyond the identifier must not count
            String shorter = s.substring(0, n / 2);
            assertEquals(hmacHex(KEY, shorter), p.pseudonym(shorter), "id of " + n / 2 + " ASCII chars after " + n);
            id.append((char) random.nextInt(0x80));
        }
    }

    @Test
    void writtenPseudonymIsTheSameStringValue() throws Exception {
        Pseudonymizer p = new Pseudonymizer(KEY);
        qt().forAll(strings().allPossible().ofLengthBetween(0, 100)).checkAssert(id -> {
            String written = dev.fairaudit.core.log.CanonicalWriterAccess.write(w -> {
                w.beginObject();
                p.writePseudonym(id, w.key("subject"));
                w.endObject();
            });
            assertEquals("{\"subject\":\"" + p.pseudonym(id) + "\"}", written);
        });
    }

    /** The writer thread's pseudonym allocates nothing per record for ASCII identifiers (HotSpot can tell). */
    @Test
    void writingAnAsciiPseudonymAllocatesNothing() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean hs
                && hs.isThreadAllocatedMemorySupported() && hs.isThreadAllocatedMemoryEnabled(),
                "this JVM cannot count a thread's allocated bytes");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        Pseudonymizer p = new Pseudonymizer(KEY);
        String[] ids = new String[64];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = String.format("%09d", i * 15_485_863L % 1_000_000_000L);
        }
        long allocated = dev.fairaudit.core.log.CanonicalWriterAccess.allocatedWhileWriting(hs, 200_000, (w, i) -> {
            w.beginObject();
            p.writePseudonym(ids[i & 63], w.key("subject"));
            w.endObject();
        });
        // the old path made ~190 bytes per call; allow a few stray bytes in total for JIT/safepoint noise
        assertTrue(allocated < 200_000, "allocated " + allocated + " bytes in 200,000 pseudonyms");
    }

    @Test
    void toStringNeverShowsTheKey() {
        String s = new Pseudonymizer(KEY).toString();
        assertFalse(s.contains("0123456789abcdef"), s);
    }
}
