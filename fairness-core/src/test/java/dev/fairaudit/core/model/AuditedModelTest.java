package dev.fairaudit.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.log.LogFullException;
import dev.fairaudit.core.log.RecordType;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditedModelTest {

    record Application(String citizenId, int income, String region, String nationality) {
    }

    record Verdict(boolean selected, double risk) {
    }

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
    static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer(PseudonymizerTest.KEY);
    static final String RAW_ID = "123456782";
    static final Application APP = new Application(RAW_ID, 900, "north", "NL");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final InMemorySink sink = new InMemorySink();
    final AtomicInteger modelCalls = new AtomicInteger();

    Verdict profile(Application a) {
        modelCalls.incrementAndGet();
        return new Verdict(a.income() < 1000, a.income() / 10_000.0);
    }

    /** The usual configuration: features as a map without the identifier. */
    AuditedModel.Builder<Application, Verdict> configured() {
        return AuditedModel.<Application, Verdict>builder(this::profile)
                .modelId("risk-profile").modelVersion("2.3.0")
                .features(a -> Map.of("income", a.income(), "region", a.region()))
                .decision(Verdict::selected).score(Verdict::risk)
                .subject(Application::citizenId).pseudonymizer(PSEUDONYMIZER)
                .sink(sink).clock(CLOCK);
    }

    static String json(ObjectNode node) throws IOException {
        return MAPPER.writeValueAsString(node);
    }

    @Test
    void wrappedLambdaReturnsTheModelsOutputAndRecordsTheDocumentedFields() throws Exception {
        AuditedModel<Application, Verdict> audited = configured().build();

        Verdict v = audited.decide(APP);

        assertEquals(new Verdict(true, 0.09), v);
        InMemorySink.Entry e = sink.only();
        assertEquals(RecordType.DECISION, e.type());
        ObjectNode r = e.payload();
        assertEquals(List.of("decisionId", "time", "modelId", "modelVersion", "subject", "route", "features",
                "decision", "score"), fieldNames(r));
        UUID.fromString(r.get("decisionId").textValue());
        assertEquals("2026-11-29T10:00:00.000Z", r.get("time").textValue());
        assertEquals("risk-profile", r.get("modelId").textValue());
        assertEquals("2.3.0", r.get("modelVersion").textValue());
        assertEquals(PseudonymizerTest.hmacHex(PseudonymizerTest.KEY, RAW_ID), r.get("subject").textValue());
        assertEquals("PROFILE", r.get("route").textValue());
        assertEquals(900, r.get("features").get("income").intValue());
        assertEquals("north", r.get("features").get("region").textValue());
        assertTrue(r.get("decision").booleanValue());
        assertEquals(0.09, r.get("score").doubleValue());
        assertFalse(json(r).contains(RAW_ID), json(r));
    }

    static List<String> fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void featuresFromRecordWithholdAFieldCarryingTheRawIdentifier() throws Exception {
        AuditedModel<Application, Verdict> audited = configured().featuresFromRecord().build();

        audited.decide(APP);

        ObjectNode r = sink.only().payload();
        assertEquals(Set.of("income", "region", "nationality"), Set.copyOf(fieldNames(
                (ObjectNode) r.get("features"))));
        assertEquals("[\"citizenId\"]", r.get("withheldFeatures").toString());
        assertFalse(json(r).contains(RAW_ID), json(r));
    }

    @Test
    void excludedFeaturesAreLeftOutWithoutBeingListed() throws Exception {
        configured().featuresFromRecord().excludeFeatures("citizenId").build().decide(APP);

        ObjectNode r = sink.only().payload();
        assertFalse(r.get("features").has("citizenId"));
        assertFalse(r.has("withheldFeatures"));
    }

    @Test
    void decideRecordedGivesTheIdRouteAndCommitOfTheRecord() throws Exception {
        AtomicInteger next = new AtomicInteger();
        AuditedModel<Application, Verdict> audited = configured()
                .decisionIds(() -> "case-" + next.incrementAndGet()).build();

        RecordedDecision<Verdict> d = audited.decideRecorded(APP);

        assertEquals("case-1", d.decisionId());
        assertEquals(SelectionRoute.PROFILE, d.route());
        assertEquals(new Verdict(true, 0.09), d.output());
        InMemorySink.Entry e = sink.only();
        assertEquals("case-1", e.payload().get("decisionId").textValue());
        assertEquals(e.sequence(), d.commit().join());
    }

    @Test
    void decisionOnlyOrScoreOnlyRecordsOnlyThat() throws Exception {
        AuditedModel.builder((Application a) -> a.income() < 1000).modelId("m").modelVersion("1")
                .decision(b -> b).noSubjectIdentifier().sink(sink).build().decide(APP);
        AuditedModel.builder((Application a) -> a.income() / 1000.0).modelId("m").modelVersion("1")
                .score(x -> x).noSubjectIdentifier().sink(sink).build().decide(APP);

        List<ObjectNode> r = sink.payloads(RecordType.DECISION);
        assertTrue(r.get(0).get("decision").booleanValue());
        assertFalse(r.get(0).has("score"));
        assertEquals(0.9, r.get(1).get("score").doubleValue());
        assertFalse(r.get(1).has("decision"));
        for (ObjectNode p : r) {
            assertFalse(p.has("subject"));
            assertFalse(p.has("features"));
        }
    }

    // --- configuration that must be refused ---

    @Test
    void buildingWithoutPseudonymizerOrNoSubjectIdentifierFailsSayingWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AuditedModel
                .<Application, Verdict>builder(this::profile).modelId("m").modelVersion("1")
                .decision(Verdict::selected).subject(Application::citizenId).sink(sink).build());
        assertTrue(e.getMessage().contains("a Pseudonymizer is required"), e.getMessage());
        assertTrue(e.getMessage().contains("noSubjectIdentifier()"), e.getMessage());

        e = assertThrows(IllegalStateException.class, () -> AuditedModel.<Application, Verdict>builder(this::profile)
                .modelId("m").modelVersion("1").decision(Verdict::selected).sink(sink).build());
        assertTrue(e.getMessage().contains("a Pseudonymizer is required"), e.getMessage());
    }

    @Test
    void pseudonymizerWithoutSubjectFunctionOrContradictingNoSubjectIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured()
                .noSubjectIdentifier().build());
        assertTrue(e.getMessage().contains("contradicts"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> AuditedModel.<Application, Verdict>builder(this::profile)
                .modelId("m").modelVersion("1").decision(Verdict::selected).pseudonymizer(PSEUDONYMIZER)
                .sink(sink).build());
        assertTrue(e.getMessage().contains("subject(...) is required"), e.getMessage());
    }

    @Test
    void missingModelIdVersionSinkOrOutputReaderIsRefusedByName() {
        assertEquals("Cannot build AuditedModel: modelId is required", assertThrows(IllegalStateException.class,
                () -> configured().modelId(" ").build()).getMessage());
        assertEquals("Cannot build AuditedModel: modelVersion is required", assertThrows(
                IllegalStateException.class, () -> configured().modelVersion(null).build()).getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> AuditedModel
                .<Application, Verdict>builder(this::profile).modelId("m").modelVersion("1").noSubjectIdentifier()
                .sink(sink).build()).getMessage().contains("decision(...), score(...)"));
        assertTrue(assertThrows(IllegalStateException.class, () -> AuditedModel
                .<Application, Verdict>builder(this::profile).modelId("m").modelVersion("1").noSubjectIdentifier()
                .decision(Verdict::selected).build()).getMessage().contains("LogSink"));
    }

    @Test
    void protectedAttributesWithoutASeparateSinkAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured()
                .protectedAttributeNames("nationality")
                .recordProtectedAttributes(a -> Map.of("nationality", a.nationality()), null).build());
        assertTrue(e.getMessage().contains("separate LogSink"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> configured()
                .protectedAttributeNames("nationality")
                .recordProtectedAttributes(a -> Map.of("nationality", a.nationality()), sink).build());
        assertTrue(e.getMessage().contains("not the decisions' sink"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> configured()
                .recordProtectedAttributes(a -> Map.of("nationality", a.nationality()), new InMemorySink()).build());
        assertTrue(e.getMessage().contains("protectedAttributeNames"), e.getMessage());
    }

    @Test
    void fixedRandomRouteAndRandomControlsOnANonProfileRouteAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> configured().route(SelectionRoute.RANDOM));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured()
                .route(SelectionRoute.MANUAL).randomControls(RandomControlSampler.of(1, 0.1, 0.5),
                        s -> new Verdict(s, Double.NaN)).build());
        assertTrue(e.getMessage().contains("PROFILE cases only"), e.getMessage());
    }

    // --- protected attributes ---

    @Test
    void protectedAttributesNeverAppearInDecisionsAndGoOnlyToTheSecondSink() throws Exception {
        InMemorySink attributeSink = new InMemorySink();
        AuditedModel<Application, Verdict> audited = configured()
                .features(a -> Map.of("income", a.income(), "nationality", a.nationality()))
                .protectedAttributeNames("nationality", "sex")
                .recordProtectedAttributes(a -> Map.of("nationality", a.nationality(), "sex", "F"), attributeSink)
                .build();

        RecordedDecision<Verdict> d = audited.decideRecorded(APP);

        ObjectNode decision = sink.only().payload();
        assertEquals(RecordType.DECISION, sink.only().type());
        assertFalse(decision.get("features").has("nationality"));
        assertEquals("[\"nationality\"]", decision.get("withheldFeatures").toString());
        String decisionJson = json(decision);
        assertFalse(decisionJson.contains("\"NL\""), decisionJson);
        assertFalse(decisionJson.contains("\"sex\""), decisionJson);

        InMemorySink.Entry a = attributeSink.only();
        assertEquals(RecordType.PROTECTED_ATTRIBUTES, a.type());
        assertEquals(List.of("decisionId", "subject", "attributes"), fieldNames(a.payload()));
        assertEquals(d.decisionId(), a.payload().get("decisionId").textValue());
        assertEquals(decision.get("subject"), a.payload().get("subject"));
        assertEquals("NL", a.payload().get("attributes").get("nationality").textValue());
        assertEquals("F", a.payload().get("attributes").get("sex").textValue());
        assertFalse(json(a.payload()).contains(RAW_ID));
    }

    @Test
    void undeclaredProtectedAttributeFailsBeforeTheModelRuns() {
        InMemorySink attributeSink = new InMemorySink();
        AuditedModel<Application, Verdict> audited = configured()
                .protectedAttributeNames("nationality")
                .recordProtectedAttributes(a -> Map.of("religion", "x"), attributeSink).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> audited.decide(APP));

        assertTrue(e.getMessage().contains("'religion'"), e.getMessage());
        assertEquals(0, modelCalls.get());
        assertTrue(sink.entries().isEmpty());
        assertTrue(attributeSink.entries().isEmpty());
    }

    // --- model exceptions ---

    @Test
    void modelExceptionIsRecordedAndRethrownAsTheSameInstance() throws Exception {
        IOException boom = new IOException("scoring service unavailable");
        AuditedModel<Application, Verdict> audited = AuditedModel.<Application, Verdict>builder(a -> {
            throw boom;
        }).modelId("m").modelVersion("1").decision(Verdict::selected).score(Verdict::risk)
                .subject(Application::citizenId).pseudonymizer(PSEUDONYMIZER).sink(sink).build();

        IOException thrown = assertThrows(IOException.class, () -> audited.decide(APP));

        assertSame(boom, thrown);
        assertEquals(0, thrown.getSuppressed().length);
        ObjectNode r = sink.only().payload();
        assertEquals("java.io.IOException", r.get("error").get("class").textValue());
        assertEquals("scoring service unavailable", r.get("error").get("message").textValue());
        assertFalse(r.has("decision"));
        assertFalse(r.has("score"));
        assertEquals("PROFILE", r.get("route").textValue());
    }

    @Test
    void nonFiniteFeatureValuesAreRecordedAsMissingSoTheRecordCanBeWritten() throws Exception {
        // Through the real log: before, the record failed to encode on the writer thread and was lost.
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("nan-features");
        try (dev.fairaudit.core.log.DecisionLog log = dev.fairaudit.core.log.DecisionLog.open(dir,
                dev.fairaudit.core.log.LogOptions.defaults())) {
            AuditedModel<Application, Verdict> audited = AuditedModel.<Application, Verdict>builder(this::profile)
                    .modelId("m").modelVersion("1")
                    .features(a -> java.util.Map.of("income", Double.NaN, "ratio", Double.POSITIVE_INFINITY,
                            "region", a.region()))
                    .decision(Verdict::selected).noSubjectIdentifier().sink(log).build();
            audited.decideRecorded(APP).commit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        ObjectNode features;
        try (java.util.stream.Stream<dev.fairaudit.core.log.LogRecord> records =
                dev.fairaudit.core.log.LogReader.read(dir)) {
            features = (ObjectNode) records.filter(r -> r.type() == RecordType.DECISION).findFirst().orElseThrow()
                    .payload().get("features");
        }
        assertTrue(features.get("income").isNull() && features.get("ratio").isNull(), features.toString());
        assertEquals("north", features.get("region").textValue());
    }

    @Test
    void aScoreThatIsNotFiniteIsRecordedAsTheModelsErrorAndThrown() throws Exception {
        // NaN cannot be written as JSON; before, such a record failed on the writer thread and was lost.
        AuditedModel<Application, Verdict> audited = AuditedModel.<Application, Verdict>builder(
                a -> new Verdict(true, Double.NaN)).modelId("m").modelVersion("1").decision(Verdict::selected)
                .score(Verdict::risk).subject(Application::citizenId).pseudonymizer(PSEUDONYMIZER).sink(sink).build();

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> audited.decide(APP));

        assertEquals("model m 1 gave the score NaN; a score must be a finite number", thrown.getMessage());
        ObjectNode r = sink.only().payload();
        assertEquals("java.lang.IllegalStateException", r.get("error").get("class").textValue());
        assertEquals(thrown.getMessage(), r.get("error").get("message").textValue());
        assertFalse(r.has("decision"));
        assertFalse(r.has("score"));
    }

    @Test
    void rawIdentifierInTheModelsMessageIsNotWritten() throws Exception {
        IllegalArgumentException boom = new IllegalArgumentException("no income data for " + RAW_ID);
        AuditedModel<Application, Verdict> audited = AuditedModel.<Application, Verdict>builder(a -> {
            throw boom;
        }).modelId("m").modelVersion("1").decision(Verdict::selected)
                .subject(Application::citizenId).pseudonymizer(PSEUDONYMIZER).sink(sink).build();

        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> audited.decide(APP)));

        ObjectNode r = sink.only().payload();
        assertEquals("no income data for [subject]", r.get("error").get("message").textValue());
        assertFalse(json(r).contains(RAW_ID));
    }

    @Test
    void failingOutputReaderIsRecordedLikeAModelError() {
        RuntimeException readerFailure = new IllegalStateException("no risk");
        AuditedModel<Application, Verdict> audited = configured().score(v -> {
            throw readerFailure;
        }).build();

        assertSame(readerFailure, assertThrows(IllegalStateException.class, () -> audited.decide(APP)));
        ObjectNode r = sink.only().payload();
        assertTrue(r.has("error"));
        assertFalse(r.has("decision"));
    }

    @Test
    void modelExceptionStaysTheSameInstanceWhenItsRecordIsRefused() {
        IOException boom = new IOException("boom");
        sink.mode(InMemorySink.Mode.REFUSE);
        AuditedModel<Application, Verdict> audited = AuditedModel.<Application, Verdict>builder(a -> {
            throw boom;
        }).modelId("m").modelVersion("1").decision(Verdict::selected).noSubjectIdentifier().sink(sink).build();

        IOException thrown = assertThrows(IOException.class, () -> audited.decide(APP));

        assertSame(boom, thrown);
        assertInstanceOf(DecisionNotRecordedException.class, thrown.getSuppressed()[0]);
    }

    // --- when the log fails ---

    @Test
    void failClosedThrowsWhenTheCommitFailsAndReturnsNothing() {
        sink.mode(InMemorySink.Mode.FAIL_COMMIT);
        AuditedModel<Application, Verdict> audited = configured().failClosed(true).build();

        DecisionNotRecordedException e = assertThrows(DecisionNotRecordedException.class,
                () -> audited.decide(APP));

        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(sink.only().payload().get("decisionId").textValue(), e.decisionId());
        assertTrue(e.getMessage().contains("not committed"), e.getMessage());
        assertFalse(e.getMessage().contains(RAW_ID));
    }

    @Test
    void failClosedThrowsWhenTheAppendIsRefused() {
        sink.mode(InMemorySink.Mode.REFUSE);
        AuditedModel<Application, Verdict> audited = configured().failClosed(true).build();

        DecisionNotRecordedException e = assertThrows(DecisionNotRecordedException.class,
                () -> audited.decide(APP));

        assertInstanceOf(LogFullException.class, e.getCause());
    }

    @Test
    void failClosedAlsoWaitsForTheProtectedAttributes() {
        InMemorySink attributeSink = new InMemorySink().mode(InMemorySink.Mode.FAIL_COMMIT);
        AuditedModel<Application, Verdict> audited = configured().failClosed(true)
                .protectedAttributeNames("nationality")
                .recordProtectedAttributes(a -> Map.of("nationality", a.nationality()), attributeSink).build();

        DecisionNotRecordedException e = assertThrows(DecisionNotRecordedException.class,
                () -> audited.decide(APP));

        assertTrue(e.getMessage().contains("protected attributes"), e.getMessage());
    }

    @Test
    void failClosedDecisionHasACompletedCommit() throws Exception {
        RecordedDecision<Verdict> d = configured().failClosed(true).build().decideRecorded(APP);

        assertTrue(d.commit().isDone());
        assertEquals(0L, d.commit().join());
    }

    @Test
    void failOpenReturnsBeforeTheCommitAndIgnoresItsLaterFailure() throws Exception {
        sink.mode(InMemorySink.Mode.PENDING);
        AuditedModel<Application, Verdict> audited = configured().build();

        RecordedDecision<Verdict> d = audited.decideRecorded(APP);
        Verdict v = audited.decide(APP);

        assertEquals(new Verdict(true, 0.09), d.output());
        assertEquals(d.output(), v);
        assertFalse(d.commit().isDone());
        for (InMemorySink.Entry e : sink.entries()) {
            e.commit().completeExceptionally(new IOException("disk full"));
        }
        assertTrue(d.commit().isCompletedExceptionally());
    }

    @Test
    void failOpenStillThrowsWhenTheAppendIsRefused() {
        sink.mode(InMemorySink.Mode.REFUSE);
        AuditedModel<Application, Verdict> audited = configured().build();

        DecisionNotRecordedException e = assertThrows(DecisionNotRecordedException.class,
                () -> audited.decide(APP));

        assertInstanceOf(LogFullException.class, e.getCause());
        assertEquals(1, modelCalls.get());
    }

    @Test
    void failOpenThrowsWhenTheProtectedAttributesAreRefusedAndThenWritesNoDecision() {
        InMemorySink attributeSink = new InMemorySink().mode(InMemorySink.Mode.REFUSE);
        AuditedModel<Application, Verdict> audited = configured().protectedAttributeNames("nationality")
                .recordProtectedAttributes(a -> Map.of("nationality", a.nationality()), attributeSink).build();

        assertThrows(DecisionNotRecordedException.class, () -> audited.decide(APP));
        assertTrue(sink.entries().isEmpty());
    }

    // --- routes and random controls ---

    @Test
    void routeFunctionLabelsCasesAndOnlyProfileCasesAreOfferedToTheSampler() throws Exception {
        RandomControlSampler sampler = RandomControlSampler.of(5L, 1.0, 0.5);
        AuditedModel<Application, Verdict> audited = configured()
                .route(a -> a.region().equals("north") ? SelectionRoute.MANUAL : SelectionRoute.SIGNAL)
                .randomControls(sampler, s -> new Verdict(s, Double.NaN)).build();

        assertEquals(SelectionRoute.MANUAL, audited.decideRecorded(APP).route());
        assertEquals(SelectionRoute.SIGNAL, audited.decideRecorded(new Application("9", 5, "south", "NL"))
                .route());

        assertEquals(2, modelCalls.get());
        assertEquals(0, sampler.nextDraw(), "the sampler was never asked");
        assertEquals("MANUAL", sink.payloads(RecordType.DECISION).get(0).get("route").textValue());
    }

    @Test
    void theLastRouteConfiguredWinsWhetherFixedOrAFunction() throws Exception {
        AuditedModel<Application, Verdict> fixed = configured().route(SelectionRoute.SIGNAL).build();
        AuditedModel<Application, Verdict> fixedThenFunction = configured().route(SelectionRoute.SIGNAL)
                .route(a -> SelectionRoute.MANUAL).build();
        AuditedModel<Application, Verdict> functionThenFixed = configured().route(a -> SelectionRoute.MANUAL)
                .route(SelectionRoute.SIGNAL).build();

        assertEquals(SelectionRoute.SIGNAL, fixed.decideRecorded(APP).route());
        assertEquals(SelectionRoute.MANUAL, fixedThenFunction.decideRecorded(APP).route());
        assertEquals(SelectionRoute.SIGNAL, functionThenFixed.decideRecorded(APP).route());
        fixed.decide(APP); // the record of decide, without a future, carries the fixed route too
        List<String> routes = sink.payloads(RecordType.DECISION).stream().map(p -> p.get("route").textValue())
                .toList();
        assertEquals(List.of("SIGNAL", "MANUAL", "SIGNAL", "SIGNAL"), routes);
    }

    @Test
    void routeFunctionReturningRandomFailsBeforeTheModelRuns() {
        AuditedModel<Application, Verdict> audited = configured().route(a -> SelectionRoute.RANDOM).build();

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> audited.decide(APP));

        assertTrue(e.getMessage().contains("RandomControlSampler"), e.getMessage());
        assertEquals(0, modelCalls.get());
        assertTrue(sink.entries().isEmpty());
    }

    @Test
    void onTheRandomArmTheModelCanBeAskedWithoutActingOnItsAnswer() throws Exception {
        RandomControlSampler sampler = RandomControlSampler.of(99L, 1.0, 0.5);
        AuditedModel<Application, Verdict> audited = configured()
                .randomControls(sampler, s -> new Verdict(s, Double.NaN)).recordProfileDecisionOnRandomArm().build();

        RecordedDecision<Verdict> low = audited.decideRecorded(APP); // income 900: the profile would select
        RecordedDecision<Verdict> high = audited.decideRecorded(new Application("9", 5000, "south", "NL"));

        assertEquals(SelectionRoute.RANDOM, low.route());
        assertEquals(SelectionRoute.RANDOM, high.route());
        assertEquals(2, modelCalls.get(), "asked once per case, for the record");
        List<ObjectNode> records = sink.payloads(RecordType.DECISION);
        assertTrue(records.get(0).get("profileDecision").booleanValue(), records.get(0).toString());
        assertFalse(records.get(1).get("profileDecision").booleanValue(), records.get(1).toString());
        for (int i = 0; i < 2; i++) {
            assertEquals(sampler.selected(i), records.get(i).get("decision").booleanValue(), "the draw decides");
            assertFalse(records.get(i).has("score"), "the model's score is not recorded on the random arm");
        }
        assertEquals(sampler.selected(0), low.output().selected());
        assertEquals(sampler.selected(1), high.output().selected());
    }

    @Test
    void aModelFailureOnTheRandomArmLeavesTheProfileDecisionOutAndTheDrawStands() throws Exception {
        RandomControlSampler sampler = RandomControlSampler.of(99L, 1.0, 0.5);
        AuditedModel<Application, Verdict> audited = AuditedModel.<Application, Verdict>builder(a -> {
            throw new IllegalStateException("model down");
        })
                .modelId("risk-profile").modelVersion("2.3.0")
                .decision(Verdict::selected)
                .subject(Application::citizenId).pseudonymizer(PSEUDONYMIZER)
                .randomControls(sampler, s -> new Verdict(s, Double.NaN)).recordProfileDecisionOnRandomArm()
                .sink(sink).clock(CLOCK).build();

        Verdict v = audited.decide(APP);

        assertEquals(sampler.selected(0), v.selected());
        ObjectNode r = sink.only().payload();
        assertFalse(r.has("profileDecision"), r.toString());
        assertFalse(r.has("error"), "the case itself did not fail: " + r);
        assertEquals(sampler.selected(0), r.get("decision").booleanValue());
    }

    @Test
    void aProfileDecisionNeedsRandomControlsAndADecision() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> configured()
                .recordProfileDecisionOnRandomArm().build());
        assertTrue(e.getMessage().contains("randomControls"), e.getMessage());
    }

    @Test
    void profileRouteRecordsCarryNoProfileDecision() throws Exception {
        AuditedModel<Application, Verdict> audited = configured()
                .randomControls(RandomControlSampler.of(99L, 0.0, 0.5), s -> new Verdict(s, Double.NaN))
                .recordProfileDecisionOnRandomArm().build();
        audited.decide(APP);
        assertFalse(sink.only().payload().has("profileDecision"));
    }

    @Test
    void randomArmSkipsTheModelAndRecordsSeedAndDraw() throws Exception {
        RandomControlSampler sampler = RandomControlSampler.of(99L, 1.0, 0.5);
        AuditedModel<Application, Verdict> audited = configured()
                .randomControls(sampler, s -> new Verdict(s, Double.NaN)).build();

        RecordedDecision<Verdict> d = audited.decideRecorded(APP);

        assertEquals(SelectionRoute.RANDOM, d.route());
        assertEquals(0, modelCalls.get());
        ObjectNode r = sink.only().payload();
        assertEquals("RANDOM", r.get("route").textValue());
        assertEquals(99L, r.get("random").get("seed").longValue());
        assertEquals(0L, r.get("random").get("draw").longValue());
        assertEquals(1.0, r.get("random").get("share").doubleValue());
        assertEquals(0.5, r.get("random").get("selectionProbability").doubleValue());
        assertEquals(sampler.selected(0), r.get("decision").booleanValue());
        assertEquals(sampler.selected(0), d.output().selected());
        assertFalse(r.has("score"));
    }

    @Test
    void shareOfRandomRecordsIsTheConfiguredShareAndEachCarriesTheSeed() throws Exception {
        long seed = 20261129L;
        double share = 0.2;
        AuditedModel<Application, Verdict> audited = configured()
                .randomControls(RandomControlSampler.of(seed, share, 0.3), s -> new Verdict(s, Double.NaN)).build();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            audited.decide(APP);
        }

        long random = 0;
        long selectedInRandom = 0;
        RandomControlSampler check = RandomControlSampler.of(seed, share, 0.3);
        for (ObjectNode r : sink.payloads(RecordType.DECISION)) {
            if (r.get("route").textValue().equals("RANDOM")) {
                random++;
                assertEquals(seed, r.get("random").get("seed").longValue());
                long draw = r.get("random").get("draw").longValue();
                assertTrue(check.inRandomArm(draw), "the draw recomputes");
                assertEquals(check.selected(draw), r.get("decision").booleanValue());
                selectedInRandom += r.get("decision").booleanValue() ? 1 : 0;
            } else {
                assertEquals("PROFILE", r.get("route").textValue());
                assertFalse(r.has("random"));
            }
        }
        RandomControlSamplerTest.assertBinomial(random, n, share);
        RandomControlSamplerTest.assertBinomial(selectedInRandom, random, 0.3);
        assertEquals(n - random, modelCalls.get(), "the model decided exactly the PROFILE cases");
    }

    // --- concurrency ---

    @Test
    void eightThreadsTimesTenThousandDecisionsRecordEveryIdOnce() throws Exception {
        AuditedModel<Application, Verdict> audited = configured()
                .randomControls(RandomControlSampler.of(3L, 0.05, 0.5), s -> new Verdict(s, Double.NaN)).build();
        int threads = 8;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        Application a = new Application("id-" + thread + "-" + i, i % 2000, "r" + (i % 7), "NL");
                        ids.add(audited.decideRecorded(a).decisionId());
                    }
                    return ids;
                }));
            }
            Set<String> returned = new HashSet<>();
            for (Future<List<String>> f : futures) {
                returned.addAll(f.get());
            }
            assertEquals(threads * perThread, returned.size(), "ids are unique");

            Map<String, Integer> recorded = new LinkedHashMap<>();
            for (ObjectNode r : sink.payloads(RecordType.DECISION)) {
                recorded.merge(r.get("decisionId").textValue(), 1, Integer::sum);
            }
            assertEquals(threads * perThread, sink.entries().size());
            assertEquals(returned, recorded.keySet());
            assertTrue(recorded.values().stream().allMatch(c -> c == 1), "every id recorded once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toStringShowsModelAndModeOnly() {
        assertEquals("AuditedModel[risk-profile 2.3.0, fail-closed]",
                configured().failClosed(true).build().toString());
    }

    @Test
    void appendedCommitFutureIsTheSinksOwn() throws Exception {
        sink.mode(InMemorySink.Mode.PENDING);
        RecordedDecision<Verdict> d = configured().build().decideRecorded(APP);
        CompletableFuture<Long> sinkCommit = sink.only().commit();
        assertSame(sinkCommit, d.commit());
    }

    @Test
    void onlyACallerThatWaitsForTheCommitGetsAFuture() throws Exception {
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.fairaudit.core.log.LogSink watching = new dev.fairaudit.core.log.LogSink() {
            @Override
            public java.util.concurrent.CompletableFuture<Long> append(dev.fairaudit.core.log.RecordType type,
                    ObjectNode payload) {
                calls.add("append");
                return java.util.concurrent.CompletableFuture.completedFuture(1L);
            }

            @Override
            public java.util.concurrent.CompletableFuture<Long> appendContent(dev.fairaudit.core.log.RecordType type,
                    dev.fairaudit.core.log.RecordContent content) {
                calls.add("appendContent");
                return java.util.concurrent.CompletableFuture.completedFuture(1L);
            }

            @Override
            public void submitContent(dev.fairaudit.core.log.RecordType type,
                    dev.fairaudit.core.log.RecordContent content) {
                calls.add("submitContent");
            }
        };
        configured().sink(watching).build().decide(APP);
        assertEquals(List.of("submitContent"), calls, "decide, not fail-closed: nobody waits, no future");
        calls.clear();
        configured().sink(watching).build().decideRecorded(APP);
        assertEquals(List.of("appendContent"), calls, "decideRecorded hands the commit to the caller");
        calls.clear();
        configured().sink(watching).failClosed(true).build().decide(APP);
        assertEquals(List.of("appendContent"), calls, "fail-closed waits for the commit");
    }
}
