package dev.fairaudit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.CanonicalWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What of a case's features a DECISION record of one {@link AuditedModel} may hold: excluded features are left
 * out; protected attributes, and textual values equal to the raw subject identifier, are left out and their
 * names listed ({@code withheldFeatures}); NaN and infinite numbers are recorded as missing ({@code null}).
 * Each of the two warnings is logged once per model.
 *
 * <p>Features come in one of two forms. A JSON tree, built on the caller's thread ({@code featuresFromRecord},
 * or a map with values that need converting), is filtered there, in place ({@link #filter}). A map of plain
 * values ({@code features(...)}, the usual case) is kept as the caller made it, when it cannot change
 * ({@code Map.of}, {@code Map.copyOf}), or as a copy ({@link #keepable}), and filtered only where the record is
 * written: on the log's writer thread ({@link #prepare} then {@link Kept#writeCanonical}), or in
 * {@link DecisionRecord#toJson()} for other sinks ({@link Kept#toTree}). Both forms give the same payload, byte
 * for byte, as filtering the tree of {@link Json#objectOf} of the map on the caller's thread did.
 */
final class FeatureFilter {

    /** The wrapper's logger: the warnings keep the category they always had. */
    private static final Logger LOG = LoggerFactory.getLogger(AuditedModel.class);

    /** The classes of the JDK's unmodifiable maps ({@code Map.of}, {@code Map.ofEntries}, {@code Map.copyOf}). */
    private static final Class<?> MAP_1 = Map.of("k", "v").getClass();
    private static final Class<?> MAP_N = Map.of().getClass();

    /** Per thread: room for one record's kept features, so that writing them allocates nothing. */
    private static final ThreadLocal<Kept> SCRATCH = ThreadLocal.withInitial(Kept::new);

    private final String modelId;
    private final String modelVersion;
    /** Arrays for the loops over names (iterating an array allocates nothing), sets for look-ups. */
    private final String[] excludedList;
    private final Set<String> excluded;
    private final String[] protectedList;
    private final Set<String> protectedNames;
    private final AtomicBoolean warnedWithheld = new AtomicBoolean();
    private final AtomicBoolean warnedNotFinite = new AtomicBoolean();
    /** The keys of the last unmodifiable map kept; racy on purpose: a stale or missing one only costs time. */
    private KeySet lastKeys;

    FeatureFilter(String modelId, String modelVersion, Collection<String> excludedNames,
            Collection<String> protectedAttributeNames) {
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.excludedList = excludedNames.toArray(new String[0]);
        this.excluded = Set.copyOf(excludedNames);
        this.protectedList = protectedAttributeNames.toArray(new String[0]);
        this.protectedNames = Set.copyOf(protectedAttributeNames);
    }

    /**
     * The map a record may hold instead of a tree: the caller's own when it is one of the JDK's unmodifiable
     * maps, else a copy in the same iteration order; null when a key is not a string or a value is anything but an
     * immutable plain value (string, boolean, boxed number, {@link BigDecimal}, {@link BigInteger}, enum,
     * {@link UUID}), which must then be converted to a tree on the caller's thread: the record is read later
     * on another thread, and by then a mutable value could have changed. Allocates nothing for an
     * unmodifiable map with the same keys as the one before.
     *
     * @param map the features function's result, not null
     */
    Map<String, ?> keepable(Map<String, ?> map) {
        Class<?> type = map.getClass();
        boolean unmodifiable = type == MAP_N || type == MAP_1;
        KeySet last = lastKeys;
        if (unmodifiable && last != null && last.sameKeysAndPlainValues(map)) {
            return map;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (!(e.getKey() instanceof String) || (v == null ? unmodifiable : !plainValue(v))) {
                return null;
            }
        }
        if (unmodifiable) {
            lastKeys = new KeySet(map.keySet().toArray(new String[0]));
            return map;
        }
        return new LinkedHashMap<>(map);
    }

    /**
     * The keys of a map that {@link #keepable} kept, to check the next map without iterating it: the iterators
     * of the JDK's unmodifiable maps allocate (an entry per member), and the features function usually gives
     * the same keys every time. Immutable (final field), so a thread that reads {@link #lastKeys} sees it whole.
     */
    private static final class KeySet {
        private final String[] keys;

        KeySet(String[] keys) {
            this.keys = keys;
        }

        /**
         * Whether {@code map}, one of the JDK's unmodifiable maps (no null keys or values), has exactly these
         * keys, and only plain values.
         */
        boolean sameKeysAndPlainValues(Map<String, ?> map) {
            if (map.size() != keys.length) {
                return false;
            }
            for (String key : keys) {
                Object v = map.get(key);
                if (v == null || !plainValue(v)) {
                    return false; // a key missing (the same size: then a new one instead), or a value to convert
                }
            }
            return true;
        }
    }

    /** Immutable, and converted by {@link Json#value} without Jackson's serializers. */
    private static boolean plainValue(Object v) {
        Class<?> c = v.getClass();
        return c == String.class || c == Integer.class || c == Double.class || c == Long.class || c == Boolean.class
                || c == Float.class || c == Short.class || c == Byte.class || c == BigDecimal.class
                || c == BigInteger.class || c == UUID.class || v instanceof Enum<?>;
    }

    /**
     * Filters a tree of features in place.
     *
     * @return the names withheld, or null when none were
     */
    ArrayNode filter(ObjectNode featureNode, String rawSubject) {
        ArrayNode withheld = null;
        for (String name : excludedList) {
            featureNode.remove(name);
        }
        for (String name : protectedList) {
            if (featureNode.remove(name) != null) {
                withheld = withhold(withheld, name);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = featureNode.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (rawSubject != null && v.isTextual() && v.textValue().equals(rawSubject)) {
                it.remove();
                withheld = withhold(withheld, e.getKey());
            } else if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
                e.setValue(featureNode.nullNode());
                warnNotFinite(e.getKey(), v.doubleValue());
            }
        }
        warnWithheld(withheld);
        return withheld;
    }

    /**
     * Filters a map from {@link #keepable} by the same rules as {@link #filter}, into the calling thread's
     * scratch, which stays valid until the thread's next call.
     *
     * @return the features kept, in the map's iteration order, and the names withheld
     */
    Kept prepare(Map<String, ?> map, String rawSubject) {
        Kept kept = SCRATCH.get();
        kept.size = 0;
        ArrayNode withheld = null;
        // protected names first, in their declared order, then values carrying the identifier in map order:
        // the order in which filter(tree) lists them
        for (String name : protectedList) {
            if (!excluded.contains(name) && map.containsKey(name)) {
                withheld = withhold(withheld, name);
            }
        }
        for (Map.Entry<String, ?> e : map.entrySet()) {
            String name = e.getKey();
            if (excluded.contains(name) || protectedNames.contains(name)) {
                continue;
            }
            Object v = e.getValue();
            if (rawSubject != null && rawSubject.equals(textOf(v))) {
                withheld = withhold(withheld, name);
                continue;
            }
            if ((v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue())) {
                warnNotFinite(name, ((Number) v).doubleValue());
                v = null;
            }
            kept.add(name, v);
        }
        warnWithheld(withheld);
        kept.withheld = withheld;
        return kept;
    }

    /** The text of a value that {@link Json#value} turns into a JSON string, else null. */
    private static String textOf(Object v) {
        if (v instanceof String s) {
            return s;
        } else if (v instanceof Enum<?> e) {
            return e.name();
        } else if (v instanceof UUID u) {
            return u.toString();
        }
        return null;
    }

    private void warnNotFinite(String name, double value) {
        if (warnedNotFinite.compareAndSet(false, true)) {
            LOG.warn("Model {} {}: feature {} is {}; non-finite feature values are recorded as missing"
                    + " (null) (warned once)", modelId, modelVersion, name, value);
        }
    }

    private void warnWithheld(ArrayNode withheld) {
        if (withheld != null && warnedWithheld.compareAndSet(false, true)) {
            // names only, never values
            LOG.warn("Model {} {}: features {} are protected attributes or carry the subject identifier; they"
                    + " are withheld from decision records (warned once). The model itself still sees them.",
                    modelId, modelVersion, withheld);
        }
    }

    private static ArrayNode withhold(ArrayNode withheld, String name) {
        ArrayNode list = withheld == null ? Json.object().arrayNode() : withheld;
        list.add(name);
        return list;
    }

    /** The features of one record that may be written, and the names withheld; reused per thread. */
    static final class Kept {
        private String[] names = new String[16];
        /** The plain values; null for JSON null (a non-finite number). */
        private Object[] values = new Object[16];
        private int size;
        private ArrayNode withheld;

        private void add(String name, Object value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size] = value;
            size++;
        }

        /** The names withheld, in the order {@link FeatureFilter#filter} lists them; null when none were. */
        ArrayNode withheld() {
            return withheld;
        }

        /** The features as a tree, members in the map's iteration order. */
        ObjectNode toTree() {
            ObjectNode node = Json.object();
            for (int i = 0; i < size; i++) {
                node.set(names[i], Json.value(values[i]));
            }
            return node;
        }

        /**
         * Writes the features as one object in canonical form, each value as the node {@link Json#value} would make
         * of it. The names' canonical order and encoded keys come from a plan when these names (in this order)
         * were written before; otherwise they are sorted in place (the order of {@link #toTree} is lost) and each
         * key is written as a string.
         */
        void writeCanonical(CanonicalWriter out) {
            Plan plan = plan();
            out.beginObject();
            if (plan != null) {
                int[] order = plan.order;
                CanonicalWriter.Keys keys = plan.keys;
                for (int j = 0; j < size; j++) {
                    writeValue(out.key(keys, j), values[order[j]]);
                }
            } else {
                for (int i = 1; i < size; i++) {
                    String name = names[i];
                    Object value = values[i];
                    int j = i - 1;
                    while (j >= 0 && names[j].compareTo(name) > 0) {
                        names[j + 1] = names[j];
                        values[j + 1] = values[j];
                        j--;
                    }
                    names[j + 1] = name;
                    values[j + 1] = value;
                }
                for (int i = 0; i < size; i++) {
                    writeValue(out.key(names[i]), values[i]);
                }
            }
            out.endObject();
            // the references are not kept beyond the record
            Arrays.fill(names, 0, size, null);
            Arrays.fill(values, 0, size, null);
            size = 0;
        }

        private static void writeValue(CanonicalWriter out, Object v) {
            if (v instanceof String s) {
                out.string(s);
            } else if (v instanceof Integer n) {
                out.number(n.longValue());
            } else if (v instanceof Double d) {
                out.number(d.doubleValue());
            } else if (v instanceof Long n) {
                out.number(n.longValue());
            } else if (v instanceof Boolean b) {
                out.bool(b);
            } else if (v == null) {
                out.value(NullNode.getInstance());
            } else {
                out.value(Json.value(v)); // rarer types: exactly the node the tree would hold
            }
        }

        /** Plans kept per thread: a model's features usually come with the same names, or one of a few sets. */
        private static final int PLANS = 4;
        private static final int PLAN_MAX_NAMES = 32;
        private final Plan[] plans = new Plan[PLANS];
        private int nextPlan;
        /** The hash of the last names that had no plan; a plan is made when the same names come twice in a row. */
        private int candidate;

        /** The plan for the names kept now, or null (not seen twice in a row yet, too many, or not all keys). */
        private Plan plan() {
            for (Plan p : plans) {
                if (p != null && p.matches(names, size)) {
                    return p;
                }
            }
            if (size == 0 || size > PLAN_MAX_NAMES) {
                return null;
            }
            int hash = size;
            for (int i = 0; i < size; i++) {
                hash = 31 * hash + names[i].hashCode();
            }
            if (hash != candidate) {
                candidate = hash;
                return null;
            }
            String[] iterationOrder = Arrays.copyOf(names, size);
            int[] order = new int[size];
            for (int i = 0; i < size; i++) {
                int j = i - 1;
                while (j >= 0 && iterationOrder[order[j]].compareTo(iterationOrder[i]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = i;
            }
            String[] sorted = new String[size];
            for (int j = 0; j < size; j++) {
                sorted[j] = iterationOrder[order[j]];
            }
            CanonicalWriter.Keys keys;
            try {
                keys = CanonicalWriter.Keys.of(sorted);
            } catch (IllegalArgumentException e) {
                return null; // a name that cannot be a key: the general path refuses it, with its own reason
            }
            Plan plan = new Plan(iterationOrder, order, keys);
            plans[nextPlan] = plan;
            nextPlan = (nextPlan + 1) % PLANS;
            return plan;
        }

        /** Feature names in the order kept, their canonical order and their encoded keys. Immutable. */
        private static final class Plan {
            private final String[] names;
            /** For each position in canonical order, the index (in the order kept) of the feature written there. */
            private final int[] order;
            private final CanonicalWriter.Keys keys;

            Plan(String[] names, int[] order, CanonicalWriter.Keys keys) {
                this.names = names;
                this.order = order;
                this.keys = keys;
            }

            boolean matches(String[] kept, int size) {
                if (names.length != size) {
                    return false;
                }
                for (int i = 0; i < size; i++) {
                    String a = kept[i];
                    if (a != names[i] && !a.equals(names[i])) {
                        return false;
                    }
                }
                return true;
            }
        }
    }
}
