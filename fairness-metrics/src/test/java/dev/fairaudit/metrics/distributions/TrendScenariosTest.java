package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.TrendAnalysis.DisparityTrend;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Synthetic scenarios with known truth: a retraining loop over twelve months in which the disparity grows
 * (the trend test must catch it), and a profile with a constant disparity (the trend test must not flag it
 * more often than the nominal 5% across seeds).
 */
class TrendScenariosTest {

    private static final Grouping G = Grouping.of("g");
    private static final GroupKey A = GroupKey.of(List.of("g"), List.of("A"));
    private static final GroupKey B = GroupKey.of(List.of("g"), List.of("B"));
    private static final List<ReferenceChoice> REF = List.of(new ReferenceChoice(G, A, "explicit"));
    private static final TableSpec SPEC = TableSpec.builder().protectedAttributes("g").decision("d=1").label("y=1")
            .score("s").route("route").timestamp("t").build();
    private static final String[] SCORE_TEXT = new String[1001];
    private static final String[] MONTH_TEXT = new String[13];

    static {
        for (int i = 0; i <= 1000; i++) {
            SCORE_TEXT[i] = String.format(Locale.ROOT, "%.3f", i / 1000.0);
        }
        for (int m = 1; m <= 12; m++) {
            MONTH_TEXT[m] = String.format(Locale.ROOT, "2025-%02d-15", m);
        }
    }
    private static final double BASE_RATE = 0.10;
    private static final double RANDOM_CONTROL_RATE = 0.02;

