package dev.fairaudit.metrics;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.Rates.Proportion;
import dev.fairaudit.metrics.counts.GroupCounter;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.metrics.stats.DifferenceIntervals;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.ProportionTests;
import dev.fairaudit.metrics.stats.RatioIntervals;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A group fairness audit: per group rates, comparisons with a reference group, tests of independence and
 * aggregates across groups, for every protected attribute, every declared intersection and the whole
 * population.
 *
 * <pre>{@code
 * DecisionTable table = TableReader.read(Path.of("decisions.csv"), spec);
 * AuditResult result = new GroupAudit(AuditSettings.builder().intersect("race", "sex").build()).run(table);
 * }</pre>
 */
public final class GroupAudit {

    private final AuditSettings settings;

    /** An audit with these settings. */
    public GroupAudit(AuditSettings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public AuditSettings settings() {
        return settings;
    }

    /** The groupings this audit reports on a table: each attribute, each intersection, then the whole. */
    public List<Grouping> groupings(List<String> protectedAttributes) {
        List<Grouping> groupings = new ArrayList<>();
        for (String a : protectedAttributes) {
            groupings.add(Grouping.of(a));
        }
        for (List<String> i : settings.intersections()) {
            for (String a : i) {
                if (!protectedAttributes.contains(a)) {
                    throw new AuditConfigurationException("intersection " + i + " names '" + a
                            + "', which is not a protected attribute; declared: " + protectedAttributes);
                }
            }
            Grouping g = new Grouping(i);
            if (!groupings.contains(g)) {
                groupings.add(g);
            }
        }
        for (String a : settings.references().keySet()) {
            if (!protectedAttributes.contains(a)) {
                throw new AuditConfigurationException("a reference is declared for '" + a
                        + "', which is not a protected attribute; declared: " + protectedAttributes);
            }
        }
        return groupings;
    }

    /** Counts the table in one pass and audits the counts. */
    public AuditResult run(DecisionTable table) {
        return run(count(table), table.spec(), table.source());
    }

    /**
     * Counts one table, or one chunk of a table that is read in chunks ({@code TableReader.stream}), for the
     * groupings the settings ask for. Counts of chunks {@linkplain GroupedCounts#merge merge} into the counts of
     * the whole table.
     */
    public GroupedCounts count(DecisionTable table) {
        return GroupCounter.count(table, groupings(table.spec().protectedAttributes()));
    }

    /**
     * Audits the counts of a table read with {@code tableSpec}, whole or in chunks, adding the warnings such a
     * table calls for: rows with a missing protected value, no label, weights.
     */
    public AuditResult run(GroupedCounts counts, TableSpec tableSpec, TableSource input) {
        List<String> warnings = new ArrayList<>();
        for (String attribute : tableSpec.protectedAttributes()) {
            OutcomeCounts missing = counts.groups(Grouping.of(attribute))
                    .get(GroupKey.of(List.of(attribute), List.of(tableSpec.missingGroup())));
            if (missing != null) {
                warnings.add(missing.totalRows() + " row(s) have no value for '" + attribute + "'; they are counted as"
                        + " the group '" + tableSpec.missingGroup() + "'");
            }
        }
        if (tableSpec.label() == null) {
            warnings.add("no label is declared: only selection rates are computed; label-based metrics are undefined");
        }
        if (tableSpec.weight() != null) {
            warnings.add("rows are weighted: rates use the weights; intervals and tests use Kish's effective sample"
                    + " size");
        }
        return run(counts, tableSpec, input, warnings);
    }

    /**
     * Audits count states, however they were filled (a table, a log, aggregate input, a cluster). The groupings
     * are those of the counts: the settings' intersections only choose what {@link #run(DecisionTable)}
     * counts.
     *
     * @param counts        the counts of every grouping, the whole population included
     * @param tableSpec     how the input columns were read, or null when the counts did not come from a table
     * @param input         where the data came from
     * @param inputWarnings warnings found while reading, added to the result's warnings
     */
    public AuditResult run(GroupedCounts counts, TableSpec tableSpec, TableSource input,
            List<String> inputWarnings) {
        List<String> warnings = new ArrayList<>(inputWarnings);
        OutcomeCounts overall = counts.overall();
        List<Grouping> groupings = new ArrayList<>();
        for (Grouping g : counts.groupings()) {
            if (!g.isOverall()) {
                groupings.add(g);
            }
        }
        groupings.add(Grouping.OVERALL);

        List<GroupResult> groups = new ArrayList<>();
        List<ReferenceChoice> references = new ArrayList<>();
        List<ComparisonResult> comparisons = new ArrayList<>();
        List<IndependenceTest> tests = new ArrayList<>();
        List<GroupingSummary> summaries = new ArrayList<>();
        List<String> smallGroups = new ArrayList<>();

        for (Grouping g : groupings) {
            Map<GroupKey, OutcomeCounts> members = counts.groups(g);
            List<GroupResult> results = new ArrayList<>();
            for (Map.Entry<GroupKey, OutcomeCounts> e : members.entrySet()) {
                GroupResult r = groupResult(e.getKey(), e.getValue(), overall);
                results.add(r);
                if (!g.isOverall() && r.rows() > 0 && r.belowMinGroupSize()) {
                    smallGroups.add(e.getKey().label() + " (" + r.rows() + ")");
                }
            }
            groups.addAll(results);
            if (g.isOverall()) {
                continue;
            }
            ReferenceChoice ref = chooseReference(g, results);
            references.add(ref);
            List<ComparisonResult> own = compare(results, ref, overall);
            comparisons.addAll(own);
            tests.add(independence(g, results));
            summaries.add(summarise(g, ref, results, own));
        }
        comparisons = adjust(comparisons);

        if (!smallGroups.isEmpty()) {
            warnings.add(smallGroups.size() + " group(s) have fewer than " + settings.minGroupSize()
                    + " rows; comparisons involving them are inconclusive: "
                    + String.join("; ", smallGroups.subList(0, Math.min(10, smallGroups.size())))
                    + (smallGroups.size() > 10 ? "; ..." : ""));
        }
        long inconclusive = comparisons.stream().filter(c -> c.status() == Status.INSUFFICIENT_SAMPLE).count();
        if (inconclusive > 0) {
            warnings.add(inconclusive + " of " + comparisons.size() + " comparison(s) are inconclusive: fewer than "
                    + settings.minGroupSize() + " rows stand behind a rate (for label-based rates, only the rows"
                    + " with that label or decision count)");
        }
        long unknown = overall.unknownLabelRows();
        if (unknown > 0 && unknown == overall.totalRows() && tableSpec != null && tableSpec.label() != null) {
            warnings.add("a label is declared, but no row has a known label: label-based metrics are undefined");
        } else if (unknown > 0 && unknown < overall.totalRows()) {
            warnings.add(String.format(Locale.ROOT, "%d of %d row(s) (%.1f%%) have no known label: they count for"
                    + " selection rates and are left out of label-based metrics", unknown, overall.totalRows(),
                    100.0 * unknown / overall.totalRows()));
        }
        return new AuditResult(settings, tableSpec, input, groupings, references, groups, comparisons, tests, summaries,
                warnings);
    }

    private GroupResult groupResult(GroupKey key, OutcomeCounts c, OutcomeCounts overall) {
        Map<Metric, MetricValue> metrics = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            metrics.put(m, Rates.metric(c, m, settings.intervalMethod()));
        }
        Proportion all = Rates.proportion(c, Metric.SELECTION_RATE);
        Proportion population = Rates.proportion(overall, Metric.SELECTION_RATE);
        Proportion share = new Proportion(all.denominator(), population.denominator(),
                population.effectiveDenominator() > 0
                        ? all.denominator() / population.denominator() * population.effectiveDenominator() : 0,
                population.effectiveDenominator(), overall.totalRows());
        MetricValue shareValue = Rates.value(share, overall.totalRows(), settings.intervalMethod());
        long rows = c.totalRows();
        return new GroupResult(key, rows, all.denominator(), c.unknownLabelRows(),
                rows < settings.minGroupSize(), shareValue, metrics, c);
    }

