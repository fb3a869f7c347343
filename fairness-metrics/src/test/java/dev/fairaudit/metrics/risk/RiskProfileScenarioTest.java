package dev.fairaudit.metrics.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analyses on synthetic data with known truth ({@link RiskScenario}): equal true base rates, a profile that
 * over-selects group B through a proxy, and a fair profile that must not raise false alarms beyond the nominal
 * rate.
 */
class RiskProfileScenarioTest {

    private static final GroupKey A = new GroupKey(Map.of("group", "A"));
    private static final GroupKey B = new GroupKey(Map.of("group", "B"));

    private static RiskProfileResult analyse(DecisionTable table) {
        AuditResult base = new GroupAudit(AuditSettings.defaults()).run(table);
        return new RiskProfileAnalysis(FunnelSpec.defaults()).run(table, base, null);
    }

    private static OutcomeTestEntry outcomeOf(RiskProfileResult r, GroupKey g) {
        return r.outcomeTest().entries().stream().filter(e -> e.group().equals(g)).findFirst().orElseThrow();
    }

    private static ProfileVsRandomGroup versusOf(RiskProfileResult r, GroupKey g) {
        return r.routes().profileVsRandom().stream().filter(e -> e.group().equals(g)).findFirst().orElseThrow();
    }

    @Test
    void proxyProfileIsCaughtByTheOutcomeTestAndTheRandomComparison() {
        RiskProfileResult r = analyse(RiskScenario.generate(20260101L, 20_000, 0.2, RiskScenario.Profile.PROXY));
        // Reference is the largest group, A. B is selected more on the profile route and its controls find less.
        OutcomeTestEntry b = outcomeOf(r, B);
        assertEquals(A, b.reference());
        assertEquals("PROFILE", r.outcomeTest().route());
        assertTrue(b.selectionComparison().difference().value() > 0.1, b.toString());
        assertTrue(b.hitRateComparison().difference().ci95().upper() < 0, b.toString());
        assertEquals(OutcomeTestEntry.Verdict.OVER_SELECTED, b.verdict());

        // Against random controls: B's profile selection rate is a larger multiple of its random one than A's,
        // B's lift over random is lower, and B's people are controlled for nothing more often.
        ProfileVsRandomGroup va = versusOf(r, A);
        ProfileVsRandomGroup vb = versusOf(r, B);
        assertTrue(vb.selectionRateRatio().ci95().lower() > va.selectionRateRatio().ci95().upper(), vb + " " + va);
        assertTrue(vb.liftOverRandom().value() < va.liftOverRandom().value(), vb + " " + va);
        assertTrue(vb.unfoundedControlComparison().ratio().ci95().lower() > 1, vb.toString());
        assertTrue(vb.unfoundedControlComparison().significant(), vb.toString());

        // The random route's base rates are equal in truth (0.1) and must not differ significantly here.
        GroupContrast base = r.routes().baseRates().comparisons().get(0);
        assertEquals(B, base.group());
        assertEquals(Status.OK, base.status());
        assertTrue(base.pValueAdjusted() >= 0.05, base.toString());
        BaseRate br = r.routes().baseRates().groups().stream().filter(x -> x.group().equals(B)).findFirst()
                .orElseThrow();
        assertTrue(br.fromRandom().ci95().contains(0.1), br.toString());
        // The profile's hit rate is no base rate: it is far above the true 0.1.
        assertTrue(br.fromProfile().ci95().lower() > 0.1, br.toString());
    }

    @Test
    void proxyProfileHasAHigherFalsePositiveRateForTheOverSelectedGroupInTheRandomArm() {
        // Truth, among people without a violation (density of s ∝ 1 − 0.3·s²; the proxy threshold 0.3 in zone Z,
        // 0.8 elsewhere): P(s > t | no violation) = (1 − t − 0.1·(1 − t³)) / 0.9, so 0.66967 for t = 0.3 and
        // 0.16800 for t = 0.8 (by hand; scipy.integrate.quad agrees). A is in Z with probability 0.2, B with 0.8:
        // the false positive rate is 0.2·0.66967 + 0.8·0.168 = 0.26833 for A and 0.8·0.66967 + 0.2·0.168 = 0.56933
        // for B, a ratio of 2.122.
        RiskProfileResult r = analyse(RiskScenario.generate(20260102L, 20_000, 0.2, RiskScenario.Profile.PROXY,
                true));
        PrecisionAtBaseRateGroup a = r.routes().precisionAtBaseRate().groups().stream()
                .filter(e -> e.group().equals(A)).findFirst().orElseThrow();
        PrecisionAtBaseRateGroup b = r.routes().precisionAtBaseRate().groups().stream()
                .filter(e -> e.group().equals(B)).findFirst().orElseThrow();
        assertTrue(a.falsePositiveRate().ci95().contains(0.26833), a.toString());
        assertTrue(b.falsePositiveRate().ci95().contains(0.56933), b.toString());
        GroupContrast fpr = b.falsePositiveRateComparison();
        assertEquals(A, fpr.reference());
        assertTrue(fpr.ratio().ci95().lower() > 1, fpr.toString());
        assertTrue(fpr.ratio().ci95().contains(0.56933 / 0.26833), fpr.toString());
        assertTrue(fpr.significant(), fpr.toString());
    }

