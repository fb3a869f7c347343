package dev.fairaudit.metrics.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.criteria.Advice;
import dev.fairaudit.metrics.criteria.Bound;
import dev.fairaudit.metrics.criteria.CriteriaEvaluator;
import dev.fairaudit.metrics.criteria.CriteriaSpec;
import dev.fairaudit.metrics.criteria.Criterion;
import dev.fairaudit.metrics.criteria.CriterionResult;
import dev.fairaudit.metrics.criteria.Quantity;
import dev.fairaudit.metrics.criteria.RiskProfileQuantities;
import dev.fairaudit.metrics.criteria.Verdict;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Precision at the real base rate: the profile's would-be decision on random-route cases against what their
 * controls found. Every figure of the hand-computed example is checked against an independent computation.
 */
class PrecisionAtBaseRateTest {

    private static final GroupKey A = new GroupKey(Map.of("group", "A"));
    private static final GroupKey B = new GroupKey(Map.of("group", "B"));
    private static final double EPS = 1e-4;

    private static TableSpec spec() {
        return TableSpec.builder().protectedAttributes("group").decision("selected=1").label("found=1")
                .route("route").profileDecision("profile_score>=0.5").build();
    }

    /** Adds {@code n} copies of a row in layout group, selected, found, route, profile_score. */
    private static void add(List<String[]> rows, int n, String... row) {
        for (int i = 0; i < n; i++) {
            rows.add(row);
        }
    }

    /**
     * The hand-computed example. Controlled random-route cases (selected, outcome known) by the profile's
     * would-be decision (profile_score >= 0.5) and outcome:
     * <pre>
     *            flagged&found  flagged&nothing  not&found  not&nothing | uncontrolled flagged / not | unknown
     *   A              6              14              4          76     |        10 / 90             | 5 (3 controlled)
     *   B              9              36              1          54     |         0 / 0              | 0
     * </pre>
     * A also has 300 PROFILE rows whose profile_score is "n/a" (never read), B 100 with it missing; so A is the
     * largest group and the reference.
     */
    private static List<String[]> example() {
        List<String[]> rows = new ArrayList<>();
        add(rows, 6, "A", "1", "1", "RANDOM", "0.9");
        add(rows, 14, "A", "1", "0", "RANDOM", "0.7");
        add(rows, 4, "A", "1", "1", "RANDOM", "0.1");
        add(rows, 76, "A", "1", "0", "RANDOM", "0.2");
        add(rows, 10, "A", "0", "", "RANDOM", "0.6");
        add(rows, 90, "A", "0", "", "RANDOM", "0.3");
        add(rows, 1, "A", "1", "1", "random", "");
        add(rows, 2, "A", "1", "0", "RANDOM", "");
        add(rows, 2, "A", "0", "", "RANDOM", "");
        add(rows, 300, "A", "0", "", "PROFILE", "n/a");
        add(rows, 9, "B", "1", "1", "RANDOM", "0.8");
        add(rows, 36, "B", "1", "0", "RANDOM", "0.5"); // on the threshold: flagged
        add(rows, 1, "B", "1", "1", "RANDOM", "0.49");
        add(rows, 54, "B", "1", "0", "RANDOM", "0");
        add(rows, 100, "B", "0", "", "PROFILE", "");
        return rows;
    }

    private static DecisionTable table(List<String[]> rows) {
        DecisionTable.Builder b = DecisionTable.builder(spec());
        for (int i = 0; i < rows.size(); i++) {
            b.addRow(rows.get(i), i + 2);
        }
        return b.build("cases.csv", "csv", null);
    }

    private static RiskProfileResult analyse(DecisionTable table) {
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(table);
        return new RiskProfileAnalysis(FunnelSpec.defaults()).run(table, base, null);
    }

    private static PrecisionAtBaseRateGroup of(RiskProfileResult r, GroupKey g) {
        return r.routes().precisionAtBaseRate().groups().stream().filter(e -> e.group().equals(g)).findFirst()
                .orElseThrow();
    }

    private static void assertRate(double value, double lower, double upper, MetricValue v) {
        assertEquals(Status.OK, v.status(), v.toString());
        assertEquals(value, v.value(), 1e-12, v.toString());
        assertEquals(lower, v.ci95().lower(), EPS, v.toString());
        assertEquals(upper, v.ci95().upper(), EPS, v.toString());
    }

    private static void assertEstimate(double value, double lower, double upper, Estimate e) {
        assertEquals(value, e.value(), 1e-12, e.toString());
        assertEquals(lower, e.ci95().lower(), EPS, e.toString());
        assertEquals(upper, e.ci95().upper(), EPS, e.toString());
    }

