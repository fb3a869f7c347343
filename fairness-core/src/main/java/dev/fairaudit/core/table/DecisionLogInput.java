package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.log.GovernanceRecords;
import dev.fairaudit.core.log.LogFieldReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.RecordType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns a decision log (and, where kept, its separate protected-attribute log) into a {@link DecisionTable},
 * so that wrap → log → audit uses the same analyses as a CSV file.
 *
 * <ul>
 *   <li>One row per DECISION record. Records whose payload was erased, and records of a model failure (an
 *       {@code error} instead of a decision), have no decision: they are counted in the warnings and left
 *       out.</li>
 *   <li>Decision: the model's {@code decision}, or the reviewer's {@code overriddenDecision} where a REVIEW
 *       overrode it (the final decision is what happened to the person; overrides are counted in a
 *       warning).</li>
 *   <li>Label: the last OUTCOME of the decision: FOUND is positive, NOT_FOUND negative; NOT_ESTABLISHED or no
 *       outcome is unknown, never negative.</li>
 *   <li>Protected attributes: from PROTECTED_ATTRIBUTES records joined on {@code decisionId}; a decision
 *       without them is in the {@code (missing)} group of every attribute.</li>
 *   <li>Route ({@code route}), time (the record's time) and score ({@code score}, when the model gives one)
 *       are kept as columns.</li>
 *   <li>Profile decision ({@code profileDecision}, when any decision record carries one): on the random route,
 *       what the risk profile would have decided ({@link TableSpec#profileDecision()}); a record without it has
 *       a missing value there.</li>
 *   <li>Features: those asked for by name become categorical feature columns ({@link TableSpec#features()})
 *       with the value of {@code features.NAME} in the DECISION record as text; a record without it is in the
 *       {@code (missing)} category. A name that no decision record carries is an error with a suggestion.
 *       Only the features the model was fed are there: protected attributes are withheld from decision
 *       records, so they can never be asked for as features.</li>
 *   <li>Facts (outcomes, overrides, protected attributes) about a decision id that has no DECISION record with
 *       a payload in the log are left out and counted in a warning.</li>
 * </ul>
 *
 * <p><b>Memory.</b> {@link #open} reads the logs once for the later facts (OUTCOME, REVIEW and
 * PROTECTED_ATTRIBUTES records) and keeps them in a compact state keyed by decision id (see
 * {@code DecisionFacts}: about 30 + 5 &times; attributes bytes per decision that has a fact, no trees, no
 * string per decision); {@link #stream} then reads the DECISION records again and hands them over in chunks
 * of {@code chunkRows} rows that share dictionaries, as {@code TableReader.stream} does for a file, so only the
 * count states a caller fills from the chunks are kept. The join state cannot be O(cells): the facts about a
 * decision come after it, in any order, so they must be held until its row is made. Payload fields are read
 * from the records' canonical bytes ({@link LogFieldReader}), not from JSON trees. An instance is not
 * thread-safe.
 */
public final class DecisionLogInput {

    /** Column name of the decision in the table built from a log. */
    public static final String DECISION = "decision";
    /** Column name of the label (outcome) in the table built from a log. */
    public static final String OUTCOME = "outcome";
    /** Column name of the selection route. */
    public static final String ROUTE = "route";
    /** Column name of the record time. */
    public static final String TIME = "time";
    /** Column name of the score. */
    public static final String SCORE = "score";
    /** Column name of the profile's would-be decision on the random route (a boolean in the record). */
    public static final String PROFILE_DECISION = "profileDecision";

    private static final byte[] DECISION_ID = LogFieldReader.name("decisionId");
    // The members of a DECISION payload that are read, in this order.
    private static final byte[][] DECISION_MEMBERS = {DECISION_ID, LogFieldReader.name("error"),
        LogFieldReader.name(DECISION), LogFieldReader.name(ROUTE), LogFieldReader.name(SCORE),
        LogFieldReader.name(PROFILE_DECISION), LogFieldReader.name("features")};
    private static final int M_ID = 0;
    private static final int M_ERROR = 1;
    private static final int M_DECISION = 2;
    private static final int M_ROUTE = 3;
    private static final int M_SCORE = 4;
    private static final int M_PROFILE = 5;
    private static final int M_FEATURES = 6;
    private static final byte[][] OUTCOME_MEMBERS = {DECISION_ID, LogFieldReader.name(OUTCOME)};
    private static final byte[][] REVIEW_MEMBERS = {DECISION_ID, LogFieldReader.name("overriddenDecision")};
    private static final byte[][] ATTRIBUTE_MEMBERS = {DECISION_ID, LogFieldReader.name("attributes")};

    /** Opens the records of a log, once per pass. */
    private interface Records {
        LogFieldReader open() throws IOException;
    }

    private final String logName;
    private final String headHash;
    private final Records decisions;
    private final List<String> protectedAttributes;
    private final List<String> features;
    private final Instant from;
    private final Instant to;
    private final byte[][] featureNames;
    private final DecisionFacts facts;
    private final List<GovernanceRecords.Entry> governance = new ArrayList<>();
    private final long attributeRecordsErased;
    private final boolean hasScore;
    private final boolean hasProfileDecision;
    private final TableSpec spec;
    private final long[] id = new long[2];

    private DecisionLogInput(String logName, String headHash, Records decisions, Records attributeRecords,
            String attributesLogName, List<String> protectedAttributes, List<String> features, boolean skipBadRows,
            Instant from, Instant to) throws IOException {
        requireUsableFeatureNames(features, protectedAttributes);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range is empty: from " + from + " is not before to " + to);
        }
        this.logName = logName;
        this.headHash = headHash;
        this.decisions = decisions;
        this.protectedAttributes = List.copyOf(protectedAttributes);
        this.features = List.copyOf(features);
        this.from = from;
        this.to = to;
        this.featureNames = names(features);
        this.facts = new DecisionFacts(logName, protectedAttributes.size());

        // Pass 1: the later facts, keyed by decision id; what the decisions carry (score, profile decision,
        // features), so the table's columns are known before the decisions are streamed.
        long erasedAttributes = 0;
        try (LogFieldReader r = attributeRecords.open()) {
            erasedAttributes = readAttributes(r, attributesLogName);
        }
        this.attributeRecordsErased = erasedAttributes;
        boolean score = false;
        boolean profileDecision = false;
        boolean anyDecision = false;
        boolean[] featureSeen = new boolean[features.size()];
        Set<String> featureKeys = new LinkedHashSet<>();
        int[] at = new int[DECISION_MEMBERS.length];
        int[] featureAt = new int[features.size()];
        try (LogFieldReader r = decisions.open()) {
            while (r.next()) {
                switch (r.type()) {
                    case DECISION -> {
                        int p = r.payload();
                        if (outsideRange(r.time()) || p < 0) {
                            continue;
                        }
                        r.members(p, DECISION_MEMBERS, at);
                        if (at[M_ERROR] >= 0) {
                            continue;
                        }
                        anyDecision = true;
                        score |= at[M_SCORE] >= 0 && r.kind(at[M_SCORE]) == LogFieldReader.Kind.NUMBER;
                        profileDecision |= at[M_PROFILE] >= 0 && isBoolean(r, at[M_PROFILE]);
                        if (!features.isEmpty()) {
                            seeFeatures(r, at[M_FEATURES], featureAt, featureSeen, featureKeys);
                        }
                    }
                    case OUTCOME -> {
                        int p = r.payload();
                        if (p >= 0) {
                            r.members(p, OUTCOME_MEMBERS, at);
                            facts.outcome(entry(r, at[0], true), at[1] < 0 ? "" : r.text(at[1]));
                        }
                    }
                    case REVIEW -> {
                        int p = r.payload();
                        if (p >= 0) {
                            r.members(p, REVIEW_MEMBERS, at);
                            if (at[1] >= 0 && isBoolean(r, at[1])) {
                                facts.override(entry(r, at[0], true), r.kind(at[1]) == LogFieldReader.Kind.TRUE);
                            }
                        }
                    }
                    case GOVERNANCE ->
                        // kept for the document's change record (few: a tree each), whatever their time
                        governance.add(GovernanceRecords.entry(r.seq(), r.time(), r.payloadTree()));
                    default -> {
                        // Appeals and checkpoints do not change the table.
                    }
                }
            }
        }
        if (anyDecision) {
            for (int i = 0; i < features.size(); i++) {
                if (!featureSeen[i]) {
                    throw new InputException(logName, 0, features.get(i), "no decision record has the feature '"
                            + features.get(i) + "'" + ColumnResolver.suggestion(features.get(i),
                            new ArrayList<>(featureKeys)));
                }
            }
        }
        this.hasScore = score;
        this.hasProfileDecision = profileDecision;
        TableSpec.Builder b = TableSpec.builder().protectedAttributes(protectedAttributes)
                .decision(DECISION + "=true").label(OUTCOME + "=FOUND").route(ROUTE).timestamp(TIME)
                .features(features.toArray(String[]::new)).skipBadRows(skipBadRows);
        if (hasScore) {
            b.score(SCORE);
        }
        if (hasProfileDecision) {
            b.profileDecision(PROFILE_DECISION + "=true");
        }
        this.spec = b.build();
    }

    /**
     * Reads the protected-attribute records into the facts; the number of erased ones.
     *
     * @param attributesLogName the name of a protected-attribute log the caller named, or null (records in memory,
     *                          or no such log): a named log without a single protected-attribute record, readable
     *                          or erased, is refused, for it is the wrong folder (the decision log, say), and the
     *                          audit would put every decision in the group "(missing)"
     */
    private long readAttributes(LogFieldReader r, String attributesLogName) throws IOException {
        byte[][] names = names(protectedAttributes);
        int[] at = new int[ATTRIBUTE_MEMBERS.length];
        int[] valueAt = new int[names.length];
        String[] texts = new String[names.length];
        boolean[] seen = new boolean[names.length];
        Set<String> keysSeen = new LinkedHashSet<>();
        boolean any = false;
        long erased = 0;
        long decisionRecords = 0;
        while (r.next()) {
            if (r.type() != RecordType.PROTECTED_ATTRIBUTES) {
                if (r.type() == RecordType.DECISION) {
                    decisionRecords++;
                }
                continue;
            }
            int p = r.payload();
            if (p < 0) {
                erased++;
                continue;
            }
            any = true;
            r.members(p, ATTRIBUTE_MEMBERS, at);
            Arrays.fill(texts, null);
            if (at[1] >= 0 && r.kind(at[1]) == LogFieldReader.Kind.OBJECT) {
                r.members(at[1], names, valueAt);
                boolean all = true;
                for (int i = 0; i < names.length; i++) {
                    if (valueAt[i] < 0) {
                        all = false;
                    } else {
                        seen[i] = true;
                        texts[i] = r.kind(valueAt[i]) == LogFieldReader.Kind.NULL ? null : r.text(valueAt[i]);
                    }
                }
                if (!all) {
                    // Only needed for the suggestion when a name is in no record, and then every record gets here.
                    r.memberNames(at[1], keysSeen::add);
                }
            }
            facts.attributes(entry(r, at[0], true), texts);
        }
        if (attributesLogName != null && !any && erased == 0 && !protectedAttributes.isEmpty()) {
            throw new InputException(attributesLogName, 0, null, "the protected-attribute log holds no "
                    + RecordType.PROTECTED_ATTRIBUTES + " record"
                    + (decisionRecords > 0 ? " but " + decisionRecords + " DECISION records: is it the decision log?"
                            : ": is it the log the protected attributes are recorded in?")
                    + " Without such records every decision would be in the group '(missing)'");
        }
        for (int i = 0; i < names.length; i++) {
            if (!seen[i] && any) {
                String a = protectedAttributes.get(i);
                throw new InputException(attributesLogName != null ? attributesLogName : logName, 0, a,
                        "no protected-attribute record has '" + a + "'"
                        + ColumnResolver.suggestion(a, new ArrayList<>(keysSeen)));
            }
        }
        return erased;
    }

    private void seeFeatures(LogFieldReader r, int object, int[] featureAt, boolean[] seen, Set<String> keys) {
        if (object < 0 || r.kind(object) != LogFieldReader.Kind.OBJECT) {
            return;
        }
        r.members(object, featureNames, featureAt);
        boolean all = true;
        for (int i = 0; i < featureAt.length; i++) {
            if (featureAt[i] < 0) {
                all = false;
            } else {
                seen[i] = true;
            }
        }
        if (!all) {
            r.memberNames(object, keys::add);
        }
    }

    /**
     * Reads the logs' later facts (the first pass), ready to {@link #stream} the decisions.
     *
     * @param logName             the log's name for messages and provenance (for example its folder name)
     * @param headHash            the verified head hash of the decision log, recorded as the input's digest
     * @param log                 the decision log folder
     * @param attributesLog       the protected-attribute log folder, or null when there is none
     * @param protectedAttributes the attributes to audit (keys of the PROTECTED_ATTRIBUTES records)
     * @param features            the names of the features to expose, keys of the DECISION records' {@code features}
     * @param skipBadRows         skip decisions that cannot be read instead of failing
     * @param from                the first instant included, or null for no lower bound
     * @param to                  the first instant excluded, or null for no upper bound
     * @return the input, whose {@link #spec()} is known
     * @throws IOException              when a log cannot be read; {@code LogIntegrityException} for a malformed line
     * @throws IllegalArgumentException as {@link #read(String, String, Iterator, Iterator, List, List, boolean,
     *                                  Instant, Instant)}
     * @throws InputException           when no record carries a requested attribute or feature, or when
     *                                  {@code attributesLog} holds no protected-attribute record at all (the wrong
     *                                  folder: every decision would be in the group "(missing)")
     */
    public static DecisionLogInput open(String logName, String headHash, Path log, Path attributesLog,
            List<String> protectedAttributes, List<String> features, boolean skipBadRows, Instant from, Instant to)
            throws IOException {
        return open(logName, headHash, log, Long.MAX_VALUE, attributesLog, Long.MAX_VALUE, protectedAttributes,
                features, skipBadRows, from, to);
    }

    /**
     * As {@link #open(String, String, Path, Path, List, List, boolean, Instant, Instant)}, reading each log only
     * up to the last record its verification covered ({@code VerificationReport.lastSequence()}), in both passes.
     * A log that is still being written gets records after its verification; they are left out, so that the
     * audit covers exactly the records the verified head hash stands for.
     *
     * @param lastSequence           the decision log's last verified record
     * @param attributesLastSequence the protected-attribute log's last verified record (ignored without one)
     * @throws IOException as the other {@code open}
     */
    public static DecisionLogInput open(String logName, String headHash, Path log, long lastSequence,
            Path attributesLog, long attributesLastSequence, List<String> protectedAttributes, List<String> features,
            boolean skipBadRows, Instant from, Instant to) throws IOException {
        Records none = () -> LogFieldReader.of(java.util.Collections.emptyIterator());
        return new DecisionLogInput(logName, headHash, () -> LogFieldReader.open(log, lastSequence),
                attributesLog == null ? none : () -> LogFieldReader.open(attributesLog, attributesLastSequence),
                attributesLog == null ? null : String.valueOf(attributesLog.getFileName()), protectedAttributes,
                features, skipBadRows, from, to);
    }

    /** @return the table's columns: what every chunk of {@link #stream} has */
    public TableSpec spec() {
        return spec;
    }

    /**
     * The decision log's governance events, in log order, whatever their time (read in the first pass, so that
     * the document's change record needs no pass of its own).
     *
     * @return the events; unmodifiable
     */
    public List<GovernanceRecords.Entry> governanceEvents() {
        return Collections.unmodifiableList(governance);
    }

    /** @return the decisions that have a later fact (outcome, override or protected attributes) */
    public int decisionsWithFacts() {
        return facts.size();
    }

    /**
     * @return the bytes held by the arrays of the join state (ids, outcome and override codes, attribute codes,
     *         index), without the dictionaries of distinct values and the map of ids that are not UUIDs
     */
    public long factBytes() {
        return facts.bytes();
    }

    /**
     * Reads the DECISION records (the second pass) and hands them over as tables of {@code chunkRows} rows at
     * most, in log order, joined with their facts. Dictionaries are shared by the chunks of one call, so a code
     * means the same value in every chunk (see {@link DecisionTable.Builder#takeChunk()}). May be called again
     * (for a second pass of an analysis); each call reads the log again.
     *
     * @param chunkRows rows per chunk, at least 1
     * @param chunks    told each chunk
     * @return the whole input's source: rows read and skipped, warnings, outcome codings
     * @throws IOException    when the log cannot be read
     * @throws InputException when a decision cannot be read and bad rows are not skipped
     */
    public TableSource stream(int chunkRows, Consumer<DecisionTable> chunks) throws IOException {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1, was " + chunkRows);
        }
        return decisions(chunkRows, chunks).build(logName, "decision-log", headHash).source();
    }

    private DecisionTable.Builder decisions(int chunkRows, Consumer<DecisionTable> chunks) throws IOException {
        DecisionTable.Builder b = DecisionTable.builder(spec).fileName(logName);
        List<String> layout = b.layout();
        String[] values = new String[layout.size()];
        int decisionAt = layout.indexOf(DECISION);
        int labelAt = layout.indexOf(OUTCOME);
        int routeAt = layout.indexOf(ROUTE);
        int timeAt = layout.indexOf(TIME);
        int scoreAt = hasScore ? layout.indexOf(SCORE) : -1;
        int profileAt = hasProfileDecision ? layout.size() - 1 : -1;
        // Features come last in the layout (TableSpec.readColumns), before the profile decision.
        int featuresAt = values.length - features.size() - (hasProfileDecision ? 1 : 0);
        int attributes = protectedAttributes.size();
        int[] at = new int[DECISION_MEMBERS.length];
        int[] featureAt = new int[features.size()];
        TextCache routes = new TextCache();
        long overridden = 0;
        long withoutAttributes = 0;
        long erased = 0;
        long failures = 0;
        long outsideRange = 0;
        try (LogFieldReader r = decisions.open()) {
            while (r.next()) {
                if (r.type() != RecordType.DECISION) {
                    continue;
                }
                boolean outside = outsideRange(r.time());
                int p = r.payload();
                if (p < 0) {
                    if (outside) {
                        outsideRange++;
                    } else {
                        erased++;
                    }
                    continue;
                }
                r.members(p, DECISION_MEMBERS, at);
                int e = entry(r, at[M_ID], false);
                if (e >= 0) {
                    facts.decisionSeen(e);
                }
                if (outside) {
                    outsideRange++;
                    continue;
                }
                if (at[M_ERROR] >= 0) {
                    failures++;
                    continue;
                }
                Arrays.fill(values, null);
                if (e >= 0 && facts.hasAttributes(e)) {
                    for (int i = 0; i < attributes; i++) {
                        values[i] = facts.attribute(e, i);
                    }
                } else {
                    withoutAttributes++;
                }
                Boolean decision = at[M_DECISION] >= 0 && isBoolean(r, at[M_DECISION])
                        ? r.kind(at[M_DECISION]) == LogFieldReader.Kind.TRUE : null;
                Boolean override = e >= 0 ? facts.override(e) : null;
                if (override != null && !override.equals(decision)) {
                    overridden++;
                    decision = override;
                }
                if (decision != null) {
                    values[decisionAt] = decision ? "true" : "false";
                }
                String outcome = e >= 0 ? facts.outcomeText(e) : null;
                if (outcome != null && !outcome.equals("NOT_ESTABLISHED")) {
                    values[labelAt] = outcome;
                }
                int route = at[M_ROUTE];
                if (route >= 0 && r.kind(route) != LogFieldReader.Kind.NULL) {
                    values[routeAt] = routes.text(r, route);
                }
                values[timeAt] = r.time().toString();
                if (scoreAt >= 0 && at[M_SCORE] >= 0 && r.kind(at[M_SCORE]) == LogFieldReader.Kind.NUMBER) {
                    values[scoreAt] = r.text(at[M_SCORE]);
                }
                if (profileAt >= 0 && at[M_PROFILE] >= 0 && isBoolean(r, at[M_PROFILE])) {
                    values[profileAt] = r.kind(at[M_PROFILE]) == LogFieldReader.Kind.TRUE ? "true" : "false";
                }
                if (!features.isEmpty()) {
                    int object = at[M_FEATURES];
                    if (object >= 0 && r.kind(object) == LogFieldReader.Kind.OBJECT) {
                        r.members(object, featureNames, featureAt);
                        for (int i = 0; i < featureAt.length; i++) {
                            int v = featureAt[i];
                            values[featuresAt + i] = v < 0 || r.kind(v) == LogFieldReader.Kind.NULL ? null
                                    : r.text(v);
                        }
                    }
                }
                // The record's sequence number stands in for the line: it is what a reader can look up.
                b.addRow(values, r.seq());
                if (chunks != null && b.pendingRows() >= chunkRows) {
                    chunks.accept(b.takeChunk());
                }
            }
        }
        if (chunks != null && b.pendingRows() > 0) {
            chunks.accept(b.takeChunk());
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
        long[] orphans = facts.withoutDecision();
        if (orphans[0] + orphans[1] + orphans[2] > 0) {
            b.warn("facts about decisions that have no decision record with a payload in this log (never logged, "
                    + "or erased) are left out: the outcome of " + orphans[0] + ", the review override of "
                    + orphans[1] + " and the protected attributes of " + orphans[2] + " such decision(s)");
        }
        return b;
    }

    private boolean outsideRange(Instant time) {
        return from != null && time.isBefore(from) || to != null && !time.isBefore(to);
    }

    private static boolean isBoolean(LogFieldReader r, int at) {
        LogFieldReader.Kind k = r.kind(at);
        return k == LogFieldReader.Kind.TRUE || k == LogFieldReader.Kind.FALSE;
    }

    /**
     * The facts entry of the decision id at {@code at} (absent: the empty text, as {@code JsonNode.asText()} of a
     * missing member), made when {@code create}; -1 when there is none.
     */
    private int entry(LogFieldReader r, int at, boolean create) {
        if (at >= 0 && r.uuid(at, id)) {
            return facts.entry(id[0], id[1], create);
        }
        if (!create && !facts.hasOtherIds()) {
            return -1;
        }
        return facts.entry(at < 0 ? "" : r.text(at), create);
    }

    private static byte[][] names(List<String> names) {
        return names.stream().map(LogFieldReader::name).toArray(byte[][]::new);
    }

    /** Texts of values that repeat (routes), so a row does not make a string for them. */
    private static final class TextCache {
        private static final int SLOTS = 64;
        private final byte[][] raw = new byte[SLOTS][];
        private final String[] text = new String[SLOTS];

        String text(LogFieldReader r, int at) {
            byte[] b = r.buffer();
            int end = r.end(at);
            int h = 0;
            for (int i = at; i < end; i++) {
                h = 31 * h + b[i];
            }
            int slot = h & (SLOTS - 1);
            byte[] held = raw[slot];
            if (held != null && Arrays.equals(held, 0, held.length, b, at, end)) {
                return text[slot];
            }
            String t = r.text(at);
            raw[slot] = Arrays.copyOfRange(b, at, end);
            text[slot] = t;
            return t;
        }
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
    public static DecisionTable read(String logName, String headHash, Iterator<LogRecord> records,
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
    public static DecisionTable read(String logName, String headHash, Iterator<LogRecord> records,
            Iterator<LogRecord> attributeRecords, List<String> protectedAttributes, boolean skipBadRows,
            Instant from, Instant to) {
        return read(logName, headHash, records, attributeRecords, protectedAttributes, List.of(), skipBadRows, from,
                to);
    }

    /**
     * Builds the table with features of the decision records as categorical feature columns (for proxy
     * screening), from the decisions made in {@code [from, to)} only. The records are held in memory (they are
     * read twice); for a log folder, {@link #open} and {@link #stream} read it in bounded memory.
     *
     * @param features the names of the features to expose, keys of the DECISION records' {@code features}
     * @throws IllegalArgumentException when a feature name repeats, is blank, or is also a protected attribute
     *                                  or one of the table's own columns
     * @throws InputException           when no decision record carries a requested feature
     * @see #read(String, String, Iterator, Iterator, List, boolean, Instant, Instant)
     */
    public static DecisionTable read(String logName, String headHash, Iterator<LogRecord> records,
            Iterator<LogRecord> attributeRecords, List<String> protectedAttributes, List<String> features,
            boolean skipBadRows, Instant from, Instant to) {
        List<LogRecord> all = new ArrayList<>();
        records.forEachRemaining(all::add);
        List<LogRecord> attributes = new ArrayList<>();
        attributeRecords.forEachRemaining(attributes::add);
        try {
            DecisionLogInput input = new DecisionLogInput(logName, headHash, () -> LogFieldReader.of(all.iterator()),
                    () -> LogFieldReader.of(attributes.iterator()), null, protectedAttributes, features, skipBadRows,
                    from, to);
            return input.decisions(Integer.MAX_VALUE, null).build(logName, "decision-log", headHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // records in memory: not expected
        }
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
}
