package dev.fairaudit.metrics.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Multiple-testing adjustments of p-values, for when several group comparisons are reported
 * together.
 *
 * <p>Each constant has a short identifier ({@link #id()}) suitable for configuration files and
 * command lines; {@link #fromId(String)} maps it back.
 */
public enum PValueAdjustment {

    /**
     * Holm (1979) step-down adjustment, controlling the family-wise error rate. With the
     * {@code m} p-values sorted ascending, {@code p(1) <= ... <= p(m)}, the adjusted value of
     * {@code p(i)} is {@code max over j <= i of min(1, (m - j + 1)·p(j))}.
     */
    HOLM("holm"),

    /**
     * Benjamini-Hochberg (1995) step-up adjustment, controlling the false discovery rate. With
     * the {@code m} p-values sorted ascending, the adjusted value of {@code p(i)} is
     * {@code min over j >= i of min(1, p(j)·m / j)}.
     */
    BENJAMINI_HOCHBERG("bh"),

    /** No adjustment: the p-values are returned unchanged (as a copy). */
    NONE("none");

    private final String id;

    PValueAdjustment(String id) {
        this.id = id;
    }

    /**
     * The short identifier: {@code "holm"}, {@code "bh"} or {@code "none"}.
     *
     * @return the identifier
     */
    public String id() {
        return id;
    }

    /**
     * Looks an adjustment up by its {@link #id()}, ignoring case.
     *
     * @param id the identifier
     * @return the adjustment
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if no adjustment has that identifier; the message lists
     *     the valid identifiers
     */
    public static PValueAdjustment fromId(String id) {
        Objects.requireNonNull(id, "id must not be null");
        final String wanted = id.toLowerCase(Locale.ROOT);
        for (PValueAdjustment a : values()) {
            if (a.id.equals(wanted)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown p-value adjustment '" + id + "'; valid ids: "
                + Arrays.stream(values()).map(PValueAdjustment::id).collect(Collectors.joining(", ")));
    }

    /**
     * Adjusts a family of p-values. The result has the same length and order as the input;
     * every adjusted value is in [0, 1] and at least the corresponding raw value. Ties are
     * handled consistently (tied raw values get equal adjusted values). An empty array gives
     * an empty array. The input is not modified.
     *
     * @param pValues the raw p-values, each in [0, 1]
     * @return a new array of adjusted p-values, in input order
     * @throws NullPointerException if {@code pValues} is null
     * @throws IllegalArgumentException if an entry is NaN or outside [0, 1]
     */
    public double[] adjust(double[] pValues) {
        Objects.requireNonNull(pValues, "pValues must not be null");
        for (int i = 0; i < pValues.length; i++) {
            final double p = pValues[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(
                        "pValues[" + i + "] must be in [0, 1], was " + p);
            }
        }
        final int m = pValues.length;
        final double[] adjusted = new double[m];
        if (this == NONE || m == 0) {
            System.arraycopy(pValues, 0, adjusted, 0, m);
            return adjusted;
        }
        // The adjusted value depends only on the p-value (tied p-values get the same adjusted value under both
        // corrections, by the running max and min below), so sort the values themselves, a primitive sort,
        // and look each one up again.
        final double[] sorted = pValues.clone();
        Arrays.sort(sorted);
        final double[] bySortedRank = new double[m];
        if (this == HOLM) {
            double runningMax = 0;
            for (int k = 0; k < m; k++) {
                // rank k + 1 is multiplied by m - (k + 1) + 1 = m - k
                final double value = Math.min(1, (m - k) * sorted[k]);
                runningMax = Math.max(runningMax, value);
                bySortedRank[k] = runningMax;
            }
        } else {
            double runningMin = 1;
            for (int k = m - 1; k >= 0; k--) {
                // rank k + 1; m / (k + 1) is exactly 1 at the top rank and m at the bottom one
                final double value = Math.min(1, sorted[k] * ((double) m / (k + 1)));
                runningMin = Math.min(runningMin, value);
                bySortedRank[k] = runningMin;
            }
        }
        for (int i = 0; i < m; i++) {
            adjusted[i] = bySortedRank[Arrays.binarySearch(sorted, pValues[i])];
        }
        return adjusted;
    }
}
