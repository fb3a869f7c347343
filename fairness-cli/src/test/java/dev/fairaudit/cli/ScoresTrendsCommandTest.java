package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.DecisionEvents;
import dev.fairaudit.core.model.Outcome;
import dev.fairaudit.core.model.Pseudonymizer;
import dev.fairaudit.core.model.RandomControlSampler;
import dev.fairaudit.core.model.RecordedDecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairaudit audit} with --score, --numeric-outcome, --time and --period. */
class ScoresTrendsCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FairauditCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /**
     * 240 rows over four quarters of 2025: origin NL or other, a score in [0, 1], a rating 1..10 (some missing),
     * a route and, for controlled cases, what was found.
     */
    private Path decisions() throws IOException {
        StringBuilder sb = new StringBuilder("origin,selected,found,score,rating,date,route\n");
        for (int i = 0; i < 240; i++) {
            String origin = i % 3 == 0 ? "other" : "NL";
            double score = ((i * 37) % 100) / 100.0;
            boolean selected = score >= 0.7;
            String route = selected ? "PROFILE" : i % 10 == 0 ? "RANDOM" : "NONE";
            String found = selected || route.equals("RANDOM") ? (score + (i % 7) / 10.0 > 0.9 ? "1" : "0") : "";
            String rating = i % 11 == 0 ? "" : Integer.toString(5 + (i % 5));
            String date = String.format(Locale.ROOT, "2025-%02d-%02d", 1 + (i % 12), 1 + (i % 28));
            sb.append(origin).append(',').append(selected ? "yes" : "no").append(',').append(found).append(',')
                    .append(score).append(',').append(rating).append(',').append(date).append(',').append(route)
                    .append('\n');
        }
        Path file = dir.resolve("decisions.csv");
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void writesScoresNumericOutcomesAndTrendsAndDocumentsEveryKey() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=yes", "--label", "found=1", "--score", "score", "--numeric-outcome", "rating", "--time",
                "date", "--period", "quarter", "--min-group-size", "5", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals(3, json.get("scores").get("groups").size()); // NL, other, overall
        assertTrue(json.get("scores").get("calibrationApplicable").asBoolean());
        JsonNode overallRating = json.get("numericOutcomes").get("groups").get(2);
        assertEquals(240 - 22, overallRating.get("count").asInt()); // i % 11 == 0: 22 missing
        assertEquals(22, overallRating.get("missing").asInt());
        assertEquals(List.of("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"),
                new ObjectMapper().convertValue(json.get("trends").get("periods"), List.class));
        assertEquals("quarter", json.get("trends").get("period").asText());
        // The command line has no route column yet (--route belongs to the routes work): no label sources.
        assertTrue(json.get("trends").get("labelSources").isNull());
        assertEquals(1, json.get("trends").get("disparities").size());

        assertEquals(List.of(), AuditJsonKeys.undocumented(json), "keys of audit.json missing from docs/audit-json.md");
    }

    @Test
    void aNonNumericRatingIsAnInputErrorNamingLineColumnAndValue() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "origin,selected,rating\nNL,yes,7\nother,no,good\n");
        Run r = run("audit", "--input", file.toString(), "--protected", "origin", "--decision", "selected=yes",
                "--numeric-outcome", "rating", "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("bad.csv") && r.err().contains("3") && r.err().contains("rating")
                && r.err().contains("'good'"), r.err());
    }

    @Test
    void periodWithoutTimeIsAUsageError() throws IOException {
        Run r = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=yes", "--period", "month", "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("--period needs --time"), r.err());
        Run bad = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=yes", "--time", "date", "--period", "week", "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, bad.exit());
        assertTrue(bad.err().contains("valid: month, quarter, year"), bad.err());
    }

    @Test
    void withoutTheNewOptionsTheDocumentHasNoNewSections() throws IOException {
        Path out = dir.resolve("plain");
        Run r = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=yes", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertFalse(json.has("scores") || json.has("numericOutcomes") || json.has("trends"));
    }

    record Case(String id, String area, String migration) {
    }

    @Test
    void aDecisionLogGivesTheLabelSourcesPerPeriod() throws Exception {
        Path decisions = dir.resolve("decisions");
        Path attributes = dir.resolve("attributes");
        LogOptions options = LogOptions.builder().build();
        Pseudonymizer pseudonyms = new Pseudonymizer(new byte[32]);
        SplittableRandom rnd = new SplittableRandom(3);
        long found = 0;
        long controlled = 0;
        try (DecisionLog log = DecisionLog.open(decisions, options);
             DecisionLog attributeLog = DecisionLog.open(attributes, options)) {
            AuditedModel<Case, Boolean> model = AuditedModel.<Case, Boolean>builder(c -> c.area().equals("B"))
                    .modelId("profile").modelVersion("1")
                    .features(c -> Map.of("area", c.area()))
                    .decision(selected -> selected)
                    .subject(Case::id).pseudonymizer(pseudonyms)
                    .randomControls(RandomControlSampler.of(11, 0.1, 0.5), drawn -> drawn)
                    .protectedAttributeNames("migration")
                    .recordProtectedAttributes(c -> Map.of("migration", c.migration()), attributeLog)
                    .sink(log)
                    .build();
            DecisionEvents events = new DecisionEvents(log, pseudonyms);
            for (int i = 0; i < 400; i++) {
                String area = rnd.nextInt(3) == 0 ? "B" : "A";
                RecordedDecision<Boolean> d = model.decideRecorded(new Case("p" + i, area,
                        rnd.nextBoolean() ? "yes" : "no"));
                if (d.output()) {
                    controlled++;
                    events.outcome(d.decisionId(), rnd.nextDouble() < 0.2 ? Outcome.FOUND : Outcome.NOT_FOUND,
                            Map.of());
                    found++;
                }
            }
        }
        Path out = dir.resolve("logout");
        Run r = run("audit", "--log", decisions.toString(), "--attributes-log", attributes.toString(),
                "--protected", "migration", "--period", "year", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        JsonNode sources = json.get("trends").get("labelSources");
        assertFalse(sources.isNull());
        assertEquals(1, sources.get("byPeriod").size()); // every decision was made in this year
        JsonNode share = sources.get("byPeriod").get(0).get("shareFromProfile");
        // Every controlled case has a label; the profile route is one part of them, random controls the rest.
        assertEquals(controlled, share.get("denominator").asLong());
        assertTrue(share.get("value").asDouble() > 0 && share.get("value").asDouble() < 1, share.toString());
        assertEquals("INSUFFICIENT_SAMPLE", sources.get("trend").get("status").asText());
        assertTrue(found > 0);
        Run wrong = run("audit", "--log", decisions.toString(), "--attributes-log", attributes.toString(),
                "--protected", "migration", "--time", "t", "--out", out.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, wrong.exit());
        assertTrue(wrong.err().contains("a log has its own decision time"), wrong.err());
    }

}
