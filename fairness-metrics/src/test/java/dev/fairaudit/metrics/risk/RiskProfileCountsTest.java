package dev.fairaudit.metrics.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.SplitCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The count states: chunks of a stream merge to the counts of the whole; stage values are checked. */
class RiskProfileCountsTest {

    private static final List<String> STAGES = List.of("population", "flagged", "selected", "controlled");
    private static final FunnelSpec FUNNEL = new FunnelSpec(STAGES, "selected");

    private static TableSpec spec() {
        return TableSpec.builder().protectedAttributes("group", "sex").decision("selected=1").label("found=1")
                .route("route").features("stage").build();
    }

    /** Random rows in layout group, sex, selected, found, route, stage. */
    private static List<String[]> rows(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] groups = {"A", "B", "C"};
        String[] routes = {"PROFILE", "RANDOM", "MANUAL"};
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean selected = rnd.nextBoolean();
            String found = !selected ? "" : rnd.nextInt(3) == 0 ? "" : rnd.nextBoolean() ? "1" : "0";
            rows.add(new String[] {groups[rnd.nextInt(3)], rnd.nextBoolean() ? "F" : "M", selected ? "1" : "0", found,
                routes[rnd.nextInt(3)], STAGES.get(rnd.nextInt(STAGES.size()))});
        }
        return rows;
    }

    private static DecisionTable table(List<String[]> rows) {
        DecisionTable.Builder b = DecisionTable.builder(spec());
        for (int i = 0; i < rows.size(); i++) {
            b.addRow(rows.get(i), i + 2);
        }
        return b.build();
    }

    @Test
    void chunksMergeToTheCountsOfTheWhole() {
        List<Grouping> groupings = List.of(Grouping.of("group"), Grouping.of("sex"), Grouping.of("group", "sex"));
        for (long seed = 0; seed < 20; seed++) {
            List<String[]> all = rows(seed, 500);
            int cut = new SplittableRandom(seed + 99).nextInt(all.size() + 1);
            List<String[]> second = new ArrayList<>(all.subList(cut, all.size()));
            // Reverse the second chunk, so its dictionaries number the values differently.
            Collections.reverse(second);
            RiskProfileCounts whole = RiskProfileCounts.count(table(all), groupings, "stage", FUNNEL);
            RiskProfileCounts a = RiskProfileCounts.count(table(all.subList(0, cut)), groupings, "stage", FUNNEL);
            RiskProfileCounts b = RiskProfileCounts.count(table(second), groupings, "stage", FUNNEL);
            assertEquals(whole, a.merge(b), "seed " + seed + ", cut " + cut);
            assertEquals(whole, b.merge(a), "seed " + seed + ", cut " + cut);
        }
        SplitCounts empty = SplitCounts.empty(groupings);
        RiskProfileCounts c = RiskProfileCounts.count(table(rows(5, 100)), groupings, "stage", FUNNEL);
        assertEquals(c.byRoute(), c.byRoute().merge(empty));
    }

    @Test
    void aStageOutsideTheDeclaredOrderNamesColumnRowAndValue() {
        List<String[]> rows = rows(1, 10);
        rows.get(6)[5] = "flaged";
        InputException e = assertThrows(InputException.class, () -> RiskProfileCounts.count(table(rows),
                List.of(Grouping.of("group")), "stage", FUNNEL));
        assertTrue(e.getMessage().contains("column 'stage'") && e.getMessage().contains("data row 7")
                && e.getMessage().contains("'flaged'") && e.getMessage().contains("did you mean 'flagged'"),
                e.getMessage());
    }

    /**
     * 1,000 cases. Furthest stage reached, group A: population 500, flagged 150, selected 30, controlled 20
     * (so 700, 200, 50, 20 reach each stage); group B: 100, 100, 60, 40 (300, 200, 100, 40).
     */
    @Test
    void funnelSharesAndTheManualStepsAmplificationMatchAHandComputation() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("group")
                .decision("selected=1").features("stage").build());
        int[][] furthest = {{500, 150, 30, 20}, {100, 100, 60, 40}};
        String[] groups = {"A", "B"};
        long line = 2;
        for (int g = 0; g < 2; g++) {
            for (int s = 0; s < 4; s++) {
                for (int i = 0; i < furthest[g][s]; i++) {
                    b.addRow(new String[] {groups[g], s >= 2 ? "1" : "0", STAGES.get(s)}, line++);
                }
            }
        }
        DecisionTable table = b.build();
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(table);
        Funnel f = new RiskProfileAnalysis(FUNNEL).run(table, base, "stage").funnel();
        assertEquals(List.of(1000.0, 400.0, 150.0, 60.0), f.stageTotals());
        GroupKey groupB = new GroupKey(Map.of("group", "B"));
        FunnelCell selectedB = f.cells().stream().filter(c -> c.group().equals(groupB) && c.stage().equals(
                "selected")).findFirst().orElseThrow();
        assertEquals(100, selectedB.rows());
        assertEquals(100.0 / 150, selectedB.share().value(), 1e-12);
        // p(B|selected) / p(B|population) = (100/150) / (300/1000) = 2.2222
        assertEquals((100.0 / 150) / 0.3, selectedB.ratioToFirst().value(), 1e-12);
        FunnelCell firstB = f.cells().stream().filter(c -> c.group().equals(groupB) && c.stage().equals(
                "population")).findFirst().orElseThrow();
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, firstB.ratioToPrevious().status());

        ManualAmplification ampB = f.amplification().stream().filter(a -> a.group().equals(groupB)).findFirst()
                .orElseThrow();
        assertEquals("flagged", ampB.fromStage());
        // Expected from the flagged share: 200 × 150 / 400 = 75; observed 100; 100 / 75 = 1.3333 = (100/150)/(200/400).
        assertEquals(75.0, ampB.expected(), 1e-12);
        assertEquals(100.0, ampB.observed(), 1e-12);
        assertEquals(4.0 / 3, ampB.amplification().value(), 1e-12);
        // Katz log interval by hand: se = sqrt(1/100 - 1/150 + 1/200 - 1/400) = 0.0763763;
        // 1.33333·exp(±1.959964·0.0763763) = [1.147961, 1.548639] (Python: math.exp, z = norm.ppf(0.975)).
        assertEquals(1.147961, ampB.amplification().ci95().lower(), 1e-6);
        assertEquals(1.548639, ampB.amplification().ci95().upper(), 1e-6);
        ManualAmplification ampA = f.amplification().stream().filter(a -> a.group().equals(new GroupKey(Map.of(
                "group", "A")))).findFirst().orElseThrow();
        // (50/150)/(200/400) = 0.6667, interval exp(ln 0.6667 ± 1.959964·sqrt(1/50 − 1/150 + 1/200 − 1/400))
        // = [0.520957, 0.853131].
        assertEquals(2.0 / 3, ampA.amplification().value(), 1e-12);
        assertEquals(0.520957, ampA.amplification().ci95().lower(), 1e-6);
        assertEquals(0.853131, ampA.amplification().ci95().upper(), 1e-6);
    }

    /**
     * Profile route: 200 controlled, 60 found (and 300 not selected); random route: 200 controlled, 20 found (and
     * 200 not selected).
     */
    @Test
    void liftOverRandomMatchesAHandComputation() {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes("group")
                .decision("selected=1").label("found=1").route("route").build());
        long line = 2;
        Object[][] blocks = {{"PROFILE", "1", "1", 60}, {"PROFILE", "1", "0", 140}, {"PROFILE", "0", "", 300},
            {"RANDOM", "1", "1", 20}, {"RANDOM", "1", "0", 180}, {"RANDOM", "0", "", 200}};
        for (Object[] block : blocks) {
            for (int i = 0; i < (int) block[3]; i++) {
                b.addRow(new String[] {i % 2 == 0 ? "A" : "B", (String) block[1], (String) block[2],
                    (String) block[0]}, line++);
            }
        }
        DecisionTable table = b.build();
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(table);
        RiskProfileResult r = new RiskProfileAnalysis(FunnelSpec.defaults()).run(table, base, null);
        ProfileVsRandomGroup overall = r.routes().profileVsRandom().stream()
                .filter(v -> v.group().equals(GroupKey.OVERALL)).findFirst().orElseThrow();
        // lift = (60/200) / (20/200) = 3; Katz: se = sqrt(1/60 − 1/200 + 1/20 − 1/200) = 0.2380476;
        // 3·exp(±1.959964·0.2380476) = [1.881459, 4.783522] (Python 3: math.sqrt, math.exp;
        // z = scipy.stats.norm.ppf(0.975)).
        assertEquals(3.0, overall.liftOverRandom().value(), 1e-12);
        assertEquals(1.881459, overall.liftOverRandom().ci95().lower(), 1e-6);
        assertEquals(4.783522, overall.liftOverRandom().ci95().upper(), 1e-6);
        // Selection rates: profile 200/500 = 0.4, random 200/400 = 0.5: ratio 0.8.
        assertEquals(0.8, overall.selectionRateRatio().value(), 1e-12);
        // Unfounded controls: (140 + 180) / (500 + 400 rows).
        assertEquals(320.0 / 900, overall.unfoundedControlRate().value(), 1e-12);
        // Base rate overall from the random route only: 20/200.
        assertEquals(0.1, r.routes().baseRates().groups().stream().filter(x -> x.group().equals(GroupKey.OVERALL))
                .findFirst().orElseThrow().fromRandom().value(), 1e-12);
    }
}
