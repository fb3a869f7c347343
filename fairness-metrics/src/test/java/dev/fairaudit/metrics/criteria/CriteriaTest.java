package dev.fairaudit.metrics.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditConfigurationException;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.risk.FunnelSpec;
import dev.fairaudit.metrics.risk.RiskProfileAnalysis;
import dev.fairaudit.metrics.stats.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Criteria files, verdicts and advice. */
class CriteriaTest {

    private static final CriteriaEvaluator EVALUATOR = CriteriaEvaluator.defaults();
    private static AuditResult proxy;

    /**
     * A profile that over-selects origin=B through a proxy, with equal true base rates (as in the risk scenario
     * test): 20,000 rows, 20% on the random route.
     */
    @BeforeAll
    static void audit() {
        TableSpec spec = TableSpec.builder().protectedAttributes("origin", "sex").decision("selected=1")
                .label("found=1").route("route").build();
        SplittableRandom rnd = new SplittableRandom(42);
        DecisionTable.Builder b = DecisionTable.builder(spec);
        for (int i = 0; i < 20_000; i++) {
            boolean groupB = rnd.nextDouble() < 0.3;
            boolean zone = rnd.nextDouble() < (groupB ? 0.8 : 0.2);
            double s = rnd.nextDouble();
            boolean violation = rnd.nextDouble() < 0.3 * s * s;
            boolean random = rnd.nextDouble() < 0.2;
            boolean selected = random ? rnd.nextDouble() < 0.5 : s > (zone ? 0.3 : 0.8);
            b.addRow(new String[] {groupB ? "B" : "A", rnd.nextBoolean() ? "F" : "M", selected ? "1" : "0",
                selected ? (violation ? "1" : "0") : "", random ? "RANDOM" : "PROFILE"}, i + 2);
        }
        DecisionTable table = b.build();
        AuditResult base = new GroupAudit(AuditSettings.builder().intersect("origin", "sex").build()).run(table);
        proxy = base.withRiskProfile(new RiskProfileAnalysis(FunnelSpec.defaults()).run(table, base, null));
    }

    private static Criterion criterion(String metric, List<String> grouping, Bound bound, int min) {
        return new Criterion("c", metric, grouping, Map.of(), bound, min, Advice.STOP, null);
    }

    private static Quantity quantity(double value, double lower, double upper, long n) {
        return new Quantity(GroupKey.OVERALL, null, value, Status.OK, new Interval(lower, upper, "test"), n);
    }

