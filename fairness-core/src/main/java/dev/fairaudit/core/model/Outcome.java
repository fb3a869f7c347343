package dev.fairaudit.core.model;

/** What a control of a selected case established; recorded with {@link DecisionEvents#outcome}. */
public enum Outcome {
    /** The control found what it looked for (an irregularity, fraud, an error). */
    FOUND,
    /** The control established that there was nothing to find. */
    NOT_FOUND,
    /**
     * The control could not establish either (not carried out, inconclusive). Kept apart from
     * {@link #NOT_FOUND}, because counting it as either would bias hit rates.
     */
    NOT_ESTABLISHED
}
