/**
 * The decision log: an append-only, hash-chained, crash-safe record of every decision, outcome, review,
 * appeal and governance event. See {@code docs/decision-log.md} for the format, the threat model and the
 * durability modes.
 *
 * <p>{@link dev.fairaudit.core.log.DecisionLog} appends (it is the real {@link dev.fairaudit.core.log.LogSink});
 * {@link dev.fairaudit.core.log.LogVerifier} walks the chain and pinpoints the first problem;
 * {@link dev.fairaudit.core.log.LogReader} streams records back; {@link dev.fairaudit.core.log.LogEraser}
 * erases payloads whose retention has ended while the chain still verifies;
 * {@link dev.fairaudit.core.log.CanonicalJson} is the canonical form payload digests are computed over.
 */
package dev.fairaudit.core.log;
