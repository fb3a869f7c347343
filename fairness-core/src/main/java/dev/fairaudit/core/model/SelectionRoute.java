package dev.fairaudit.core.model;

/**
 * How a case came to be decided about (selected for a control, say). Base rates are estimated from the
 * {@link #RANDOM} route; the profile is judged against them.
 */
public enum SelectionRoute {
    /** Selected by a risk profile or model: the route whose fairness is audited. */
    PROFILE,
    /**
     * Drawn into the random control arm by a {@link RandomControlSampler}: selected or not by chance alone, so
     * the outcomes in this arm estimate base rates without the profile's bias.
     */
    RANDOM,
    /** Selected by a person without the model (a case worker's own choice). */
    MANUAL,
    /** Selected because of an external signal: a tip-off, a report from another organisation, a data match. */
    SIGNAL
}
