package dev.fairaudit.metrics.proxy;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditConfigurationException;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screens candidate features for proxies of protected attributes and tests whether decision disparities remain
 * within a feature's strata. Everything is computed from {@link ProxyCounts}:
 *
 * <ol>
 *   <li>one pass fills the single-feature state (all features × all attributes × folds × decision);</li>
 *   <li>numeric features are binned by quantiles from that state's value histogram ({@link FeatureBinning});</li>
 *   <li>pairs are formed among the {@link ProxySettings#pairCandidates()} strongest single features with at most
 *       {@link ProxySettings#maxPairFeatureCategories()} categories, from the pair counts by column codes the
 *       same pass filled ({@link ProxyCounts#countingPairs}); pairs that did not fit its cell budget are counted
 *       in a second pass (for a stream: a replay);</li>
 *   <li>{@link #analyse} computes the findings, corrects their p-values together, flags and ranks them, and
 *       computes the conditional disparities.</li>
 * </ol>
 */
public final class ProxyScreening {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyScreening.class);

    private final ProxySettings settings;

    /** Screening with these settings. */
    public ProxyScreening(ProxySettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings are required");
        }
        this.settings = settings;
    }

    /** The settings. */
    public ProxySettings settings() {
        return settings;
    }

    /**
     * Screens the table's features (all declared feature columns).
     *
     * @param table           the decisions
     * @param numericFeatures the features to bin by quantiles; all others are categorical
     * @param favourable      which decision is favourable (for conditional demographic disparity)
     * @param references      declared reference values, attribute → value; the largest group otherwise
     * @throws AuditConfigurationException when a numeric feature is not a feature or has a non-numeric value
     */
    public ProxyAnalysis run(DecisionTable table, Set<String> numericFeatures, Favourable favourable,
            Map<String, String> references) {
        ProxyCounts singles = singles(table.spec(), numericFeatures).add(table);
        return run(singles, table.spec(), pass -> pass.accept(table), numericFeatures, favourable, references);
    }

    /**
     * The empty single-feature state for a table read with {@code spec}, to be filled chunk by chunk and given
     * to {@link #run(ProxyCounts, TableSpec, Rereader, Set, Favourable, Map)}.
     *
     * @throws AuditConfigurationException when a numeric feature is not a feature of the spec
     */
    public ProxyCounts singles(TableSpec spec, Set<String> numericFeatures) {
        List<String> features = spec.features();
        if (features.isEmpty()) {
            throw new IllegalArgumentException("the table declares no feature columns to screen");
        }
        for (String numeric : numericFeatures) {
            if (!features.contains(numeric)) {
                throw new AuditConfigurationException("numeric feature '" + numeric + "' is not one of the features "
                        + features);
            }
        }
        ProxyCounts singles = ProxyCounts.singles(features, spec.protectedAttributes(), settings.folds(),
                settings.seed());
        return settings.pairCandidates() >= 2
                ? singles.countingPairs(numericFeatures, settings.maxPairFeatureCategories()) : singles;
    }

    /** Hands over the same rows again, in the same order and chunks: a table, or a file streamed once more. */
    @FunctionalInterface
    public interface Rereader {
        /** Passes every chunk of the rows to {@code chunks}, in order. */
        void reread(Consumer<DecisionTable> chunks);
    }

    /**
     * Screens from a filled single-feature state. Feature pairs are counted on the binned categories of the
     * single features. When the state counted pairs by column codes ({@link ProxyCounts#countingPairs}, as
     * {@link #singles} makes it), the chosen pairs are formed from those counts; only pairs it could not keep
     * within its cell budget need the rows once more: {@code again} is called at most once, and only then.
     *
     * @param singles         the single-feature state, filled with every row
     * @param spec            how the rows were read
     * @param again           the same rows again
     * @param numericFeatures the features to bin by quantiles; all others are categorical
     * @param favourable      which decision is favourable (for conditional demographic disparity)
     * @param references      declared reference values, attribute → value; the largest group otherwise
     */
    public ProxyAnalysis run(ProxyCounts singles, TableSpec spec, Rereader again, Set<String> numericFeatures,
            Favourable favourable, Map<String, String> references) {
        Map<String, FeatureBinning> binning = binning(singles, numericFeatures);
        List<String> warnings = new ArrayList<>();
        List<List<String>> pairs = choosePairs(singles, binning, warnings);
        ProxyCounts pairCounts = pairs.isEmpty() ? null : pairCounts(singles, pairs, binning, spec, again);
        if (spec.weight() != null) {
            warnings.add("rows are weighted, but proxy screening and conditional disparity count rows unweighted");
        }
        return analyse(singles, pairCounts, binning, favourable, references, warnings);
    }

    /**
     * The pair state: the pairs the single-feature state counted by codes, coarsened to their binned categories;
     * the others counted in a second pass.
     */
    ProxyCounts pairCounts(ProxyCounts singles, List<List<String>> pairs, Map<String, FeatureBinning> binning,
            TableSpec spec, Rereader again) {
        PairCodeCounts codes = singles.pairCodes();
        List<List<String>> uncovered = pairs.stream()
                .filter(p -> codes == null || !codes.covers(p.get(0), p.get(1))).toList();
        ProxyCounts reread = null;
        if (!uncovered.isEmpty()) {
            if (codes != null) {
                LOG.info("feature pairs {} did not fit in the pair counts of the first pass: reading the rows again",
                        uncovered);
            }
            ProxyCounts[] filled = {ProxyCounts.pairs(uncovered, spec.protectedAttributes(), binning,
                    settings.folds(), settings.seed())};
            again.reread(chunk -> filled[0] = filled[0].add(chunk));
            reread = filled[0];
            if (uncovered.size() == pairs.size()) {
                return reread;
            }
        }
        ProxyCounts formed = ProxyCounts.pairs(pairs, spec.protectedAttributes(), binning, settings.folds(),
                settings.seed());
        formed.describeRowsOf(singles);
        for (int u = 0; u < pairs.size(); u++) {
            List<String> pair = pairs.get(u);
            int r = uncovered.indexOf(pair);
            if (r < 0) {
                codes.coarsenInto(formed, u, pair.get(0), pair.get(1), binning.get(pair.get(0)),
                        binning.get(pair.get(1)));
                continue;
            }
            for (int a = 0; a < reread.attributes().size(); a++) {
                for (int c = 0; c < reread.unitCategories(r); c++) {
                    for (int v = 0; v < reread.attributeValues(a).size(); v++) {
                        for (int f = 0; f < settings.folds(); f++) {
                            formed.addCount(u, a, c, v, f, 0, reread.count(r, a, c, v, f, false));
                            formed.addCount(u, a, c, v, f, 1, reread.count(r, a, c, v, f, true));
                        }
                    }
                }
            }
        }
        return formed;
    }

    /** The binning of every feature of a single-feature state; the named features are numeric. */
    public Map<String, FeatureBinning> binning(ProxyCounts singles, Set<String> numericFeatures) {
        Map<String, FeatureBinning> binning = new LinkedHashMap<>();
        for (int u = 0; u < singles.units().size(); u++) {
            int codes = singles.unitValues(u).size();
            long[] rows = new long[codes];
            List<String> values = singles.attributeValues(0);
            for (int code = 0; code < codes; code++) {
                for (int a = 0; a < values.size(); a++) {
                    for (int f = 0; f < singles.folds(); f++) {
                        rows[code] += singles.count(u, 0, code, a, f, false) + singles.count(u, 0, code, a, f, true);
                    }
                }
            }
            String name = singles.units().get(u).get(0);
            binning.put(name, FeatureBinning.of(name, singles.unitValues(u), singles.unitMissingCode(u), rows,
                    settings.numericBins(), numericFeatures.contains(name)));
        }
        return binning;
    }

    /** The pairs to screen: all pairs among the strongest single features that are not too fine-grained. */
    public List<List<String>> choosePairs(ProxyCounts singles, Map<String, FeatureBinning> binning,
            List<String> warnings) {
        record Strength(String feature, double auc) {
        }
        List<Strength> candidates = new ArrayList<>();
        List<String> tooFine = new ArrayList<>();
        for (int u = 0; u < singles.units().size(); u++) {
            String name = singles.units().get(u).get(0);
            FeatureBinning b = binning.get(name);
            if (b.categories() - 1 > settings.maxPairFeatureCategories()) {
                tooFine.add(name);
                continue;
            }
            double best = 0;
            for (int a = 0; a < singles.attributes().size(); a++) {
                double auc = OutOfFoldAuc.of(foldCounts(cube(singles, u, a, b)), settings.smoothing());
                if (!Double.isNaN(auc)) {
                    best = Math.max(best, auc);
                }
            }
            candidates.add(new Strength(name, best));
        }
        if (!tooFine.isEmpty() && settings.pairCandidates() >= 2) {
            warnings.add("not paired because they have more than " + settings.maxPairFeatureCategories()
                    + " categories: " + tooFine);
        }
        candidates.sort(Comparator.comparingDouble(Strength::auc).reversed().thenComparing(Strength::feature));
        List<String> strongest = candidates.stream().limit(settings.pairCandidates()).map(Strength::feature)
                .toList();
        // Pairs name their features in declared order, whatever their strength.
        List<String> chosen = singles.units().stream().map(x -> x.get(0)).filter(strongest::contains).toList();
        if (candidates.size() > chosen.size()) {
            warnings.add("pairs were screened among the " + chosen.size() + " strongest features only: " + chosen);
        }
        List<List<String>> pairs = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            for (int j = i + 1; j < chosen.size(); j++) {
                pairs.add(List.of(chosen.get(i), chosen.get(j)));
            }
        }
        return pairs;
    }

    /**
     * Computes everything from count states.
     *
     * @param singles    the single-feature state
     * @param pairs      the pair state, or null
     * @param binning    the binning of every feature ({@link #binning})
     * @param favourable which decision is favourable
     * @param references declared reference values, attribute → value
     * @param warnings   warnings so far, copied into the result
     */
    public ProxyAnalysis analyse(ProxyCounts singles, ProxyCounts pairs, Map<String, FeatureBinning> binning,
            Favourable favourable, Map<String, String> references, List<String> warnings) {
        List<Draft> drafts = new ArrayList<>();
        for (int u = 0; u < singles.units().size(); u++) {
            FeatureBinning b = binning.get(singles.units().get(u).get(0));
            for (int a = 0; a < singles.attributes().size(); a++) {
                drafts.add(draft(singles.units().get(u), singles.attributes().get(a), cube(singles, u, a, b),
                        b.numeric() ? List.of(b.feature() + " is numeric: binned into " + (b.categories() - 1)
                                + " quantile categories (missing values, if any, one of them)") : List.of()));
            }
        }
        if (pairs != null) {
            for (int u = 0; u < pairs.units().size(); u++) {
                for (int a = 0; a < pairs.attributes().size(); a++) {
                    drafts.add(draft(pairs.units().get(u), pairs.attributes().get(a), cube(pairs, u, a, null),
                            List.of()));
                }
            }
        }
        // Multiple testing across every finding with a p-value.
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i).test != null) {
                tested.add(i);
            }
        }
        double[] raw = new double[tested.size()];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = drafts.get(tested.get(k)).test.pValue();
        }
        double[] adjusted = settings.pValueAdjustment().adjust(raw);
        for (int k = 0; k < raw.length; k++) {
            drafts.get(tested.get(k)).adjusted = adjusted[k];
        }
        drafts.sort(Comparator.comparingDouble((Draft d) -> d.auc.status() == Status.OK ? -d.auc.value() : 1)
                .thenComparingDouble(d -> d.v.status() == Status.OK ? -d.v.value() : 1)
                .thenComparing(d -> String.join(",", d.features) + "|" + d.attribute));
        List<ProxyFinding> findings = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            boolean strong = d.v.status() == Status.OK && d.v.value() >= settings.cramersVThreshold()
                    || d.auc.status() == Status.OK && d.auc.value() >= settings.aucThreshold();
            boolean flagged = d.adjusted != null && d.adjusted < settings.alpha() && strong
                    && d.n >= settings.minRows();
            findings.add(new ProxyFinding(d.features, d.attribute, d.n, d.categories, d.v, d.u, d.auc, d.test,
                    d.adjusted, flagged, i + 1, d.warnings));
        }
        List<ConditionalDisparity> disparities = new ArrayList<>();
        for (int u = 0; u < singles.units().size(); u++) {
            FeatureBinning b = binning.get(singles.units().get(u).get(0));
            for (int a = 0; a < singles.attributes().size(); a++) {
                disparities.addAll(conditional(b.feature(), singles.attributes().get(a), singles.attributeValues(a),
                        cube(singles, u, a, b), favourable, references.get(singles.attributes().get(a))));
            }
        }
        List<String> features = singles.units().stream().map(x -> x.get(0)).toList();
        List<String> numeric = features.stream().filter(f -> binning.get(f).numeric()).toList();
        return new ProxyAnalysis(settings, features, numeric, findings, disparities, warnings);
    }

    /** Counts per [category][attribute value][fold][decision], categories after binning (identity for pairs). */
    static long[][][][] cube(ProxyCounts counts, int unit, int attribute, FeatureBinning binning) {
        int codes = counts.unitCategories(unit);
        int categories = binning == null ? codes : binning.categories();
        int values = counts.attributeValues(attribute).size();
        int folds = counts.folds();
        long[][][][] cube = new long[categories][values][folds][2];
        for (int code = 0; code < codes; code++) {
            int c = binning == null ? code : binning.category(code);
            for (int v = 0; v < values; v++) {
                for (int f = 0; f < folds; f++) {
                    cube[c][v][f][0] += counts.count(unit, attribute, code, v, f, false);
                    cube[c][v][f][1] += counts.count(unit, attribute, code, v, f, true);
                }
            }
        }
        return cube;
    }

    private static long[][][] foldCounts(long[][][][] cube) {
        long[][][] out = new long[cube.length][][];
        for (int c = 0; c < cube.length; c++) {
            out[c] = new long[cube[c].length][];
            for (int v = 0; v < cube[c].length; v++) {
                out[c][v] = new long[cube[c][v].length];
                for (int f = 0; f < cube[c][v].length; f++) {
                    out[c][v][f] = cube[c][v][f][0] + cube[c][v][f][1];
                }
            }
        }
        return out;
    }

    private static long[][] table(long[][][][] cube) {
        long[][] out = new long[cube.length][];
        for (int c = 0; c < cube.length; c++) {
            out[c] = new long[cube[c].length];
            for (int v = 0; v < cube[c].length; v++) {
                for (long[] fold : cube[c][v]) {
                    out[c][v] += fold[0] + fold[1];
                }
            }
        }
        return out;
    }

    /** A finding before correction and ranking. */
    private static final class Draft {
        List<String> features;
        String attribute;
        long n;
        int categories;
        Estimate v;
        Estimate u;
        Estimate auc;
        TestResult test;
        Double adjusted;
        List<String> warnings;
    }

    private Draft draft(List<String> features, String attribute, long[][][][] cube, List<String> notes) {
        Draft d = new Draft();
        d.features = features;
        d.attribute = attribute;
        d.warnings = new ArrayList<>(notes);
        Contingency t = new Contingency(table(cube));
        d.n = t.n;
        d.categories = t.rows;
        boolean small = t.n < settings.minRows();
        if (!t.defined()) {
            String why = t.n == 0 ? "no rows" : t.rows < 2 ? "only one feature category has rows"
                    : "only one attribute value has rows";
            d.warnings.add("association undefined: " + why);
            Status s = t.n == 0 ? Status.UNDEFINED_EMPTY_GROUP : Status.UNDEFINED_ZERO_DENOMINATOR;
            d.v = Estimate.undefined(s);
            d.u = Estimate.undefined(s);
            d.auc = Estimate.undefined(s);
            return d;
        }
        d.v = estimate(t.cramersV(), small);
        double h = t.columnEntropy();
        d.u = estimate(h > 0 ? t.mutualInformation() / h : Double.NaN, small);
        d.auc = estimate(OutOfFoldAuc.of(foldCounts(cube), settings.smoothing()), small);
        double statistic = t.chiSquared();
        if (t.chiSquaredApproximationHolds()) {
            d.test = new TestResult("chi-squared", statistic, t.degreesOfFreedom(), t.chiSquaredPValue());
        } else {
            String cells = t.smallExpectedCells() + " of " + (t.rows * t.columns) + " expected cell counts are below 5"
                    + String.format(Locale.ROOT, " (smallest %.2f)", t.minExpected());
            long seed = settings.seed() ^ (String.join(",", features) + "|" + attribute).hashCode();
            double p = t.permutationPValue(settings.permutations(), seed);
            if (Double.isNaN(p)) {
                d.warnings.add(cells + "; the table is too large for a permutation test, so the p-value is the"
                        + " chi-squared approximation and may be too small");
                d.test = new TestResult("chi-squared", statistic, t.degreesOfFreedom(), t.chiSquaredPValue());
            } else {
                d.warnings.add(cells + "; p-value from " + t.permutationsRun(settings.permutations())
                        + " permutations");
                d.test = new TestResult("chi-squared-permutation", statistic, t.degreesOfFreedom(), p);
            }
        }
        if (small) {
            d.warnings.add("only " + t.n + " rows (minimum " + settings.minRows() + "): inconclusive, not flagged");
        }
        return d;
    }

    private static Estimate estimate(double value, boolean small) {
        if (Double.isNaN(value)) {
            return Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR);
        }
        return new Estimate(value, small ? Status.INSUFFICIENT_SAMPLE : Status.OK, null);
    }

    private List<ConditionalDisparity> conditional(String feature, String attribute, List<String> values,
            long[][][][] cube, Favourable favourable, String declaredReference) {
        int categories = cube.length;
        long[][] selected = new long[categories][values.size()];
        long[][] notSelected = new long[categories][values.size()];
        long[] valueRows = new long[values.size()];
        for (int c = 0; c < categories; c++) {
            for (int v = 0; v < values.size(); v++) {
                for (long[] fold : cube[c][v]) {
                    notSelected[c][v] += fold[0];
                    selected[c][v] += fold[1];
                }
                valueRows[v] += selected[c][v] + notSelected[c][v];
            }
        }
        int reference = -1;
        if (declaredReference != null) {
            reference = values.indexOf(declaredReference);
        }
        if (reference < 0 || valueRows[reference] == 0) {
            for (int v = 0; v < values.size(); v++) {
                if (valueRows[v] > 0 && (reference < 0 || valueRows[v] > valueRows[reference])) {
                    reference = v;
                }
            }
        }
        List<ConditionalDisparity> out = new ArrayList<>();
        if (reference < 0) {
            return out;
        }
        boolean acceptedIsSelected = favourable == Favourable.SELECTED;
        for (int g = 0; g < values.size(); g++) {
            if (g == reference || valueRows[g] == 0) {
                continue;
            }
            List<String> warnings = new ArrayList<>();
            double[][] strata = new double[categories][];
            for (int c = 0; c < categories; c++) {
                strata[c] = new double[] {selected[c][g], notSelected[c][g], selected[c][reference],
                    notSelected[c][reference]};
            }
            MantelHaenszel mh = MantelHaenszel.of(strata, settings.continuityCorrection());
            boolean small = Math.min(valueRows[g], valueRows[reference]) < settings.minRows();
            if (small) {
                warnings.add("fewer than " + settings.minRows() + " rows in the group or the reference: inconclusive");
            }
            Estimate crude = estimate(mh.crudeOddsRatio, small);
            Estimate adjusted = Double.isNaN(mh.oddsRatio) ? Estimate.undefined(Status.UNDEFINED_ZERO_DENOMINATOR)
                    : new Estimate(mh.oddsRatio, small ? Status.INSUFFICIENT_SAMPLE : Status.OK,
                            Double.isNaN(mh.lower) ? null
                                    : new Interval(mh.lower, mh.upper, "robins-breslow-greenland"));
            TestResult cmh = Double.isNaN(mh.statistic) ? null
                    : new TestResult(settings.continuityCorrection() ? "cochran-mantel-haenszel-corrected"
                            : "cochran-mantel-haenszel", mh.statistic, 1, mh.pValue);
            if (cmh == null) {
                warnings.add("no stratum has variance: the Cochran-Mantel-Haenszel test is undefined");
            }
            double share = Double.NaN;
            if (mh.crudeOddsRatio > 0 && mh.oddsRatio > 0 && Math.log(mh.crudeOddsRatio) != 0) {
                share = 1 - Math.log(mh.oddsRatio) / Math.log(mh.crudeOddsRatio);
            }
            Estimate shareExplained = estimate(share, small);
            // Clarify's DD and CDD: group d against all other rows; accepted = the favourable decision.
            double rejD = 0;
            double rejAll = 0;
            double accD = 0;
            double accAll = 0;
            double weighted = 0;
            long included = 0;
            long excluded = 0;
            for (int c = 0; c < categories; c++) {
                long accCd = acceptedIsSelected ? selected[c][g] : notSelected[c][g];
                long rejCd = acceptedIsSelected ? notSelected[c][g] : selected[c][g];
                long accC = 0;
                long rejC = 0;
                for (int v = 0; v < values.size(); v++) {
                    accC += acceptedIsSelected ? selected[c][v] : notSelected[c][v];
                    rejC += acceptedIsSelected ? notSelected[c][v] : selected[c][v];
                }
                accD += accCd;
                rejD += rejCd;
                accAll += accC;
                rejAll += rejC;
                if (accC + rejC == 0) {
                    continue;
                }
                if (accC == 0 || rejC == 0) {
                    excluded += accC + rejC;
                    continue;
                }
                double dd = (double) rejCd / rejC - (double) accCd / accC;
                weighted += (accC + rejC) * dd;
                included += accC + rejC;
            }
            double dd = accAll > 0 && rejAll > 0 ? rejD / rejAll - accD / accAll : Double.NaN;
            double cdd = included > 0 ? weighted / included : Double.NaN;
            if (excluded > 0) {
                warnings.add(excluded + " row(s) are in strata where every decision is the same; DD is undefined"
                        + " there and they are left out of CDD");
            }
            out.add(new ConditionalDisparity(feature, attribute, values.get(g), values.get(reference),
                    valueRows[g] + valueRows[reference], mh.strataUsed, crude, adjusted, cmh, shareExplained,
                    estimate(dd, small), estimate(cdd, small), excluded, warnings));
        }
        return out;
    }
}
