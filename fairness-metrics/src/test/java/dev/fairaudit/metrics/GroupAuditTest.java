package dev.fairaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.TestTables.GroupRows;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.stats.PValueAdjustment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Comparisons on a two-group table computed by hand. Group A: 100 rows, 45 selected; group B: 200 rows,
 * 60 selected (labels unknown). Reference values, computed independently of this code (Python 3 with math
 * only, z = 1.959963984540054):
 * <ul>
 *   <li>ratio A/B = 0.45 / 0.30 = 1.5; Katz: exp(ln 1.5 ± z·sqrt(1/45 − 1/100 + 1/60 − 1/200))
 *       = 1.1079733 .. 2.0307349</li>
 *   <li>difference = 0.15; Newcombe hybrid score from the Wilson intervals of 45/100 and 60/200:
 *       0.0348059 .. 0.2641387</li>
 *   <li>pooled z = 0.15 / sqrt(0.35·0.65·(1/100 + 1/200)) = 2.5677630, two-sided p = 0.0102357;
 *       the Pearson chi-squared of the 2×2 table is z² = 6.5934066 with the same p</li>
 * </ul>
 */
class GroupAuditTest {

    private static final GroupKey A = new GroupKey(Map.of("g", "A"));
    private static final GroupKey B = new GroupKey(Map.of("g", "B"));

    private final DecisionTable table = TestTables.table("g",
            GroupRows.of("g", "A", 0, 0, 0, 0, 45, 55),
            GroupRows.of("g", "B", 0, 0, 0, 0, 60, 140));

    private AuditResult audit(AuditSettings.Builder settings) {
        return new GroupAudit(settings.build()).run(table);
    }

    @Test
    void ratioDifferenceAndTestMatchHandComputation() {
        AuditResult r = audit(AuditSettings.builder());
        assertEquals(B, r.references().get(0).reference(), "largest group is the reference");
        assertEquals("largest", r.references().get(0).basis());
        ComparisonResult c = r.comparison(A, Metric.SELECTION_RATE).orElseThrow();
        assertEquals(Status.OK, c.status());
        assertEquals(1.5, c.ratio().value(), 1e-12);
        assertEquals(1.1079733, c.ratio().ci95().lower(), 1e-6);
        assertEquals(2.0307349, c.ratio().ci95().upper(), 1e-6);
        assertEquals(0.15, c.difference().value(), 1e-12);
        assertEquals(0.0348059, c.difference().ci95().lower(), 1e-6);
        assertEquals(0.2641387, c.difference().ci95().upper(), 1e-6);
        assertEquals("two-proportion-z", c.test().test());
        assertEquals(2.5677630, c.test().statistic(), 1e-6);
        assertEquals(0.0102357, c.pValue(), 1e-6);
        IndependenceTest independence = r.independenceTests().get(0);
        assertEquals("chi-squared", independence.test().test());
        assertEquals(6.5934066, independence.test().statistic(), 1e-6);
        assertEquals(0.0102357, independence.test().pValue(), 1e-6);
    }

