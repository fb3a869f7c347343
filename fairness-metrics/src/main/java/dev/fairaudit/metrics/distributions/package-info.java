/**
 * Score distributions, numeric outcomes and trends over time, per group: the mergeable states
 * ({@link dev.fairaudit.metrics.distributions.ValueSketch}, {@link dev.fairaudit.metrics.distributions.Moments},
 * {@link dev.fairaudit.metrics.distributions.GroupDistributions},
 * {@link dev.fairaudit.metrics.distributions.DistributionCounts}), the statistics computed from them
 * ({@link dev.fairaudit.metrics.distributions.DistributionTests}), the analysis
 * ({@link dev.fairaudit.metrics.distributions.DistributionAudit}) and its results
 * ({@link dev.fairaudit.metrics.distributions.ScoresAndTrends}). See {@code docs/risk-profiles-scores-trends.md}.
 */
package dev.fairaudit.metrics.distributions;
