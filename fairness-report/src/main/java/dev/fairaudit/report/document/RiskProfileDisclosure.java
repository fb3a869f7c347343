package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.criteria.CriterionResult;
import dev.fairaudit.metrics.criteria.Evidence;
import dev.fairaudit.metrics.criteria.Quantity;
import dev.fairaudit.metrics.document.Disclosure.Part;
import dev.fairaudit.metrics.document.Disclosure.Reason;
import dev.fairaudit.metrics.risk.BaseRate;
import dev.fairaudit.metrics.risk.Funnel;
import dev.fairaudit.metrics.risk.FunnelCell;
import dev.fairaudit.metrics.risk.GroupContrast;
import dev.fairaudit.metrics.risk.ManualAmplification;
import dev.fairaudit.metrics.risk.OutcomeTestEntry;
import dev.fairaudit.metrics.risk.PrecisionAtBaseRateGroup;
import dev.fairaudit.metrics.risk.ProfileVsRandomGroup;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import dev.fairaudit.metrics.risk.RouteAnalysis;
import dev.fairaudit.metrics.risk.RouteCell;
import dev.fairaudit.report.document.AnalysisDisclosure.Decider;
import dev.fairaudit.report.document.AnalysisDisclosure.Key;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The risk-profile part of {@link AnalysisDisclosure}.
 *
 * <p><b>Primary</b>: a cell is withheld when any count it shows, or the complement of one within it (selected and
 * not selected, hits and nothing found), is from 1 to the threshold − 1, or when the group audit withholds the
 * group's size. <b>Secondary</b>, where counts add up to a published total: a group's route cells to the group's
 * counts in the group audit; per route, the groups of a grouping to the whole population's cell (and an
 * intersection's groups to each coarser group's); per stage, a grouping's funnel cells to the stage total; the
 * groups' random-arm confusion counts to the whole population's. When exactly one part of such a sum is withheld,
 * the smallest other part is withheld too, until no sum has a lone withheld part. <b>Derived</b>: every entry that
 * shows a withheld cell's counts again (base rates, profile against random, the outcome test, precision at the
 * real base rate, comparisons with a withheld group or reference, the manual amplification, criteria evidence)
 * is withheld with it.
 */
final class RiskProfileDisclosure {

    private RiskProfileDisclosure() {
    }

    static void decide(AuditResult r, Decider x) {
        RiskProfileResult risk = r.riskProfile();
        if (risk == null) {
            return;
        }
        List<Grouping> groupings = new ArrayList<>(r.groupings());
        if (!groupings.contains(Grouping.OVERALL)) {
            groupings.add(Grouping.OVERALL);
        }
        RouteAnalysis routes = risk.routes();
        if (routes != null) {
            routeCells(routes, groupings, x);
            derivedFromRoutes(routes, x);
            if (routes.precisionAtBaseRate() != null) {
                precision(routes, groupings, x);
            }
        }
        if (risk.outcomeTest() != null) {
            String profile = routes == null ? null : routes.profileRoute();
            for (OutcomeTestEntry e : risk.outcomeTest().entries()) {
                if (hidesOutcome(x, e.group(), profile) || hidesOutcome(x, e.reference(), profile)) {
                    x.put(Kind.OUTCOME_TEST_ENTRY, e.group(), "", Reason.SECONDARY);
                }
            }
        }
        if (risk.funnel() != null) {
            funnel(risk.funnel(), groupings, x);
        }
        if (risk.criteria() != null) {
            criteria(risk, x);
        }
    }

    // -------------------------------------------------------------------------------------------------- routes

