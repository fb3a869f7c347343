package dev.fairaudit.metrics.risk;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import java.util.SplittableRandom;

/**
 * Synthetic risk-profile data with known truth. Group B is 30% of the population, group A 70%. A proxy (living in
 * zone Z) is far more common in B (80%) than in A (20%). Every person has a risk signal s ~ U(0, 1), and a
 * violation with probability 0.3·s², whatever their group or zone: the true base rate is E[0.3·s²] = 0.1 in both
 * groups. A share of cases goes to the RANDOM route and is selected by a fair coin (p = 0.5); the rest go to the
 * PROFILE route. Outcomes are known only for selected (controlled) cases.
 */
final class RiskScenario {

    /** How the profile selects. */
    enum Profile {
        /**
         * Selects s > 0.8, but s > 0.3 in zone Z: the proxy makes it select B more (truth: 60% of B against 30% of
         * A on the profile route), with a lower hit rate (truth: 0.146 against 0.195).
         */
        PROXY,
        /** Selects s > 0.7 for everyone: no group difference in selection or hit rate. */
        FAIR
    }

    private RiskScenario() {
    }

    static TableSpec spec() {
        return TableSpec.builder().protectedAttributes("group").decision("selected=1").label("found=1")
                .route("route").build();
    }

    /** With the profile's would-be decision on every row in column {@code profile} (read on RANDOM rows only). */
    static TableSpec specWithProfileDecision() {
        return TableSpec.builder().protectedAttributes("group").decision("selected=1").label("found=1")
                .route("route").profileDecision("profile=1").build();
    }

    static DecisionTable generate(long seed, int n, double randomShare, Profile profile) {
        return generate(seed, n, randomShare, profile, false);
    }

    /**
     * @param withProfileDecision also write what the profile would decide about each case (column {@code profile},
     *                            {@link #specWithProfileDecision()}), so that on the RANDOM route its precision at
     *                            the real base rate can be measured
     */
    static DecisionTable generate(long seed, int n, double randomShare, Profile profile, boolean withProfileDecision) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DecisionTable.Builder b = DecisionTable.builder(withProfileDecision ? specWithProfileDecision() : spec());
        String[] row = new String[withProfileDecision ? 5 : 4];
        for (int i = 0; i < n; i++) {
            boolean groupB = rnd.nextDouble() < 0.3;
            boolean zone = rnd.nextDouble() < (groupB ? 0.8 : 0.2);
            double s = rnd.nextDouble();
            boolean violation = rnd.nextDouble() < 0.3 * s * s;
            boolean random = rnd.nextDouble() < randomShare;
            boolean flagged = profile == Profile.PROXY ? s > (zone ? 0.3 : 0.8) : s > 0.7;
            boolean selected = random ? rnd.nextDouble() < 0.5 : flagged;
            row[0] = groupB ? "B" : "A";
            row[1] = selected ? "1" : "0";
            row[2] = selected ? (violation ? "1" : "0") : "";
            row[3] = random ? "RANDOM" : "PROFILE";
            if (withProfileDecision) {
                row[4] = flagged ? "1" : "0";
            }
            b.addRow(row, i + 2);
        }
        return b.build();
    }
}
