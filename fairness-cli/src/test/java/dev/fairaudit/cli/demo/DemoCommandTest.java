package dev.fairaudit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairaudit.cli.ExitCodes;
import dev.fairaudit.cli.FairauditCommand;
import dev.fairaudit.core.log.LogReader;
import dev.fairaudit.core.log.LogRecord;
import dev.fairaudit.core.log.RecordType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairaudit demo} end to end: files, a log that verifies, and an audit that shows what was planted;
 * the planted findings are recomputed here from the log itself. Also determinism and refusals.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FairauditCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Per decision id: the decision record, its final outcome, whether a review overrode it, its attributes. */
    private static final class LogView {
        final Map<String, JsonNode> decisions = new HashMap<>();
        final Map<String, String> outcomes = new HashMap<>();
        final Map<String, String> migration = new HashMap<>();
        final Map<String, Integer> governance = new HashMap<>();
        int reviews;

        LogView(Path out) throws IOException {
            try (Stream<LogRecord> records = LogReader.read(out.resolve("decision-log"))) {
                records.forEach(r -> {
                    switch (r.type()) {
                        case DECISION -> decisions.put(r.payload().get("decisionId").asText(), r.payload());
                        case OUTCOME -> outcomes.put(r.payload().get("decisionId").asText(),
                                r.payload().get("outcome").asText());
                        case REVIEW -> reviews++;
                        case GOVERNANCE -> governance.merge(r.payload().get("kind").asText(), 1, Integer::sum);
                        default -> { }
                    }
                });
            }
            try (Stream<LogRecord> records = LogReader.read(out.resolve("attributes-log"))) {
                records.filter(r -> r.type() == RecordType.PROTECTED_ATTRIBUTES).forEach(r -> migration.put(
                        r.payload().get("decisionId").asText(),
                        r.payload().get("attributes").get("migrationBackground").asText()));
            }
        }
    }

    @Test
    void demoGeneratesVerifiesAndAuditsAndTheAuditShowsThePlantedDisparity() throws Exception {
        Path out = dir.resolve("demo");
        Run demo = run("demo", "--out", out.toString());
        assertEquals(ExitCodes.SUCCESS, demo.exit(), demo.out() + demo.err());
        assertTrue(demo.out().contains("SYNTHETIC DATA"), demo.out());
        assertTrue(demo.out().contains("Audit document: " + out.resolve("audit.html")), demo.out());
        for (String name : List.of("decision-log", "attributes-log", "demo-log.key", "criteria.yaml", "README.txt",
                "audit.json")) {
            assertTrue(Files.exists(out.resolve(name)), name);
        }
        assertTrue(Files.readString(out.resolve("README.txt")).startsWith("FAIRAUDIT DEMO -- SYNTHETIC DATA"));
        assertTrue(Files.readString(out.resolve("demo-log.key")).contains("NEVER DO THIS IN PRODUCTION"));

        // The log verifies with the key written next to it (and the attributes log too).
        for (String log : List.of("decision-log", "attributes-log")) {
            Run verified = run("verify-log", out.resolve(log).toString(), "--key-file",
                    out.resolve("demo-log.key").toString());
            assertEquals(0, verified.exit(), verified.out() + verified.err());
            assertTrue(verified.out().contains("closed cleanly"), verified.out());
        }

        // audit.json: the selection rate of residents with a non-European migration background fails the
        // four-fifths rule against residents without one (being selected is adverse here).
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals(20_000, json.get("input").get("rowsRead").asInt());
        int failed = 0;
        for (JsonNode c : json.get("comparisons")) {
            JsonNode attributes = c.get("attributes");
            if (c.get("metric").asText().equals("selectionRate") && attributes.size() == 1
                    && attributes.path("migrationBackground").asText().equals("non-european")) {
                assertEquals("FAIL", c.get("fourFifths").get("verdict").asText(), c.toString());
                assertTrue(c.get("ratio").get("value").asDouble() > 1.25, c.toString());
                failed++;
            }
        }
        assertEquals(1, failed, "non-european against none");

        // The pre-registered criteria fail (the audit itself exits with 1; the demo reports it and succeeds).
        assertTrue(demo.out().contains("exit code 1"), demo.out());
        JsonNode criteria = json.get("criteria");
        assertEquals("stop", criteria.get("advice").asText(), criteria.toString());
        Map<String, String> verdicts = new java.util.HashMap<>();
        criteria.get("entries").forEach(e -> verdicts.put(e.get("id").asText(), e.get("verdict").asText()));
        assertEquals("FAIL", verdicts.get("selection-parity-migration-background"), verdicts.toString());
        assertEquals("FAIL", verdicts.get("better-than-random"), verdicts.toString());

        // Disclosure control (default: counts 1 to 9 withheld) reaches the risk-profile sections: no count from 1 to
        // 9 is published there, and the small cells of the non-binary residents are marked SUPPRESSED.
        List<String> smallCounts = new java.util.ArrayList<>();
        for (String section : List.of("routes", "outcomeTest", "criteria")) {
            collectSmallCounts(json.get(section), section, smallCounts);
        }
        assertEquals(List.of(), smallCounts);
        assertTrue(json.get("routes").toString().contains("\"SUPPRESSED\""), "small route cells are withheld");

        // Proxy screening finds the planted proxies of migration background (postcode, language) and not the
        // household type, which the scenario draws independently.
        Map<String, Boolean> flagged = new java.util.HashMap<>();
        for (JsonNode f : json.get("proxies")) {
            if (f.has("feature") && f.get("attribute").asText().equals("migrationBackground")) {
                flagged.put(f.get("feature").asText(), f.get("flagged").asBoolean());
            }
        }
        assertEquals(Boolean.TRUE, flagged.get("postcode"), flagged.toString());
        assertEquals(Boolean.TRUE, flagged.get("language"), flagged.toString());
        assertEquals(Boolean.FALSE, flagged.get("household"), flagged.toString());

        LogView log = new LogView(out);
        assertEquals(20_000, log.decisions.size());
        assertTrue(log.reviews > 0);
        assertTrue(log.governance.get("MODEL_DEPLOYED") == 12 && log.governance.get("CONFIGURATION_CHANGED") == 2
                && log.governance.get("MONITORING_ALERT") == 1, log.governance.toString());
        // No decision record carries a protected attribute or a raw identifier.
        for (JsonNode d : log.decisions.values()) {
            assertFalse(d.get("features").has("migrationBackground") || d.get("features").has("gender"));
            assertFalse(d.toString().contains("resident-"), d.toString());
        }

        // On the RANDOM route the found rate does not differ significantly between migration backgrounds:
        // Pearson chi-square on the 3 x 2 table (found, not found) of controlled random cases.
        Map<String, long[]> random = foundByMigration(log, "RANDOM");
        long[][] table = random.values().toArray(long[][]::new);
        double p = ChiSquareTest.withDefaults().test(table).getPValue();
        assertTrue(p > 0.05, "random arm: found rates by migration background do not differ, p = " + p + " "
                + describe(random));

        // Hit-rate lift of the profile over random controls is below the pre-registered 1.5.
        double profileHitRate = rate(foundByMigration(log, "PROFILE"));
        double randomHitRate = rate(random);
        assertTrue(profileHitRate / randomHitRate < 1.5, "lift " + profileHitRate / randomHitRate);

        // The profile's own selections widen the gap over the year (model decisions, before review).
        double early = profileSelectionRatio(log, "2025-01", "2025-03");
        double late = profileSelectionRatio(log, "2025-10", "2025-12");
        assertTrue(late > early * 1.2, "non-European / none selection ratio: " + early + " then " + late);
        assertTrue(Files.readString(out.resolve("criteria.yaml")).contains("atLeast: 1.5"));

        // Precision at the real base rate: the profile's decision is recorded on every RANDOM record (and on no
        // other), and among random controls that found nothing it would have selected residents with a migration
        // background more often. Recomputed from the log: audit.json shows the same counts.
        for (JsonNode d : log.decisions.values()) {
            assertEquals(d.get("route").asText().equals("RANDOM"), d.has("profileDecision"), d.toString());
        }
        Map<String, long[]> falseAlarms = falseAlarmsByMigration(log);
        JsonNode precision = json.at("/routes/precisionAtBaseRate");
        assertEquals("profileDecision", precision.get("column").asText());
        for (JsonNode g : precision.get("groups")) {
            JsonNode attributes = g.get("attributes");
            if (attributes.size() == 1 && attributes.has("migrationBackground")) {
                long[] counts = falseAlarms.get(attributes.get("migrationBackground").asText());
                JsonNode fpr = g.at("/falsePositives/falsePositiveRate");
                assertEquals(counts[0], fpr.get("numerator").asLong(), g.toString());
                assertEquals(counts[1], fpr.get("denominatorRows").asLong(), g.toString());
            }
            if (attributes.isEmpty()) {
                // Too few found cases among the flagged controls at 20,000 residents: precision is withheld, not 0.
                assertEquals("SUPPRESSED", g.at("/performance/precisionAtBaseRate/status").asText(), g.toString());
            }
        }
        long[] none = falseAlarms.get("none");
        long[] european = falseAlarms.get("european");
        double ratio = ((double) european[0] / european[1]) / ((double) none[0] / none[1]);
        assertTrue(ratio > 1.25, "European / none false-alarm ratio on the random arm: " + ratio);
        assertEquals("FAIL", verdicts.get("false-alarms-random-arm-migration-background"), verdicts.toString());
    }

    /** Per migration background, RANDOM-route controls with nothing found: {would be selected, all}. */
    private static Map<String, long[]> falseAlarmsByMigration(LogView log) {
        Map<String, long[]> m = new java.util.TreeMap<>();
        log.decisions.forEach((id, d) -> {
            if (d.get("route").asText().equals("RANDOM") && "NOT_FOUND".equals(log.outcomes.get(id))) {
                long[] c = m.computeIfAbsent(log.migration.get(id), k -> new long[2]);
                c[0] += d.get("profileDecision").asBoolean() ? 1 : 0;
                c[1]++;
            }
        });
        return m;
    }

    private static Map<String, long[]> foundByMigration(LogView log, String route) {
        Map<String, long[]> m = new java.util.TreeMap<>();
        log.decisions.forEach((id, d) -> {
            String outcome = log.outcomes.get(id);
            if (d.get("route").asText().equals(route) && outcome != null && !outcome.equals("NOT_ESTABLISHED")) {
                long[] c = m.computeIfAbsent(log.migration.get(id), k -> new long[2]);
                c[outcome.equals("FOUND") ? 0 : 1]++;
            }
        });
        return m;
    }

    private static double rate(Map<String, long[]> counts) {
        long found = counts.values().stream().mapToLong(c -> c[0]).sum();
        long all = counts.values().stream().mapToLong(c -> c[0] + c[1]).sum();
        return (double) found / all;
    }

    private static String describe(Map<String, long[]> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((k, v) -> b.append(k).append('=').append(v[0]).append('/').append(v[0] + v[1]).append(' '));
        return b.toString();
    }

    private static double profileSelectionRatio(LogView log, String fromMonth, String toMonth) {
        long[] none = new long[2];
        long[] nonEuropean = new long[2];
        log.decisions.forEach((id, d) -> {
            String month = d.get("time").asText().substring(0, 7);
            if (!d.get("route").asText().equals("PROFILE") || month.compareTo(fromMonth) < 0
                    || month.compareTo(toMonth) > 0) {
                return;
            }
            long[] c = switch (log.migration.get(id)) {
                case "none" -> none;
                case "non-european" -> nonEuropean;
                default -> null;
            };
            if (c != null) {
                c[0]++;
                c[1] += d.get("decision").asBoolean() ? 1 : 0;
            }
        });
        return ((double) nonEuropean[1] / nonEuropean[0]) / ((double) none[1] / none[0]);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        assertEquals(0, run("demo", "--out", a.toString(), "--seed", "5", "--people", "3000").exit());
        assertEquals(0, run("demo", "--out", b.toString(), "--seed", "5", "--people", "3000").exit());
        assertEquals(0, run("demo", "--out", c.toString(), "--seed", "6", "--people", "3000").exit());
        for (String file : List.of("decision-log/segment-000001.jsonl", "attributes-log/segment-000001.jsonl",
                "demo-log.key", "criteria.yaml", "README.txt")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(file)), Files.readAllBytes(b.resolve(file)), file);
        }
        // audit.json names the folder it audited only by the log's folder name, so it compares across folders.
        assertArrayEquals(Files.readAllBytes(a.resolve("audit.json")), Files.readAllBytes(b.resolve("audit.json")));
        assertFalse(Files.readString(a.resolve("audit.json")).equals(Files.readString(c.resolve("audit.json"))));
    }

    @Test
    void badOptionsAndForeignFoldersAreRefusedAndAnEarlierDemoIsReplaced() throws Exception {
        Run lang = run("demo", "--out", dir.resolve("x").toString(), "--lang", "de");
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, lang.exit());
        assertTrue(lang.err().contains("--lang must be nl or en"), lang.err());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, run("demo", "--people", "10").exit());

        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign);
        Files.writeString(foreign.resolve("thesis.tex"), "precious", StandardCharsets.UTF_8);
        Run refused = run("demo", "--out", foreign.toString(), "--people", "1000");
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, refused.exit());
        assertTrue(refused.err().contains("not empty"), refused.err());
        assertEquals("precious", Files.readString(foreign.resolve("thesis.tex")), "nothing deleted");

        Path again = dir.resolve("again");
        assertEquals(0, run("demo", "--out", again.toString(), "--people", "1000", "--lang", "nl").exit());
        Run second = run("demo", "--out", again.toString(), "--people", "1000");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("OK: "), "the replaced log is a fresh one that verifies");
    }

    @Test
    void auditArgumentsAuditTheLogWithItsKeyAndAttributes() {
        Path out = Path.of("o");
        List<String> a = DemoCommand.auditArguments(out, out.resolve("k"), "nl");
        assertEquals("audit", a.get(0));
        assertEquals(out.resolve("decision-log").toString(), a.get(a.indexOf("--log") + 1));
        assertEquals(out.resolve("attributes-log").toString(), a.get(a.indexOf("--attributes-log") + 1));
        assertEquals(out.resolve("k").toString(), a.get(a.indexOf("--key-file") + 1));
        assertEquals("not-selected", a.get(a.indexOf("--favourable") + 1));
    }

    /** Paths of count fields (rows, numerators, sample sizes) holding a number from 1 to 9. */
    private static void collectSmallCounts(JsonNode node, String path, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSmallCounts(node.get(i), path + "[" + i + "]", out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                boolean count = List.of("rows", "sampleSize", "numerator", "denominator", "denominatorRows",
                        "uncontrolledRows").contains(e.getKey());
                if (count && v.isNumber() && Math.round(v.asDouble()) >= 1 && Math.round(v.asDouble()) <= 9) {
                    out.add(path + "." + e.getKey() + "=" + v);
                } else {
                    collectSmallCounts(v, path + "." + e.getKey(), out);
                }
            });
        }
    }
}