    private static void routeCells(RouteAnalysis routes, List<Grouping> groupings, Decider x) {
        Map<Key, Long> rows = new LinkedHashMap<>();
        for (RouteCell c : routes.cells()) {
            rows.put(new Key(Kind.ROUTE_CELL, c.group(), c.route()), c.rows());
            long selected = Math.round(c.selectionRate().numerator());
            long controlled = c.hitRate().rows();
            long hits = Math.round(c.hitRate().numerator());
            if (x.size(c.group()) || x.small(c.rows()) || x.small(selected) || x.small(c.rows() - selected)
                    || x.small(controlled) || x.small(hits) || x.small(controlled - hits)
                    || x.small(c.uncontrolledRows())) {
                x.put(Kind.ROUTE_CELL, c.group(), c.route(), Reason.PRIMARY);
            }
        }
        List<List<Key>> sums = new ArrayList<>();
        // A group's routes add up to its counts in the group audit (published unless its size is withheld).
        Map<GroupKey, List<Key>> byGroup = new LinkedHashMap<>();
        rows.keySet().forEach(k -> byGroup.computeIfAbsent(k.group(), g -> new ArrayList<>()).add(k));
        byGroup.forEach((g, parts) -> {
            if (!x.size(g)) {
                List<Key> sum = new ArrayList<>();
                sum.add(null);
                sum.addAll(parts);
                sums.add(sum);
            }
        });
        for (String route : routes.routes()) {
            sums.addAll(AnalysisDisclosure.nested(Kind.ROUTE_CELL, route, rows.keySet(), groupings));
        }
        secondary(sums, rows, x);
    }

    private static void derivedFromRoutes(RouteAnalysis routes, Decider x) {
        String random = routes.randomRoute();
        String profile = routes.profileRoute();
        for (BaseRate b : routes.baseRates().groups()) {
            if (hides(x, b.group(), random) || hides(x, b.group(), profile)) {
                x.put(Kind.BASE_RATE, b.group(), "", Reason.SECONDARY);
            }
        }
        for (GroupContrast c : routes.baseRates().comparisons()) {
            if (x.has(Kind.BASE_RATE, c.group(), "") || x.has(Kind.BASE_RATE, c.reference(), "")) {
                x.put(Kind.BASE_RATE_COMPARISON, c.group(), "", Reason.SECONDARY);
            }
        }
        for (ProfileVsRandomGroup v : routes.profileVsRandom()) {
            MetricValue u = v.unfoundedControlRate();
            long unfounded = Math.round(u.numerator());
            if (x.size(v.group()) || x.small(unfounded) || x.small(u.rows() - unfounded)) {
                x.put(Kind.PROFILE_VS_RANDOM, v.group(), "", Reason.PRIMARY);
            } else if (hides(x, v.group(), random) || hides(x, v.group(), profile)) {
                x.put(Kind.PROFILE_VS_RANDOM, v.group(), "", Reason.SECONDARY);
            }
        }
        for (ProfileVsRandomGroup v : routes.profileVsRandom()) {
            GroupContrast c = v.unfoundedControlComparison();
            if (c != null && (x.has(Kind.PROFILE_VS_RANDOM, c.group(), "")
                    || x.has(Kind.PROFILE_VS_RANDOM, c.reference(), ""))) {
                x.put(Kind.UNFOUNDED_COMPARISON, c.group(), "", Reason.SECONDARY);
            }
        }
    }

    private static boolean hides(Decider x, GroupKey g, String route) {
        return route != null && x.has(Kind.ROUTE_CELL, g, route);
    }

    /** Whether an outcome-test rate of a group is withheld: its profile-route cell, or without routes its counts. */
    private static boolean hidesOutcome(Decider x, GroupKey g, String profileRoute) {
        if (g == null) {
            return false;
        }
        if (profileRoute != null) {
            return hides(x, g, profileRoute);
        }
        return x.size(g) || x.groups.suppressed(g, Part.SELECTION) || x.groups.suppressed(g, Part.LABELLED);
    }

    // -------------------------------------------------------------------------------------- precision at base rate

