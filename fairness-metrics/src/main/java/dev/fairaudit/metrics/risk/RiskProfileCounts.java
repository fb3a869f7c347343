package dev.fairaudit.metrics.risk;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.OutcomeRule;
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
 * @param profileDecisionColumn the profile-decision column's name, or null when there is none
 * @param byProfileDecision     counts per group and the profile's would-be decision on random-route rows
 *                              ({@link #FLAGGED}, {@link #NOT_FLAGGED}, {@link #UNKNOWN}; rows of other routes under
 *                              {@link #OTHER_ROUTE}), or null when there is no profile-decision column
 */
public record RiskProfileCounts(String routeColumn, SplitCounts byRoute, String stageColumn, SplitCounts byStage,
        String profileDecisionColumn, SplitCounts byProfileDecision) {

    /** {@link #byProfileDecision} level: a random-route case the profile would have selected. */
    public static final String FLAGGED = "flagged";
    /** {@link #byProfileDecision} level: a random-route case the profile would not have selected. */
    public static final String NOT_FLAGGED = "not flagged";
    /** {@link #byProfileDecision} level: a random-route case whose profile decision is missing. */
    public static final String UNKNOWN = "unknown";
    /** {@link #byProfileDecision} level: a case on another route than the random one (not read). */
    public static final String OTHER_ROUTE = "(other route)";

    /** Checks that each column name comes with its counts. */
    public RiskProfileCounts {
        if ((routeColumn == null) != (byRoute == null) || (stageColumn == null) != (byStage == null)
                || (profileDecisionColumn == null) != (byProfileDecision == null)) {
            throw new IllegalArgumentException("a column name needs its counts and counts need a column name");
        }
        if (profileDecisionColumn != null && routeColumn == null) {
            throw new IllegalArgumentException("a profile-decision column needs a route column");
        }
    }

    /** Counts without a profile-decision column. */
    public RiskProfileCounts(String routeColumn, SplitCounts byRoute, String stageColumn, SplitCounts byStage) {
        this(routeColumn, byRoute, stageColumn, byStage, null, null);
    }

    /**
     * Counts a table. The route column is the table's route (if declared); the stage column is the feature column
     * of that name; the profile-decision column is the table's (if declared), read on random-route rows only
     * (route {@code RANDOM}, any case) with the rule of {@code TableSpec#profileDecision()}.
     *
     * @param table       the rows
     * @param groupings   the groupings to count (as {@code GroupAudit#groupings} gives them)
     * @param stageColumn the name of a feature column holding the furthest stage each case reached, or null
     * @param funnel      the stage order, used to check every stage value; ignored without a stage column
     * @throws InputException           naming the column, the row and the value when a stage value is not a stage,
     *                                  or a random-route row's profile decision cannot be read by its rule
     * @throws IllegalArgumentException when the stage column is not a feature column of the table, or the table
     *                                  has a profile-decision column but no route column
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
        String profileColumn = null;
        SplitCounts byProfile = null;
        CategoricalColumn profile = table.profileDecision().orElse(null);
        if (profile != null) {
            if (route == null) {
                throw new IllegalArgumentException("the profile decision ('" + profile.name() + "') is read on"
                        + " random-route rows only, so it needs a route column");
            }
            profileColumn = profile.name();
            byProfile = SplitCounts.count(table, groupings, profileLevels(table, route, profile,
                    table.spec().profileDecision(), rowsBefore));
        }
        return new RiskProfileCounts(route == null ? null : route.name(), byRoute, stageColumn, byStage,
                profileColumn, byProfile);
    }

    /**
     * The profile's would-be decision per row as a column of levels: the rule is applied once per distinct value,
     * and only values that occur on a random-route row must be readable.
     */
    private static CategoricalColumn profileLevels(DecisionTable table, CategoricalColumn route,
            CategoricalColumn profile, OutcomeRule rule, long rowsBefore) {
        boolean[] random = new boolean[Math.max(1, route.cardinality())];
        for (int code = 0; code < route.cardinality(); code++) {
            random[code] = code != route.missingCode()
                    && route.value(code).trim().equalsIgnoreCase(RiskProfileAnalysis.RANDOM);
        }
        List<String> levels = List.of(FLAGGED, NOT_FLAGGED, UNKNOWN, OTHER_ROUTE);
        int[] levelOfValue = new int[Math.max(1, profile.cardinality())];
        for (int code = 0; code < profile.cardinality(); code++) {
            levelOfValue[code] = code == profile.missingCode() ? 2 : level(rule, profile.value(code));
        }
        int rows = table.rowCount();
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            if (!random[route.code(i)]) {
                codes[i] = 3;
                continue;
            }
            int level = levelOfValue[profile.code(i)];
            if (level < 0) {
                throw new InputException(table.source().fileName(), 0, profile.name(), "the profile decision of"
                        + " data row " + (rowsBefore + i + 1) + " (route " + route.value(route.code(i)) + ") is '"
                        + shorten(profile.value(profile.code(i))) + "', which is not a number, but the rule '"
                        + rule.spec() + "' compares numbers");
            }
            codes[i] = level;
        }
        return new CategoricalColumn(profile.name(), levels, codes, -1);
    }

    /** 0 flagged, 1 not flagged, or -1 when a threshold rule meets a value that is not a number. */
    private static int level(OutcomeRule rule, String raw) {
        if (rule instanceof OutcomeRule.ValueSet set) {
            return set.positives().contains(raw) ? 0 : 1;
        }
        try {
            double v = Double.parseDouble(raw);
            if (Double.isNaN(v)) {
                return -1;
            }
            return ((OutcomeRule.Threshold) rule).test(v) ? 0 : 1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String shorten(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 37) + "...";
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
        if (!Objects.equals(routeColumn, other.routeColumn) || !Objects.equals(stageColumn, other.stageColumn)
                || !Objects.equals(profileDecisionColumn, other.profileDecisionColumn)) {
            throw new IllegalArgumentException("cannot merge counts of different columns");
        }
        return new RiskProfileCounts(routeColumn, byRoute == null ? null : byRoute.merge(other.byRoute), stageColumn,
                byStage == null ? null : byStage.merge(other.byStage), profileDecisionColumn,
                byProfileDecision == null ? null : byProfileDecision.merge(other.byProfileDecision));
    }
}
