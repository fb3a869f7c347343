package dev.fairaudit.core.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.InputException;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.RecordType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reader of a decision log as it was before it streamed (main at 8877aaf): every decision record held until the
 * end, one table. Kept in the tests only, as the reference the streamed reader ({@link DecisionLogInput}) is checked
 * against; the column names are {@link DecisionLogInput}'s.
 */
final class OneTableDecisionLogInput {

    private static final String DECISION = DecisionLogInput.DECISION;
    private static final String OUTCOME = DecisionLogInput.OUTCOME;
    private static final String ROUTE = DecisionLogInput.ROUTE;
    private static final String TIME = DecisionLogInput.TIME;
    private static final String SCORE = DecisionLogInput.SCORE;
    private static final String PROFILE_DECISION = DecisionLogInput.PROFILE_DECISION;

    private OneTableDecisionLogInput() {
    }

    /**
     * Builds the table.
     *
     * @param logName             the log's name for messages and provenance (for example its folder name)
     * @param headHash            the verified head hash of the decision log, recorded as the input's digest
     * @param records             the decision log's records, in order
     * @param attributeRecords    the protected-attribute log's records, or an empty iterator
     * @param protectedAttributes the attributes to audit (keys of the PROTECTED_ATTRIBUTES records)
     * @param skipBadRows         skip decisions that cannot be read instead of failing
     * @throws InputException naming the record's sequence number when a decision cannot be read
     */
    static DecisionTable read(String logName, String headHash, Iterator<LogRecord> records,
            Iterator<LogRecord> attributeRecords, List<String> protectedAttributes, boolean skipBadRows) {
        return read(logName, headHash, records, attributeRecords, protectedAttributes, skipBadRows, null, null);
    }

    /**
     * Builds the table from the decisions made in {@code [from, to)} only (by record time); outcomes, reviews
     * and attributes of those decisions are used whenever they were recorded.
     *
     * @param from the first instant included, or null for no lower bound
     * @param to   the first instant excluded, or null for no upper bound
     * @see #read(String, String, Iterator, Iterator, List, boolean)
     */
    static DecisionTable read(String logName, String headHash, Iterator<LogRecord> records,
            Iterator<LogRecord> attributeRecords, List<String> protectedAttributes, boolean skipBadRows,
            Instant from, Instant to) {
        return read(logName, headHash, records, attributeRecords, protectedAttributes, List.of(), skipBadRows, from,
                to);
    }

    /**
     * Builds the table with features of the decision records as categorical feature columns (for proxy
     * screening), from the decisions made in {@code [from, to)} only.
     *
     * @param features the names of the features to expose, keys of the DECISION records' {@code features}
     * @throws IllegalArgumentException when a feature name repeats, is blank, or is also a protected attribute
     *                                  or one of the table's own columns
     * @throws InputException           when no decision record carries a requested feature
     * @see #read(String, String, Iterator, Iterator, List, boolean, Instant, Instant)
     */
    static DecisionTable read(String logName, String headHash, Iterator<LogRecord> records,
            Iterator<LogRecord> attributeRecords, List<String> protectedAttributes, List<String> features,
            boolean skipBadRows, Instant from, Instant to) {
        requireUsableFeatureNames(features, protectedAttributes);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
        }
        Map<String, Map<String, String>> attributes = new HashMap<>();
        Set<String> keysSeen = new LinkedHashSet<>();
        long attributeRecordsErased = 0;
        while (attributeRecords.hasNext()) {
            LogRecord r = attributeRecords.next();
            if (r.type() != RecordType.PROTECTED_ATTRIBUTES) {
                continue;
            }
            if (r.erased()) {
                attributeRecordsErased++;
                continue;
            }
            Map<String, String> values = new HashMap<>();
            JsonNode a = r.payload().path("attributes");
            a.fieldNames().forEachRemaining(k -> {
                keysSeen.add(k);
                JsonNode v = a.get(k);
                values.put(k, v.isNull() ? null : v.asText());
            });
            attributes.put(r.payload().path("decisionId").asText(), values);
        }
        for (String p : protectedAttributes) {
            if (!keysSeen.contains(p) && !attributes.isEmpty()) {
                throw new InputException(logName, 0, p, "no protected-attribute record has '" + p + "'"
                        + ColumnResolver.suggestion(p, new ArrayList<>(keysSeen)));
            }
        }

        // Decisions, outcomes and overrides; outcomes and reviews may come after their decision.
        List<LogRecord> decisions = new ArrayList<>();
        Map<String, String> outcomes = new HashMap<>();
        Map<String, Boolean> overrides = new HashMap<>();
        long erased = 0;
        long failures = 0;
        long outsideRange = 0;
        while (records.hasNext()) {
            LogRecord r = records.next();
            switch (r.type()) {
                case DECISION -> {
                    if (from != null && r.time().isBefore(from) || to != null && !r.time().isBefore(to)) {
                        outsideRange++;
                    } else if (r.erased()) {
                        erased++;
                    } else if (r.payload().has("error")) {
                        failures++;
                    } else {
                        decisions.add(r);
                    }
                }
                case OUTCOME -> {
                    if (!r.erased()) {
                        outcomes.put(r.payload().path("decisionId").asText(), r.payload().path("outcome").asText());
                    }
                }
                case REVIEW -> {
                    JsonNode o = r.erased() ? null : r.payload().get("overriddenDecision");
                    if (o != null && o.isBoolean()) {
                        overrides.put(r.payload().path("decisionId").asText(), o.booleanValue());
                    }
                }
                default -> {
                    // Appeals, governance events and checkpoints do not change the table.
                }
            }
        }

