package dev.fairaudit.core.model;

/**
 * A model that decides about one case: a risk profile, a scoring rule, a classifier, a call to a remote scoring
 * service. {@link AuditedModel} wraps one and has the same shape, so callers swap one for the other.
 *
 * <p>{@link #decide} may throw checked exceptions, as {@link java.util.concurrent.Callable#call()} does: a
 * model that calls a remote service throws {@link java.io.IOException}, and the wrapper rethrows that exact
 * instance after recording it, instead of wrapping it in an unchecked exception the caller did not expect.
 *
 * @param <I> the input: the case as the model sees it
 * @param <O> the output: a decision, a score, or both
 */
@FunctionalInterface
public interface DecisionModel<I, O> {

    /**
     * Decides about one case.
     *
     * @param input the case
     * @return the model's output
     * @throws Exception whatever the model throws; an audited model records it and rethrows it unchanged
     */
    O decide(I input) throws Exception;
}
