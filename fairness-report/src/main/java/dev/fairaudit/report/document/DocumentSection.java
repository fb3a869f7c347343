package dev.fairaudit.report.document;

import dev.fairaudit.report.document.AuditDocument.Section;
import java.util.Optional;

/**
 * One section of the audit document: renders one part of an {@link dev.fairaudit.metrics.AuditResult} into
 * blocks, or nothing when that part is absent (an analysis that was not run leaves no empty section). A section
 * formats and arranges; it computes no statistics. To add a section, implement this and add it to
 * {@link AuditDocumentBuilder#DEFAULT_SECTIONS} (see {@code docs/audit-document.md}).
 */
public interface DocumentSection {

    /**
     * The section, or empty when the result has nothing for it.
     *
     * @param context the result, the texts and the disclosure decisions
     */
    Optional<Section> render(DocumentContext context);
}
