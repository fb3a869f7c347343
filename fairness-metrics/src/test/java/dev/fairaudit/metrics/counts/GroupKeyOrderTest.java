package dev.fairaudit.metrics.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupKey#compareTo} compares without copying; its order must be the one it had: lexicographic on the
 * attribute names (a prefix first), then lexicographic on the values. The oracle below is that earlier
 * comparison on copied lists.
 */
class GroupKeyOrderTest {

    @Test
    void orderEqualsLexicographicOrderOfNamesThenValues() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<String> names = List.of("a", "b", "ab", "c");
        List<String> values = List.of("", "x", "y", "xy", "Z", "é");
        for (int n = 0; n < 20_000; n++) {
            GroupKey k1 = randomKey(rnd, names, values);
            GroupKey k2 = randomKey(rnd, names, values);
            int expected = Integer.signum(oldOrder(k1, k2));
            assertEquals(expected, Integer.signum(k1.compareTo(k2)), k1.label() + " vs " + k2.label());
            assertEquals(-expected, Integer.signum(k2.compareTo(k1)), k2.label() + " vs " + k1.label());
        }
    }

    private static GroupKey randomKey(SplittableRandom rnd, List<String> names, List<String> values) {
        List<String> n = new ArrayList<>(names);
        java.util.Collections.shuffle(n, new java.util.Random(rnd.nextLong()));
        int size = rnd.nextInt(4);
        List<String> v = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            v.add(values.get(rnd.nextInt(values.size())));
        }
        return GroupKey.of(n.subList(0, size), v);
    }

    private static int oldOrder(GroupKey a, GroupKey b) {
        int c = lexicographic(List.copyOf(a.attributes().keySet()), List.copyOf(b.attributes().keySet()));
        return c != 0 ? c : lexicographic(a.values(), b.values());
    }

    private static int lexicographic(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
