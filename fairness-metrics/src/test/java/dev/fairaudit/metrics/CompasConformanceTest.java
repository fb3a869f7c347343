package dev.fairaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.counts.GroupKey;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conformance with ProPublica's "Machine Bias" analysis of COMPAS (Broward County). With their filter
 * (-30 <= days_b_screening_arrest <= 30, is_recid != -1, c_charge_degree != 'O', score_text != 'N/A', rows
 * without days_b_screening_arrest dropped; 6,172 rows), decision = score_text in {Medium, High} and
 * label = two_year_recid, the published false positive rates are 0.423 (African-American) and 0.220
 * (Caucasian); the dataset README gives the filtered group sizes. Skipped when ../shared/datasets is absent.
 */
class CompasConformanceTest {

    private static Path filtered;

    @BeforeAll
    static void filter(@TempDir Path dir) throws IOException {
        String root = System.getProperty("fairaudit.datasets");
        Path source = root == null ? null : Path.of(root, "compas", "compas-scores-two-years.csv");
        assumeTrue(source != null && Files.isRegularFile(source),
                "COMPAS conformance skipped: ../shared/datasets/compas/compas-scores-two-years.csv not found"
                        + " (system property fairaudit.datasets = " + root + ")");
        filtered = dir.resolve("compas-propublica-filter.csv");
        CsvMapper csv = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> it = csv.readerFor(String[].class).readValues(source.toFile());
             Writer out = Files.newBufferedWriter(filtered, StandardCharsets.UTF_8)) {
            String[] header = it.next();
            List<String> names = List.of(header);
            int days = names.indexOf("days_b_screening_arrest");
            int isRecid = names.indexOf("is_recid");
            int degree = names.indexOf("c_charge_degree");
            int scoreText = names.indexOf("score_text");
            var writer = csv.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(out);
            writer.write(header);
            while (it.hasNext()) {
                String[] row = it.next();
                if (row[days].isEmpty()) {
                    continue;
                }
                double d = Double.parseDouble(row[days]);
                if (d < -30 || d > 30 || row[isRecid].equals("-1") || row[degree].equals("O")
                        || row[scoreText].equals("N/A")) {
                    continue;
                }
                writer.write(row);
            }
            writer.close();
        }
    }

    private static AuditResult audit() {
        TableSpec spec = TableSpec.builder().protectedAttributes("race", "sex")
                .decision("score_text=Medium,High").label("two_year_recid=1").build();
        DecisionTable table = TableReader.read(filtered, spec);
        return new GroupAudit(AuditSettings.builder().reference("race", "Caucasian")
                .favourable(Favourable.NOT_SELECTED).build()).run(table);
    }

    @Test
    void filteredPopulationMatchesTheDatasetReadme() {
        AuditResult r = audit();
        assertEquals(6172, r.overall().rows());
        Map<String, Long> expected = Map.of("African-American", 3175L, "Caucasian", 2103L, "Hispanic", 509L,
                "Other", 343L, "Asian", 31L, "Native American", 11L);
        expected.forEach((race, n) -> assertEquals(n, r.group(new GroupKey(Map.of("race", race))).orElseThrow()
                .rows(), race));
        assertEquals(4997, r.group(new GroupKey(Map.of("sex", "Male"))).orElseThrow().rows());
        assertEquals(1175, r.group(new GroupKey(Map.of("sex", "Female"))).orElseThrow().rows());
    }

    @Test
    void reproducesProPublicasFalsePositiveRates() {
        AuditResult r = audit();
        double black = r.group(new GroupKey(Map.of("race", "African-American"))).orElseThrow()
                .metric(Metric.FALSE_POSITIVE_RATE).value();
        double white = r.group(new GroupKey(Map.of("race", "Caucasian"))).orElseThrow()
                .metric(Metric.FALSE_POSITIVE_RATE).value();
        assertEquals(0.423, black, 0.0005);
        assertEquals(0.220, white, 0.0005);
        ComparisonResult c = r.comparison(new GroupKey(Map.of("race", "African-American")),
                Metric.FALSE_POSITIVE_RATE).orElseThrow();
        assertEquals(black / white, c.ratio().value(), 1e-12);
        assertEquals(Status.OK, c.status());
        assertEquals("group", r.comparison(new GroupKey(Map.of("race", "African-American")),
                Metric.SELECTION_RATE).orElseThrow().fourFifths().disadvantaged());
    }
}
