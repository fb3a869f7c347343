package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Area-level reference data: for each area (a postcode, a neighbourhood), the number of residents of each
 * group, for example the CBS "Kerncijfers wijken en buurten" origin counts. Read from a CSV file with one row
 * per area. An area whose group counts are suppressed or all zero has no usable composition: it is listed in
 * {@link #unusableAreas()} and decisions in it are counted as without reference, never dropped silently.
 */
public final class AreaReference {

    private final String fileName;
    private final String sha256;
    private final String keyColumn;
    private final List<String> groups;
    private final Map<String, long[]> counts;
    private final List<String> unusableAreas;
    private final long rowsRead;
    private final List<String> warnings;

    private AreaReference(String fileName, String sha256, String keyColumn, List<String> groups,
            Map<String, long[]> counts, List<String> unusableAreas, long rowsRead, List<String> warnings) {
        this.fileName = fileName;
        this.sha256 = sha256;
        this.keyColumn = keyColumn;
        this.groups = List.copyOf(groups);
        this.counts = Collections.unmodifiableMap(counts);
        this.unusableAreas = List.copyOf(unusableAreas);
        this.rowsRead = rowsRead;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * An area table built in memory.
     *
     * @param groups the group names, in order
     * @param counts area → residents per group (in group order); copied
     */
    public static AreaReference of(String name, List<String> groups, Map<String, long[]> counts) {
        Map<String, long[]> copy = new LinkedHashMap<>();
        List<String> unusable = new ArrayList<>();
        counts.forEach((area, c) -> {
            if (c.length != groups.size()) {
                throw new IllegalArgumentException("area " + area + " has " + c.length + " counts for "
                        + groups.size() + " groups");
            }
            long total = 0;
            for (long v : c) {
                if (v < 0) {
                    throw new IllegalArgumentException("area " + area + " has a negative count");
                }
                total += v;
            }
            if (total == 0) {
                unusable.add(area);
            } else {
                copy.put(area, c.clone());
            }
        });
        return new AreaReference(name, null, "area", groups, copy, unusable, counts.size(), List.of());
    }

    /**
     * Reads the file.
     *
     * @param file            the CSV file
     * @param keyColumn       the column holding the area code, matched exactly against the decisions' area values
     * @param groupColumns    one count column per group; the group is named after its column
     * @param filters         column → value a row must have to be used (for example {@code recs=Buurt}), so that
     *                        a table mixing levels (municipality, district, neighbourhood) is read at one level
     * @param suppressedMarkers raw values meaning "suppressed" (for example {@code .})
     * @throws InputException naming the file, line, column and value of the first problem
     */
    public static AreaReference read(Path file, String keyColumn, List<String> groupColumns,
            Map<String, String> filters, Set<String> suppressedMarkers) {
        if (groupColumns.size() < 2) {
            throw new IllegalArgumentException("an area table needs at least two group columns, got " + groupColumns);
        }
        String fileName = file.getFileName().toString();
        Map<String, long[]> counts = new LinkedHashMap<>();
        Map<String, Long> lines = new LinkedHashMap<>();
        List<String> unusable = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        long[] read = new long[2];
        String sha = TableReader.readCsvRecords(file, new TableReader.CsvRecordHandler() {
            private int key;
            private int[] group;
            private final Map<String, Integer> filter = new LinkedHashMap<>();
            private int width;

            @Override
            public void header(List<String> names) {
                ColumnResolver r = new ColumnResolver(fileName, names);
                warnings.addAll(r.duplicateWarnings());
                width = names.size();
                key = r.resolve(keyColumn);
                group = new int[groupColumns.size()];
                for (int i = 0; i < group.length; i++) {
                    group[i] = r.resolve(groupColumns.get(i));
                }
                filters.keySet().forEach(c -> filter.put(c, r.resolve(c)));
            }

            @Override
            public void record(List<String> fields, long line) {
                read[0]++;
                if (fields.size() != width) {
                    throw new InputException(fileName, line, null, "expected " + width
                            + " fields as in the header, found " + fields.size());
                }
                for (Map.Entry<String, Integer> f : filter.entrySet()) {
                    if (!fields.get(f.getValue()).equals(filters.get(f.getKey()))) {
                        read[1]++;
                        return;
                    }
                }
                String area = fields.get(key);
                if (area.isEmpty()) {
                    throw new InputException(fileName, line, keyColumn, "the area code is empty");
                }
                Long before = lines.putIfAbsent(area, line);
                if (before != null) {
                    throw new InputException(fileName, line, keyColumn, "area '" + area + "' already appeared on line "
                            + before);
                }
                long[] c = new long[group.length];
                boolean suppressed = false;
                long total = 0;
                for (int i = 0; i < group.length; i++) {
                    String raw = fields.get(group[i]);
                    if (suppressedMarkers.contains(raw)) {
                        suppressed = true;
                        continue;
                    }
                    try {
                        c[i] = Long.parseLong(raw);
                    } catch (NumberFormatException e) {
                        throw new InputException(fileName, line, groupColumns.get(i), "value '" + raw
                                + "' is not a whole count and not a suppression marker " + suppressedMarkers);
                    }
                    if (c[i] < 0) {
                        throw new InputException(fileName, line, groupColumns.get(i), "value '" + raw
                                + "' is negative; a count is >= 0");
                    }
                    total += c[i];
                }
                if (suppressed || total == 0) {
                    unusable.add(area);
                } else {
                    counts.put(area, c);
                }
            }
        });
        if (read[1] > 0) {
            warnings.add(read[1] + " area row(s) do not match the filter " + filters + " and were left out");
        }
        if (counts.isEmpty()) {
            throw new InputException(fileName, 0, null, "no area has usable group counts (read " + read[0] + " rows)");
        }
        return new AreaReference(fileName, sha, keyColumn, groupColumns, counts, unusable, read[0], warnings);
    }

    /** The file name, or the name given in memory. */
    public String fileName() {
        return fileName;
    }

    /** The file's SHA-256, or null in memory. */
    public String sha256() {
        return sha256;
    }

    /** The area code column. */
    public String keyColumn() {
        return keyColumn;
    }

    /** The group names (count columns), in order. */
    public List<String> groups() {
        return groups;
    }

    /** The areas with usable counts, in file order. */
    public List<String> areas() {
        return List.copyOf(counts.keySet());
    }

    /** Residents per group of an area (a copy), or null when the area has no usable counts or is unknown. */
    public long[] counts(String area) {
        long[] c = counts.get(area);
        return c == null ? null : c.clone();
    }

    /** Areas whose counts are suppressed or all zero. */
    public List<String> unusableAreas() {
        return unusableAreas;
    }

    /** Data rows read, filtered ones included. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Warnings from reading. */
    public List<String> warnings() {
        return warnings;
    }
}
