package dev.fairaudit.metrics;

import dev.fairaudit.metrics.stats.PValueAdjustment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every choice a group audit makes, defaults included; echoed in full in the audit document.
 *
 * @param favourable          which decision is good for the person
 * @param referenceStrategy   how a reference group is chosen where none is declared
 * @param references          declared reference values, attribute → value (at most one per attribute)
 * @param intersections       intersections to report besides each attribute on its own
 * @param minGroupSize        the minimum sample size. A comparison or spread is inconclusive when the rows behind
 *                            a rate's denominator (all rows for the selection rate; for a label-based rate only
 *                            the rows with that label or decision) are fewer. A group is flagged
 *                            {@code belowMinGroupSize}, is not eligible as most-favourable reference, and makes
 *                            an independence test inconclusive, when its own rows are fewer.
 * @param fourFifthsThreshold the disparate-impact threshold, in (0, 1]; 0.8 is the four-fifths rule
 * @param intervalMethod      interval for per-group rates
 * @param pValueAdjustment    multiple-testing correction across all comparisons of a run
 */
public record AuditSettings(
        Favourable favourable,
        ReferenceStrategy referenceStrategy,
        Map<String, String> references,
        List<List<String>> intersections,
        int minGroupSize,
        double fourFifthsThreshold,
        IntervalMethod intervalMethod,
        PValueAdjustment pValueAdjustment) {

    /** Default minimum number of rows behind a rate's denominator. */
    public static final int DEFAULT_MIN_GROUP_SIZE = 30;
    /** Default disparate-impact threshold (the four-fifths rule). */
    public static final double DEFAULT_FOUR_FIFTHS = 0.8;

    /** Validates and copies. */
    public AuditSettings {
        if (favourable == null || referenceStrategy == null || intervalMethod == null || pValueAdjustment == null) {
            throw new IllegalArgumentException("favourable, referenceStrategy, intervalMethod and pValueAdjustment"
                    + " are required");
        }
        references = Collections.unmodifiableMap(new LinkedHashMap<>(references));
        List<List<String>> copy = new ArrayList<>();
        for (List<String> i : intersections) {
            if (i.size() < 2) {
                throw new IllegalArgumentException("an intersection needs at least two attributes, was " + i);
            }
            copy.add(List.copyOf(i));
        }
        intersections = List.copyOf(copy);
        if (minGroupSize < 1) {
            throw new IllegalArgumentException("minGroupSize must be >= 1, was " + minGroupSize);
        }
        if (!(fourFifthsThreshold > 0 && fourFifthsThreshold <= 1)) {
            throw new IllegalArgumentException("fourFifthsThreshold must be in (0, 1], was " + fourFifthsThreshold);
        }
    }

    /** The defaults: selected is favourable, largest group, minimum 30, 0.8, Wilson, Benjamini-Hochberg. */
    public static AuditSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link AuditSettings}. */
    public static final class Builder {
        private Favourable favourable = Favourable.SELECTED;
        private ReferenceStrategy referenceStrategy = ReferenceStrategy.LARGEST;
        private final Map<String, String> references = new LinkedHashMap<>();
        private final List<List<String>> intersections = new ArrayList<>();
        private int minGroupSize = DEFAULT_MIN_GROUP_SIZE;
        private double fourFifthsThreshold = DEFAULT_FOUR_FIFTHS;
        private IntervalMethod intervalMethod = IntervalMethod.WILSON;
        private PValueAdjustment pValueAdjustment = PValueAdjustment.BENJAMINI_HOCHBERG;

        private Builder() {
        }

        /** Which decision is favourable. */
        public Builder favourable(Favourable f) {
            this.favourable = f;
            return this;
        }

        /** The reference strategy. */
        public Builder referenceStrategy(ReferenceStrategy s) {
            this.referenceStrategy = s;
            return this;
        }

        /** Declares the reference value of an attribute. */
        public Builder reference(String attribute, String value) {
            if (references.containsKey(attribute)) {
                throw new IllegalArgumentException("a reference for '" + attribute + "' is already declared ("
                        + references.get(attribute) + ")");
            }
            references.put(attribute, value);
            return this;
        }

        /** Adds an intersection of two or more attributes. */
        public Builder intersect(String... attributes) {
            intersections.add(List.of(attributes));
            return this;
        }

        /** The minimum rows behind a rate's denominator. */
        public Builder minGroupSize(int n) {
            this.minGroupSize = n;
            return this;
        }

        /** The disparate-impact threshold. */
        public Builder fourFifthsThreshold(double t) {
            this.fourFifthsThreshold = t;
            return this;
        }

        /** The per-group interval. */
        public Builder intervalMethod(IntervalMethod m) {
            this.intervalMethod = m;
            return this;
        }

        /** The multiple-testing correction. */
        public Builder pValueAdjustment(PValueAdjustment a) {
            this.pValueAdjustment = a;
            return this;
        }

        /** Builds the settings. */
        public AuditSettings build() {
            return new AuditSettings(favourable, referenceStrategy, references, intersections, minGroupSize,
                    fourFifthsThreshold, intervalMethod, pValueAdjustment);
        }
    }
}
