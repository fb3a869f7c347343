package dev.fairaudit.metrics.proxy;

import java.util.Arrays;

/**
 * How well one categorical feature alone predicts an attribute: each row is scored with an out-of-fold,
 * smoothed target encoding of its category, {@code (k + m·prior) / (n + m)} where {@code k} and {@code n} count the
 * category's rows with the attribute value and in all in the <em>other</em> folds and {@code prior} is the value's
 * share in the other folds. The pooled out-of-fold scores give a one-vs-rest ROC AUC per attribute value
 * (ties count half); with more than two values the AUCs are averaged with equal weight per value (macro
 * average), so a small group counts as much as a large one.
 */
final class OutOfFoldAuc {

    private OutOfFoldAuc() {
    }

    /**
     * @param counts    rows per [category][attribute value][fold]
     * @param smoothing the prior weight m
     * @return the macro-averaged AUC, or NaN when fewer than two attribute values have rows
     */
    static double of(long[][][] counts, double smoothing) {
        int categories = counts.length;
        if (categories == 0) {
            return Double.NaN;
        }
        int values = counts[0].length;
        int folds = counts[0][0].length;
        long[][] categoryFold = new long[categories][folds];
        long[][] categoryValue = new long[categories][values];
        long[] categoryTotal = new long[categories];
        long[][] valueFold = new long[values][folds];
        long[] valueTotal = new long[values];
        long[] foldTotal = new long[folds];
        long total = 0;
        for (int c = 0; c < categories; c++) {
            for (int a = 0; a < values; a++) {
                for (int f = 0; f < folds; f++) {
                    long x = counts[c][a][f];
                    categoryFold[c][f] += x;
                    categoryValue[c][a] += x;
                    categoryTotal[c] += x;
                    valueFold[a][f] += x;
                    valueTotal[a] += x;
                    foldTotal[f] += x;
                    total += x;
                }
            }
        }
        double sum = 0;
        int averaged = 0;
        double[] scores = new double[categories * folds];
        long[] positives = new long[categories * folds];
        long[] negatives = new long[categories * folds];
        for (int a = 0; a < values; a++) {
            if (valueTotal[a] == 0 || valueTotal[a] == total) {
                continue;
            }
            int entries = 0;
            for (int f = 0; f < folds; f++) {
                long outside = total - foldTotal[f];
                if (outside == 0) {
                    continue;
                }
                double prior = (double) (valueTotal[a] - valueFold[a][f]) / outside;
                for (int c = 0; c < categories; c++) {
                    long here = categoryFold[c][f];
                    if (here == 0) {
                        continue;
                    }
                    long otherRows = categoryTotal[c] - here;
                    long otherHits = categoryValue[c][a] - counts[c][a][f];
                    double denominator = otherRows + smoothing;
                    scores[entries] = denominator > 0 ? (otherHits + smoothing * prior) / denominator : prior;
                    positives[entries] = counts[c][a][f];
                    negatives[entries] = here - counts[c][a][f];
                    entries++;
                }
            }
            double auc = auc(scores, positives, negatives, entries);
            if (!Double.isNaN(auc)) {
                sum += auc;
                averaged++;
            }
        }
        return averaged >= 2 ? sum / averaged : Double.NaN;
    }

    /** ROC AUC of weighted (score, positives, negatives) entries; ties count half. */
    static double auc(double[] scores, long[] positives, long[] negatives, int entries) {
        Integer[] order = new Integer[entries];
        for (int i = 0; i < entries; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[x], scores[y]));
        double pos = 0;
        double neg = 0;
        for (int i = 0; i < entries; i++) {
            pos += positives[i];
            neg += negatives[i];
        }
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double negativesBelow = 0;
        double concordant = 0;
        int i = 0;
        while (i < entries) {
            int j = i;
            double tiePos = 0;
            double tieNeg = 0;
            while (j < entries && scores[order[j]] == scores[order[i]]) {
                tiePos += positives[order[j]];
                tieNeg += negatives[order[j]];
                j++;
            }
            concordant += tiePos * negativesBelow + 0.5 * tiePos * tieNeg;
            negativesBelow += tieNeg;
            i = j;
        }
        return concordant / (pos * neg);
    }
}
