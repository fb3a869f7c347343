package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds declared columns in a header. A header may repeat a name (the ProPublica COMPAS file repeats
 * {@code decile_score} and {@code priors_count}): that is a warning, and an error only when the repeated name
 * is used; one copy can then be named {@code name#1}, {@code name#2}, ... (in header order).
 */
final class ColumnResolver {

    private final String fileName;
    private final List<String> header;
    private final Map<String, List<Integer>> positions = new LinkedHashMap<>();

    ColumnResolver(String fileName, List<String> header) {
        this.fileName = fileName;
        this.header = List.copyOf(header);
        for (int i = 0; i < header.size(); i++) {
            positions.computeIfAbsent(header.get(i), k -> new ArrayList<>()).add(i);
        }
    }

    /** One warning per repeated header name, naming its positions (1-based) and how to pick one. */
    List<String> duplicateWarnings() {
        List<String> warnings = new ArrayList<>();
        positions.forEach((name, at) -> {
            if (at.size() > 1) {
                List<String> picks = new ArrayList<>();
                for (int k = 1; k <= at.size(); k++) {
                    picks.add("'" + name + "#" + k + "'");
                }
                warnings.add("the header repeats column '" + name + "' at positions " + oneBased(at)
                        + "; using '" + name + "' is an error, name one copy as " + String.join(" or ", picks));
            }
        });
        return warnings;
    }

    /**
     * The 0-based index of a declared column.
     *
     * @throws InputException when the column is absent (naming the nearest header name) or ambiguous
     */
    int resolve(String name) {
        List<Integer> at = positions.get(name);
        if (at != null && at.size() == 1) {
            return at.get(0);
        }
        if (at != null) {
            throw new InputException(fileName, 1, name, "column '" + name + "' is ambiguous: the header has it at "
                    + "positions " + oneBased(at) + "; name one copy as '" + name + "#1' .. '" + name + "#"
                    + at.size() + "'");
        }
        int hash = name.lastIndexOf('#');
        if (hash > 0) {
            List<Integer> copies = positions.get(name.substring(0, hash));
            if (copies != null) {
                try {
                    int k = Integer.parseInt(name.substring(hash + 1));
                    if (k >= 1 && k <= copies.size()) {
                        return copies.get(k - 1);
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
                throw new InputException(fileName, 1, name, "column '" + name.substring(0, hash) + "' occurs "
                        + copies.size() + " time(s); '" + name + "' must end in #1 .. #" + copies.size());
            }
        }
        throw new InputException(fileName, 1, name, "no column '" + name + "'" + suggestion(name, header));
    }

    static String suggestion(String name, List<String> candidates) {
        String list = candidates.size() <= 60 ? "; columns are " + candidates
                : "; the header has " + candidates.size() + " columns";
        return NearestName.of(name, candidates).map(best -> "; did you mean '" + best + "'?" + list).orElse(list);
    }

    private static List<Integer> oneBased(List<Integer> at) {
        return at.stream().map(i -> i + 1).toList();
    }
}
