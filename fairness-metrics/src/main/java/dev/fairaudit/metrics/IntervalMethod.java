package dev.fairaudit.metrics;

/** The confidence interval used for per-group rates. */
public enum IntervalMethod {
    /** Wilson score interval: good coverage, never outside [0, 1]. The default. */
    WILSON("wilson"),
    /** Clopper-Pearson exact interval: conservative (coverage at least the nominal level). */
    CLOPPER_PEARSON("clopper-pearson");

    private final String id;

    IntervalMethod(String id) {
        this.id = id;
    }

    /** The identifier used on the command line and in the JSON document. */
    public String id() {
        return id;
    }

    /** Parses an identifier. */
    public static IntervalMethod fromId(String id) {
        for (IntervalMethod m : values()) {
            if (m.id.equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("interval method must be 'wilson' or 'clopper-pearson', was '" + id + "'");
    }
}
