package dev.fairaudit.metrics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fairaudit.core.table.AggregateReader;
import dev.fairaudit.core.table.AggregateSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.counts.GroupKey;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CBS table DUO and Algorithm Audit published for the college-grant control
 * ({@code shared/datasets/nl-duo-cub/DUO_CUB_Netherlands_Statistics.xlsx}, sheet "Table 1": students in the
 * grant population on 1 February 2014, counts rounded to tens by CBS). Rows "Selected for control: yes" and
 * "Selected for control: no", columns "Country of origin: NL / Europe (excl. NL) / Outside Europe", are turned
 * into an aggregate CSV (in a temporary folder; nothing from the dataset is committed) and audited with
 * {@code --rounding 10}. Expected values are computed by hand from the published cells. Skipped when the
 * dataset is absent.
 */
class DuoCubConformanceTest {

    @TempDir
    Path dir;

    /** Sheet "Table 1" as rows of cell texts by column letter. */
    private static List<Map<String, String>> table1(Path xlsx) throws Exception {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            List<String> shared = new ArrayList<>();
            NodeList si = parse(zip, "xl/sharedStrings.xml").getElementsByTagName("si");
            for (int i = 0; i < si.getLength(); i++) {
                NodeList t = ((Element) si.item(i)).getElementsByTagName("t");
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < t.getLength(); k++) {
                    sb.append(t.item(k).getTextContent());
                }
                shared.add(sb.toString());
            }
            for (int s = 1; s <= 13; s++) {
                Document d = parse(zip, "xl/worksheets/sheet" + s + ".xml");
                List<Map<String, String>> rows = new ArrayList<>();
                NodeList rs = d.getElementsByTagName("row");
                for (int i = 0; i < rs.getLength(); i++) {
                    Map<String, String> row = new HashMap<>();
                    NodeList cs = ((Element) rs.item(i)).getElementsByTagName("c");
                    for (int k = 0; k < cs.getLength(); k++) {
                        Element c = (Element) cs.item(k);
                        NodeList v = c.getElementsByTagName("v");
                        if (v.getLength() == 0) {
                            continue;
                        }
                        String text = v.item(0).getTextContent();
                        String col = c.getAttribute("r").replaceAll("[0-9]", "");
                        row.put(col, "s".equals(c.getAttribute("t")) ? shared.get(Integer.parseInt(text)) : text);
                    }
                    rows.add(row);
                }
                if (!rows.isEmpty() && "Table 1".equals(rows.get(0).get("A"))) {
                    return rows;
                }
            }
        }
        throw new IllegalStateException("no sheet 'Table 1'");
    }

    private static Document parse(ZipFile zip, String name) throws Exception {
        ZipEntry e = zip.getEntry(name);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = zip.getInputStream(e)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String category) {
        return rows.stream().filter(r -> category.equals(r.get("B"))).findFirst().orElseThrow();
    }

    @Test
    void selectionRatesByOriginWithTheRangeThatRoundingToTensLeaves() throws Exception {
        String root = System.getProperty("fairaudit.datasets");
        Path xlsx = root == null ? null : Path.of(root, "nl-duo-cub", "DUO_CUB_Netherlands_Statistics.xlsx");
        assumeTrue(xlsx != null && Files.isRegularFile(xlsx), "DUO CUB conformance skipped: ../shared/datasets/"
                + "nl-duo-cub/DUO_CUB_Netherlands_Statistics.xlsx not found (system property fairaudit.datasets = "
                + root + ")");
        List<Map<String, String>> rows = table1(xlsx);
        Map<String, String> yes = row(rows, "Selected for control: yes");
        Map<String, String> no = row(rows, "Selected for control: no");
        // Columns F, G, H: country of origin NL, Europe (excl. NL), outside Europe.
        StringBuilder csv = new StringBuilder("origin,selected,not_selected\n");
        String[][] origins = {{"NL", "F"}, {"Europe", "G"}, {"Outside Europe", "H"}};
        for (String[] o : origins) {
            csv.append(o[0]).append(',').append(yes.get(o[1])).append(',').append(no.get(o[1])).append('\n');
        }
        Path f = dir.resolve("duo-2014-selected.csv");
        Files.writeString(f, csv);
        AuditResult r = AggregateAudit.run(AggregateReader.read(f, AggregateSpec.groupColumns(List.of("origin"))
                .withRounding(10)), AuditSettings.builder().reference("origin", "NL").build());

        GroupKey nl = new GroupKey(Map.of("origin", "NL"));
        GroupKey outside = new GroupKey(Map.of("origin", "Outside Europe"));
        // Published cells (Table 1, rows 307/308): NL 1050 selected, 177160 not; outside Europe 2010, 52810.
        assertEquals(1050.0 / 178210, r.group(nl).orElseThrow().metric(Metric.SELECTION_RATE).value(), 1e-15);
        assertEquals(2010.0 / 54820, r.group(outside).orElseThrow().metric(Metric.SELECTION_RATE).value(), 1e-15);
        // Each count ±5: NL in [1045/(1045+177165), 1055/(1055+177155)], outside Europe in
        // [2005/(2005+52815), 2015/(2015+52805)].
        RoundingAnalysis a = r.aggregateAnalyses().rounding();
        RateBounds bNl = a.rates().stream().filter(b -> b.group().equals(nl) && b.metric() == Metric.SELECTION_RATE)
                .findFirst().orElseThrow();
        assertEquals(0.005863868469782841, bNl.lower(), 1e-15);
        assertEquals(0.0059199820436563605, bNl.upper(), 1e-15);
        ComparisonBounds ratio = a.comparisons().stream().filter(c -> c.group().equals(outside)
                && c.metric() == Metric.SELECTION_RATE).findFirst().orElseThrow();
        // Students of non-European origin were selected 6.22 times as often as students of Dutch origin; the
        // rounding allows 6.178 to 6.268 (Python: (2005/54820)/(1055/178210), (2015/54820)/(1045/178210)).
        assertEquals(6.222999947881378, r.comparison(outside, Metric.SELECTION_RATE).orElseThrow().ratio().value(),
                1e-12);
        assertEquals(6.178100323160158, ratio.ratioLower(), 1e-12);
        assertEquals(6.268329234083184, ratio.ratioUpper(), 1e-12);
    }
}
