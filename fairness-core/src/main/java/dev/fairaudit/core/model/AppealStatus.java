package dev.fairaudit.core.model;

/** Where an objection or appeal against a decision stands; recorded with {@link DecisionEvents#appeal}. */
public enum AppealStatus {
    /** The objection or appeal was lodged and is pending. */
    LODGED,
    /** It succeeded: the decision was found wrong (in Dutch administrative law: gegrond). */
    GRANTED,
    /** It failed: the decision stands (ongegrond). */
    DENIED,
    /** The appellant withdrew it. */
    WITHDRAWN
}
