package dev.fairaudit.report.document;

import dev.fairaudit.metrics.criteria.Bound;
import dev.fairaudit.metrics.criteria.CriteriaReport;
import dev.fairaudit.metrics.criteria.CriterionResult;
import dev.fairaudit.metrics.criteria.Quantity;
import dev.fairaudit.metrics.criteria.Verdict;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pre-registered criteria: the advice (continue, adjust, stop) and why, then per criterion what was promised
 * (metric, group, bound, minimum sample), what was observed (with its interval and sample size) and the
 * verdict. Left out when no criteria file was given. The verdicts are computed by the analysis; this section
 * only words them.
 */
public final class CriteriaSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "criteria";

    @Override
    public Optional<Section> render(DocumentContext c) {
        CriteriaReport report = c.result().riskProfile() == null ? null : c.result().riskProfile().criteria();
        if (report == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("criteria.intro", report.name() == null ? report.source() : report.name(),
                report.evaluationDate() == null ? t.get("criteria.noDate") : report.evaluationDate().toString())));
        blocks.add(Paragraph.of(t.get("criteria.advice", t.get("criteria.advice." + report.advice().name()),
                report.adviceReason() == null ? "" : report.adviceReason())));
        List<Row> rows = new ArrayList<>();
        for (CriterionResult r : report.results()) {
            rows.add(new Row(List.of(r.criterion().id(), r.criterion().metric(), group(c, r), bound(t, r.criterion()
                    .bound()), observed(c, r), t.get("criteria.verdict." + r.verdict().name())),
                    r.verdict() == Verdict.FAIL));
        }
        blocks.add(new Table(ID + "-table", t.get("criteria.caption"),
                List.of(t.get("criteria.col.id"), t.get("column.metric"), t.get("column.group"),
                        t.get("criteria.col.bound"), t.get("criteria.col.observed"), t.get("criteria.col.verdict")),
                List.of(false, false, false, false, true, false), rows));
        blocks.add(Paragraph.note(t.get("criteria.explain")));
        return Optional.of(new Section(ID, t.get("criteria.title"), blocks));
    }

    /** Which group the observed value is of (the one that decided the verdict), or the grouping. */
    private static String group(DocumentContext c, CriterionResult r) {
        Quantity q = r.observed();
        if (q != null && q.group() != null && !q.group().attributes().isEmpty()) {
            return c.label(q.group()) + (q.reference() == null ? "" : " / " + c.label(q.reference()));
        }
        List<String> grouping = r.criterion().grouping();
        return grouping == null || grouping.isEmpty() ? c.texts().get("criteria.overall") : String.join(" × ", grouping);
    }

    private static String bound(Texts t, Bound b) {
        if (b.lower() != null && b.upper() != null) {
            return t.get("criteria.bound.between", t.number(b.lower()), t.number(b.upper()));
        }
        return b.lower() != null ? t.get("criteria.bound.atLeast", t.number(b.lower()))
                : t.get("criteria.bound.atMost", t.number(b.upper()));
    }

    private static String observed(DocumentContext c, CriterionResult r) {
        Texts t = c.texts();
        Quantity q = r.observed();
        if (q == null) {
            return r.reason() == null ? "" : r.reason();
        }
        if (q.value() == null) {
            return t.get("status." + q.status().name());
        }
        if (c.analysis().withheld(AnalysisDisclosure.Kind.CRITERION_EVIDENCE, q.group(), r.criterion().id())) {
            return t.get("value.suppressed");
        }
        String s = t.number(q.value());
        if (q.ci95() != null) {
            s += " (" + t.number(q.ci95().lower()) + " – " + t.number(q.ci95().upper()) + ")";
        }
        return s + "; n = " + t.count(q.sampleSize());
    }
}
