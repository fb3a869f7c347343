package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionTableBuilderTest {

    /** Layout: race, sex, decision (score_text), label (recid). */
    private static TableSpec.Builder compasLike() {
        return TableSpec.builder()
                .protectedAttributes("race", "sex")
                .decision("score_text=Medium,High")
                .label("recid=1");
    }

    private static String[] row(String... values) {
        return values;
    }

    @Test
    void layoutIsProtectedThenDecisionThenLabelThenOptionalThenFeatures() {
        TableSpec spec = TableSpec.builder().protectedAttributes("a", "b").decision("d=1").label("l=1")
                .score("s").route("r").timestamp("t").weight("w").features("f1", "f2").build();
        assertEquals(List.of("a", "b", "d", "l", "s", "r", "t", "w", "f1", "f2"),
                DecisionTable.builder(spec).layout());
    }

    @Test
    void dictionaryCodesFollowFirstAppearance() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        b.addRow(row("Caucasian", "Male", "Low", "0"), 2);
        b.addRow(row("African-American", "Female", "High", "1"), 3);
        b.addRow(row("Caucasian", "Female", "Medium", "0"), 4);
        b.addRow(row("Asian", "Male", "Low", "1"), 5);
        b.addRow(row("African-American", "Male", "Low", "0"), 6);
        DecisionTable t = b.build();

        CategoricalColumn race = t.protectedColumn("race");
        assertEquals(List.of("Caucasian", "African-American", "Asian"), race.dictionary());
        assertArrayEquals(new int[] {0, 1, 0, 2, 1}, race.codes());
        assertEquals(-1, race.missingCode());
        assertEquals(3, race.cardinality());
        assertEquals(5, race.size());
        assertEquals("Asian", race.value(2));
        assertEquals(1, race.codeOf("African-American").orElseThrow());
        assertTrue(race.codeOf("Other").isEmpty());

        CategoricalColumn sex = t.protectedColumns().get(1);
        assertEquals("sex", sex.name());
        assertEquals(List.of("Male", "Female"), sex.dictionary());
        assertArrayEquals(new int[] {0, 1, 1, 0, 0}, sex.codes());
    }

    @Test
    void sameRowsInSameOrderGiveEqualColumns() {
        TableSpec spec = compasLike().build();
        DecisionTable.Builder b1 = DecisionTable.builder(spec);
        DecisionTable.Builder b2 = DecisionTable.builder(spec);
        for (String[] r : List.of(row("x", "m", "Low", "0"), row("y", "f", "High", "1"), row("x", "f", "Low", ""))) {
            b1.addRow(r.clone(), 1);
            b2.addRow(r.clone(), 1);
        }
        assertEquals(b1.build().protectedColumns(), b2.build().protectedColumns());
    }

    @Test
    void decisionAndLabelAreCoded() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        b.addRow(row("a", "m", "Low", "0"), 2);
        b.addRow(row("a", "m", "Medium", "1"), 3);
        b.addRow(row("a", "m", "High", "0"), 4);
        DecisionTable t = b.build();
        assertEquals(3, t.rowCount());
        assertFalse(t.selected(0));
        assertTrue(t.selected(1));
        assertTrue(t.selected(2));
        assertTrue(t.hasLabel());
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(0));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(1));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(2));
    }

    @Test
    void missingProtectedValueBecomesTheMissingGroup() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        b.addRow(row("a", "m", "Low", "0"), 2);
        b.addRow(row("", "m", "Low", "0"), 3);
        b.addRow(row(null, "f", "Low", "0"), 4);
        b.addRow(row("b", "f", "Low", "0"), 5);
        CategoricalColumn race = b.build().protectedColumn("race");
        assertEquals(List.of("a", TableSpec.DEFAULT_MISSING_GROUP, "b"), race.dictionary());
        assertEquals("(missing)", TableSpec.DEFAULT_MISSING_GROUP);
        assertEquals(1, race.missingCode());
        assertArrayEquals(new int[] {0, 1, 1, 2}, race.codes());
    }

    @Test
    void customMissingGroupNameAndMissingValues() {
        TableSpec spec = compasLike().missingGroup("not recorded").missingValues(Set.of("NA", "?")).build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("NA", "m", "Low", "0"), 2);
        b.addRow(row("a", "?", "Low", "0"), 3);
        b.addRow(row("", "m", "Low", "0"), 4); // "" is not missing once missingValues is replaced
        DecisionTable t = b.build();
        CategoricalColumn race = t.protectedColumn("race");
        assertEquals(List.of("not recorded", "a", ""), race.dictionary());
        assertEquals(0, race.missingCode());
        CategoricalColumn sex = t.protectedColumn("sex");
        assertEquals(List.of("m", "not recorded"), sex.dictionary());
        assertEquals(1, sex.missingCode());
    }

    @Test
    void missingLabelIsUnknownNeverNegative() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        b.addRow(row("a", "m", "Low", ""), 2);
        b.addRow(row("a", "m", "High", null), 3);
        b.addRow(row("a", "m", "High", "0"), 4);
        DecisionTable t = b.build();
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(0));
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(1));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(2));
        OutcomeCoding label = t.source().outcomeCodings().get(1);
        assertEquals("label", label.role());
        assertEquals(2, label.missing());
        assertEquals(1, label.negative());
        assertEquals(0, label.positive());
    }

    @Test
    void withoutLabelColumnEveryLabelIsUnknown() {
        DecisionTable.Builder b = DecisionTable.builder(
                TableSpec.builder().protectedAttributes("g").decision("d=1").build());
        b.addRow(row("a", "1"), 2);
        DecisionTable t = b.build();
        assertFalse(t.hasLabel());
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(0));
        assertEquals(1, t.source().outcomeCodings().size());
    }

    @Test
    void missingDecisionIsAnErrorNamingLineAndColumn() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build()).fileName("people.csv");
        b.addRow(row("a", "m", "Low", "0"), 2);
        InputException e = assertThrows(InputException.class, () -> b.addRow(row("a", "m", "", "0"), 17));
        assertEquals("people.csv", e.file());
        assertEquals(17, e.line());
        assertEquals("score_text", e.column().orElseThrow());
        assertTrue(e.getMessage().startsWith("people.csv, line 17, column 'score_text': "), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void nonNumericValueUnderThresholdRuleIsAnError() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("decile>=5").build();
        DecisionTable.Builder b = DecisionTable.builder(spec).fileName("f.csv");
        InputException e = assertThrows(InputException.class, () -> b.addRow(row("a", "high"), 4));
        assertEquals(4, e.line());
        assertEquals("decile", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("'high'"), e.getMessage());
        assertTrue(e.getMessage().contains("decile>=5"), e.getMessage());
    }

    @Test
    void nonNumericLabelUnderThresholdRuleIsAnError() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").label("days<730").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        InputException e = assertThrows(InputException.class, () -> b.addRow(row("a", "1", "soon"), 9));
        assertEquals(9, e.line());
        assertEquals("days", e.column().orElseThrow());
    }

    @Test
    void thresholdRuleCodesNumbers() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("decile>=5").label("days<730")
                .build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("a", "4", "730"), 2);
        b.addRow(row("a", "5", "729.5"), 3);
        b.addRow(row("a", "10", ""), 4);
        DecisionTable t = b.build();
        assertFalse(t.selected(0));
        assertTrue(t.selected(1));
        assertTrue(t.selected(2));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(0));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(1));
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(2));
        OutcomeCoding decision = t.source().outcomeCodings().get(0);
        assertEquals("decile>=5", decision.rule());
        assertEquals(2, decision.positive());
        assertEquals(1, decision.negative());
        assertTrue(decision.positiveCounts().isEmpty());
        assertTrue(decision.negativeCounts().isEmpty());
    }

    @Test
    void negativeWeightIsAnError() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").weight("w").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("a", "1", "0"), 2);
        b.addRow(row("a", "1", "2.5"), 3);
        InputException e = assertThrows(InputException.class, () -> b.addRow(row("a", "1", "-0.5"), 4));
        assertEquals(4, e.line());
        assertEquals("w", e.column().orElseThrow());
        assertTrue(e.getMessage().contains("'-0.5'"), e.getMessage());
        DecisionTable t = b.build();
        assertTrue(t.hasWeight());
        assertEquals(0.0, t.weight(0));
        assertEquals(2.5, t.weight(1));
    }

    @Test
    void missingOrNonFiniteWeightIsAnError() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").weight("w").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        assertThrows(InputException.class, () -> b.addRow(row("a", "1", ""), 2));
        assertThrows(InputException.class, () -> b.addRow(row("a", "1", "Infinity"), 3));
        assertThrows(InputException.class, () -> b.addRow(row("a", "1", "NaN"), 4));
        assertThrows(InputException.class, () -> b.addRow(row("a", "1", "heavy"), 5));
    }

    @Test
    void withoutWeightColumnEveryWeightIsOne() {
        DecisionTable.Builder b = DecisionTable.builder(
                TableSpec.builder().protectedAttributes("g").decision("d=1").build());
        b.addRow(row("a", "0"), 2);
        DecisionTable t = b.build();
        assertFalse(t.hasWeight());
        assertEquals(1.0, t.weight(0));
    }

    @Test
    void scoreIsParsedAndMissingScoreIsNaN() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").score("s").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("a", "1", "0.75"), 2);
        b.addRow(row("a", "0", ""), 3);
        InputException e = assertThrows(InputException.class, () -> b.addRow(row("a", "0", "lots"), 4));
        assertEquals("s", e.column().orElseThrow());
        DecisionTable t = b.build();
        assertTrue(t.hasScore());
        assertEquals(0.75, t.score(0));
        assertTrue(Double.isNaN(t.score(1)));
    }

    @Test
    void routeAndFeaturesAreDictionaryEncoded() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").route("r").features("f")
                .build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("a", "1", "RANDOM", "x"), 2);
        b.addRow(row("a", "0", "PROFILE", ""), 3);
        b.addRow(row("a", "0", "RANDOM", "y"), 4);
        DecisionTable t = b.build();
        CategoricalColumn route = t.route().orElseThrow();
        assertEquals(List.of("RANDOM", "PROFILE"), route.dictionary());
        assertArrayEquals(new int[] {0, 1, 0}, route.codes());
        CategoricalColumn f = t.features().get(0);
        assertEquals(List.of("x", "(missing)", "y"), f.dictionary());
        assertEquals(1, f.missingCode());
    }

    @Test
    void badRowAddsNothingToAnyColumn() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g", "h").decision("d=1").label("l>=1")
                .score("s").route("r").timestamp("t").weight("w").features("f").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("g1", "h1", "1", "0", "0.5", "RANDOM", "2024-01-01", "1", "f1"), 2);
        // Each bad row fails on a different, late column; its earlier values are new categories.
        List<String[]> bad = List.of(
                row("NEW", "NEW", "", "0", "0.5", "NEW", "2024-01-01", "1", "NEW"),
                row("NEW", "NEW", "1", "x", "0.5", "NEW", "2024-01-01", "1", "NEW"),
                row("NEW", "NEW", "1", "0", "x", "NEW", "2024-01-01", "1", "NEW"),
                row("NEW", "NEW", "1", "0", "0.5", "NEW", "yesterday", "1", "NEW"),
                row("NEW", "NEW", "1", "0", "0.5", "NEW", "2024-01-01", "-1", "NEW"));
        for (String[] r : bad) {
            assertThrows(InputException.class, () -> b.addRow(r, 3));
        }
        b.addRow(row("g2", "h1", "0", "1", "", "PROFILE", "", "2", "f2"), 4);
        DecisionTable t = b.build();
        assertEquals(2, t.rowCount());
        assertEquals(List.of("g1", "g2"), t.protectedColumn("g").dictionary());
        assertEquals(List.of("h1"), t.protectedColumn("h").dictionary());
        assertEquals(List.of("RANDOM", "PROFILE"), t.route().orElseThrow().dictionary());
        assertEquals(List.of("f1", "f2"), t.features().get(0).dictionary());
        assertTrue(t.selected(0));
        assertFalse(t.selected(1));
        assertEquals(DecisionTable.LABEL_NEGATIVE, t.label(0));
        assertEquals(DecisionTable.LABEL_POSITIVE, t.label(1));
        assertEquals(0.5, t.score(0));
        assertTrue(Double.isNaN(t.score(1)));
        assertEquals(1.0, t.weight(0));
        assertEquals(2.0, t.weight(1));
        assertEquals(DecisionTable.NO_TIMESTAMP, t.timestampMillis(1));
        OutcomeCoding decision = t.source().outcomeCodings().get(0);
        assertEquals(1, decision.positive());
        assertEquals(1, decision.negative());
        assertEquals(Map.of("1", 1L), decision.positiveCounts());
        assertEquals(Map.of("0", 1L), decision.negativeCounts());
        OutcomeCoding label = t.source().outcomeCodings().get(1);
        assertEquals(1, label.positive());
        assertEquals(1, label.negative());
        assertEquals(0, label.missing());
    }

    @Test
    void skipBadRowsCountsSkippedRowsAndKeepsTenExamples() {
        TableSpec spec = compasLike().skipBadRows(true).build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        int good = 0;
        for (int i = 0; i < 25; i++) {
            long line = i + 2;
            if (i % 2 == 0) {
                b.addRow(row("a", "m", "", "0"), line); // 13 rows without a decision
            } else {
                b.addRow(row("a", "m", "High", "1"), line);
                good++;
            }
        }
        DecisionTable t = b.build();
        TableSource source = t.source();
        assertEquals(12, good);
        assertEquals(12, t.rowCount());
        assertEquals(25, source.rowsRead());
        assertEquals(13, source.rowsSkipped());
        assertEquals(TableSource.MAX_BAD_ROW_EXAMPLES, source.badRowExamples().size());
        assertEquals(10, source.badRowExamples().size());
        TableSource.BadRow first = source.badRowExamples().get(0);
        assertEquals(2, first.line());
        assertEquals("score_text", first.column());
        assertTrue(first.reason().contains("missing"), first.reason());
        // The examples are the first bad rows, in order: lines 2, 4, ..., 20.
        for (int k = 0; k < 10; k++) {
            assertEquals(2 + 2 * k, source.badRowExamples().get(k).line());
        }
        assertEquals(12, t.protectedColumn("race").size());
    }

    @Test
    void outcomeCodingCountsWhichRawValuesWerePositiveAndNegative() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        String[][] rows = {
            {"a", "m", "Low", "0"}, {"a", "m", "Low", "1"}, {"a", "m", "Medium", "1"}, {"a", "m", "High", "1"},
            {"a", "m", "High", "0"}, {"a", "m", "Low", ""}, {"a", "m", "N/A", "0"}, {"a", "m", "Low", "2"},
        };
        for (String[] r : rows) {
            b.addRow(r, 1);
        }
        DecisionTable t = b.build();
        OutcomeCoding decision = t.source().outcomeCodings().get(0);
        assertEquals("decision", decision.role());
        assertEquals("score_text=High,Medium", decision.rule());
        assertEquals(Map.of("Medium", 1L, "High", 2L), decision.positiveCounts());
        assertEquals(Map.of("Low", 4L, "N/A", 1L), decision.negativeCounts());
        assertEquals(3, decision.positive());
        assertEquals(5, decision.negative());
        assertEquals(0, decision.missing());
        assertEquals(0, decision.otherValues());
        assertEquals(List.of("High", "Medium"), List.copyOf(decision.positiveCounts().keySet()));

        OutcomeCoding label = t.source().outcomeCodings().get(1);
        assertEquals("label", label.role());
        assertEquals("recid=1", label.rule());
        assertEquals(Map.of("1", 3L), label.positiveCounts());
        assertEquals(Map.of("0", 3L, "2", 1L), label.negativeCounts());
        assertEquals(3, label.positive());
        assertEquals(4, label.negative());
        assertEquals(1, label.missing());
    }

    @Test
    void outcomeCodingTracksAtMostAThousandDistinctValues() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=p").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        b.addRow(row("a", "p"), 1);
        for (int i = 0; i < 1004; i++) {
            b.addRow(row("a", "v" + i), i + 2);
        }
        b.addRow(row("a", "p"), 2000); // already tracked: still counted per value
        OutcomeCoding decision = b.build().source().outcomeCodings().get(0);
        assertEquals(2, decision.positive());
        assertEquals(1004, decision.negative());
        assertEquals(Map.of("p", 2L), decision.positiveCounts());
        assertEquals(999, decision.negativeCounts().size());
        assertEquals(5, decision.otherValues());
    }

    @Test
    void addRowByNameTreatsAbsentColumnsAsMissing() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        Map<String, String> r = new HashMap<>();
        r.put("race", "x");
        r.put("score_text", "High");
        r.put("unrelated", "ignored");
        b.addRow(r);
        DecisionTable t = b.build();
        assertEquals(List.of("x"), t.protectedColumn("race").dictionary());
        assertEquals(List.of("(missing)"), t.protectedColumn("sex").dictionary());
        assertEquals(DecisionTable.LABEL_UNKNOWN, t.label(0));
        assertTrue(t.selected(0));
    }

    @Test
    void addRowByNameNamesTheRowNumberInErrors() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        b.addRow(Map.of("race", "x", "sex", "m", "score_text", "Low"));
        b.addRow(Map.of("race", "x", "sex", "m", "score_text", "Low"));
        InputException e = assertThrows(InputException.class, () -> b.addRow(Map.of("race", "x")));
        assertEquals(3, e.line());
    }

    @Test
    void wrongNumberOfValuesIsAProgrammingError() {
        DecisionTable.Builder b = DecisionTable.builder(compasLike().build());
        assertThrows(IllegalArgumentException.class, () -> b.addRow(row("a", "m", "Low"), 2));
    }

    @Test
    void manyRowsGrowAllColumns() {
        TableSpec spec = TableSpec.builder().protectedAttributes("g").decision("d=1").label("l=1").score("s")
                .timestamp("t").weight("w").route("r").features("f").build();
        DecisionTable.Builder b = DecisionTable.builder(spec);
        int n = 5000;
        for (int i = 0; i < n; i++) {
            // layout: g, d, l, s, r, t, w, f
            b.addRow(row("g" + (i % 7), Integer.toString(i % 2), Integer.toString(i % 3 == 0 ? 1 : 0),
                    Integer.toString(i), "R" + (i % 2), "1970-01-01T00:00:00Z", Integer.toString(i % 4),
                    "f" + (i % 5)), i + 2);
        }
        DecisionTable t = b.build();
        assertEquals(n, t.rowCount());
        for (int i = 0; i < n; i += 997) {
            assertEquals(i % 2 == 1, t.selected(i));
            assertEquals(i % 3 == 0 ? DecisionTable.LABEL_POSITIVE : DecisionTable.LABEL_NEGATIVE, t.label(i));
            assertEquals(i, t.score(i));
            assertEquals(0L, t.timestampMillis(i));
            assertEquals(i % 4, t.weight(i));
            assertEquals("g" + (i % 7), t.protectedColumn("g").value(t.protectedColumn("g").code(i)));
            assertEquals("R" + (i % 2), t.route().orElseThrow().value(t.route().orElseThrow().code(i)));
            assertEquals("f" + (i % 5), t.features().get(0).value(t.features().get(0).code(i)));
        }
        assertEquals(n, t.protectedColumn("g").size());
        assertEquals(n, t.features().get(0).size());
    }

    @Test
    void unknownProtectedColumnNameIsRejectedNamingTheDeclaredOnes() {
        DecisionTable t = DecisionTable.builder(compasLike().build()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.protectedColumn("age"));
        assertTrue(e.getMessage().contains("[race, sex]"), e.getMessage());
    }

    @Test
    void inMemoryTableHasNoHashAndNoRows() {
        DecisionTable t = DecisionTable.builder(compasLike().build()).warn("w1").build();
        assertEquals(0, t.rowCount());
        assertEquals("(memory)", t.source().fileName());
        assertEquals("memory", t.source().format());
        assertTrue(t.source().sha256Hex().isEmpty());
        assertEquals(List.of("w1"), t.source().warnings());
        assertEquals(0, t.source().rowsRead());
    }
}
