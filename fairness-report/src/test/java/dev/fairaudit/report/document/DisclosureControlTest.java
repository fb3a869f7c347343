package dev.fairaudit.report.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.Disclosure.Part;
import dev.fairaudit.metrics.document.Disclosure.Reason;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisclosureControlTest {

    @TempDir
    Path dir;

    private static GroupKey origin(String v) {
        return new GroupKey(Map.of("origin", v));
    }

    @Test
    void smallGroupIsWithheldAndTheSmallestOtherGroupTooSoTheTotalCannotRevealIt() {
        AuditResult r = Fixture.result(dir);
        Disclosure d = DisclosureControl.decide(r, 10);
        GroupKey script = origin("<script>alert(1)</script>");
        // 6 rows < 10: primary.
        assertTrue(d.cells().contains(new Disclosure.SuppressedCell(script, Part.SIZE, Reason.PRIMARY)));
        // Whole population minus the other three origins would give 6: the smallest other origin
        // (European, 120 rows) is withheld as well.
        assertTrue(d.suppressed(origin("European"), Part.SIZE));
        assertEquals(Reason.SECONDARY, d.cells().stream().filter(c -> c.group().equals(origin("European"))
                && c.part() == Part.SIZE).findFirst().orElseThrow().reason());
        assertFalse(d.suppressed(origin("Dutch"), Part.SIZE));
        assertFalse(d.suppressed(origin("non-European"), Part.SIZE));
        assertFalse(d.suppressed(GroupKey.OVERALL, Part.SIZE));
        assertTrue(d.testSuppressed(Grouping.of("origin")));
    }

    @Test
    void noTotalHasExactlyOneWithheldPart() {
        AuditResult r = Fixture.result(dir);
        Disclosure d = DisclosureControl.decide(r, 10);
        // Independent check of the invariant the secondary suppression must establish, for every part and for
        // every total shown: the parts of each grouping against the whole population, and the intersection
        // origin × sex against each origin and each sex.
        for (Part p : Part.values()) {
            for (Grouping g : r.groupings()) {
                if (g.isOverall()) {
                    continue;
                }
                for (GroupResult total : r.groups()) {
                    Grouping tg = total.group().grouping();
                    if (tg.attributes().size() >= g.attributes().size()
                            || !g.attributes().containsAll(tg.attributes()) || d.suppressed(total.group(), p)) {
                        continue;
                    }
                    long hidden = r.groups().stream().filter(x -> x.group().grouping().equals(g)
                            && x.group().attributes().entrySet().containsAll(total.group().attributes().entrySet())
                            && d.suppressed(x.group(), p)).count();
                    assertTrue(hidden != 1, p + ": exactly one withheld part of " + total.group().label()
                            + " in " + g.label());
                }
            }
        }
    }

    @Test
    void thresholdOneWithholdsNothing() {
        Disclosure d = DisclosureControl.decide(Fixture.result(dir), 1);
        assertFalse(d.enabled());
        assertEquals(List.of(), d.cells());
    }

    @Test
    void zeroIsNotASmallCount() {
        // A group in which nobody was selected reveals nothing beyond its size; only counts 1..9 are withheld.
        AuditResult r = Fixture.result(dir);
        Disclosure d = DisclosureControl.decide(r, 10);
        assertFalse(d.suppressed(origin("Dutch"), Part.SELECTION), "30 of 300 selected");
    }

    @Test
    void withheldCellsNeverAppearInTheDocuments() {
        AuditResult r = Fixture.prepared(dir, Map.of());
        String html = HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, null));
        // The European group is withheld by secondary suppression: its 120 rows and its 12.5% selection rate
        // (15 of 120: rows 0..14 are selected, as i * 100 / 120 < 12) must not show.
        assertFalse(html.contains(">120<"), "secondary-suppressed size");
        String md = MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r, Language.EN, null));
        assertTrue(md.contains("| European | withheld | withheld | withheld |"), "withheld row in the table");
        assertFalse(md.contains("| European | 120 |"), "secondary-suppressed size");
        assertTrue(html.contains("withheld"));
    }
}
