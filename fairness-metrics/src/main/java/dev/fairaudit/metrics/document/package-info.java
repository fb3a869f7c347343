/**
 * What the audit document needs besides the analyses: document control (id, date, version, configuration hash,
 * period, scope, decision-log verification) and the disclosure-control decisions (which cells a published
 * document withholds). Values only; {@code fairness-report} fills them and renders them.
 */
package dev.fairaudit.metrics.document;
