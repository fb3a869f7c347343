package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.aggregate.AggregateAnalyses;
import dev.fairaudit.metrics.aggregate.AreaComposition;
import dev.fairaudit.metrics.aggregate.ComparisonBounds;
import dev.fairaudit.metrics.aggregate.RateBounds;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.NumericOutcomeAnalysis;
import dev.fairaudit.metrics.distributions.ScoreAnalysis;
import dev.fairaudit.metrics.distributions.ScoresAndTrends;
import dev.fairaudit.metrics.distributions.TrendAnalysis;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.Disclosure.Part;
import dev.fairaudit.metrics.document.Disclosure.Reason;
import dev.fairaudit.metrics.proxy.ConditionalDisparity;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxyFinding;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the published document withholds of the proxy, aggregate, score, numeric-outcome and trend analyses:
 * the threshold rule of {@link DisclosureControl} applied to the counts each of them shows (a finding's rows, a
 * period's rows and selected, a reliability bin's rows and positives, the values behind a group's mean), plus
 * whatever rests on a group the group audit already withholds. Secondary suppression where these counts add up:
 * the groups of a grouping in one period to the whole population in that period (and intersections to their
 * coarser groups), a group's periods to its total, a group's reliability bins to its labelled rows. Estimates
 * computed from a withheld cell (a period disparity, a trend over periods, a drift, a test across groups) are
 * withheld with it.
 *
 * <p>The risk-profile sections (routes, base rates, profile against random controls, precision at the real base
 * rate, outcome test, funnel, criteria evidence) are decided here too ({@link RiskProfileDisclosure}).
 *
 * <p>One decision, read by the HTML and Markdown sections and by {@code audit.json} alike, so the three files
 * withhold the same cells. Decisions only; computes no statistic.
 */
public final class AnalysisDisclosure {

    /** What kind of cell is withheld; the {@code detail} of a {@link Withheld} says which. */
    public enum Kind {
        /** A proxy finding (detail: features joined by "+", "|", attribute): fewer rows than the threshold. */
        PROXY_FINDING,
        /** A conditional disparity (group: the compared group; detail: feature). */
        CONDITIONAL_DISPARITY,
        /** The range of a rate from aggregate input (detail: metric key). */
        AGGREGATE_RATE,
        /** The range of a comparison from aggregate input (detail: metric key). */
        AGGREGATE_COMPARISON,
        /** The area composition's selected shares (detail: empty). */
        AREA_SELECTED,
        /** The area composition's not-selected shares. */
        AREA_NOT_SELECTED,
        /** The counts of decisions without area reference data. */
        AREA_WITHOUT_REFERENCE,
        /** A group's score distribution (mean, deciles, mean ratio). */
        SCORE_GROUP,
        /** A group's scored and missing counts. */
        SCORE_COUNTS,
        /** A group's share above the overall median and its impact ratio. */
        SCORE_SHARE,
        /** A group's AUC, calibration and label counts. */
        SCORE_LABELLED,
        /** One reliability bin (detail: bin index). */
        RELIABILITY_BIN,
        /** A group's numeric outcome (count, mean, median, standard deviation). */
        OUTCOME_GROUP,
        /** A group's missing numeric outcomes. */
        OUTCOME_MISSING,
        /** The tests across the groups of a grouping (group: a key of that grouping with no values). */
        OUTCOME_TEST,
        /** A pairwise comparison (detail: the other group's label). */
        OUTCOME_PAIR,
        /** A group's selection rate in one period (detail: period key). */
        PERIOD_RATE,
        /** A group's disparity in one period (detail: period key). */
        PERIOD_DISPARITY,
        /** A group's disparity trends. */
        DISPARITY_TREND,
        /** A group's score drift in one period (detail: period key). */
        SCORE_DRIFT,
        /** The share of labels from the profile route in one period (detail: period key). */
        LABEL_SOURCE,
        /** The trend of that share. */
        LABEL_SOURCE_TREND,
        /** The count of rows without a time (left out of the trends). */
        ROWS_WITHOUT_TIME,
        /** A group's cell on one selection route (detail: the route value): rows, selections, hits. */
        ROUTE_CELL,
        /** A group's base rates (its random-route and profile-route hit rates). */
        BASE_RATE,
        /** A group's base-rate comparison with the reference group. */
        BASE_RATE_COMPARISON,
        /** A group's profile-versus-random entry (hit rates, lift, selection ratio, unfounded-control rate). */
        PROFILE_VS_RANDOM,
        /** A group's unfounded-control comparison with the reference group. */
        UNFOUNDED_COMPARISON,
        /** A group's outcome-test entry (its verdict in words stays). */
        OUTCOME_TEST_ENTRY,
        /** A group's precision at the real base rate: flag rate, base rate, precision, lift, recall. */
        PRECISION_PERFORMANCE,
        /** A group's false positive rate on the random route. */
        PRECISION_FALSE_POSITIVES,
        /** That false positive rate against the reference group's. */
        PRECISION_COMPARISON,
        /** A group's funnel cell (detail: the stage). */
        FUNNEL_CELL,
        /** A group's manual amplification. */
        MANUAL_AMPLIFICATION,
        /** A criterion's estimate for a group (detail: the criterion id); its verdict in words stays. */
        CRITERION_EVIDENCE
    }

    /**
     * One withheld cell of an analysis.
     *
     * @param kind   what it is
     * @param group  the group it belongs to ({@link GroupKey#OVERALL} when none)
     * @param detail which one (a period, a bin, a metric, a feature), or "" when the kind says it
     * @param reason primary (a count below the threshold, or a group the group audit withholds) or secondary
     */
    public record Withheld(Kind kind, GroupKey group, String detail, Reason reason) {
    }

    record Key(Kind kind, GroupKey group, String detail) {

        // Written out as the record would generate them: the generated ones spin classes at first use (GroupKey).
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && kind == k.kind && Objects.equals(group, k.group)
                    && Objects.equals(detail, k.detail);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(kind) * 31 + Objects.hashCode(group)) * 31 + Objects.hashCode(detail);
        }
    }

    private static final AnalysisDisclosure NONE = new AnalysisDisclosure(new LinkedHashMap<>());

    private final Map<Key, Reason> withheld;

    private AnalysisDisclosure(Map<Key, Reason> withheld) {
        this.withheld = withheld;
    }

    /** Nothing withheld. */
    public static AnalysisDisclosure none() {
        return NONE;
    }

    /**
     * The decisions for a result with document control (nothing without it, or with disclosure control off).
     * {@code audit.json} (twice), the HTML and Markdown documents and the command line's summary all ask for the
     * decisions of the same result: they are made once per result (the last result asked about, by identity; held
     * weakly) and the same decisions returned to every caller.
     */
    public static AnalysisDisclosure of(AuditResult r) {
        Decided last = LAST.get();
        if (last != null && last.result().get() == r) {
            return last.disclosure();
        }
        Disclosure d = r.document() == null ? Disclosure.off() : r.document().disclosure();
        AnalysisDisclosure decided = d.enabled() ? decide(r, d) : NONE;
        LAST.set(new Decided(new WeakReference<>(r), decided));
        return decided;
    }

    /** The decisions made for a result (a result is immutable, so they stay valid). */
    private record Decided(WeakReference<AuditResult> result, AnalysisDisclosure disclosure) {
    }

    private static final AtomicReference<Decided> LAST = new AtomicReference<>();

    /** Whether a cell is withheld. */
    public boolean withheld(Kind kind, GroupKey group, String detail) {
        return withheld.containsKey(new Key(kind, group, detail));
    }

    /** Whether a cell without detail is withheld. */
    public boolean withheld(Kind kind, GroupKey group) {
        return withheld(kind, group, "");
    }

    /** Every withheld cell, in decision order. */
    public List<Withheld> items() {
        List<Withheld> out = new ArrayList<>();
        withheld.forEach((k, v) -> out.add(new Withheld(k.kind(), k.group(), k.detail(), v)));
        return out;
    }

    /** Whether anything is withheld. */
    public boolean any() {
        return !withheld.isEmpty();
    }

    /** The detail of a proxy finding. */
    public static String detail(ProxyFinding f) {
        return String.join("+", f.features()) + "|" + f.attribute();
    }

    /** The compared group of a conditional disparity. */
    public static GroupKey group(ConditionalDisparity c) {
        return new GroupKey(Map.of(c.attribute(), c.group()));
    }

    /** A grouping's key for {@link Kind#OUTCOME_TEST}: its attributes with empty values. */
    public static GroupKey testKey(Grouping g) {
        Map<String, String> m = new LinkedHashMap<>();
        g.attributes().forEach(a -> m.put(a, ""));
        return new GroupKey(m);
    }

    // ---------------------------------------------------------------------------------------------- decisions

    private static AnalysisDisclosure decide(AuditResult r, Disclosure d) {
        Decider x = new Decider(d);
        proxies(r.proxyAnalysis(), x);
        aggregates(r.aggregateAnalyses(), x);
        ScoresAndTrends st = r.scoresAndTrends();
        if (st != null) {
            scores(st.scores(), x);
            outcomes(st.numericOutcomes(), x);
            trends(st.trends(), r, x);
        }
        RiskProfileDisclosure.decide(r, x);
        return new AnalysisDisclosure(x.out);
    }

    /** The threshold rule and the decisions so far (shared with {@link RiskProfileDisclosure}). */
    static final class Decider {
        final Disclosure.Lookup groups;
        final int threshold;
        final Map<Key, Reason> out = new LinkedHashMap<>();

        Decider(Disclosure d) {
            this.groups = d.lookup();
            this.threshold = d.threshold();
        }

        boolean small(long n) {
            return n >= 1 && n < threshold;
        }

        boolean size(GroupKey g) {
            return groups.suppressed(g, Part.SIZE);
        }

        void put(Kind k, GroupKey g, String detail, Reason why) {
            out.putIfAbsent(new Key(k, g, detail), why);
        }

        boolean has(Kind k, GroupKey g, String detail) {
            return out.containsKey(new Key(k, g, detail));
        }
    }

    private static void proxies(ProxyAnalysis p, Decider x) {
        if (p == null) {
            return;
        }
        for (ProxyFinding f : p.proxies()) {
            if (x.small(f.n())) {
                x.put(Kind.PROXY_FINDING, GroupKey.OVERALL, detail(f), Reason.PRIMARY);
            }
        }
        for (ConditionalDisparity c : p.conditionalDisparity()) {
            GroupKey g = group(c);
            GroupKey ref = new GroupKey(Map.of(c.attribute(), c.reference()));
            // An odds ratio with the group's size known gives its selected count away: withheld with the selection.
            if (x.small(c.n()) || x.groups.suppressed(g, Part.SELECTION) || x.groups.suppressed(ref, Part.SELECTION)) {
                x.put(Kind.CONDITIONAL_DISPARITY, g, c.feature(), Reason.PRIMARY);
            }
        }
    }

    private static void aggregates(AggregateAnalyses a, Decider x) {
        if (a == null) {
            return;
        }
        if (a.rounding() != null) {
            for (RateBounds b : a.rounding().rates()) {
                if (x.groups.suppressed(b.group(), b.metric())) {
                    x.put(Kind.AGGREGATE_RATE, b.group(), b.metric().key(), Reason.PRIMARY);
                }
            }
            for (ComparisonBounds b : a.rounding().comparisons()) {
                if (x.groups.suppressed(b.group(), b.metric()) || x.groups.suppressed(b.reference(), b.metric())) {
                    x.put(Kind.AGGREGATE_COMPARISON, b.group(), b.metric().key(), Reason.PRIMARY);
                }
            }
        }
        AreaComposition c = a.areaComposition();
        if (c != null) {
            long selectedWith = c.selectedRows() - c.selectedWithoutReference();
            long notSelectedWith = c.rows() - c.rowsWithoutReference() - selectedWith;
            if (x.small(selectedWith) || x.small(c.selectedRows())) {
                x.put(Kind.AREA_SELECTED, GroupKey.OVERALL, "", Reason.PRIMARY);
            }
            if (x.small(notSelectedWith)) {
                x.put(Kind.AREA_NOT_SELECTED, GroupKey.OVERALL, "", Reason.PRIMARY);
            }
            if (x.small(c.rowsWithoutReference()) || x.small(c.selectedWithoutReference())
                    || x.small(c.rowsWithoutReference() - c.selectedWithoutReference())) {
                x.put(Kind.AREA_WITHOUT_REFERENCE, GroupKey.OVERALL, "", Reason.PRIMARY);
            }
        }
    }

    private static void scores(ScoreAnalysis s, Decider x) {
        if (s == null) {
            return;
        }
        for (ScoreAnalysis.GroupScores g : s.groups()) {
            GroupKey k = g.group();
            boolean size = x.size(k);
            if (size || x.small(g.scored())) {
                x.put(Kind.SCORE_GROUP, k, "", Reason.PRIMARY);
            }
            if (size || x.small(g.scored()) || x.small(g.missing())) {
                x.put(Kind.SCORE_COUNTS, k, "", Reason.PRIMARY);
            }
            MetricValue share = g.shareAboveOverallMedian();
            long above = Math.round(share.numerator());
            long scored = Math.round(share.denominator());
            if (size || x.small(above) || x.small(scored - above)) {
                x.put(Kind.SCORE_SHARE, k, "", Reason.PRIMARY);
            }
            if (size || x.groups.suppressed(k, Part.LABELLED) || x.small(g.labelPositives())
                    || x.small(g.labelNegatives())) {
                x.put(Kind.SCORE_LABELLED, k, "", Reason.PRIMARY);
            }
            if (g.calibration() != null && !x.has(Kind.SCORE_LABELLED, k, "")) {
                List<ScoreAnalysis.ReliabilityBin> bins = g.calibration().bins();
                List<Integer> hidden = new ArrayList<>();
                for (int i = 0; i < bins.size(); i++) {
                    ScoreAnalysis.ReliabilityBin b = bins.get(i);
                    long positives = b.observedRate() == null ? 0 : Math.round(b.observedRate() * b.rows());
                    if (x.small(b.rows()) || x.small(positives) || x.small(b.rows() - positives)) {
                        hidden.add(i);
                    }
                }
                // The bins add up to the labelled rows shown: one withheld bin would be their difference.
                if (hidden.size() == 1) {
                    int other = -1;
                    for (int i = 0; i < bins.size(); i++) {
                        if (!hidden.contains(i) && bins.get(i).rows() > 0
                                && (other < 0 || bins.get(i).rows() < bins.get(other).rows())) {
                            other = i;
                        }
                    }
                    if (other >= 0) {
                        x.put(Kind.RELIABILITY_BIN, k, String.valueOf(other), Reason.SECONDARY);
                    }
                }
                for (int i : hidden) {
                    x.put(Kind.RELIABILITY_BIN, k, String.valueOf(i), Reason.PRIMARY);
                }
            }
        }
    }

    private static void outcomes(NumericOutcomeAnalysis n, Decider x) {
        if (n == null) {
            return;
        }
        for (NumericOutcomeAnalysis.GroupOutcome g : n.groups()) {
            boolean size = x.size(g.group());
            if (size || x.small(g.count())) {
                x.put(Kind.OUTCOME_GROUP, g.group(), "", Reason.PRIMARY);
            }
            if (size || x.small(g.missing()) || x.small(g.count())) {
                x.put(Kind.OUTCOME_MISSING, g.group(), "", Reason.PRIMARY);
            }
        }
        for (NumericOutcomeAnalysis.AcrossGroups t : n.tests()) {
            // A test statistic with one unknown group could be solved for it, as with the independence tests.
            boolean any = n.groups().stream().anyMatch(g -> g.group().grouping().equals(t.grouping())
                    && x.has(Kind.OUTCOME_GROUP, g.group(), ""));
            if (any) {
                x.put(Kind.OUTCOME_TEST, testKey(t.grouping()), "", Reason.SECONDARY);
            }
        }
        for (NumericOutcomeAnalysis.PairwiseComparison p : n.pairwise()) {
            if (x.has(Kind.OUTCOME_GROUP, p.group(), "") || x.has(Kind.OUTCOME_GROUP, p.other(), "")) {
                x.put(Kind.OUTCOME_PAIR, p.group(), p.other().label(), Reason.SECONDARY);
            }
        }
    }

    private static void trends(TrendAnalysis t, AuditResult r, Decider x) {
        if (t == null) {
            return;
        }
        if (x.small(t.rowsWithoutTimestamp())) {
            x.put(Kind.ROWS_WITHOUT_TIME, GroupKey.OVERALL, "", Reason.PRIMARY);
        }
        Map<Key, Long> rows = new LinkedHashMap<>();
        for (TrendAnalysis.PeriodRate p : t.rates()) {
            MetricValue v = p.selectionRate();
            long n = v.rows();
            long selected = Math.round(v.numerator());
            rows.put(new Key(Kind.PERIOD_RATE, p.group(), p.period()), n);
            if (x.size(p.group()) || x.small(n) || x.small(selected) || x.small(n - selected)) {
                x.put(Kind.PERIOD_RATE, p.group(), p.period(), Reason.PRIMARY);
            }
        }
        // Secondary: per period, the groups of a finer grouping add up to each group of a coarser one (the whole
        // population included); per group, its periods add up to its total (shown by the group audit).
        List<List<Key>> relations = new ArrayList<>();
        List<Grouping> groupings = new ArrayList<>(r.groupings());
        if (!groupings.contains(Grouping.OVERALL)) {
            groupings.add(Grouping.OVERALL);
        }
        for (String period : t.periods()) {
            relations.addAll(nested(Kind.PERIOD_RATE, period, rows.keySet(), groupings));
        }
        Map<GroupKey, List<Key>> byGroup = new LinkedHashMap<>();
        for (Key k : rows.keySet()) {
            byGroup.computeIfAbsent(k.group(), g -> new ArrayList<>()).add(k);
        }
        byGroup.forEach((g, parts) -> {
            List<Key> rel = new ArrayList<>();
            rel.add(null); // the group's total, in the group audit's table
            rel.addAll(parts);
            if (!x.groups.suppressed(g, Part.SELECTION)) {
                relations.add(rel);
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (List<Key> rel : relations) {
                Key total = rel.get(0);
                if (total != null && x.out.containsKey(total)) {
                    continue;
                }
                List<Key> parts = rel.subList(1, rel.size());
                long hidden = parts.stream().filter(x.out::containsKey).count();
                if (hidden != 1) {
                    continue;
                }
                Key extra = parts.stream().filter(k -> !x.out.containsKey(k) && rows.get(k) > 0)
                        .min(Comparator.comparingLong((Key k) -> rows.get(k)).thenComparing(Key::detail)
                                .thenComparing(Key::group))
                        .orElse(total);
                if (extra != null) {
                    x.out.put(extra, Reason.SECONDARY);
                    changed = true;
                }
            }
        }
        for (TrendAnalysis.DisparityTrend d : t.disparities()) {
            boolean any = false;
            for (TrendAnalysis.PeriodDisparity p : d.periods()) {
                if (x.has(Kind.PERIOD_RATE, d.group(), p.period()) || x.has(Kind.PERIOD_RATE, d.reference(), p.period())) {
                    x.put(Kind.PERIOD_DISPARITY, d.group(), p.period(), Reason.SECONDARY);
                    any = true;
                }
            }
            if (any) {
                x.put(Kind.DISPARITY_TREND, d.group(), "", Reason.SECONDARY);
            }
        }
        for (TrendAnalysis.ScoreDrift s : t.drift()) {
            if (x.has(Kind.PERIOD_RATE, s.group(), s.baseline()) || x.has(Kind.PERIOD_RATE, s.group(), s.period())) {
                x.put(Kind.SCORE_DRIFT, s.group(), s.period(), Reason.SECONDARY);
            }
        }
        if (t.feedbackLoop() != null) {
            boolean any = false;
            for (TrendAnalysis.LabelSource s : t.feedbackLoop().periods()) {
                MetricValue v = s.shareFromProfile();
                long n = v.rows();
                long profile = Math.round(v.numerator());
                if (x.small(n) || x.small(profile) || x.small(n - profile)) {
                    x.put(Kind.LABEL_SOURCE, GroupKey.OVERALL, s.period(), Reason.PRIMARY);
                    any = true;
                }
            }
            if (any) {
                x.put(Kind.LABEL_SOURCE_TREND, GroupKey.OVERALL, "", Reason.SECONDARY);
            }
        }
    }

    /**
     * The sums among per-group cells of one kind and detail: the groups of each grouping to the whole
     * population's cell, and the groups of each finer grouping to each coarser group's cell. Each sum is its
     * total followed by its parts; sums and parts come in the order of {@code cells}.
     */
    static List<List<Key>> nested(Kind kind, String detail, Set<Key> cells, List<Grouping> groupings) {
        // The cells of this kind and detail by grouping, each list in the order of cells: a sum's total and parts
        // are looked up here instead of found by scanning every cell for every total, with a grouping made per
        // cell (that scan over the monthly trend cells was about half of the decisions' CPU time at 10M rows).
        Map<Grouping, List<Key>> byGrouping = new HashMap<>();
        for (Key k : cells) {
            if (k.kind() == kind && k.detail().equals(detail)) {
                byGrouping.computeIfAbsent(k.group().grouping(), g -> new ArrayList<>()).add(k);
            }
        }
        List<List<Key>> sums = new ArrayList<>();
        for (Grouping fine : groupings) {
            for (Grouping coarse : groupings) {
                if (fine.isOverall() || coarse.attributes().size() >= fine.attributes().size()
                        || !fine.attributes().containsAll(coarse.attributes())) {
                    continue;
                }
                List<Key> finer = byGrouping.getOrDefault(fine, List.of());
                for (Key total : byGrouping.getOrDefault(coarse, List.of())) {
                    List<Key> sum = new ArrayList<>();
                    sum.add(total);
                    for (Key part : finer) {
                        if (matches(part.group(), total.group())) {
                            sum.add(part);
                        }
                    }
                    if (sum.size() > 1) {
                        sums.add(sum);
                    }
                }
            }
        }
        return sums;
    }

    static boolean matches(GroupKey part, GroupKey total) {
        for (Map.Entry<String, String> e : total.attributes().entrySet()) {
            if (!Objects.equals(e.getValue(), part.attributes().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
