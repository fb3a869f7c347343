package dev.fairaudit.report.document;

import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.proxy.ConditionalDisparity;
import dev.fairaudit.metrics.proxy.ProxyAnalysis;
import dev.fairaudit.metrics.proxy.ProxyFinding;
import dev.fairaudit.metrics.proxy.ProxySettings;
import dev.fairaudit.report.document.AnalysisDisclosure.Kind;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Bullets;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Inline;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proxies: which candidate features (and pairs) stand in for a protected attribute (Cramér's V, uncertainty
 * coefficient, out-of-fold AUC, adjusted p, flagged or not), and whether a group's disparity remains within the
 * strata of each feature (crude and Mantel–Haenszel odds ratios, the share explained, the CMH test). Left out
 * when no features were screened.
 */
public final class ProxySection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "proxies";
    /** Anchor of the findings table. */
    public static final String FINDINGS = "proxies-findings";
    /** Anchor of the conditional-disparity table. */
    public static final String CONDITIONAL = "proxies-conditional";
    /** Findings shown in the document (the rest are in audit.json), strongest first. */
    public static final int MAX_ROWS = 30;
    /** A share explained from this much on is worded "mostly explained" (the summary uses the same). */
    public static final double MOSTLY_EXPLAINED = 0.5;

    @Override
    public Optional<Section> render(DocumentContext c) {
        ProxyAnalysis p = c.result().proxyAnalysis();
        if (p == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        ProxySettings s = p.settings();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("proxies.intro", String.join(", ", p.features()))));
        blocks.add(new Heading(null, t.get("proxies.findings")));
        blocks.add(Paragraph.note(t.get("proxies.explain", t.number(s.cramersVThreshold()), t.number(s.aucThreshold()),
                t.number(s.alpha()))));
        List<Row> rows = new ArrayList<>();
        for (ProxyFinding f : p.proxies().subList(0, Math.min(MAX_ROWS, p.proxies().size()))) {
            String features = String.join(" × ", f.features());
            if (c.analysis().withheld(Kind.PROXY_FINDING, dev.fairaudit.metrics.counts.GroupKey.OVERALL,
                    AnalysisDisclosure.detail(f))) {
                String w = SectionCells.withheld(t);
                rows.add(new Row(List.of(features, f.attribute(), w, w, w, w, w, w), false));
                continue;
            }
            String reading = f.flagged() ? t.get("proxies.flagged")
                    : f.cramersV().status() == Status.INSUFFICIENT_SAMPLE ? t.get("reading.inconclusive")
                    : t.get("proxies.notFlagged");
            rows.add(new Row(List.of(features, f.attribute(), t.count(f.n()), SectionCells.number(t, f.cramersV()),
                    SectionCells.number(t, f.mutualInformation()), SectionCells.number(t, f.auc()),
                    SectionCells.p(t, f.adjustedPValue()), reading), f.flagged()));
        }
        blocks.add(new Table(FINDINGS, t.get("proxies.findingsCaption"),
                List.of(t.get("column.feature"), t.get("column.attribute"), t.get("column.n"),
                        t.get("column.cramersV"), t.get("column.uncertainty"), t.get("column.auc"),
                        t.get("column.pAdjusted"), t.get("column.reading")),
                List.of(false, false, true, true, true, true, true, false), rows));
        if (p.proxies().size() > MAX_ROWS) {
            blocks.add(Paragraph.note(t.get("proxies.more", t.count(p.proxies().size() - MAX_ROWS))));
        }
        if (!p.conditionalDisparity().isEmpty()) {
            blocks.add(new Heading(null, t.get("proxies.conditional")));
            blocks.add(Paragraph.note(t.get("proxies.conditionalExplain", t.percent(MOSTLY_EXPLAINED))));
            List<Row> cd = new ArrayList<>();
            for (ConditionalDisparity d : p.conditionalDisparity()) {
                String group = d.attribute() + " = " + d.group();
                if (c.analysis().withheld(Kind.CONDITIONAL_DISPARITY, AnalysisDisclosure.group(d), d.feature())) {
                    String w = SectionCells.withheld(t);
                    cd.add(new Row(List.of(d.feature(), group, d.reference(), w, w, w, w, w), false));
                    continue;
                }
                boolean mostly = mostlyExplained(d);
                String reading = d.cmhTest() == null || d.mantelHaenszelOddsRatio().status() == Status.INSUFFICIENT_SAMPLE
                        ? t.get("reading.inconclusive") : mostly ? t.get("proxies.mostlyExplained")
                        : t.get("proxies.remains");
                cd.add(new Row(List.of(d.feature(), group, d.reference(), SectionCells.number(t, d.crudeOddsRatio()),
                        SectionCells.number(t, d.mantelHaenszelOddsRatio()), share(t, d),
                        d.cmhTest() == null ? "—" : t.p(d.cmhTest().pValue()), reading), false));
            }
            blocks.add(new Table(CONDITIONAL, t.get("proxies.conditionalCaption"),
                    List.of(t.get("column.feature"), t.get("column.group"), t.get("column.reference"),
                            t.get("column.crudeOr"), t.get("column.mhOr"), t.get("column.shareExplained"),
                            t.get("column.p"), t.get("column.reading")),
                    List.of(false, false, false, true, true, true, true, false), cd));
        }
        List<List<Inline>> warnings = new ArrayList<>();
        for (String w : p.warnings()) {
            if (!SectionCells.warningMayDisclose(w, c.disclosureSettings(), c.analysis())) {
                warnings.add(List.of(Inline.text(w)));
            }
        }
        if (!warnings.isEmpty()) {
            blocks.add(new Heading(null, t.get("analysis.warnings")));
            blocks.add(new Bullets(warnings, false));
        }
        return Optional.of(new Section(ID, t.get("proxies.title"), blocks));
    }

    /** Whether at least {@link #MOSTLY_EXPLAINED} of a defined, conclusive disparity disappears within strata. */
    static boolean mostlyExplained(ConditionalDisparity d) {
        return d.shareExplained() != null && d.shareExplained().value() != null
                && d.shareExplained().status() == Status.OK && d.shareExplained().value() >= MOSTLY_EXPLAINED;
    }

    private static String share(Texts t, ConditionalDisparity d) {
        return d.shareExplained() == null || d.shareExplained().value() == null
                ? SectionCells.status(t, d.shareExplained() == null ? Status.UNDEFINED_ZERO_DENOMINATOR
                        : d.shareExplained().status())
                : t.percent(d.shareExplained().value());
    }
}
