package dev.fairaudit.metrics.proxy;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Stratified 2×2 tables: the Cochran–Mantel–Haenszel test, the Mantel–Haenszel common odds ratio with the
 * Robins–Breslow–Greenland (1986) interval, and the crude (pooled) odds ratio. Stratum k is
 * {@code [a, b; c, d]} = group selected, group not selected; reference selected, reference not selected.
 * Strata with fewer than two rows carry no information and are skipped, as in R's {@code mantelhaen.test}.
 */
final class MantelHaenszel {

    final int strataUsed;
    final double n;
    final double crudeOddsRatio;
    final double oddsRatio;
    final double lower;
    final double upper;
    final double statistic;
    final double pValue;

    private MantelHaenszel(int strataUsed, double n, double crude, double or, double lower, double upper,
            double statistic, double pValue) {
        this.strataUsed = strataUsed;
        this.n = n;
        this.crudeOddsRatio = crude;
        this.oddsRatio = or;
        this.lower = lower;
        this.upper = upper;
        this.statistic = statistic;
        this.pValue = pValue;
    }

    /**
     * @param strata  {@code strata[k] = {a, b, c, d}}
     * @param correct whether to apply the continuity correction (0.5, only when |Σ(a − E a)| ≥ 0.5, as R does)
     * @return the results; a value is NaN where it is undefined (zero denominator)
     */
    static MantelHaenszel of(double[][] strata, boolean correct) {
        double sa = 0;
        double sb = 0;
        double sc = 0;
        double sd = 0;
        double delta = 0;
        double variance = 0;
        double sumR = 0;
        double sumS = 0;
        double sumPR = 0;
        double sumPSQR = 0;
        double sumQS = 0;
        int used = 0;
        double n = 0;
        for (double[] s : strata) {
            double a = s[0];
            double b = s[1];
            double c = s[2];
            double d = s[3];
            double t = a + b + c + d;
            sa += a;
            sb += b;
            sc += c;
            sd += d;
            n += t;
            if (t < 2) {
                continue;
            }
            used++;
            delta += a - (a + b) * (a + c) / t;
            variance += (a + b) * (c + d) * (a + c) * (b + d) / (t * t * (t - 1));
            double r = a * d / t;
            double q = b * c / t;
            double p = (a + d) / t;
            double qq = (b + c) / t;
            sumR += r;
            sumS += q;
            sumPR += p * r;
            sumPSQR += p * q + qq * r;
            sumQS += qq * q;
        }
        double crude = sb * sc > 0 ? sa * sd / (sb * sc) : Double.NaN;
        double or = sumS > 0 ? sumR / sumS : Double.NaN;
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (sumR > 0 && sumS > 0) {
            double var = sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS);
            double half = 1.959963984540054 * Math.sqrt(var);
            lower = Math.exp(Math.log(or) - half);
            upper = Math.exp(Math.log(or) + half);
        }
        double statistic = Double.NaN;
        double p = Double.NaN;
        if (variance > 0) {
            double yates = correct && Math.abs(delta) >= 0.5 ? 0.5 : 0;
            statistic = Math.pow(Math.abs(delta) - yates, 2) / variance;
            p = ChiSquaredDistribution.of(1).survivalProbability(statistic);
        }
        return new MantelHaenszel(used, n, crude, or, lower, upper, statistic, p);
    }
}
