package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decisions in columnar form, with declared roles: protected attributes (dictionary-encoded), a binary
 * decision, optionally a binary label that may be unknown, a score, a selection route, a timestamp, a case
 * weight and other features. Immutable once built.
 *
 * <p>Read one from a file with {@link TableReader}, or build one row by row with {@link #builder(TableSpec)}.
 */
public final class DecisionTable {

    /** {@link #label(int)}: the label is negative (the event did not happen). */
    public static final byte LABEL_NEGATIVE = 0;
    /** {@link #label(int)}: the label is positive (the event happened). */
    public static final byte LABEL_POSITIVE = 1;
    /** {@link #label(int)}: the label is not known, or no label column is declared. */
    public static final byte LABEL_UNKNOWN = -1;
    /** {@link #timestampMillis(int)}: no timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private final TableSpec spec;
    private final TableSource source;
    private final int rows;
    private final List<CategoricalColumn> protectedColumns;
    private final boolean[] selected;
    private final byte[] label;
    private final double[] score;
    private final CategoricalColumn route;
    private final long[] timestamp;
    private final double[] weight;
    private final List<CategoricalColumn> features;
    private final double[] numericOutcome;
    private final CategoricalColumn profileDecision;

    /**
     * The builder's rows as a table. With {@code handOver} (a chunk, after which the builder starts again at row 0),
     * an array exactly as long as the rows is taken as it is and the builder given a new one; otherwise the rows
     * are copied.
     */
    private DecisionTable(Builder b, TableSource source, boolean handOver) {
        this.spec = b.spec;
        this.source = source;
        this.rows = b.rows;
        this.protectedColumns = b.protectedEncoders.stream().map(e -> e.build(rows, handOver)).toList();
        boolean whole = handOver && b.selected.length == rows;
        this.selected = whole ? b.selected : Arrays.copyOf(b.selected, rows);
        this.label = b.label == null ? null : whole ? b.label : Arrays.copyOf(b.label, rows);
        this.score = b.score == null ? null : whole ? b.score : Arrays.copyOf(b.score, rows);
        this.route = b.routeEncoder == null ? null : b.routeEncoder.build(rows, handOver);
        this.timestamp = b.timestamp == null ? null : whole ? b.timestamp : Arrays.copyOf(b.timestamp, rows);
        this.weight = b.weight == null ? null : whole ? b.weight : Arrays.copyOf(b.weight, rows);
        this.features = b.featureEncoders.stream().map(e -> e.build(rows, handOver)).toList();
        this.numericOutcome = b.numericOutcome == null ? null
                : whole ? b.numericOutcome : Arrays.copyOf(b.numericOutcome, rows);
        this.profileDecision = b.profileDecisionEncoder == null ? null
                : b.profileDecisionEncoder.build(rows, handOver);
        if (whole) {
            b.replaceRowArrays();
        }
    }

    /** A builder that takes rows as raw text values. */
    public static Builder builder(TableSpec spec) {
        return new Builder(spec);
    }

    /** The declared roles. */
    public TableSpec spec() {
        return spec;
    }

    /** Where the table came from, skipped rows and warnings included. */
    public TableSource source() {
        return source;
    }

    /** The number of rows (skipped rows excluded). */
    public int rowCount() {
        return rows;
    }

    /** The protected attribute columns, in declared order. */
    public List<CategoricalColumn> protectedColumns() {
        return protectedColumns;
    }

    /**
     * The protected attribute column with this name.
     *
     * @throws IllegalArgumentException naming the declared attributes when there is none
     */
    public CategoricalColumn protectedColumn(String name) {
        for (CategoricalColumn c : protectedColumns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a protected attribute; declared: "
                + spec.protectedAttributes());
    }

    /** Whether the decision for a row is positive (selected). */
    public boolean selected(int row) {
        return selected[row];
    }

    /** Whether a label column is declared. */
    public boolean hasLabel() {
        return label != null;
    }

    /** The label of a row: {@link #LABEL_POSITIVE}, {@link #LABEL_NEGATIVE} or {@link #LABEL_UNKNOWN}. */
    public byte label(int row) {
        return label == null ? LABEL_UNKNOWN : label[row];
    }

    /** Whether a score column is declared. */
    public boolean hasScore() {
        return score != null;
    }

    /** The score of a row, NaN when missing or not declared. */
    public double score(int row) {
        return score == null ? Double.NaN : score[row];
    }

    /** The selection route column, when declared. */
    public Optional<CategoricalColumn> route() {
        return Optional.ofNullable(route);
    }

    /** Whether a timestamp column is declared. */
    public boolean hasTimestamp() {
        return timestamp != null;
    }

    /** The timestamp of a row in epoch milliseconds (UTC), or {@link #NO_TIMESTAMP}. */
    public long timestampMillis(int row) {
        return timestamp == null ? NO_TIMESTAMP : timestamp[row];
    }

    /** Whether a weight column is declared. */
    public boolean hasWeight() {
        return weight != null;
    }

    /** The weight of a row; 1 when no weight column is declared. */
    public double weight(int row) {
        return weight == null ? 1.0 : weight[row];
    }

    /** The feature columns, in declared order. */
    public List<CategoricalColumn> features() {
        return features;
    }

    /** Whether a numeric outcome column is declared. */
    public boolean hasNumericOutcome() {
        return numericOutcome != null;
    }

    /** The numeric outcome of a row, NaN when missing or not declared. */
    public double numericOutcome(int row) {
        return numericOutcome == null ? Double.NaN : numericOutcome[row];
    }

    /**
     * The raw values of the profile-decision column ({@link TableSpec#profileDecision()}), when declared. They
     * are not parsed here: the rule applies only on random-route rows, and the risk-profile analysis applies it
     * per value.
     */
    public Optional<CategoricalColumn> profileDecision() {
        return Optional.ofNullable(profileDecision);
    }

    /**
     * Builds a {@link DecisionTable} from rows of raw text. Each row is parsed whole: either every value is
     * valid and the row is added, or nothing of it is added and the row is reported (or, with
     * {@link TableSpec#skipBadRows()}, counted as skipped).
     */
    public static final class Builder {
        /** Distinct values remembered per column on the byte path (see {@link ByteValueMap}). */
        static final int BYTE_VALUES_PER_COLUMN = 1 << 16;
        /** Byte-path rows kept pending at most, so that their ids are still in cache when committed. */
        static final int COMMIT_BATCH = 1 << 10;

        private final TableSpec spec;
        private final List<String> layout;
        private final int decisionAt;
        private final int labelAt;
        private final int scoreAt;
        private final int routeAt;
        private final int timestampAt;
        private final int weightAt;
        private final int featuresAt;
        private final int numericOutcomeAt;
        private final int profileDecisionAt;
        private final List<Encoder> protectedEncoders = new ArrayList<>();
        private final Encoder routeEncoder;
        private final Encoder profileDecisionEncoder;
        private final List<Encoder> featureEncoders = new ArrayList<>();
        private final OutcomeTally decisionTally;
        private final OutcomeTally labelTally;
        private final List<TableSource.BadRow> badRows = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        // Scores and times repeat (deciles, dates): each distinct text is parsed once, not once per row.
        private final ParsedValueCache scoreParses =
                new ParsedValueCache(raw -> Double.doubleToRawLongBits(Double.parseDouble(raw)));
        private final ParsedValueCache timestampParses = new ParsedValueCache(Builder::parseTimestamp);

        private int rows;
        private long rowsRead;
        private long rowsSkipped;
        private boolean[] selected = new boolean[1024];
        private byte[] label;
        private double[] score;
        private long[] timestamp;
        private double[] weight;
        private double[] numericOutcome;

        private String fileName = "(memory)";
        /** The rows of a chunk ({@link #chunkRows(int)}), or 0. */
        private int chunkRows;

        /** Layout slots of the decision, label, score, timestamp, weight and numeric outcome, in checking order. */
        private final int[] checkedSlots;
        /** Layout slots read as categories: protected attributes, route, features; ascending. */
        private final int[] categoricalSlots;
        private final long[] parsedRow;
        private final long[] parsedValue;
        /** Per layout column, on the byte path. */
        private ByteColumn[] byteColumns;
        /**
         * Per layout column, what the lookup of a short value reads, side by side: {@code map.small},
         * {@code map.smallShift} and {@code pending} of its {@link ByteColumn}, kept up to date when they change.
         */
        private long[][] byteSmallTables;
        private int[] byteSmallShifts;
        private int[][] bytePending;
        /** The categorical columns among {@link #byteColumns}, and the encoder of each. */
        private ByteColumn[] byteCategoricalColumns;
        private Encoder[] byteEncoders;
        /** Rows before this one are committed; those from it to {@link #rows} are pending byte-path rows. */
        private int committedRows;
        /** Whether any value seen on the byte path makes a row bad, or clashes with the missing-group name. */
        private boolean badValuesSeen;
        private boolean clashingValuesSeen;

        private Builder(TableSpec spec) {
            this.spec = spec;
            this.layout = spec.readColumns();
            int at = spec.protectedAttributes().size();
            for (String name : spec.protectedAttributes()) {
                protectedEncoders.add(new Encoder(name, spec.missingGroup()));
            }
            decisionAt = at++;
            labelAt = spec.label() != null ? at++ : -1;
            scoreAt = spec.score() != null ? at++ : -1;
            routeAt = spec.route() != null ? at++ : -1;
            timestampAt = spec.timestamp() != null ? at++ : -1;
            weightAt = spec.weight() != null ? at++ : -1;
            featuresAt = at;
            numericOutcomeAt = spec.numericOutcome() != null ? featuresAt + spec.features().size() : -1;
            profileDecisionAt = spec.profileDecision() != null ? layout.size() - 1 : -1;
            for (String name : spec.features()) {
                featureEncoders.add(new Encoder(name, spec.missingGroup()));
            }
            routeEncoder = spec.route() != null ? new Encoder(spec.route(), spec.missingGroup()) : null;
            profileDecisionEncoder = spec.profileDecision() != null
                    ? new Encoder(spec.profileDecision().column(), spec.missingGroup()) : null;
            decisionTally = new OutcomeTally("decision", spec.decision());
            labelTally = spec.label() != null ? new OutcomeTally("label", spec.label()) : null;
            if (spec.label() != null) {
                label = new byte[1024];
            }
            if (spec.score() != null) {
                score = new double[1024];
            }
            if (spec.timestamp() != null) {
                timestamp = new long[1024];
            }
            if (spec.weight() != null) {
                weight = new double[1024];
            }
            if (spec.numericOutcome() != null) {
                numericOutcome = new double[1024];
            }
            checkedSlots = java.util.stream.IntStream.of(decisionAt, labelAt, scoreAt, timestampAt, weightAt,
                    numericOutcomeAt).filter(slot -> slot >= 0).toArray();
            categoricalSlots = java.util.stream.IntStream.range(0, layout.size())
                    .filter(i -> i < decisionAt || i == routeAt || i >= featuresAt && i != numericOutcomeAt)
                    .toArray();
            parsedRow = new long[layout.size()];
            parsedValue = new long[layout.size()];
            createByteColumns();
        }

        /** The columns {@link #addRow(String[], long)} expects, in order (see {@link TableSpec#readColumns()}). */
        public List<String> layout() {
            return layout;
        }

        /** The file name used in error messages. */
        public Builder fileName(String name) {
            this.fileName = name;
            return this;
        }

        /**
         * The rows each chunk will hold ({@link #takeChunk()} is called when this many are pending): the row arrays
         * then grow to exactly this length, so that a full chunk takes them as they are instead of a copy.
         */
        Builder chunkRows(int rowsPerChunk) {
            this.chunkRows = Math.max(0, rowsPerChunk);
            for (Encoder e : allEncoders()) {
                e.chunkRows = chunkRows;
            }
            return this;
        }

        private List<Encoder> allEncoders() {
            List<Encoder> all = new ArrayList<>(protectedEncoders);
            all.addAll(featureEncoders);
            if (routeEncoder != null) {
                all.add(routeEncoder);
            }
            if (profileDecisionEncoder != null) {
                all.add(profileDecisionEncoder);
            }
            return all;
        }

        /** New row arrays of the same length, after a chunk has taken the old ones. */
        private void replaceRowArrays() {
            int n = selected.length;
            selected = new boolean[n];
            label = label == null ? null : new byte[n];
            score = score == null ? null : new double[n];
            timestamp = timestamp == null ? null : new long[n];
            weight = weight == null ? null : new double[n];
            numericOutcome = numericOutcome == null ? null : new double[n];
        }

        /** Adds a warning about the input, reported in {@link TableSource#warnings()}. */
        public Builder warn(String warning) {
            warnings.add(warning);
            return this;
        }

        /**
         * Adds a row given as column name → raw value; a column that is absent is missing.
         *
         * @throws InputException when the row cannot be parsed and bad rows are not skipped
         */
        public Builder addRow(Map<String, String> values) {
            String[] row = new String[layout.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = values.get(layout.get(i));
            }
            return addRow(row, rowsRead + 1);
        }

        /**
         * Adds a row given as raw values in {@link #layout()} order; null means missing.
         *
         * @param values the raw values
         * @param line   the 1-based line in the input, used in error messages
         * @throws InputException when the row cannot be parsed and bad rows are not skipped
         */
        public Builder addRow(String[] values, long line) {
            if (values.length != layout.size()) {
                throw new IllegalArgumentException("expected " + layout.size() + " values, got " + values.length);
            }
            rowsRead++;
            // Parse every value first; commit nothing until the whole row is known to be valid.
            long[] parsed = parsedRow;
            for (int slot : checkedSlots) {
                String failure = check(slot, values[slot], parsed);
                if (failure != null) {
                    return fail(line, slot, failure);
                }
            }
            for (int slot : categoricalSlots) {
                if (spec.missingGroup().equals(values[slot])) {
                    throw missingGroupClash(line, slot, values[slot]);
                }
            }
            // Commit, after the byte-path rows before it, so that codes are still given in row order.
            commitPendingRows();
            ensureCapacity(rows + 1);
            for (int i = 0; i < protectedEncoders.size(); i++) {
                protectedEncoders.get(i).add(rows, missingAsNull(values[i]));
            }
            if (routeEncoder != null) {
                routeEncoder.add(rows, missingAsNull(values[routeAt]));
            }
            if (profileDecisionEncoder != null) {
                profileDecisionEncoder.add(rows, missingAsNull(values[profileDecisionAt]));
            }
            for (int i = 0; i < featureEncoders.size(); i++) {
                featureEncoders.get(i).add(rows, missingAsNull(values[featuresAt + i]));
            }
            byte sel = (byte) parsed[decisionAt];
            selected[rows] = sel == LABEL_POSITIVE;
            decisionTally.count(values[decisionAt], sel);
            if (label != null) {
                byte lab = (byte) parsed[labelAt];
                label[rows] = lab;
                labelTally.count(values[labelAt], lab);
            }
            commitNumbers(parsed[scoreAt < 0 ? 0 : scoreAt], parsed[timestampAt < 0 ? 0 : timestampAt],
                    parsed[weightAt < 0 ? 0 : weightAt], parsed[numericOutcomeAt < 0 ? 0 : numericOutcomeAt]);
            rows++;
            committedRows = rows;
            return this;
        }

        /**
         * Adds a row given as UTF-8 byte ranges, as the CSV reader finds them: the value of layout column {@code i}
         * is {@code bytes[starts[fields[i]], ends[fields[i]])}. The result is exactly that of
         * {@link #addRow(String[], long)} with the decoded texts (errors, skipped rows, codes, tallies), but each
         * distinct value of a column is decoded, checked and parsed once (see {@link ByteValueMap}): a row then
         * costs a lookup per column and a few array writes. A column with more distinct values than are remembered
         * sends the rows holding new values through {@link #addRow(String[], long)}.
         */
        void addRow(byte[] bytes, int[] starts, int[] ends, int[] fields, long line) {
            ensureCapacity(rows + 1);
            int row = rows;
            int p = row - committedRows;
            ByteColumn[] columns = byteColumns;
            long[][] tables = byteSmallTables;
            int[] shifts = byteSmallShifts;
            int[][] pending = bytePending;
            boolean overflow = false;
            // The only per-row work: one lookup per column, its id kept for the row. Everything else (codes,
            // outcomes, tallies, numbers) is done column by column over the pending rows (commitPendingRows).
            for (int slot = 0; slot < columns.length; slot++) {
                int f = fields[slot];
                int from = starts[f];
                int to = ends[f];
                // The common case written out here, so that it is compiled into this loop rather than called (the
                // JIT would not inline ByteValueMap.idOf, whose compiled code is large): a short value found in the
                // first slot its hash points to. Any other value, new ones included, goes through idOf.
                long key = ByteValueMap.smallKeyOrNone(bytes, from, to - from);
                long[] table = tables[slot];
                int at = (int) ((key * ByteValueMap.GOLDEN) >>> shifts[slot]) << 1;
                int id;
                if (table[at] == key) {
                    id = (int) table[at + 1];
                } else {
                    ByteColumn column = columns[slot];
                    id = column.map.firstProbeLonger(bytes, from, to - from);
                    if (id == ByteValueMap.NOT_IN_FIRST_SLOT) {
                        id = column.idOf(bytes, from, to);
                        tables[slot] = column.map.small; // the table may have grown
                        shifts[slot] = column.map.smallShift;
                    }
                }
                pending[slot][p] = id;
                overflow |= id < 0;
            }
            if (overflow) {
                String[] values = new String[columns.length];
                for (int slot = 0; slot < columns.length; slot++) {
                    int f = fields[slot];
                    int id = columns[slot].pending[p];
                    values[slot] = id == ByteValueMap.FULL
                            ? new String(bytes, starts[f], ends[f] - starts[f], StandardCharsets.UTF_8)
                            : columns[slot].map.text(id);
                }
                addRow(values, line);
                return;
            }
            rowsRead++;
            // Only values that make a row bad or clash with the missing-group name need a look at each row, and
            // most files have none.
            if (badValuesSeen) {
                for (int slot : checkedSlots) {
                    String failure = columns[slot].failures[columns[slot].pending[p]];
                    if (failure != null) {
                        fail(line, slot, failure);
                        return;
                    }
                }
            }
            if (clashingValuesSeen) {
                for (int slot : categoricalSlots) {
                    int id = columns[slot].pending[p];
                    if (columns[slot].clashes[id]) {
                        throw missingGroupClash(line, slot, columns[slot].map.text(id));
                    }
                }
            }
            rows++;
            if (rows - committedRows == COMMIT_BATCH) {
                commitPendingRows();
            }
        }

        private void createByteColumns() {
            byteColumns = new ByteColumn[layout.size()];
            byteSmallTables = new long[layout.size()][];
            byteSmallShifts = new int[layout.size()];
            bytePending = new int[layout.size()][];
            for (int slot = 0; slot < byteColumns.length; slot++) {
                byteColumns[slot] = new ByteColumn(slot, COMMIT_BATCH);
                byteSmallTables[slot] = byteColumns[slot].map.small;
                byteSmallShifts[slot] = byteColumns[slot].map.smallShift;
                bytePending[slot] = byteColumns[slot].pending;
            }
            List<ByteColumn> categorical = new ArrayList<>();
            List<Encoder> encoders = new ArrayList<>();
            for (int i = 0; i < protectedEncoders.size(); i++) {
                categorical.add(byteColumns[i]);
                encoders.add(protectedEncoders.get(i));
            }
            if (routeEncoder != null) {
                categorical.add(byteColumns[routeAt]);
                encoders.add(routeEncoder);
            }
            if (profileDecisionEncoder != null) {
                categorical.add(byteColumns[profileDecisionAt]);
                encoders.add(profileDecisionEncoder);
            }
            for (int i = 0; i < featureEncoders.size(); i++) {
                categorical.add(byteColumns[featuresAt + i]);
                encoders.add(featureEncoders.get(i));
            }
            byteCategoricalColumns = categorical.toArray(ByteColumn[]::new);
            byteEncoders = encoders.toArray(Encoder[]::new);
        }

        /**
         * Commits the byte-path rows added since the last commit ({@code [committedRows, rows)}), column by column:
         * what {@link #addRow(String[], long)} does per row, in the same order within each column (codes are given
         * and tallies counted in row order), so the result is the same. Called every {@link #COMMIT_BATCH} rows,
         * before a row is committed on the text path and before a table is built.
         */
        private void commitPendingRows() {
            int from = committedRows;
            int to = rows;
            committedRows = to;
            if (from >= to) {
                return;
            }
            for (int k = 0; k < byteCategoricalColumns.length; k++) {
                byteCategoricalColumns[k].commitCodes(byteEncoders[k], from, to);
            }
            ByteColumn decision = byteColumns[decisionAt];
            int[] decisionIds = decision.pending;
            long[] decisionValues = decision.values;
            for (int r = from; r < to; r++) {
                selected[r] = decisionValues[decisionIds[r - from]] == LABEL_POSITIVE;
            }
            decision.tallyRows(decisionTally, to - from);
            if (label != null) {
                ByteColumn labels = byteColumns[labelAt];
                int[] labelIds = labels.pending;
                long[] labelValues = labels.values;
                for (int r = from; r < to; r++) {
                    label[r] = (byte) labelValues[labelIds[r - from]];
                }
                labels.tallyRows(labelTally, to - from);
            }
            if (score != null) {
                byteColumns[scoreAt].commitNumbers(score, from, to);
            }
            if (timestamp != null) {
                ByteColumn times = byteColumns[timestampAt];
                int[] timeIds = times.pending;
                long[] millis = times.values;
                for (int r = from; r < to; r++) {
                    timestamp[r] = millis[timeIds[r - from]];
                }
            }
            if (weight != null) {
                byteColumns[weightAt].commitNumbers(weight, from, to);
            }
            if (numericOutcome != null) {
                byteColumns[numericOutcomeAt].commitNumbers(numericOutcome, from, to);
            }
        }

        /** Writes the numeric columns of row {@link #rows} (doubles as their raw bits); undeclared ones are ignored. */
        private void commitNumbers(long scoreBits, long timestampMillis, long weightBits, long outcomeBits) {
            if (score != null) {
                score[rows] = Double.longBitsToDouble(scoreBits);
            }
            if (timestamp != null) {
                timestamp[rows] = timestampMillis;
            }
            if (weight != null) {
                weight[rows] = Double.longBitsToDouble(weightBits);
            }
            if (numericOutcome != null) {
                numericOutcome[rows] = Double.longBitsToDouble(outcomeBits);
            }
        }

        /** A bad row: thrown, or counted as skipped when bad rows are skipped. */
        private Builder fail(long line, int slot, String failure) {
            if (!spec.skipBadRows()) {
                throw new InputException(fileName, line, layout.get(slot), failure);
            }
            rowsRead--;
            return skipRow(line, layout.get(slot), failure);
        }

        private InputException missingGroupClash(long line, int slot, String value) {
            // Not a bad row: the data is fine, the chosen name is not. Counting the value together with missing
            // values would merge two different things silently.
            return new InputException(fileName, line, layout.get(slot), "the value '" + value
                    + "' is also the name of the group of missing values; choose another missing-group name");
        }

        /**
         * Checks and parses the raw value of a decision, label, score, timestamp, weight or numeric outcome column
         * (the {@link #checkedSlots}): a pure function of the text, so the byte path calls it once per distinct
         * value.
         *
         * @param out receives at index {@code slot} the outcome (decision, label), the timestamp in milliseconds,
         *            or the raw bits of the number (NaN when missing)
         * @return why the value makes the row bad, or null
         */
        private String check(int slot, String raw, long[] out) {
            if (slot == decisionAt) {
                Outcome outcome = evaluate(spec.decision(), raw);
                out[slot] = outcome.value;
                if (outcome.error != null) {
                    return outcome.error;
                }
                return outcome.value == LABEL_UNKNOWN ? "decision value is missing; every row needs a decision" : null;
            }
            if (slot == labelAt) {
                Outcome outcome = evaluate(spec.label(), raw);
                out[slot] = outcome.value;
                return outcome.error;
            }
            if (slot == timestampAt) {
                out[slot] = NO_TIMESTAMP;
                if (spec.isMissing(raw)) {
                    return null;
                }
                try {
                    out[slot] = timestampParses.get(raw);
                    return null;
                } catch (DateTimeParseException e) {
                    return "timestamp '" + shorten(raw) + "' is not an ISO-8601 date, date-time or instant";
                }
            }
            out[slot] = Double.doubleToRawLongBits(Double.NaN);
            if (slot == weightAt) {
                if (spec.isMissing(raw)) {
                    return "weight is missing; every row needs a weight when a weight column is declared";
                }
                try {
                    double w = Double.parseDouble(raw);
                    if (!Double.isFinite(w) || w < 0) {
                        throw new NumberFormatException();
                    }
                    out[slot] = Double.doubleToRawLongBits(w);
                    return null;
                } catch (NumberFormatException e) {
                    return "weight '" + shorten(raw) + "' is not a finite number >= 0";
                }
            }
            if (spec.isMissing(raw)) {
                return null;
            }
            try {
                double v = slot == scoreAt ? Double.longBitsToDouble(scoreParses.get(raw)) : Double.parseDouble(raw);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                out[slot] = Double.doubleToRawLongBits(v);
                return null;
            } catch (NumberFormatException e) {
                return slot == scoreAt ? "score '" + shorten(raw) + "' is not a finite number"
                        : "numeric outcome '" + shorten(raw) + "' is not a finite number";
            }
        }

        /**
         * What is known about each distinct value of one layout column on the byte path, by the value's id in
         * {@link #map}: computed when the value is first seen, or (codes, tally counters) when it is first
         * committed, so a value seen only in skipped rows takes no code.
         */
        private final class ByteColumn {
            private static final long[] NOT_YET_TALLIED = new long[0];
            /** Up to this many distinct values, {@link #tallyRows} counts occurrences per value; beyond, row by row. */
            private static final int BATCH_TALLY_VALUES = 64;
            /** Per value id, its rows in the batch {@link #tallyRows} is counting (0 between calls). */
            private final int[] batchOccurrences = new int[BATCH_TALLY_VALUES];

            private final int slot;
            private final boolean categorical;
            private final boolean checked;
            final ByteValueMap map = new ByteValueMap(BYTE_VALUES_PER_COLUMN);
            /** Why the value makes a row bad (checked columns), or null. */
            String[] failures = new String[64];
            /** The parse (checked columns), as {@link #check} gives it. */
            long[] values = new long[64];
            /** Whether the value is the missing-group name (categorical columns). */
            boolean[] clashes = new boolean[64];
            /** The dictionary code, or -1 before the value is first committed (categorical columns). */
            private int[] codes = new int[64];
            /** The tally's counter for the value (null: counted as other, or not by value), or NOT_YET_TALLIED. */
            private long[][] counters = new long[64][];
            private int described;
            /**
             * Row − {@code committedRows} → the id of its value, for the rows not yet committed (at most
             * {@link #COMMIT_BATCH}, see {@link #commitPendingRows}).
             */
            int[] pending;

            ByteColumn(int slot, int rowCapacity) {
                this.slot = slot;
                this.pending = new int[rowCapacity];
                this.categorical = java.util.stream.IntStream.of(categoricalSlots).anyMatch(s -> s == slot);
                this.checked = java.util.stream.IntStream.of(checkedSlots).anyMatch(s -> s == slot);
            }

            /** The id of a value (or {@link ByteValueMap#FULL}); a new value is described first. */
            int idOf(byte[] bytes, int from, int to) {
                int id = map.idOf(bytes, from, to);
                if (id >= described) { // ids are dense: a new value has the next one
                    describe(id, map.text(id));
                    described++;
                }
                return id;
            }

            /** Writes the codes of rows {@code [from, to)} of a categorical column into its encoder. */
            void commitCodes(Encoder encoder, int from, int to) {
                int[] ids = pending;
                int[] target = encoder.values(to);
                int[] known = codes;
                // Without a branch per row, so that the rare value committed for the first time does not take the
                // compiled loop back to the interpreter: a value without a code yet gives -1, and then the rows are
                // gone through again, giving codes in row order as before.
                int all = 0;
                for (int r = from; r < to; r++) {
                    int code = known[ids[r - from]];
                    target[r] = code;
                    all |= code;
                }
                if (all < 0) {
                    commitNewCodes(encoder, target, from, to);
                }
            }

            /** {@link #commitCodes} when some of the rows hold values without a code yet. */
            private void commitNewCodes(Encoder encoder, int[] target, int from, int to) {
                for (int r = from; r < to; r++) {
                    if (target[r] < 0) {
                        target[r] = code(pending[r - from], encoder);
                    }
                }
            }

            /** Writes the parsed numbers (raw bits of doubles) of rows {@code [from, to)}. */
            void commitNumbers(double[] target, int from, int to) {
                int[] ids = pending;
                long[] bits = values;
                for (int r = from; r < to; r++) {
                    target[r] = Double.longBitsToDouble(bits[ids[r - from]]);
                }
            }

            private void describe(int id, String text) {
                if (id == failures.length) {
                    int n = id * 2;
                    failures = Arrays.copyOf(failures, n);
                    values = Arrays.copyOf(values, n);
                    clashes = Arrays.copyOf(clashes, n);
                    codes = Arrays.copyOf(codes, n);
                    counters = Arrays.copyOf(counters, n);
                }
                codes[id] = -1;
                counters[id] = NOT_YET_TALLIED;
                if (checked) {
                    failures[id] = check(slot, text, parsedValue);
                    values[id] = parsedValue[slot];
                    badValuesSeen |= failures[id] != null;
                }
                if (categorical) {
                    clashes[id] = spec.missingGroup().equals(text);
                    clashingValuesSeen |= clashes[id];
                }
            }

            /** The dictionary code of a committed value. */
            int code(int id, Encoder encoder) {
                int code = codes[id];
                if (code < 0) {
                    code = encoder.codeOf(missingAsNull(map.text(id)));
                    codes[id] = code;
                }
                return code;
            }

            /**
             * Counts the values of the first {@code count} pending rows of a decision or label column in its tally,
             * as {@link #tally} row by row would: a value's first tally (which may give it its own counter, or count
             * it as other once {@link OutcomeTally#MAX_TRACKED} values are tracked) comes in row order; later rows
             * only count occurrences per value, and each value's tally is then raised once by its count. So there is
             * no branch per row on the outcome, which is random from row to row.
             */
            void tallyRows(OutcomeTally tally, int count) {
                int[] ids = pending;
                if (described > BATCH_TALLY_VALUES) {
                    for (int i = 0; i < count; i++) {
                        int id = ids[i];
                        tally(id, tally, (byte) values[id]);
                    }
                    return;
                }
                int[] occurrences = batchOccurrences;
                long[][] known = counters;
                for (int i = 0; i < count; i++) {
                    int id = ids[i];
                    if (known[id] == NOT_YET_TALLIED) {
                        tally(id, tally, (byte) values[id]);
                    } else {
                        occurrences[id]++;
                    }
                }
                for (int id = 0; id < described; id++) {
                    int n = occurrences[id];
                    if (n != 0) {
                        tally.countAgain((byte) values[id], counters[id], n);
                        occurrences[id] = 0;
                    }
                }
            }

            /** Counts a committed decision or label value in its tally. */
            void tally(int id, OutcomeTally tally, byte value) {
                long[] counter = counters[id];
                if (counter == NOT_YET_TALLIED) {
                    String text = map.text(id);
                    tally.count(text, value);
                    counters[id] = tally.counterOf(text, value);
                } else {
                    tally.countAgain(value, counter);
                }
            }
        }

        /**
         * Records a row that could not be parsed and is skipped (the caller has checked that
         * {@link TableSpec#skipBadRows()} allows it).
         */
        public Builder skipRow(long line, String column, String reason) {
            rowsRead++;
            rowsSkipped++;
            if (badRows.size() < TableSource.MAX_BAD_ROW_EXAMPLES) {
                badRows.add(new TableSource.BadRow(line, column, reason));
            }
            return this;
        }

        /** Rows offered so far, skipped ones included. */
        public long rowsRead() {
            return rowsRead;
        }

        /** Rows added since the table or chunk was last built. */
        public int pendingRows() {
            return rows;
        }

        /**
         * Takes the rows added since the last chunk as a table of their own, and forgets them. Dictionaries,
         * tallies, warnings and the counts of rows read and skipped carry on, so a code means the same value in
         * every chunk and the table built at the end (with no rows of its own) describes the whole input. A
         * chunk's {@link DecisionTable#source()} is provisional: no hash, counts so far.
         */
        public DecisionTable takeChunk() {
            DecisionTable chunk = build(fileName, "chunk", null, warnings, true);
            rows = 0;
            committedRows = 0;
            return chunk;
        }

        /** Builds the table, recording where it came from. */
        public DecisionTable build(String name, String format, String sha256) {
            commitPendingRows();
            List<String> all = new ArrayList<>(warnings);
            for (Encoder e : protectedEncoders) {
                if (e.dictionary.size() == 1) {
                    all.add("'" + e.name + "' has one value ('" + e.dictionary.get(0) + "'): everyone is in one "
                            + "group, so no group can be compared");
                }
            }
            return build(name, format, sha256, all, false);
        }

        private DecisionTable build(String name, String format, String sha256, List<String> warnings,
                boolean handOver) {
            commitPendingRows();
            List<OutcomeCoding> codings = new ArrayList<>();
            codings.add(decisionTally.coding());
            if (labelTally != null) {
                codings.add(labelTally.coding());
            }
            TableSource source = new TableSource(name, format, sha256, rowsRead, rowsSkipped, badRows, warnings,
                    codings);
            return new DecisionTable(this, source, handOver);
        }

        /** Builds an in-memory table. */
        public DecisionTable build() {
            return build("(memory)", "memory", null);
        }

        private String missingAsNull(String raw) {
            return spec.isMissing(raw) ? null : raw;
        }

        private Outcome evaluate(OutcomeRule rule, String raw) {
            if (spec.isMissing(raw)) {
                return Outcome.UNKNOWN;
            }
            if (rule instanceof OutcomeRule.ValueSet set) {
                return set.positives().contains(raw) ? Outcome.POSITIVE : Outcome.NEGATIVE;
            }
            OutcomeRule.Threshold threshold = (OutcomeRule.Threshold) rule;
            try {
                double v = Double.parseDouble(raw);
                if (Double.isNaN(v)) {
                    throw new NumberFormatException();
                }
                return threshold.test(v) ? Outcome.POSITIVE : Outcome.NEGATIVE;
            } catch (NumberFormatException e) {
                return new Outcome(LABEL_UNKNOWN, "value '" + shorten(raw) + "' is not a number, but the rule '"
                        + rule.spec() + "' compares numbers");
            }
        }

        private void ensureCapacity(int needed) {
            if (needed <= selected.length) {
                return;
            }
            int capacity = grownCapacity(selected.length, needed, chunkRows);
            selected = Arrays.copyOf(selected, capacity);
            if (label != null) {
                label = Arrays.copyOf(label, capacity);
            }
            if (score != null) {
                score = Arrays.copyOf(score, capacity);
            }
            if (timestamp != null) {
                timestamp = Arrays.copyOf(timestamp, capacity);
            }
            if (weight != null) {
                weight = Arrays.copyOf(weight, capacity);
            }
            if (numericOutcome != null) {
                numericOutcome = Arrays.copyOf(numericOutcome, capacity);
            }
        }

        /**
         * The length an array of {@code length} rows grows to when {@code needed} rows do not fit: by half, but not
         * beyond the rows of a chunk (when set and enough), so that a full chunk's arrays are exactly full.
         */
        static int grownCapacity(int length, int needed, int chunkRows) {
            int capacity = Math.max(needed, length + (length >> 1));
            return needed <= chunkRows ? Math.min(capacity, chunkRows) : capacity;
        }

        private static long parseTimestamp(String raw) {
            String s = raw.trim();
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            }
            if (s.endsWith("Z")) {
                try {
                    return Instant.parse(s).toEpochMilli();
                } catch (DateTimeParseException e) {
                    // Instant.parse needs seconds; an offset date-time such as 2024-01-01T12:30Z does not.
                }
            }
            try {
                return OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        }

        static String shorten(String raw) {
            return raw.length() <= 40 ? raw : raw.substring(0, 37) + "...";
        }

        private record Outcome(byte value, String error) {
            static final Outcome POSITIVE = new Outcome(LABEL_POSITIVE, null);
            static final Outcome NEGATIVE = new Outcome(LABEL_NEGATIVE, null);
            static final Outcome UNKNOWN = new Outcome(LABEL_UNKNOWN, null);
        }
    }

    /** Dictionary-encodes one column while rows arrive. */
    private static final class Encoder {
        private final String name;
        private final String missingGroup;
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private static final int RECENT_SLOTS = 4096;
        private final String[] recentValues = new String[RECENT_SLOTS];
        private final int[] recentCodes = new int[RECENT_SLOTS];
        private int[] values = new int[1024];
        private int missingCode = -1;
        /** See {@link Builder#chunkRows(int)}. */
        private int chunkRows;

        Encoder(String name, String missingGroup) {
            this.name = name;
            this.missingGroup = missingGroup;
        }

        void add(int row, String raw) {
            put(row, codeOf(raw));
        }

        /** The code of a value (null: missing), given to it now if it has none yet. */
        int codeOf(String raw) {
            if (raw == null) {
                if (missingCode < 0) {
                    missingCode = intern(missingGroup);
                }
                return missingCode;
            }
            return intern(raw);
        }

        /** The codes by row, with room for at least {@code rows} rows. */
        int[] values(int rows) {
            if (rows > values.length) {
                values = Arrays.copyOf(values, Builder.grownCapacity(values.length, rows, chunkRows));
            }
            return values;
        }

        /** Sets the code of a row. */
        void put(int row, int code) {
            if (row >= values.length) {
                values = Arrays.copyOf(values, Builder.grownCapacity(values.length, row + 1, chunkRows));
            }
            values[row] = code;
        }

        private int intern(String value) {
            // Readers hand over the same String instance for the same value (see ByteValueMap), so a small
            // cache compared by identity answers most lookups without hashing or comparing characters.
            int slot = value.hashCode() & (RECENT_SLOTS - 1);
            if (recentValues[slot] == value) {
                return recentCodes[slot];
            }
            Integer code = codes.get(value);
            if (code == null) {
                code = dictionary.size();
                codes.put(value, code);
                dictionary.add(value);
            }
            recentValues[slot] = value;
            recentCodes[slot] = code;
            return code;
        }

        /** The column of the rows so far; with {@code handOver}, an exactly full array is taken, not copied. */
        CategoricalColumn build(int rows, boolean handOver) {
            int[] codes;
            if (handOver && values.length == rows) {
                codes = values;
                values = new int[rows];
            } else {
                codes = Arrays.copyOf(values, rows);
            }
            return new CategoricalColumn(name, List.copyOf(dictionary), codes, missingCode, false);
        }
    }

    /** Counts how raw decision or label values were coded. */
    private static final class OutcomeTally {
        private static final int MAX_TRACKED = 1000;

        private final String role;
        private final OutcomeRule rule;
        private final Map<String, long[]> positives = new HashMap<>();
        private final Map<String, long[]> negatives = new HashMap<>();
        private String lastRaw;
        private long[] lastCount;
        private long positive;
        private long negative;
        private long missing;
        private long other;

        OutcomeTally(String role, OutcomeRule rule) {
            this.role = role;
            this.rule = rule;
        }

        void count(String raw, byte value) {
            if (!countOutcome(value)) {
                return;
            }
            if (raw == lastRaw) { // readers reuse one String instance per value, so this is the common case
                lastCount[0]++;
                return;
            }
            Map<String, long[]> target = value == LABEL_POSITIVE ? positives : negatives;
            long[] seen = target.get(raw);
            if (seen == null) {
                if (positives.size() + negatives.size() >= MAX_TRACKED) {
                    other++;
                    return;
                }
                seen = new long[1];
                target.put(raw, seen);
            }
            seen[0]++;
            lastRaw = raw;
            lastCount = seen;
        }

        /**
         * The counter {@link #count} increments for this raw value from now on, or null when it increments none
         * (missing, a threshold rule, or a value beyond the tracked ones, counted as other). Call after counting
         * the value once.
         */
        long[] counterOf(String raw, byte value) {
            if (value == LABEL_UNKNOWN || rule instanceof OutcomeRule.Threshold) {
                return null;
            }
            return (value == LABEL_POSITIVE ? positives : negatives).get(raw);
        }

        /**
         * Counts a value as missing, positive or negative; true when its raw text is also tallied (a known outcome
         * under a rule of listed values, not a threshold).
         */
        private boolean countOutcome(byte value) {
            if (value == LABEL_UNKNOWN) {
                missing++;
                return false;
            }
            if (value == LABEL_POSITIVE) {
                positive++;
            } else {
                negative++;
            }
            return !(rule instanceof OutcomeRule.Threshold);
        }

        /** Counts a value again, as {@link #count} would, given its {@link #counterOf counter}. */
        void countAgain(byte value, long[] counter) {
            countAgain(value, counter, 1);
        }

        /** {@link #countAgain(byte, long[])} {@code times} times over. */
        void countAgain(byte value, long[] counter, int times) {
            if (value == LABEL_UNKNOWN) {
                missing += times;
                return;
            }
            if (value == LABEL_POSITIVE) {
                positive += times;
            } else {
                negative += times;
            }
            if (rule instanceof OutcomeRule.Threshold) {
                return;
            }
            if (counter != null) {
                counter[0] += times;
            } else {
                other += times;
            }
        }

        OutcomeCoding coding() {
            return new OutcomeCoding(role, rule.spec(), totals(positives), totals(negatives), positive, negative,
                    missing, other);
        }

        private static Map<String, Long> totals(Map<String, long[]> counts) {
            Map<String, Long> totals = new HashMap<>();
            counts.forEach((raw, count) -> totals.put(raw, count[0]));
            return totals;
        }
    }
}