    @Test
    void labelMetricsWithoutLabelsAreUndefinedComparisons() {
        AuditResult r = audit(AuditSettings.builder());
        ComparisonResult c = r.comparison(A, Metric.TRUE_POSITIVE_RATE).orElseThrow();
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, c.status());
        assertNull(c.ratio().value());
        assertNull(c.test());
        assertNull(c.pValueAdjusted());
    }

    @Test
    void fourFifthsDependsOnWhichDecisionIsFavourable() {
        FourFifthsCheck favourable = audit(AuditSettings.builder().favourable(Favourable.SELECTED))
                .comparison(A, Metric.SELECTION_RATE).orElseThrow().fourFifths();
        assertEquals(FourFifthsCheck.Verdict.FAIL, favourable.verdict(), "1.5 > 1/0.8");
        assertEquals("reference", favourable.disadvantaged(), "B is selected less, and selection is good");
        FourFifthsCheck adverse = audit(AuditSettings.builder().favourable(Favourable.NOT_SELECTED))
                .comparison(A, Metric.SELECTION_RATE).orElseThrow().fourFifths();
        assertEquals(FourFifthsCheck.Verdict.FAIL, adverse.verdict());
        assertEquals("group", adverse.disadvantaged(), "A is selected more, and selection is a control");
        FourFifthsCheck lenient = audit(AuditSettings.builder().fourFifthsThreshold(0.6))
                .comparison(A, Metric.SELECTION_RATE).orElseThrow().fourFifths();
        assertEquals(FourFifthsCheck.Verdict.PASS, lenient.verdict(), "1.5 < 1/0.6");
    }

    @Test
    void smallGroupsMakeComparisonsInconclusiveNotUnbiased() {
        AuditResult r = audit(AuditSettings.builder().minGroupSize(150));
        ComparisonResult c = r.comparison(A, Metric.SELECTION_RATE).orElseThrow();
        assertEquals(Status.INSUFFICIENT_SAMPLE, c.status());
        assertEquals(1.5, c.ratio().value(), 1e-12, "the value is still shown");
        assertEquals(FourFifthsCheck.Verdict.INCONCLUSIVE, c.fourFifths().verdict());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("fewer than 150 rows") && w.contains("g=A")),
                r.warnings().toString());
        assertEquals(Status.INSUFFICIENT_SAMPLE, r.summaries().get(0).spreads().get(Metric.SELECTION_RATE).status());
    }

    @Test
    void mostFavourableReferenceFollowsTheFavourableDecision() {
        AuditResult good = audit(AuditSettings.builder().referenceStrategy(ReferenceStrategy.MOST_FAVOURABLE));
        assertEquals(A, good.references().get(0).reference(), "A is selected most");
        AuditResult bad = audit(AuditSettings.builder().referenceStrategy(ReferenceStrategy.MOST_FAVOURABLE)
                .favourable(Favourable.NOT_SELECTED));
        assertEquals(B, bad.references().get(0).reference(), "B is selected least");
    }

    @Test
    void explicitReferenceWinsAndAnAbsentOneIsAnError() {
        AuditResult r = audit(AuditSettings.builder().reference("g", "A"));
        assertEquals(A, r.references().get(0).reference());
        assertEquals("explicit", r.references().get(0).basis());
        ComparisonResult c = r.comparison(B, Metric.SELECTION_RATE).orElseThrow();
        assertEquals(1 / 1.5, c.ratio().value(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> audit(AuditSettings.builder().reference("g", "C")));
        assertTrue(e.getMessage().contains("g=C") && e.getMessage().contains("g=A"), e.getMessage());
    }

    @Test
    void overallReferenceTransformsTheGroupVersusRestIntervalsExactly() {
        // Overall selection rate 105/300 = 0.35. A's share w = 100/300.
        // Ratio vs overall = 0.45/0.35 = 1.2857143; its interval maps the Katz interval of A vs B (the rest)
        // through R / (wR + 1 − w): 1.0694815 .. 1.5114377.
        // Difference vs overall = 0.10 = (1 − w)·0.15; interval (1 − w)·(0.0348059 .. 0.2641387)
        // = 0.0232039 .. 0.1760925.
        AuditResult r = audit(AuditSettings.builder().referenceStrategy(ReferenceStrategy.OVERALL));
        ComparisonResult c = r.comparison(A, Metric.SELECTION_RATE).orElseThrow();
        assertEquals(GroupKey.OVERALL, c.reference());
        assertEquals(1.2857143, c.ratio().value(), 1e-6);
        assertEquals(1.0694815, c.ratio().ci95().lower(), 1e-6);
        assertEquals(1.5114377, c.ratio().ci95().upper(), 1e-6);
        assertEquals(0.10, c.difference().value(), 1e-12);
        assertEquals(0.0232039, c.difference().ci95().lower(), 1e-6);
        assertEquals(0.1760925, c.difference().ci95().upper(), 1e-6);
        assertEquals(0.0102357, c.pValue(), 1e-6, "tested against the rest of the population");
        assertEquals(2, r.comparisons().stream().filter(x -> x.metric() == Metric.SELECTION_RATE).count(),
                "both groups are compared with the whole");
    }

    @Test
    void pValuesAreAdjustedAcrossTheWholeRun() {
        DecisionTable three = TestTables.table("g",
                GroupRows.of("g", "A", 0, 0, 0, 0, 45, 55),
                GroupRows.of("g", "B", 0, 0, 0, 0, 60, 140),
                GroupRows.of("g", "C", 0, 0, 0, 0, 40, 110));
        AuditResult holm = new GroupAudit(AuditSettings.builder().pValueAdjustment(PValueAdjustment.HOLM).build())
                .run(three);
        List<ComparisonResult> tested = holm.comparisons().stream().filter(c -> c.test() != null).toList();
        assertEquals(2, tested.size(), "only selection rates are testable without labels");
        // Holm with m = 2 on p(1) <= p(2): adjusted p(1) = min(1, 2·p(1)); adjusted p(2) = max(that, p(2)).
        double smaller = Math.min(tested.get(0).pValue(), tested.get(1).pValue());
        double larger = Math.max(tested.get(0).pValue(), tested.get(1).pValue());
        double adjustedSmaller = Math.min(1, 2 * smaller);
        double adjustedLarger = Math.max(adjustedSmaller, larger);
        for (ComparisonResult c : tested) {
            assertEquals(c.pValue() == smaller ? adjustedSmaller : adjustedLarger, c.pValueAdjusted(), 1e-12);
        }
        AuditResult none = new GroupAudit(AuditSettings.builder().pValueAdjustment(PValueAdjustment.NONE).build())
                .run(three);
        none.comparisons().stream().filter(c -> c.test() != null)
                .forEach(c -> assertEquals(c.pValue(), c.pValueAdjusted(), 0.0));
    }

    @Test
    void errorRateBalanceAgainstTheReference() {
        // A: TP 30, FP 20, FN 10, TN 40 -> TPR 0.75, FPR 1/3. B: TP 40, FP 10, FN 40, TN 110 -> TPR 0.5, FPR 1/12.
        // ΔTPR = 0.25, ΔFPR = 0.25: equalized odds difference 0.25, average absolute odds difference 0.25.
        DecisionTable labelled = TestTables.table("g",
                GroupRows.of("g", "A", 30, 20, 10, 40, 0, 0),
                GroupRows.of("g", "B", 40, 10, 40, 110, 0, 0));
        AuditResult r = new GroupAudit(AuditSettings.defaults()).run(labelled);
        GroupingSummary s = r.summaries().get(0);
        OddsDifference d = s.oddsDifferences().get(0);
        assertEquals(A, d.group());
        assertEquals(0.25, d.equalizedOddsDifference(), 1e-12);
        assertEquals(0.25, d.averageAbsoluteOddsDifference(), 1e-12);
        assertEquals(0.25, s.equalizedOddsDifference().value(), 1e-12);
        Spread tpr = s.spreads().get(Metric.TRUE_POSITIVE_RATE);
        assertEquals(A, tpr.maxGroup());
        assertEquals(0.25, tpr.maxMinDifference(), 1e-12);
        assertEquals(0.5 / 0.75, tpr.minMaxRatio(), 1e-12);
    }

    @Test
    void intersectionsIncludeEmptyCellsAsUndefinedGroups() {
        DecisionTable t = TestTables.table(List.of("race", "sex"), TestTables.rows(List.of(
                GroupRows.of(Map.of("race", "x", "sex", "F"), 0, 0, 0, 0, 10, 30),
                GroupRows.of(Map.of("race", "x", "sex", "M"), 0, 0, 0, 0, 20, 20),
                GroupRows.of(Map.of("race", "y", "sex", "M"), 0, 0, 0, 0, 5, 35))));
        AuditResult r = new GroupAudit(AuditSettings.builder().intersect("race", "sex").build()).run(t);
        assertEquals(List.of(Grouping.of("race"), Grouping.of("sex"), Grouping.of("race", "sex"), Grouping.OVERALL),
                r.groupings());
        GroupKey empty = GroupKey.of(List.of("race", "sex"), List.of("y", "F"));
        GroupResult g = r.group(empty).orElseThrow();
        assertEquals(0, g.rows());
        assertEquals(Status.UNDEFINED_EMPTY_GROUP, g.metric(Metric.SELECTION_RATE).status());
        ComparisonResult c = r.comparison(empty, Metric.SELECTION_RATE).orElseThrow();
        assertEquals(Status.UNDEFINED_EMPTY_GROUP, c.status());
        assertEquals(FourFifthsCheck.Verdict.UNDEFINED, c.fourFifths().verdict());
        assertEquals(120, r.overall().rows());
        assertNotNull(r.overall().populationShare().value());
        assertEquals(1.0, r.overall().populationShare().value(), 0.0);
    }

    @Test
    void missingProtectedValuesFormTheirOwnReportedGroup() {
        DecisionTable t = TestTables.table(List.of("g"), TestTables.rows(List.of(
                GroupRows.of("g", "A", 0, 0, 0, 0, 10, 30),
                GroupRows.of("g", "", 0, 0, 0, 0, 3, 4))));
        AuditResult r = new GroupAudit(AuditSettings.defaults()).run(t);
        GroupResult missing = r.group(new GroupKey(Map.of("g", "(missing)"))).orElseThrow();
        assertEquals(7, missing.rows());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("7 row(s) have no value for 'g'")),
                r.warnings().toString());
    }

    @Test
    void unknownAttributeInAnIntersectionIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroupAudit(AuditSettings.builder().intersect("g", "age").build()).run(table));
        assertTrue(e.getMessage().contains("'age'"), e.getMessage());
    }

    @Test
    void aDeclaredLabelThatIsNeverKnownIsReported() {
        // The shared table declares label y=1, and every row's label is empty (unknown).
        AuditResult r = audit(AuditSettings.builder());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("a label is declared, but no row has a known"
                + " label")), r.warnings().toString());
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR,
                r.summaries().get(0).spreads().get(Metric.TRUE_POSITIVE_RATE).status());
    }
}
