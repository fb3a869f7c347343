package dev.fairaudit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The keys of an audit.json (or a part of it) that docs/audit-json.md does not name: shared by the CLI tests. */
final class AuditJsonKeys {

    /** Objects whose keys are data (group names, attribute values, raw outcome values), not schema. */
    private static final Set<String> DATA_MAPS = Set.of("attributes", "reference", "maxGroup", "minGroup",
            "positiveValues", "negativeValues", "references", "group", "other");

    private AuditJsonKeys() {
    }

    /** The field names of {@code node} missing from docs/audit-json.md, sorted. */
    static List<String> undocumented(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        collect(node, keys);
        String schema;
        try {
            schema = Files.readString(Path.of(System.getProperty("fairaudit.root", ".")).resolve("docs/audit-json.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> missing = new ArrayList<>();
        for (String key : keys) {
            if (!schema.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        return missing;
    }

    private static void collect(JsonNode node, Set<String> keys) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                keys.add(e.getKey());
                if (DATA_MAPS.contains(e.getKey()) && e.getValue().isObject()) {
                    continue;
                }
                collect(e.getValue(), keys);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, keys));
        }
    }
}
