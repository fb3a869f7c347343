package dev.fairaudit.metrics.criteria;

import java.util.Locale;

/** What the criteria's verdicts advise, from mild to severe. */
public enum Advice {
    /** Every criterion passed: continue as registered. */
    CONTINUE,
    /**
     * No criterion that calls for a stop failed, but one is inconclusive or a criterion that calls for an
     * adjustment failed: adjust (collect more random controls, fix the profile) and evaluate again.
     */
    ADJUST,
    /** A criterion that calls for a stop failed: stop using the profile. */
    STOP;

    /** {@code continue}, {@code adjust} or {@code stop}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
