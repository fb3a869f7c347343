package dev.fairaudit.metrics.distributions;

import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.TestResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;

/**
 * The statistics of the score, numeric-outcome and trend analyses, computed from mergeable states (moments and
 * sketches), never from rows. Distributions and the Welch t-test come from Apache Commons Statistics; the
 * closed-form formulas are written here with their sources. Methods return null where a statistic is undefined;
 * callers turn that into a status.
 */
public final class DistributionTests {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final double Z975 = NORMAL.inverseCumulativeProbability(0.975);

    private DistributionTests() {
    }

    /** The 95% t interval of a mean, or null for fewer than two values. */
    public static Interval meanInterval(Moments m) {
        if (m.count() < 2) {
            return null;
        }
        double half = TDistribution.of(m.count() - 1).inverseCumulativeProbability(0.975)
                * Math.sqrt(m.variance() / m.count());
        return new Interval(m.mean() - half, m.mean() + half, "t");
    }

    /**
     * The distribution-free 95% interval of the median from order statistics: {@code [x(r), x(n−r+1)]} with r the
     * 0.025 quantile of Binomial(n, 1/2) (coverage at least 95%, up to ties); null when n is too small (r < 1).
     */
    public static Interval medianInterval(ValueSketch s) {
        long n = s.count();
        if (n < 1 || n > Integer.MAX_VALUE) {
            return null;
        }
        int r = BinomialDistribution.of((int) n, 0.5).inverseCumulativeProbability(0.025);
        if (r < 1) {
            return null;
        }
        ValueSketch.Buckets b = s.buckets();
        return new Interval(b.valueAtRank(r), b.valueAtRank(n - r + 1), "order-statistics");
    }

    /**
     * Welch's (1951) one-way ANOVA for unequal variances from per-group moments: weights {@code w = n / s²},
     * {@code F = [Σ w (x̄ − x̄w)² / (k − 1)] / [1 + 2 (k − 2) / (k² − 1) · Σ (1 − w / W)² / (n − 1)]},
     * {@code df1 = k − 1}, {@code df2 = (k² − 1) / (3 Σ (1 − w / W)² / (n − 1))}. Null when fewer than two groups,
     * or a group has fewer than two values or no spread.
     */
    public static TestResult welchAnova(List<Moments> groups) {
        int k = groups.size();
        if (k < 2) {
            return null;
        }
        double[] w = new double[k];
        double sw = 0;
        double swx = 0;
        for (int i = 0; i < k; i++) {
            Moments m = groups.get(i);
            if (m.count() < 2 || !(m.variance() > 0)) {
                return null;
            }
            w[i] = m.count() / m.variance();
            sw += w[i];
            swx += w[i] * m.mean();
        }
        double grand = swx / sw;
        double a = 0;
        double tmp = 0;
        for (int i = 0; i < k; i++) {
            Moments m = groups.get(i);
            a += w[i] * (m.mean() - grand) * (m.mean() - grand);
            double d = 1 - w[i] / sw;
            tmp += d * d / (m.count() - 1);
        }
        a /= k - 1;
        double b = 1 + 2.0 * (k - 2) / ((double) k * k - 1) * tmp;
        double f = a / b;
        double df1 = k - 1;
        if (!(tmp > 0)) {
            return null;
        }
        double df2 = ((double) k * k - 1) / (3 * tmp);
        double p = FDistribution.of(df1, df2).survivalProbability(f);
        return new TestResult("welch-anova", f, df1, clamp(p));
    }