    /**
     * Twelve months of {@code perGroup} people per group and month. Both groups have the same true violation rate. The
     * profile selects group A at 10% and group B at {@code pB[t]}; random controls take 2% of the rest.
     * Labels are known only for controlled cases. With {@code feedback > 0} the profile is retrained every
     * month on what it found: B's log-odds of selection rise by {@code feedback} times the log of the ratio of
     * recorded violations per capita (B over A), so a group that is looked at more is recorded more and then
     * looked at even more.
     */
    static DecisionTable months(long seed, double startB, double feedback, int perGroup) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DecisionTable.Builder b = DecisionTable.builder(SPEC);
        double pA = 0.10;
        double pB = startB;
        String[] row = new String[b.layout().size()];
        long line = 1;
        for (int month = 1; month <= 12; month++) {
            long[] found = new long[2];
            for (int g = 0; g < 2; g++) {
                double p = g == 0 ? pA : pB;
                for (int i = 0; i < perGroup; i++) {
                    boolean violation = rnd.nextDouble() < BASE_RATE;
                    boolean profile = rnd.nextDouble() < p;
                    boolean random = !profile && rnd.nextDouble() < RANDOM_CONTROL_RATE;
                    // A score that separates weakly, centred higher for group B when B is over-selected.
                    double score = Math.min(1, Math.max(0, 0.3 + (violation ? 0.2 : 0) + (g == 1 ? p - pA : 0)
                            + 0.1 * rnd.nextGaussian()));
                    row[0] = g == 0 ? "A" : "B";
                    row[1] = profile ? "1" : "0";
                    row[2] = profile || random ? (violation ? "1" : "0") : "";
                    row[3] = SCORE_TEXT[(int) Math.round(score * 1000)];
                    row[4] = profile ? "PROFILE" : random ? "RANDOM" : "NONE";
                    row[5] = MONTH_TEXT[month];
                    b.addRow(row, line++);
                    if (profile && violation) {
                        found[g]++;
                    }
                }
            }
            if (feedback > 0) {
                double ratio = (found[1] + 0.5) / (found[0] + 0.5);
                double logit = Math.log(pB / (1 - pB)) + feedback * Math.log(ratio);
                pB = 1 / (1 + Math.exp(-logit));
            }
        }
        return b.build();
    }

    private static TrendAnalysis trends(DecisionTable t) {
        return new DistributionAudit(AuditSettings.defaults()).run(t, List.of(G), PeriodUnit.MONTH, REF).trends();
    }

    @Test
    void aRetrainingLoopThatWidensTheDisparityIsCaught() {
        int caught = 0;
        int seeds = 20;
        for (long seed = 1; seed <= seeds; seed++) {
            TrendAnalysis t = trends(months(seed, 0.15, 1.0, 1000));
            DisparityTrend d = t.disparity(B).orElseThrow();
            assertEquals(12, d.differenceTrend().periodsUsed());
            if (d.differenceTrend().test().pValue() < 0.05 && d.differenceTrend().slope() > 0) {
                caught++;
            }
        }
        assertTrue(caught >= seeds - 1, "caught in " + caught + " of " + seeds + " seeds");
    }

    @Test
    void aConstantDisparityIsNotFlaggedBeyondTheNominalRate() {
        int seeds = 100;
        int flaggedDifference = 0;
        int flaggedRatio = 0;
        for (long seed = 1; seed <= seeds; seed++) {
            DisparityTrend d = trends(months(1000 + seed, 0.14, 0, 600)).disparity(B).orElseThrow();
            if (d.differenceTrend().test().pValue() < 0.05) {
                flaggedDifference++;
            }
            if (d.logRatioTrend().test().pValue() < 0.05) {
                flaggedRatio++;
            }
        }
        // Nominal 5%: 5 of 100 expected; allow three binomial standard deviations (sqrt(100 * .05 * .95) = 2.2).
        assertTrue(flaggedDifference <= 11, "difference trend flagged " + flaggedDifference + " of " + seeds);
        assertTrue(flaggedRatio <= 11, "log-ratio trend flagged " + flaggedRatio + " of " + seeds);
    }

    @Test
    void theFeedbackLoopSignatureAndDriftAreReported() {
        TrendAnalysis loop = trends(months(7, 0.15, 1.0, 1000));
        assertEquals(12, loop.periods().size());
        assertEquals("2025-01", loop.periods().get(0));
        assertNotNull(loop.feedbackLoop());
        // Profile-selected cases are 10% of A and a growing share of B; random controls 2% of the rest: the
        // share of labels from the profile is well above one half in every month, and grows.
        loop.feedbackLoop().periods().forEach(p -> assertTrue(p.shareFromProfile().value() > 0.7,
                p.period() + " " + p.shareFromProfile()));
        assertEquals(Status.OK, loop.feedbackLoop().trend().status());
        assertTrue(loop.feedbackLoop().trend().slope() > 0, loop.feedbackLoop().trend().toString());
        // B's scores shift upwards with its selection rate: its drift against January grows.
        List<TrendAnalysis.ScoreDrift> drift = loop.drift().stream().filter(d -> d.group().equals(B)).toList();
        assertEquals(11, drift.size());
        assertTrue(drift.get(10).psi().value() > drift.get(0).psi().value(), drift.toString());
        // A's scores do not change: every later month's PSI against January stays below 0.1 ("stable").
        loop.drift().stream().filter(d -> d.group().equals(A)).forEach(d -> assertTrue(d.psi().value() < 0.1,
                d.toString()));
    }

    @Test
    void fewerThanThreePeriodsIsInconclusive() {
        DecisionTable.Builder b = DecisionTable.builder(SPEC);
        String[][] rows = {{"A", "1", "", "0.5", "PROFILE", "2025-01-03"}, {"B", "0", "", "0.2", "NONE", "2025-01-05"},
            {"A", "0", "", "0.1", "NONE", "2025-02-03"}, {"B", "1", "1", "0.9", "PROFILE", "2025-02-05"},
            {"B", "1", "1", "0.9", "PROFILE", ""}};
        long line = 1;
        for (String[] r : rows) {
            b.addRow(r, line++);
        }
        TrendAnalysis t = trends(b.build());
        assertEquals(List.of("2025-01", "2025-02"), t.periods());
        assertEquals(1, t.rowsWithoutTimestamp());
        DisparityTrend d = t.disparity(B).orElseThrow();
        assertEquals(Status.INSUFFICIENT_SAMPLE, d.differenceTrend().status());
        assertEquals(null, d.differenceTrend().slope());
        assertEquals(Status.INSUFFICIENT_SAMPLE, d.periods().get(0).difference().status());
    }

    @Test
    void populationStabilityIndexByHand() {
        ValueSketch baseline = ValueSketch.empty();
        ValueSketch later = ValueSketch.empty();
        int[] laterCounts = {5, 5, 5, 5, 10, 10, 10, 10, 10, 30};
        for (int v = 1; v <= 10; v++) {
            for (int i = 0; i < 10; i++) {
                baseline.add(v);
            }
            for (int i = 0; i < laterCounts[v - 1]; i++) {
                later.add(v);
            }
        }
        // Baseline deciles cut at 1, 2, ..., 9: ten bins of 10%. Later shares .05 x4, .10 x5, .30.
        // PSI = 4 (.05 - .1) ln(.5) + (.3 - .1) ln 3 = 0.35835189384561095 (Python: sum((a-e)*log(a/e))).
        assertEquals(0.35835189384561095, DistributionTests.populationStabilityIndex(baseline, later), 1e-12);
        assertEquals(0.0, DistributionTests.populationStabilityIndex(baseline, baseline), 1e-15);
        // A later period with nothing above 9: that bin's share is floored at 1e-4.
        ValueSketch shifted = ValueSketch.empty();
        for (int v = 1; v <= 9; v++) {
            for (int i = 0; i < 10; i++) {
                shifted.add(v);
            }
        }
        shifted.add(9);
        shifted.add(9);
        // 100 values: shares .1 x8, bin 9 = 0.12... recomputed: 90 + 2 = 92 values; shares 10/92 x8, 12/92, 0.
        double expected = 0;
        for (int i = 0; i < 8; i++) {
            expected += (10.0 / 92 - 0.1) * Math.log((10.0 / 92) / 0.1);
        }
        expected += (12.0 / 92 - 0.1) * Math.log((12.0 / 92) / 0.1);
        expected += (1e-4 - 0.1) * Math.log(1e-4 / 0.1);
        assertEquals(expected, DistributionTests.populationStabilityIndex(baseline, shifted), 1e-12);
    }
}
