package dev.fairaudit.core.table;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The declared roles of the input columns: which are protected attributes, how the decision (and optionally
 * the ground-truth label) is derived, and which optional columns carry a score, a selection route, a
 * timestamp, a case weight or other features. Also how missing values and unreadable rows are handled.
 *
 * <p>Columns that have no role are not read into the table: protected attributes are kept only where
 * configured.
 *
 * @param protectedAttributes   protected attribute columns, at least one, in the order they are reported
 * @param decision              how the decision is derived (positive = selected)
 * @param label                 how the ground-truth label is derived, or null when there is none
 * @param score                 numeric score column, or null
 * @param route                 selection route column (PROFILE, RANDOM, MANUAL, SIGNAL), or null
 * @param timestamp             timestamp column (ISO-8601 date or date-time), or null
 * @param weight                case weight column (finite, non-negative), or null
 * @param features              other feature columns read as categories (for later analyses)
 * @param missingValues         raw values that mean "missing" in any column; by default only the empty string
 * @param missingGroup          the group name that missing protected-attribute values are counted under
 * @param skipBadRows           skip rows that cannot be parsed (counted and reported) instead of failing
 * @param numericOutcome        numeric outcome column (a satisfaction rating, a waiting time, an amount), or
 *                              null; a missing value is allowed and counted, any other non-number is an error
 * @param profileDecision       how the risk profile's would-be decision is derived (positive = the profile would
 *                              select the case), or null; kept as raw values ({@link DecisionTable#profileDecision()})
 *                              and read only on the random route, where the profile did not decide
 */
public record TableSpec(
        List<String> protectedAttributes,
        OutcomeRule decision,
        OutcomeRule label,
        String score,
        String route,
        String timestamp,
        String weight,
        List<String> features,
        Set<String> missingValues,
        String missingGroup,
        boolean skipBadRows,
        String numericOutcome,
        OutcomeRule profileDecision) {

    /** The default name of the group of rows whose protected attribute is missing. */
    public static final String DEFAULT_MISSING_GROUP = "(missing)";

    /** Validates and copies. */
    public TableSpec {
        if (protectedAttributes == null || protectedAttributes.isEmpty()) {
            throw new IllegalArgumentException("at least one protected attribute is required");
        }
        protectedAttributes = List.copyOf(protectedAttributes);
        if (new LinkedHashSet<>(protectedAttributes).size() != protectedAttributes.size()) {
            throw new IllegalArgumentException("protected attributes repeat a column: " + protectedAttributes);
        }
        if (decision == null) {
            throw new IllegalArgumentException("a decision rule is required");
        }
        features = features == null ? List.of() : List.copyOf(features);
        missingValues = missingValues == null ? Set.of("") : Set.copyOf(missingValues);
        if (missingGroup == null || missingGroup.isBlank()) {
            throw new IllegalArgumentException("missingGroup must be a non-blank name");
        }
    }

    /**
     * The spec without a profile-decision column, for callers written before it existed.
     */
    public TableSpec(List<String> protectedAttributes, OutcomeRule decision, OutcomeRule label, String score,
            String route, String timestamp, String weight, List<String> features, Set<String> missingValues,
            String missingGroup, boolean skipBadRows, String numericOutcome) {
        this(protectedAttributes, decision, label, score, route, timestamp, weight, features, missingValues,
                missingGroup, skipBadRows, numericOutcome, null);
    }

    /**
     * The spec without a numeric outcome column, for callers written before it existed.
     */
    public TableSpec(List<String> protectedAttributes, OutcomeRule decision, OutcomeRule label, String score,
            String route, String timestamp, String weight, List<String> features, Set<String> missingValues,
            String missingGroup, boolean skipBadRows) {
        this(protectedAttributes, decision, label, score, route, timestamp, weight, features, missingValues,
                missingGroup, skipBadRows, null, null);
    }

    /** The label rule, when a label is declared. */
    public Optional<OutcomeRule> labelRule() {
        return Optional.ofNullable(label);
    }

    /** Whether a raw value counts as missing. */
    public boolean isMissing(String raw) {
        return raw == null || missingValues.contains(raw);
    }

    /**
     * The columns a reader must supply, in this order: protected attributes, decision, then label, score,
     * route, timestamp and weight where declared, then features, then the numeric outcome and the profile
     * decision where declared. A column may appear more than once when it has more than one role.
     */
    public List<String> readColumns() {
        List<String> columns = new ArrayList<>(protectedAttributes);
        columns.add(decision.column());
        if (label != null) {
            columns.add(label.column());
        }
        for (String optional : new String[] {score, route, timestamp, weight}) {
            if (optional != null) {
                columns.add(optional);
            }
        }
        columns.addAll(features);
        if (numericOutcome != null) {
            columns.add(numericOutcome);
        }
        if (profileDecision != null) {
            columns.add(profileDecision.column());
        }
        return columns;
    }

    /** A builder; protected attributes and the decision are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TableSpec}. */
    public static final class Builder {
        private final List<String> protectedAttributes = new ArrayList<>();
        private OutcomeRule decision;
        private OutcomeRule label;
        private String score;
        private String route;
        private String timestamp;
        private String weight;
        private final List<String> features = new ArrayList<>();
        private Set<String> missingValues = Set.of("");
        private String missingGroup = DEFAULT_MISSING_GROUP;
        private boolean skipBadRows;
        private String numericOutcome;
        private OutcomeRule profileDecision;

        private Builder() {
        }

        /** Adds protected attribute columns. */
        public Builder protectedAttributes(String... columns) {
            protectedAttributes.addAll(List.of(columns));
            return this;
        }

        /** Adds protected attribute columns. */
        public Builder protectedAttributes(List<String> columns) {
            protectedAttributes.addAll(columns);
            return this;
        }

        /** The decision rule, for example {@code OutcomeRule.parse("score_text=Medium,High")}. */
        public Builder decision(OutcomeRule rule) {
            this.decision = rule;
            return this;
        }

        /** The decision rule as a spec string. */
        public Builder decision(String spec) {
            return decision(OutcomeRule.parse(spec));
        }

        /** The label rule. */
        public Builder label(OutcomeRule rule) {
            this.label = rule;
            return this;
        }

        /** The label rule as a spec string. */
        public Builder label(String spec) {
            return label(OutcomeRule.parse(spec));
        }

        /** The numeric score column. */
        public Builder score(String column) {
            this.score = column;
            return this;
        }

        /** The selection route column. */
        public Builder route(String column) {
            this.route = column;
            return this;
        }

        /** The timestamp column. */
        public Builder timestamp(String column) {
            this.timestamp = column;
            return this;
        }

        /** The case weight column. */
        public Builder weight(String column) {
            this.weight = column;
            return this;
        }

        /** Adds feature columns. */
        public Builder features(String... columns) {
            features.addAll(List.of(columns));
            return this;
        }

        /** The raw values that mean missing (replaces the default, which is only the empty string). */
        public Builder missingValues(Set<String> values) {
            this.missingValues = values;
            return this;
        }

        /** The group name for missing protected-attribute values. */
        public Builder missingGroup(String name) {
            this.missingGroup = name;
            return this;
        }

        /** Skip unparseable rows (counted and reported) instead of failing on the first. */
        public Builder skipBadRows(boolean skip) {
            this.skipBadRows = skip;
            return this;
        }

        /** The numeric outcome column (parsed strictly; missing values allowed and counted). */
        public Builder numericOutcome(String column) {
            this.numericOutcome = column;
            return this;
        }

        /**
         * The rule for the risk profile's would-be decision on random-route cases, for example
         * {@code profile_selected=1}; see {@link TableSpec#profileDecision()}.
         */
        public Builder profileDecision(OutcomeRule rule) {
            this.profileDecision = rule;
            return this;
        }

        /** The profile-decision rule as a spec string. */
        public Builder profileDecision(String spec) {
            return profileDecision(OutcomeRule.parse(spec));
        }

        /** Builds the spec. */
        public TableSpec build() {
            return new TableSpec(protectedAttributes, decision, label, score, route, timestamp, weight, features,
                    missingValues, missingGroup, skipBadRows, numericOutcome, profileDecision);
        }
    }
}
