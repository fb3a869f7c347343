package dev.fairaudit.metrics.counts;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One group: a value for each attribute of its {@link Grouping}, for example {@code race=African-American,
 * sex=Female}. The whole population has no attributes.
 *
 * @param attributes attribute → value, in the grouping's attribute order
 */
public record GroupKey(Map<String, String> attributes) implements Comparable<GroupKey> {

    /** The whole population. */
    public static final GroupKey OVERALL = new GroupKey(Map.of());

    private static final Comparator<List<String>> LEXICOGRAPHIC = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Copies, keeping the order. */
    public GroupKey {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A key from attribute names and values in matching order. */
    public static GroupKey of(List<String> names, List<String> values) {
        if (names.size() != values.size()) {
            throw new IllegalArgumentException("names and values differ in length: " + names + " " + values);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), values.get(i));
        }
        return new GroupKey(m);
    }

    /** The grouping this key belongs to. */
    public Grouping grouping() {
        return new Grouping(List.copyOf(attributes.keySet()));
    }

    /** The values in attribute order. */
    public List<String> values() {
        return List.copyOf(attributes.values());
    }

    /** Orders by attribute names, then values, so that reports do not depend on row order. */
    @Override
    public int compareTo(GroupKey o) {
        int c = LEXICOGRAPHIC.compare(List.copyOf(attributes.keySet()), List.copyOf(o.attributes.keySet()));
        return c != 0 ? c : LEXICOGRAPHIC.compare(values(), o.values());
    }

    /** For example {@code race=Caucasian, sex=Male}, or {@code overall}. */
    public String label() {
        if (attributes.isEmpty()) {
            return "overall";
        }
        StringBuilder sb = new StringBuilder();
        attributes.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }
}
