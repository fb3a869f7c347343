package dev.fairaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairaudit audit --aggregate} and {@code --area-reference} end to end. */
class AggregateAndAreaCommandTest {

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

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aggregateCountsGiveTheUsualDocumentPlusRoundingRanges() throws IOException {
        Path counts = write("counts.csv", "origin,tp,fp,fn,tn\nNL,40,10,20,30\nother,30,.,20,50\n");
        Path out = dir.resolve("out");
        Run r = run("audit", "--aggregate", counts.toString(), "--protected", "origin", "--rounding", "10",
                "--suppressed-max", "9", "--reference", "origin=NL", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertEquals("aggregate-csv", json.get("input").get("format").asText());
        JsonNode other = json.get("groups").get(1);
        assertEquals("other", other.get("attributes").get("origin").asText());
        assertEquals("SUPPRESSED", other.get("falsePositiveRate").get("status").asText());
        assertTrue(other.get("falsePositiveRate").get("numerator").isNull());
        assertTrue(other.get("counts").get("falsePositive").isNull());
        assertEquals(30, other.get("counts").get("truePositive").asDouble(), 0);
        JsonNode rounding = json.get("rounding");
        assertEquals(10, rounding.get("rounding").asInt());
        assertEquals(9, rounding.get("suppressedMax").asInt());
        JsonNode fpr = null;
        for (JsonNode b : rounding.get("rates")) {
            if (b.get("attributes").equals(other.get("attributes"))
                    && b.get("metric").asText().equals("falsePositiveRate")) {
                fpr = b;
            }
        }
        // FP in 0..9, TN = 50 ± 5: FPR in [0/(0+55), 9/(9+45)].
        assertEquals(0.0, fpr.get("lower").asDouble(), 0);
        assertEquals(9.0 / 54, fpr.get("upper").asDouble(), 1e-12);
        assertEquals(List.of(), undocumented(json));
    }

    @Test
    void attributeValueLayoutWithFilterAndZeroMarker() throws IOException {
        Path counts = write("cms.csv", "Dataset,Feature,Feature_Value,TN,FP,FN,TP\n"
                + "Pilot,sex,M,28,41,25,50\nPilot,sex,V,21,51,18,38\nPilot,age,1,0,17,0,15\nTrain,sex,M,1,1,1,1\n");
        Path out = dir.resolve("out");
        Run r = run("audit", "--aggregate", counts.toString(), "--protected", "sex,age", "--attribute-column",
                "Feature", "--value-column", "Feature_Value", "--aggregate-filter", "Dataset=Pilot",
                "--suppressed-values", "0", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        assertTrue(json.get("input").get("warnings").get(0).asText().contains("do not match the filter"));
        // Lighthouse's published FPR for Pilot/BR geslacht=M: 59.4202898550725 %.
        for (JsonNode g : json.get("groups")) {
            if (g.get("attributes").equals(new ObjectMapper().valueToTree(Map.of("sex", "M")))) {
                assertEquals(0.594202898550725, g.get("falsePositiveRate").get("value").asDouble(), 1e-12);
            }
        }
    }

    @Test
    void malformedAggregateRowExitsTwoNamingFileLineColumnAndValue() throws IOException {
        Path counts = write("counts.csv", "origin,selected,not_selected\nNL,20,80\nEU,1O,40\n");
        Run r = run("audit", "--aggregate", counts.toString(), "--protected", "origin", "--out",
                dir.resolve("out").toString());
        assertEquals(2, r.exit());
        assertEquals("fairaudit audit: counts.csv, line 3, column 'selected': value '1O' is not a whole count and "
                + "not a suppression marker [., X, x]", r.err().strip());
    }

    @Test
    void aggregateWithDecisionIsAUsageError() throws IOException {
        Path counts = write("counts.csv", "origin,selected,not_selected\nNL,20,80\n");
        Run r = run("audit", "--aggregate", counts.toString(), "--protected", "origin", "--decision", "x=1",
                "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--aggregate replaces --input/--log, --decision and --label"), r.err());
    }

    @Test
    void areaReferenceAddsTheCompositionAndStatesTheLimitation() throws IOException {
        StringBuilder sb = new StringBuilder("id,sex,pc4,selected\n");
        for (int i = 0; i < 100; i++) {
            String area = i < 50 ? "3511" : i < 98 ? "3512" : "9999";
            boolean selected = i < 40 || i >= 90;
            sb.append(i).append(',').append(i % 2 == 0 ? "F" : "M").append(',').append(area).append(',')
                    .append(selected ? "yes" : "no").append('\n');
        }
        Path decisions = write("decisions.csv", sb.toString());
        Path areas = write("areas.csv", "postcode,nl,eu,neu\n3511,800,100,100\n3512,200,100,700\n3513,.,5,5\n");
        Path out = dir.resolve("out");
        Run r = run("audit", "--input", decisions.toString(), "--protected", "sex", "--decision", "selected=yes",
                "--area-reference", areas.toString(), "--area", "pc4", "--area-key", "postcode", "--area-groups",
                "nl,eu,neu", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Area averages may not describe the people actually assessed"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
        JsonNode area = json.get("areaComposition");
        assertEquals(100, area.get("rows").asInt());
        // 2 decisions without area data: a count below the disclosure threshold (10), so withheld in audit.json.
        assertTrue(area.get("rowsWithoutReference").isNull(), area.toString());
        assertTrue(json.get("document").get("disclosure").get("analysisCells").toString()
                .contains("AREA_WITHOUT_REFERENCE"));
        JsonNode neu = area.get("groups").get(2);
        assertEquals("neu", neu.get("group").asText());
        // Selected with a reference: 40 in 3511 (share 0.1), 8 in 3512 (0.7): (40·0.1 + 8·0.7) / 48 = 0.2.
        assertEquals(0.2, neu.get("selectedShare").asDouble(), 1e-12);
        assertTrue(json.get("warnings").toString().contains("Area averages may not describe"));
        assertEquals(List.of(), undocumented(json));
    }

    @Test
    void areaFlagsWithoutReferenceAreAUsageError() throws IOException {
        Path decisions = write("decisions.csv", "sex,pc4,selected\nF,3511,yes\n");
        Run r = run("audit", "--input", decisions.toString(), "--protected", "sex", "--decision", "selected=yes",
                "--area", "pc4", "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("go with --area-reference"), r.err());
    }

    private static List<String> undocumented(JsonNode json) {
        return AuditJsonKeys.undocumented(json);
    }

}
