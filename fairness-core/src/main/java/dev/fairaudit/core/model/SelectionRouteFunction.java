package dev.fairaudit.core.model;

/**
 * Tells which route a case comes through, before any random draw. {@link AuditedModel} calls it for every case;
 * cases on the {@link SelectionRoute#PROFILE} route are then offered to the {@link RandomControlSampler}, if one
 * is configured.
 *
 * @param <I> the model's input
 */
@FunctionalInterface
public interface SelectionRouteFunction<I> {

    /**
     * The route of one case.
     *
     * @param input the case
     * @return {@link SelectionRoute#PROFILE}, {@link SelectionRoute#MANUAL} or {@link SelectionRoute#SIGNAL};
     *         never null and never {@link SelectionRoute#RANDOM}, which only the sampler assigns so that every
     *         RANDOM record carries the seed and draw it came from
     */
    SelectionRoute route(I input);
}
