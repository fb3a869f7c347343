package dev.fairaudit.metrics.criteria;

import java.util.List;

/**
 * A criterion's verdict with its evidence. The verdict is FAIL when any group fails, else INCONCLUSIVE when any
 * is inconclusive (or there is no estimate at all), else PASS.
 *
 * @param criterion the criterion
 * @param verdict   the verdict
 * @param observed  the estimate that decided the verdict (the first failing, else the first inconclusive, else
 *                  the one closest to the bound), or null when there is none
 * @param reason    why, in words
 * @param evidence  every group's estimate and verdict
 */
public record CriterionResult(Criterion criterion, Verdict verdict, Quantity observed, String reason,
        List<Evidence> evidence) {

    /** Copies. */
    public CriterionResult {
        evidence = List.copyOf(evidence);
    }
}
