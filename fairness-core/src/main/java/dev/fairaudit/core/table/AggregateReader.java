package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads an aggregate table (counts per group, as statistics offices deliver them) from a CSV file with the
 * same rules as {@link TableReader} (separator, UTF-8, BOM, gzip). Every problem stops the read with the file,
 * line, column and value: a count that is not a whole number, a negative count, a count that is not a
 * multiple of the declared rounding, an empty group value, a group given twice. Rows left out by a filter or
 * because they describe an attribute that is not audited are counted in a warning, never dropped silently.
 */
public final class AggregateReader {

    private AggregateReader() {
    }

    /**
     * Reads the file.
     *
     * @throws InputException naming the file, line, column and value of the first problem
     */
    public static AggregateTable read(Path file, AggregateSpec spec) {
        String fileName = file.getFileName().toString();
        Handler h = new Handler(fileName, spec);
        String sha = TableReader.readCsvRecords(file, h);
        List<String> warnings = new ArrayList<>(h.warnings);
        if (h.filteredOut > 0) {
            warnings.add(h.filteredOut + " row(s) do not match the filter " + spec.filters()
                    + " and were left out");
        }
        if (!h.otherAttributes.isEmpty()) {
            long n = h.otherAttributes.values().stream().mapToLong(Long::longValue).sum();
            warnings.add(n + " row(s) describe attributes that are not audited and were left out: "
                    + h.otherAttributes);
        }
        if (h.rows.isEmpty()) {
            throw new InputException(fileName, 0, null, "no rows to audit (read " + h.rowsRead + ")");
        }
        TableSource source = new TableSource(fileName, "aggregate-csv", sha, h.rowsRead, 0, List.of(), warnings,
                List.of());
        return new AggregateTable(spec, h.rows, source);
    }

    private static final class Handler implements TableReader.CsvRecordHandler {
        private final String fileName;
        private final AggregateSpec spec;
        private final List<AggregateRow> rows = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, Long> otherAttributes = new TreeMap<>();
        private final Map<Map<String, String>, Long> seen = new HashMap<>();
        private long rowsRead;
        private long filteredOut;
        private int width;
        private int attributeIndex = -1;
        private int valueIndex = -1;
        private int[] groupIndex;
        private final Map<String, Integer> filterIndex = new LinkedHashMap<>();
        private final EnumMap<PublishedCell, Integer> cellIndex = new EnumMap<>(PublishedCell.class);
        private List<String> header;

        Handler(String fileName, AggregateSpec spec) {
            this.fileName = fileName;
            this.spec = spec;
        }

        @Override
        public void header(List<String> names) {
            header = names;
            width = names.size();
            ColumnResolver resolver = new ColumnResolver(fileName, names);
            warnings.addAll(resolver.duplicateWarnings());
            if (spec.attributeValueLayout()) {
                attributeIndex = resolver.resolve(spec.attributeColumn());
                valueIndex = resolver.resolve(spec.valueColumn());
            } else {
                groupIndex = new int[spec.protectedAttributes().size()];
                for (int i = 0; i < groupIndex.length; i++) {
                    groupIndex[i] = resolver.resolve(spec.protectedAttributes().get(i));
                }
            }
            spec.filters().keySet().forEach(c -> filterIndex.put(c, resolver.resolve(c)));
            if (!spec.countColumns().isEmpty()) {
                spec.countColumns().forEach((cell, col) -> cellIndex.put(cell, resolver.resolve(col)));
            } else {
                for (int i = 0; i < names.size(); i++) {
                    String n = names.get(i).trim().toLowerCase(Locale.ROOT).replace('-', '_');
                    for (PublishedCell c : PublishedCell.values()) {
                        if (c.id().equals(n) || c.id().replace("_", "").equals(n)) {
                            cellIndex.put(c, i);
                        }
                    }
                }
            }
            if (cellIndex.isEmpty()) {
                throw new InputException(fileName, 1, null, "no count columns: name them tp, fp, fn, tn, selected, "
                        + "not_selected, or map them explicitly; header: " + names);
            }
            boolean anyConfusion = cellIndex.keySet().stream().anyMatch(c -> c.ordinal() < 4);
            if (anyConfusion) {
                for (PublishedCell c : List.of(PublishedCell.TP, PublishedCell.FP, PublishedCell.FN,
                        PublishedCell.TN)) {
                    if (!cellIndex.containsKey(c)) {
                        throw new InputException(fileName, 1, null, "a confusion matrix needs all four cells tp, "
                                + "fp, fn, tn; '" + c.id() + "' has no column; found " + cellIndex.keySet());
                    }
                }
            } else if (cellIndex.size() != 2) {
                throw new InputException(fileName, 1, null, "counts without a label need both 'selected' and "
                        + "'not_selected' columns; found " + cellIndex.keySet());
            }
        }

        @Override
        public void record(List<String> fields, long line) {
            rowsRead++;
            if (fields.size() != width) {
                throw new InputException(fileName, line, null, "expected " + width + " fields as in the header, found "
                        + fields.size());
            }
            for (Map.Entry<String, Integer> f : filterIndex.entrySet()) {
                if (!fields.get(f.getValue()).equals(spec.filters().get(f.getKey()))) {
                    filteredOut++;
                    return;
                }
            }
            Map<String, String> group = new LinkedHashMap<>();
            if (spec.attributeValueLayout()) {
                String attribute = fields.get(attributeIndex);
                if (!spec.protectedAttributes().contains(attribute)) {
                    otherAttributes.merge(attribute, 1L, Long::sum);
                    return;
                }
                group.put(attribute, requireValue(fields, valueIndex, line));
            } else {
                for (int i = 0; i < groupIndex.length; i++) {
                    group.put(spec.protectedAttributes().get(i), requireValue(fields, groupIndex[i], line));
                }
            }
            Long previous = seen.putIfAbsent(group, line);
            if (previous != null) {
                throw new InputException(fileName, line, null, "the group " + group + " already appeared on line "
                        + previous + "; give each group once (sum the counts first if they are parts)");
            }
            EnumMap<PublishedCell, PublishedCount> counts = new EnumMap<>(PublishedCell.class);
            cellIndex.forEach((cell, i) -> counts.put(cell, count(fields.get(i), header.get(i), line)));
            rows.add(new AggregateRow(line, group, counts));
        }

        private String requireValue(List<String> fields, int index, long line) {
            String v = fields.get(index);
            if (v.isEmpty()) {
                throw new InputException(fileName, line, header.get(index), "the group value is empty");
            }
            return v;
        }

        private PublishedCount count(String raw, String column, long line) {
            if (spec.suppressedMarkers().contains(raw)) {
                return PublishedCount.SUPPRESSED;
            }
            long v;
            try {
                v = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                throw new InputException(fileName, line, column, "value '" + raw + "' is not a whole count and not a "
                        + "suppression marker " + new java.util.TreeSet<>(spec.suppressedMarkers()));
            }
            if (v < 0) {
                throw new InputException(fileName, line, column, "value '" + raw + "' is negative; a count is >= 0");
            }
            if (v % spec.rounding() != 0) {
                throw new InputException(fileName, line, column, "value '" + raw + "' is not a multiple of the "
                        + "declared rounding " + spec.rounding());
            }
            return PublishedCount.of(v);
        }
    }
}
