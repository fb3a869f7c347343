package dev.fairaudit.report.document;

import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.report.document.AuditDocument.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link AuditDocument} of a result in one language by asking each {@link DocumentSection} in turn;
 * a section with nothing to show is left out.
 */
public final class AuditDocumentBuilder {

    /**
     * The sections, in document order: summary first, then scope, disparities, limitations, methods, and document
     * control last. Sections for further analyses go between disparities and limitations.
     */
    public static final List<DocumentSection> DEFAULT_SECTIONS = List.of(new SummarySection(), new CriteriaSection(),
            new ScopeSection(), new DisparitiesSection(), new RiskProfileSection(), new ProxySection(),
            new AggregateSection(), new ScoresTrendsSection(), new ChangeRecordSection(), new LimitationsSection(),
            new MethodsSection(), new DocumentControlSection());

    private final List<DocumentSection> sections;

    /** A builder with the default sections. */
    public AuditDocumentBuilder() {
        this(DEFAULT_SECTIONS);
    }

    /** A builder with the given sections, in order. */
    public AuditDocumentBuilder(List<DocumentSection> sections) {
        this.sections = List.copyOf(sections);
    }

    /**
     * The document.
     *
     * @param r          the result (with document control, as {@link AuditDocuments#prepare} makes it)
     * @param language   the language
     * @param jsonSha256 hex SHA-256 of the {@code audit.json} written beside it, or null
     */
    public AuditDocument build(AuditResult r, Language language, String jsonSha256) {
        Texts t = Texts.of(language);
        DocumentContext c = DocumentContext.of(r, t, jsonSha256);
        List<Section> out = new ArrayList<>();
        for (DocumentSection s : sections) {
            s.render(c).ifPresent(out::add);
        }
        DocumentControl d = r.document();
        String subtitle = d == null ? t.get("document.subtitleNoControl", r.input().fileName())
                : t.get("document.subtitle", d.documentId(), d.generatedAt().toString(), r.input().fileName());
        return new AuditDocument(language, t.get("document.title"), subtitle, out);
    }
}
