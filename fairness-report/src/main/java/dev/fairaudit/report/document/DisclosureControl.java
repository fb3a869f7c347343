package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.Disclosure.Part;
import dev.fairaudit.metrics.document.Disclosure.Reason;
import dev.fairaudit.metrics.document.Disclosure.SuppressedCell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what a published audit document withholds (statistics offices' threshold rule with secondary
 * suppression; see {@code docs/audit-document.md#disclosure-control}).
 *
 * <p><b>Primary.</b> A count from 1 to {@code threshold − 1} is sensitive (0 is shown: it reveals nothing
 * about a person that the group's size does not). Per group: its size (rows) withholds {@link Part#SIZE} and with
 * it everything of the group; its selected or not-selected count withholds {@link Part#SELECTION}; any of TP, FP,
 * FN, TN or the unknown-label count withholds {@link Part#LABELLED} (all label-based rates together, because
 * they share those counts and one shown rate would give away another's numerator).
 *
 * <p><b>Secondary.</b> Counts add up: the groups of a grouping to the whole population, and the groups of an
 * intersection that share a value of a coarser grouping to that group. Where a total is shown and exactly one
 * of its parts is withheld, the part could be recomputed as total minus the rest; the smallest other non-empty
 * part is withheld as well (or, if there is none, the total). Repeated until nothing changes.
 *
 * <p>Decisions only: values are withheld by the writers, which consult the resulting {@link Disclosure}.
 */
public final class DisclosureControl {

    /** The default threshold: groups and cells below 10 people are not published (CBS's rule). */
    public static final int DEFAULT_THRESHOLD = 10;

    private DisclosureControl() {
    }

    /**
     * The disclosure decisions for a result.
     *
     * @param r         the result
     * @param threshold counts from 1 to threshold − 1 are withheld; 0 or 1 switches disclosure control off
     * @throws IllegalArgumentException when the threshold is negative
     */
    public static Disclosure decide(AuditResult r, int threshold) {
        if (threshold < 0) {
            throw new IllegalArgumentException("the suppression threshold must be >= 0, was " + threshold);
        }
        if (threshold <= 1) {
            return new Disclosure(threshold, List.of(), List.of());
        }
        Map<GroupKey, GroupResult> groups = new LinkedHashMap<>();
        for (GroupResult g : r.groups()) {
            groups.put(g.group(), g);
        }
        Map<Part, Map<GroupKey, Reason>> withheld = new EnumMap<>(Part.class);
        for (Part p : Part.values()) {
            withheld.put(p, new LinkedHashMap<>());
        }
        for (GroupResult g : groups.values()) {
            OutcomeCounts c = g.counts();
            long selected = c.rows(Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE, Cell.SELECTED_UNKNOWN);
            if (small(g.rows(), threshold)) {
                withheld.get(Part.SIZE).put(g.group(), Reason.PRIMARY);
            }
            if (small(selected, threshold) || small(g.rows() - selected, threshold)) {
                withheld.get(Part.SELECTION).put(g.group(), Reason.PRIMARY);
            }
            if (small(c.rows(Cell.TRUE_POSITIVE), threshold) || small(c.rows(Cell.FALSE_POSITIVE), threshold)
                    || small(c.rows(Cell.FALSE_NEGATIVE), threshold) || small(c.rows(Cell.TRUE_NEGATIVE), threshold)
                    || small(c.unknownLabelRows(), threshold)) {
                withheld.get(Part.LABELLED).put(g.group(), Reason.PRIMARY);
            }
        }
        List<Relation> relations = relations(r.groupings(), groups);
        boolean changed = true;
        while (changed) {
            changed = impliedBySize(withheld);
            for (Part p : Part.values()) {
                Map<GroupKey, Reason> w = withheld.get(p);
                for (Relation rel : relations) {
                    if (w.containsKey(rel.total)) {
                        continue;
                    }
                    List<GroupKey> hidden = rel.parts.stream().filter(w::containsKey).toList();
                    if (hidden.size() != 1) {
                        continue;
                    }
                    GroupKey extra = rel.parts.stream()
                            .filter(k -> !w.containsKey(k) && groups.get(k).rows() > 0)
                            .min(Comparator.comparingLong((GroupKey k) -> groups.get(k).rows())
                                    .thenComparing(Comparator.naturalOrder()))
                            .orElse(rel.total);
                    w.put(extra, Reason.SECONDARY);
                    changed = true;
                }
            }
        }
        List<SuppressedCell> cells = new ArrayList<>();
        for (GroupKey k : groups.keySet()) {
            for (Part p : Part.values()) {
                Reason why = withheld.get(p).get(k);
                if (why != null) {
                    cells.add(new SuppressedCell(k, p, why));
                }
            }
        }
        List<Grouping> tests = new ArrayList<>();
        for (Grouping g : r.groupings()) {
            if (g.isOverall()) {
                continue;
            }
            boolean any = groups.keySet().stream().anyMatch(k -> k.grouping().equals(g)
                    && (withheld.get(Part.SELECTION).containsKey(k) || withheld.get(Part.SIZE).containsKey(k)));
            if (any) {
                tests.add(g);
            }
        }
        return new Disclosure(threshold, cells, tests);
    }

    private static boolean small(long count, int threshold) {
        return count >= 1 && count < threshold;
    }

    /** A withheld size withholds the group's rates too; returns whether anything was added. */
    private static boolean impliedBySize(Map<Part, Map<GroupKey, Reason>> withheld) {
        boolean changed = false;
        for (Map.Entry<GroupKey, Reason> e : withheld.get(Part.SIZE).entrySet()) {
            for (Part p : List.of(Part.SELECTION, Part.LABELLED)) {
                if (!withheld.get(p).containsKey(e.getKey())) {
                    withheld.get(p).put(e.getKey(), e.getValue());
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** total = sum of parts, for every pair of groupings where one refines the other. */
    private static List<Relation> relations(List<Grouping> groupings, Map<GroupKey, GroupResult> groups) {
        List<Relation> out = new ArrayList<>();
        Set<Grouping> present = new HashSet<>(groupings);
        present.add(Grouping.OVERALL);
        for (Grouping fine : groupings) {
            if (fine.isOverall()) {
                continue;
            }
            for (Grouping coarse : present) {
                if (coarse.attributes().size() >= fine.attributes().size()
                        || !fine.attributes().containsAll(coarse.attributes())) {
                    continue;
                }
                for (GroupKey total : groups.keySet()) {
                    if (!total.grouping().equals(coarse)) {
                        continue;
                    }
                    List<GroupKey> parts = new ArrayList<>();
                    for (GroupKey k : groups.keySet()) {
                        if (k.grouping().equals(fine) && matches(k, total)) {
                            parts.add(k);
                        }
                    }
                    if (!parts.isEmpty()) {
                        out.add(new Relation(total, parts));
                    }
                }
            }
        }
        return out;
    }

    private static boolean matches(GroupKey part, GroupKey total) {
        for (Map.Entry<String, String> e : total.attributes().entrySet()) {
            if (!e.getValue().equals(part.attributes().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private record Relation(GroupKey total, List<GroupKey> parts) {
    }
}
