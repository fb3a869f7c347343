package dev.fairaudit.core.log;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A string's leading run of printable ASCII is copied in bulk ({@code String.getBytes(int, int, byte[], int)});
 * the bytes are those of the documented escaping, char by char, whatever follows the run and however the JDK
 * stores the string (Latin-1 or UTF-16).
 */
class StringFastPathTest {

    /** The documented form (docs/decision-log.md section 4), char by char, independent of the fast path. */
    private static String reference(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\f' -> b.append("\\f");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Test
    void anAsciiRunFollowedByAnythingIsWrittenAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(1130L);
        char[] tails = {'\u00e9', '\u4e2d', '"', '\\', '\n', '\u0001', '\ud83d', '\ude00', '\u007f', '\u00ff', '\u0100'};
        Bytes out = new Bytes(4);
        for (int prefix = 0; prefix <= 80; prefix++) {
            for (char tail : tails) {
                for (int rep = 0; rep < 20; rep++) {
                    StringBuilder s = new StringBuilder();
                    for (int i = 0; i < prefix; i++) {
                        s.append((char) (0x20 + r.nextInt(0x5f)) == '"' ? 'q' : (char) ('a' + r.nextInt(26)));
                    }
                    s.append(tail);
                    // then a few more chars of any kind: ASCII, Latin-1, other planes
                    for (int i = r.nextInt(4); i > 0; i--) {
                        s.append(r.nextBoolean() ? (char) ('a' + r.nextInt(26)) : (char) r.nextInt(0x3000));
                    }
                    String str = s.toString();
                    int before = r.nextInt(3);
                    out.clear();
                    for (int i = 0; i < before; i++) {
                        out.write('x'); // not at the start of the buffer
                    }
                    CanonicalJson.string(str, out);
                    String got = new String(out.buf, before, out.len - before, UTF_8);
                    assertEquals(reference(str), got, () -> "string " + str.codePoints().mapToObj(Integer::toHexString)
                            .toList());
                }
            }
            // the run alone, and the run with a short buffer that must grow
            String ascii = "a".repeat(prefix);
            Bytes small = new Bytes(1);
            CanonicalJson.string(ascii, small);
            assertEquals('"' + ascii + '"', small.toString());
        }
    }
}
