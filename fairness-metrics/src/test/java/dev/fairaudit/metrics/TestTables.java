package dev.fairaudit.metrics;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds small decision tables from cell counts per group, for tests. */
final class TestTables {

    private TestTables() {
    }

    /** A group's rows: its attribute values and how many rows fall in each cell (TP, FP, FN, TN, SU, NU). */
    record GroupRows(Map<String, String> attributes, long[] cells) {
        static GroupRows of(String attribute, String value, long... cells) {
            return new GroupRows(Map.of(attribute, value), cells);
        }

        static GroupRows of(Map<String, String> attributes, long... cells) {
            return new GroupRows(attributes, cells);
        }
    }

    /** The rows of every group, in order, as maps with decision column {@code d} and label column {@code y}. */
    static List<Map<String, String>> rows(List<GroupRows> groups) {
        List<Map<String, String>> rows = new ArrayList<>();
        String[][] cellValues = {{"1", "1"}, {"1", "0"}, {"0", "1"}, {"0", "0"}, {"1", ""}, {"0", ""}};
        for (GroupRows g : groups) {
            for (int c = 0; c < g.cells().length; c++) {
                for (long i = 0; i < g.cells()[c]; i++) {
                    Map<String, String> row = new HashMap<>(g.attributes());
                    row.put("d", cellValues[c][0]);
                    row.put("y", cellValues[c][1]);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A table with the given protected attributes, decision {@code d=1} and label {@code y=1}. */
    static DecisionTable table(List<String> attributes, List<Map<String, String>> rows) {
        DecisionTable.Builder b = DecisionTable.builder(TableSpec.builder().protectedAttributes(attributes)
                .decision("d=1").label("y=1").build());
        rows.forEach(b::addRow);
        return b.build();
    }

    static DecisionTable table(String attribute, GroupRows... groups) {
        return table(List.of(attribute), rows(List.of(groups)));
    }
}