    @Test
    void handComputedExample() {
        RiskProfileResult r = analyse(table(example()));
        PrecisionAtBaseRate p = r.routes().precisionAtBaseRate();
        assertEquals("profile_score", p.column());
        assertEquals("RANDOM", p.randomRoute());

        // Wilson intervals: scipy.stats.binomtest(x, n).proportion_ci(method='wilson') (scipy 1.17.1).
        PrecisionAtBaseRateGroup a = of(r, A);
        assertEquals(205, a.randomRows());
        assertEquals(5, a.unknownRows());
        assertEquals(3, a.unknownControlledRows());
        assertEquals(new RandomArmCounts(30, 170, 6, 14, 4, 76), a.counts());
        assertRate(30 / 200.0, 0.10714, 0.20606, a.flagRate()); // (6 + 14 + 10) flagged of 200 known
        assertRate(10 / 100.0, 0.05523, 0.17437, a.baseRate()); // (6 + 4) found of 100 controlled
        assertRate(6 / 20.0, 0.14548, 0.51897, a.precisionAtBaseRate());
        assertRate(6 / 10.0, 0.31267, 0.83182, a.recall());
        assertRate(14 / 90.0, 0.09498, 0.24433, a.falsePositiveRate());
        // Lift 0.3 / 0.1 = 3 with the Katz log interval: se = sqrt(1/6 - 1/20 + 1/10 - 1/100) = 0.45461,
        // 3·exp(±1.959964·se) = [1.23072, 7.31278] (by hand). 20 flagged controlled rows < 30: inconclusive.
        assertEquals(Status.INSUFFICIENT_SAMPLE, a.liftOverBaseRate().status());
        assertEstimate(3.0, 1.23072, 7.31278, a.liftOverBaseRate());
        assertNull(a.falsePositiveRateComparison(), "A is the reference");

        PrecisionAtBaseRateGroup b = of(r, B);
        assertEquals(100, b.randomRows());
        assertEquals(0, b.unknownRows());
        assertRate(9 / 45.0, 0.10896, 0.33823, b.precisionAtBaseRate());
        assertRate(9 / 10.0, 0.59585, 0.98212, b.recall());
        assertRate(36 / 90.0, 0.30489, 0.50330, b.falsePositiveRate());
        assertEquals(Status.OK, b.liftOverBaseRate().status());
        assertEquals(2.0, b.liftOverBaseRate().value(), 1e-12);
        // FPR of B against A: ratio (36/90)/(14/90) = 2.571429, Katz se = sqrt(1/36 - 1/90 + 1/14 - 1/90) = 0.27746,
        // [1.49279, 4.42944]; difference 0.244444, Newcombe (method 10) from the Wilson limits above:
        // [0.244444 - sqrt((0.4 - 0.30489)^2 + (0.24433 - 0.155556)^2), ...] = [0.11434, 0.36419]; pooled z-test
        // (expected cells >= 5): z = 3.66102, p = 2·norm.sf(3.66102) = 0.000251 (scipy.stats.norm).
        GroupContrast c = b.falsePositiveRateComparison();
        assertEquals(A, c.reference());
        assertEquals(Status.OK, c.status());
        assertEstimate(36 / 14.0, 1.49279, 4.42944, c.ratio());
        assertEstimate(22 / 90.0, 0.11434, 0.36419, c.difference());
        assertEquals(3.66102, c.test().statistic(), EPS);
        assertEquals(0.000251, c.test().pValue(), 1e-6);
        assertEquals(c.test().pValue(), c.pValueAdjusted(), 1e-15, "a family of one comparison");

        // The whole population: 15 of 65 flagged controls found something, 20 of 200 controls did.
        PrecisionAtBaseRateGroup all = of(r, GroupKey.OVERALL);
        assertEquals(15 / 65.0, all.precisionAtBaseRate().value(), 1e-12);
        assertEquals(0.1, all.baseRate().value(), 1e-12);
        assertEquals(15 / 65.0 / 0.1, all.liftOverBaseRate().value(), 1e-12);
        assertEquals(15 / 20.0, all.recall().value(), 1e-12);
        assertEquals(50 / 180.0, all.falsePositiveRate().value(), 1e-12);
        assertEquals(GroupKey.OVERALL, r.routes().precisionAtBaseRate().groups()
                .get(r.routes().precisionAtBaseRate().groups().size() - 1).group(), "the whole population last");

        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("5 RANDOM-route case(s), 3 of them controlled")
                && w.contains("'profile_score' is missing")), r.warnings().toString());
    }

    @Test
    void undefinedRatesSayWhy() {
        List<String[]> rows = new ArrayList<>();
        // A: the profile would flag nobody among the controls; B: nothing is ever found.
        add(rows, 40, "A", "1", "0", "RANDOM", "0.1");
        add(rows, 5, "A", "1", "1", "RANDOM", "0.1");
        add(rows, 30, "B", "1", "0", "RANDOM", "0.9");
        add(rows, 10, "B", "0", "", "RANDOM", "0.9");
        RiskProfileResult r = analyse(table(rows));
        PrecisionAtBaseRateGroup a = of(r, A);
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, a.precisionAtBaseRate().status());
        assertNull(a.precisionAtBaseRate().value());
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, a.liftOverBaseRate().status());
        assertEquals(0.0, a.recall().value(), 0.0);
        assertEquals(0.0, a.falsePositiveRate().value(), 0.0);
        PrecisionAtBaseRateGroup b = of(r, B);
        assertEquals(0.0, b.precisionAtBaseRate().value(), 0.0);
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, b.recall().status(), "no hits: recall has no denominator");
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, b.liftOverBaseRate().status(), "base rate 0");
        // FPR of B (30/30) against A (0/40): the ratio divides by zero, the difference is defined.
        GroupContrast c = b.falsePositiveRateComparison();
        assertEquals(Status.OK, c.status());
        assertEquals(1.0, c.difference().value(), 1e-12);
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, c.ratio().status());
        assertTrue(r.warnings().stream().noneMatch(w -> w.contains("have no profile decision")));
    }

    @Test
    void smallGroupsAreInconclusive() {
        List<String[]> rows = new ArrayList<>();
        add(rows, 100, "A", "1", "0", "RANDOM", "0.9");
        add(rows, 100, "A", "1", "0", "RANDOM", "0.1");
        add(rows, 10, "A", "1", "1", "RANDOM", "0.9");
        add(rows, 12, "B", "1", "0", "RANDOM", "0.9");
        add(rows, 8, "B", "1", "0", "RANDOM", "0.1");
        add(rows, 2, "B", "1", "1", "RANDOM", "0.9");
        RiskProfileResult r = analyse(table(rows));
        GroupContrast c = of(r, B).falsePositiveRateComparison();
        assertEquals(Status.INSUFFICIENT_SAMPLE, c.status(), "20 controlled B cases with nothing found < 30");
        assertEquals(Status.INSUFFICIENT_SAMPLE, of(r, B).liftOverBaseRate().status());
    }

    @Test
    void theProfileDecisionIsReadOnRandomRowsOnly() {
        List<String[]> rows = new ArrayList<>(example());
        rows.add(new String[] {"B", "1", "0", "RANDOM", "n/a"});
        InputException e = assertThrows(InputException.class, () -> RiskProfileCounts.count(table(rows),
                List.of(Grouping.of("group")), null, FunnelSpec.defaults(), 1000));
        assertEquals("cases.csv", e.file());
        assertEquals("profile_score", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("data row " + (1000 + rows.size())), e.getMessage());
        assertTrue(e.getMessage().contains("'n/a'") && e.getMessage().contains("profile_score>=0.5"),
                e.getMessage());
    }

    @Test
    void withoutARandomRouteThereIsNoPrecisionAndAWarning() {
        List<String[]> rows = new ArrayList<>();
        add(rows, 50, "A", "1", "0", "PROFILE", "0.9");
        add(rows, 50, "B", "1", "1", "PROFILE", "0.9");
        RiskProfileResult r = analyse(table(rows));
        assertNull(r.routes().precisionAtBaseRate().randomRoute());
        assertTrue(r.routes().precisionAtBaseRate().groups().isEmpty());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("precision at the real base rate cannot be")),
                r.warnings().toString());
    }

    @Test
    void aProfileDecisionNeedsARouteColumn() {
        TableSpec spec = TableSpec.builder().protectedAttributes("group").decision("selected=1")
                .profileDecision("flag=1").build();
        DecisionTable t = DecisionTable.builder(spec).addRow(Map.of("group", "A", "selected", "1", "flag", "1"))
                .build();
        assertThrows(IllegalArgumentException.class, () -> RiskProfileCounts.count(t, List.of(Grouping.of("group")),
                null, FunnelSpec.defaults()));
    }

    @Test
    void chunksMergeToTheCountsOfTheWhole() {
        List<Grouping> groupings = List.of(Grouping.of("group"));
        for (long seed = 0; seed < 20; seed++) {
            List<String[]> all = new ArrayList<>(example());
            Collections.shuffle(all, new java.util.Random(seed));
            int cut = new SplittableRandom(seed).nextInt(all.size() + 1);
            List<String[]> second = new ArrayList<>(all.subList(cut, all.size()));
            Collections.reverse(second); // other dictionary codes in the second chunk
            RiskProfileCounts whole = RiskProfileCounts.count(table(all), groupings, null, FunnelSpec.defaults());
            RiskProfileCounts a = RiskProfileCounts.count(table(all.subList(0, cut)), groupings, null,
                    FunnelSpec.defaults());
            RiskProfileCounts b = RiskProfileCounts.count(table(second), groupings, null, FunnelSpec.defaults());
            assertEquals(whole, a.merge(b), "seed " + seed);
            assertEquals(whole, b.merge(a), "seed " + seed);
        }
    }

    @Test
    void intervalCoversTheTruePrecisionAtTheNominalRate() {
        // A profile with known sensitivity and specificity on a random arm with a known base rate. The true
        // precision at the base rate is PPV = sens·π / (sens·π + (1 − spec)(1 − π)) = 0.07 / 0.25 = 0.28.
        double pi = 0.10;
        double sens = 0.70;
        double spec = 0.80;
        double truePpv = sens * pi / (sens * pi + (1 - spec) * (1 - pi));
        assertEquals(0.28, truePpv, 1e-12);
        int seeds = 200;
        int coveredPpv = 0;
        int coveredRecall = 0;
        int coveredFpr = 0;
        for (int seed = 0; seed < seeds; seed++) {
            SplittableRandom rnd = new SplittableRandom(31_000L + seed);
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                boolean violation = rnd.nextDouble() < pi;
                boolean flagged = rnd.nextDouble() < (violation ? sens : 1 - spec);
                boolean controlled = rnd.nextDouble() < 0.5;
                rows.add(new String[] {rnd.nextBoolean() ? "A" : "B", controlled ? "1" : "0",
                    controlled ? (violation ? "1" : "0") : "", "RANDOM", flagged ? "1" : "0"});
            }
            PrecisionAtBaseRateGroup all = of(analyse(table(rows)), GroupKey.OVERALL);
            coveredPpv += all.precisionAtBaseRate().ci95().contains(truePpv) ? 1 : 0;
            coveredRecall += all.recall().ci95().contains(sens) ? 1 : 0;
            coveredFpr += all.falsePositiveRate().ci95().contains(1 - spec) ? 1 : 0;
        }
        // With true coverage 0.95, fewer than 185 of 200 happens with probability scipy.stats.binom.cdf(184, 200,
        // 0.95) = 0.044; fewer than 184 with 0.024. Wilson's coverage is close to nominal at these sizes.
        assertTrue(coveredPpv >= 184, "PPV covered in " + coveredPpv + " of " + seeds);
        assertTrue(coveredRecall >= 184, "recall covered in " + coveredRecall + " of " + seeds);
        assertTrue(coveredFpr >= 184, "FPR covered in " + coveredFpr + " of " + seeds);
    }

    @Test
    void criteriaReadTheRandomArmQuantities() {
        DecisionTable t = table(example());
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(t);
        AuditResult result = base.withRiskProfile(new RiskProfileAnalysis(FunnelSpec.defaults()).run(t, base, null));
        List<Quantity> ratio = new RiskProfileQuantities().resolve("falsePositiveRateRatioRandom",
                Grouping.of("group"), result);
        assertEquals(1, ratio.size(), "only B has a reference to compare with");
        assertEquals(36 / 14.0, ratio.get(0).value(), 1e-12);
        assertEquals(90, ratio.get(0).sampleSize(), "min(90 nothing-found controls of B, 90 of A)");
        CriteriaSpec spec = new CriteriaSpec(null, "(test)", null, List.of(
                // B's interval [1.49, 4.43] lies wholly above 1.25.
                new Criterion("fpr", "falsePositiveRateRatioRandom", List.of("group"), Map.of(), new Bound(null, 1.25),
                        30, Advice.STOP, null),
                // The whole population: 15/65 = 0.23, Wilson [0.145, 0.346] (binomtest(15, 65)), above 0.1.
                new Criterion("ppv", "precisionAtBaseRate", List.of(), Map.of(), new Bound(0.1, null), 30,
                        Advice.STOP, null),
                // A: 20 flagged controls, fewer than 30: inconclusive however far the lift is from the bound.
                new Criterion("lift", "precisionAtBaseRate.lift", List.of("group"), Map.of("group", "A"),
                        new Bound(1.0, null), 30, Advice.STOP, null)));
        List<Verdict> verdicts = CriteriaEvaluator.defaults().evaluate(spec, result).results().stream()
                .map(CriterionResult::verdict).toList();
        assertEquals(List.of(Verdict.FAIL, Verdict.PASS, Verdict.INCONCLUSIVE), verdicts);
    }
}
