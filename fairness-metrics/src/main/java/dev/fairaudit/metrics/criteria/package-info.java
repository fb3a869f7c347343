/**
 * Pre-registered success criteria: a criteria file ({@link dev.fairaudit.metrics.criteria.CriteriaParser}) names
 * quantities with bounds; {@link dev.fairaudit.metrics.criteria.QuantityResolver}s map each quantity name to
 * estimates with intervals from an {@link dev.fairaudit.metrics.AuditResult}; the
 * {@link dev.fairaudit.metrics.criteria.CriteriaEvaluator} turns them into PASS, FAIL or INCONCLUSIVE and an
 * overall advice. See {@code docs/risk-profiles.md} for the file format and the quantity names.
 */
package dev.fairaudit.metrics.criteria;
