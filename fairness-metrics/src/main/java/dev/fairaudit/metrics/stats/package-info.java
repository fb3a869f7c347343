/**
 * Confidence intervals, significance tests and multiple-testing corrections for comparing
 * proportions between groups.
 *
 * <p>All entry points take counts as {@code double} because counts may be weighted; callers
 * with weighted data pass effective counts. Every count argument is validated and an
 * {@link java.lang.IllegalArgumentException} names the offending argument, its allowed range
 * and the value received. Unless a {@code confidence} argument is given, intervals are
 * two-sided 95% intervals; a confidence level must lie in the open interval (0, 1).
 *
 * <ul>
 *   <li>{@link dev.fairaudit.metrics.stats.ProportionIntervals}: Wilson score and
 *       Clopper-Pearson intervals for a single proportion.</li>
 *   <li>{@link dev.fairaudit.metrics.stats.RatioIntervals}: Katz log interval for a ratio of
 *       two proportions.</li>
 *   <li>{@link dev.fairaudit.metrics.stats.DifferenceIntervals}: Newcombe hybrid score
 *       interval for a difference of two proportions.</li>
 *   <li>{@link dev.fairaudit.metrics.stats.ProportionTests}: two-proportion z-test, Fisher's
 *       exact test and Pearson's chi-squared test of independence.</li>
 *   <li>{@link dev.fairaudit.metrics.stats.PValueAdjustment}: Holm and Benjamini-Hochberg
 *       p-value adjustments.</li>
 * </ul>
 *
 * <p>Distributions and exact tests come from Apache Commons Statistics; only closed-form
 * interval and statistic formulas are written here. All types are immutable and thread-safe.
 */
package dev.fairaudit.metrics.stats;
