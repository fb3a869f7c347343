package dev.fairaudit.metrics.document;

import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The disclosure-control decisions of a published document: which parts of which groups are withheld
 * ({@code SUPPRESSED}) because a count behind them is below the threshold (primary) or because they would let
 * a reader recompute a withheld count from a total (secondary).
 *
 * @param threshold        counts from 1 to {@code threshold − 1} are withheld; 0 or 1 means disclosure control
 *                         is off (the document is then not fit for publication)
 * @param cells            the withheld parts, in report order
 * @param suppressedTests  groupings whose independence test is withheld (a group in its table is withheld)
 */
public record Disclosure(int threshold, List<SuppressedCell> cells, List<Grouping> suppressedTests) {

    /** Validates and copies. */
    public Disclosure {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
        }
        cells = List.copyOf(cells);
        suppressedTests = List.copyOf(suppressedTests);
    }

    /** No disclosure control. */
    public static Disclosure off() {
        return new Disclosure(0, List.of(), List.of());
    }

    /** Whether counts are withheld at all. */
    public boolean enabled() {
        return threshold > 1;
    }

    /** Whether a part of a group is withheld. */
    public boolean suppressed(GroupKey group, Part part) {
        for (SuppressedCell c : cells) {
            if (c.part() == part && c.group().equals(group)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a metric of a group is withheld. */
    public boolean suppressed(GroupKey group, Metric metric) {
        return suppressed(group, Part.of(metric));
    }

    /** Whether a grouping's independence test is withheld. */
    public boolean testSuppressed(Grouping grouping) {
        return suppressedTests.contains(grouping);
    }

    /** A fast lookup of the withheld parts, for renderers that ask many times. */
    public Lookup lookup() {
        Set<Withheld> s = new HashSet<>();
        for (SuppressedCell c : cells) {
            s.add(new Withheld(c.group(), c.part()));
        }
        return new Lookup(Set.copyOf(s), Set.copyOf(suppressedTests));
    }

    /**
     * A part of a group, without the reason.
     *
     * @param group the group
     * @param part  the part
     */
    public record Withheld(GroupKey group, Part part) {

        // Written out as the record would generate them: the generated ones spin classes at first use (GroupKey).
        @Override
        public boolean equals(Object o) {
            return o instanceof Withheld w && Objects.equals(group, w.group) && part == w.part;
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(group) * 31 + Objects.hashCode(part);
        }
    }

    /**
     * Withheld parts as hash sets.
     *
     * @param withheld the withheld parts
     * @param tests    the groupings whose independence test is withheld
     */
    public record Lookup(Set<Withheld> withheld, Set<Grouping> tests) {

        /** Whether a part of a group is withheld. */
        public boolean suppressed(GroupKey group, Part part) {
            return withheld.contains(new Withheld(group, part));
        }

        /** Whether a metric of a group is withheld. */
        public boolean suppressed(GroupKey group, Metric metric) {
            return suppressed(group, Part.of(metric));
        }
    }

    /** Withheld parts with the given reason. */
    public long count(Reason reason) {
        return cells.stream().filter(c -> c.reason() == reason).count();
    }

    /** The parts of a group's results that are withheld together. */
    public enum Part {
        /** The group's size (rows, n, population share); withholding it withholds everything of the group. */
        SIZE,
        /** The selected and not-selected counts and the selection rate. */
        SELECTION,
        /** The confusion-matrix counts, the unknown-label count and every label-based rate. */
        LABELLED;

        /** The part a metric belongs to. */
        public static Part of(Metric m) {
            return m == Metric.SELECTION_RATE ? SELECTION : LABELLED;
        }
    }

    /** Why a part is withheld. */
    public enum Reason {
        /** A count behind it is below the threshold. */
        PRIMARY,
        /** It would reveal a primary-suppressed count through a total. */
        SECONDARY
    }

    /**
     * One withheld part.
     *
     * @param group  the group
     * @param part   the part
     * @param reason why
     */
    public record SuppressedCell(GroupKey group, Part part, Reason reason) {
    }
}
