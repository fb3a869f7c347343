package dev.fairaudit.metrics.counts;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A way of splitting the population into groups: by one protected attribute ({@code race}), by an
 * intersection of several ({@code race × sex}, the cartesian product of their values), or not at all (the
 * whole population, no attributes).
 *
 * @param attributes the attributes, in order; empty for the whole population
 */
public record Grouping(List<String> attributes) {

    /** The whole population. */
    public static final Grouping OVERALL = new Grouping(List.of());

    // equals and hashCode written out (what the record would generate: each component's, combined as 31 * h + c):
    // the generated ones are linked at first use through ObjectMethods.bootstrap, which spins method-handle classes
    // with the JDK's ASM at run time (not kept in the class-data archive), and C2 then compiles ASM itself.

    @Override
    public boolean equals(Object o) {
        return o instanceof Grouping g && attributes.equals(g.attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    /** Validates and copies. */
    public Grouping {
        attributes = List.copyOf(attributes);
        if (new LinkedHashSet<>(attributes).size() != attributes.size()) {
            throw new IllegalArgumentException("an intersection repeats an attribute: " + attributes);
        }
    }

    /** A grouping by the given attributes. */
    public static Grouping of(String... attributes) {
        return new Grouping(List.of(attributes));
    }

    /** Whether this is the whole population. */
    public boolean isOverall() {
        return attributes.isEmpty();
    }

    /** Whether this is an intersection of two or more attributes. */
    public boolean isIntersection() {
        return attributes.size() > 1;
    }

    /** The attributes joined with " × ", or "overall". */
    public String label() {
        return attributes.isEmpty() ? "overall" : String.join(" × ", attributes);
    }
}
