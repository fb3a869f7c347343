/**
 * Wrapping decision models so that every decision is recorded as evidence.
 *
 * <p>{@link dev.fairaudit.core.model.AuditedModel} wraps a {@link dev.fairaudit.core.model.DecisionModel} and
 * has the same shape: it calls the model, writes a DECISION record to a
 * {@link dev.fairaudit.core.log.LogSink} and returns the model's output, or rethrows the model's exception
 * after recording it. Subject identifiers are written only as keyed-hash pseudonyms
 * ({@link dev.fairaudit.core.model.Pseudonymizer}); protected attributes never appear in decision records and
 * are recorded, when configured, in PROTECTED_ATTRIBUTES records on a separate sink.
 *
 * <p>Each decision carries its {@link dev.fairaudit.core.model.SelectionRoute}. A
 * {@link dev.fairaudit.core.model.RandomControlSampler} sends a share of cases to a random control arm whose
 * outcomes estimate base rates without the profile's bias; its seed and draw are in every RANDOM record, so
 * the draws can be checked.
 *
 * <p>{@link dev.fairaudit.core.model.DecisionEvents} records what follows a decision (outcomes, reviews,
 * appeals) and {@link dev.fairaudit.core.model.GovernanceEvent governance events}.
 */
package dev.fairaudit.core.model;
