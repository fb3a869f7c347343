package dev.fairaudit.metrics.risk;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.SplitCounts;
import java.util.List;
import java.util.Objects;

/**
 * The count states the risk-profile analyses read: per group, counts split by selection route and by funnel
 * stage. Fill one per table and {@link #merge} them to audit a stream of chunks.
 *
 * @param routeColumn the route column's name, or null when there is none
 * @param byRoute     counts per group and route, or null when there is no route column
 * @param stageColumn the stage column's name, or null when there is none
 * @param byStage     counts per group and furthest stage reached, or null when there is no stage column
 */
public record RiskProfileCounts(String routeColumn, SplitCounts byRoute, String stageColumn, SplitCounts byStage) {

    /** Checks that each column name comes with its counts. */
    public RiskProfileCounts {
        if ((routeColumn == null) != (byRoute == null) || (stageColumn == null) != (byStage == null)) {
            throw new IllegalArgumentException("a column name needs its counts and counts need a column name");
        }
    }

    /**
     * Counts a table. The route column is the table's route (if declared); the stage column is the feature column
     * of that name.
     *
     * @param table       the rows
     * @param groupings   the groupings to count (as {@code GroupAudit#groupings} gives them)
     * @param stageColumn the name of a feature column holding the furthest stage each case reached, or null
     * @param funnel      the stage order, used to check every stage value; ignored without a stage column
     * @throws InputException           naming the column, the row and the value when a stage value is not a stage
     * @throws IllegalArgumentException when the stage column is not a feature column of the table
     */
    public static RiskProfileCounts count(DecisionTable table, List<Grouping> groupings, String stageColumn,
            FunnelSpec funnel) {
        return count(table, groupings, stageColumn, funnel, 0);
    }

    /**
     * Counts one chunk of a stream, whose first row is data row {@code rowsBefore + 1} of the whole input (for
     * error messages).
     *
     * @see #count(DecisionTable, List, String, FunnelSpec)
     */
    public static RiskProfileCounts count(DecisionTable table, List<Grouping> groupings, String stageColumn,
            FunnelSpec funnel, long rowsBefore) {
        CategoricalColumn route = table.route().orElse(null);
        SplitCounts byRoute = route == null ? null : SplitCounts.count(table, groupings, route);
        SplitCounts byStage = null;
        if (stageColumn != null) {
            CategoricalColumn stage = table.features().stream().filter(c -> c.name().equals(stageColumn))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("the stage column '" + stageColumn
                            + "' is not read as a feature of the table"));
            checkStages(table, stage, Objects.requireNonNull(funnel, "funnel"), rowsBefore);
            byStage = SplitCounts.count(table, groupings, stage);
        }
        return new RiskProfileCounts(route == null ? null : route.name(), byRoute, stageColumn, byStage);
    }

    private static void checkStages(DecisionTable table, CategoricalColumn stage, FunnelSpec funnel,
            long rowsBefore) {
        for (int code = 0; code < stage.cardinality(); code++) {
            String value = stage.value(code);
            if (funnel.stages().contains(value)) {
                continue;
            }
            int row = 0;
            while (stage.code(row) != code) {
                row++;
            }
            String what = code == stage.missingCode() ? "is missing" : "'" + value + "' is not one of the stages "
                    + funnel.stages() + nearest(value, funnel.stages());
            throw new InputException(table.source().fileName(), 0, stage.name(), "the stage of data row " + (rowsBefore + row + 1)
                    + " " + what + "; every row needs the furthest stage its case reached");
        }
    }

    private static String nearest(String value, List<String> valid) {
        String best = Similarity.nearest(value, valid);
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /**
     * The counts of both parts together.
     *
     * @throws IllegalArgumentException when the parts have different columns
     */
    public RiskProfileCounts merge(RiskProfileCounts other) {
        if (!Objects.equals(routeColumn, other.routeColumn) || !Objects.equals(stageColumn, other.stageColumn)) {
            throw new IllegalArgumentException("cannot merge counts of different columns");
        }
        return new RiskProfileCounts(routeColumn, byRoute == null ? null : byRoute.merge(other.byRoute), stageColumn,
                byStage == null ? null : byStage.merge(other.byStage));
    }
}
