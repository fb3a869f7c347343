package dev.fairaudit.metrics.criteria;

/**
 * One group's estimate and its verdict against a criterion's bound.
 *
 * @param quantity the estimate
 * @param verdict  the verdict on it
 * @param reason   why, in words
 */
public record Evidence(Quantity quantity, Verdict verdict, String reason) {
}
