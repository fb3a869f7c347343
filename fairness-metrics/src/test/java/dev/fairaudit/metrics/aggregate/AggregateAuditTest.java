package dev.fairaudit.metrics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.AggregateReader;
import dev.fairaudit.core.table.AggregateSpec;
import dev.fairaudit.core.table.AggregateTable;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateAuditTest {

    @TempDir
    Path dir;

    private static final GroupKey A = new GroupKey(Map.of("g", "a"));
    private static final GroupKey B = new GroupKey(Map.of("g", "b"));
    private static final GroupKey X = new GroupKey(Map.of("g", "x"));
    private static final GroupKey Y = new GroupKey(Map.of("g", "y"));

    private AggregateTable table(String text, AggregateSpec spec) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        return AggregateReader.read(f, spec);
    }

    private static RateBounds bounds(AuditResult r, GroupKey g, Metric m) {
        return r.aggregateAnalyses().rounding().rates().stream().filter(b -> b.group().equals(g) && b.metric() == m)
                .findFirst().orElseThrow();
    }

    @Test
    void roundingToTensGivesTheRangeOfEveryConsistentCount() throws IOException {
        AggregateTable t = table("g,selected,not_selected\na,20,80\nb,40,60\n",
                AggregateSpec.groupColumns(List.of("g")).withRounding(10));
        AuditResult r = AggregateAudit.run(t, AuditSettings.builder().reference("g", "b").build());
        // Point estimate from the published numbers: 20 / 100.
        assertEquals(0.2, r.group(A).orElseThrow().metric(Metric.SELECTION_RATE).value(), 1e-12);
        // By hand: 20 stands for 15..25 and 80 for 75..85, so the rate lies in [15/(15+85), 25/(25+75)].
        RateBounds a = bounds(r, A, Metric.SELECTION_RATE);
        assertEquals(Status.OK, a.status());
        assertEquals(0.15, a.lower(), 1e-12);
        assertEquals(0.25, a.upper(), 1e-12);
        // Wilson at the corners, from the closed form (p + z²/2n ± z √(p(1-p)/n + z²/4n²)) / (1 + z²/n),
        // z = 1.959963984540054, computed in Python: wilson(15, 100).lower, wilson(25, 100).upper.
        assertEquals(0.0930598528365663, a.ci95().lower(), 1e-12);
        assertEquals(0.34304463548061603, a.ci95().upper(), 1e-12);
        assertFalse(a.denominatorCanBeZero());
        // The union contains the interval of the point estimate (wilson(20, 100) = [0.13337, 0.28883]).
        MetricValue point = r.group(A).orElseThrow().metric(Metric.SELECTION_RATE);
        assertTrue(a.ci95().lower() <= point.ci95().lower() && point.ci95().upper() <= a.ci95().upper());

        ComparisonBounds c = r.aggregateAnalyses().rounding().comparisons().stream()
                .filter(x -> x.group().equals(A) && x.metric() == Metric.SELECTION_RATE).findFirst().orElseThrow();
        // b lies in [0.35, 0.45]: ratio in [0.15/0.45, 0.25/0.35], difference in [0.15-0.45, 0.25-0.35].
        assertEquals(0.3333333333333333, c.ratioLower(), 1e-12);
        assertEquals(0.7142857142857143, c.ratioUpper(), 1e-12);
        assertEquals(-0.30, c.differenceLower(), 1e-12);
        assertEquals(-0.10, c.differenceUpper(), 1e-12);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("rounded to multiples of 10")));
    }

    @Test
    void exactCountsGiveAPointRangeAndTheUsualInterval() throws IOException {
        AggregateTable t = table("g,selected,not_selected\na,20,80\nb,40,60\n",
                AggregateSpec.groupColumns(List.of("g")));
        AuditResult r = AggregateAudit.run(t, AuditSettings.builder().build());
        RateBounds a = bounds(r, A, Metric.SELECTION_RATE);
        assertEquals(0.2, a.lower(), 1e-15);
        assertEquals(0.2, a.upper(), 1e-15);
        MetricValue point = r.group(A).orElseThrow().metric(Metric.SELECTION_RATE);
        assertEquals(point.ci95().lower(), a.ci95().lower(), 1e-15);
        assertEquals(point.ci95().upper(), a.ci95().upper(), 1e-15);
    }

    @Test
    void suppressedCellMakesItsRatesSuppressedNotZero() throws IOException {
        AggregateTable t = table("g,tp,fp,fn,tn\nx,30,.,20,50\ny,40,10,20,30\n",
                AggregateSpec.groupColumns(List.of("g")));
        AuditResult r = AggregateAudit.run(t, AuditSettings.builder().reference("g", "y").build());
        var x = r.group(X).orElseThrow();
        for (Metric m : List.of(Metric.SELECTION_RATE, Metric.BASE_RATE, Metric.FALSE_POSITIVE_RATE,
                Metric.TRUE_NEGATIVE_RATE, Metric.POSITIVE_PREDICTIVE_VALUE, Metric.FALSE_DISCOVERY_RATE,
                Metric.ACCURACY)) {
            assertEquals(Status.SUPPRESSED, x.metric(m).status(), m.key());
            assertNull(x.metric(m).value(), m.key());
            assertEquals(Status.SUPPRESSED, bounds(r, X, m).status(), m.key());
        }
        // Rates that do not use FP are unaffected: TPR = 30/50, NPV = 50/70.
        assertEquals(0.6, x.metric(Metric.TRUE_POSITIVE_RATE).value(), 1e-12);
        assertEquals(50.0 / 70, x.metric(Metric.NEGATIVE_PREDICTIVE_VALUE).value(), 1e-12);
        assertEquals(Status.SUPPRESSED, x.populationShare().status());
        // The whole population contains the suppressed cell too.
        assertEquals(Status.SUPPRESSED, r.overall().metric(Metric.FALSE_POSITIVE_RATE).status());

        ComparisonResult fpr = r.comparison(X, Metric.FALSE_POSITIVE_RATE).orElseThrow();
        assertEquals(Status.SUPPRESSED, fpr.status());
        assertNull(fpr.test());
        assertNull(fpr.pValueAdjusted());
        ComparisonResult sr = r.comparison(X, Metric.SELECTION_RATE).orElseThrow();
        assertEquals(FourFifthsCheck.Verdict.UNDEFINED, sr.fourFifths().verdict());
        ComparisonResult tpr = r.comparison(X, Metric.TRUE_POSITIVE_RATE).orElseThrow();
        assertEquals(Status.OK, tpr.status());
        assertNotNull(tpr.pValueAdjusted());
        IndependenceTest it = r.independenceTests().get(0);
        assertEquals(Status.SUPPRESSED, it.status());
        assertEquals(Status.SUPPRESSED, r.summaries().get(0).spreads().get(Metric.FALSE_POSITIVE_RATE).status());
        assertEquals(Status.OK, r.summaries().get(0).spreads().get(Metric.TRUE_POSITIVE_RATE).status());
        assertEquals(Status.SUPPRESSED, r.summaries().get(0).equalizedOddsDifference().status());
        var analysis = r.aggregateAnalyses().rounding();
        assertEquals(1, analysis.suppressedCells());
        assertEquals(List.of(new RoundingAnalysis.SuppressedCells(X, List.of(Cell.FALSE_POSITIVE)),
                new RoundingAnalysis.SuppressedCells(GroupKey.OVERALL, List.of(Cell.FALSE_POSITIVE))),
                analysis.suppressedByGroup());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("1 published cell(s) are suppressed")));
    }

    @Test
    void boundedSuppressionGivesARange() throws IOException {
        AggregateTable t = table("g,tp,fp,fn,tn\nx,30,.,20,50\ny,40,10,20,30\n",
                AggregateSpec.groupColumns(List.of("g")).withSuppressedMax(9L));
        AuditResult r = AggregateAudit.run(t, AuditSettings.builder().build());
        // Still no point value,
        assertEquals(Status.SUPPRESSED, r.group(X).orElseThrow().metric(Metric.FALSE_POSITIVE_RATE).status());
        // but a range: FP in 0..9 and TN = 50 give FPR in [0/50, 9/59].
        RateBounds fpr = bounds(r, X, Metric.FALSE_POSITIVE_RATE);
        assertEquals(Status.OK, fpr.status());
        assertEquals(0.0, fpr.lower(), 0);
        assertEquals(9.0 / 59, fpr.upper(), 1e-12);
    }

    @Test
    void wholeGroupSuppressedIsSuppressedNotEmpty() throws IOException {
        AggregateTable t = table("g,selected,not_selected\na,.,.\nb,40,60\n",
                AggregateSpec.groupColumns(List.of("g")));
        AuditResult r = AggregateAudit.run(t, AuditSettings.builder().build());
        assertEquals(Status.SUPPRESSED, r.group(A).orElseThrow().metric(Metric.SELECTION_RATE).status());
        assertEquals(Status.SUPPRESSED, r.comparison(A, Metric.SELECTION_RATE).orElseThrow().status());
        assertEquals(Status.SUPPRESSED, bounds(r, A, Metric.SELECTION_RATE).status());
        assertEquals(0.4, r.group(B).orElseThrow().metric(Metric.SELECTION_RATE).value(), 1e-12);
    }

    @Test
    void zeroPublishedWithRoundingCanMeanAnEmptyDenominator() throws IOException {
        // 0 published under rounding to 10 stands for 0..5 true rows: a selection rate of 0 selected and
        // 0 not selected may be undefined, so the flag is set and the range covers the defined counts.
        AggregateTable t = table("g,selected,not_selected\na,0,0\nb,40,60\n",
                AggregateSpec.groupColumns(List.of("g")).withRounding(10));
        AuditResult r = AggregateAudit.run(t, AuditSettings.builder().build());
        RateBounds a = bounds(r, A, Metric.SELECTION_RATE);
        assertEquals(Status.OK, a.status());
        assertTrue(a.denominatorCanBeZero());
        assertEquals(0.0, a.lower(), 0);
        assertEquals(1.0, a.upper(), 0);
        assertEquals(Status.UNDEFINED_EMPTY_GROUP, r.group(A).orElseThrow().metric(Metric.SELECTION_RATE).status());
    }
}
