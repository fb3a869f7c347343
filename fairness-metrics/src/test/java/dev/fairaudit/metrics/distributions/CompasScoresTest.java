package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COMPAS decile scores (ProPublica's compas-scores-two-years.csv, all 7,214 rows, no filter) against SciPy on the
 * same file (the header repeats decile_score; both copies are equal, Python's csv.DictReader keeps the second,
 * decile_score#2 here). Reference values from Python: rows grouped by race; AUC =
 * scipy.stats.mannwhitneyu(s[y == 1], s[y == 0]).statistic / (n1 * n0) with s = decile_score,
 * y = two_year_recid; scipy.stats.kruskal(*groups) and scipy.stats.f_oneway(*groups, equal_var=False) over the
 * decile scores of the six races. The overall AUC, 0.702, is the figure usually quoted for COMPAS (about 0.70).
 * Skipped when ../shared/datasets is absent.
 */
class CompasScoresTest {

    @Test
    void aucPerRaceAndTestsAcrossRacesMatchSciPy() {
        String root = System.getProperty("fairaudit.datasets");
        Path file = root == null ? null : Path.of(root, "compas", "compas-scores-two-years.csv");
        assumeTrue(file != null && Files.isRegularFile(file),
                "COMPAS scores skipped: ../shared/datasets/compas/compas-scores-two-years.csv not found"
                        + " (system property fairaudit.datasets = " + root + ")");
        TableSpec spec = TableSpec.builder().protectedAttributes("race").decision("score_text=Medium,High")
                .label("two_year_recid=1").score("decile_score#2").numericOutcome("decile_score#2").build();
        DecisionTable table = TableReader.read(file, spec);
        ScoresAndTrends s = new DistributionAudit(AuditSettings.defaults()).run(table, List.of(Grouping.of("race")),
                null, List.of());
        Object[][] expected = {
            {"African-American", 0.6918343812595336}, {"Asian", 0.857487922705314},
            {"Caucasian", 0.6931462744050402}, {"Hispanic", 0.6379257130693913},
            {"Native American", 0.85625}, {"Other", 0.69553494391717}};
        for (Object[] e : expected) {
            GroupKey key = GroupKey.of(List.of("race"), List.of((String) e[0]));
            assertEquals((Double) e[1], s.scores().group(key).orElseThrow().auc().value(), 1e-12, (String) e[0]);
        }
        assertEquals(0.7021662544019724, s.scores().group(GroupKey.OVERALL).orElseThrow().auc().value(), 1e-12);
        assertEquals(4.0, s.scores().overallMedian(), 0); // numpy.median(decile_score)
        assertFalse(s.scores().calibrationApplicable()); // deciles 1..10 are not probabilities
        var t = s.numericOutcomes().test(Grouping.of("race")).orElseThrow();
        assertEquals(754.0575535915405, t.kruskalWallis().statistic(), 1e-7);
        assertEquals(163.67403007621712, t.welchAnova().statistic(), 1e-7);
        assertEquals(9.35595452742425e-53, t.welchAnova().pValue(), 1e-60);
    }
}
