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

    private static final SelectionRoute[] ROUTES = SelectionRoute.values();
    /** No rare fields. */
    private static final Rare NONE = new Rare(null, null, null, null, null, null, null);

    // The caller makes one of these per decision, so it holds only what differs per decision in the usual case
    // (64 bytes with compressed references): what all records of a model share is one reference (Shared), and
    // what only some records have (an id or pseudonym already made as text, features as a tree, a random draw,
    // an error) is one reference (Rare), null in the usual case.
    private final Shared shared;
    private final long idHigh;
    private final long idLow;
    private final long timeMillis;
    private final double score;
    private final String rawSubject;
    /** Features as a map from {@link FeatureFilter#keepable}, not yet filtered; null when a tree or none. */
    private final Map<String, ?> featureMap;
    /** Null when the record has none of the rare fields. */
    private final Rare rare;
    /** The route's ordinal: a byte, not a reference, to store. */
    private final byte route;
    private final byte decision;
    private final byte profileDecision;
    private final boolean hasScore;

    /** The random arm's draw, enough to recompute it. */
    record RandomDraw(long seed, long draw, double share, double selectionProbability) {
    }

    /**
     * What every record of one {@link AuditedModel} shares; made once per model.
     *
     * @param pseudonymizer computes the pseudonym on the writer thread; null without subjects
     * @param featureFilter filters a record's {@code featureMap} where it is written; null when no record of
     *                      this model carries a map
     */
    record Shared(String modelId, String modelVersion, Pseudonymizer pseudonymizer, FeatureFilter featureFilter) {
    }

    /**
     * The fields only some records have; all may be null.
     *
     * @param decisionId       the id's text when given or already made, else null (made from the two longs)
     * @param pseudonym        the subject's pseudonym when already computed, else null (computed from the raw
     *                         subject)
     * @param features         the features as a tree already filtered
     * @param withheldFeatures the names withheld from {@code features}
     */
    record Rare(String decisionId, String pseudonym, ObjectNode features, ArrayNode withheldFeatures,
            RandomDraw random, String errorClass, String errorMessage) {

        static Rare of(String decisionId, String pseudonym, ObjectNode features, ArrayNode withheldFeatures,
                RandomDraw random, String errorClass, String errorMessage) {
            if (decisionId == null && pseudonym == null && features == null && withheldFeatures == null
                    && random == null && errorClass == null && errorMessage == null) {
                return null;
            }
            return new Rare(decisionId, pseudonym, features, withheldFeatures, random, errorClass, errorMessage);
        }
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
        this(new Shared(modelId, modelVersion, pseudonymizer, null), 0, 0, timeMillis, rawSubject, route, null,
                Rare.of(decisionId, pseudonym, features, withheldFeatures, random, errorClass, errorMessage),
                decision, profileDecision, hasScore, score);
    }

    /**
     * The constructor of the caller's path: stores and nothing else. What it relies on is checked by
     * {@link AuditedModel}, and by these assertions in the tests.
     *
     * @param idHigh     the id's high 64 bits (a UUID's), used when {@code rare} holds no id text
     * @param idLow      the id's low 64 bits
     * @param rawSubject the raw subject identifier (null without subject); only ever written as its pseudonym
     * @param featureMap the features as a map from {@link FeatureFilter#keepable}, to be filtered by the shared
     *                   filter where written; null when {@code rare} holds a tree, or without features
     * @param rare       the rare fields, or null
     * @param decision   {@link #NO_DECISION}, 0 (false) or 1 (true)
     */
    DecisionRecord(Shared shared, long idHigh, long idLow, long timeMillis, String rawSubject, SelectionRoute route,
            Map<String, ?> featureMap, Rare rare, byte decision, byte profileDecision, boolean hasScore,
            double score) {
        assert rawSubject == null || (rare != null && rare.pseudonym() != null) || shared.pseudonymizer() != null
                : "a raw subject needs its pseudonymizer";
        assert featureMap == null || ((rare == null || (rare.features() == null && rare.withheldFeatures() == null))
                && shared.featureFilter() != null) : "features come as a tree or as a map with its filter, not both";
        this.shared = shared;
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.timeMillis = timeMillis;
        this.rawSubject = rawSubject;
        this.route = (byte) route.ordinal();
        this.featureMap = featureMap;
        this.rare = rare;
        this.decision = decision;
        this.profileDecision = profileDecision;
        this.hasScore = hasScore;
        this.score = score;
    }

    /** The decision id as written. */
    String decisionId() {
        String text = rare == null ? null : rare.decisionId();
        return text != null ? text : TimeOrderedIds.text(idHigh, idLow);
    }

    private String subject() {
        String pseudonym = rare == null ? null : rare.pseudonym();
        if (pseudonym != null) {
            return pseudonym;
        }
        return rawSubject == null ? null : shared.pseudonymizer().pseudonym(rawSubject);
    }

    /** The rare fields, or an empty set of them. */
    private Rare rare() {
        return rare != null ? rare : NONE;
    }

    /** The payload's keys in canonical order (String.compareTo), encoded once; the indexes below are theirs. */
    private static final CanonicalWriter.Keys KEYS = CanonicalWriter.Keys.of("decision", "decisionId", "error",
            "features", "modelId", "modelVersion", "profileDecision", "random", "route", "score", "subject", "time",
            "withheldFeatures");
    private static final int DECISION = 0;
    private static final int DECISION_ID = 1;
    private static final int ERROR = 2;
    private static final int FEATURES = 3;
    private static final int MODEL_ID = 4;
    private static final int MODEL_VERSION = 5;
    private static final int PROFILE_DECISION = 6;
    private static final int RANDOM = 7;
    private static final int ROUTE = 8;
    private static final int SCORE = 9;
    private static final int SUBJECT = 10;
    private static final int TIME = 11;
    private static final int WITHHELD_FEATURES = 12;
    /** The keys of {@code error}. */
    private static final CanonicalWriter.Keys ERROR_KEYS = CanonicalWriter.Keys.of("class", "message");
    /** The keys of {@code random}. */
    private static final CanonicalWriter.Keys RANDOM_KEYS = CanonicalWriter.Keys.of("draw", "seed",
            "selectionProbability", "share");

    /** Keys in canonical order (String.compareTo): decision < decisionId < error < features < modelId < ... */
    @Override
    public void writeCanonical(CanonicalWriter out) {
        Rare rareFields = rare();
        String decisionId = rareFields.decisionId();
        String pseudonym = rareFields.pseudonym();
        ObjectNode features = rareFields.features();
        ArrayNode withheldFeatures = rareFields.withheldFeatures();
        RandomDraw random = rareFields.random();
        String errorClass = rareFields.errorClass();
        String errorMessage = rareFields.errorMessage();
        SelectionRoute route = ROUTES[this.route];
        FeatureFilter.Kept kept = featureMap == null ? null : shared.featureFilter().prepare(featureMap, rawSubject);
        out.beginObject();
        if (decision != NO_DECISION) {
            out.key(KEYS, DECISION).bool(decision == 1);
        }
        if (decisionId != null) {
            out.key(KEYS, DECISION_ID).string(decisionId);
        } else {
            // the id's text as TimeOrderedIds.text makes it (a UUID's), written without making it
            out.key(KEYS, DECISION_ID).uuidString(idHigh, idLow);
        }
        if (errorClass != null) {
            out.key(KEYS, ERROR).beginObject();
            out.key(ERROR_KEYS, 0).string(errorClass);
            if (errorMessage != null) {
                out.key(ERROR_KEYS, 1).string(errorMessage);
            }
            out.endObject();
        }
        if (features != null) {
            out.key(KEYS, FEATURES).value(features);
        } else if (kept != null) {
            kept.writeCanonical(out.key(KEYS, FEATURES));
        }
        out.key(KEYS, MODEL_ID).string(shared.modelId());
        out.key(KEYS, MODEL_VERSION).string(shared.modelVersion());
        if (profileDecision != NO_DECISION) {
            out.key(KEYS, PROFILE_DECISION).bool(profileDecision == 1);
        }
        if (random != null) {
            out.key(KEYS, RANDOM).beginObject();
            out.key(RANDOM_KEYS, 0).number(random.draw());
            out.key(RANDOM_KEYS, 1).number(random.seed());
            out.key(RANDOM_KEYS, 2).number(random.selectionProbability());
            out.key(RANDOM_KEYS, 3).number(random.share());
            out.endObject();
        }
        out.key(KEYS, ROUTE).string(route.name());
        if (hasScore) {
            out.key(KEYS, SCORE).number(score);
        }
        if (pseudonym != null) {
            out.key(KEYS, SUBJECT).string(pseudonym);
        } else if (rawSubject != null) {
            // straight into the line: no identifier bytes, MAC arrays or hex string per record
            shared.pseudonymizer().writePseudonym(rawSubject, out.key(KEYS, SUBJECT));
        }
        out.key(KEYS, TIME).isoMillis(timeMillis);
        ArrayNode withheld = kept == null ? withheldFeatures : kept.withheld();
        if (withheld != null) {
            out.key(KEYS, WITHHELD_FEATURES).value(withheld);
        }
        out.endObject();
    }

    @Override
    public ObjectNode toJson() {
        Rare rareFields = rare();
        ObjectNode features = rareFields.features();
        ArrayNode withheldFeatures = rareFields.withheldFeatures();
        RandomDraw random = rareFields.random();
        String errorClass = rareFields.errorClass();
        String errorMessage = rareFields.errorMessage();
        SelectionRoute route = ROUTES[this.route];
        FeatureFilter.Kept kept = featureMap == null ? null : shared.featureFilter().prepare(featureMap, rawSubject);
        ObjectNode payload = Json.object();
        payload.put("decisionId", decisionId());
        payload.put("time", Json.isoMillis(timeMillis));
        payload.put("modelId", shared.modelId());
        payload.put("modelVersion", shared.modelVersion());
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
        return "DecisionRecord[" + decisionId() + ", " + shared.modelId() + " " + shared.modelVersion() + ", "
                + ROUTES[route] + "]";
    }
}