        requireFeaturesPresent(logName, features, decisions);
        boolean hasScore = decisions.stream().anyMatch(r -> r.payload().path(SCORE).isNumber());
        TableSpec.Builder spec = TableSpec.builder().protectedAttributes(protectedAttributes)
                .decision(DECISION + "=true").label(OUTCOME + "=FOUND").route(ROUTE).timestamp(TIME)
                .features(features.toArray(String[]::new)).skipBadRows(skipBadRows);
        if (hasScore) {
            spec.score(SCORE);
        }
        boolean hasProfileDecision = decisions.stream().anyMatch(r -> r.payload().path(PROFILE_DECISION).isBoolean());
        if (hasProfileDecision) {
            spec.profileDecision(PROFILE_DECISION + "=true");
        }
        DecisionTable.Builder b = DecisionTable.builder(spec.build()).fileName(logName);
        long overridden = 0;
        long withoutAttributes = 0;
        for (LogRecord r : decisions) {
            ObjectNode p = r.payload();
            String id = p.path("decisionId").asText();
            Map<String, String> row = new HashMap<>();
            Map<String, String> attrs = attributes.get(id);
            if (attrs == null) {
                withoutAttributes++;
            } else {
                for (String a : protectedAttributes) {
                    row.put(a, attrs.get(a));
                }
            }
            Boolean decision = p.path(DECISION).isBoolean() ? p.get(DECISION).booleanValue() : null;
            Boolean override = overrides.get(id);
            if (override != null && !override.equals(decision)) {
                overridden++;
                decision = override;
            }
            if (decision != null) {
                row.put(DECISION, decision.toString());
            }
            String outcome = outcomes.get(id);
            if (outcome != null && !outcome.equals("NOT_ESTABLISHED")) {
                row.put(OUTCOME, outcome);
            }
            row.put(ROUTE, p.path(ROUTE).asText(null));
            row.put(TIME, r.time().toString());
            if (hasScore && p.path(SCORE).isNumber()) {
                row.put(SCORE, p.get(SCORE).asText());
            }
            if (hasProfileDecision && p.path(PROFILE_DECISION).isBoolean()) {
                row.put(PROFILE_DECISION, p.get(PROFILE_DECISION).asText());
            }
            String[] values = new String[b.layout().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(b.layout().get(i));
            }
            // Features come last in the layout (TableSpec.readColumns), before the profile decision; read them by
            // name from the record.
            JsonNode featureNode = p.path("features");
            int featuresAt = values.length - features.size() - (hasProfileDecision ? 1 : 0);
            for (int i = 0; i < features.size(); i++) {
                JsonNode v = featureNode.get(features.get(i));
                values[featuresAt + i] = v == null || v.isNull() ? null : v.asText();
            }
            // The record's sequence number stands in for the line: it is what a reader can look up.
            b.addRow(values, r.seq());
        }
        if (outsideRange > 0) {
            b.warn(outsideRange + " decision(s) outside the time range [" + (from == null ? "start" : from) + ", "
                    + (to == null ? "end" : to) + ") are left out");
        }
        if (erased > 0) {
            b.warn(erased + " decision record(s) have an erased payload (retention ended) and are left out");
        }
        if (failures > 0) {
            b.warn(failures + " decision record(s) are model failures (no decision) and are left out");
        }
        if (overridden > 0) {
            b.warn(overridden + " decision(s) were overridden in review; the final decision is audited");
        }
        if (withoutAttributes > 0) {
            b.warn(withoutAttributes + " decision(s) have no protected-attribute record; they are in the group '"
                    + TableSpec.DEFAULT_MISSING_GROUP + "' of every attribute");
        }
        if (attributeRecordsErased > 0) {
            b.warn(attributeRecordsErased + " protected-attribute record(s) were erased");
        }
        return b.build(logName, "decision-log", headHash);
    }

    private static void requireUsableFeatureNames(List<String> features, List<String> protectedAttributes) {
        Set<String> reserved = Set.of(DECISION, OUTCOME, ROUTE, TIME, SCORE, PROFILE_DECISION);
        Set<String> seen = new LinkedHashSet<>();
        for (String f : features) {
            if (f == null || f.isBlank()) {
                throw new IllegalArgumentException("a feature name must not be blank: " + features);
            }
            if (!seen.add(f)) {
                throw new IllegalArgumentException("feature '" + f + "' is named twice: " + features);
            }
            if (reserved.contains(f) || protectedAttributes.contains(f)) {
                throw new IllegalArgumentException("feature '" + f + "' clashes with a column of the table built"
                        + " from a log " + reserved + " or a protected attribute " + protectedAttributes);
            }
        }
    }

    private static void requireFeaturesPresent(String logName, List<String> features, List<LogRecord> decisions) {
        if (features.isEmpty() || decisions.isEmpty()) {
            return;
        }
        Set<String> keysSeen = new LinkedHashSet<>();
        for (LogRecord r : decisions) {
            r.payload().path("features").fieldNames().forEachRemaining(keysSeen::add);
        }
        for (String f : features) {
            if (!keysSeen.contains(f)) {
                throw new InputException(logName, 0, f, "no decision record has the feature '" + f + "'"
                        + ColumnResolver.suggestion(f, new ArrayList<>(keysSeen)));
            }
        }
    }
}
