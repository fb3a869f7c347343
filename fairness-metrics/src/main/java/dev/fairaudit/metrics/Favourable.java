package dev.fairaudit.metrics;

/**
 * Which decision is good for the person. Being granted a benefit is favourable ({@link #SELECTED}); being
 * selected for a fraud control is adverse ({@link #NOT_SELECTED}).
 */
public enum Favourable {
    /** A positive decision (selected) is favourable. */
    SELECTED("selected"),
    /** A positive decision (selected) is adverse; not being selected is favourable. */
    NOT_SELECTED("not-selected");

    private final String id;

    Favourable(String id) {
        this.id = id;
    }

    /** The identifier used on the command line and in the JSON document. */
    public String id() {
        return id;
    }

    /** Parses {@code selected} or {@code not-selected}. */
    public static Favourable fromId(String id) {
        for (Favourable f : values()) {
            if (f.id.equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("favourable must be 'selected' or 'not-selected', was '" + id + "'");
    }
}
