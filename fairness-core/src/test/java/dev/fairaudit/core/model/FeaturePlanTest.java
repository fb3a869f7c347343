package dev.fairaudit.core.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairaudit.core.log.CanonicalJson;
import dev.fairaudit.core.log.CanonicalWriterAccess;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Kept features written with a plan (their names' canonical order and keys, made once the same names come twice
 * in a row) are the bytes of their tree, whatever the order of the sets of names, when there are more sets than
 * plans, and when the names are equal strings but not the same ones.
 */
class FeaturePlanTest {

    private static final List<List<String>> SETS = List.of(
            List.of("income", "age"),
            List.of("age", "income", "region"),
            List.of("z\u00e9", "a\"b", "tab\there", "\u4e2d"),
            List.of("b", "a", "c", "e", "d"),
            List.of("only"),
            List.of("score", "Age"),
            List.of("x1", "x0", "x3", "x2", "x10", "X"));

    private static Map<String, Object> features(List<String> names, SplittableRandom r, boolean copyNames) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String name : names) {
            // equal names that are other strings, when asked: the plan must match them by value
            String key = copyNames ? new String(name.toCharArray()) : name;
            switch (r.nextInt(4)) {
                case 0 -> map.put(key, r.nextInt(100));
                case 1 -> map.put(key, r.nextInt(10_000) / 100.0);
                case 2 -> map.put(key, "v" + r.nextInt(10));
                default -> map.put(key, r.nextBoolean());
            }
        }
        return r.nextBoolean() ? Map.copyOf(map) : map;
    }

    @Test
    void featuresWrittenWithAPlanAreTheBytesOfTheirTree() {
        FeatureFilter filter = new FeatureFilter("m", "1", List.of("x10"), List.of());
        SplittableRandom r = new SplittableRandom(448L);
        for (int i = 0; i < 20_000; i++) {
            List<String> names = SETS.get(r.nextInt(SETS.size()));
            int repeat = 1 + r.nextInt(3);
            boolean copyNames = r.nextInt(4) == 0;
            for (int k = 0; k < repeat; k++) {
                Map<String, Object> map = features(names, r, copyNames);
                FeatureFilter.Kept kept = filter.prepare(map, null);
                String want = new String(CanonicalJson.bytes(kept.toTree()), UTF_8);
                assertEquals(want, CanonicalWriterAccess.write(kept::writeCanonical), map.toString());
            }
        }
    }

    @Test
    void aNameThatCannotBeAKeyIsRefusedWithOrWithoutAPlan() {
        FeatureFilter filter = new FeatureFilter("m", "1", List.of(), List.of());
        for (int i = 0; i < 4; i++) {
            FeatureFilter.Kept kept = filter.prepare(Map.of("a", 1, "b\ud800", 2), null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CanonicalWriterAccess.write(kept::writeCanonical));
            assertEquals(true, e.getMessage().contains("unpaired surrogate"), e.getMessage());
        }
    }
}
