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

/** {@code fairaudit audit --features}: proxies and conditional disparity in audit.json. */
class ProxyAuditCommandTest {

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

    /** 1000 rows: postcode tied to the group (planted proxy), income and colour neutral, selection by postcode. */
    private Path decisions() throws IOException {
        SplittableRandom r = new SplittableRandom(4);
        StringBuilder sb = new StringBuilder("id,origin,postcode,income,colour,selected\n");
        for (int i = 0; i < 1000; i++) {
            boolean minority = r.nextDouble() < 0.3;
            int postcode = minority && r.nextDouble() < 0.8 ? r.nextInt(5) : r.nextInt(20);
            boolean selected = r.nextDouble() < (postcode < 5 ? 0.4 : 0.1);
            sb.append(i).append(',').append(minority ? "minority" : "majority").append(',').append(3000 + postcode)
                    .append(',').append(20_000 + r.nextInt(50_000)).append(',')
                    .append(List.of("red", "blue", "green").get(r.nextInt(3))).append(',').append(selected ? 1 : 0)
                    .append('\n');
        }
        Path file = dir.resolve("decisions.csv");
        Files.writeString(file, sb);
        return file;
    }

    @Test
    void featuresAddProxiesAndConditionalDisparity() throws IOException {
        Path out = dir.resolve("out");
        Run run = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=1", "--features", "postcode,colour", "--numeric-features", "income", "--out",
                out.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        // The strongest finding involves the postcode (alone, or in a pair, which then carries the same signal).
        assertTrue(mentions(json.get("proxies").get(0), "postcode"), json.get("proxies").get(0).toString());
        assertEquals(1, json.get("proxies").get(0).get("rank").asInt());
        JsonNode postcode = null;
        boolean pairSeen = false;
        for (JsonNode p : json.get("proxies")) {
            pairSeen |= p.has("features");
            if (p.path("feature").asText().equals("postcode")) {
                postcode = p;
            }
            if (!mentions(p, "postcode")) {
                assertFalse(p.get("flagged").asBoolean(), p.toString());
            }
        }
        assertEquals("origin", postcode.get("attribute").asText());
        assertTrue(postcode.get("flagged").asBoolean());
        assertEquals(1000, postcode.get("n").asInt());
        assertTrue(postcode.get("auc").get("value").asDouble() > 0.7, postcode.toString());
        assertEquals("OK", postcode.get("cramersV").get("status").asText());
        assertTrue(postcode.get("pValue").asDouble() < 1e-6);
        assertEquals("income", json.get("proxyScreening").get("numericFeatures").get(0).asText());
        assertTrue(pairSeen, "pairs are screened");
        JsonNode byPostcode = null;
        for (JsonNode d : json.get("conditionalDisparity")) {
            if (d.get("feature").asText().equals("postcode")) {
                byPostcode = d;
            }
        }
        assertEquals("minority", byPostcode.get("group").asText());
        assertEquals("majority", byPostcode.get("reference").asText());
        assertTrue(byPostcode.get("crudeOddsRatio").get("value").asDouble() > 1.5, byPostcode.toString());
        assertEquals("robins-breslow-greenland",
                byPostcode.get("mantelHaenszelOddsRatio").get("ci95").get("method").asText());
        assertEquals("cochran-mantel-haenszel-corrected", byPostcode.get("cmh").get("test").asText());
        assertEquals("bh", json.get("proxyScreening").get("settings").get("pValueAdjustment").asText());
        // No feature values or cell counts are written.
        assertFalse(Files.readString(out.resolve("audit.json")).contains("3001"));
    }

    @Test
    void everyProxyKeyIsDocumentedInTheSchema() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=1", "--features", "postcode,colour", "--numeric-features", "income", "--out",
                out.toString()).exit());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        List<String> sections = List.of("proxyScreening", "proxies", "conditionalDisparity");
        sections.forEach(section -> assertTrue(json.has(section), section));
        JsonNode proxySections = ((com.fasterxml.jackson.databind.node.ObjectNode) json.deepCopy()).retain(sections);
        assertEquals(List.of(), AuditJsonKeys.undocumented(proxySections),
                "keys of audit.json missing from docs/audit-json.md");
        Path root = Path.of(System.getProperty("fairaudit.root", "."));
        assertTrue(Files.exists(root.resolve("docs/proxies.md")));
    }

    @Test
    void numericFeatureWithTextIsAnInputError() throws IOException {
        Run run = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=1", "--numeric-features", "colour", "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("'colour'") && run.err().contains("not a finite number"), run.err());
    }

    @Test
    void missingFeatureColumnIsAnInputError() throws IOException {
        Run run = run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=1", "--features", "nosuchcolumn", "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("nosuchcolumn"), run.err());
    }

    @Test
    void withoutFeaturesThereAreNoProxySections() throws IOException {
        Path out = dir.resolve("out");
        assertEquals(0, run("audit", "--input", decisions().toString(), "--protected", "origin", "--decision",
                "selected=1", "--out", out.toString()).exit());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertFalse(json.has("proxies") || json.has("conditionalDisparity") || json.has("proxyScreening"));
    }

    private static boolean mentions(JsonNode finding, String feature) {
        if (finding.has("feature")) {
            return finding.get("feature").asText().equals(feature);
        }
        for (JsonNode f : finding.get("features")) {
            if (f.asText().equals(feature)) {
                return true;
            }
        }
        return false;
    }

}
