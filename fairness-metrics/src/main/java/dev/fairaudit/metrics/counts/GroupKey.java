package dev.fairaudit.metrics.counts;

import java.util.Collections;
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

    // equals and hashCode written out (what the record would generate: each component's, combined as 31 * h + c):
    // the generated ones are linked at first use through ObjectMethods.bootstrap, which spins method-handle classes
    // with the JDK's ASM at run time (not kept in the class-data archive), and C2 then compiles ASM itself.

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupKey k && attributes.equals(k.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

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
        // Lexicographic on the names, then on the values (a shorter prefix first), without copying them into
        // lists: maps keyed by groups compare keys on every lookup.
        int c = compareInOrder(attributes.keySet(), o.attributes.keySet());
        return c != 0 ? c : compareInOrder(attributes.values(), o.attributes.values());
    }

    private static int compareInOrder(java.util.Collection<String> a, java.util.Collection<String> b) {
        java.util.Iterator<String> x = a.iterator();
        java.util.Iterator<String> y = b.iterator();
        while (x.hasNext() && y.hasNext()) {
            int c = x.next().compareTo(y.next());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
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
