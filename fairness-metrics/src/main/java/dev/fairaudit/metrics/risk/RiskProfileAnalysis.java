package dev.fairaudit.metrics.risk;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Rates;
import dev.fairaudit.metrics.Rates.Proportion;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.metrics.counts.SplitCounts;
import dev.fairaudit.metrics.stats.DifferenceIntervals;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.ProportionTests;
import dev.fairaudit.metrics.stats.RatioIntervals;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Judges a risk profile against random controls, from count states only. Groupings, reference groups, the
 * minimum sample size, the interval method and the multiple-testing correction are those of the group audit it
 * extends; each analysis adjusts its own family of p-values.
 *
 * <pre>{@code
 * AuditResult base = new GroupAudit(settings).run(table);
 * RiskProfileResult risk = new RiskProfileAnalysis(FunnelSpec.defaults()).run(table, base, "stage");
 * }</pre>
 */
public final class RiskProfileAnalysis {

    /** The route value (any case) taken as the profile route. */
    public static final String PROFILE = "PROFILE";
    /** The route value (any case) taken as the random route. */
    public static final String RANDOM = "RANDOM";

    private static final Cell[] ALL = Cell.values();
    private static final Cell[] SELECTED = {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE, Cell.SELECTED_UNKNOWN};
    private static final Cell[] UNFOUNDED = {Cell.FALSE_POSITIVE};

    private final FunnelSpec funnelSpec;

    /** An analysis reading the stage column with this stage order. */
    public RiskProfileAnalysis(FunnelSpec funnelSpec) {
        this.funnelSpec = funnelSpec;
    }

    /** Counts the table and analyses the counts. */
    public RiskProfileResult run(DecisionTable table, AuditResult base, String stageColumn) {
        List<Grouping> groupings = base.groupings().stream().filter(g -> !g.isOverall()).toList();
        return run(RiskProfileCounts.count(table, groupings, stageColumn, funnelSpec), base);
    }

    /**
     * Analyses count states, however they were filled.
     *
     * @param counts the counts per route and stage
     * @param base   the group audit of the same rows: its groupings, reference groups and settings are used
     */
    public RiskProfileResult run(RiskProfileCounts counts, AuditResult base) {
        Context ctx = new Context(base);
        List<String> warnings = new ArrayList<>();
        RouteAnalysis routes = counts.byRoute() == null ? null : routes(ctx, counts, warnings);
        if (routes == null && base.overall().counts().rows(Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE,
                Cell.FALSE_NEGATIVE, Cell.TRUE_NEGATIVE) > 0) {
            warnings.add("no selection-route column: base rates cannot come from random controls, so the baseRate of"
                    + " each group is computed from whichever cases happen to have a known outcome. "
                    + baseRateFallacy());
        }
        OutcomeTest outcome = outcomeTest(ctx, counts, routes);
        Funnel funnel = counts.byStage() == null ? null : funnel(ctx, counts);
        return new RiskProfileResult(routes, outcome, funnel, null, warnings);
    }

    private static String baseRateFallacy() {
        return "Outcomes are only known for cases that were controlled; where a profile controls one group more often"
                + " it finds more violations there because it looks there more (the base-rate fallacy), and a model"
                + " retrained on those findings reinforces itself (a feedback loop). Send a share of cases to random"
                + " controls (docs/risk-profiles.md).";
    }

    // ---------------------------------------------------------------------------------------------- routes

