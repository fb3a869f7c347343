package dev.fairaudit.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.CanonicalWriter;
import dev.fairaudit.core.log.RecordContent;
import java.util.Map;

/**
 * The content of one DECISION record as the caller leaves it: plain fields, no JSON tree. The log's writer
 * thread writes it ({@link #writeCanonical}) and only then computes the subject's pseudonym, so the keyed hash
 * costs the caller nothing; until then the raw identifier lives only in this object in memory, and it is never
 * written. {@link #toJson()} gives the same payload as a tree (fields in the documented order of
 * {@link AuditedModel}), for sinks that take trees. Immutable.
 *
 * <p>What the caller would otherwise pay for is left to the thread that writes the record: the decision id is
 * kept as its two longs and made text only there (unless the caller needed the text already), and features
 * given as a map are kept as the map ({@link FeatureFilter#keepable}: unmodifiable, or a copy, with immutable
 * values) and filtered and written there.
 */
final class DecisionRecord implements RecordContent {

    /** The value of {@code decision}: absent, false, true. */
    static final byte NO_DECISION = -1;

    /** The id's text when given or already made, else null (and then made from the two longs). */
    private final String decisionId;
    private final long idHigh;
    private final long idLow;
    private final long timeMillis;
    private final String modelId;
    private final String modelVersion;
    /** The subject's pseudonym when already known, else null (and then computed from rawSubject). */
    private final String pseudonym;
    private final String rawSubject;
    private final Pseudonymizer pseudonymizer;
    private final SelectionRoute route;
    private final ObjectNode features;
    private final ArrayNode withheldFeatures;
    /** Features as a map from {@link FeatureFilter#keepable}, not yet filtered; null when a tree or none. */
    private final Map<String, ?> featureMap;
    /** Filters {@link #featureMap}; null without it. */
    private final FeatureFilter featureFilter;
    private final RandomDraw random;
    private final byte decision;
    private final byte profileDecision;
    private final boolean hasScore;
    private final double score;
    private final String errorClass;
    private final String errorMessage;

    /** The random arm's draw, enough to recompute it. */
    record RandomDraw(long seed, long draw, double share, double selectionProbability) {
    }

    /**
     * @param pseudonym     the subject's pseudonym if already computed, else null
     * @param rawSubject    the raw subject identifier (null without subject); only ever written as its pseudonym
     * @param pseudonymizer computes the pseudonym on the writer thread when {@code pseudonym} is null
     * @param decision      {@link #NO_DECISION}, 0 (false) or 1 (true)
     */
    DecisionRecord(String decisionId, long timeMillis, String modelId, String modelVersion, String pseudonym,
            String rawSubject, Pseudonymizer pseudonymizer, SelectionRoute route, ObjectNode features,
            ArrayNode withheldFeatures, RandomDraw random, byte decision, boolean hasScore, double score,
            String errorClass, String errorMessage) {
        this(decisionId, timeMillis, modelId, modelVersion, pseudonym, rawSubject, pseudonymizer, route, features,
                withheldFeatures, random, decision, NO_DECISION, hasScore, score, errorClass, errorMessage);
    }

    /**
     * @param profileDecision on the random route, what the model would have decided: {@link #NO_DECISION}
     *                        (not asked, or it failed), 0 or 1
     */
    DecisionRecord(String decisionId, long timeMillis, String modelId, String modelVersion, String pseudonym,
            String rawSubject, Pseudonymizer pseudonymizer, SelectionRoute route, ObjectNode features,
            ArrayNode withheldFeatures, RandomDraw random, byte decision, byte profileDecision, boolean hasScore,
            double score, String errorClass, String errorMessage) {
        this(decisionId, 0, 0, timeMillis, modelId, modelVersion, pseudonym, rawSubject, pseudonymizer, route,
                features, withheldFeatures, null, null, random, decision, profileDecision, hasScore, score,
                errorClass, errorMessage);
    }

    /**
     * @param decisionId    the id's text, or null to make it from {@code idHigh} and {@code idLow}
     * @param idHigh        the id's high 64 bits (a UUID's), used when {@code decisionId} is null
     * @param idLow         the id's low 64 bits
     * @param features      the features as a tree already filtered, or null
     * @param featureMap    the features as a map from {@link FeatureFilter#keepable}, to be filtered by
     *                      {@code featureFilter} when written; null when {@code features} is given or none
     */
    DecisionRecord(String decisionId, long idHigh, long idLow, long timeMillis, String modelId,
            String modelVersion, String pseudonym, String rawSubject, Pseudonymizer pseudonymizer,
            SelectionRoute route, ObjectNode features, ArrayNode withheldFeatures, Map<String, ?> featureMap,
            FeatureFilter featureFilter, RandomDraw random, byte decision, byte profileDecision, boolean hasScore,
            double score, String errorClass, String errorMessage) {
        if (rawSubject != null && pseudonym == null && pseudonymizer == null) {
            throw new IllegalArgumentException("a raw subject needs its pseudonymizer");
        }
        if (featureMap != null && (features != null || withheldFeatures != null || featureFilter == null)) {
            throw new IllegalArgumentException("features come as a tree or as a map with its filter, not both");
        }
        this.decisionId = decisionId;
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.featureMap = featureMap;
        this.featureFilter = featureFilter;
        this.timeMillis = timeMillis;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.pseudonym = pseudonym;
        this.rawSubject = rawSubject;
        this.pseudonymizer = pseudonymizer;
        this.route = route;
        this.features = features;
        this.withheldFeatures = withheldFeatures;
        this.random = random;
        this.decision = decision;
        this.profileDecision = profileDecision;
        this.hasScore = hasScore;
        this.score = score;
        this.errorClass = errorClass;
        this.errorMessage = errorMessage;
    }

