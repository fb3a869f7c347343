package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The written-out equals and hashCode of {@link AnalysisDisclosure.Key} are those the record would generate. */
class AnalysisDisclosureKeyTest {

    private record KeyOracle(Kind kind, GroupKey group, String detail) {
    }

    @Test
    void keyEqualsAndHashCodeAreThoseOfTheGeneratedRecordMethods() {
        List<GroupKey> groups = List.of(GroupKey.OVERALL, new GroupKey(Map.of("g", "a")),
                new GroupKey(Map.of("g", "b")));
        List<String> details = List.of("", "2025-01", "2025-02");
        List<Kind> kinds = List.of(Kind.PERIOD_RATE, Kind.PERIOD_DISPARITY, Kind.SCORE_GROUP);
        for (Kind k1 : kinds) {
            for (GroupKey g1 : groups) {
                for (String d1 : details) {
                    AnalysisDisclosure.Key key = new AnalysisDisclosure.Key(k1, g1, d1);
                    assertEquals(new KeyOracle(k1, g1, d1).hashCode(), key.hashCode());
                    for (Kind k2 : kinds) {
                        for (GroupKey g2 : groups) {
                            for (String d2 : details) {
                                assertEquals(new KeyOracle(k1, g1, d1).equals(new KeyOracle(k2, g2, d2)),
                                        key.equals(new AnalysisDisclosure.Key(k2, g2, d2)));
                            }
                        }
                    }
                }
            }
        }
        assertEquals(new KeyOracle(Kind.PERIOD_RATE, null, null).hashCode(),
                new AnalysisDisclosure.Key(Kind.PERIOD_RATE, null, null).hashCode());
    }
}
