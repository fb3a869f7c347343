package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reads the shipped ProPublica COMPAS file. Expected values are taken from the dataset's README
 * ({@code shared/datasets/compas/README.md}): 7,214 rows, the header repeats {@code decile_score} and
 * {@code priors_count}, and the raw race and sex counts.
 */
class CompasDatasetTest {

    private static Path file;
    private static DecisionTable table;

    /** Skips each test, with a message, when the dataset is not available; loads it once otherwise. */
    @BeforeEach
    void requireDataset() {
        String root = System.getProperty("fairaudit.datasets");
        Assumptions.assumeTrue(root != null && !root.isBlank(),
                "system property fairaudit.datasets is not set (the root pom's surefire configuration sets it to "
                        + "../shared/datasets); skipping the COMPAS dataset test");
        Path candidate = Path.of(root, "compas", "compas-scores-two-years.csv");
        Assumptions.assumeTrue(Files.isRegularFile(candidate), "COMPAS dataset not found at "
                + candidate.toAbsolutePath().normalize() + "; skipping the COMPAS dataset test");
        if (!candidate.equals(file)) {
            table = TableReader.read(candidate, spec().decision("score_text=Medium,High").build());
            file = candidate;
        }
    }

    private static TableSpec.Builder spec() {
        return TableSpec.builder()
                .protectedAttributes("race", "sex")
                .label("two_year_recid=1");
    }

    private static Map<String, Integer> counts(CategoricalColumn c) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int code : c.codes()) {
            counts.merge(c.value(code), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void loadsAllRowsWithRaceSexScoreTextAndTwoYearRecid() {
        assertEquals(7214, table.rowCount());
        TableSource s = table.source();
        assertEquals("compas-scores-two-years.csv", s.fileName());
        assertEquals("csv", s.format());
        assertEquals(7214, s.rowsRead());
        assertEquals(0, s.rowsSkipped());
        assertEquals(List.of("race", "sex"), table.protectedColumns().stream().map(CategoricalColumn::name).toList());
        assertTrue(table.hasLabel());

        OutcomeCoding decision = s.outcomeCodings().get(0);
        assertEquals("score_text=High,Medium", decision.rule());
        assertEquals(7214, decision.positive() + decision.negative());
        assertEquals(0, decision.missing());
        assertTrue(decision.negativeCounts().containsKey("Low"), decision::toString);
        assertEquals(Set.of("Medium", "High"), decision.positiveCounts().keySet());

        OutcomeCoding label = s.outcomeCodings().get(1);
        assertEquals("two_year_recid=1", label.rule());
        assertEquals(Set.of("1"), label.positiveCounts().keySet());
        assertEquals(Set.of("0"), label.negativeCounts().keySet());
        assertEquals(7214, label.positive() + label.negative());
        assertEquals(0, label.missing());
    }

    @Test
    void hashIsOfTheFileAsStored() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2_076_659, bytes.length, "file size from the dataset README");
        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals(expected, table.source().sha256());
    }

    @Test
    void warnsAboutBothRepeatedHeaderNames() {
        List<String> warnings = table.source().warnings();
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'decile_score'") && w.contains("'decile_score#2'")),
                warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("'priors_count'") && w.contains("'priors_count#2'")),
                warnings::toString);
        // Header positions (1-based) of the copies.
        assertTrue(warnings.stream().anyMatch(w -> w.contains("[8, 33]")), warnings::toString);
        assertTrue(warnings.stream().anyMatch(w -> w.contains("[11, 42]")), warnings::toString);
    }

    @Test
    void raceGroupCountsEqualTheReadme() {
        Map<String, Integer> race = counts(table.protectedColumn("race"));
        assertEquals(Map.of("African-American", 3696, "Caucasian", 2454, "Hispanic", 637, "Other", 377,
                "Asian", 32, "Native American", 18), race);
        assertEquals(-1, table.protectedColumn("race").missingCode());
    }

    @Test
    void sexGroupCountsEqualTheReadme() {
        assertEquals(Map.of("Male", 5819, "Female", 1395), counts(table.protectedColumn("sex")));
    }

    @Test
    void repeatedDecileScoreIsAmbiguousAsADecision() {
        TableSpec ambiguous = spec().decision("decile_score>=5").build();
        InputException e = assertThrows(InputException.class, () -> TableReader.read(file, ambiguous));
        assertEquals("decile_score", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
        // decile_score is the 8th and the 33rd header field.
        assertTrue(e.getMessage().contains("positions [8, 33]"), e.getMessage());
        assertTrue(e.getMessage().contains("decile_score#1"), e.getMessage());
    }

    @Test
    void firstCopyOfDecileScoreWorksAsADecision() {
        DecisionTable t = TableReader.read(file, spec().decision("decile_score#1>=5").score("decile_score#1")
                .build());
        assertEquals(7214, t.rowCount());
        OutcomeCoding decision = t.source().outcomeCodings().get(0);
        assertEquals("decile_score#1>=5", decision.rule());
        assertEquals(7214, decision.positive() + decision.negative());
        for (int row = 0; row < t.rowCount(); row++) {
            double score = t.score(row);
            assertTrue(score >= 1 && score <= 10, "decile scores are 1-10 per the README");
            assertEquals(score >= 5, t.selected(row));
        }
    }
}
