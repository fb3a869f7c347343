package dev.fairaudit.report.document;

import dev.fairaudit.report.document.AuditDocument.Block;
import dev.fairaudit.report.document.AuditDocument.Bullets;
import dev.fairaudit.report.document.AuditDocument.ChartBar;
import dev.fairaudit.report.document.AuditDocument.Fact;
import dev.fairaudit.report.document.AuditDocument.Facts;
import dev.fairaudit.report.document.AuditDocument.Heading;
import dev.fairaudit.report.document.AuditDocument.Inline;
import dev.fairaudit.report.document.AuditDocument.Paragraph;
import dev.fairaudit.report.document.AuditDocument.RateChart;
import dev.fairaudit.report.document.AuditDocument.RatioChart;
import dev.fairaudit.report.document.AuditDocument.Row;
import dev.fairaudit.report.document.AuditDocument.Section;
import dev.fairaudit.report.document.AuditDocument.Table;
import java.util.List;

/**
 * Lays an {@link AuditDocument} out as Markdown (CommonMark with GitHub tables): the same content as the HTML,
 * charts as their text-equivalent tables. Every piece of text is escaped, so a group named {@code <script>} or
 * {@code *x*} stays literal text.
 */
public final class MarkdownDocumentWriter {

    private MarkdownDocumentWriter() {
    }

    /** The Markdown text. */
    public static String render(AuditDocument d) {
        Texts t = Texts.of(d.language());
        StringBuilder m = new StringBuilder(64 * 1024);
        m.append("# ").append(esc(d.title())).append("\n\n").append(esc(d.subtitle())).append("\n\n");
        m.append("**").append(esc(t.get("document.contents"))).append("**\n\n");
        for (Section s : d.sections()) {
            m.append("- [").append(esc(s.title())).append("](#").append(s.id()).append(")\n");
        }
        for (Section s : d.sections()) {
            m.append("\n<a id=\"").append(s.id()).append("\"></a>\n\n## ").append(esc(s.title())).append("\n\n");
            for (Block b : s.blocks()) {
                block(m, b, t);
            }
        }
        return m.toString();
    }

    private static void block(StringBuilder m, Block b, Texts t) {
        if (b instanceof Heading h) {
            if (h.id() != null) {
                m.append("<a id=\"").append(h.id()).append("\"></a>\n\n### ");
            } else {
                m.append("#### ");
            }
            m.append(esc(h.text())).append("\n\n");
        } else if (b instanceof Paragraph p) {
            m.append(p.note() ? "> " : "");
            inline(m, p.content());
            m.append("\n\n");
        } else if (b instanceof Bullets l) {
            int i = 1;
            for (List<Inline> item : l.items()) {
                m.append(l.ordered() ? (i++) + ". " : "- ");
                inline(m, item);
                m.append('\n');
            }
            m.append('\n');
        } else if (b instanceof Facts f) {
            m.append("| ").append(esc(t.get("column.item"))).append(" | ").append(esc(t.get("column.value")))
                    .append(" |\n|---|---|\n");
            for (Fact x : f.facts()) {
                m.append("| ").append(cell(x.name())).append(" | ")
                        .append(x.code() ? "`" + x.value().replace("`", "'") + "`" : cell(x.value())).append(" |\n");
            }
            m.append('\n');
        } else if (b instanceof Table tb) {
            if (tb.id() != null) {
                m.append("<a id=\"").append(tb.id()).append("\"></a>\n\n");
            }
            m.append("*").append(esc(tb.caption())).append("*\n\n|");
            for (String hd : tb.header()) {
                m.append(' ').append(cell(hd)).append(" |");
            }
            m.append("\n|");
            for (Boolean num : tb.numeric()) {
                m.append(num ? "---:|" : "---|");
            }
            m.append('\n');
            for (Row r : tb.rows()) {
                m.append('|');
                for (int i = 0; i < r.cells().size(); i++) {
                    String c = cell(r.cells().get(i));
                    m.append(' ').append(i == 0 && r.flag() ? "▲ **" + c + "**" : c).append(" |");
                }
                m.append('\n');
            }
            m.append('\n');
        } else if (b instanceof RateChart c) {
            chart(m, c.title(), c.bars(), t);
        } else if (b instanceof RatioChart c) {
            chart(m, c.title(), c.bars(), t);
        }
    }

    private static void chart(StringBuilder m, String title, List<ChartBar> bars, Texts t) {
        m.append("*").append(esc(title)).append("*\n\n| ").append(esc(t.get("column.group"))).append(" | ")
                .append(esc(t.get("column.value"))).append(" |\n|---|---:|\n");
        for (ChartBar b : bars) {
            m.append("| ").append(cell(b.label())).append(" | ").append(cell(b.text())).append(" |\n");
        }
        m.append('\n');
    }

    private static void inline(StringBuilder m, List<Inline> runs) {
        for (Inline r : runs) {
            String text = esc(r.text());
            if (r.strong()) {
                text = "**" + text + "**";
            }
            if (r.href() != null) {
                text = "[" + text + "](" + r.href() + ")";
            }
            m.append(text);
        }
    }

    private static String cell(String s) {
        return esc(s).replace("\n", " ");
    }

    /**
     * Escapes Markdown: a backslash before every character that could start markup or raw HTML
     * ({@code \ ` * _ [ ] < > | & ~ #}), so user text is always shown literally.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ("\\`*_[]<>|&~#".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch == '\n' || ch == '\r' ? ' ' : ch);
        }
        return b.toString();
    }
}
