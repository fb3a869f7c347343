package dev.fairaudit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the demo's generator plants, checked on what it draws (ground truth the log cannot show). */
class ScenarioPlantedPropertiesTest {

    private static final int[] DAYS = {21, 20, 21, 22, 21, 21, 23, 21, 22, 23, 20, 23};

    @TempDir
    Path dir;

    private static Map<String, long[]> byMigration(List<Resident> people) {
        Map<String, long[]> m = new HashMap<>();
        for (Resident r : people) {
            long[] c = m.computeIfAbsent(r.migrationBackground(), k -> new long[3]);
            c[0]++;
            c[1] += r.violates() ? 1 : 0;
            c[2] += r.language().equals("nl") ? 0 : 1;
        }
        return m;
    }

    @Test
    void trueViolationRatesAreEqualAcrossMigrationBackgrounds() {
        Map<String, long[]> m = byMigration(Population.generate(11, 200_000, DAYS));
        // Expected rate: sum over household types of share x rate = .45*.07 + .20*.09 + .15*.05 + .20*.06 = 0.069.
        // Smallest group (european, ~8% = 16,000): standard error of a rate ~ sqrt(.069*.931/16000) = 0.0020, so
        // 0.008 is four standard errors; a planted difference of two points would fail.
        for (Map.Entry<String, long[]> e : m.entrySet()) {
            double rate = (double) e.getValue()[1] / e.getValue()[0];
            assertEquals(0.069, rate, 0.008, e.getKey() + " violation rate");
        }
        assertEquals(3, m.size());
    }

    @Test
    void neighbourhoodsDifferInMigrationBackgroundAndLanguageFollowsIt() {
        List<Resident> people = Population.generate(12, 100_000, DAYS);
        Map<String, long[]> perNeighbourhood = new HashMap<>();
        for (Resident r : people) {
            long[] c = perNeighbourhood.computeIfAbsent(r.neighbourhood(), k -> new long[2]);
            c[0]++;
            c[1] += r.migrationBackground().equals(Population.NON_EUROPEAN) ? 1 : 0;
        }
        double haven = (double) perNeighbourhood.get("Havenkwartier")[1] / perNeighbourhood.get("Havenkwartier")[0];
        double bos = (double) perNeighbourhood.get("Bosrand")[1] / perNeighbourhood.get("Bosrand")[0];
        assertTrue(haven > 0.5 && bos < 0.12, "non-European share: Havenkwartier " + haven + ", Bosrand " + bos);
        Map<String, long[]> m = byMigration(people);
        double otherLanguageNone = (double) m.get(Population.NONE)[2] / m.get(Population.NONE)[0];
        double otherLanguageNonEuropean = (double) m.get(Population.NON_EUROPEAN)[2] / m.get(Population.NON_EUROPEAN)[0];
        assertTrue(otherLanguageNone < 0.05 && otherLanguageNonEuropean > 0.5,
                "language other than Dutch: none " + otherLanguageNone + ", non-European " + otherLanguageNonEuropean);
    }

    @Test
    void retrainingRaisesWhereMoreWasFoundPerResidentAndKeepsTheMeanWeight() {
        RiskProfile p = new RiskProfile("1.0", -2, Map.of("a", 0.0, "b", 0.0), Map.of("nl", 0.0),
                Map.of("single", 0.0), 0, 0.2);
        RiskProfile q = p.retrain("1.1", Map.of("a", 10L), Map.of("a", 100L, "b", 100L), Map.of(), Map.of());
        // By hand (python3 math): city rate 10/200 = 0.05; smoothed with 1000 pseudo-residents a = (10 + 50) / 1100,
        // b = 50 / 1100; moves 0.35*ln(a/0.05) = 0.0304540 and 0.35*ln(b/0.05) = -0.0333586; their mean
        // -0.0014523 is taken off both.
        assertEquals(0.0319063, q.postcodeWeights().get("a"), 1e-6);
        assertEquals(-0.0319063, q.postcodeWeights().get("b"), 1e-6);
        assertEquals(Map.of("nl", 0.0), q.languageWeights(), "nothing found: unchanged");
        assertEquals("1.1", q.version());
    }

    @Test
    void calibrationSelectsTheCapacityShare() {
        List<Resident> people = Population.generate(13, 20_000, DAYS);
        RiskProfile p = RiskProfile.initial(0.2).calibrated(people, 0.08);
        long selected = people.stream().filter(r -> p.decide(new DemoCase(r, false)).selected()).count();
        // Scores are discrete, so the share comes as near 8% as it can from below.
        double share = (double) selected / people.size();
        assertTrue(share <= 0.08 && share > 0.07, "share " + share);
        assertTrue(p.decide(new DemoCase(people.get(0), true)).selected(), "a tip-off is always controlled");
    }

    @Test
    void theRandomArmSeesTheTrueRateAndTheProfileGapWidens() throws Exception {
        ScenarioSummary s = MunicipalScenario.generate(2025, 20_000, 2025, dir);
        ScenarioSummary.GroupTruth random = s.truthOfControls().get("RANDOM");
        long people = s.truthByMigration().values().stream().mapToLong(ScenarioSummary.GroupTruth::people).sum();
        long violators = s.truthByMigration().values().stream().mapToLong(ScenarioSummary.GroupTruth::violators).sum();
        double populationRate = (double) violators / people;
        // Tip-offs take violators out of the pool the random arm draws from: with tip-off rates 5% and 1% the
        // pool's rate is p*0.95 / (p*0.95 + (1-p)*0.99) ~ 0.063 for p = 0.066; +-3 standard errors of ~0.008.
        double pool = populationRate * 0.95 / (populationRate * 0.95 + (1 - populationRate) * 0.99);
        double se = Math.sqrt(pool * (1 - pool) / random.people());
        assertEquals(pool, random.violationRate(), 3 * se, "random arm's true violation rate");
        assertEquals(12, s.months().size());
        assertTrue(ratio(s, 1, 3) * 1.2 < ratio(s, 10, 12), "non-European/none selection ratio, months 1-3 "
                + ratio(s, 1, 3) + " vs 10-12 " + ratio(s, 10, 12));
    }

    /** The profile's pooled selection-rate ratio non-European / none over months from..to. */
    static double ratio(ScenarioSummary s, int from, int to) {
        long[] none = new long[2];
        long[] nonEuropean = new long[2];
        for (ScenarioSummary.MonthSummary m : s.months().subList(from - 1, to)) {
            none[0] += m.assessed().get(Population.NONE);
            none[1] += m.selected().getOrDefault(Population.NONE, 0L);
            nonEuropean[0] += m.assessed().get(Population.NON_EUROPEAN);
            nonEuropean[1] += m.selected().getOrDefault(Population.NON_EUROPEAN, 0L);
        }
        return ((double) nonEuropean[1] / nonEuropean[0]) / ((double) none[1] / none[0]);
    }
}