    private ReferenceChoice chooseReference(Grouping g, List<GroupResult> results) {
        Map<String, String> declared = settings.references();
        if (declared.keySet().containsAll(g.attributes())) {
            List<String> values = g.attributes().stream().map(declared::get).toList();
            GroupKey key = GroupKey.of(g.attributes(), values);
            GroupResult r = results.stream().filter(x -> x.group().equals(key)).findFirst().orElse(null);
            if (r == null || r.rows() == 0) {
                List<String> present = results.stream().filter(x -> x.rows() > 0).map(x -> x.group().label())
                        .toList();
                throw new AuditConfigurationException("the reference group " + key.label() + " has no rows; groups of "
                        + g.label() + " with rows: " + present);
            }
            return new ReferenceChoice(g, key, "explicit");
        }
        ReferenceStrategy s = settings.referenceStrategy();
        if (s == ReferenceStrategy.OVERALL) {
            return new ReferenceChoice(g, GroupKey.OVERALL, s.id());
        }
        GroupResult best = null;
        List<GroupResult> candidates = results.stream().filter(r -> r.rows() > 0).toList();
        if (s == ReferenceStrategy.MOST_FAVOURABLE) {
            List<GroupResult> bigEnough = candidates.stream().filter(r -> !r.belowMinGroupSize()).toList();
            if (!bigEnough.isEmpty()) {
                candidates = bigEnough;
            }
        }
        for (GroupResult r : candidates) {
            if (best == null || better(s, r, best)) {
                best = r;
            }
        }
        if (best == null) {
            throw new AuditConfigurationException("grouping " + g.label() + " has no rows: the data is empty");
        }
        return new ReferenceChoice(g, best.group(), s.id());
    }