    @Test
    void verdictFollowsWhereTheIntervalLiesAgainstTheBound() {
        Criterion atLeast = criterion("selectionRate.ratio", List.of(), new Bound(0.8, null), 30);
        assertEquals(Verdict.PASS, CriteriaEvaluator.judge(atLeast, quantity(0.9, 0.85, 0.95, 100)).verdict());
        assertEquals(Verdict.FAIL, CriteriaEvaluator.judge(atLeast, quantity(0.7, 0.65, 0.75, 100)).verdict());
        Evidence straddles = CriteriaEvaluator.judge(atLeast, quantity(0.82, 0.75, 0.9, 100));
        assertEquals(Verdict.INCONCLUSIVE, straddles.verdict());
        assertTrue(straddles.reason().contains("straddles"), straddles.reason());
        // Far inside the bound, but too few rows.
        Evidence small = CriteriaEvaluator.judge(atLeast, quantity(0.95, 0.9, 0.99, 29));
        assertEquals(Verdict.INCONCLUSIVE, small.verdict());
        assertTrue(small.reason().contains("fewer than the minimum 30"), small.reason());
        Evidence undefined = CriteriaEvaluator.judge(atLeast, new Quantity(GroupKey.OVERALL, null, null,
                Status.UNDEFINED_ZERO_DENOMINATOR, null, 100));
        assertEquals(Verdict.INCONCLUSIVE, undefined.verdict());
        Criterion between = criterion("selectionRate.ratio", List.of(), new Bound(0.8, 1.25), 30);
        assertEquals(Verdict.FAIL, CriteriaEvaluator.judge(between, quantity(1.5, 1.3, 1.7, 100)).verdict());
        assertEquals(Verdict.PASS, CriteriaEvaluator.judge(between, quantity(1.0, 0.9, 1.1, 100)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, CriteriaEvaluator.judge(between, quantity(1.2, 1.1, 1.3, 100))
                .verdict());
    }

    @Test
    void theProxyProfileFailsItsCriteriaAndTheAdviceIsToStop() {
        double lift = proxy.riskProfile().routes().profileVsRandom().stream()
                .filter(v -> v.group().equals(GroupKey.OVERALL)).findFirst().orElseThrow().liftOverRandom().value();
        CriteriaSpec spec = new CriteriaSpec("t", "(test)", LocalDate.of(2027, 1, 15), List.of(
                // Truth: B is selected 0.58 / 0.34 = 1.7 times as often as A.
                new Criterion("parity", "selectionRate.ratio", List.of("origin"), Map.of(), new Bound(0.8, 1.25), 30,
                        Advice.STOP, null),
                // Truth: B's profile hit rate is 0.146 against A's 0.195.
                new Criterion("outcome", "outcomeTest.hitRateDifference", List.of("origin"), Map.of("origin", "B"),
                        new Bound(-0.01, null), 30, Advice.STOP, null),
                // A bound at the estimate itself: the interval straddles it.
                new Criterion("lift", "hitRate.liftOverRandom", List.of(), Map.of(), new Bound(lift, null), 30,
                        Advice.STOP, null),
                // Truth: base rates are equal (0.1); far inside [0, 0.5].
                new Criterion("base", "baseRate.random", List.of("origin"), Map.of(), new Bound(0.0, 0.5), 30,
                        Advice.STOP, null),
                new Criterion("tiny", "baseRate.random", List.of("origin"), Map.of(), new Bound(0.0, 0.5), 1_000_000,
                        Advice.STOP, null)));
        CriteriaReport report = EVALUATOR.evaluate(spec, proxy);
        assertEquals(List.of(Verdict.FAIL, Verdict.FAIL, Verdict.INCONCLUSIVE, Verdict.PASS, Verdict.INCONCLUSIVE),
                report.results().stream().map(CriterionResult::verdict).toList());
        CriterionResult parity = report.results().get(0);
        assertEquals(new GroupKey(Map.of("origin", "B")), parity.observed().group());
        assertEquals(new GroupKey(Map.of("origin", "A")), parity.observed().reference());
        assertTrue(parity.observed().ci95().lower() > 1.25, parity.toString());
        assertEquals(Advice.STOP, report.advice());
        assertTrue(report.anyFailed());
        assertTrue(report.adviceReason().contains("parity failed"), report.adviceReason());
    }

    @Test
    void adviceIsAdjustWhenNothingFailsButSomethingIsInconclusive() {
        CriteriaSpec spec = new CriteriaSpec(null, "(test)", null, List.of(
                new Criterion("base", "baseRate.random", List.of("origin"), Map.of(), new Bound(0.0, 0.5), 30,
                        Advice.STOP, null),
                new Criterion("tiny", "baseRate.random", List.of(), Map.of(), new Bound(0.0, 0.5), 1_000_000,
                        Advice.STOP, null)));
        assertEquals(Advice.ADJUST, EVALUATOR.evaluate(spec, proxy).advice());
        CriteriaSpec passing = new CriteriaSpec(null, "(test)", null, List.of(spec.criteria().get(0)));
        assertEquals(Advice.CONTINUE, EVALUATOR.evaluate(passing, proxy).advice());
        CriteriaSpec adjustOnFail = new CriteriaSpec(null, "(test)", null, List.of(new Criterion("parity",
                "selectionRate.ratio", List.of("origin"), Map.of(), new Bound(0.8, 1.25), 30, Advice.ADJUST, null)));
        assertEquals(Advice.ADJUST, EVALUATOR.evaluate(adjustOnFail, proxy).advice());
    }

    @Test
    void withoutTheAnalysisACriterionIsInconclusiveNotPassed() {
        AuditResult noRisk = new AuditResult(proxy.settings(), proxy.tableSpec(), proxy.input(), proxy.groupings(),
                proxy.references(), proxy.groups(), proxy.comparisons(), proxy.independenceTests(), proxy.summaries(),
                proxy.warnings());
        CriteriaSpec spec = new CriteriaSpec(null, "(test)", null, List.of(new Criterion("lift",
                "hitRate.liftOverRandom", List.of(), Map.of(), new Bound(1.5, null), 30, Advice.STOP, null)));
        CriterionResult r = EVALUATOR.evaluate(spec, noRisk).results().get(0);
        assertEquals(Verdict.INCONCLUSIVE, r.verdict());
        assertNull(r.observed());
    }

    @Test
    void theSelectionRatioAgainstRandomRestsOnTheRowsOfBothRoutes() {
        List<Quantity> q = new RiskProfileQuantities().resolve("selectionRate.profileOverRandom",
                Grouping.of("origin"), proxy);
        Quantity b = q.stream().filter(x -> x.group().equals(new GroupKey(Map.of("origin", "B")))).findFirst()
                .orElseThrow();
        long profileRows = proxy.riskProfile().routes().cells().stream().filter(c -> c.group().equals(b.group())
                && c.route().equals("PROFILE")).findFirst().orElseThrow().rows();
        long randomRows = proxy.riskProfile().routes().cells().stream().filter(c -> c.group().equals(b.group())
                && c.route().equals("RANDOM")).findFirst().orElseThrow().rows();
        assertEquals(Math.min(profileRows, randomRows), b.sampleSize());
        // Of about 6,000 rows of B, about a fifth are on the random route.
        assertTrue(b.sampleSize() > 1000 && b.sampleSize() < 1400, b.toString());
    }

    @Test
    void theExampleCriteriaFileInTheDocsLoads() throws IOException {
        Path file = Path.of(System.getProperty("fairaudit.root", "..")).resolve("docs/examples/criteria.yaml");
        CriteriaSpec spec = EVALUATOR.parser().parse("criteria.yaml", Files.readString(file));
        assertEquals(LocalDate.of(2027, 1, 15), spec.evaluationDate());
        assertEquals(7, spec.criteria().size());
        Criterion first = spec.criteria().get(0);
        assertEquals("selection-parity-origin", first.id());
        assertEquals(new Bound(0.8, 1.25), first.bound());
        assertEquals(50, first.minSampleSize());
        assertEquals(Advice.ADJUST, spec.criteria().get(1).onFail());
        assertEquals(List.of("origin", "sex"), spec.criteria().get(1).grouping());
        assertEquals(100, spec.criteria().get(3).minSampleSize());
        EVALUATOR.check(spec, proxy.groupings());
        Criterion randomArm = spec.criteria().get(6);
        assertEquals("falsePositiveRateRatioRandom", randomArm.metric());
        assertEquals(List.of("origin"), randomArm.grouping());
        List<CriterionResult> results = EVALUATOR.evaluate(spec, proxy).results();
        assertEquals(7, results.size());
        // This audit has no profile decisions on the random route: the criterion cannot be judged, and says so.
        assertEquals(Verdict.INCONCLUSIVE, results.get(6).verdict(), results.get(6).toString());
        // docs/risk-profiles.md calls its copy "the complete example": it must be the file, from name to the end.
        String text = Files.readString(file);
        String guide = Files.readString(file.getParent().getParent().resolve("risk-profiles.md"));
        assertTrue(guide.contains(text.substring(text.indexOf("name:"))), "docs/risk-profiles.md shows an outdated"
                + " copy of docs/examples/criteria.yaml");
    }

    @Test
    void unknownKeysAndMetricsNameTheNearestValidOne() {
        CriteriaParser parser = EVALUATOR.parser();
        InputException key = assertThrows(InputException.class, () -> parser.parse("c.yaml", """
                criteria:
                  - id: a
                    metric: selectionRate.ratio
                    atleast: 0.8
                """));
        assertTrue(key.getMessage().contains("c.yaml") && key.getMessage().contains("unknown key 'atleast'")
                && key.getMessage().contains("did you mean 'atLeast'"), key.getMessage());
        InputException metric = assertThrows(InputException.class, () -> parser.parse("c.json",
                "{\"criteria\": [{\"id\": \"a\", \"metric\": \"selectionRate.ration\", \"atLeast\": 0.8}]}"));
        assertTrue(metric.getMessage().contains("unknown metric 'selectionRate.ration'")
                && metric.getMessage().contains("did you mean 'selectionRate.ratio'"), metric.getMessage());
        InputException top = assertThrows(InputException.class, () -> parser.parse("c.yaml", """
                criterias: []
                """));
        assertTrue(top.getMessage().contains("did you mean 'criteria'"), top.getMessage());
        InputException noBound = assertThrows(InputException.class, () -> parser.parse("c.yaml", """
                criteria:
                  - id: a
                    metric: selectionRate.ratio
                """));
        assertTrue(noBound.getMessage().contains("needs a bound"), noBound.getMessage());
        CriteriaSpec json = parser.parse("c.json", "{\"criteria\": [{\"id\": \"a\", \"metric\": "
                + "\"selectionRate.ratio\", \"attribute\": \"origin\", \"group\": \"B\", \"atLeast\": 0.8}]}");
        assertEquals(Map.of("origin", "B"), json.criteria().get(0).group());
    }

    @Test
    void aCriterionAboutAnUnauditedIntersectionIsAConfigurationError() {
        CriteriaSpec spec = new CriteriaSpec(null, "c.yaml", null, List.of(new Criterion("x", "selectionRate.ratio",
                List.of("sex", "origin"), Map.of(), new Bound(0.8, null), 30, Advice.STOP, null)));
        AuditConfigurationException e = assertThrows(AuditConfigurationException.class,
                () -> EVALUATOR.check(spec, List.of(Grouping.of("origin"), Grouping.of("sex"))));
        assertTrue(e.getMessage().contains("criterion x") && e.getMessage().contains("--intersect sex,origin"),
                e.getMessage());
    }
}
