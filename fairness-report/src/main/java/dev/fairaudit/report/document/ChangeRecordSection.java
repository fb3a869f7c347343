package dev.fairaudit.report.document;

import dev.fairaudit.metrics.document.ChangeRecord;
import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Change and decision record: the governance events of the decision log the audit read (deployments, setting
 * changes with old and new value, documented decisions, monitoring alerts, suspensions), with time, reason and
 * approver, as a table in log order. Left out when the input was not a log; says so when the log has none.
 */
public final class ChangeRecordSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "change-record";
    /** Minutes are enough to order governance events for a reader; the exact instant is in audit.json. */
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    @Override
    public Optional<Section> render(DocumentContext c) {
        DocumentControl d = c.result().document();
        if (d == null || d.changeRecord() == null) {
            return Optional.empty();
        }
        Texts t = c.texts();
        List<Block> blocks = new ArrayList<>();
        blocks.add(Paragraph.of(t.get("changes.intro")));
        if (d.changeRecord().isEmpty()) {
            blocks.add(Paragraph.of(t.get("changes.none")));
        } else {
            List<Row> rows = new ArrayList<>();
            for (ChangeRecord r : d.changeRecord()) {
                String kind = t.has("changes.kind." + r.kind()) ? t.get("changes.kind." + r.kind()) : r.kind();
                rows.add(new Row(List.of(TIME.format(r.time()), kind, what(t, r.fields()),
                        r.fields().getOrDefault("reason", "—"), r.fields().getOrDefault("approver", "—"),
                        String.valueOf(r.sequence())), ChangeRecord.ERASED.equals(r.kind())
                        || "MONITORING_ALERT".equals(r.kind()) || "SUSPENSION".equals(r.kind())));
            }
            blocks.add(new Table(ID + "-table", t.get("changes.caption"), List.of(t.get("column.time"),
                    t.get("column.event"), t.get("column.what"), t.get("column.reason"), t.get("column.approver"),
                    t.get("column.sequence")), List.of(false, false, false, false, false, true), rows));
            blocks.add(Paragraph.note(t.get("changes.note")));
        }
        return Optional.of(new Section(ID, t.get("changes.title"), blocks));
    }

    /** The event's content in words: "threshold: 0.7 → 0.6", "model m1 version 2", the text or message. */
    private static String what(Texts t, Map<String, String> f) {
        List<String> parts = new ArrayList<>();
        if (f.containsKey("key")) {
            parts.add(f.get("key") + ": " + f.getOrDefault("oldValue", t.get("changes.unset")) + " → "
                    + f.getOrDefault("newValue", t.get("changes.unset")));
        }
        if (f.containsKey("modelId")) {
            parts.add(t.get("changes.model", f.get("modelId"), f.getOrDefault("modelVersion", "—")));
        }
        if (f.containsKey("source")) {
            parts.add(f.get("source") + ": " + f.getOrDefault("message", ""));
        } else if (f.containsKey("message")) {
            parts.add(f.get("message"));
        }
        if (f.containsKey("text")) {
            parts.add(f.get("text"));
        }
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }
}
