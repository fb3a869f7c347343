package dev.fairaudit.metrics.counts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.fairaudit.metrics.document.Disclosure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Grouping}, {@link GroupKey} and {@link Disclosure.Withheld} write out equals and hashCode (so that no
 * classes are spun at first use); they must behave as the record's generated methods do. The oracles are records
 * of the same components, whose methods the JDK generates.
 */
class RecordEqualityTest {

    private record GroupingOracle(List<String> attributes) {
    }

    private record GroupKeyOracle(Map<String, String> attributes) {
    }

    private record WithheldOracle(GroupKey group, Disclosure.Part part) {
    }

    @Test
    void equalsAndHashCodeAreThoseOfTheGeneratedRecordMethods() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> names = List.of("a", "b", "c");
        List<String> values = List.of("x", "y", "");
        Disclosure.Part[] parts = Disclosure.Part.values();
        for (int n = 0; n < 2_000; n++) {
            Map<String, String> m1 = randomMap(rnd, names, values);
            Map<String, String> m2 = randomMap(rnd, names, values);
            GroupKey k1 = new GroupKey(m1);
            GroupKey k2 = new GroupKey(m2);
            assertEquals(new GroupKeyOracle(k1.attributes()).hashCode(), k1.hashCode());
            assertEquals(new GroupKeyOracle(k1.attributes()).equals(new GroupKeyOracle(k2.attributes())),
                    k1.equals(k2));
            Grouping g1 = new Grouping(new ArrayList<>(m1.keySet()));
            Grouping g2 = new Grouping(new ArrayList<>(m2.keySet()));
            assertEquals(new GroupingOracle(g1.attributes()).hashCode(), g1.hashCode());
            assertEquals(new GroupingOracle(g1.attributes()).equals(new GroupingOracle(g2.attributes())),
                    g1.equals(g2));
            Disclosure.Part p1 = parts[rnd.nextInt(parts.length)];
            Disclosure.Part p2 = parts[rnd.nextInt(parts.length)];
            Disclosure.Withheld w1 = new Disclosure.Withheld(k1, p1);
            Disclosure.Withheld w2 = new Disclosure.Withheld(k2, p2);
            assertEquals(new WithheldOracle(k1, p1).hashCode(), w1.hashCode());
            assertEquals(new WithheldOracle(k1, p1).equals(new WithheldOracle(k2, p2)), w1.equals(w2));
            assertEquals(new WithheldOracle(null, p1).hashCode(), new Disclosure.Withheld(null, p1).hashCode());
        }
        assertNotEquals(Grouping.of("a"), "a");
        assertNotEquals(GroupKey.OVERALL, Grouping.OVERALL);
        assertEquals(new GroupKey(Map.of("a", "x", "b", "y")), GroupKey.of(List.of("b", "a"), List.of("y", "x")),
                "map equality, as before: the order of the attributes does not count");
    }

    private static Map<String, String> randomMap(SplittableRandom rnd, List<String> names, List<String> values) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : names) {
            if (rnd.nextInt(3) > 0) {
                m.put(name, values.get(rnd.nextInt(values.size())));
            }
        }
        return m;
    }
}
