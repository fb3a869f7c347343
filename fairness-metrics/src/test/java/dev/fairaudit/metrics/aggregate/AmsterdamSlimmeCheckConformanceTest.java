package dev.fairaudit.metrics.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fairaudit.core.table.AggregateReader;
import dev.fairaudit.core.table.AggregateSpec;
import dev.fairaudit.core.table.AggregateTable;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.counts.GroupKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The City of Amsterdam's published "Slimme Check" confusion matrices per group
 * ({@code shared/datasets/nl-amsterdam-slimme-check/slimme_check_confusion_matrices_counts.csv}, a pivot of the
 * city's {@code 20240308_CMs_LHR_SlimmeCheck.xlsx}) against the rates Lighthouse Reports published from them
 * ({@code lighthouse_cms_wide.csv}, from {@code Lighthouse-Reports/amsterdam_fairness} at 3f2e126,
 * {@code bias_analysis/output/cms_wide.csv}: columns FPR, PPV, STAT_PAR in percent). The city replaced cells
 * under 10 by 0, so 0 is read as "suppressed" with no known bound (the city's README: a second-smallest cell
 * may have been reduced too). Lighthouse's "TrainTest" rows are the city's TrainingTrain and TrainingTest
 * counts added together (e.g. BR, geslacht=M: 1698 + 302 = 2000 = group_size), so they are reproduced by
 * merging the two tables' count states. Skipped when the dataset is absent.
 */
class AmsterdamSlimmeCheckConformanceTest {

    private static final List<String> FEATURES = List.of("geslacht", "IsNederlands", "IsWesters", "Leeftijd<30",
            "Leeftijd<40", "Leeftijd<50", "IsFulltimeParent", "IsParttimeParent");

    private static Path counts;
    private static List<Map<String, String>> lighthouse;

    @BeforeAll
    static void locate() throws IOException {
        String root = System.getProperty("fairaudit.datasets");
        Path d = root == null ? null : Path.of(root, "nl-amsterdam-slimme-check");
        assumeTrue(d != null && Files.isRegularFile(d.resolve("slimme_check_confusion_matrices_counts.csv"))
                && Files.isRegularFile(d.resolve("lighthouse_cms_wide.csv")),
                "Amsterdam Slimme Check conformance skipped: ../shared/datasets/nl-amsterdam-slimme-check not found"
                        + " (system property fairaudit.datasets = " + root + ")");
        counts = d.resolve("slimme_check_confusion_matrices_counts.csv");
        List<String> lines = Files.readAllLines(d.resolve("lighthouse_cms_wide.csv"));
        List<String> header = split(lines.get(0));
        lighthouse = lines.subList(1, lines.size()).stream().map(l -> {
            List<String> f = split(l);
            Map<String, String> m = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), f.get(i));
            }
            return m;
        }).toList();
    }

    /** The Lighthouse file quotes strings and has no commas inside values. */
    private static List<String> split(String line) {
        return Arrays.stream(line.split(",", -1)).map(s -> s.replace("\"", "").replace("&lt;", "<")).toList();
    }

    private static AggregateTable read(String dataset, String model) {
        AggregateSpec spec = new AggregateSpec(FEATURES, "Feature", "Feature_Value", Map.of(),
                Map.of("Dataset", dataset, "Model", model), Set.of("0"), 1, null);
        return AggregateReader.read(counts, spec);
    }

    private static AuditResult audit(String lighthouseDataset, String model) {
        AuditSettings settings = AuditSettings.builder().build();
        if (lighthouseDataset.equals("TrainTest")) {
            AggregateTable train = read("TrainingTrain", model);
            AggregateTable test = read("TrainingTest", model);
            PublishedCounts merged = PublishedCounts.of(train).merge(PublishedCounts.of(test));
            return AggregateAudit.run(merged, 1, null, settings, train.source(), List.of());
        }
        return AggregateAudit.run(read(lighthouseDataset, model), settings);
    }

    @Test
    void ratesMatchLighthouseWhereDefinedAndAreSuppressedWhereACellWasZeroed() {
        Map<String, AuditResult> runs = new HashMap<>();
        Map<Metric, String> columns = Map.of(Metric.FALSE_POSITIVE_RATE, "FPR", Metric.POSITIVE_PREDICTIVE_VALUE,
                "PPV", Metric.SELECTION_RATE, "STAT_PAR");
        Map<Metric, int[]> tally = new HashMap<>();
        for (Map<String, String> row : lighthouse) {
            String key = row.get("Dataset") + "/" + row.get("Model");
            AuditResult r = runs.computeIfAbsent(key, k -> audit(row.get("Dataset"), row.get("Model")));
            GroupResult g = r.group(new GroupKey(Map.of(row.get("Feature"), row.get("Feature_Value")))).orElseThrow();
            columns.forEach((m, column) -> {
                MetricValue v = g.metric(m);
                int[] t = tally.computeIfAbsent(m, x -> new int[3]);
                String published = row.get(column);
                if (v.status() == Status.OK && !published.equals("NA")) {
                    assertEquals(Double.parseDouble(published), 100 * v.value(), 1e-9, key + " " + g.group().label()
                            + " " + m.key());
                    t[0]++;
                } else if (v.status() == Status.SUPPRESSED) {
                    t[1]++;
                } else {
                    t[2]++;
                }
            });
        }
        // Counted independently in Python over the same two files: a rate is defined when none of the cells in
        // its denominator is 0 in any of the tables behind the row; then it equals Lighthouse's figure (88 rows).
        // PPV is defined for Pilot Leeftijd<30=1 (TP 15, FP 17; TN, FN suppressed) in BR and AR, where
        // Lighthouse left the whole group out (NA): 74 equal, 12 suppressed, 2 defined only here.
        // Python: for each Lighthouse row, sum TN/FP/FN/TP over its tables; defined = all(cell > 0 for every
        // table and every denominator cell); compare 100 * num / den with the published column to 1e-9.
        assertEquals(List.of(74, 14, 0), List.of(tally.get(Metric.FALSE_POSITIVE_RATE)[0],
                tally.get(Metric.FALSE_POSITIVE_RATE)[1], tally.get(Metric.FALSE_POSITIVE_RATE)[2]));
        assertEquals(List.of(74, 12, 2), List.of(tally.get(Metric.POSITIVE_PREDICTIVE_VALUE)[0],
                tally.get(Metric.POSITIVE_PREDICTIVE_VALUE)[1], tally.get(Metric.POSITIVE_PREDICTIVE_VALUE)[2]));
        assertEquals(List.of(74, 14, 0), List.of(tally.get(Metric.SELECTION_RATE)[0],
                tally.get(Metric.SELECTION_RATE)[1], tally.get(Metric.SELECTION_RATE)[2]));
    }

    @Test
    void zeroedCellsAreSuppressedNotZero() {
        // Pilot, BR, Leeftijd<30 = 1: TN 0, FP 17, FN 0, TP 15. Taking the zeros at face value gives an FPR of
        // 17/17 = 100%; the cells are suppressed, so the FPR is unknown.
        AuditResult r = audit("Pilot", "BR");
        GroupResult g = r.group(new GroupKey(Map.of("Leeftijd<30", "1"))).orElseThrow();
        assertEquals(Status.SUPPRESSED, g.metric(Metric.FALSE_POSITIVE_RATE).status());
        assertEquals(15.0 / 32, g.metric(Metric.POSITIVE_PREDICTIVE_VALUE).value(), 1e-12);
        // IsWesters = 0 is wholly suppressed (all four cells 0).
        GroupResult w = r.group(new GroupKey(Map.of("IsWesters", "0"))).orElseThrow();
        for (Metric m : Metric.values()) {
            assertEquals(Status.SUPPRESSED, w.metric(m).status(), m.key());
        }
    }
}
