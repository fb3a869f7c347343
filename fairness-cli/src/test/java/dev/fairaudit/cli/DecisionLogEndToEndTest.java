package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.DecisionEvents;
import dev.fairaudit.core.model.GovernanceEvent;
import dev.fairaudit.core.model.Outcome;
import dev.fairaudit.core.model.Pseudonymizer;
import dev.fairaudit.core.model.RandomControlSampler;
import dev.fairaudit.core.model.RecordedDecision;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path: wrap a model, log its decisions, outcomes, a review and governance events into a keyed
 * log (protected attributes in a separate log), verify it, audit it from the command line; then tamper with
 * one byte and see verification and audit refuse with exit code 3.
 */
class DecisionLogEndToEndTest {

    @TempDir
    Path dir;

    /** A benefit recipient: the profile selects by postcode area only. */
    record Case(String id, String area, String migration) {
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FairauditCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void wrapLogVerifyAuditAndDetectTampering() throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        Path keyFile = dir.resolve("log.key");
        Files.writeString(keyFile, HexFormat.of().formatHex(key), StandardCharsets.US_ASCII);
        Path decisions = dir.resolve("decisions");
        Path attributes = dir.resolve("attributes");
        LogOptions options = LogOptions.builder().hmacKey(key)
                .durability(Durability.groupCommit(64, Duration.ofMillis(2))).build();
        Pseudonymizer pseudonyms = new Pseudonymizer(new byte[32]);
        SplittableRandom rnd = new SplittableRandom(42);
        int rows = 2000;
        try (DecisionLog log = DecisionLog.open(decisions, options);
             DecisionLog attributeLog = DecisionLog.open(attributes, options)) {
            AuditedModel<Case, Boolean> model = AuditedModel.<Case, Boolean>builder(c -> c.area().equals("B"))
                    .modelId("fraud-profile").modelVersion("1.0")
                    .features(c -> Map.of("area", c.area()))
                    .decision(selected -> selected)
                    .subject(Case::id).pseudonymizer(pseudonyms)
                    .randomControls(RandomControlSampler.of(7, 0.1, 0.5), drawn -> drawn)
                    .protectedAttributeNames("migration")
                    .recordProtectedAttributes(c -> Map.of("migration", c.migration()), attributeLog)
                    .sink(log)
                    .failClosed(true)
                    .build();
            DecisionEvents events = new DecisionEvents(log, pseudonyms);
            events.governance(new GovernanceEvent.ModelDeployed("fraud-profile", "1.0", "board"));
            for (int i = 0; i < rows; i++) {
                // Area B has more residents with a migration background; violations are equally rare everywhere.
                String area = rnd.nextInt(3) == 0 ? "B" : "A";
                String migration = rnd.nextDouble() < (area.equals("B") ? 0.6 : 0.15) ? "yes" : "no";
                RecordedDecision<Boolean> d = model.decideRecorded(new Case("person-" + i, area, migration));
                if (d.output()) {
                    events.outcome(d.decisionId(), rnd.nextDouble() < 0.1 ? Outcome.FOUND : Outcome.NOT_FOUND,
                            Map.of());
                }
                if (i == 10) {
                    events.review(d.decisionId(), "reviewer-1", "R1", !d.output(), List.of("area"));
                }
            }
            events.governance(new GovernanceEvent.ConfigurationChanged("threshold", "0.5", "0.6", "drift", "board"));
        }

        Run verified = run("verify-log", decisions.toString(), "--key-file", keyFile.toString());
        assertEquals(0, verified.exit(), verified.out() + verified.err());
        assertTrue(verified.out().contains("OK") && verified.out().contains("closed cleanly"), verified.out());

