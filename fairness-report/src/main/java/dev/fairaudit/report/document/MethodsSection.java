package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Fact;
import dev.fairaudit.report.document.AuditDocument.Facts;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Methods: the exact definition of every metric shown, the favourable decision, the reference of each grouping
 * and how it was chosen, the sign convention, thresholds, minimum group size, intervals, tests and the
 * multiple-testing correction, and the disclosure threshold: every choice, echoed from the settings.
 */
public final class MethodsSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "methods";

    @Override
    public Optional<Section> render(DocumentContext c) {
        Texts t = c.texts();
        AuditSettings s = c.result().settings();
        List<Block> blocks = new ArrayList<>();
        List<Fact> choices = new ArrayList<>();
        choices.add(new Fact(t.get("methods.favourable"), t.get("favourable." + s.favourable().id()), false));
        choices.add(new Fact(t.get("methods.referenceStrategy"), t.get("basis." + s.referenceStrategy().id()), false));
        choices.add(new Fact(t.get("methods.signConvention"), t.get("methods.signConventionValue"), false));
        choices.add(new Fact(t.get("methods.fourFifths"), t.get("methods.fourFifthsValue",
                t.number(s.fourFifthsThreshold()), t.number(1 / s.fourFifthsThreshold())), false));
        choices.add(new Fact(t.get("methods.minGroupSize"), t.get("methods.minGroupSizeValue",
                t.count(s.minGroupSize())), false));
        choices.add(new Fact(t.get("methods.intervals"), t.get("methods.intervalsValue",
                t.get("interval." + s.intervalMethod().id())), false));
        TreeSet<String> tests = new TreeSet<>();
        for (ComparisonResult cr : c.result().comparisons()) {
            if (cr.test() != null) {
                tests.add(t.get("test." + cr.test().test()));
            }
        }
        for (IndependenceTest i : c.result().independenceTests()) {
            if (i.test() != null) {
                tests.add(t.get("test." + i.test().test()));
            }
        }
        choices.add(new Fact(t.get("methods.tests"), tests.isEmpty() ? "—" : String.join("; ", tests), false));
        choices.add(new Fact(t.get("methods.correction"), t.get("correction." + s.pValueAdjustment().id()), false));
        choices.add(new Fact(t.get("methods.reading"), t.get("methods.readingValue",
                t.number(DisparitiesSection.ALPHA)), false));
        int threshold = c.disclosureSettings().threshold();
        choices.add(new Fact(t.get("methods.disclosure"), c.disclosureSettings().enabled()
                ? t.get("methods.disclosureValue", t.count(threshold - 1)) : t.get("methods.disclosureOff"), false));
        blocks.add(new Facts(choices));

        blocks.add(new Heading("methods-references", t.get("methods.references")));
        List<Row> refs = new ArrayList<>();
        for (ReferenceChoice r : c.result().references()) {
            refs.add(new Row(List.of(c.label(r.grouping()), c.label(r.reference()), t.get("basis." + r.basis())),
                    false));
        }
        blocks.add(new Table("methods-references-table", t.get("methods.references"),
                List.of(t.get("column.grouping"), t.get("column.reference"), t.get("column.basis")),
                List.of(false, false, false), refs));

        blocks.add(new Heading("methods-definitions", t.get("methods.definitions")));
        List<Row> defs = new ArrayList<>();
        for (Metric m : DisparitiesSection.metricsShown(c)) {
            defs.add(new Row(List.of(c.name(m), t.get("metric." + m.key() + ".definition")), false));
        }
        blocks.add(new Table("methods-definitions-table", t.get("methods.definitions"),
                List.of(t.get("column.metric"), t.get("column.definition")), List.of(false, false), defs));
        blocks.add(Paragraph.note(t.get("methods.comparisons")));
        return Optional.of(new Section(ID, t.get("methods.title"), blocks));
    }
}
