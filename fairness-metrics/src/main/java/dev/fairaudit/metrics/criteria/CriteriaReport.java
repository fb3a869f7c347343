package dev.fairaudit.metrics.criteria;

import java.time.LocalDate;
import java.util.List;

/**
 * Every criterion's verdict and the advice that follows.
 *
 * @param name           the criteria file's name, or null
 * @param source         where the criteria came from
 * @param evaluationDate the registered evaluation date, or null
 * @param results        per criterion, in file order
 * @param advice         continue, adjust or stop
 * @param adviceReason   why, in words
 */
public record CriteriaReport(String name, String source, LocalDate evaluationDate, List<CriterionResult> results,
        Advice advice, String adviceReason) {

    /** Copies. */
    public CriteriaReport {
        results = List.copyOf(results);
    }

    /** Whether any criterion failed. */
    public boolean anyFailed() {
        return results.stream().anyMatch(r -> r.verdict() == Verdict.FAIL);
    }
}