    private static void precision(RouteAnalysis routes, List<Grouping> groupings, Decider x) {
        List<PrecisionAtBaseRateGroup> groups = routes.precisionAtBaseRate().groups();
        Map<Key, Long> performance = new LinkedHashMap<>();
        Map<Key, Long> falsePositives = new LinkedHashMap<>();
        for (PrecisionAtBaseRateGroup g : groups) {
            GroupKey k = g.group();
            performance.put(new Key(Kind.PRECISION_PERFORMANCE, k, ""), g.randomRows());
            falsePositives.put(new Key(Kind.PRECISION_FALSE_POSITIVES, k, ""), g.randomRows());
            boolean rowsSmall = x.size(k) || x.small(g.randomRows()) || x.small(g.unknownRows())
                    || x.small(g.unknownControlledRows());
            // The performance figures together reveal every cell of the random arm's confusion matrix; the false
            // positive rate only the nothing-found cells.
            if (rowsSmall || g.counts().performanceCounts().anyMatch(x::small)) {
                x.put(Kind.PRECISION_PERFORMANCE, k, "", Reason.PRIMARY);
            }
            if (rowsSmall || g.counts().falsePositiveCounts().anyMatch(x::small)) {
                x.put(Kind.PRECISION_FALSE_POSITIVES, k, "", Reason.PRIMARY);
            }
            // Its base rate is the random route's hit rate, among cases with a known profile decision.
            if (hides(x, k, routes.randomRoute())) {
                x.put(Kind.PRECISION_PERFORMANCE, k, "", Reason.SECONDARY);
            }
        }
        List<List<Key>> sums = new ArrayList<>();
        sums.addAll(AnalysisDisclosure.nested(Kind.PRECISION_PERFORMANCE, "", performance.keySet(), groupings));
        secondary(sums, performance, x);
        sums.clear();
        sums.addAll(AnalysisDisclosure.nested(Kind.PRECISION_FALSE_POSITIVES, "", falsePositives.keySet(), groupings));
        secondary(sums, falsePositives, x);
        for (PrecisionAtBaseRateGroup g : groups) {
            GroupContrast c = g.falsePositiveRateComparison();
            if (c != null && (x.has(Kind.PRECISION_FALSE_POSITIVES, c.group(), "")
                    || x.has(Kind.PRECISION_FALSE_POSITIVES, c.reference(), ""))) {
                x.put(Kind.PRECISION_COMPARISON, c.group(), "", Reason.SECONDARY);
            }
        }
    }

    // -------------------------------------------------------------------------------------------------- funnel

