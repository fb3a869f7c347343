package dev.fairaudit.metrics.criteria;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.risk.BaseRate;
import dev.fairaudit.metrics.risk.GroupContrast;
import dev.fairaudit.metrics.risk.ManualAmplification;
import dev.fairaudit.metrics.risk.OutcomeTestEntry;
import dev.fairaudit.metrics.risk.PrecisionAtBaseRateGroup;
import dev.fairaudit.metrics.risk.ProfileVsRandomGroup;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The risk-profile analyses' quantities (see {@code docs/risk-profiles.md}):
 * <ul>
 *   <li>{@code hitRate.liftOverRandom}: profile-route hit rate / random-route hit rate, per group or overall;</li>
 *   <li>{@code hitRate.profile}, {@code baseRate.random}: the hit rate on the profile route, and on the random
 *       route (the base rate);</li>
 *   <li>{@code selectionRate.profileOverRandom}: profile-route selection rate / random-route selection rate;</li>
 *   <li>{@code unfoundedControlRate.value}, {@code .ratio}, {@code .difference}: controlled with nothing
 *       found / all rows, and against the reference group;</li>
 *   <li>{@code outcomeTest.hitRateDifference}: on the profile route, hit rate minus the reference's;</li>
 *   <li>{@code funnel.manualAmplification}: p(g | after the manual step) / p(g | before it);</li>
 *   <li>{@code precisionAtBaseRate}, {@code precisionAtBaseRate.lift}, {@code recallRandom},
 *       {@code falsePositiveRateRandom}, {@code falsePositiveRateRatioRandom},
 *       {@code falsePositiveRateDifferenceRandom}: the profile's would-be decisions on the random route
 *       ({@link PrecisionAtBaseRateGroup}).</li>
 * </ul>
 */
public final class RiskProfileQuantities implements QuantityResolver {

    private static final Set<String> NAMES = Set.of("hitRate.liftOverRandom", "hitRate.profile", "baseRate.random",
            "selectionRate.profileOverRandom", "unfoundedControlRate.value", "unfoundedControlRate.ratio",
            "unfoundedControlRate.difference", "outcomeTest.hitRateDifference", "funnel.manualAmplification",
            "precisionAtBaseRate", "precisionAtBaseRate.lift", "recallRandom", "falsePositiveRateRandom",
            "falsePositiveRateRatioRandom", "falsePositiveRateDifferenceRandom");

    @Override
    public Set<String> quantities() {
        return NAMES;
    }