        Path out = dir.resolve("out");
        Run audited = run("audit", "--log", decisions.toString(), "--attributes-log", attributes.toString(),
                "--key-file", keyFile.toString(), "--protected", "migration", "--favourable", "not-selected",
                "--out", out.toString());
        assertEquals(0, audited.exit(), audited.err());
        assertTrue(audited.out().contains("1 decision(s) were overridden in review"), audited.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals("decision-log", json.get("input").get("format").asText());
        assertEquals(rows, json.get("input").get("rowsRead").asInt());
        assertEquals(64, json.get("input").get("sha256").asText().length(), "the verified head hash");
        assertTrue(json.get("document").get("logVerification").get("ok").asBoolean(), "verification in the document");
        // the protected-attribute log's verification too: one record per decision and the closing checkpoint
        JsonNode attributeLog = json.at("/document/logVerification/attributeLog");
        assertTrue(attributeLog.get("ok").asBoolean(), attributeLog.toString());
        assertEquals(rows + 1, attributeLog.get("lastSequence").asLong(), attributeLog.toString());
        assertEquals(64, attributeLog.get("headHash").asText().length(), attributeLog.toString());
        assertTrue(Files.readString(out.resolve("audit.md")).contains("| Verified head hash of the protected-attribute"
                + " log | `" + attributeLog.get("headHash").asText() + "` |"));
        assertTrue(Files.readString(out.resolve("audit.html")).contains("id=\"log-verification\""));
        // The change and decision record: the two governance events written above, in log order.
        JsonNode changes = json.get("document").get("changeRecord");
        assertEquals(2, changes.size(), changes.toString());
        assertEquals("MODEL_DEPLOYED", changes.get(0).get("kind").asText());
        assertEquals("{\"key\":\"threshold\",\"oldValue\":\"0.5\",\"newValue\":\"0.6\",\"reason\":\"drift\","
                + "\"approver\":\"board\"}", changes.get(1).get("fields").toString());
        String md = Files.readString(out.resolve("audit.md"));
        assertTrue(md.contains("## Change and decision record") && md.contains("| threshold: 0.5 → 0.6 | drift | board |"),
                md);
        for (JsonNode c : json.get("comparisons")) {
            if (c.get("metric").asText().equals("selectionRate")
                    && c.get("attributes").get("migration").asText().equals("yes")) {
                assertTrue(c.get("ratio").get("value").asDouble() > 1.5,
                        "the postcode profile selects people with a migration background more: " + c);
                assertEquals("FAIL", c.get("fourFifths").get("verdict").asText());
            }
        }

        // The decision log given again as the attribute log, and a keyed log without its key: input errors (exit 2)
        // that say what is wrong, not an audit of everyone as '(missing)' or a stack trace (exit 70).
        Run sameLog = run("audit", "--log", decisions.toString(), "--attributes-log", decisions.toString(),
                "--key-file", keyFile.toString(), "--protected", "migration", "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, sameLog.exit(), sameLog.out() + sameLog.err());
        assertTrue(sameLog.err().contains("holds no PROTECTED_ATTRIBUTES record but " + rows
                + " DECISION records: is it the decision log?"), sameLog.err());
        Run noKey = run("audit", "--log", decisions.toString(), "--attributes-log", attributes.toString(),
                "--protected", "migration", "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, noKey.exit(), noKey.out() + noKey.err());
        assertTrue(noKey.err().contains("the log is keyed (its HEAD says chain=hmac-sha256): give its key with"
                + " --key-file FILE"), noKey.err());
        assertTrue(Files.notExists(dir.resolve("x").resolve("audit.json")), "nothing written");

        // One flipped byte in a payload: verification and audit both refuse, with exit code 3.
        Path segment;
        try (Stream<Path> files = Files.list(decisions)) {
            segment = files.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().findFirst()
                    .orElseThrow();
        }
        String text = Files.readString(segment);
        int at = text.indexOf("\"area\":\"A\"");
        Files.writeString(segment, text.substring(0, at) + "\"area\":\"C\"" + text.substring(at + 10));
        Run tampered = run("verify-log", decisions.toString(), "--key-file", keyFile.toString());
        assertEquals(ExitCodes.INTEGRITY_FAILURE, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("MODIFIED_PAYLOAD"), tampered.out());
        Run refused = run("audit", "--log", decisions.toString(), "--attributes-log", attributes.toString(),
                "--key-file", keyFile.toString(), "--protected", "migration", "--out", out.toString());
        assertEquals(ExitCodes.INTEGRITY_FAILURE, refused.exit());
        assertTrue(refused.err().contains("does not verify"), refused.err());
    }

    @Test
    void logOptionsAreCheckedBeforeAnythingIsRead() throws IOException {
        Run both = run("audit", "--log", dir.toString(), "--input", "x.csv", "--protected", "g", "--out",
                dir.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--log replaces --input"), both.err());
        // without the attribute log every decision would be '(missing)': refused before anything is read
        Run noAttributes = run("audit", "--log", dir.resolve("nope").toString(), "--protected", "g,h", "--out",
                dir.resolve("out").toString());
        assertEquals(2, noAttributes.exit());
        assertTrue(noAttributes.err().contains("--log needs --attributes-log DIR, the log the protected attributes"
                + " (--protected g,h) are recorded in"), noAttributes.err());
        assertTrue(Files.notExists(dir.resolve("out")), "nothing written");
        Path shortKey = dir.resolve("short.key");
        Files.writeString(shortKey, "abcd");
        Run key = run("verify-log", dir.toString(), "--key-file", shortKey.toString());
        assertEquals(2, key.exit());
        assertTrue(key.err().contains("at least 32"), key.err());
        Run missing = run("verify-log", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
    }

    @Test
    void aFolderWithoutALogIsAnInputErrorNotAnEmptyLogThatVerifies() throws IOException {
        Path parent = Files.createDirectory(dir.resolve("logs"));
        Run empty = run("verify-log", parent.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, empty.exit(), empty.out() + empty.err());
        assertTrue(empty.err().contains(parent + ": no decision log there"), empty.err());
        assertEquals("", empty.out());

        // the usual mistake: the folder above the logs
        try (DecisionLog log = DecisionLog.open(parent.resolve("decisions"), LogOptions.builder().build())) {
            log.append(dev.fairaudit.core.log.RecordType.DECISION,
                    new ObjectMapper().createObjectNode().put("decision", true)).join();
        }
        Run above = run("verify-log", parent.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, above.exit(), above.out() + above.err());
        assertTrue(above.err().contains("its subfolder decisions holds one"), above.err());
        Run audit = run("audit", "--log", parent.toString(), "--attributes-log", parent.toString(), "--protected",
                "migration", "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, audit.exit(), audit.out() + audit.err());
        assertTrue(audit.err().contains("no decision log there") && audit.err().contains("decisions holds one"),
                audit.err());
        assertEquals(ExitCodes.SUCCESS, run("verify-log", parent.resolve("decisions").toString()).exit());

        // a file of the log instead of its folder: the folder is named
        Path segment = parent.resolve("decisions").resolve("segment-000001.jsonl");
        Run file = run("verify-log", segment.toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, file.exit(), file.out() + file.err());
        assertTrue(file.err().contains(segment + " is not a folder; it is a file of a decision log: give its"
                + " folder, " + parent.resolve("decisions").toAbsolutePath()), file.err());
        Run auditFile = run("audit", "--log", segment.toString(), "--attributes-log", segment.toString(),
                "--protected", "migration", "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.USAGE_OR_INPUT_ERROR, auditFile.exit(), auditFile.out() + auditFile.err());
        assertTrue(auditFile.err().contains("not a folder; it is a file of a decision log: give its folder"),
                auditFile.err());
        Path other = Files.writeString(dir.resolve("notes.txt"), "x");
        Run plain = run("verify-log", other.toString());
        assertTrue(plain.err().endsWith(other + " is not a folder" + System.lineSeparator()), plain.err());
    }
}
