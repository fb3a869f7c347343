package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.core.table.AreaReference;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.aggregate.AreaComposition.GroupComposition;
import dev.fairaudit.metrics.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Computes an {@link AreaComposition} from decision counts per area ({@link AreaCounts}) and an area table
 * ({@link AreaReference}). Reads only the two states.
 *
 * <p>For a group g with share {@code s_a} in area a, and {@code k_a} selected decisions in a, the expected
 * share among the selected is {@code Σ k_a s_a / Σ k_a}; its interval is the normal interval of a mean over
 * decisions, {@code mean ± 1.96 sd / √n}, with the sd of {@code s_a} over the selected decisions. The interval
 * reflects which areas the selected happened to come from, not the ecological assumption itself.
 */
public final class AreaCompositionAnalysis {

    private static final double Z = 1.959963984540054;

    private AreaCompositionAnalysis() {
    }

    /**
     * The composition.
     *
     * @param counts       decisions per area
     * @param reference    the area table
     * @param areaColumn   the decisions' area column (for the document)
     * @param minGroupSize fewer selected (or not selected) decisions with a reference than this is inconclusive
     */
    public static AreaComposition compute(AreaCounts counts, AreaReference reference, String areaColumn,
            int minGroupSize) {
        List<String> groups = reference.groups();
        int g = groups.size();
        // Per decision set (0 assessed, 1 selected, 2 not selected): n, Σ s, Σ s² per group.
        long[] n = new long[3];
        double[][] sum = new double[3][g];
        double[][] sumSq = new double[3][g];
        long rows = counts.rowsWithoutArea();
        long selected = counts.selectedWithoutArea();
        long without = counts.rowsWithoutArea();
        long selectedWithout = counts.selectedWithoutArea();
        int areasMatched = 0;
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, long[]> e : counts.byArea().entrySet()) {
            long total = e.getValue()[0];
            long sel = e.getValue()[1];
            rows += total;
            selected += sel;
            long[] c = reference.counts(e.getKey());
            if (c == null) {
                without += total;
                selectedWithout += sel;
                unknown.add(e.getKey());
                continue;
            }
            areasMatched++;
            double areaTotal = 0;
            for (long v : c) {
                areaTotal += v;
            }
            long[] k = {total, sel, total - sel};
            for (int set = 0; set < 3; set++) {
                n[set] += k[set];
                for (int j = 0; j < g; j++) {
                    double s = c[j] / areaTotal;
                    sum[set][j] += k[set] * s;
                    sumSq[set][j] += k[set] * s * s;
                }
            }
        }

        // Reference population and proxy strength over every usable area of the table.
        double[] groupTotal = new double[g];
        double all = 0;
        for (String area : reference.areas()) {
            long[] c = reference.counts(area);
            for (int j = 0; j < g; j++) {
                groupTotal[j] += c[j];
                all += c[j];
            }
        }
        List<GroupComposition> out = new ArrayList<>();
        for (int j = 0; j < g; j++) {
            double population = groupTotal[j] / all;
            double[] strength = proxyStrength(reference, j, groupTotal[j], all);
            Double assessed = n[0] > 0 ? sum[0][j] / n[0] : null;
            Interval assessedCi = meanInterval(n[0], sum[0][j], sumSq[0][j]);
            Double sel = n[1] > 0 ? sum[1][j] / n[1] : null;
            Interval selCi = meanInterval(n[1], sum[1][j], sumSq[1][j]);
            Double notSel = n[2] > 0 ? sum[2][j] / n[2] : null;
            Double ratio = sel != null && assessed != null && assessed > 0 ? sel / assessed : null;
            Double diff = sel != null && notSel != null ? sel - notSel : null;
            Interval diffCi = null;
            if (diff != null && n[1] > 1 && n[2] > 1) {
                double se = Math.sqrt(variance(n[1], sum[1][j], sumSq[1][j]) / n[1]
                        + variance(n[2], sum[2][j], sumSq[2][j]) / n[2]);
                diffCi = new Interval(Math.max(-1, diff - Z * se), Math.min(1, diff + Z * se), "normal-welch");
            }
            Status status = n[1] == 0 ? Status.UNDEFINED_EMPTY_GROUP
                    : n[1] < minGroupSize || n[2] < minGroupSize ? Status.INSUFFICIENT_SAMPLE : Status.OK;
            out.add(new GroupComposition(groups.get(j), status, population, assessed, assessedCi, sel, selCi, notSel,
                    sum[1][j], ratio, diff, diffCi, strength[0], strength[1]));
        }
        List<String> warnings = new ArrayList<>(reference.warnings());
        if (without > 0) {
            warnings.add(String.format(Locale.ROOT, "%d of %d decision(s) (%d selected) have no usable area reference"
                    + " (%d without an area value; %d distinct area value(s) not in %s or with suppressed or zero"
                    + " counts) and are left out of the composition", without, rows, selectedWithout,
                    counts.rowsWithoutArea(), unknown.size(), reference.fileName()));
        }
        return new AreaComposition(reference.fileName(), reference.sha256(), areaColumn, rows, selected, without,
                selectedWithout, counts.byArea().size(), areasMatched, out, AreaComposition.LIMITATION, warnings);
    }

    /**
     * The result with the composition added; its limitation and warnings join the result's warnings, so that
     * every document states them.
     */
    public static AuditResult addTo(AuditResult result, AreaComposition composition) {
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.add(composition.limitation());
        composition.warnings().forEach(w -> warnings.add("area composition: " + w));
        AggregateAnalyses before = result.aggregateAnalyses();
        return result.withWarnings(warnings).withAggregateAnalyses(
                new AggregateAnalyses(before == null ? null : before.rounding(), composition));
    }

    /** Dissimilarity index and correlation ratio (eta²) of group j over the table's areas. */
    static double[] proxyStrength(AreaReference reference, int j, double groupTotal, double all) {
        double rest = all - groupTotal;
        double p = groupTotal / all;
        double d = 0;
        double between = 0;
        for (String area : reference.areas()) {
            long[] c = reference.counts(area);
            double areaTotal = 0;
            for (long v : c) {
                areaTotal += v;
            }
            double gA = c[j];
            double restA = areaTotal - gA;
            d += Math.abs((groupTotal > 0 ? gA / groupTotal : 0) - (rest > 0 ? restA / rest : 0));
            double share = gA / areaTotal;
            between += areaTotal * (share - p) * (share - p);
        }
        double eta2 = p > 0 && p < 1 ? between / (all * p * (1 - p)) : 0;
        return new double[] {d / 2, Math.min(1, eta2)};
    }

    private static double variance(long n, double sum, double sumSq) {
        if (n < 2) {
            return 0;
        }
        double mean = sum / n;
        return Math.max(0, (sumSq - n * mean * mean) / (n - 1));
    }

    private static Interval meanInterval(long n, double sum, double sumSq) {
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        double half = Z * Math.sqrt(variance(n, sum, sumSq) / n);
        return new Interval(Math.max(0, mean - half), Math.min(1, mean + half), "normal-mean");
    }
}
