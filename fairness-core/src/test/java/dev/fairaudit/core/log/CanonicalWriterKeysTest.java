package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keys encoded once ({@link CanonicalWriter.Keys}) write the bytes {@link CanonicalWriter#key(String)} writes,
 * mixed with string keys in any way, and are refused out of canonical order just as string keys are.
 */
class CanonicalWriterKeysTest {

    private static String randomName(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            // mostly ASCII letters; now and then a character that needs escaping, or is not ASCII
            b.append(kind == 0 ? (char) r.nextInt(0x20) : kind == 1 ? '"' : kind == 2 ? '\u00e9' : kind == 3
                    ? '\u4e2d' : (char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    /** One object with a random sorted subset of the set's keys, some written as strings, some from the set. */
    @Test
    void keysFromASetAreTheBytesOfTheSameKeysAsStrings() {
        SplittableRandom r = new SplittableRandom(808L);
        for (int round = 0; round < 3_000; round++) {
            TreeSet<String> names = new TreeSet<>();
            int n = 1 + r.nextInt(15);
            while (names.size() < n) {
                names.add(randomName(r));
            }
            String[] sorted = names.toArray(new String[0]);
            CanonicalWriter.Keys keys = CanonicalWriter.Keys.of(sorted);
            assertEquals(sorted.length, keys.size());
            Bytes viaSet = new Bytes(8);
            Bytes viaStrings = new Bytes(8);
            CanonicalWriter set = new CanonicalWriter(viaSet);
            CanonicalWriter strings = new CanonicalWriter(viaStrings);
            // the same writers record after record, as on the encoder thread
            for (int rec = 0; rec < 4; rec++) {
                viaSet.clear();
                viaStrings.clear();
                set.reset();
                strings.reset();
                set.beginObject();
                strings.beginObject();
                for (int i = 0; i < sorted.length; i++) {
                    if (r.nextInt(3) == 0) {
                        continue; // a key this record does not have
                    }
                    if (r.nextInt(4) == 0) {
                        set.key(sorted[i]);
                    } else {
                        set.key(keys, i);
                    }
                    assertEquals(sorted[i], keys.name(i));
                    strings.key(sorted[i]);
                    set.number(i);
                    strings.number(i);
                }
                set.endObject();
                strings.endObject();
                assertEquals(viaStrings.toString(), viaSet.toString());
            }
        }
    }

    @Test
    void aKeyFromASetOutOfOrderIsRefusedAsAStringKeyIs() {
        CanonicalWriter.Keys keys = CanonicalWriter.Keys.of("a", "b", "c");
        CanonicalWriter w = new CanonicalWriter(new Bytes(8));
        w.beginObject().key(keys, 1).number(1);
        // a lower index of the same set
        IllegalArgumentException lower = assertThrows(IllegalArgumentException.class, () -> w.key(keys, 0));
        assertTrue(lower.getMessage().contains("'a' written after 'b'"), lower.getMessage());
        // the same key again
        assertThrows(IllegalArgumentException.class, () -> w.key(keys, 1));
        // after a string key greater than it
        CanonicalWriter v = new CanonicalWriter(new Bytes(8));
        v.beginObject().key("bb").number(1);
        assertThrows(IllegalArgumentException.class, () -> v.key(keys, 1));
        v.key(keys, 2).number(2).endObject();
        // after a key of another set that is greater
        CanonicalWriter.Keys other = CanonicalWriter.Keys.of("b0", "z");
        CanonicalWriter u = new CanonicalWriter(new Bytes(8));
        u.beginObject().key(other, 0).number(1);
        assertThrows(IllegalArgumentException.class, () -> u.key(keys, 1));
        // an inner object starts its own order
        CanonicalWriter t = new CanonicalWriter(new Bytes(8));
        t.beginObject().key(keys, 1).beginObject().key(keys, 0).number(1).endObject().key(keys, 2).number(2).endObject();
        assertTrue(t.complete());
        assertThrows(IllegalStateException.class, () -> new CanonicalWriter(new Bytes(8)).key(keys, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> new CanonicalWriter(new Bytes(8)).beginObject().key(keys, 3));
    }

    @Test
    void aSetOutOfOrderOrWithAKeyThatCannotBeOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalWriter.Keys.of("b", "a"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalWriter.Keys.of("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalWriter.Keys.of("a", "\ud800"));
        assertThrows(IllegalArgumentException.class,
                () -> CanonicalWriter.Keys.of("x".repeat(CanonicalJson.MAX_NAME_LENGTH + 1)));
        assertThrows(NullPointerException.class, () -> CanonicalWriter.Keys.of("a", null));
        // the caller's array is copied
        String[] names = {"a", "b"};
        CanonicalWriter.Keys keys = CanonicalWriter.Keys.of(names);
        names[0] = "z";
        assertEquals("a", keys.name(0));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            got.add(keys.name(i));
        }
        assertEquals(List.of("a", "b"), got);
    }
}
