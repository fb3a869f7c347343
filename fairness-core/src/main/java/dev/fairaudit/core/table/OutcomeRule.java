package dev.fairaudit.core.table;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a binary outcome (a decision, or a ground-truth label) is derived from one input column: either a set
 * of values that mean "positive" ({@code score_text=Medium,High}) or a threshold on a numeric column
 * ({@code decile_score>=5}).
 *
 * <p>"Positive" means the event happened (selected for a control, recidivated); whether that is favourable
 * for the person is declared separately.
 */
public sealed interface OutcomeRule permits OutcomeRule.ValueSet, OutcomeRule.Threshold {

    /** The column the outcome is read from. */
    String column();

    /** The rule as the command line writes it, for example {@code score_text=Medium,High}. */
    String spec();

    /**
     * Parses {@code COL=V1[,V2...]} or {@code COL>=NUMBER} (also {@code >}, {@code <=}, {@code <}).
     *
     * @throws IllegalArgumentException naming the spec when it has neither form
     */
    static OutcomeRule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("outcome spec is empty; expected COL=V1[,V2...] or COL>=NUMBER");
        }
        int at = -1;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '=' || c == '<' || c == '>') {
                at = i;
                break;
            }
        }
        if (at <= 0) {
            throw new IllegalArgumentException("outcome spec '" + spec
                    + "' has no column and operator; expected COL=V1[,V2...] or COL>=NUMBER");
        }
        String column = spec.substring(0, at).trim();
        if (column.isEmpty()) {
            throw new IllegalArgumentException("outcome spec '" + spec
                    + "' has no column before the operator; expected COL=V1[,V2...] or COL>=NUMBER");
        }
        String rest = spec.substring(at);
        Comparison op;
        if (rest.startsWith(">=")) {
            op = Comparison.AT_LEAST;
        } else if (rest.startsWith("<=")) {
            op = Comparison.AT_MOST;
        } else if (rest.startsWith(">")) {
            op = Comparison.ABOVE;
        } else if (rest.startsWith("<")) {
            op = Comparison.BELOW;
        } else {
            String values = rest.substring(1);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("outcome spec '" + spec + "' lists no positive values after '='");
            }
            Set<String> positives = new LinkedHashSet<>();
            for (String v : values.split(",", -1)) {
                if (v.isBlank()) {
                    throw new IllegalArgumentException("outcome spec '" + spec + "' has an empty value; a missing"
                            + " value can never be positive");
                }
                positives.add(v.trim());
            }
            return new ValueSet(column, positives);
        }
        String number = rest.substring(op.symbol.length()).trim();
        double threshold;
        try {
            threshold = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("outcome spec '" + spec + "': '" + number + "' is not a number");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("outcome spec '" + spec + "': '" + number + "' is not a finite number");
        }
        return new Threshold(column, op, threshold);
    }

    /**
     * Positive when the value is one of {@code positives} (compared exactly, after trimming white space).
     *
     * @param column    the column
     * @param positives the values that mean positive; every other non-missing value means negative
     */
    record ValueSet(String column, Set<String> positives) implements OutcomeRule {
        /** Validates and copies. */
        public ValueSet {
            requireColumn(column);
            if (positives == null || positives.isEmpty()) {
                throw new IllegalArgumentException("positives must name at least one value");
            }
            positives = Set.copyOf(new LinkedHashSet<>(positives));
        }

        @Override
        public String spec() {
            String[] sorted = positives.toArray(String[]::new);
            Arrays.sort(sorted);
            return column + "=" + String.join(",", sorted);
        }
    }

    /**
     * Positive when the numeric value compares true against the threshold.
     *
     * @param column     the column
     * @param comparison how the value is compared
     * @param threshold  the threshold, finite
     */
    record Threshold(String column, Comparison comparison, double threshold) implements OutcomeRule {
        /** Validates. */
        public Threshold {
            requireColumn(column);
            if (comparison == null) {
                throw new IllegalArgumentException("comparison is required");
            }
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, was " + threshold);
            }
        }

        /** Whether a numeric value is positive under this rule. */
        public boolean test(double value) {
            return switch (comparison) {
                case AT_LEAST -> value >= threshold;
                case ABOVE -> value > threshold;
                case AT_MOST -> value <= threshold;
                case BELOW -> value < threshold;
            };
        }

        @Override
        public String spec() {
            String t = threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15
                    ? Long.toString((long) threshold) : Double.toString(threshold);
            return column + comparison.symbol + t;
        }
    }

    /** Comparison operators for {@link Threshold}. */
    enum Comparison {
        /** {@code >=} */
        AT_LEAST(">="),
        /** {@code >} */
        ABOVE(">"),
        /** {@code <=} */
        AT_MOST("<="),
        /** {@code <} */
        BELOW("<");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written, for example {@code >=}. */
        public String symbol() {
            return symbol;
        }

        @Override
        public String toString() {
            return symbol.toLowerCase(Locale.ROOT);
        }
    }

    private static void requireColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("column must be named");
        }
    }
}
