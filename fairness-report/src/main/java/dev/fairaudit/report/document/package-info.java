/**
 * The audit document in HTML and Markdown, Dutch and English, built from an
 * {@link dev.fairaudit.metrics.AuditResult} only: a document model made of sections
 * ({@link dev.fairaudit.report.document.DocumentSection}, one class each, left out when the part of the result
 * it renders is absent), writers that turn the model into text and compute nothing, disclosure control, and
 * document control. See {@code docs/audit-document.md}.
 */
package dev.fairaudit.report.document;