    private RouteAnalysis routes(Context ctx, RiskProfileCounts counts, List<String> warnings) {
        SplitCounts byRoute = counts.byRoute();
        List<String> levels = byRoute.levels();
        String profile = find(levels, PROFILE);
        String random = find(levels, RANDOM);
        List<RouteCell> cells = new ArrayList<>();
        for (Grouping g : ctx.reportOrder()) {
            for (var e : byRoute.groups(g).entrySet()) {
                OutcomeCounts total = byRoute.total(e.getKey());
                for (var r : e.getValue().entrySet()) {
                    OutcomeCounts c = r.getValue();
                    Proportion share = Proportion.of(c.weight(SELECTED), total.weight(SELECTED),
                            total.squaredWeight(SELECTED), total.rows(SELECTED));
                    cells.add(new RouteCell(e.getKey(), r.getKey(), c.totalRows(),
                            ctx.metric(c, Metric.SELECTION_RATE), Rates.value(share, c.totalRows(), ctx.method()),
                            ctx.metric(c, Metric.POSITIVE_PREDICTIVE_VALUE), c.rows(Cell.SELECTED_UNKNOWN)));
                }
            }
        }
        // Base rates from the random route only.
        List<BaseRate> rates = new ArrayList<>();
        List<GroupContrast> contrasts = new ArrayList<>();
        List<String> thin = new ArrayList<>();
        for (Grouping g : ctx.reportOrder()) {
            for (GroupKey k : byRoute.groups(g).keySet()) {
                MetricValue fromRandom = random == null ? undefinedEmpty()
                        : ctx.metric(byRoute.get(k, random), Metric.POSITIVE_PREDICTIVE_VALUE);
                MetricValue fromProfile = profile == null ? undefinedEmpty()
                        : ctx.metric(byRoute.get(k, profile), Metric.POSITIVE_PREDICTIVE_VALUE);
                rates.add(new BaseRate(k, fromRandom, fromProfile));
                if (random != null && fromRandom.rows() < ctx.minGroupSize()) {
                    thin.add(k.label() + " (" + fromRandom.rows() + ")");
                }
            }
            if (!g.isOverall() && random != null) {
                contrasts.addAll(ctx.contrasts(g, k -> byRoute.get(k, random),
                        c -> Rates.proportion(c, Metric.POSITIVE_PREDICTIVE_VALUE)));
            }
        }
        contrasts = ctx.adjust(contrasts);
        if (random == null) {
            warnings.add("the route column '" + counts.routeColumn() + "' has no " + RANDOM + " route: base rates"
                    + " cannot be estimated without bias; the hit rates shown come from cases selected on other"
                    + " routes and are not base rates. " + baseRateFallacy());
        } else if (!thin.isEmpty()) {
            warnings.add(thin.size() + " group(s) have fewer than " + ctx.minGroupSize() + " controlled random-route"
                    + " cases, so their base rates are inconclusive: " + String.join("; ", thin.subList(0,
                    Math.min(10, thin.size()))) + (thin.size() > 10 ? "; ..." : ""));
        }
        // Profile against random.
        List<ProfileVsRandomGroup> versus = new ArrayList<>();
        if (profile != null && random != null) {
            for (Grouping g : ctx.reportOrder()) {
                List<ProfileVsRandomGroup> own = new ArrayList<>();
                for (GroupKey k : byRoute.groups(g).keySet()) {
                    own.add(versus(ctx, k, byRoute.get(k, profile), byRoute.get(k, random), byRoute.total(k)));
                }
                if (!g.isOverall()) {
                    List<GroupContrast> unfounded = ctx.contrasts(g, byRoute::total,
                            c -> Rates.proportion(c, UNFOUNDED, ALL));
                    for (int i = 0; i < own.size(); i++) {
                        GroupKey k = own.get(i).group();
                        for (GroupContrast u : unfounded) {
                            if (u.group().equals(k)) {
                                own.set(i, own.get(i).withUnfoundedControlComparison(u));
                            }
                        }
                    }
                }
                versus.addAll(own);
            }
            versus = adjustUnfounded(ctx, versus);
        } else {
            warnings.add("the route column '" + counts.routeColumn() + "' lacks a " + (profile == null ? PROFILE
                    : RANDOM) + " route: the profile cannot be judged against random controls");
        }
        PrecisionAtBaseRate precision = counts.byProfileDecision() == null ? null
                : precisionAtBaseRate(ctx, counts, random, warnings);
        return new RouteAnalysis(counts.routeColumn(), levels, profile, random, cells,
                new BaseRates(random, rates, contrasts), versus, precision);
    }

    // ------------------------------------------------------------------------- precision at the real base rate

    private static final Cell[] CONTROLLED = {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE};

