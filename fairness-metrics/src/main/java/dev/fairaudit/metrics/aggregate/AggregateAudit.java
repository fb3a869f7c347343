package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.core.table.AggregateTable;
import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.GroupingSummary;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.IntervalMethod;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.OddsDifference;
import dev.fairaudit.metrics.Rates;
import dev.fairaudit.metrics.Spread;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.ProportionIntervals;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A group audit from published aggregate counts. Point estimates, comparisons and tests are those of
 * {@link GroupAudit#run(dev.fairaudit.metrics.counts.GroupedCounts, dev.fairaudit.core.table.TableSpec,
 * TableSource, List)} on the published numbers; every rate, comparison, test and aggregate that depends on a
 * suppressed cell is {@link Status#SUPPRESSED} instead (never computed as if the cell were 0); and a
 * {@link RoundingAnalysis} gives each rate's range over all true counts consistent with the rounding and
 * suppression, with its 95% interval widened to the union over that range. In a group with a suppressed cell,
 * {@link GroupResult#rows()}, {@code n()} and {@code counts()} hold the published numbers without that cell
 * (the JSON document writes {@code null} for them); {@link RoundingAnalysis#suppressedByGroup()} says which
 * cells are unknown.
 *
 * <pre>{@code
 * AggregateTable t = AggregateReader.read(Path.of("counts.csv"), AggregateSpec.groupColumns(List.of("origin"))
 *         .withRounding(10));
 * AuditResult r = AggregateAudit.run(t, AuditSettings.builder().build());
 * }</pre>
 */
public final class AggregateAudit {

    private AggregateAudit() {
    }

    /** Audits one aggregate table. */
    public static AuditResult run(AggregateTable table, AuditSettings settings) {
        return run(PublishedCounts.of(table), table.spec().rounding(), table.spec().suppressedMax(), settings,
                table.source(), table.source().warnings());
    }

    /**
     * Audits published counts, however many tables filled them.
     *
     * @param counts        the bounded counts
     * @param rounding      the rounding the bounds were made with (for the document)
     * @param suppressedMax the bound of suppressed cells (for the document), or null
     * @param settings      the audit settings
     * @param input         where the counts came from
     * @param inputWarnings warnings from reading
     */
    public static AuditResult run(PublishedCounts counts, int rounding, Long suppressedMax, AuditSettings settings,
            TableSource input, List<String> inputWarnings) {
        List<String> warnings = new ArrayList<>(inputWarnings);
        long suppressedCells = 0;
        List<String> suppressedGroups = new ArrayList<>();
        for (Grouping g : counts.groupings()) {
            for (Map.Entry<GroupKey, CellBounds> e : counts.groups(g).entrySet()) {
                int n = 0;
                for (Cell c : Cell.values()) {
                    n += e.getValue().suppressed(c) ? 1 : 0;
                }
                if (n > 0) {
                    suppressedCells += n;
                    suppressedGroups.add(e.getKey().label());
                }
            }
        }
        if (rounding > 1) {
            warnings.add("counts are published rounded to multiples of " + rounding + ": point estimates use the"
                    + " published numbers; 'rounding' gives every rate's range over all true counts consistent with"
                    + " the rounding, with its interval widened to the union over that range");
        }
        if (suppressedCells > 0) {
            warnings.add(suppressedCells + " published cell(s) are suppressed, in " + suppressedGroups.size()
                    + " group(s) (" + String.join("; ", suppressedGroups.subList(0, Math.min(10,
                            suppressedGroups.size()))) + (suppressedGroups.size() > 10 ? "; ..." : "")
                    + "): every rate, comparison and test that depends on them is SUPPRESSED"
                    + (suppressedMax == null ? "; no bound on suppressed cells is declared, so their rates have no"
                            + " range either" : "; 'rounding' gives their range with suppressed cells in [0, "
                            + suppressedMax + "]"));
        }
        AuditResult base = new GroupAudit(settings).run(counts.publishedCounts(), null, input, warnings);
        Masking mask = new Masking(counts, settings);
        List<GroupResult> groups = base.groups().stream().map(mask::group).toList();
        List<ComparisonResult> comparisons = mask.adjust(base.comparisons().stream().map(mask::comparison).toList());
        List<IndependenceTest> tests = base.independenceTests().stream().map(mask::test).toList();
        List<GroupingSummary> summaries = base.summaries().stream().map(mask::summary).toList();

        List<RateBounds> rates = new ArrayList<>();
        List<RoundingAnalysis.SuppressedCells> suppressedByGroup = new ArrayList<>();
        Map<GroupKey, Map<Metric, RateBounds>> byGroup = new HashMap<>();
        for (GroupResult g : base.groups()) {
            List<Cell> cells = new ArrayList<>();
            for (Cell c : Cell.values()) {
                if (counts.bounds(g.group()).suppressed(c)) {
                    cells.add(c);
                }
            }
            if (!cells.isEmpty()) {
                suppressedByGroup.add(new RoundingAnalysis.SuppressedCells(g.group(), cells));
            }
            Map<Metric, RateBounds> own = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                RateBounds b = rateBounds(g.group(), counts.bounds(g.group()), m, settings.intervalMethod());
                rates.add(b);
                own.put(m, b);
            }
            byGroup.put(g.group(), own);
        }
        List<ComparisonBounds> comparisonBounds = new ArrayList<>();
        for (ComparisonResult c : base.comparisons()) {
            comparisonBounds.add(comparisonBounds(c.group(), c.reference(), c.metric(),
                    byGroup.get(c.group()).get(c.metric()), byGroup.get(c.reference()).get(c.metric())));
        }
        String description = description(rounding, suppressedMax);
        RoundingAnalysis analysis = new RoundingAnalysis(rounding, suppressedMax, suppressedCells,
                suppressedByGroup, description, rates,
                comparisonBounds);
        return new AuditResult(base.settings(), null, input, base.groupings(), base.references(), groups, comparisons,
                tests, summaries, base.warnings(), new AggregateAnalyses(analysis, null), base.proxyAnalysis(),
                base.scoresAndTrends(), base.document());
    }

    static String description(int rounding, Long suppressedMax) {
        String r = rounding == 1 ? "Published counts are taken as exact."
                : String.format(Locale.ROOT, "A published count c stands for any true count in [max(0, c - %d), c + %d]"
                        + " (rounded to a multiple of %d, halves either way).", rounding / 2, rounding / 2, rounding);
        String s = suppressedMax == null ? " A suppressed cell has no known bound: rates that use it have no range."
                : " A suppressed cell stands for any true count in [0, " + suppressedMax + "].";
        return r + s + " A rate's range is over all combinations of true counts; its interval is the union of the"
                + " intervals over that range (the interval bounds are monotone in the counts, so the extreme"
                + " corners give the union). Ranges of comparisons combine the ranges of both rates.";
    }

    /**
     * The range of one rate over the bounds of its cells. A rate num / (num + other) grows with the numerator
     * cells and falls with the other denominator cells, so its extremes are at opposite corners of the box.
     */
    static RateBounds rateBounds(GroupKey group, CellBounds b, Metric m, IntervalMethod method) {
        Cell[] num = Rates.numeratorCells(m);
        Cell[] den = Rates.denominatorCells(m);
        List<Cell> otherList = new ArrayList<>();
        for (Cell c : den) {
            if (!List.of(num).contains(c)) {
                otherList.add(c);
            }
        }
        Cell[] other = otherList.toArray(Cell[]::new);
        if (b.high(Cell.values()) == 0) {
            return RateBounds.without(group, m, Status.UNDEFINED_EMPTY_GROUP);
        }
        long nHigh = b.high(num);
        long oHigh = b.high(other);
        if (nHigh == CellBounds.UNBOUNDED || oHigh == CellBounds.UNBOUNDED) {
            return RateBounds.without(group, m, Status.SUPPRESSED);
        }
        long nLow = b.low(num);
        long oLow = b.low(other);
        if (nHigh + oHigh == 0) {
            return RateBounds.without(group, m, Status.UNDEFINED_ZERO_DENOMINATOR);
        }
        boolean canBeZero = nLow + oLow == 0;
        // Smallest rate: fewest numerator, most other. With both 0 there, the defined points nearest are
        // num = 1, other = 0 (rate 1): every defined rate is then 1.
        long minNum = nLow;
        long minOther = oHigh;
        if (minNum + minOther == 0) {
            minNum = 1;
        }
        long maxNum = nHigh;
        long maxOther = oLow;
        if (maxNum + maxOther == 0) {
            maxOther = 1;
        }
        double lower = (double) minNum / (minNum + minOther);
        double upper = (double) maxNum / (maxNum + maxOther);
        Interval lo = interval(minNum, minNum + minOther, method);
        Interval hi = interval(maxNum, maxNum + maxOther, method);
        Interval union = new Interval(Math.min(lo.lower(), lower), Math.max(hi.upper(), upper),
                lo.method() + "-union");
        return new RateBounds(group, m, Status.OK, lower, upper, union, canBeZero);
    }

    private static Interval interval(long x, long n, IntervalMethod method) {
        return switch (method) {
            case WILSON -> ProportionIntervals.wilson(x, n);
            case CLOPPER_PEARSON -> ProportionIntervals.clopperPearson(x, n);
        };
    }

    static ComparisonBounds comparisonBounds(GroupKey group, GroupKey reference, Metric m, RateBounds g,
            RateBounds r) {
        if (g.status() != Status.OK || r.status() != Status.OK) {
            Status s = g.status() != Status.OK ? g.status() : r.status();
            return new ComparisonBounds(group, reference, m, s, null, null, null, null);
        }
        Double ratioLower = r.upper() > 0 ? g.lower() / r.upper() : null;
        Double ratioUpper = r.lower() > 0 ? g.upper() / r.lower() : null;
        if (r.upper() == 0) {
            return new ComparisonBounds(group, reference, m, Status.OK, null, null, g.lower() - r.upper(),
                    g.upper() - r.lower());
        }
        return new ComparisonBounds(group, reference, m, Status.OK, ratioLower, ratioUpper, g.lower() - r.upper(),
                g.upper() - r.lower());
    }

    /** Replaces what depends on suppressed cells by SUPPRESSED. */
    private static final class Masking {
        private final PublishedCounts counts;
        private final AuditSettings settings;

        Masking(PublishedCounts counts, AuditSettings settings) {
            this.counts = counts;
            this.settings = settings;
        }

        boolean suppressed(GroupKey key, Metric m) {
            return counts.bounds(key).anySuppressed(Rates.denominatorCells(m));
        }

        boolean anySuppressed(Grouping g, Metric m) {
            return counts.groups(g).keySet().stream().anyMatch(k -> suppressed(k, m));
        }

        GroupResult group(GroupResult r) {
            Map<Metric, MetricValue> metrics = new EnumMap<>(Metric.class);
            boolean any = false;
            for (Metric m : Metric.values()) {
                if (suppressed(r.group(), m)) {
                    metrics.put(m, new MetricValue(null, Status.SUPPRESSED, 0, 0, 0, null));
                    any = true;
                } else {
                    metrics.put(m, r.metric(m));
                }
            }
            boolean shareSuppressed = counts.bounds(r.group()).anySuppressed(Cell.values())
                    || counts.overall().anySuppressed(Cell.values());
            if (!any && !shareSuppressed) {
                return r;
            }
            MetricValue share = shareSuppressed ? new MetricValue(null, Status.SUPPRESSED, 0, 0, 0, null)
                    : r.populationShare();
            return new GroupResult(r.group(), r.rows(), r.n(), r.unknownLabelRows(), r.belowMinGroupSize(), share,
                    metrics, r.counts());
        }

        ComparisonResult comparison(ComparisonResult c) {
            if (!suppressed(c.group(), c.metric()) && !suppressed(c.reference(), c.metric())) {
                return c;
            }
            FourFifthsCheck f = c.metric() == Metric.SELECTION_RATE
                    ? new FourFifthsCheck(settings.fourFifthsThreshold(), FourFifthsCheck.Verdict.UNDEFINED, null)
                    : null;
            return new ComparisonResult(c.group(), c.reference(), c.metric(), Status.SUPPRESSED,
                    Estimate.undefined(Status.SUPPRESSED), Estimate.undefined(Status.SUPPRESSED), null, null, f);
        }

        IndependenceTest test(IndependenceTest t) {
            return anySuppressed(t.grouping(), Metric.SELECTION_RATE)
                    ? new IndependenceTest(t.grouping(), Status.SUPPRESSED, null, 0) : t;
        }

        GroupingSummary summary(GroupingSummary s) {
            Map<Metric, Spread> spreads = new EnumMap<>(Metric.class);
            s.spreads().forEach((m, sp) -> spreads.put(m, anySuppressed(s.grouping(), m)
                    ? new Spread(Status.SUPPRESSED, null, null, null, null, null, null, 0, 0) : sp));
            boolean oddsSuppressed = anySuppressed(s.grouping(), Metric.TRUE_POSITIVE_RATE)
                    || anySuppressed(s.grouping(), Metric.FALSE_POSITIVE_RATE);
            Estimate eod = oddsSuppressed ? Estimate.undefined(Status.SUPPRESSED) : s.equalizedOddsDifference();
            List<OddsDifference> odds = new ArrayList<>();
            for (OddsDifference o : s.oddsDifferences()) {
                boolean own = suppressed(o.group(), Metric.TRUE_POSITIVE_RATE)
                        || suppressed(o.group(), Metric.FALSE_POSITIVE_RATE)
                        || suppressed(s.reference(), Metric.TRUE_POSITIVE_RATE)
                        || suppressed(s.reference(), Metric.FALSE_POSITIVE_RATE);
                odds.add(own ? new OddsDifference(o.group(), Status.SUPPRESSED, null, null) : o);
            }
            return new GroupingSummary(s.grouping(), s.reference(), spreads, eod, odds);
        }

        /** The multiple-testing correction again, over the comparisons that still have a test. */
        List<ComparisonResult> adjust(List<ComparisonResult> comparisons) {
            List<Integer> family = new ArrayList<>();
            for (int i = 0; i < comparisons.size(); i++) {
                ComparisonResult c = comparisons.get(i);
                if (c.test() != null && c.metric().complementOf() == null) {
                    family.add(i);
                }
            }
            double[] p = new double[family.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = comparisons.get(family.get(i)).test().pValue();
            }
            double[] adjusted = settings.pValueAdjustment().adjust(p);
            Map<List<Object>, Double> byHypothesis = new HashMap<>();
            List<ComparisonResult> out = new ArrayList<>(comparisons);
            for (int i = 0; i < p.length; i++) {
                ComparisonResult c = out.get(family.get(i));
                out.set(family.get(i), c.withAdjustedPValue(adjusted[i]));
                byHypothesis.put(List.of(c.group(), c.reference(), c.metric()), adjusted[i]);
            }
            for (int i = 0; i < out.size(); i++) {
                ComparisonResult c = out.get(i);
                if (c.test() != null && c.metric().complementOf() != null) {
                    Double twin = byHypothesis.get(List.of(c.group(), c.reference(), c.metric().complementOf()));
                    if (twin != null) {
                        out.set(i, c.withAdjustedPValue(twin));
                    }
                }
            }
            return out;
        }
    }
}