    /** The decision id as written. */
    String decisionId() {
        return decisionId != null ? decisionId : TimeOrderedIds.text(idHigh, idLow);
    }

    private String subject() {
        if (pseudonym != null) {
            return pseudonym;
        }
        return rawSubject == null ? null : pseudonymizer.pseudonym(rawSubject);
    }

    /** Keys in canonical order (String.compareTo): decision < decisionId < error < features < modelId < ... */
    @Override
    public void writeCanonical(CanonicalWriter out) {
        FeatureFilter.Kept kept = featureMap == null ? null : featureFilter.prepare(featureMap, rawSubject);
        out.beginObject();
        if (decision != NO_DECISION) {
            out.key("decision").bool(decision == 1);
        }
        if (decisionId != null) {
            out.key("decisionId").string(decisionId);
        } else {
            // the id's text as TimeOrderedIds.text makes it (a UUID's), written without making it
            out.key("decisionId").uuidString(idHigh, idLow);
        }
        if (errorClass != null) {
            out.key("error").beginObject();
            out.key("class").string(errorClass);
            if (errorMessage != null) {
                out.key("message").string(errorMessage);
            }
            out.endObject();
        }
        if (features != null) {
            out.key("features").value(features);
        } else if (kept != null) {
            kept.writeCanonical(out.key("features"));
        }
        out.key("modelId").string(modelId);
        out.key("modelVersion").string(modelVersion);
        if (profileDecision != NO_DECISION) {
            out.key("profileDecision").bool(profileDecision == 1);
        }
        if (random != null) {
            out.key("random").beginObject();
            out.key("draw").number(random.draw());
            out.key("seed").number(random.seed());
            out.key("selectionProbability").number(random.selectionProbability());
            out.key("share").number(random.share());
            out.endObject();
        }
        out.key("route").string(route.name());
        if (hasScore) {
            out.key("score").number(score);
        }
        if (pseudonym != null) {
            out.key("subject").string(pseudonym);
        } else if (rawSubject != null) {
            // straight into the line: no identifier bytes, MAC arrays or hex string per record
            pseudonymizer.writePseudonym(rawSubject, out.key("subject"));
        }
        out.key("time").isoMillis(timeMillis);
        ArrayNode withheld = kept == null ? withheldFeatures : kept.withheld();
        if (withheld != null) {
            out.key("withheldFeatures").value(withheld);
        }
        out.endObject();
    }

    @Override
    public ObjectNode toJson() {
        FeatureFilter.Kept kept = featureMap == null ? null : featureFilter.prepare(featureMap, rawSubject);
        ObjectNode payload = Json.object();
        payload.put("decisionId", decisionId());
        payload.put("time", Json.isoMillis(timeMillis));
        payload.put("modelId", modelId);
        payload.put("modelVersion", modelVersion);
        String subject = subject();
        if (subject != null) {
            payload.put("subject", subject);
        }
        payload.put("route", route.name());
        if (features != null) {
            payload.set("features", features.deepCopy());
        } else if (kept != null) {
            payload.set("features", kept.toTree());
        }
        ArrayNode withheld = kept == null ? withheldFeatures : kept.withheld();
        if (withheld != null) {
            payload.set("withheldFeatures", withheld.deepCopy());
        }
        if (random != null) {
            ObjectNode r = payload.putObject("random");
            r.put("seed", random.seed());
            r.put("draw", random.draw());
            r.put("share", random.share());
            r.put("selectionProbability", random.selectionProbability());
        }
        if (decision != NO_DECISION) {
            payload.put("decision", decision == 1);
        }
        if (profileDecision != NO_DECISION) {
            payload.put("profileDecision", profileDecision == 1);
        }
        if (hasScore) {
            payload.put("score", score);
        }
        if (errorClass != null) {
            ObjectNode error = payload.putObject("error");
            error.put("class", errorClass);
            if (errorMessage != null) {
                error.put("message", errorMessage);
            }
        }
        return payload;
    }

    @Override
    public String toString() {
        // never the raw subject
        return "DecisionRecord[" + decisionId() + ", " + modelId + " " + modelVersion + ", " + route + "]";
    }
}
