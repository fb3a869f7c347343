package dev.fairaudit.metrics;

/**
 * The per-group rates. Notation per group: TP, FP, FN, TN are the rows with a known label by decision
 * (selected = positive decision) and label; rows whose label is unknown count only for the selection rate.
 * See {@code docs/metrics.md} for the definitions, conventions and where peer tools differ.
 */
public enum Metric {
    /** Selected / all rows. Disparate impact is the ratio of selection rates. */
    SELECTION_RATE("selectionRate", "selected", "all rows"),
    /** (TP + FN) / rows with a known label: how often the event happened. */
    BASE_RATE("baseRate", "label positive", "rows with a known label"),
    /** TP / (TP + FN). */
    TRUE_POSITIVE_RATE("truePositiveRate", "TP", "TP + FN"),
    /** FP / (FP + TN). */
    FALSE_POSITIVE_RATE("falsePositiveRate", "FP", "FP + TN"),
    /** FN / (TP + FN). */
    FALSE_NEGATIVE_RATE("falseNegativeRate", "FN", "TP + FN"),
    /** TN / (FP + TN). */
    TRUE_NEGATIVE_RATE("trueNegativeRate", "TN", "FP + TN"),
    /** TP / (TP + FP). */
    POSITIVE_PREDICTIVE_VALUE("positivePredictiveValue", "TP", "TP + FP"),
    /** TN / (TN + FN). */
    NEGATIVE_PREDICTIVE_VALUE("negativePredictiveValue", "TN", "TN + FN"),
    /** FP / (TP + FP). */
    FALSE_DISCOVERY_RATE("falseDiscoveryRate", "FP", "TP + FP"),
    /** FN / (TN + FN). */
    FALSE_OMISSION_RATE("falseOmissionRate", "FN", "TN + FN"),
    /** (TP + TN) / rows with a known label. */
    ACCURACY("accuracy", "TP + TN", "rows with a known label");

    private final String key;
    private final String numerator;
    private final String denominator;

    Metric(String key, String numerator, String denominator) {
        this.key = key;
        this.numerator = numerator;
        this.denominator = denominator;
    }

    /** The camelCase key used in the JSON document, for example {@code selectionRate}. */
    public String key() {
        return key;
    }

    /** What the numerator counts. */
    public String numeratorDescription() {
        return numerator;
    }

    /** What the denominator counts. */
    public String denominatorDescription() {
        return denominator;
    }

    /** Whether the metric needs a label (all but the selection rate). */
    public boolean needsLabel() {
        return this != SELECTION_RATE;
    }

    /**
     * The metric whose complement this one is (1 − that metric on the same denominator), or null. FNR = 1 − TPR,
     * TNR = 1 − FPR, FDR = 1 − PPV, FOR = 1 − NPV: a test of equal rates gives the same p-value for both, so
     * only the first of each pair joins the multiple-testing family.
     */
    public Metric complementOf() {
        return switch (this) {
            case FALSE_NEGATIVE_RATE -> TRUE_POSITIVE_RATE;
            case TRUE_NEGATIVE_RATE -> FALSE_POSITIVE_RATE;
            case FALSE_DISCOVERY_RATE -> POSITIVE_PREDICTIVE_VALUE;
            case FALSE_OMISSION_RATE -> NEGATIVE_PREDICTIVE_VALUE;
            default -> null;
        };
    }

    /** The metric with this JSON key. */
    public static Metric fromKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + key + "'");
    }
}