    /**
     * Welch's two-sample t-test (unequal variances, Apache Commons Statistics {@link TTest}), or null when a
     * group has fewer than two values or both have no spread.
     */
    public static TestResult welchT(Moments a, Moments b) {
        if (a.count() < 2 || b.count() < 2 || !(a.variance() + b.variance() > 0)) {
            return null;
        }
        TTest.Result r = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC)
                .test(a.mean(), a.variance(), a.count(), b.mean(), b.variance(), b.count());
        return new TestResult("welch-t", r.getStatistic(), r.getDegreesOfFreedom(), clamp(r.getPValue()));
    }

    /** The 95% Welch interval of {@code mean(a) − mean(b)}, or null where {@link #welchT} is undefined. */
    public static Interval welchDifferenceInterval(Moments a, Moments b) {
        TestResult t = welchT(a, b);
        if (t == null) {
            return null;
        }
        double se = Math.sqrt(a.variance() / a.count() + b.variance() / b.count());
        double half = TDistribution.of(t.degreesOfFreedom()).inverseCumulativeProbability(0.975) * se;
        double d = a.mean() - b.mean();
        return new Interval(d - half, d + half, "welch");
    }

    /**
     * Kruskal–Wallis H test with the tie correction, values in the same sketch bucket counting as tied:
     * {@code H = [12 / (N (N + 1)) Σ R²/n − 3 (N + 1)] / [1 − Σ (t³ − t) / (N³ − N)]}, chi-squared with k − 1
     * degrees of freedom. Null when fewer than two non-empty groups or all values are tied.
     */
    public static TestResult kruskalWallis(List<ValueSketch> groups) {
        Ranks r = Ranks.of(groups);
        if (r == null) {
            return null;
        }
        double n = r.total;
        double h = 0;
        for (int g = 0; g < r.rankSums.length; g++) {
            h += r.rankSums[g] * r.rankSums[g] / r.sizes[g];
        }
        h = 12 / (n * (n + 1)) * h - 3 * (n + 1);
        double correction = 1 - r.tieSum / (n * n * n - n);
        if (!(correction > 0)) {
            return null;
        }
        h = Math.max(0, h / correction);
        double df = r.rankSums.length - 1;
        return new TestResult("kruskal-wallis", h, df, clamp(ChiSquaredDistribution.of(df).survivalProbability(h)));
    }

    /**
     * Mann–Whitney U test, two-sided, normal approximation with tie and continuity correction (as SciPy's
     * {@code mannwhitneyu(x, y, method="asymptotic")}); the statistic is U of the first sample. Values in the same
     * sketch bucket count as tied. Null when a sample is empty or all values are tied.
     */
    public static TestResult mannWhitney(ValueSketch a, ValueSketch b) {
        Ranks r = Ranks.of(List.of(a, b));
        if (r == null) {
            return null;
        }
        double n1 = r.sizes[0];
        double n2 = r.sizes[1];
        double n = n1 + n2;
        double u1 = r.rankSums[0] - n1 * (n1 + 1) / 2;
        double u = Math.max(u1, n1 * n2 - u1);
        double mu = n1 * n2 / 2;
        double sd = Math.sqrt(n1 * n2 / 12 * ((n + 1) - r.tieSum / (n * (n - 1))));
        if (!(sd > 0)) {
            return null;
        }
        double z = (u - mu - 0.5) / sd;
        return new TestResult("mann-whitney", u1, 0, clamp(2 * NORMAL.survivalProbability(z)));
    }

    /**
     * The area under the ROC curve, {@code P(score of a positive > score of a negative) + ½ P(tie)}, from the
     * score sketches of positives and negatives (values in one bucket count as tied), with the share of
     * positive–negative pairs that tie. Null when either sketch is empty.
     *
     * @return {auc, tieShare}, or null
     */
    public static double[] auc(ValueSketch positives, ValueSketch negatives) {
        if (positives.count() == 0 || negatives.count() == 0) {
            return null;
        }
        ValueSketch.Buckets p = positives.buckets();
        ValueSketch.Buckets q = negatives.buckets();
        double below = 0;
        double wins = 0;
        double ties = 0;
        int j = 0;
        for (int i = 0; i < p.size(); i++) {
            while (j < q.size() && q.keys()[j] < p.keys()[i]) {
                below += q.counts()[j++];
            }
            double same = j < q.size() && q.keys()[j] == p.keys()[i] ? q.counts()[j] : 0;
            wins += p.counts()[i] * below;
            ties += p.counts()[i] * same;
        }
        double pairs = (double) positives.count() * negatives.count();
        return new double[] {(wins + ties / 2) / pairs, ties / pairs};
    }

    /**
     * Hanley and McNeil's (1982) 95% interval of an AUC: {@code A ± 1.96 SE},
     * {@code SE² = [A(1 − A) + (n₁ − 1)(Q₁ − A²) + (n₂ − 1)(Q₂ − A²)] / (n₁ n₂)}, {@code Q₁ = A / (2 − A)},
     * {@code Q₂ = 2A² / (1 + A)}, with n₁ positives and n₂ negatives; clipped to [0, 1].
     */
    public static Interval hanleyMcNeil(double auc, long positives, long negatives) {
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double var = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / ((double) positives * negatives);
        double half = Z975 * Math.sqrt(Math.max(0, var));
        return new Interval(Math.max(0, auc - half), Math.min(1, auc + half), "hanley-mcneil");
    }

    /**
     * A weighted least-squares slope of y on x with weights {@code 1 / variance}, its 95% interval and a two-sided
     * z-test of slope 0. The standard error is {@code sqrt(max(1, φ) / Σ w (x − x̄w)²)} with
     * {@code φ = Σ w (y − fit)² / (T − 2)}: the sampling variances are trusted unless the points scatter more
     * than they allow, in which case the slope's error is widened accordingly (never narrowed). Null for fewer
     * than three points or no spread in x.
     *
     * @return {slope, standardError, z, p}, or null
     */
    public static double[] weightedSlope(double[] x, double[] y, double[] variance) {
        int t = x.length;
        if (t < 3) {
            return null;
        }
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (int i = 0; i < t; i++) {
            double w = 1 / variance[i];
            sw += w;
            swx += w * x[i];
            swy += w * y[i];
        }
        double mx = swx / sw;
        double my = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < t; i++) {
            double w = 1 / variance[i];
            sxx += w * (x[i] - mx) * (x[i] - mx);
            sxy += w * (x[i] - mx) * (y[i] - my);
        }
        if (!(sxx > 0)) {
            return null;
        }
        double slope = sxy / sxx;
        double q = 0;
        for (int i = 0; i < t; i++) {
            double r = y[i] - (my + slope * (x[i] - mx));
            q += r * r / variance[i];
        }
        double phi = q / (t - 2);
        double se = Math.sqrt(Math.max(1, phi) / sxx);
        double z = slope / se;
        return new double[] {slope, se, z, clamp(2 * NORMAL.survivalProbability(Math.abs(z)))};
    }

    /** The 95% normal interval of an estimate with a standard error. */
    static Interval normalInterval(double estimate, double se, String method) {
        return new Interval(estimate - Z975 * se, estimate + Z975 * se, method);
    }

    /**
     * The population stability index of a later distribution against a baseline, on ten bins cut at the
     * baseline's deciles: {@code PSI = Σ (a − e) ln(a / e)} over bins, with e the baseline share and a the later
     * share; an empty bin counts as a share of {@value #PSI_FLOOR} (bins empty in both are left out). Null when
     * either sketch is empty.
     */
    public static Double populationStabilityIndex(ValueSketch baseline, ValueSketch later) {
        if (baseline.count() == 0 || later.count() == 0) {
            return null;
        }
        double[] cuts = new double[9];
        for (int i = 0; i < 9; i++) {
            cuts[i] = baseline.quantile((i + 1) / 10.0);
        }
        double[] e = binShares(baseline, cuts);
        double[] a = binShares(later, cuts);
        double psi = 0;
        for (int i = 0; i < e.length; i++) {
            if (e[i] == 0 && a[i] == 0) {
                continue;
            }
            double ei = Math.max(PSI_FLOOR, e[i]);
            double ai = Math.max(PSI_FLOOR, a[i]);
            psi += (ai - ei) * Math.log(ai / ei);
        }
        return psi;
    }

    /** The share floor of an empty bin in the population stability index. */
    public static final double PSI_FLOOR = 1e-4;

    /** Shares of a sketch's values per bin: bin i holds values in (cuts[i − 1], cuts[i]]. */
    private static double[] binShares(ValueSketch s, double[] cuts) {
        double[] shares = new double[cuts.length + 1];
        ValueSketch.Buckets b = s.buckets();
        for (int i = 0; i < b.size(); i++) {
            int bin = 0;
            while (bin < cuts.length && b.means()[i] > cuts[bin]) {
                bin++;
            }
            shares[bin] += b.counts()[i];
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] /= s.count();
        }
        return shares;
    }

    private static double clamp(double p) {
        return Math.min(1, Math.max(0, p));
    }

    /** Mid-ranks of several samples ranked together, by bucket. */
    private static final class Ranks {
        double[] rankSums;
        double[] sizes;
        double total;
        double tieSum;

        static Ranks of(List<ValueSketch> samples) {
            int k = samples.size();
            TreeMap<Long, long[]> byKey = new TreeMap<>();
            double[] sizes = new double[k];
            int nonEmpty = 0;
            for (int g = 0; g < k; g++) {
                ValueSketch.Buckets b = samples.get(g).buckets();
                sizes[g] = samples.get(g).count();
                if (sizes[g] > 0) {
                    nonEmpty++;
                }
                for (int i = 0; i < b.size(); i++) {
                    byKey.computeIfAbsent(b.keys()[i], x -> new long[k])[g] += b.counts()[i];
                }
            }
            if (nonEmpty < k || byKey.size() < 2) {
                return null;
            }
            Ranks r = new Ranks();
            r.rankSums = new double[k];
            r.sizes = sizes;
            double below = 0;
            for (Map.Entry<Long, long[]> e : byKey.entrySet()) {
                long t = 0;
                for (long c : e.getValue()) {
                    t += c;
                }
                double midRank = below + (t + 1) / 2.0;
                for (int g = 0; g < k; g++) {
                    r.rankSums[g] += e.getValue()[g] * midRank;
                }
                r.tieSum += (double) t * t * t - t;
                below += t;
            }
            r.total = below;
            return r;
        }
    }
}
