package dev.fairaudit.metrics.proxy;

import dev.fairaudit.metrics.AuditConfigurationException;
import java.util.Arrays;
import java.util.List;

/**
 * How the codes of one feature column are grouped into the categories that are screened. A categorical
 * feature keeps one category per value; a feature declared numeric with more distinct values than bins is cut
 * into quantile bins, computed exactly from the value histogram in the count state (so no second pass over rows
 * is needed), with the missing value as a category of its own. A value is never split across bins, so heavy
 * ties give fewer bins than asked. Features are categorical unless declared numeric: a Dutch postcode is
 * written in digits but is a category.
 *
 * @param feature    the feature column
 * @param numeric    whether the feature was binned by quantiles
 * @param codeToBin  column code → category; codes beyond the array (values first seen after binning) go to the
 *                   category {@code categories() - 1}, reserved for them
 * @param categories the number of categories, the reserved one for unseen values included
 */
public record FeatureBinning(String feature, boolean numeric, int[] codeToBin, int categories) {

    /** Validates and copies. */
    public FeatureBinning {
        if (feature == null || codeToBin == null) {
            throw new IllegalArgumentException("feature and codeToBin are required");
        }
        codeToBin = codeToBin.clone();
        for (int b : codeToBin) {
            if (b < 0 || b >= categories - 1) {
                throw new IllegalArgumentException("bin " + b + " outside [0, " + (categories - 1) + ")");
            }
        }
    }

    /** The category of a column code. */
    public int category(int code) {
        return code < codeToBin.length ? codeToBin[code] : categories - 1;
    }

    /**
     * Bins a feature from its dictionary and per-code row counts.
     *
     * @param feature      the column name
     * @param dictionary   code → value
     * @param missingCode  the code of missing values, or -1
     * @param rowsPerCode  rows per code
     * @param numericBins  quantile bins for a numeric feature
     * @param numeric      whether the feature is declared numeric
     * @throws AuditConfigurationException when a feature declared numeric has a value that is not a finite number
     */
    public static FeatureBinning of(String feature, List<String> dictionary, int missingCode, long[] rowsPerCode,
            int numericBins, boolean declaredNumeric) {
        int size = dictionary.size();
        double[] numbers = new double[size];
        int distinctNumbers = 0;
        boolean numeric = declaredNumeric;
        for (int code = 0; code < size && numeric; code++) {
            if (code == missingCode) {
                continue;
            }
            String value = dictionary.get(code);
            try {
                numbers[code] = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                numbers[code] = Double.NaN;
            }
            if (!Double.isFinite(numbers[code])) {
                throw new AuditConfigurationException("feature '" + feature + "' is declared numeric but has the value '"
                        + (value.length() <= 40 ? value : value.substring(0, 37) + "...")
                        + "', which is not a finite number");
            }
            distinctNumbers++;
        }
        int[] bins = new int[size];
        if (!numeric || distinctNumbers <= numericBins) {
            for (int code = 0; code < size; code++) {
                bins[code] = code;
            }
            return new FeatureBinning(feature, false, bins, size + 1);
        }
        Integer[] order = new Integer[size];
        long total = 0;
        int k = 0;
        for (int code = 0; code < size; code++) {
            if (code != missingCode) {
                order[k++] = code;
                total += code < rowsPerCode.length ? rowsPerCode[code] : 0;
            }
        }
        Integer[] sorted = Arrays.copyOf(order, k);
        Arrays.sort(sorted, (a, b) -> Double.compare(numbers[a], numbers[b]));
        // A value's bin is the quantile of its middle row, so ties stay together and bins hold about total/B rows.
        long before = 0;
        int used = 0;
        int[] raw = new int[size];
        for (Integer code : sorted) {
            long rows = code < rowsPerCode.length ? rowsPerCode[code] : 0;
            double mid = total == 0 ? 0 : (before + rows / 2.0) / total;
            raw[code] = Math.min(numericBins - 1, (int) Math.floor(mid * numericBins));
            before += rows;
        }
        // Renumber the bins actually used densely, in order.
        int[] dense = new int[numericBins];
        Arrays.fill(dense, -1);
        for (Integer code : sorted) {
            if (dense[raw[code]] < 0) {
                dense[raw[code]] = used++;
            }
            bins[code] = dense[raw[code]];
        }
        if (missingCode >= 0) {
            bins[missingCode] = used++;
        }
        return new FeatureBinning(feature, true, bins, used + 1);
    }
}
