package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.report.document.AnalysisDisclosure.Key;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link AnalysisDisclosure#nested} finds the sums among per-group cells by lookup per grouping. The secondary
 * suppression that reads them depends on their order (it withholds cells while it walks the sums), so the sums
 * must be the same lists in the same order as the scan of every cell per total that it replaced: that scan is
 * kept here as the reference.
 */
class NestedSumsTest {

    private static final List<String> ATTRIBUTES = List.of("gender", "migration", "age");
    private static final List<List<String>> VALUES = List.of(List.of("f", "m", "x"), List.of("none", "west",
            "nonwest"), List.of("18-26", "27-39", "40-64", "65+"));
    private static final List<String> DETAILS = List.of("2025-01", "2025-02", "2025-03", "PROFILE", "RANDOM");

    /** The code before this change (RiskProfileDisclosure.nested and the trend relations at aabfe83). */
    private static List<List<Key>> scanned(Kind kind, String detail, Set<Key> cells, List<Grouping> groupings) {
        List<List<Key>> sums = new ArrayList<>();
        for (Grouping fine : groupings) {
            for (Grouping coarse : groupings) {
                if (fine.isOverall() || coarse.attributes().size() >= fine.attributes().size()
                        || !fine.attributes().containsAll(coarse.attributes())) {
                    continue;
                }
                for (Key total : cells) {
                    if (total.kind() != kind || !total.detail().equals(detail)
                            || !total.group().grouping().equals(coarse)) {
                        continue;
                    }
                    List<Key> sum = new ArrayList<>();
                    sum.add(total);
                    for (Key part : cells) {
                        if (part.kind() == kind && part.detail().equals(detail)
                                && part.group().grouping().equals(fine)
                                && AnalysisDisclosure.matches(part.group(), total.group())) {
                            sum.add(part);
                        }
                    }
                    if (sum.size() > 1) {
                        sums.add(sum);
                    }
                }
            }
        }
        return sums;
    }

    @Test
    void sameSumsInTheSameOrderAsTheScanOfEveryCell() {
        Random random = new Random(20261130);
        int nonEmpty = 0;
        for (int t = 0; t < 60; t++) {
            int trial = t;
            List<Grouping> groupings = groupings(random);
            Set<Key> cells = cells(random, groupings);
            for (Kind kind : new Kind[] {Kind.PERIOD_RATE, Kind.ROUTE_CELL}) {
                for (String detail : DETAILS) {
                    List<List<Key>> expected = scanned(kind, detail, cells, groupings);
                    assertEquals(expected, AnalysisDisclosure.nested(kind, detail, cells, groupings),
                            () -> "trial " + trial + ", " + kind + " " + detail);
                    nonEmpty += expected.isEmpty() ? 0 : 1;
                }
            }
        }
        assertTrue(nonEmpty > 200, "the random cells formed too few sums to test anything: " + nonEmpty);
    }

    @Test
    void oneSumPerCoarserGroupWithItsFinerGroupsInCellOrder() {
        Grouping gender = new Grouping(List.of("gender"));
        Grouping both = new Grouping(List.of("gender", "migration"));
        Key overall = new Key(Kind.PERIOD_RATE, GroupKey.OVERALL, "2025-01");
        Key f = key(Kind.PERIOD_RATE, "2025-01", "gender", "f");
        Key m = key(Kind.PERIOD_RATE, "2025-01", "gender", "m");
        Key fWest = key(Kind.PERIOD_RATE, "2025-01", "gender", "f", "migration", "west");
        Key fNone = key(Kind.PERIOD_RATE, "2025-01", "gender", "f", "migration", "none");
        Key mNone = key(Kind.PERIOD_RATE, "2025-01", "gender", "m", "migration", "none");
        Key otherPeriod = key(Kind.PERIOD_RATE, "2025-02", "gender", "f");
        Key otherKind = key(Kind.ROUTE_CELL, "2025-01", "gender", "m");
        Set<Key> cells = new LinkedHashSet<>(List.of(fWest, m, overall, otherPeriod, fNone, f, otherKind, mNone));
        List<List<Key>> sums = AnalysisDisclosure.nested(Kind.PERIOD_RATE, "2025-01", cells,
                List.of(Grouping.OVERALL, gender, both));
        // Worked out by hand: the genders to the whole population, the intersections to the whole population,
        // and the intersections to each gender.
        assertEquals(List.of(List.of(overall, m, f), List.of(overall, fWest, fNone, mNone), List.of(m, mNone),
                List.of(f, fWest, fNone)), sums);
    }

    private static Key key(Kind kind, String detail, String... attributeValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < attributeValues.length; i += 2) {
            m.put(attributeValues[i], attributeValues[i + 1]);
        }
        return new Key(kind, new GroupKey(m), detail);
    }

    /** The whole population, a random choice of single attributes, pairs and the triple, in random order. */
    private static List<Grouping> groupings(Random random) {
        List<Grouping> all = new ArrayList<>(List.of(Grouping.OVERALL));
        for (int mask = 1; mask < 8; mask++) {
            if (random.nextInt(3) > 0) {
                List<String> a = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    if ((mask & 1 << i) != 0) {
                        a.add(ATTRIBUTES.get(i));
                    }
                }
                all.add(new Grouping(a));
            }
        }
        Collections.shuffle(all, random);
        return all;
    }

    /** Most groups of each grouping in each detail and kind (some left out), in random order. */
    private static Set<Key> cells(Random random, List<Grouping> groupings) {
        List<Key> cells = new ArrayList<>();
        for (Grouping g : groupings) {
            for (GroupKey k : groups(g)) {
                for (String detail : DETAILS) {
                    for (Kind kind : new Kind[] {Kind.PERIOD_RATE, Kind.ROUTE_CELL}) {
                        if (random.nextInt(5) > 0) {
                            cells.add(new Key(kind, k, detail));
                        }
                    }
                }
            }
        }
        Collections.shuffle(cells, random);
        return new LinkedHashSet<>(cells);
    }

    private static List<GroupKey> groups(Grouping g) {
        List<Map<String, String>> keys = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String a : g.attributes()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> k : keys) {
                for (String v : VALUES.get(ATTRIBUTES.indexOf(a))) {
                    Map<String, String> m = new LinkedHashMap<>(k);
                    m.put(a, v);
                    next.add(m);
                }
            }
            keys = next;
        }
        return keys.stream().map(GroupKey::new).toList();
    }
}