    private static void funnel(Funnel f, List<Grouping> groupings, Decider x) {
        List<String> stages = f.spec().stages();
        Map<Key, Long> rows = new LinkedHashMap<>();
        Map<GroupKey, long[]> reached = new LinkedHashMap<>();
        for (FunnelCell c : f.cells()) {
            rows.put(new Key(Kind.FUNNEL_CELL, c.group(), c.stage()), c.rows());
            reached.computeIfAbsent(c.group(), g -> new long[stages.size()])[stages.indexOf(c.stage())] = c.rows();
        }
        reached.forEach((g, n) -> {
            for (int s = 0; s < n.length; s++) {
                // The cases whose furthest stage is s are the difference of two published counts.
                long stoppedHere = n[s] - (s + 1 < n.length ? n[s + 1] : 0);
                if (x.size(g) || x.small(n[s]) || x.small(stoppedHere)) {
                    x.put(Kind.FUNNEL_CELL, g, stages.get(s), Reason.PRIMARY);
                }
            }
        });
        List<List<Key>> sums = new ArrayList<>();
        for (String stage : stages) {
            // Per stage the groups of a grouping add up to the stage total, which is always shown.
            for (Grouping g : groupings) {
                if (g.isOverall()) {
                    continue;
                }
                List<Key> sum = new ArrayList<>();
                sum.add(null);
                rows.keySet().stream().filter(k -> k.detail().equals(stage) && k.group().grouping().equals(g))
                        .forEach(sum::add);
                if (sum.size() > 1) {
                    sums.add(sum);
                }
            }
            sums.addAll(AnalysisDisclosure.nested(Kind.FUNNEL_CELL, stage, rows.keySet(), groupings));
        }
        secondary(sums, rows, x);
        for (ManualAmplification a : f.amplification()) {
            if (x.has(Kind.FUNNEL_CELL, a.group(), a.fromStage()) || x.has(Kind.FUNNEL_CELL, a.group(), a.toStage())) {
                x.put(Kind.MANUAL_AMPLIFICATION, a.group(), "", Reason.SECONDARY);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ criteria

    private static final Set<Kind> RISK_KINDS = EnumSet.of(Kind.ROUTE_CELL, Kind.BASE_RATE,
            Kind.BASE_RATE_COMPARISON, Kind.PROFILE_VS_RANDOM, Kind.UNFOUNDED_COMPARISON, Kind.OUTCOME_TEST_ENTRY,
            Kind.PRECISION_PERFORMANCE, Kind.PRECISION_FALSE_POSITIVES, Kind.PRECISION_COMPARISON, Kind.FUNNEL_CELL,
            Kind.MANUAL_AMPLIFICATION);

    /** The cell a risk-profile quantity is read from (see {@code RiskProfileQuantities}); null: any of them. */
    private static Kind source(String metric) {
        return switch (metric) {
            case "hitRate.liftOverRandom", "hitRate.profile", "selectionRate.profileOverRandom",
                    "unfoundedControlRate.value" -> Kind.PROFILE_VS_RANDOM;
            case "unfoundedControlRate.ratio", "unfoundedControlRate.difference" -> Kind.UNFOUNDED_COMPARISON;
            case "baseRate.random" -> Kind.BASE_RATE;
            case "outcomeTest.hitRateDifference" -> Kind.OUTCOME_TEST_ENTRY;
            case "funnel.manualAmplification" -> Kind.MANUAL_AMPLIFICATION;
            case "precisionAtBaseRate", "precisionAtBaseRate.lift", "recallRandom" -> Kind.PRECISION_PERFORMANCE;
            case "falsePositiveRateRandom" -> Kind.PRECISION_FALSE_POSITIVES;
            case "falsePositiveRateRatioRandom", "falsePositiveRateDifferenceRandom" -> Kind.PRECISION_COMPARISON;
            default -> null;
        };
    }

    private static void criteria(RiskProfileResult risk, Decider x) {
        Set<GroupKey> withheldRisk = new java.util.HashSet<>();
        x.out.keySet().stream().filter(k -> RISK_KINDS.contains(k.kind())).forEach(k -> withheldRisk.add(k.group()));
        for (CriterionResult cr : risk.criteria().results()) {
            String metric = cr.criterion().metric();
            Part part = groupAuditPart(metric);
            Kind source = source(metric);
            for (Evidence e : cr.evidence()) {
                Quantity q = e.quantity();
                boolean hidden = x.small(q.sampleSize());
                for (GroupKey g : new GroupKey[] {q.group(), q.reference()}) {
                    if (g == null) {
                        continue;
                    }
                    if (part != null) {
                        hidden |= x.size(g) || x.groups.suppressed(g, part);
                    } else if (source != null) {
                        hidden |= x.has(source, g, "");
                    } else {
                        hidden |= withheldRisk.contains(g);
                    }
                }
                if (hidden) {
                    x.put(Kind.CRITERION_EVIDENCE, q.group(), cr.criterion().id(), Reason.PRIMARY);
                }
            }
        }
    }

    /** The group-audit part a criterion's metric reads ({@code selectionRate.ratio}), or null for the others. */
    private static Part groupAuditPart(String metric) {
        int dot = metric.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String suffix = metric.substring(dot + 1);
        if (!suffix.equals("value") && !suffix.equals("ratio") && !suffix.equals("difference")) {
            return null;
        }
        try {
            return Part.of(Metric.fromKey(metric.substring(0, dot)));
        } catch (IllegalArgumentException e) {
            return null; // unfoundedControlRate.ratio and the like: risk-profile quantities
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /**
     * Secondary suppression: while a sum (total first, null when the total is published elsewhere and cannot be
     * withheld here) has exactly one withheld part and a shown total, withholds its smallest other part (or the
     * total).
     */
    private static void secondary(List<List<Key>> sums, Map<Key, Long> size, Decider x) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Key> sum : sums) {
                Key total = sum.get(0);
                if (total != null && x.out.containsKey(total)) {
                    continue;
                }
                List<Key> parts = sum.subList(1, sum.size());
                if (parts.stream().filter(x.out::containsKey).count() != 1) {
                    continue;
                }
                Key extra = parts.stream().filter(k -> !x.out.containsKey(k) && size.getOrDefault(k, 0L) > 0)
                        .min(Comparator.comparingLong((Key k) -> size.get(k)).thenComparing(Key::detail)
                                .thenComparing(Key::group))
                        .orElse(total);
                if (extra != null) {
                    x.out.put(extra, Reason.SECONDARY);
                    changed = true;
                }
            }
        }
    }
}
