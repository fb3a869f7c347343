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

    @Test
    void toStringNeverShowsTheKey() {
        String s = new Pseudonymizer(KEY).toString();
        assertFalse(s.contains("0123456789abcdef"), s);
    }
}
