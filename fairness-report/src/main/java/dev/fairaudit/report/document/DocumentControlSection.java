package dev.fairaudit.report.document;

import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.metrics.document.DocumentControl;
import dev.fairaudit.metrics.document.LogVerification;
import dev.fairaudit.report.Version;
import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Fact;
import dev.fairaudit.report.document.AuditDocument.Facts;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Document control and integrity: document id, date, library version, configuration hash, input file and its
 * SHA-256 (a decision log's verified head hash), rows read, skipped and used, the decision-log verification
 * where a log was the input, and the SHA-256 of the {@code audit.json} written beside the document, so a reader
 * can check that the numbers are the ones computed.
 */
public final class DocumentControlSection implements DocumentSection {

    /** Section anchor. */
    public static final String ID = "document-control";

    @Override
    public Optional<Section> render(DocumentContext c) {
        Texts t = c.texts();
        DocumentControl d = c.result().document();
        TableSource in = c.result().input();
        List<Fact> facts = new ArrayList<>();
        if (d != null) {
            facts.add(new Fact(t.get("control.documentId"), d.documentId(), true));
            facts.add(new Fact(t.get("control.date"), d.generatedAt().toString(), true));
            facts.add(new Fact(t.get("control.version"), d.libraryVersion(), true));
            facts.add(new Fact(t.get("control.configuration"), d.configurationSha256(), true));
        } else {
            facts.add(new Fact(t.get("control.version"), Version.get(), true));
        }
        facts.add(new Fact(t.get("control.input"), in.fileName() + " (" + in.format() + ")", false));
        facts.add(new Fact("decision-log".equals(in.format()) ? t.get("control.headHash") : t.get("control.inputSha"),
                in.sha256() == null ? "—" : in.sha256(), true));
        facts.add(new Fact(t.get("control.rows"), t.get("control.rowsValue", t.count(in.rowsRead()),
                t.count(in.rowsSkipped()), t.count(in.rowsRead() - in.rowsSkipped())), false));
        if (c.jsonSha256() != null) {
            facts.add(new Fact(t.get("control.jsonSha"), c.jsonSha256(), true));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Facts(facts));
        LogVerification v = d == null ? null : d.logVerification();
        if (v != null) {
            blocks.add(new Heading("log-verification", t.get("control.log")));
            blocks.add(Paragraph.of(v.ok() ? t.get("control.logOk") : t.get("control.logFailed")));
            blocks.add(logFacts(t, v, "control.headHash"));
            LogVerification a = v.attributeLog();
            if (a != null) {
                blocks.add(Paragraph.of(a.ok() ? t.get("control.attributeLogOk") : t.get("control.attributeLogFailed")));
                blocks.add(logFacts(t, a, "control.attributeLogHeadHash"));
            }
        }
        blocks.add(Paragraph.note(t.get("control.howToCheck")));
        return Optional.of(new Section(ID, t.get("control.title"), blocks));
    }

    /** A log's verification as facts; {@code headHashKey} names which log's head hash it is. */
    private static Facts logFacts(Texts t, LogVerification v, String headHashKey) {
        return new Facts(List.of(
                new Fact(t.get("control.logRecords"), t.count(v.records()), false),
                new Fact(t.get("control.logErased"), t.count(v.erasedPayloads()), false),
                new Fact(t.get("control.logSegments"), t.count(v.segments()), false),
                new Fact(t.get("control.logLastSeq"), t.count(v.lastSequence()), false),
                new Fact(t.get(headHashKey), v.headHash(), true),
                new Fact(t.get("control.logClosed"), t.get(v.closedCleanly() ? "value.yes" : "value.no"), false)));
    }
}
