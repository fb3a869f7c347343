package dev.fairaudit.metrics.risk;

import dev.fairaudit.metrics.criteria.CriteriaReport;
import java.util.List;

/**
 * What the risk-profile analyses found. Each part is null when its input was not given.
 *
 * @param routes      the route analysis, or null without a route column
 * @param outcomeTest the outcome test (on the profile route, or on every selected case without a route column)
 * @param funnel      the process funnel, or null without a stage column
 * @param criteria    the pre-registered criteria's verdicts, or null without a criteria file
 * @param warnings    what a reader must know, for example that base rates could not come from random controls
 */
public record RiskProfileResult(RouteAnalysis routes, OutcomeTest outcomeTest, Funnel funnel,
        CriteriaReport criteria, List<String> warnings) {

    /** Copies. */
    public RiskProfileResult {
        warnings = List.copyOf(warnings);
    }

    /** This result with the criteria's verdicts. */
    public RiskProfileResult withCriteria(CriteriaReport report) {
        return new RiskProfileResult(routes, outcomeTest, funnel, report, warnings);
    }
}
