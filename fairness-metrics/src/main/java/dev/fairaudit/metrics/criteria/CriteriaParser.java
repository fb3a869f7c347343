package dev.fairaudit.metrics.criteria;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fairaudit.core.InputException;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.risk.Similarity;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a criteria file, YAML or JSON (JSON is YAML too; text starting with <code>{</code> is read as JSON).
 * Strict: an unknown key is an error naming the key and the nearest valid one, and so is an unknown quantity.
 * The format is documented in {@code docs/risk-profiles.md}.
 */
public final class CriteriaParser {

    /** The keys at the top of a criteria file. */
    public static final Set<String> FILE_KEYS = Set.of("name", "evaluationDate", "minSampleSize", "criteria");
    /** The keys of one criterion. */
    public static final Set<String> CRITERION_KEYS = Set.of("id", "metric", "attribute", "intersection", "group",
            "atLeast", "atMost", "between", "minSampleSize", "onFail", "description");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Set<String> quantities;

    /** A parser that accepts these quantity names. */
    public CriteriaParser(Set<String> quantities) {
        this.quantities = Set.copyOf(quantities);
    }

    /**
     * Parses a criteria file's text.
     *
     * @param source the file name, for messages
     * @param text   the file's text
     * @throws InputException naming the file, the key path and the problem
     */
    public CriteriaSpec parse(String source, String text) {
        JsonNode root;
        try {
            root = text.stripLeading().startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InputException(source, Math.max(0, line), null, "not valid YAML or JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw error(source, "(top)", "the file must hold a mapping with a 'criteria' list");
        }
        checkKeys(source, "", root, FILE_KEYS);
        int defaultMin = root.has("minSampleSize") ? positiveInt(source, "minSampleSize", root.get("minSampleSize"))
                : AuditSettings.DEFAULT_MIN_GROUP_SIZE;
        LocalDate date = null;
        if (root.hasNonNull("evaluationDate")) {
            try {
                date = LocalDate.parse(root.get("evaluationDate").asText());
            } catch (DateTimeParseException e) {
                throw error(source, "evaluationDate", "'" + root.get("evaluationDate").asText()
                        + "' is not a date such as 2027-06-30");
            }
        }
        JsonNode list = root.get("criteria");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw error(source, "criteria", "must be a non-empty list of criteria");
        }
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            criteria.add(criterion(source, "criteria[" + i + "]", list.get(i), defaultMin));
        }
        try {
            return new CriteriaSpec(text(root, "name"), source, date, criteria);
        } catch (IllegalArgumentException e) {
            throw error(source, "criteria", e.getMessage());
        }
    }

    private Criterion criterion(String source, String path, JsonNode node, int defaultMin) {
        if (!node.isObject()) {
            throw error(source, path, "each criterion must be a mapping");
        }
        checkKeys(source, path + ".", node, CRITERION_KEYS);
        String id = text(node, "id");
        if (id == null || id.isBlank()) {
            throw error(source, path + ".id", "every criterion needs an id");
        }
        String at = path + " (" + id + ")";
        String metric = text(node, "metric");
        if (metric == null) {
            throw error(source, at + ".metric", "every criterion needs a metric; valid: " + sorted(quantities));
        }
        if (!quantities.contains(metric)) {
            String near = Similarity.nearest(metric, quantities);
            throw error(source, at + ".metric", "unknown metric '" + metric + "'"
                    + (near == null ? "" : "; did you mean '" + near + "'?") + " Valid: " + sorted(quantities));
        }
        if (node.has("attribute") && node.has("intersection")) {
            throw error(source, at, "give either 'attribute' or 'intersection', not both");
        }
        List<String> grouping = new ArrayList<>();
        if (node.has("attribute")) {
            grouping.add(requireText(source, at + ".attribute", node.get("attribute")));
        } else if (node.has("intersection")) {
            JsonNode inter = node.get("intersection");
            if (!inter.isArray() || inter.size() < 2) {
                throw error(source, at + ".intersection", "must be a list of two or more attributes");
            }
            inter.forEach(n -> grouping.add(requireText(source, at + ".intersection", n)));
        }
        Map<String, String> group = new LinkedHashMap<>();
        if (node.has("group")) {
            JsonNode g = node.get("group");
            if (g.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    group.put(e.getKey(), requireText(source, at + ".group." + e.getKey(), e.getValue()));
                }
            } else if (g.isValueNode() && grouping.size() == 1) {
                group.put(grouping.get(0), g.asText());
            } else {
                throw error(source, at + ".group", "must be a value (with 'attribute') or a mapping attribute: value");
            }
            if (!grouping.containsAll(group.keySet())) {
                throw error(source, at + ".group", "names attributes " + group.keySet() + " outside " + grouping);
            }
        }
        Double lower = number(source, at + ".atLeast", node.get("atLeast"));
        Double upper = number(source, at + ".atMost", node.get("atMost"));
        if (node.has("between")) {
            JsonNode b = node.get("between");
            if (lower != null || upper != null) {
                throw error(source, at, "give 'between' or 'atLeast'/'atMost', not both");
            }
            if (!b.isArray() || b.size() != 2) {
                throw error(source, at + ".between", "must be a list of two numbers [lower, upper]");
            }
            lower = number(source, at + ".between", b.get(0));
            upper = number(source, at + ".between", b.get(1));
        }
        if (lower == null && upper == null) {
            throw error(source, at, "needs a bound: atLeast, atMost or between");
        }
        int min = node.has("minSampleSize") ? positiveInt(source, at + ".minSampleSize", node.get("minSampleSize"))
                : defaultMin;
        Advice onFail = Advice.STOP;
        if (node.has("onFail")) {
            String v = requireText(source, at + ".onFail", node.get("onFail")).toLowerCase(Locale.ROOT);
            if (v.equals("stop")) {
                onFail = Advice.STOP;
            } else if (v.equals("adjust")) {
                onFail = Advice.ADJUST;
            } else {
                throw error(source, at + ".onFail", "'" + v + "' must be 'stop' or 'adjust'");
            }
        }
        try {
            return new Criterion(id, metric, grouping, group, new Bound(lower, upper), min, onFail,
                    text(node, "description"));
        } catch (IllegalArgumentException e) {
            throw error(source, at, e.getMessage());
        }
    }

    private static void checkKeys(String source, String prefix, JsonNode node, Set<String> valid) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!valid.contains(key)) {
                String near = Similarity.nearest(key, valid);
                throw error(source, prefix + key, "unknown key '" + key + "'"
                        + (near == null ? "" : "; did you mean '" + near + "'?") + " Valid keys: " + sorted(valid));
            }
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String requireText(String source, String path, JsonNode v) {
        if (v == null || !v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw error(source, path, "must be a non-empty value");
        }
        return v.asText();
    }

    private static Double number(String source, String path, JsonNode v) {
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw error(source, path, "'" + v.asText() + "' is not a finite number");
        }
        return v.asDouble();
    }

    private static int positiveInt(String source, String path, JsonNode v) {
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw error(source, path, "'" + v.asText() + "' is not a whole number >= 1");
        }
        return v.asInt();
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }

    private static InputException error(String source, String path, String detail) {
        return new InputException(source, 0, path, detail);
    }
}