    @Override
    public List<Quantity> resolve(String quantity, Grouping grouping, AuditResult result) {
        RiskProfileResult risk = result.riskProfile();
        List<Quantity> out = new ArrayList<>();
        if (risk == null) {
            return out;
        }
        switch (quantity) {
            case "hitRate.liftOverRandom", "hitRate.profile", "selectionRate.profileOverRandom",
                    "unfoundedControlRate.value", "unfoundedControlRate.ratio", "unfoundedControlRate.difference" -> {
                if (risk.routes() == null) {
                    return out;
                }
                for (ProfileVsRandomGroup v : risk.routes().profileVsRandom()) {
                    if (!v.group().grouping().equals(grouping)) {
                        continue;
                    }
                    long n = Math.min(v.profileHitRate().rows(), v.randomHitRate().rows());
                    switch (quantity) {
                        case "hitRate.liftOverRandom" -> out.add(of(v, v.liftOverRandom(), n));
                        case "selectionRate.profileOverRandom" -> out.add(of(v, v.selectionRateRatio(),
                                Math.min(routeRows(risk, v, risk.routes().profileRoute()),
                                        routeRows(risk, v, risk.routes().randomRoute()))));
                        case "hitRate.profile" -> out.add(of(v, v.profileHitRate()));
                        case "unfoundedControlRate.value" -> out.add(of(v, v.unfoundedControlRate()));
                        default -> {
                            GroupContrast c = v.unfoundedControlComparison();
                            if (c != null) {
                                out.add(of(c, quantity.endsWith("ratio") ? c.ratio() : c.difference(),
                                        v.unfoundedControlRate().rows()));
                            }
                        }
                    }
                }
            }
            case "baseRate.random" -> {
                if (risk.routes() == null) {
                    return out;
                }
                for (BaseRate b : risk.routes().baseRates().groups()) {
                    if (b.group().grouping().equals(grouping)) {
                        MetricValue v = b.fromRandom();
                        out.add(new Quantity(b.group(), null, v.value(), v.status(), v.ci95(), v.rows()));
                    }
                }
            }
            case "outcomeTest.hitRateDifference" -> {
                for (OutcomeTestEntry e : risk.outcomeTest().entries()) {
                    if (e.group().grouping().equals(grouping)) {
                        GroupContrast c = e.hitRateComparison();
                        out.add(of(c, c.difference(), e.hitRate().rows()));
                    }
                }
            }
            case "funnel.manualAmplification" -> {
                if (risk.funnel() == null) {
                    return out;
                }
                for (ManualAmplification a : risk.funnel().amplification()) {
                    if (a.group().grouping().equals(grouping)) {
                        Estimate e = a.amplification();
                        out.add(new Quantity(a.group(), null, e.value(), e.status(), e.ci95(),
                                Math.round(a.observed())));
                    }
                }
            }
            case "precisionAtBaseRate", "precisionAtBaseRate.lift", "recallRandom", "falsePositiveRateRandom",
                    "falsePositiveRateRatioRandom", "falsePositiveRateDifferenceRandom" -> {
                if (risk.routes() == null || risk.routes().precisionAtBaseRate() == null) {
                    return out;
                }
                List<PrecisionAtBaseRateGroup> all = risk.routes().precisionAtBaseRate().groups();
                for (PrecisionAtBaseRateGroup p : all) {
                    if (!p.group().grouping().equals(grouping)) {
                        continue;
                    }
                    switch (quantity) {
                        case "precisionAtBaseRate" -> out.add(of(p, p.precisionAtBaseRate()));
                        case "precisionAtBaseRate.lift" -> out.add(new Quantity(p.group(), null,
                                p.liftOverBaseRate().value(), p.liftOverBaseRate().status(),
                                p.liftOverBaseRate().ci95(), p.precisionAtBaseRate().rows()));
                        case "recallRandom" -> out.add(of(p, p.recall()));
                        case "falsePositiveRateRandom" -> out.add(of(p, p.falsePositiveRate()));
                        default -> {
                            GroupContrast c = p.falsePositiveRateComparison();
                            if (c != null) {
                                long n = p.falsePositiveRate().rows();
                                for (PrecisionAtBaseRateGroup r : all) {
                                    if (r.group().equals(c.reference())) {
                                        n = Math.min(n, r.falsePositiveRate().rows());
                                    }
                                }
                                out.add(of(c, quantity.equals("falsePositiveRateRatioRandom") ? c.ratio()
                                        : c.difference(), n));
                            }
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown quantity '" + quantity + "'");
        }
        return out;
    }

    /** Rows of the group on a route: the denominator of its selection rate there. */
    private static long routeRows(RiskProfileResult risk, ProfileVsRandomGroup v, String route) {
        return risk.routes().cells().stream().filter(c -> c.group().equals(v.group()) && c.route().equals(route))
                .mapToLong(c -> c.rows()).sum();
    }

    private static Quantity of(ProfileVsRandomGroup v, Estimate e, long n) {
        return new Quantity(v.group(), null, e.value(), e.status(), e.ci95(), n);
    }

    private static Quantity of(ProfileVsRandomGroup v, MetricValue m) {
        return new Quantity(v.group(), null, m.value(), m.status(), m.ci95(), m.rows());
    }

    private static Quantity of(PrecisionAtBaseRateGroup p, MetricValue m) {
        return new Quantity(p.group(), null, m.value(), m.status(), m.ci95(), m.rows());
    }

    private static Quantity of(GroupContrast c, Estimate e, long n) {
        return new Quantity(c.group(), c.reference(), e.value(), e.status(), e.ci95(), n);
    }
}