    private PrecisionAtBaseRate precisionAtBaseRate(Context ctx, RiskProfileCounts counts, String random,
            List<String> warnings) {
        SplitCounts byProfile = counts.byProfileDecision();
        String column = counts.profileDecisionColumn();
        if (random == null) {
            warnings.add("the profile decision ('" + column + "') is read on the " + RANDOM + " route, and there is"
                    + " none: precision at the real base rate cannot be estimated");
            return new PrecisionAtBaseRate(column, null, List.of());
        }
        List<PrecisionAtBaseRateGroup> out = new ArrayList<>();
        for (Grouping g : ctx.reportOrder()) {
            List<PrecisionAtBaseRateGroup> own = new ArrayList<>();
            for (GroupKey k : byProfile.groups(g).keySet()) {
                OutcomeCounts flagged = byProfile.get(k, RiskProfileCounts.FLAGGED);
                OutcomeCounts notFlagged = byProfile.get(k, RiskProfileCounts.NOT_FLAGGED);
                OutcomeCounts unknown = byProfile.get(k, RiskProfileCounts.UNKNOWN);
                long randomRows = flagged.totalRows() + notFlagged.totalRows() + unknown.totalRows();
                if (randomRows == 0) {
                    continue; // the group has no random-route rows; routes.baseRates says so
                }
                own.add(precisionGroup(ctx, k, flagged, notFlagged, unknown));
            }
            if (!g.isOverall()) {
                List<GroupContrast> fpr = ctx.contrasts(g, k -> confusion(byProfile, k),
                        c -> Rates.proportion(c, Metric.FALSE_POSITIVE_RATE));
                for (int i = 0; i < own.size(); i++) {
                    for (GroupContrast c : fpr) {
                        if (c.group().equals(own.get(i).group())) {
                            own.set(i, own.get(i).withFalsePositiveRateComparison(c));
                        }
                    }
                }
            }
            out.addAll(own);
        }
        // One family: the false-positive-rate comparisons.
        List<GroupContrast> family = new ArrayList<>();
        for (PrecisionAtBaseRateGroup p : out) {
            if (p.falsePositiveRateComparison() != null) {
                family.add(p.falsePositiveRateComparison());
            }
        }
        List<GroupContrast> adjusted = ctx.adjust(family);
        int at = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).falsePositiveRateComparison() != null) {
                out.set(i, out.get(i).withFalsePositiveRateComparison(adjusted.get(at++)));
            }
        }
        OutcomeCounts overallUnknown = byProfile.get(GroupKey.OVERALL, RiskProfileCounts.UNKNOWN);
        if (overallUnknown.totalRows() > 0) {
            warnings.add(overallUnknown.totalRows() + " " + RANDOM + "-route case(s), " + overallUnknown.rows(CONTROLLED)
                    + " of them controlled with a known outcome, have no profile decision ('" + column + "' is"
                    + " missing); they are left out of precision at the real base rate, which is then only fair if"
                    + " the decision is missing for reasons unrelated to the case");
        }
        return new PrecisionAtBaseRate(column, random, out);
    }

    private PrecisionAtBaseRateGroup precisionGroup(Context ctx, GroupKey k, OutcomeCounts flagged,
            OutcomeCounts notFlagged, OutcomeCounts unknown) {
        OutcomeCounts known = flagged.merge(notFlagged);
        OutcomeCounts confusion = confusion(flagged, notFlagged);
        MetricValue flagRate = Rates.value(Proportion.of(flagged.weight(ALL), known.weight(ALL),
                known.squaredWeight(ALL), known.totalRows()), known.totalRows(), ctx.method());
        long rows = confusion.totalRows();
        MetricValue baseRate = Rates.value(Rates.proportion(confusion, Metric.BASE_RATE), rows, ctx.method());
        MetricValue precision = Rates.value(Rates.proportion(confusion, Metric.POSITIVE_PREDICTIVE_VALUE), rows,
                ctx.method());
        Estimate lift = ctx.ratio(Rates.proportion(confusion, Metric.POSITIVE_PREDICTIVE_VALUE),
                Rates.proportion(confusion, Metric.BASE_RATE), rows, rows);
        MetricValue recall = Rates.value(Rates.proportion(confusion, Metric.TRUE_POSITIVE_RATE), rows, ctx.method());
        MetricValue fpr = Rates.value(Rates.proportion(confusion, Metric.FALSE_POSITIVE_RATE), rows, ctx.method());
        RandomArmCounts rowCounts = new RandomArmCounts(flagged.totalRows(), notFlagged.totalRows(),
                confusion.rows(Cell.TRUE_POSITIVE), confusion.rows(Cell.FALSE_POSITIVE),
                confusion.rows(Cell.FALSE_NEGATIVE), confusion.rows(Cell.TRUE_NEGATIVE));
        return new PrecisionAtBaseRateGroup(k, known.totalRows() + unknown.totalRows(), unknown.totalRows(),
                unknown.rows(CONTROLLED), flagRate, baseRate, precision, lift, recall, fpr, null, rowCounts);
    }

    private static OutcomeCounts confusion(SplitCounts byProfile, GroupKey k) {
        return confusion(byProfile.get(k, RiskProfileCounts.FLAGGED), byProfile.get(k, RiskProfileCounts.NOT_FLAGGED));
    }

    /**
     * The controlled random-route cases as a confusion matrix of the profile's would-be decision against the
     * outcome: TP = flagged and found, FP = flagged and nothing found, FN = not flagged and found, TN = not flagged
     * and nothing found. Cases that were not controlled (or whose outcome is unknown) are left out.
     */
    private static OutcomeCounts confusion(OutcomeCounts flagged, OutcomeCounts notFlagged) {
        Cell[] from = {Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE};
        long[] r = new long[Cell.COUNT];
        double[] w = new double[Cell.COUNT];
        double[] w2 = new double[Cell.COUNT];
        Cell[][] to = {{Cell.TRUE_POSITIVE, Cell.FALSE_POSITIVE}, {Cell.FALSE_NEGATIVE, Cell.TRUE_NEGATIVE}};
        OutcomeCounts[] source = {flagged, notFlagged};
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 2; i++) {
                int target = to[s][i].ordinal();
                r[target] = source[s].rows(from[i]);
                w[target] = source[s].weight(from[i]);
                w2[target] = source[s].squaredWeight(from[i]);
            }
        }
        return OutcomeCounts.of(r, w, w2);
    }

    private ProfileVsRandomGroup versus(Context ctx, GroupKey k, OutcomeCounts profile, OutcomeCounts random,
            OutcomeCounts allRoutes) {
        MetricValue ph = ctx.metric(profile, Metric.POSITIVE_PREDICTIVE_VALUE);
        MetricValue rh = ctx.metric(random, Metric.POSITIVE_PREDICTIVE_VALUE);
        Proportion pp = Rates.proportion(profile, Metric.POSITIVE_PREDICTIVE_VALUE);
        Proportion pr = Rates.proportion(random, Metric.POSITIVE_PREDICTIVE_VALUE);
        Estimate lift = ctx.ratio(pp, pr, profile.totalRows(), random.totalRows());
        TestResult test = pp.defined() && pr.defined() ? ProportionTests.compare(pp.effectiveNumerator(),
                pp.effectiveDenominator(), pr.effectiveNumerator(), pr.effectiveDenominator()) : null;
        Estimate selection = ctx.ratio(Rates.proportion(profile, Metric.SELECTION_RATE),
                Rates.proportion(random, Metric.SELECTION_RATE), profile.totalRows(), random.totalRows());
        MetricValue unfounded = Rates.value(Rates.proportion(allRoutes, UNFOUNDED, ALL), allRoutes.totalRows(),
                ctx.method());
        return new ProfileVsRandomGroup(k, ph, rh, lift, test, selection, unfounded, null);
    }

    private static List<ProfileVsRandomGroup> adjustUnfounded(Context ctx, List<ProfileVsRandomGroup> versus) {
        List<GroupContrast> family = new ArrayList<>();
        for (ProfileVsRandomGroup v : versus) {
            if (v.unfoundedControlComparison() != null) {
                family.add(v.unfoundedControlComparison());
            }
        }
        List<GroupContrast> adjusted = ctx.adjust(family);
        List<ProfileVsRandomGroup> out = new ArrayList<>();
        int at = 0;
        for (ProfileVsRandomGroup v : versus) {
            out.add(v.unfoundedControlComparison() == null ? v : v.withUnfoundedControlComparison(adjusted.get(at++)));
        }
        return out;
    }

    private static String find(List<String> levels, String route) {
        for (String l : levels) {
            if (l.trim().equalsIgnoreCase(route)) {
                return l;
            }
        }
        return null;
    }

    private static MetricValue undefinedEmpty() {
        return new MetricValue(null, Status.UNDEFINED_EMPTY_GROUP, 0, 0, 0, null);
    }

    // ---------------------------------------------------------------------------------------- outcome test

    private OutcomeTest outcomeTest(Context ctx, RiskProfileCounts counts, RouteAnalysis routes) {
        String route = routes == null ? null : routes.profileRoute();
        Function<GroupKey, OutcomeCounts> tested;
        if (route != null) {
            tested = k -> counts.byRoute().get(k, route);
        } else {
            tested = k -> ctx.base().group(k).map(GroupResult::counts).orElse(OutcomeCounts.empty());
        }
        List<OutcomeTestEntry> entries = new ArrayList<>();
        for (Grouping g : ctx.groupings()) {
            List<GroupContrast> sel = ctx.contrasts(g, tested, c -> Rates.proportion(c, Metric.SELECTION_RATE));
            List<GroupContrast> hit = ctx.contrasts(g, tested,
                    c -> Rates.proportion(c, Metric.POSITIVE_PREDICTIVE_VALUE));
            for (int i = 0; i < sel.size(); i++) {
                OutcomeCounts c = tested.apply(sel.get(i).group());
                entries.add(new OutcomeTestEntry(sel.get(i).group(), sel.get(i).reference(),
                        ctx.metric(c, Metric.SELECTION_RATE), ctx.metric(c, Metric.POSITIVE_PREDICTIVE_VALUE),
                        sel.get(i), hit.get(i), null));
            }
        }
        // Two families: the selection-rate comparisons, and the hit-rate comparisons the verdict rests on.
        List<GroupContrast> selection = ctx.adjust(entries.stream().map(OutcomeTestEntry::selectionComparison)
                .toList());
        List<GroupContrast> adjusted = ctx.adjust(entries.stream().map(OutcomeTestEntry::hitRateComparison).toList());
        List<OutcomeTestEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            GroupContrast hit = adjusted.get(i);
            out.add(entries.get(i).with(selection.get(i), hit, verdict(selection.get(i), hit)));
        }
        return new OutcomeTest(route, out);
    }

    private static OutcomeTestEntry.Verdict verdict(GroupContrast selection, GroupContrast hit) {
        if (!hit.status().hasValue() || !selection.status().hasValue()) {
            return OutcomeTestEntry.Verdict.UNDEFINED;
        }
        if (hit.status() == Status.INSUFFICIENT_SAMPLE || selection.status() == Status.INSUFFICIENT_SAMPLE) {
            return OutcomeTestEntry.Verdict.INCONCLUSIVE;
        }
        if (!hit.significant()) {
            return OutcomeTestEntry.Verdict.NO_EVIDENCE;
        }
        double selectionDifference = selection.difference().value();
        double hitDifference = hit.difference().value();
        if (selectionDifference > 0 && hitDifference < 0) {
            return OutcomeTestEntry.Verdict.OVER_SELECTED;
        }
        if (selectionDifference < 0 && hitDifference > 0) {
            return OutcomeTestEntry.Verdict.UNDER_SELECTED;
        }
        return OutcomeTestEntry.Verdict.HIT_RATE_DIFFERS;
    }

    // ---------------------------------------------------------------------------------------------- funnel

    private Funnel funnel(Context ctx, RiskProfileCounts counts) {
        SplitCounts byStage = counts.byStage();
        List<String> stages = funnelSpec.stages();
        List<Double> totals = new ArrayList<>();
        OutcomeCounts[] overall = new OutcomeCounts[stages.size()];
        for (int s = 0; s < stages.size(); s++) {
            overall[s] = reached(byStage, GroupKey.OVERALL, s);
            totals.add(overall[s].weight(ALL));
        }
        List<FunnelCell> cells = new ArrayList<>();
        List<ManualAmplification> amplification = new ArrayList<>();
        int manual = funnelSpec.manualStage() == null ? -1 : stages.indexOf(funnelSpec.manualStage());
        for (Grouping g : ctx.groupings()) {
            for (GroupKey k : byStage.groups(g).keySet()) {
                Proportion[] shares = new Proportion[stages.size()];
                for (int s = 0; s < stages.size(); s++) {
                    OutcomeCounts c = reached(byStage, k, s);
                    shares[s] = Proportion.of(c.weight(ALL), overall[s].weight(ALL), overall[s].squaredWeight(ALL),
                            overall[s].totalRows());
                    long rows = c.totalRows();
                    MetricValue share = Rates.value(shares[s], overall[s].totalRows(), ctx.method());
                    Estimate toFirst = shareRatio(ctx, shares[s], shares[0], rows);
                    Estimate toPrevious = s == 0 ? Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR)
                            : shareRatio(ctx, shares[s], shares[s - 1], rows);
                    cells.add(new FunnelCell(k, stages.get(s), c.weight(ALL), rows, share, toFirst, toPrevious));
                    if (s == manual) {
                        double from = shares[s - 1].numerator();
                        double expected = overall[s - 1].weight(ALL) > 0
                                ? from * overall[s].weight(ALL) / overall[s - 1].weight(ALL) : 0;
                        amplification.add(new ManualAmplification(k, stages.get(s - 1), stages.get(s), expected,
                                c.weight(ALL), toPrevious));
                    }
                }
            }
        }
        return new Funnel(counts.stageColumn(), funnelSpec, totals, cells, amplification);
    }

    /** The cases of a group whose furthest stage is stage {@code s} or later. */
    private OutcomeCounts reached(SplitCounts byStage, GroupKey k, int s) {
        OutcomeCounts c = OutcomeCounts.empty();
        for (int t = s; t < funnelSpec.stages().size(); t++) {
            c = c.merge(byStage.get(k, funnelSpec.stages().get(t)));
        }
        return c;
    }

    /**
     * A ratio of two shares of the same group at two stages. The stages are nested (a case at a later stage is
     * also counted at the earlier one), so the two shares are positively correlated and the Katz interval, which
     * treats them as independent, is conservative.
     */
    private static Estimate shareRatio(Context ctx, Proportion later, Proportion earlier, long rows) {
        if (!later.defined() || !earlier.defined()) {
            return Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR);
        }
        if (!(earlier.value() > 0)) {
            return Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR);
        }
        Status status = rows < ctx.minGroupSize() ? Status.INSUFFICIENT_SAMPLE : Status.OK;
        double value = later.value() / earlier.value();
        Interval ci = RatioIntervals.katzLog(later.effectiveNumerator(), later.effectiveDenominator(),
                earlier.effectiveNumerator(), earlier.effectiveDenominator()).map(i -> widen(i, value)).orElse(null);
        return new Estimate(value, status, ci);
    }

    static Interval widen(Interval i, double estimate) {
        if (i.contains(estimate)) {
            return i;
        }
        return new Interval(Math.min(i.lower(), estimate), Math.max(i.upper(), estimate), i.method());
    }

    /** The base audit's choices, and the comparisons every analysis makes the same way. */
    private record Context(AuditResult base) {

        AuditSettings settings() {
            return base.settings();
        }

        int minGroupSize() {
            return settings().minGroupSize();
        }

        dev.fairaudit.metrics.IntervalMethod method() {
            return settings().intervalMethod();
        }

        MetricValue metric(OutcomeCounts c, Metric m) {
            return Rates.metric(c, m, method());
        }

        /** The groupings with a reference group (the whole population excluded). */
        List<Grouping> groupings() {
            return base.groupings().stream().filter(g -> !g.isOverall()).toList();
        }

        /** The groupings, the whole population last. */
        List<Grouping> reportOrder() {
            List<Grouping> all = new ArrayList<>(groupings());
            all.add(Grouping.OVERALL);
            return all;
        }

        GroupKey reference(Grouping g) {
            return base.references().stream().filter(r -> r.grouping().equals(g)).map(ReferenceChoice::reference)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("the base audit has no reference for "
                            + g.label()));
        }

        /**
         * Every group of a grouping that has rows, except its reference, against the reference (or against the
         * rest of the population when the reference is the whole population).
         */
        List<GroupContrast> contrasts(Grouping g, Function<GroupKey, OutcomeCounts> counts,
                Function<OutcomeCounts, Proportion> rate) {
            GroupKey ref = reference(g);
            List<GroupContrast> out = new ArrayList<>();
            List<GroupKey> members = new ArrayList<>();
            for (GroupResult r : base.groups()) {
                if (r.group().grouping().equals(g) && r.rows() > 0) {
                    members.add(r.group());
                }
            }
            OutcomeCounts whole = OutcomeCounts.empty();
            for (GroupKey k : members) {
                whole = whole.merge(counts.apply(k));
            }
            OutcomeCounts refCounts = ref.equals(GroupKey.OVERALL) ? null : counts.apply(ref);
            for (GroupKey k : members) {
                if (k.equals(ref)) {
                    continue;
                }
                OutcomeCounts c = counts.apply(k);
                OutcomeCounts other = refCounts != null ? refCounts : whole.minus(c);
                out.add(contrast(k, ref, c, other, rate));
            }
            return out;
        }

        GroupContrast contrast(GroupKey k, GroupKey ref, OutcomeCounts c, OutcomeCounts other,
                Function<OutcomeCounts, Proportion> rate) {
            Proportion pg = rate.apply(c);
            Proportion pr = rate.apply(other);
            Status status;
            if (c.totalRows() == 0 || other.totalRows() == 0) {
                status = Status.UNDEFINED_EMPTY_GROUP;
            } else if (!pg.defined() || !pr.defined()) {
                status = Status.UNDEFINED_ZERO_DENOMINATOR;
            } else if (pg.rows() < minGroupSize() || pr.rows() < minGroupSize()) {
                status = Status.INSUFFICIENT_SAMPLE;
            } else {
                status = Status.OK;
            }
            if (!status.hasValue()) {
                return new GroupContrast(k, ref, status, Estimate.undefined(status), Estimate.undefined(status), null,
                        null);
            }
            double d = pg.value() - pr.value();
            Interval dci = widen(DifferenceIntervals.newcombe(pg.effectiveNumerator(), pg.effectiveDenominator(),
                    pr.effectiveNumerator(), pr.effectiveDenominator()), d);
            Estimate difference = new Estimate(d, status, dci);
            Estimate ratio = ratio(pg, pr, status);
            TestResult test = ProportionTests.compare(pg.effectiveNumerator(), pg.effectiveDenominator(),
                    pr.effectiveNumerator(), pr.effectiveDenominator());
            return new GroupContrast(k, ref, status, ratio, difference, test, null);
        }

        /** A ratio of two rates from separate samples, with the status from their sample sizes. */
        Estimate ratio(Proportion a, Proportion b, long aRows, long bRows) {
            Status status;
            if (aRows == 0 || bRows == 0) {
                status = Status.UNDEFINED_EMPTY_GROUP;
            } else if (!a.defined() || !b.defined()) {
                status = Status.UNDEFINED_ZERO_DENOMINATOR;
            } else if (a.rows() < minGroupSize() || b.rows() < minGroupSize()) {
                status = Status.INSUFFICIENT_SAMPLE;
            } else {
                status = Status.OK;
            }
            if (!status.hasValue()) {
                return Estimate.undefined(status);
            }
            return ratio(a, b, status);
        }

        private Estimate ratio(Proportion a, Proportion b, Status status) {
            if (!(b.value() > 0)) {
                return Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR);
            }
            double value = a.value() / b.value();
            Interval ci = null;
            if (a.effectiveNumerator() > 0) {
                ci = RatioIntervals.katzLog(a.effectiveNumerator(), a.effectiveDenominator(), b.effectiveNumerator(),
                        b.effectiveDenominator()).orElse(null);
            } else {
                // A zero numerator: lower bound 0, upper bound with 0.5 in place of the zero count.
                ci = RatioIntervals.katzLog(0.5, Math.max(a.effectiveDenominator(), 0.5), b.effectiveNumerator(),
                        b.effectiveDenominator()).map(i -> new Interval(0, i.upper(), i.method())).orElse(null);
            }
            return new Estimate(value, status, ci == null ? null : widen(ci, value));
        }

        /** Adjusts the p-values of one family of contrasts; contrasts without a test keep none. */
        List<GroupContrast> adjust(List<GroupContrast> family) {
            List<Integer> tested = new ArrayList<>();
            for (int i = 0; i < family.size(); i++) {
                if (family.get(i).test() != null) {
                    tested.add(i);
                }
            }
            double[] p = new double[tested.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = family.get(tested.get(i)).test().pValue();
            }
            double[] adjusted = settings().pValueAdjustment().adjust(p);
            List<GroupContrast> out = new ArrayList<>(family);
            for (int i = 0; i < p.length; i++) {
                out.set(tested.get(i), family.get(tested.get(i)).withAdjustedPValue(adjusted[i]));
            }
            return out;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RiskProfileAnalysis[%s]", funnelSpec);
    }
}
