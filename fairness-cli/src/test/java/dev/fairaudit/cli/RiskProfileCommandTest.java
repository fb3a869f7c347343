package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairaudit audit --route --stage --criteria} end to end. */
class RiskProfileCommandTest {

    private static final Path ROOT = Path.of(System.getProperty("fairaudit.root", ".."));

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
     * 30,000 cases. Origin B (30%) lives in zone Z far more often than A; violations depend on a signal s only
     * (probability 0.3·s², equal base rates). 20% go to random controls (coin, p = 0.5); the profile selects
     * s > 0.8, or s > 0.3 in zone Z, so it over-selects B. A tenth of the selected are not controlled yet. The
     * stage is the furthest stage reached: population, selected or controlled. Column {@code profile} holds what
     * the profile would decide about every case (1 or 0); it is read on RANDOM rows only.
     */
    private Path decisions(boolean proxy) throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        StringBuilder sb = new StringBuilder("origin,sex,selected,found,route,stage,profile\n");
        for (int i = 0; i < 30_000; i++) {
            boolean b = rnd.nextDouble() < 0.3;
            boolean zone = rnd.nextDouble() < (b ? 0.8 : 0.2);
            double s = rnd.nextDouble();
            boolean violation = rnd.nextDouble() < 0.3 * s * s;
            boolean random = rnd.nextDouble() < 0.2;
            boolean flagged = s > (proxy && zone ? 0.3 : proxy ? 0.8 : 0.7);
            boolean selected = random ? rnd.nextDouble() < 0.5 : flagged;
            boolean controlled = selected && rnd.nextDouble() < 0.9;
            sb.append(b ? "B" : "A").append(',').append(rnd.nextBoolean() ? "F" : "M").append(',')
                    .append(selected ? 1 : 0).append(',').append(controlled ? (violation ? "1" : "0") : "")
                    .append(',').append(random ? "RANDOM" : "PROFILE").append(',')
                    .append(controlled ? "controlled" : selected ? "selected" : "population").append(',')
                    .append(flagged ? 1 : 0).append('\n');
        }
        Path file = dir.resolve(proxy ? "proxy.csv" : "fair.csv");
        Files.writeString(file, sb);
        return file;
    }

    private String[] args(Path input, Path criteria, Path out) {
        return new String[] {"audit", "--input", input.toString(), "--protected", "origin,sex", "--intersect",
            "origin,sex", "--decision", "selected=1", "--label", "found=1", "--route", "route", "--stage", "stage",
            "--stages", "population,selected,controlled", "--criteria", criteria.toString(), "--out", out.toString()};
    }

    @Test
    void aFailedCriterionGivesExitCodeOneAndTheCriteriaSection() throws IOException {
        Path out = dir.resolve("out");
        Run r = run(args(decisions(true), ROOT.resolve("docs/examples/criteria.yaml"), out));
        assertEquals(ExitCodes.CRITERIA_FAILED, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("Advice: stop"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        for (String section : List.of("routes", "outcomeTest", "funnel", "criteria")) {
            assertTrue(json.has(section), section);
        }
        JsonNode first = json.at("/criteria/entries/0");
        assertEquals("selection-parity-origin", first.get("id").asText());
        assertEquals("selectionRate.ratio", first.get("metric").asText());
        assertEquals(0.8, first.at("/bound/lower").asDouble());
        assertEquals(1.25, first.at("/bound/upper").asDouble());
        assertEquals("FAIL", first.get("verdict").asText());
        assertEquals("B", first.at("/observed/attributes/origin").asText());
        assertTrue(first.at("/observed/ci95/lower").asDouble() > 1.25, first.toString());
        assertEquals("stop", json.at("/criteria/advice").asText());
        // Without --profile-decision the random-arm criterion has no estimate: inconclusive, not passed.
        assertEquals("INCONCLUSIVE", criterion(json, "false-alarms-random-arm-origin").get("verdict").asText());
        JsonNode outcomeB = json.at("/outcomeTest/entries/0");
        assertEquals("B", outcomeB.at("/attributes/origin").asText());
        assertEquals("OVER_SELECTED", outcomeB.get("verdict").asText(), outcomeB.toString());
        assertEquals(List.of("population", "selected", "controlled"),
                new ObjectMapper().convertValue(json.at("/funnel/stages"), List.class));
    }

    /**
     * The HTML and Markdown documents word what audit.json holds: criteria first (advice stop, the failed parity
     * criterion marked), the over-selection of origin B in the summary and the outcome test, base rates from the
     * random route; in Dutch too. Without --route and --criteria the two sections are absent.
     */
    @Test
    void theDocumentShowsCriteriaAndTheRiskProfileOnlyWhenRun() throws IOException {
        Path out = dir.resolve("doc");
        Path input = decisions(true);
        run(args(input, ROOT.resolve("docs/examples/criteria.yaml"), out));
        String md = Files.readString(out.resolve("audit.md"));
        String html = Files.readString(out.resolve("audit.html"));
        assertTrue(md.indexOf("## Pre-registered criteria") < md.indexOf("## Disparities per group"), md);
        assertTrue(md.contains("Advice: stop."), md);
        assertTrue(md.contains("| \u25b2 **selection-parity-origin** | selectionRate.ratio | B / A |"), md);
        assertTrue(md.contains("Outcome test: the profile over-selects B"), md);
        assertTrue(md.contains("### Base rates from random controls"), md);
        assertTrue(html.contains("id=\"risk-profile-outcome-test\""), html);

        Path nl = dir.resolve("nl");
        List<String> dutch = new java.util.ArrayList<>(List.of(args(input, ROOT.resolve("docs/examples/criteria.yaml"),
                nl)));
        dutch.addAll(List.of("--lang", "nl"));
        run(dutch.toArray(String[]::new));
        String nlMd = Files.readString(nl.resolve("audit.md"));
        assertTrue(nlMd.contains("## Vooraf vastgelegde criteria") && nlMd.contains("Advies: stoppen."), nlMd);
        assertTrue(nlMd.contains("## Risicoprofiel en aselecte controles"), nlMd);

        Path plain = dir.resolve("plain");
        run("audit", "--input", input.toString(), "--protected", "origin,sex", "--decision", "selected=1",
                "--label", "found=1", "--out", plain.toString());
        String plainMd = Files.readString(plain.resolve("audit.md"));
        assertFalse(plainMd.contains("Pre-registered criteria") || plainMd.contains("Risk profile and random"),
                plainMd);
    }

    @Test
    void criterionEvidenceOnASmallGroupIsWithheldInTheJsonAndOnTheTerminal() throws IOException {
        // A: 150 rows, 30 selected (0.2); B: 60 rows, 12 selected (0.2); C: 6 rows, all selected (1.0, ratio 5
        // against A). C's ratio fails the criterion and decides it, but rests on 6 people: below the default
        // threshold of 10, so neither audit.json nor the terminal may state it.
        StringBuilder sb = new StringBuilder("origin,selected\n");
        for (int i = 0; i < 150; i++) {
            sb.append("A,").append(i < 30 ? 1 : 0).append('\n');
        }
        for (int i = 0; i < 60; i++) {
            sb.append("B,").append(i < 12 ? 1 : 0).append('\n');
        }
        for (int i = 0; i < 6; i++) {
            sb.append("C,1\n");
        }
        Path input = dir.resolve("small.csv");
        Files.writeString(input, sb);
        Path criteria = dir.resolve("small-criteria.yaml");
        Files.writeString(criteria, "criteria:\n  - id: parity\n    metric: selectionRate.ratio\n"
                + "    attribute: origin\n    between: [0.8, 1.25]\n    minSampleSize: 1\n");
        Path out = dir.resolve("small-out");
        Run r = run("audit", "--input", input.toString(), "--protected", "origin", "--decision", "selected=1",
                "--reference", "origin=A", "--min-group-size", "5", "--criteria", criteria.toString(), "--out",
                out.toString());
        assertEquals(ExitCodes.CRITERIA_FAILED, r.exit(), r.err() + r.out());
        JsonNode entry = new ObjectMapper().readTree(out.resolve("audit.json").toFile()).at("/criteria/entries/0");
        assertEquals("FAIL", entry.get("verdict").asText(), entry.toString());
        assertEquals("C", entry.at("/observed/attributes/origin").asText(), entry.toString());
        assertTrue(entry.at("/observed/value").isNull(), entry.toString());
        assertEquals("SUPPRESSED", entry.get("reason").asText(), entry.toString());
        String line = r.out().lines().filter(l -> l.contains("parity")).findFirst().orElseThrow();
        assertTrue(line.contains("FAIL") && line.contains("withheld") && !line.contains("5.0"), line);
    }

    @Test
    void passingCriteriaGiveExitCodeZero() throws IOException {
        Path criteria = dir.resolve("criteria.json");
        Files.writeString(criteria, "{\"criteria\": [{\"id\": \"base-rates-known\", \"metric\": \"baseRate.random\","
                + " \"attribute\": \"origin\", \"between\": [0, 0.5]}]}");
        Run r = run(args(decisions(false), criteria, dir.resolve("out")));
        assertEquals(ExitCodes.SUCCESS, r.exit(), r.err() + r.out());
        assertTrue(r.out().contains("Advice: continue"), r.out());
    }

    @Test
    void aMistypedCriteriaKeyIsAUsageErrorNamingTheNearestKey() throws IOException {
        Path criteria = dir.resolve("criteria.yaml");
        Files.writeString(criteria, "criteria:\n  - id: a\n    metric: selectionRate.ratio\n    atribute: origin\n"
                + "    atLeast: 0.8\n");
        Run r = run(args(decisions(true), criteria, dir.resolve("out")));
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("criteria.yaml") && r.err().contains("unknown key 'atribute'")
                && r.err().contains("did you mean 'attribute'"), r.err());
        assertFalse(Files.exists(dir.resolve("out/audit.json")), "nothing is written when the criteria are bad");
    }

    @Test
    void riskProfileOptionsAreRefusedWithAggregateCounts() throws IOException {
        Path counts = dir.resolve("counts.csv");
        Files.writeString(counts, "origin,selected,not_selected\nA,10,90\nB,20,80\n");
        Run r = run("audit", "--aggregate", counts.toString(), "--protected", "origin", "--route", "route",
                "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit(), r.out());
        assertTrue(r.err().contains("--route, --stage and --criteria need decisions"), r.err());
    }

    @Test
    void aStageOutsideTheOrderIsAnInputError() throws IOException {
        Run r = run("audit", "--input", decisions(true).toString(), "--protected", "origin", "--decision",
                "selected=1", "--stage", "stage", "--stages", "population,selected", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("column 'stage'") && r.err().contains("'controlled' is not one of the stages"),
                r.err());
    }

    private String[] withProfileDecision(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profile-decision", "profile=1"));
        return all.toArray(String[]::new);
    }

    @Test
    void theProfileDecisionOnTheRandomRouteGivesPrecisionAtTheRealBaseRate() throws IOException {
        Path out = dir.resolve("out");
        Run r = run(withProfileDecision(args(decisions(true), ROOT.resolve("docs/examples/criteria.yaml"), out)));
        assertEquals(ExitCodes.CRITERIA_FAILED, r.exit(), r.err() + r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        JsonNode p = json.at("/routes/precisionAtBaseRate");
        assertEquals("profile", p.get("column").asText());
        assertEquals("RANDOM", p.get("randomRoute").asText());
        JsonNode b = null;
        JsonNode all = null;
        for (JsonNode g : p.get("groups")) {
            if (g.get("attributes").size() == 1 && "B".equals(g.at("/attributes/origin").asText(null))) {
                b = g;
            }
            if (g.get("attributes").isEmpty()) {
                all = g;
            }
        }
        // The profile's precision on random cases is a rate among its controlled flagged cases; the whole
        // population's base rate in the random arm is near the true 0.1 (E[0.3·s²]).
        assertEquals(0, all.at("/performance/unknownRows").asLong());
        assertTrue(all.at("/performance/baseRate/ci95/lower").asDouble() < 0.1
                && all.at("/performance/baseRate/ci95/upper").asDouble() > 0.1, all.toString());
        assertTrue(all.at("/performance/precisionAtBaseRate/value").asDouble()
                > all.at("/performance/baseRate/value").asDouble(), all.toString());
        // The proxy over-selects B: in the random arm B's people without a violation are flagged far more often.
        JsonNode fpr = b.at("/falsePositives/falsePositiveRateComparison");
        assertEquals("A", fpr.at("/reference/origin").asText(), b.toString());
        assertTrue(fpr.at("/ratio/ci95/lower").asDouble() > 1, b.toString());
        // The example file's random-arm criterion (ratio at most 1.25) fails on origin B. True ratio, from the
        // generator above: FPR = (z·∫_{0.3}^{1}(1-0.3s²)ds + (1-z)·∫_{0.8}^{1}(1-0.3s²)ds) / 0.9 with zone share
        // z = 0.8 (B) or 0.2 (A), i.e. (0.8·0.6027 + 0.2·0.1512)/0.9 = 0.569 against 0.268: 2.12, whose
        // interval over ~700 and ~1,700 nothing-found random cases lies far above 1.25.
        JsonNode criterion = criterion(json, "false-alarms-random-arm-origin");
        assertEquals("FAIL", criterion.get("verdict").asText(), criterion.toString());
        assertEquals("B", criterion.at("/observed/attributes/origin").asText(), criterion.toString());
        assertTrue(criterion.at("/observed/ci95/lower").asDouble() > 1.25, criterion.toString());
    }

    private static JsonNode criterion(JsonNode audit, String id) {
        for (JsonNode c : audit.at("/criteria/entries")) {
            if (id.equals(c.get("id").asText())) {
                return c;
            }
        }
        throw new AssertionError("no criterion " + id + " in " + audit.at("/criteria"));
    }

    @Test
    void theDocumentShowsPrecisionAtTheRealBaseRateInBothLanguages() throws IOException {
        Path input = decisions(true);
        Path out = dir.resolve("en");
        run(withProfileDecision(args(input, ROOT.resolve("docs/examples/criteria.yaml"), out)));
        String md = Files.readString(out.resolve("audit.md"));
        int at = md.indexOf("### Precision at the real base rate");
        assertTrue(at > 0, md);
        String section = md.substring(at, md.indexOf("###", at + 3));
        assertTrue(section.contains("| Group | Would select | Base rate | Precision | Lift over base rate | Recall |"),
                section);
        // B's random-arm false positive rate is significantly above A's: its row is marked.
        assertTrue(section.lines().anyMatch(l -> l.startsWith("| \u25b2 ") && l.contains("B")), section);
        Path nl = dir.resolve("nl");
        List<String> dutch = new ArrayList<>(List.of(withProfileDecision(args(input,
                ROOT.resolve("docs/examples/criteria.yaml"), nl))));
        dutch.addAll(List.of("--lang", "nl"));
        run(dutch.toArray(String[]::new));
        assertTrue(Files.readString(nl.resolve("audit.md")).contains("### Precisie bij het werkelijke basispercentage"));
        // Without --profile-decision the subsection is absent.
        Path plain = dir.resolve("plain");
        run(args(input, ROOT.resolve("docs/examples/criteria.yaml"), plain));
        assertFalse(Files.readString(plain.resolve("audit.md")).contains("Precision at the real base rate"));
    }

    @Test
    void aProfileDecisionWithoutARouteIsAUsageError() throws IOException {
        Run r = run("audit", "--input", decisions(true).toString(), "--protected", "origin", "--decision",
                "selected=1", "--profile-decision", "profile=1", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, r.exit());
        assertTrue(r.err().contains("--profile-decision") && r.err().contains("--route"), r.err());
    }

    @Test
    void everyRiskProfileKeyIsDocumentedInTheSchema() throws IOException {
        Path out = dir.resolve("out");
        run(withProfileDecision(args(decisions(true), ROOT.resolve("docs/examples/criteria.yaml"), out)));
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals(List.of(), AuditJsonKeys.undocumented(json), "keys of audit.json missing from docs/audit-json.md");
    }

}
