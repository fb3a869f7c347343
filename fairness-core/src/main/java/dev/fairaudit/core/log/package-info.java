/**
 * The decision log: an append-only, hash-chained, crash-safe record of every decision, outcome, review,
 * appeal and governance event. See {@code docs/decision-log.md} for the format, the threat model and the
 * durability modes.
 *
 * <p>{@link dev.fairaudit.core.log.DecisionLog} appends; {@link dev.fairaudit.core.log.LogVerifier} walks the
 * chain and pinpoints the first problem; {@link dev.fairaudit.core.log.LogReader} streams records back.
 */
package dev.fairaudit.core.log;
