package dev.fairaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.counts.GroupCounter;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.metrics.stats.Interval;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Algebraic laws of the count states and invariants of the audit, on random tables. Each example draws a seed;
 * the table is generated from it, so a failure names a seed that reproduces it.
 */
class AuditPropertiesTest {

    private static final List<String> ATTRIBUTES = List.of("a", "b");

    /** A random table: attribute a has up to 4 values, b up to 3; decision and label skewed by group. */
    static List<Map<String, String>> randomRows(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = rnd.nextInt(0, 400);
        int aValues = rnd.nextInt(1, 5);
        int bValues = rnd.nextInt(1, 4);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int a = rnd.nextInt(aValues);
            int b = rnd.nextInt(bValues);
            Map<String, String> row = new HashMap<>();
            row.put("a", rnd.nextInt(20) == 0 ? "" : "a" + a);
            row.put("b", "b" + b);
            double p = 0.2 + 0.15 * a;
            row.put("d", rnd.nextDouble() < p ? "1" : "0");
            int label = rnd.nextInt(10);
            row.put("y", label == 0 ? "" : rnd.nextDouble() < 0.3 + 0.1 * b ? "1" : "0");
            out.add(row);
        }
        return out;
    }

    static AuditSettings randomSettings(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        return AuditSettings.builder()
                .intersect("a", "b")
                .favourable(rnd.nextBoolean() ? Favourable.SELECTED : Favourable.NOT_SELECTED)
                .referenceStrategy(ReferenceStrategy.values()[rnd.nextInt(3)])
                .intervalMethod(rnd.nextBoolean() ? IntervalMethod.WILSON : IntervalMethod.CLOPPER_PEARSON)
                .minGroupSize(1 + rnd.nextInt(40))
                .build();
    }

    private static OutcomeCounts randomCounts(SplittableRandom rnd) {
        return OutcomeCounts.ofRows(rnd.nextInt(50), rnd.nextInt(50), rnd.nextInt(50), rnd.nextInt(50),
                rnd.nextInt(50), rnd.nextInt(50));
    }

    @Test
    void mergeIsAssociativeCommutativeWithIdentity() {
        qt().forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            OutcomeCounts a = randomCounts(rnd);
            OutcomeCounts b = randomCounts(rnd);
            OutcomeCounts c = randomCounts(rnd);
            assertEquals(a.merge(b).merge(c), a.merge(b.merge(c)));
            assertEquals(a.merge(b), b.merge(a));
            assertEquals(a, a.merge(OutcomeCounts.empty()));
            assertEquals(a, OutcomeCounts.empty().merge(a));
            assertEquals(a, a.merge(b).minus(b));
        });
    }

    @Test
    void countsOfAnySplitMergedEqualTheCountsOfTheWhole() {
        qt().withExamples(300).forAll(longs().all()).checkAssert(seed -> {
            List<Map<String, String>> rows = randomRows(seed);
            int cut = rows.isEmpty() ? 0 : new SplittableRandom(seed + 1).nextInt(rows.size() + 1);
            List<Grouping> groupings = List.of(Grouping.of("a"), Grouping.of("b"), Grouping.of("a", "b"));
            GroupedCounts whole = GroupCounter.count(TestTables.table(ATTRIBUTES, rows), groupings);
            GroupedCounts left = GroupCounter.count(TestTables.table(ATTRIBUTES, rows.subList(0, cut)), groupings);
            GroupedCounts right = GroupCounter.count(TestTables.table(ATTRIBUTES, rows.subList(cut, rows.size())),
                    groupings);
            GroupedCounts merged = left.merge(right);
            for (Grouping g : whole.groupings()) {
                // Intersection cells that are empty in a part are not listed there; compare non-empty groups.
                assertEquals(nonEmpty(whole.groups(g)), nonEmpty(merged.groups(g)), g.label());
            }
        });
    }

    private static Map<GroupKey, OutcomeCounts> nonEmpty(Map<GroupKey, OutcomeCounts> m) {
        Map<GroupKey, OutcomeCounts> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v.totalRows() > 0) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void ratesPValuesAndIntervalsStayInRangeAndContainTheirEstimates() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            List<Map<String, String>> rows = randomRows(seed);
            if (rows.isEmpty()) {
                return;
            }
            AuditResult r = new GroupAudit(randomSettings(seed)).run(TestTables.table(ATTRIBUTES, rows));
            for (GroupResult g : r.groups()) {
                for (MetricValue v : g.metrics().values()) {
                    if (v.value() != null) {
                        assertTrue(v.value() >= 0 && v.value() <= 1, "rate " + v);
                        assertInside(v.ci95(), v.value(), 0, 1);
                    } else {
                        assertTrue(v.status() != Status.OK);
                    }
                }
            }
            for (ComparisonResult c : r.comparisons()) {
                if (c.test() != null) {
                    assertTrue(c.pValue() >= 0 && c.pValue() <= 1, "p " + c);
                    assertNotNull(c.pValueAdjusted());
                    assertTrue(c.pValueAdjusted() >= c.pValue() - 1e-15 && c.pValueAdjusted() <= 1, "adjusted " + c);
                }
                if (c.difference().value() != null) {
                    assertInside(c.difference().ci95(), c.difference().value(), -1, 1);
                }
                if (c.ratio().value() != null) {
                    assertTrue(c.ratio().value() >= 0);
                    if (c.ratio().ci95() != null) {
                        assertInside(c.ratio().ci95(), c.ratio().value(), 0, Double.MAX_VALUE);
                    }
                }
            }
            for (IndependenceTest t : r.independenceTests()) {
                if (t.test() != null) {
                    assertTrue(t.test().pValue() >= 0 && t.test().pValue() <= 1);
                }
            }
        });
    }

    private static void assertInside(Interval ci, double estimate, double min, double max) {
        assertNotNull(ci);
        assertTrue(ci.lower() >= min - 1e-12 && ci.upper() <= max + 1e-12, "interval " + ci + " within bounds");
        assertTrue(ci.lower() <= estimate + 1e-12 && estimate <= ci.upper() + 1e-12,
                "interval " + ci + " contains " + estimate);
    }

    @Test
    void ratioOfAToBIsTheReciprocalOfBToA() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String g : List.of("A", "B")) {
                int n = rnd.nextInt(1, 300);
                double p = rnd.nextDouble();
                for (int i = 0; i < n; i++) {
                    rows.add(Map.of("a", g, "b", "x", "d", rnd.nextDouble() < p ? "1" : "0",
                            "y", rnd.nextBoolean() ? "1" : "0"));
                }
            }
            DecisionTable t = TestTables.table(List.of("a"), rows);
            AuditResult vsB = new GroupAudit(AuditSettings.builder().reference("a", "B").minGroupSize(1).build())
                    .run(t);
            AuditResult vsA = new GroupAudit(AuditSettings.builder().reference("a", "A").minGroupSize(1).build())
                    .run(t);
            GroupKey a = new GroupKey(Map.of("a", "A"));
            GroupKey b = new GroupKey(Map.of("a", "B"));
            for (Metric m : Metric.values()) {
                Estimate ab = vsB.comparison(a, m).orElseThrow().ratio();
                Estimate ba = vsA.comparison(b, m).orElseThrow().ratio();
                if (ab.value() != null && ba.value() != null) {
                    assertEquals(1.0, ab.value() * ba.value(), 1e-9, m.key());
                    if (ab.ci95() != null && ba.ci95() != null && ab.value() > 0 && ba.value() > 0) {
                        assertEquals(ab.ci95().lower(), 1 / ba.ci95().upper(), 1e-9 * ab.ci95().lower());
                        assertEquals(ab.ci95().upper(), 1 / ba.ci95().lower(), 1e-9 * ab.ci95().upper());
                    }
                }
                Estimate dab = vsB.comparison(a, m).orElseThrow().difference();
                Estimate dba = vsA.comparison(b, m).orElseThrow().difference();
                if (dab.value() != null) {
                    assertEquals(-dab.value(), dba.value(), 1e-12);
                    assertEquals(-dab.ci95().lower(), dba.ci95().upper(), 1e-12);
                }
            }
        });
    }

    @Test
    void permutingRowsChangesNothing() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            List<Map<String, String>> rows = randomRows(seed);
            if (rows.isEmpty()) {
                return;
            }
            List<Map<String, String>> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, new Random(seed));
            AuditSettings settings = randomSettings(seed);
            AuditResult original = new GroupAudit(settings).run(TestTables.table(ATTRIBUTES, rows));
            AuditResult permuted = new GroupAudit(settings).run(TestTables.table(ATTRIBUTES, shuffled));
            assertEquals(original, permuted);
        });
    }

    @Test
    void relabellingGroupsChangesNothingButTheNames() {
        qt().withExamples(50).forAll(longs().all()).checkAssert(seed -> {
            List<Map<String, String>> rows = randomRows(seed);
            if (rows.isEmpty()) {
                return;
            }
            // A bijection that reverses the sort order of a's values: a0 -> z9, a1 -> z8, ...
            List<Map<String, String>> renamed = new ArrayList<>();
            for (Map<String, String> row : rows) {
                Map<String, String> copy = new HashMap<>(row);
                copy.put("a", rename(row.get("a")));
                renamed.add(copy);
            }
            String refValue = rows.get(0).get("a").isEmpty() ? "(missing)" : rows.get(0).get("a");
            AuditSettings s1 = AuditSettings.builder().reference("a", refValue).minGroupSize(5).build();
            AuditSettings s2 = AuditSettings.builder().reference("a", rename(refValue)).minGroupSize(5).build();
            AuditResult r1 = new GroupAudit(s1).run(TestTables.table(ATTRIBUTES, rows));
            AuditResult r2 = new GroupAudit(s2).run(TestTables.table(ATTRIBUTES, renamed));
            assertEquals(r1.groups().size(), r2.groups().size());
            for (GroupResult g : r1.groups()) {
                GroupResult h = r2.group(rename(g.group())).orElseThrow();
                assertEquals(g.metrics(), h.metrics(), g.group().label());
                assertEquals(g.counts(), h.counts());
            }
            for (ComparisonResult c : r1.comparisons()) {
                if (!c.group().attributes().containsKey("a") || c.group().attributes().size() > 1) {
                    continue;
                }
                ComparisonResult d = r2.comparison(rename(c.group()), c.metric()).orElseThrow();
                assertEquals(c.ratio(), d.ratio());
                assertEquals(c.difference(), d.difference());
                assertEquals(c.test(), d.test());
            }
        });
    }

    private static String rename(String value) {
        if (value.isEmpty() || value.equals("(missing)")) {
            return value;
        }
        return "z" + (9 - Integer.parseInt(value.substring(1)));
    }

    private static GroupKey rename(GroupKey k) {
        Map<String, String> m = new LinkedHashMap<>();
        k.attributes().forEach((name, v) -> m.put(name, name.equals("a") ? rename(v) : v));
        return new GroupKey(m);
    }
}
