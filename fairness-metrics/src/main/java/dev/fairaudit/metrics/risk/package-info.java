/**
 * Risk profiles judged against random controls: selection and hit rates per group and selection route, base
 * rates from the random route only, the outcome test, the profile against the random route, and the process
 * funnel with the manual step's amplification. Everything is computed from mergeable count states
 * ({@link dev.fairaudit.metrics.counts.SplitCounts}); see {@code docs/risk-profiles.md}.
 */
package dev.fairaudit.metrics.risk;
