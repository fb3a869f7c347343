package dev.fairaudit.metrics.criteria;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.List;
import java.util.Set;

/**
 * Maps quantity names (such as {@code selectionRate.ratio} or {@code hitRate.liftOverRandom}) to estimates with
 * intervals from an audit result. Analyses plug their quantities into criteria evaluation by providing one.
 */
public interface QuantityResolver {

    /** The quantity names this resolver knows. */
    Set<String> quantities();

    /**
     * The estimates of a quantity for the groups of a grouping.
     *
     * @param quantity one of {@link #quantities()}
     * @param grouping the grouping ({@link Grouping#OVERALL} for the whole population)
     * @param result   the audit result
     * @return one estimate per group it is defined for (comparisons: per group other than the reference); empty
     *         when the result holds no such analysis
     */
    List<Quantity> resolve(String quantity, Grouping grouping, AuditResult result);
}