    private boolean better(ReferenceStrategy s, GroupResult r, GroupResult best) {
        if (s == ReferenceStrategy.MOST_FAVOURABLE) {
            MetricValue a = r.metric(Metric.SELECTION_RATE);
            MetricValue b = best.metric(Metric.SELECTION_RATE);
            if (a.value() != null && b.value() != null && !a.value().equals(b.value())) {
                boolean higher = a.value() > b.value();
                return settings.favourable() == Favourable.SELECTED ? higher : !higher;
            }
        }
        return r.n() > best.n();
    }

    private List<ComparisonResult> compare(List<GroupResult> results, ReferenceChoice ref, OutcomeCounts overall) {
        List<ComparisonResult> out = new ArrayList<>();
        boolean vsOverall = ref.reference().equals(GroupKey.OVERALL);
        OutcomeCounts refCounts = vsOverall ? overall
                : results.stream().filter(r -> r.group().equals(ref.reference())).findFirst().orElseThrow().counts();
        for (GroupResult r : results) {
            if (r.group().equals(ref.reference())) {
                continue;
            }
            OutcomeCounts other = vsOverall ? overall.minus(r.counts()) : refCounts;
            for (Metric m : Metric.values()) {
                out.add(compare(r.group(), r.counts(), ref.reference(), other, refCounts, vsOverall, m));
            }
        }
        return out;
    }

