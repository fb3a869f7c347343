package dev.fairaudit.metrics;

/**
 * How the reference group of a grouping is chosen when no explicit reference is declared for all of its
 * attributes.
 */
public enum ReferenceStrategy {
    /** The group with the most rows (weighted). Ties go to the first group in value order. */
    LARGEST("largest"),
    /**
     * The group with the most favourable selection rate (the highest when being selected is favourable, the
     * lowest when it is adverse), among groups at or above the minimum group size (all non-empty groups when
     * none is). Ties go to the larger group.
     */
    MOST_FAVOURABLE("most-favourable"),
    /**
     * The whole population. Ratios and differences are against the overall rate; intervals and tests come
     * from the group against the rest of the population, transformed exactly (see docs/metrics.md).
     */
    OVERALL("overall");

    private final String id;

    ReferenceStrategy(String id) {
        this.id = id;
    }

    /** The identifier used on the command line and in the JSON document. */
    public String id() {
        return id;
    }

    /** Parses an identifier. */
    public static ReferenceStrategy fromId(String id) {
        for (ReferenceStrategy s : values()) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("reference strategy must be one of largest, most-favourable, overall;"
                + " was '" + id + "'");
    }
}