    @Test
    void fairProfileRaisesNoFalseAlarmsBeyondTheNominalRate() {
        // 200 independent seeds; under the null each test is significant with probability about 0.05.
        // scipy.stats.binom.sf(21, 200, 0.05) = 0.00048: more than 21 alarms would be very unlikely.
        int seeds = 200;
        int outcomeAlarms = 0;
        int baseRateAlarms = 0;
        int inconclusive = 0;
        for (int seed = 0; seed < seeds; seed++) {
            RiskProfileResult r = analyse(RiskScenario.generate(1000L + seed, 3_000, 0.2,
                    RiskScenario.Profile.FAIR));
            OutcomeTestEntry b = outcomeOf(r, B);
            if (b.verdict() == OutcomeTestEntry.Verdict.INCONCLUSIVE) {
                inconclusive++;
            } else if (b.verdict() != OutcomeTestEntry.Verdict.NO_EVIDENCE) {
                outcomeAlarms++;
            }
            GroupContrast base = r.routes().baseRates().comparisons().get(0);
            assertNotNull(base.pValueAdjusted(), base.toString());
            if (base.pValueAdjusted() < 0.05) {
                baseRateAlarms++;
            }
        }
        assertEquals(0, inconclusive, "3,000 rows give every group enough controlled cases");
        assertTrue(outcomeAlarms <= 21, "outcome-test false alarms: " + outcomeAlarms + " of " + seeds);
        assertTrue(baseRateAlarms <= 21, "base-rate false alarms: " + baseRateAlarms + " of " + seeds);
    }

    @Test
    void proxyProfileIsDetectedInMostSeeds() {
        // Power, the other side of the false-alarm check: the same detector on the proxy profile. With 10,000 rows
        // the true hit-rate gap (0.195 against 0.146) is about 3.7 standard errors: power about 0.96.
        int detected = 0;
        for (int seed = 0; seed < 50; seed++) {
            RiskProfileResult r = analyse(RiskScenario.generate(5000L + seed, 10_000, 0.2,
                    RiskScenario.Profile.PROXY));
            if (outcomeOf(r, B).verdict() == OutcomeTestEntry.Verdict.OVER_SELECTED) {
                detected++;
            }
        }
        assertTrue(detected >= 40, "detected in " + detected + " of 50");
    }

    @Test
    void warnsWhenThereIsNoRandomRoute() {
        RiskProfileResult r = analyse(RiskScenario.generate(7L, 2_000, 0.0, RiskScenario.Profile.PROXY));
        assertEquals(null, r.routes().randomRoute());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("has no RANDOM route") && w.contains(
                "base-rate fallacy")), r.warnings().toString());
        assertTrue(r.routes().profileVsRandom().isEmpty());
        assertEquals(Status.UNDEFINED_EMPTY_GROUP, r.routes().baseRates().groups().get(0).fromRandom().status());
    }

    @Test
    void withoutARouteColumnTheOutcomeTestUsesEveryRowAndWarnsAboutBaseRates() {
        DecisionTable withRoutes = RiskScenario.generate(8L, 2_000, 0.0, RiskScenario.Profile.PROXY);
        dev.fairaudit.core.table.TableSpec spec = dev.fairaudit.core.table.TableSpec.builder()
                .protectedAttributes("group").decision("selected=1").label("found=1").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        for (int i = 0; i < withRoutes.rowCount(); i++) {
            byte label = withRoutes.label(i);
            b.addRow(new String[] {withRoutes.protectedColumn("group").value(withRoutes.protectedColumn("group")
                    .code(i)), withRoutes.selected(i) ? "1" : "0", label < 0 ? "" : String.valueOf(label)}, i + 2);
        }
        RiskProfileResult r = analyse(b.build());
        assertEquals(null, r.routes());
        assertEquals(null, r.outcomeTest().route());
        assertEquals(1, r.outcomeTest().entries().size());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("no selection-route column")), r.warnings()
                .toString());
    }
}
