package dev.fairaudit.cli;

import java.util.List;
import dev.fairaudit.metrics.counts.Grouping;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditConfigurationException;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.distributions.DistributionAudit;
import dev.fairaudit.metrics.distributions.DistributionCounts;
import dev.fairaudit.metrics.distributions.PeriodUnit;
import picocli.CommandLine.Option;

/**
 * The options of the score, numeric-outcome and trend analyses of {@code fairaudit audit}. The score column
 * itself is {@code --score} of the audit command.
 */
final class ScoresTrendsOptions {

    @Option(names = "--numeric-outcome", paramLabel = "COL",
            description = "A numeric outcome per row (rating, waiting time, amount): mean and median per group, "
                    + "Welch ANOVA, Kruskal-Wallis and pairwise tests. Missing values are counted; any other "
                    + "non-number is an input error.")
    String numericOutcome;

    @Option(names = "--time", paramLabel = "COL",
            description = "With --input, the time of each decision: an ISO date (2025-03-01), date-time or instant."
                    + " Dates and date-times without an offset are UTC; with an offset they are converted to UTC.")
    String time;

    @Option(names = "--period", paramLabel = "month|quarter|year",
            description = "Trends per calendar period (UTC) of --time, or of the log's decision time with --log "
                    + "(default with --time: month).")
    String period;

    /** Checks the combination; adds the columns to the spec of an --input file. */
    void applyTo(TableSpec.Builder spec) {
        check(false);
        if (numericOutcome != null) {
            spec.numericOutcome(numericOutcome);
        }
        if (time != null) {
            spec.timestamp(time);
        }
    }

    /** Checks the combination for a --log input. */
    void checkForLog() {
        check(true);
    }

    private void check(boolean log) {
        if (log && (time != null || numericOutcome != null)) {
            throw new IllegalArgumentException("--time and --numeric-outcome go with --input: a log has its own "
                    + "decision time; use --period to see trends over it");
        }
        if (!log && period != null && time == null) {
            throw new IllegalArgumentException("--period needs --time COL, the column with each decision's time");
        }
        if (period != null) {
            PeriodUnit.fromId(period);
        }
    }

    private PeriodUnit unit() {
        if (period != null) {
            return PeriodUnit.fromId(period);
        }
        return time != null ? PeriodUnit.MONTH : null;
    }

    /**
     * The empty states the rows fill when --score ({@code scoreGiven}), --numeric-outcome, --time or --period is
     * given; else null.
     *
     * @throws AuditConfigurationException when --period is given for rows without a time
     */
    DistributionCounts start(TableSpec spec, List<Grouping> groupings, boolean scoreGiven) {
        PeriodUnit unit = unit();
        if (unit != null && spec.timestamp() == null) {
            throw new AuditConfigurationException("--period needs a time per decision, and this input has none");
        }
        if (!scoreGiven && spec.numericOutcome() == null && unit == null) {
            return null;
        }
        return DistributionCounts.empty(groupings, unit);
    }

    /** The result with the analyses of the filled states added; unchanged when {@code counts} is null. */
    AuditResult finish(DistributionCounts counts, GroupAudit audit, AuditResult result) {
        if (counts == null) {
            return result;
        }
        return result.withScoresAndTrends(new DistributionAudit(audit.settings()).run(counts, result.references()));
    }
}
