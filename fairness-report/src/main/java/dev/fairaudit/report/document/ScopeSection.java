package dev.fairaudit.report.document;

import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.report.document.AuditDocument.Fact;
import dev.fairaudit.report.document.AuditDocument.Facts;
import dev.fairaudit.report.document.AuditDocument.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scope: the system, model version, purpose, population and owner as the user described them (free text from
 * the configuration, {@code --scope KEY=TEXT}), and the audited period. Left out when none was given.
 */
public final class ScopeSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "scope";

    @Override
    public Optional<Section> render(DocumentContext c) {
        DocumentControl d = c.result().document();
        if (d == null || d.scope().isEmpty() && d.periodFrom() == null && d.periodTo() == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        List<Fact> facts = new ArrayList<>();
        for (Map.Entry<String, String> e : d.scope().entrySet()) {
            String name = t.has("scope." + e.getKey()) ? t.get("scope." + e.getKey()) : e.getKey();
            facts.add(new Fact(name, e.getValue(), false));
        }
        if (d.periodFrom() != null || d.periodTo() != null) {
            facts.add(new Fact(t.get("scope.period"), t.get("scope.periodValue",
                    d.periodFrom() == null ? t.get("scope.periodOpen") : d.periodFrom(),
                    d.periodTo() == null ? t.get("scope.periodOpen") : d.periodTo()), false));
        }
        return Optional.of(new Section(ID, t.get("scope.title"), List.of(new Facts(facts))));
    }
}
