package dev.fairaudit.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateReaderTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("counts.csv");
        Files.writeString(f, text);
        return f;
    }

    private static AggregateSpec origin() {
        return AggregateSpec.groupColumns(List.of("origin"));
    }

    @Test
    void readsGroupColumnsWithCellsNamedByTheirIds() throws IOException {
        AggregateTable t = AggregateReader.read(csv("origin,Selected,NOT_SELECTED\nNL,20,80\nother,.,40\n"), origin());
        assertEquals(2, t.rows().size());
        AggregateRow nl = t.rows().get(0);
        assertEquals(Map.of("origin", "NL"), nl.group());
        assertEquals(PublishedCount.of(20), nl.counts().get(PublishedCell.SELECTED));
        assertEquals(PublishedCount.of(80), nl.counts().get(PublishedCell.NOT_SELECTED));
        assertEquals(2, nl.line());
        assertTrue(t.rows().get(1).counts().get(PublishedCell.SELECTED).suppressed());
        assertEquals("aggregate-csv", t.source().format());
        assertEquals(64, t.source().sha256().length());
    }

    @Test
    void attributeValueLayoutKeepsAuditedAttributesAndCountsTheRest() throws IOException {
        Path f = csv("Dataset,Feature,Feature_Value,TN,FP,FN,TP\n"
                + "Pilot,sex,M,1,2,3,4\nPilot,sex,F,5,6,7,8\nPilot,age,young,1,1,1,1\nTrain,sex,M,9,9,9,9\n");
        AggregateSpec spec = new AggregateSpec(List.of("sex"), "Feature", "Feature_Value", Map.of(),
                Map.of("Dataset", "Pilot"), null, 1, null);
        AggregateTable t = AggregateReader.read(f, spec);
        assertEquals(2, t.rows().size());
        assertEquals(PublishedCount.of(4), t.rows().get(0).counts().get(PublishedCell.TP));
        assertEquals(PublishedCount.of(1), t.rows().get(0).counts().get(PublishedCell.TN));
        assertEquals(4, t.source().rowsRead());
        assertEquals(List.of("1 row(s) do not match the filter {Dataset=Pilot} and were left out",
                "1 row(s) describe attributes that are not audited and were left out: {age=1}"),
                t.source().warnings());
    }

    @Test
    void explicitCountColumnsAndZeroAsSuppressionMarker() throws IOException {
        Path f = csv("g;sel;rest\na;0;15\n");
        AggregateSpec spec = origin().withCountColumns(Map.of(PublishedCell.SELECTED, "sel",
                PublishedCell.NOT_SELECTED, "rest")).withSuppressedMarkers(java.util.Set.of("0"));
        spec = new AggregateSpec(List.of("g"), null, null, spec.countColumns(), Map.of(), spec.suppressedMarkers(),
                1, null);
        AggregateTable t = AggregateReader.read(f, spec);
        assertTrue(t.rows().get(0).counts().get(PublishedCell.SELECTED).suppressed());
        assertEquals(PublishedCount.of(15), t.rows().get(0).counts().get(PublishedCell.NOT_SELECTED));
    }

    @Test
    void countThatIsNotANumberNamesFileLineColumnAndValue() throws IOException {
        Path f = csv("origin,selected,not_selected\nNL,20,80\nEU,twelve,40\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertEquals("counts.csv, line 3, column 'selected': value 'twelve' is not a whole count and not a "
                + "suppression marker [., X, x]", e.getMessage());
    }

    @Test
    void negativeCountIsAnError() throws IOException {
        Path f = csv("origin,selected,not_selected\nNL,-5,80\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertEquals("counts.csv, line 2, column 'selected': value '-5' is negative; a count is >= 0", e.getMessage());
    }

    @Test
    void countThatIsNotAMultipleOfTheRoundingIsAnError() throws IOException {
        Path f = csv("origin,selected,not_selected\nNL,20,80\nEU,10,45\n");
        InputException e = assertThrows(InputException.class,
                () -> AggregateReader.read(f, origin().withRounding(10)));
        assertEquals("counts.csv, line 3, column 'not_selected': value '45' is not a multiple of the declared "
                + "rounding 10", e.getMessage());
    }

    @Test
    void groupGivenTwiceNamesBothLines() throws IOException {
        Path f = csv("origin,selected,not_selected\nNL,20,80\nEU,1,2\nNL,3,4\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("already appeared on line 2"), e.getMessage());
    }

    @Test
    void rowWithTooFewFieldsIsAnError() throws IOException {
        Path f = csv("origin,selected,not_selected\nNL,20\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertEquals("counts.csv, line 2: expected 3 fields as in the header, found 2", e.getMessage());
    }

    @Test
    void emptyGroupValueIsAnError() throws IOException {
        Path f = csv("origin,selected,not_selected\n,20,80\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertEquals("counts.csv, line 2, column 'origin': the group value is empty", e.getMessage());
    }

    @Test
    void incompleteConfusionMatrixIsAnError() throws IOException {
        Path f = csv("origin,tp,fp,fn\nNL,1,2,3\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertTrue(e.getMessage().contains("'tn' has no column"), e.getMessage());
    }

    @Test
    void missingGroupColumnIsAnError() throws IOException {
        Path f = csv("herkomst,selected,not_selected\nNL,1,2\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertTrue(e.getMessage().startsWith("counts.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("origin"), e.getMessage());
    }

    @Test
    void tableWithoutCountColumnsIsAnError() throws IOException {
        Path f = csv("origin,a,b\nNL,1,2\n");
        InputException e = assertThrows(InputException.class, () -> AggregateReader.read(f, origin()));
        assertTrue(e.getMessage().contains("no count columns"), e.getMessage());
    }
}
