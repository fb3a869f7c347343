/**
 * The audit document. {@link dev.fairaudit.report.JsonAuditWriter} serialises an
 * {@link dev.fairaudit.metrics.AuditResult} to {@code audit.json}, faithfully and deterministically (the same
 * result gives the same bytes); its schema is documented in {@code docs/audit-json.md}. Writers compute
 * nothing: every number comes from the result.
 */
package dev.fairaudit.report;
