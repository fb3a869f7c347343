package dev.fairaudit.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.LogFullException;
import dev.fairaudit.core.log.LogSink;
import dev.fairaudit.core.log.LogUnavailableException;
import dev.fairaudit.core.log.RecordType;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DecisionModel} that records every decision of the model it wraps in a decision log, and otherwise
 * behaves like that model: same input, same output, same exceptions (the same instances).
 *
 * <pre>{@code
 * AuditedModel<Application, Verdict> audited = AuditedModel.builder(profile::assess)
 *         .modelId("bijstand-risk").modelVersion("2.3.0")
 *         .featuresFromRecord().excludeFeatures("citizenId")
 *         .decision(Verdict::selected).score(Verdict::risk)
 *         .subject(Application::citizenId).pseudonymizer(new Pseudonymizer(key))
 *         .sink(decisionLog)
 *         .build();
 * Verdict v = audited.decide(application);
 * }</pre>
 *
 * <h2>The DECISION record</h2>
 * One per call, with these fields in this order:
 * <ul>
 * <li>{@code decisionId}: a time-ordered UUID (version 7: the time in milliseconds, a per-thread counter and
 *     random bits drawn once per thread), or from {@link Builder#decisionIds};</li>
 * <li>{@code time}: from the configured {@link Clock}, taken before the model is called: ISO-8601 in UTC with
 *     millisecond precision and fixed width ({@code 2026-11-29T10:00:00.000Z}), so times sort as text;</li>
 * <li>{@code modelId}, {@code modelVersion};</li>
 * <li>{@code subject}: the {@link Pseudonymizer pseudonym} of the subject identifier; absent with
 *     {@link Builder#noSubjectIdentifier()}. The raw identifier is never written. With a
 *     {@link dev.fairaudit.core.log.DecisionLog} sink the pseudonym is computed on the log's writer thread,
 *     not the caller's; until then the raw identifier is held in memory only;</li>
 * <li>{@code route}: PROFILE, RANDOM, MANUAL or SIGNAL;</li>
 * <li>{@code features}: the features as an object (absent when no features are configured). Top-level
 *     features named in {@link Builder#excludeFeatures} are left out. Features named as protected attributes,
 *     and textual features whose value equals the raw subject identifier, are left out too and their names
 *     listed in {@code withheldFeatures}: that the model was fed a protected attribute is itself a finding;</li>
 * <li>{@code random}: on the RANDOM route only, {@code {seed, draw, share, selectionProbability}} of the
 *     {@link RandomControlSampler}, enough to recompute the draw;</li>
 * <li>{@code decision} (boolean) and/or {@code score} (number), as configured; on the RANDOM route
 *     {@code decision} is the random arm's draw and there is no score;</li>
 * <li>{@code profileDecision} (boolean): on the RANDOM route only, with
 *     {@link Builder#recordProfileDecisionOnRandomArm()}, what the model would have decided; nothing acts on
 *     it. Absent when the model failed on the case (logged as a warning, once);</li>
 * <li>{@code error}: when the model threw, {@code {class, message}} instead of {@code decision} and
 *     {@code score}. Occurrences of the raw subject identifier in the message are replaced by
 *     {@code [subject]}.</li>
 * </ul>
 * Protected attributes never appear in it. When configured with {@link Builder#recordProtectedAttributes},
 * they go to a separate sink as a PROTECTED_ATTRIBUTES record holding only {@code decisionId}, {@code subject}
 * (when there is one) and {@code attributes}, appended just before the DECISION record.
 *
 * <h2>Routes and random controls</h2>
 * The {@link SelectionRouteFunction} (or fixed route, PROFILE by default) gives each case its route. Cases on
 * the PROFILE route are offered to the {@link RandomControlSampler}, when configured: a case drawn into the
 * random arm gets route RANDOM, is selected or not by the sampler, and the model is not called; the output the
 * caller gets is made from the draw by the function given to {@link Builder#randomControls}. Other cases go
 * through the model.
 *
 * <h2>When the log fails</h2>
 * <ul>
 * <li>The sink refuses the record (its append throws, e.g. {@link LogFullException} or
 *     {@link LogUnavailableException}): {@code decide} throws {@link DecisionNotRecordedException} and the
 *     output is not returned, in either mode. Decisions are never dropped silently.</li>
 * <li>Fail-closed ({@link Builder#failClosed}): {@code decide} also waits until the records are durable and
 *     throws {@link DecisionNotRecordedException} when a commit fails. Nothing is returned that is not on disk.</li>
 * <li>Not fail-closed (the default): {@code decide} returns as soon as the sink has accepted the records and
 *     never waits on disk. A commit that fails later is reported by the sink (and its next appends throw);
 *     callers who want to watch each commit use {@link #decideRecorded}.</li>
 * </ul>
 * When the model threw, its exception is rethrown whatever happens to the error record; a failure to record
 * it is attached as a suppressed exception.
 *
 * <p>Exceptions from the configured functions (subject, features, route, protected attributes) propagate
 * before the model is called, and nothing is recorded: no decision was made.
 *
 * <p>Thread-safe when the model, the configured functions and the sinks are.
 *
 * @param <I> the model's input
 * @param <O> the model's output
 */
public final class AuditedModel<I, O> implements DecisionModel<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedModel.class);

    /** Version 7 UUIDs, counted per thread: no lock and no SecureRandom per call. */
    private static final TimeOrderedIds TIME_ORDERED_IDS = new TimeOrderedIds();

    private final DecisionModel<I, O> model;
    private final String modelId;
    private final String modelVersion;
    /**
     * The features of a case: the features function's map, which the record keeps when
     * {@link FeatureFilter#keepable} allows (the writer filters it), or a tree, filtered here; null without
     * features.
     */
    private final Function<? super I, Object> features;
    private final FeatureFilter featureFilter;
    private final Set<String> protectedNames;
    private final Predicate<? super O> decision;
    private final ToDoubleFunction<? super O> score;
    private final Function<? super I, String> subject;
    private final Pseudonymizer pseudonymizer;
    private final LogSink sink;
    private final SelectionRouteFunction<? super I> route;
    private final RandomControlSampler sampler;
    private final Function<Boolean, ? extends O> randomOutput;
    private final boolean profileDecisionOnRandomArm;
    private final Function<? super I, ? extends Map<String, String>> attributes;
    private final LogSink attributeSink;
    private final boolean failClosed;
    private final Clock clock;
    /** The configured id generator; null for the default time-ordered ids, kept as two longs. */
    private final Supplier<String> ids;
    /** Whether {@link #clock} is the system's, so that its time can also serve the decision id. */
    private final boolean systemClock;
    /** The route of every case when fixed ({@link Builder#route(SelectionRoute)}); null with a route function. */
    private final SelectionRoute fixedRoute;
    /** What every record of this model shares, so that a record holds one reference for it. */
    private final DecisionRecord.Shared shared;
    private final AtomicBoolean warnedProfileDecision = new AtomicBoolean();

    private AuditedModel(Builder<I, O> b) {
        this.model = b.model;
        this.modelId = b.modelId;
        this.modelVersion = b.modelVersion;
        this.features = b.features;
        this.featureFilter = new FeatureFilter(b.modelId, b.modelVersion, b.excludedFeatures, b.protectedNames);
        this.protectedNames = Set.copyOf(b.protectedNames);
        this.decision = b.decision;
        this.score = b.score;
        this.subject = b.subject;
        this.pseudonymizer = b.pseudonymizer;
        this.sink = b.sink;
        this.route = b.route;
        this.sampler = b.sampler;
        this.randomOutput = b.randomOutput;
        this.profileDecisionOnRandomArm = b.profileDecisionOnRandomArm;
        this.attributes = b.attributes;
        this.attributeSink = b.attributeSink;
        this.failClosed = b.failClosed;
        this.clock = b.clock;
        this.ids = b.ids == TIME_ORDERED_IDS ? null : b.ids;
        this.systemClock = b.clock.equals(Clock.systemUTC());
        this.fixedRoute = b.fixedRoute;
        this.shared = new DecisionRecord.Shared(modelId, modelVersion, pseudonymizer, featureFilter);
    }

    /**
     * Starts configuring the audit of a model.
     *
     * @param model the model to wrap; a lambda or method reference will do
     * @param <I>   the model's input
     * @param <O>   the model's output
     * @return a builder
     */
    public static <I, O> Builder<I, O> builder(DecisionModel<I, O> model) {
        return new Builder<>(Objects.requireNonNull(model, "model"));
    }

    /** The model id written into every record. */
    public String modelId() {
        return modelId;
    }

    /** The model version written into every record. */
    public String modelVersion() {
        return modelVersion;
    }

    /** Whether {@code decide} waits for each record to be durable. */
    public boolean failClosed() {
        return failClosed;
    }

    /**
     * Decides and records the decision, as described in the class comment.
     *
     * @param input the case
     * @return the model's output, or on the RANDOM route the output made from the random draw
     * @throws DecisionNotRecordedException when the decision could not be recorded (see the class comment)
     * @throws Exception                    whatever the model threw, the same instance, after recording it
     */
    @Override
    @SuppressWarnings("unchecked")
    public O decide(I input) throws Exception {
        return (O) invoke(input, false);
    }

    /**
     * As {@link #decide}, also returning the decision id, the route and the commit, so the caller can attach
     * later facts and, when not fail-closed, watch the commit.
     *
     * @param input the case
     * @return the decision and how it was recorded
     * @throws DecisionNotRecordedException when the decision could not be recorded
     * @throws Exception                    whatever the model threw, the same instance, after recording it
     */
    @SuppressWarnings("unchecked")
    public RecordedDecision<O> decideRecorded(I input) throws Exception {
        return (RecordedDecision<O>) invoke(input, true);
    }

    /**
     * Both public methods in one, returning the bare output or a {@link RecordedDecision} so that
     * {@link #decide} allocates nothing beyond the record.
     */
    private Object invoke(I input, boolean recorded) throws Exception {
        long time;
        long idHigh = 0;
        long idLow = 0;
        String id = null;
        if (ids == null) {
            // the default ids: two longs, made text only when this thread needs the text, else by the writer
            TimeOrderedIds.PerThread thread = TIME_ORDERED_IDS.thread();
            if (systemClock) {
                time = System.currentTimeMillis(); // what the system clock's millis() is; the id shares it
                idHigh = thread.next(time);
            } else {
                idHigh = thread.next(System.currentTimeMillis());
                time = clock.millis();
            }
            idLow = thread.low;
        } else {
            id = Json.requireText(ids.get(), "the decision id from the id generator");
            time = clock.millis();
        }
        if (recorded || attributes != null) {
            id = idText(id, idHigh, idLow);
        }
        String rawSubject = null;
        if (subject != null) {
            rawSubject = subject.apply(input);
            if (rawSubject == null || rawSubject.isEmpty()) {
                throw new IllegalArgumentException("the subject identifier of decision " + idText(id, idHigh, idLow)
                        + " is " + (rawSubject == null ? "null" : "empty") + "; with subject(...) configured every"
                        + " case needs one");
            }
        }
        SelectionRoute caseRoute = fixedRoute != null ? fixedRoute : routeOf(input);
        long draw = -1;
        if (caseRoute == SelectionRoute.PROFILE && sampler != null) {
            long d = sampler.nextDraw();
            if (sampler.inRandomArm(d)) {
                draw = d;
                caseRoute = SelectionRoute.RANDOM;
            }
        }
        ObjectNode featureNode = null;
        ArrayNode withheld = null;
        Map<String, ?> featureMap = null;
        if (features != null) {
            Object f = features.apply(input);
            if (f instanceof ObjectNode tree) {
                featureNode = tree;
            } else {
                @SuppressWarnings("unchecked")
                Map<String, ?> map = (Map<String, ?>) f;
                featureMap = featureFilter.keepable(map); // filtered where the record is written
                if (featureMap == null) {
                    featureNode = Json.objectOf(map); // values that could change, or need Jackson: now
                }
            }
            if (featureNode != null) {
                withheld = featureFilter.filter(featureNode, rawSubject);
            }
        }
        // The pseudonym is computed here only when the attributes record needs it; otherwise the log's writer
        // thread computes it (DecisionRecord), off the caller's path.
        String pseudonym = null;
        ObjectNode attributesRecord = null;
        if (attributes != null) {
            pseudonym = rawSubject == null ? null : pseudonymizer.pseudonym(rawSubject);
            attributesRecord = attributesRecord(input, id, pseudonym);
        }

        DecisionRecord.RandomDraw random = null;
        byte decided = DecisionRecord.NO_DECISION;
        byte profileDecided = DecisionRecord.NO_DECISION;
        double scored = 0;
        O output;
        try {
            if (draw >= 0) {
                random = new DecisionRecord.RandomDraw(sampler.seed(), draw, sampler.share(),
                        sampler.selectionProbability());
                boolean selected = sampler.selected(draw);
                output = randomOutput.apply(selected);
                decided = selected ? (byte) 1 : 0;
                if (profileDecisionOnRandomArm) {
                    profileDecided = profileDecision(input, id, idHigh, idLow);
                }
            } else {
                output = model.decide(input);
                // read both before keeping either, so a failing reader leaves no half-written output
                boolean d = decision != null && decision.test(output);
                scored = score == null ? 0 : score.applyAsDouble(output);
                if (!Double.isFinite(scored)) {
                    // JSON has no NaN or infinity: such a record could not be written, and a decision would leave
                    // without it. It is the model's fault like an exception, and is recorded and thrown as one.
                    throw new IllegalStateException("model " + modelId + " " + modelVersion + " gave the score "
                            + scored + "; a score must be a finite number");
                }
                if (decision != null) {
                    decided = d ? (byte) 1 : 0;
                }
            }
        } catch (Throwable t) {
            String message = t.getMessage();
            if (message != null && rawSubject != null) {
                message = message.replace(rawSubject, "[subject]");
            }
            DecisionRecord error = new DecisionRecord(shared, idHigh, idLow, time, rawSubject, caseRoute, featureMap,
                    DecisionRecord.Rare.of(id, pseudonym, featureNode, withheld, random, t.getClass().getName(),
                            message), DecisionRecord.NO_DECISION, DecisionRecord.NO_DECISION, false, 0);
            try {
                record(error, attributesRecord, false);
            } catch (DecisionNotRecordedException notRecorded) {
                t.addSuppressed(notRecorded);
            }
            throw t;
        }
        boolean hasScore = draw < 0 && score != null;
        // the usual case (default ids, no attributes record, features as a map, not random) has no rare field
        DecisionRecord.Rare rare = id == null && featureNode == null && random == null && pseudonym == null ? null
                : new DecisionRecord.Rare(id, pseudonym, featureNode, withheld, random, null, null);
        DecisionRecord payload = new DecisionRecord(shared, idHigh, idLow, time, rawSubject, caseRoute, featureMap,
                rare, decided, profileDecided, hasScore, scored);
        CompletableFuture<Long> commit = record(payload, attributesRecord, recorded);
        return recorded ? new RecordedDecision<>(id, output, caseRoute, commit) : output;
    }

    /** The decision id's text: {@code id} when known, else made from the two longs of a time-ordered id. */
    private static String idText(String id, long idHigh, long idLow) {
        return id != null ? id : TimeOrderedIds.text(idHigh, idLow);
    }

    /**
     * Asks the model about a random-arm case without acting on the answer. A failure is not the case's failure
     * (the random draw decided it): the record then carries no profile decision, and the audit counts it as
     * unknown.
     */
    private byte profileDecision(I input, String id, long idHigh, long idLow) {
        try {
            return decision.test(model.decide(input)) ? (byte) 1 : 0;
        } catch (Exception e) {
            if (warnedProfileDecision.compareAndSet(false, true)) {
                LOG.warn("Model {} {} failed on random-arm case {} ({}); its would-be decision is not recorded"
                        + " (warned once; the audit counts such cases as unknown)", modelId, modelVersion,
                        idText(id, idHigh, idLow),
                        e.getClass().getName());
            }
            return DecisionRecord.NO_DECISION;
        }
    }

    private SelectionRoute routeOf(I input) {
        SelectionRoute r = route.route(input);
        if (r == null || r == SelectionRoute.RANDOM) {
            throw new IllegalStateException("the route function returned " + r + "; it must return PROFILE, MANUAL"
                    + " or SIGNAL (RANDOM is assigned only by the RandomControlSampler, so that every RANDOM record"
                    + " carries its seed and draw)");
        }
        return r;
    }

    private ObjectNode attributesRecord(I input, String id, String pseudonym) {
        Map<String, String> values = attributes.apply(input);
        if (values == null) {
            throw new IllegalStateException("the protected attribute function returned null for decision " + id);
        }
        ObjectNode record = Json.object();
        record.put("decisionId", id);
        if (pseudonym != null) {
            record.put("subject", pseudonym);
        }
        ObjectNode a = record.putObject("attributes");
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!protectedNames.contains(e.getKey())) {
                throw new IllegalStateException("the protected attribute function returned '" + e.getKey()
                        + "', which is not a declared protected attribute name " + protectedNames
                        + "; declare it with protectedAttributeNames so it is kept out of decision records");
            }
            a.put(e.getKey(), e.getValue());
        }
        return record;
    }

    /**
     * Appends the protected attributes (if any), then the decision; when fail-closed, waits for both commits.
     * The attributes go first so that a refused append never leaves a decision without its attributes, which
     * would bias the monitoring; an attributes record without its decision is detectable and harmless.
     *
     * @param watch whether the caller wants the decision's commit; when neither it nor fail-closed does, the
     *              record is submitted without a future ({@link LogSink#submitContent}) and null is returned
     */
    private CompletableFuture<Long> record(DecisionRecord payload, ObjectNode attributesRecord, boolean watch) {
        CompletableFuture<Long> attributesCommit = null;
        if (attributesRecord != null) {
            try {
                attributesCommit = attributeSink.append(RecordType.PROTECTED_ATTRIBUTES, attributesRecord);
            } catch (RuntimeException e) {
                throw notRecorded(payload, "its protected attributes were refused by their log", e);
            }
        }
        CompletableFuture<Long> commit = null;
        try {
            if (watch || failClosed) {
                commit = sink.appendContent(RecordType.DECISION, payload);
            } else {
                sink.submitContent(RecordType.DECISION, payload);
            }
        } catch (RuntimeException e) {
            throw notRecorded(payload, "the log refused the record", e);
        }
        if (failClosed) {
            if (attributesCommit != null) {
                await(payload, attributesCommit, "its protected attributes were not committed");
            }
            await(payload, commit, "the record was not committed");
        }
        return commit;
    }

    private void await(DecisionRecord payload, CompletableFuture<Long> commit, String what) {
        try {
            commit.join();
        } catch (CompletionException e) {
            throw notRecorded(payload, what, e.getCause() == null ? e : e.getCause());
        } catch (CancellationException e) {
            throw notRecorded(payload, what, e);
        }
    }

    private DecisionNotRecordedException notRecorded(DecisionRecord payload, String why, Throwable cause) {
        String id = payload.decisionId();
        return new DecisionNotRecordedException(id, "Decision " + id + " of model " + modelId + " " + modelVersion
                + " was not recorded: " + why + " (" + cause + ")", cause);
    }

    /** Names the model and the mode; never any configuration that could hold a secret. */
    @Override
    public String toString() {
        return "AuditedModel[" + modelId + " " + modelVersion + (failClosed ? ", fail-closed" : "") + "]";
    }

    /**
     * Configures an {@link AuditedModel}. Required: {@link #modelId}, {@link #modelVersion}, {@link #sink}, at
     * least one of {@link #decision} and {@link #score}, and either a {@link #pseudonymizer} with a
     * {@link #subject} function or an explicit {@link #noSubjectIdentifier()}. {@link #build()} refuses anything
     * else, saying what is missing.
     *
     * @param <I> the model's input
     * @param <O> the model's output
     */
    public static final class Builder<I, O> {
        private final DecisionModel<I, O> model;
        private String modelId;
        private String modelVersion;
        private Function<? super I, Object> features;
        private final Set<String> excludedFeatures = new LinkedHashSet<>();
        private final Set<String> protectedNames = new LinkedHashSet<>();
        private Predicate<? super O> decision;
        private ToDoubleFunction<? super O> score;
        private Function<? super I, String> subject;
        private Pseudonymizer pseudonymizer;
        private boolean noSubjectIdentifier;
        private LogSink sink;
        private SelectionRouteFunction<? super I> route = input -> SelectionRoute.PROFILE;
        private SelectionRoute fixedRoute = SelectionRoute.PROFILE;
        private RandomControlSampler sampler;
        private Function<Boolean, ? extends O> randomOutput;
        private boolean profileDecisionOnRandomArm;
        private Function<? super I, ? extends Map<String, String>> attributes;
        private LogSink attributeSink;
        private boolean attributesConfigured;
        private boolean failClosed;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = TIME_ORDERED_IDS;

        private Builder(DecisionModel<I, O> model) {
            this.model = model;
        }

        /**
         * @param id the model's identifier, written into every record (required)
         * @return this builder
         */
        public Builder<I, O> modelId(String id) {
            this.modelId = id;
            return this;
        }

        /**
         * @param version the model's version, written into every record (required)
         * @return this builder
         */
        public Builder<I, O> modelVersion(String version) {
            this.modelVersion = version;
            return this;
        }

        /**
         * Features as a map, converted value by value: strings, booleans and numbers directly, enums by name,
         * dates and times as ISO text, anything else through Jackson.
         *
         * <p>So that the call stays cheap, a map of plain values (strings, booleans, boxed numbers,
         * {@code BigDecimal}, {@code BigInteger}, enums, {@code UUID}s) is kept as it is when it cannot change
         * ({@code Map.of}, {@code Map.ofEntries}, {@code Map.copyOf}), or else copied, and is filtered and
         * written later, by the thread that writes the record; a map with other values is converted at once.
         * Either way, what the caller does with its map after the call cannot change the record.
         *
         * @param featureFunction the features of a case
         * @return this builder
         */
        public Builder<I, O> features(Function<? super I, ? extends Map<String, ?>> featureFunction) {
            Objects.requireNonNull(featureFunction, "featureFunction");
            this.features = input -> {
                Map<String, ?> map = featureFunction.apply(input);
                if (map == null) {
                    throw new IllegalStateException("the features function returned null");
                }
                return map; // kept, copied or converted in invoke (FeatureFilter.keepable)
            };
            return this;
        }

        /**
         * Features from the input itself, a record or POJO, converted by a default Jackson mapper (which has no
         * java.time support; use {@link #featuresFromRecord(ObjectMapper)} for inputs with date fields). Leave
         * out identifying fields with {@link #excludeFeatures}.
         *
         * @return this builder
         */
        public Builder<I, O> featuresFromRecord() {
            return featuresFromRecord(Json.MAPPER);
        }

        /**
         * As {@link #featuresFromRecord()}, converting with the given mapper.
         *
         * @param mapper converts the input to a JSON object
         * @return this builder
         */
        public Builder<I, O> featuresFromRecord(ObjectMapper mapper) {
            Objects.requireNonNull(mapper, "mapper");
            this.features = input -> {
                JsonNode tree = mapper.valueToTree(input);
                if (!(tree instanceof ObjectNode object)) {
                    throw new IllegalArgumentException("featuresFromRecord needs an input that converts to a JSON"
                            + " object; " + (input == null ? "null" : input.getClass().getName()) + " converts to "
                            + (tree == null ? "nothing" : tree.getNodeType()));
                }
                return object;
            };
            return this;
        }

        /**
         * Top-level features never to write, such as identifiers the input carries; left out silently.
         *
         * @param names feature names
         * @return this builder
         */
        public Builder<I, O> excludeFeatures(String... names) {
            excludedFeatures.addAll(List.of(names));
            return this;
        }

        /**
         * Reads the decision from the output. (A {@link Predicate} rather than {@code Function<O, Boolean>}: no
         * boxing, and the same lambdas fit.)
         *
         * @param decisionReader true when the output means "selected"
         * @return this builder
         */
        public Builder<I, O> decision(Predicate<? super O> decisionReader) {
            this.decision = Objects.requireNonNull(decisionReader, "decisionReader");
            return this;
        }

        /**
         * Reads the score from the output. (A {@link ToDoubleFunction} rather than {@code Function<O, Double>}:
         * no boxing, and the same lambdas fit.) A score that is NaN or infinite is treated like an exception of the
         * model: recorded as the decision's error and thrown as an {@link IllegalStateException}, since it could
         * not be written and no decision may leave without its record.
         *
         * @param scoreReader the score of the output
         * @return this builder
         */
        public Builder<I, O> score(ToDoubleFunction<? super O> scoreReader) {
            this.score = Objects.requireNonNull(scoreReader, "scoreReader");
            return this;
        }

        /**
         * Reads the subject identifier (a citizen number, a case number) from the input. It is only ever
         * written as its pseudonym; requires {@link #pseudonymizer}.
         *
         * @param subjectFunction the raw identifier of the case's subject, never null or empty
         * @return this builder
         */
        public Builder<I, O> subject(Function<? super I, String> subjectFunction) {
            this.subject = Objects.requireNonNull(subjectFunction, "subjectFunction");
            return this;
        }

        /**
         * @param p turns subject identifiers into pseudonyms
         * @return this builder
         */
        public Builder<I, O> pseudonymizer(Pseudonymizer p) {
            this.pseudonymizer = Objects.requireNonNull(p, "pseudonymizer");
            return this;
        }

        /**
         * Records decisions without any subject: outcomes and decisions about one person then cannot be linked
         * by subject, only by decision id. Must be chosen explicitly.
         *
         * @return this builder
         */
        public Builder<I, O> noSubjectIdentifier() {
            this.noSubjectIdentifier = true;
            return this;
        }

        /**
         * @param decisionSink where DECISION records go (required)
         * @return this builder
         */
        public Builder<I, O> sink(LogSink decisionSink) {
            this.sink = Objects.requireNonNull(decisionSink, "sink");
            return this;
        }

        /**
         * Gives each case its route; see {@link SelectionRouteFunction}.
         *
         * @param routeFunction the route of a case
         * @return this builder
         */
        public Builder<I, O> route(SelectionRouteFunction<? super I> routeFunction) {
            this.route = Objects.requireNonNull(routeFunction, "routeFunction");
            this.fixedRoute = null;
            return this;
        }

        /**
         * Gives every case the same route; PROFILE when neither this nor a route function is set.
         *
         * @param fixed PROFILE, MANUAL or SIGNAL
         * @return this builder
         */
        public Builder<I, O> route(SelectionRoute fixed) {
            if (fixed == null || fixed == SelectionRoute.RANDOM) {
                throw new IllegalArgumentException("a fixed route must be PROFILE, MANUAL or SIGNAL, was " + fixed
                        + "; random controls come from randomControls(sampler, ...)");
            }
            this.route = input -> fixed;
            this.fixedRoute = fixed;
            return this;
        }

        /**
         * Sends a share of the PROFILE cases to a random control arm instead of the model.
         *
         * @param randomSampler decides which cases go to the random arm and whether they are selected
         * @param outputOfDraw  the output the caller gets for a random-arm case, from whether it was selected
         * @return this builder
         */
        public Builder<I, O> randomControls(RandomControlSampler randomSampler,
                Function<Boolean, ? extends O> outputOfDraw) {
            this.sampler = Objects.requireNonNull(randomSampler, "randomSampler");
            this.randomOutput = Objects.requireNonNull(outputOfDraw, "outputOfDraw");
            return this;
        }

        /**
         * On the random arm, also asks the model what it would have decided, acts on nothing it says, and records
         * its decision as {@code profileDecision}. An audit can then measure the profile's precision at the real
         * base rate ({@code docs/risk-profiles.md}). Costs one model call per random-arm case; needs
         * {@link #randomControls} and {@link #decision}.
         *
         * @return this builder
         */
        public Builder<I, O> recordProfileDecisionOnRandomArm() {
            this.profileDecisionOnRandomArm = true;
            return this;
        }

        /**
         * Names protected attributes (nationality, sex, ...). Features with these names are withheld from
         * decision records, and listed in {@code withheldFeatures}; names are matched exactly, top level only.
         *
         * @param names attribute names
         * @return this builder
         */
        public Builder<I, O> protectedAttributeNames(String... names) {
            protectedNames.addAll(List.of(names));
            return this;
        }

        /**
         * Records protected attributes for bias monitoring, in PROTECTED_ATTRIBUTES records on their own sink,
         * never in decision records. The function may only return names declared with
         * {@link #protectedAttributeNames}.
         *
         * @param attributeFunction the protected attributes of a case, by name
         * @param separateSink      where they go: a different sink from the decisions' (required)
         * @return this builder
         */
        public Builder<I, O> recordProtectedAttributes(
                Function<? super I, ? extends Map<String, String>> attributeFunction, LogSink separateSink) {
            this.attributes = Objects.requireNonNull(attributeFunction, "attributeFunction");
            this.attributeSink = separateSink;
            this.attributesConfigured = true;
            return this;
        }

        /**
         * Whether {@code decide} waits until the records are durable and fails when they are not (default
         * false); see the class comment.
         *
         * @param closed true to fail closed
         * @return this builder
         */
        public Builder<I, O> failClosed(boolean closed) {
            this.failClosed = closed;
            return this;
        }

        /**
         * @param recordClock the clock for the {@code time} field (default: system UTC)
         * @return this builder
         */
        public Builder<I, O> clock(Clock recordClock) {
            this.clock = Objects.requireNonNull(recordClock, "clock");
            return this;
        }

        /**
         * @param idGenerator makes decision ids, unique and non-blank (default: time-ordered version 7 UUIDs)
         * @return this builder
         */
        public Builder<I, O> decisionIds(Supplier<String> idGenerator) {
            this.ids = Objects.requireNonNull(idGenerator, "idGenerator");
            return this;
        }

        /**
         * Checks the configuration and builds.
         *
         * @return the audited model
         * @throws IllegalStateException naming what is missing or contradictory
         */
        public AuditedModel<I, O> build() {
            require(modelId != null && !modelId.isBlank(), "modelId is required");
            require(modelVersion != null && !modelVersion.isBlank(), "modelVersion is required");
            require(sink != null, "a LogSink for decisions is required: sink(...)");
            require(decision != null || score != null,
                    "say how to read the output: decision(...), score(...) or both");
            if (noSubjectIdentifier) {
                require(subject == null && pseudonymizer == null,
                        "noSubjectIdentifier() contradicts subject(...) and pseudonymizer(...): choose one");
            } else {
                require(pseudonymizer != null, "a Pseudonymizer is required, so that subject identifiers are never"
                        + " written raw: configure pseudonymizer(...) and subject(...), or call"
                        + " noSubjectIdentifier() to record decisions without a subject");
                require(subject != null, "subject(...) is required with a pseudonymizer: how to read the subject"
                        + " identifier from the input (or call noSubjectIdentifier() and drop the pseudonymizer)");
            }
            if (attributesConfigured) {
                require(attributeSink != null, "protected attributes need a separate LogSink of their own:"
                        + " recordProtectedAttributes(function, separateSink)");
                require(attributeSink != sink, "protected attributes must go to a separate LogSink, not the"
                        + " decisions' sink");
                require(!protectedNames.isEmpty(), "recording protected attributes needs their names, so they are"
                        + " kept out of decision records: protectedAttributeNames(...)");
            }
            if (profileDecisionOnRandomArm) {
                require(sampler != null && decision != null, "recordProfileDecisionOnRandomArm() needs"
                        + " randomControls(...) and decision(...)");
            }
            if (sampler != null) {
                require(fixedRoute == null || fixedRoute == SelectionRoute.PROFILE, "random controls draw from"
                        + " PROFILE cases only, but every case has route " + fixedRoute);
            }
            return new AuditedModel<>(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalStateException("Cannot build AuditedModel: " + message);
            }
        }
    }
}