    /**
     * Compares a group with a reference on one metric. With the whole population as reference, {@code other}
     * is the rest of the population and {@code reference} the whole: estimates are against the whole,
     * intervals and tests come from the group against the rest.
     */
    private ComparisonResult compare(GroupKey group, OutcomeCounts g, GroupKey refKey, OutcomeCounts other,
            OutcomeCounts reference, boolean vsOverall, Metric m) {
        Proportion pg = Rates.proportion(g, m);
        Proportion po = Rates.proportion(other, m);
        Proportion pr = Rates.proportion(reference, m);
        Status status;
        if (g.totalRows() == 0 || other.totalRows() == 0) {
            status = Status.UNDEFINED_EMPTY_GROUP;
        } else if (!pg.defined() || !po.defined()) {
            status = Status.UNDEFINED_ZERO_DENOMINATOR;
        } else if (pg.rows() < settings.minGroupSize() || po.rows() < settings.minGroupSize()) {
            status = Status.INSUFFICIENT_SAMPLE;
        } else {
            status = Status.OK;
        }
        FourFifthsCheck fourFifths = null;
        if (!status.hasValue()) {
            if (m == Metric.SELECTION_RATE) {
                fourFifths = new FourFifthsCheck(settings.fourFifthsThreshold(), FourFifthsCheck.Verdict.UNDEFINED,
                        null);
            }
            return new ComparisonResult(group, refKey, m, status, Estimate.undefined(status),
                    Estimate.undefined(status), null, null, fourFifths);
        }
        // Share of the group in the reference's denominator, for the transformation against the whole.
        double w = vsOverall ? pg.denominator() / (pg.denominator() + po.denominator()) : 0;
        double vg = pg.value();
        double vr = pr.value();

        Interval diffCi = DifferenceIntervals.newcombe(pg.effectiveNumerator(), pg.effectiveDenominator(),
                po.effectiveNumerator(), po.effectiveDenominator());
        if (vsOverall) {
            diffCi = new Interval((1 - w) * diffCi.lower(), (1 - w) * diffCi.upper(), diffCi.method());
        }
        Estimate difference = new Estimate(vg - vr, status, widen(diffCi, vg - vr));

        Estimate ratio;
        if (!(vr > 0)) {
            ratio = Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR);
        } else {
            Interval katz = ratioInterval(pg, po);
            if (katz != null && vsOverall) {
                katz = new Interval(toOverall(katz.lower(), w), toOverall(katz.upper(), w), katz.method());
            }
            ratio = new Estimate(vg / vr, status, katz == null ? null : widen(katz, vg / vr));
        }
        // A complementary metric (FNR = 1 − TPR, ...) tests the same hypothesis as its twin: use the twin's
        // counts, so both report the very same test.
        Metric tested = m.complementOf() == null ? m : m.complementOf();
        Proportion tg = tested == m ? pg : Rates.proportion(g, tested);
        Proportion to = tested == m ? po : Rates.proportion(other, tested);
        TestResult test = ProportionTests.compare(tg.effectiveNumerator(), tg.effectiveDenominator(),
                to.effectiveNumerator(), to.effectiveDenominator());
        if (m == Metric.SELECTION_RATE) {
            fourFifths = fourFifths(ratio, status);
        }
        return new ComparisonResult(group, refKey, m, status, ratio, difference, test, null, fourFifths);
    }

    /**
     * Katz log interval of pg / po; with a zero numerator the lower bound is 0 and the upper bound uses 0.5 in
     * place of the zero count. Null when the reference rate is 0 (the ratio is then undefined anyway).
     */
    private static Interval ratioInterval(Proportion pg, Proportion po) {
        if (!(po.effectiveNumerator() > 0)) {
            return null;
        }
        if (pg.effectiveNumerator() > 0) {
            Optional<Interval> katz = RatioIntervals.katzLog(pg.effectiveNumerator(), pg.effectiveDenominator(),
                    po.effectiveNumerator(), po.effectiveDenominator());
            return katz.orElse(null);
        }
        Optional<Interval> corrected = RatioIntervals.katzLog(0.5, Math.max(pg.effectiveDenominator(), 0.5),
                po.effectiveNumerator(), po.effectiveDenominator());
        return corrected.map(i -> new Interval(0, i.upper(), i.method())).orElse(null);
    }

    /** Maps a ratio against the rest, R = pg/prest, to the ratio against the whole: R / (wR + 1 − w). */
    private static double toOverall(double ratioVsRest, double w) {
        return ratioVsRest / (w * ratioVsRest + (1 - w));
    }

    /** Keeps a point estimate inside its interval where floating-point rounding put it a hair outside. */
    private static Interval widen(Interval i, double estimate) {
        if (i.contains(estimate)) {
            return i;
        }
        return new Interval(Math.min(i.lower(), estimate), Math.max(i.upper(), estimate), i.method());
    }

    private FourFifthsCheck fourFifths(Estimate ratio, Status status) {
        double t = settings.fourFifthsThreshold();
        if (ratio.value() == null) {
            return new FourFifthsCheck(t, FourFifthsCheck.Verdict.UNDEFINED, null);
        }
        double r = ratio.value();
        // Selected favourable: a group selected less (r < 1) is disadvantaged. Selected adverse: a group
        // selected more (r > 1) is.
        boolean groupDisadvantaged = settings.favourable() == Favourable.SELECTED ? r < 1 : r > 1;
        String who = r == 1 ? "neither" : groupDisadvantaged ? "group" : "reference";
        if (status == Status.INSUFFICIENT_SAMPLE) {
            return new FourFifthsCheck(t, FourFifthsCheck.Verdict.INCONCLUSIVE, who);
        }
        boolean fail = r < t || r > 1 / t;
        return new FourFifthsCheck(t, fail ? FourFifthsCheck.Verdict.FAIL : FourFifthsCheck.Verdict.PASS, who);
    }

    /**
     * Adjusts the p-values of all comparisons of the run as one family. A complementary metric (FNR of TPR, ...)
     * tests the same hypothesis as its twin, so it is not a separate member: it takes its twin's adjusted p.
     */
    private List<ComparisonResult> adjust(List<ComparisonResult> comparisons) {
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
        Map<List<Object>, Double> byHypothesis = new java.util.HashMap<>();
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
                if (twin == null) {
                    throw new IllegalStateException("no adjusted p-value for the twin of " + c.metric().key());
                }
                out.set(i, c.withAdjustedPValue(twin));
            }
        }
        return out;
    }

    private IndependenceTest independence(Grouping g, List<GroupResult> results) {
        List<GroupResult> present = results.stream().filter(r -> r.rows() > 0).toList();
        if (present.size() < 2) {
            return new IndependenceTest(g, Status.UNDEFINED_EMPTY_GROUP, null, present.size());
        }
        double[][] table = new double[present.size()][2];
        boolean small = false;
        for (int i = 0; i < table.length; i++) {
            Proportion p = Rates.proportion(present.get(i).counts(), Metric.SELECTION_RATE);
            table[i][0] = p.effectiveNumerator();
            table[i][1] = p.effectiveDenominator() - p.effectiveNumerator();
            small |= present.get(i).belowMinGroupSize();
        }
        double selected = 0;
        double notSelected = 0;
        for (double[] row : table) {
            selected += row[0];
            notSelected += row[1];
        }
        if (!(selected > 0) || !(notSelected > 0)) {
            // Nobody or everybody selected: there is no association to test.
            return new IndependenceTest(g, Status.UNDEFINED_ZERO_DENOMINATOR, null, present.size());
        }
        Optional<TestResult> test;
        if (table.length == 2 && minExpected(table) < 5) {
            test = Optional.of(ProportionTests.fisherExact(table[0][0], table[0][0] + table[0][1], table[1][0],
                    table[1][0] + table[1][1]));
        } else {
            test = ProportionTests.chiSquaredIndependence(table);
        }
        if (test.isEmpty()) {
            return new IndependenceTest(g, Status.UNDEFINED_ZERO_DENOMINATOR, null, present.size());
        }
        return new IndependenceTest(g, small ? Status.INSUFFICIENT_SAMPLE : Status.OK, test.get(), present.size());
    }

    private static double minExpected(double[][] t) {
        double total = 0;
        double[] rows = new double[t.length];
        double[] cols = new double[2];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < 2; j++) {
                rows[i] += t[i][j];
                cols[j] += t[i][j];
                total += t[i][j];
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (double r : rows) {
            for (double c : cols) {
                min = Math.min(min, r * c / total);
            }
        }
        return min;
    }

    private GroupingSummary summarise(Grouping g, ReferenceChoice ref, List<GroupResult> results,
            List<ComparisonResult> comparisons) {
        Map<Metric, Spread> spreads = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            spreads.put(m, spread(m, results));
        }
        Spread tpr = spreads.get(Metric.TRUE_POSITIVE_RATE);
        Spread fpr = spreads.get(Metric.FALSE_POSITIVE_RATE);
        Estimate eod;
        if (tpr.maxMinDifference() != null && fpr.maxMinDifference() != null) {
            eod = new Estimate(Math.max(tpr.maxMinDifference(), fpr.maxMinDifference()), Status.OK, null);
        } else {
            eod = Estimate.undefined(tpr.maxMinDifference() == null ? tpr.status() : fpr.status());
        }
        List<OddsDifference> odds = new ArrayList<>();
        Map<GroupKey, ComparisonResult[]> byGroup = new java.util.HashMap<>();
        for (ComparisonResult c : comparisons) {
            byGroup.computeIfAbsent(c.group(), k -> new ComparisonResult[Metric.values().length])
                    [c.metric().ordinal()] = c;
        }
        for (GroupResult r : results) {
            if (r.group().equals(ref.reference())) {
                continue;
            }
            ComparisonResult ct = byGroup.get(r.group())[Metric.TRUE_POSITIVE_RATE.ordinal()];
            ComparisonResult cf = byGroup.get(r.group())[Metric.FALSE_POSITIVE_RATE.ordinal()];
            Status worst = worse(ct.status(), cf.status());
            if (ct.difference().value() == null || cf.difference().value() == null) {
                odds.add(new OddsDifference(r.group(), worst, null, null));
            } else {
                double dt = Math.abs(ct.difference().value());
                double df = Math.abs(cf.difference().value());
                odds.add(new OddsDifference(r.group(), worst, Math.max(dt, df), (dt + df) / 2));
            }
        }
        return new GroupingSummary(g, ref.reference(), spreads, eod, odds);
    }

    /** The status that says more is wrong: undefined over inconclusive over OK. */
    private static Status worse(Status a, Status b) {
        return severity(a) >= severity(b) ? a : b;
    }

    private static int severity(Status s) {
        return switch (s) {
            case OK -> 0;
            case INSUFFICIENT_SAMPLE -> 1;
            case SUPPRESSED -> 2;
            case UNDEFINED_ZERO_DENOMINATOR -> 3;
            case UNDEFINED_EMPTY_GROUP -> 4;
        };
    }

    private Spread spread(Metric m, List<GroupResult> results) {
        GroupKey maxGroup = null;
        GroupKey minGroup = null;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        int included = 0;
        int excluded = 0;
        for (GroupResult r : results) {
            MetricValue v = r.metric(m);
            if (v.value() == null || v.rows() < settings.minGroupSize()) {
                excluded++;
                continue;
            }
            included++;
            if (v.value() > max) {
                max = v.value();
                maxGroup = r.group();
            }
            if (v.value() < min) {
                min = v.value();
                minGroup = r.group();
            }
        }
        if (included < 2) {
            boolean anyDefined = results.stream().anyMatch(r -> r.metric(m).value() != null);
            return new Spread(anyDefined ? Status.INSUFFICIENT_SAMPLE : Status.UNDEFINED_ZERO_DENOMINATOR, null, null,
                    null, null, null, null, included, excluded);
        }
        Double ratio = max > 0 ? min / max : null;
        return new Spread(Status.OK, maxGroup, max, minGroup, min, max - min, ratio, included, excluded);
    }
}
