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
import java.util.Locale;

/**
 * Lays an {@link AuditDocument} out as one self-contained HTML file: inline CSS, inline SVG charts, no
 * JavaScript, no external resources. Semantic tables ({@code th} with {@code scope}), charts with title and
 * description, flags in words as well as colour (Okabe-Ito palette), a phone layout and print styles with a page
 * break before each section. Every text node and attribute is escaped.
 */
public final class HtmlDocumentWriter {

    private static final String CSS = """
            :root{--ink:#1a1a1a;--muted:#555;--line:#c8c8c8;--blue:#0072B2;--orange:#D55E00;--band:#e8e8e8;\
            --flag:#fbe9dd}
            *{box-sizing:border-box}
            body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;\
            color:var(--ink);background:#fff}
            header,main{max-width:76rem;margin:0 auto;padding:0 1rem}
            header{border-bottom:3px solid var(--blue);padding-top:1rem}
            h1{font-size:1.7rem;margin:.2rem 0}h2{font-size:1.35rem;margin-top:2rem;border-bottom:1px solid \
            var(--line)}h3{font-size:1.15rem;margin-top:1.6rem}h4{font-size:1rem;margin:1.2rem 0 .3rem}
            .subtitle{color:var(--muted);margin:.2rem 0 .6rem;overflow-wrap:anywhere}
            nav ol{display:flex;flex-wrap:wrap;gap:.2rem 1.4rem;list-style:none;padding:0;margin:.4rem 0 1rem}
            a{color:var(--blue)}
            .note{color:var(--muted);border-left:3px solid var(--line);padding-left:.6rem;margin:.3rem 0 .6rem}
            .table-wrap{overflow-x:auto;margin:.4rem 0 1rem}
            table{border-collapse:collapse;font-size:.92rem;min-width:100%}
            caption{text-align:left;font-weight:600;padding:.2rem 0}
            th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;vertical-align:top;text-align:left}
            thead th{border-bottom:2px solid var(--ink)}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .ci{display:block;color:var(--muted);font-size:.85em}
            tr.flag{background:var(--flag)}tr.flag th::before{content:"\\25B2\\00A0";color:var(--orange)}
            dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.2rem 1rem}
            dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}code{font-size:.85rem}
            figure{margin:1rem 0}figcaption{font-weight:600}
            svg{max-width:100%;height:auto}svg text{font:12px "DejaVu Sans",sans-serif;fill:var(--ink)}
            @media (max-width:40rem){body{font-size:15px}dl{grid-template-columns:1fr}dt{margin-top:.4rem}\
            figure{overflow-x:auto}svg{max-width:none}}
            @media print{nav{display:none}main>section{break-before:page}main>section:first-child{break-before:auto}\
            .table-wrap{overflow:visible}tr,figure{break-inside:avoid}a{color:inherit}body{font-size:11pt}}
            """;

    private HtmlDocumentWriter() {
    }

    /** The HTML text. */
    public static String render(AuditDocument d) {
        Texts t = Texts.of(d.language());
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"").append(d.language().id()).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(d.title())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(esc(d.title())).append("</h1>\n")
                .append("<p class=\"subtitle\">").append(esc(d.subtitle())).append("</p>\n")
                .append("<nav aria-label=\"").append(esc(t.get("document.contents"))).append("\"><ol>\n");
        for (Section s : d.sections()) {
            h.append("<li><a href=\"#").append(esc(s.id())).append("\">").append(esc(s.title())).append("</a></li>\n");
        }
        h.append("</ol></nav>\n</header>\n<main>\n");
        for (Section s : d.sections()) {
            h.append("<section id=\"").append(esc(s.id())).append("\" aria-labelledby=\"").append(esc(s.id()))
                    .append("-h\">\n<h2 id=\"").append(esc(s.id())).append("-h\">").append(esc(s.title()))
                    .append("</h2>\n");
            boolean inGroup = false;
            for (Block b : s.blocks()) {
                if (b instanceof Heading hd && hd.id() != null) {
                    h.append(inGroup ? "</section>\n" : "");
                    h.append("<section id=\"").append(esc(hd.id())).append("\">\n<h3>").append(esc(hd.text()))
                            .append("</h3>\n");
                    inGroup = true;
                } else {
                    block(h, b, t);
                }
            }
            h.append(inGroup ? "</section>\n" : "").append("</section>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void block(StringBuilder h, Block b, Texts t) {
        if (b instanceof Heading hd) {
            h.append("<h4>").append(esc(hd.text())).append("</h4>\n");
        } else if (b instanceof Paragraph p) {
            h.append(p.note() ? "<p class=\"note\">" : "<p>");
            inline(h, p.content());
            h.append("</p>\n");
        } else if (b instanceof Bullets l) {
            h.append(l.ordered() ? "<ol>\n" : "<ul>\n");
            for (List<Inline> item : l.items()) {
                h.append("<li>");
                inline(h, item);
                h.append("</li>\n");
            }
            h.append(l.ordered() ? "</ol>\n" : "</ul>\n");
        } else if (b instanceof Facts f) {
            h.append("<dl>\n");
            for (Fact x : f.facts()) {
                h.append("<dt>").append(esc(x.name())).append("</dt><dd>")
                        .append(x.code() ? "<code>" + esc(x.value()) + "</code>" : esc(x.value())).append("</dd>\n");
            }
            h.append("</dl>\n");
        } else if (b instanceof Table tb) {
            table(h, tb, t);
        } else if (b instanceof RateChart c) {
            rateChart(h, c);
        } else if (b instanceof RatioChart c) {
            ratioChart(h, c, t);
        }
    }

    private static void inline(StringBuilder h, List<Inline> runs) {
        for (Inline r : runs) {
            String text = esc(r.text());
            if (r.strong()) {
                text = "<strong>" + text + "</strong>";
            }
            if (r.href() != null) {
                text = "<a href=\"" + esc(r.href()) + "\">" + text + "</a>";
            }
            h.append(text);
        }
    }

    private static void table(StringBuilder h, Table tb, Texts t) {
        h.append("<div class=\"table-wrap\"><table").append(tb.id() == null ? "" : " id=\"" + esc(tb.id()) + "\"")
                .append(">\n<caption>").append(esc(tb.caption())).append("</caption>\n<thead><tr>");
        for (int i = 0; i < tb.header().size(); i++) {
            h.append("<th scope=\"col\"").append(tb.numeric().get(i) ? " class=\"num\"" : "").append('>')
                    .append(esc(tb.header().get(i))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Row r : tb.rows()) {
            h.append(r.flag() ? "<tr class=\"flag\">" : "<tr>");
            for (int i = 0; i < r.cells().size(); i++) {
                String cell = esc(r.cells().get(i));
                if (i == 0) {
                    h.append("<th scope=\"row\">").append(cell).append("</th>");
                } else {
                    h.append(tb.numeric().get(i) ? "<td class=\"num\">" : "<td>").append(splitInterval(cell))
                            .append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    /** "10.0% (7.1% – 13.9%)" → the interval on its own line, so that tables fit a page. */
    private static String splitInterval(String cell) {
        int open = cell.indexOf(" (");
        return open < 0 || !cell.endsWith(")") ? cell
                : cell.substring(0, open) + " <span class=\"ci\">" + cell.substring(open + 1) + "</span>";
    }

    private static final int LABEL_W = 170;
    private static final int PLOT_W = 300;
    private static final int ROW_H = 24;
    private static final int TOP = 8;

    private static void rateChart(StringBuilder h, RateChart c) {
        double max = 0.1;
        for (ChartBar b : c.bars()) {
            if (b.upper() != null) {
                max = Math.max(max, b.upper());
            }
        }
        max = Math.min(1, Math.ceil(max * 10) / 10);
        int height = TOP + c.bars().size() * ROW_H + 24;
        int width = LABEL_W + PLOT_W + 360;
        open(h, c.id(), c.title(), c.description(), width, height);
        int y0 = TOP;
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double x = LABEL_W + PLOT_W * v / max;
            h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c8c8c8\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d%%</text>\n", x, y0, x,
                    y0 + c.bars().size() * ROW_H, x, height - 6, Math.round(v * 100)));
        }
        int y = y0;
        for (ChartBar b : c.bars()) {
            label(h, b.label(), y);
            if (b.value() != null) {
                double w = PLOT_W * b.value() / max;
                h.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                        + "fill=\"#0072B2\" fill-opacity=\"0.75\"/>\n", LABEL_W, y + 5, w, ROW_H - 10));
                whisker(h, LABEL_W + PLOT_W * b.lower() / max, LABEL_W + PLOT_W * b.upper() / max, y + ROW_H / 2.0);
            }
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">", LABEL_W + PLOT_W + 8, y + 16))
                    .append(esc(b.text())).append("</text>\n");
            y += ROW_H;
        }
        h.append("</svg>\n</figure>\n");
    }

    private static void ratioChart(StringBuilder h, RatioChart c, Texts t) {
        double lo = c.bandLow() / 1.25;
        double hi = c.bandHigh() * 1.25;
        for (ChartBar b : c.bars()) {
            if (b.lower() != null) {
                lo = Math.min(lo, b.lower());
                hi = Math.max(hi, b.upper());
            }
        }
        double lmin = Math.log(Math.max(lo, 1e-3));
        double lmax = Math.log(Math.min(hi, 1e3));
        int height = TOP + c.bars().size() * ROW_H + 24;
        int width = LABEL_W + PLOT_W + 360;
        open(h, c.id(), c.title(), c.description(), width, height);
        int bottom = TOP + c.bars().size() * ROW_H;
        double bx0 = x(c.bandLow(), lmin, lmax);
        double bx1 = x(c.bandHigh(), lmin, lmax);
        h.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e8e8e8\"/>"
                + "\n", bx0, TOP, bx1 - bx0, bottom - TOP));
        for (double v : new double[] {c.bandLow(), 1.0, c.bandHigh()}) {
            double x = x(v, lmin, lmax);
            h.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\"%s/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", x, TOP, x, bottom,
                    v == 1.0 ? "" : " stroke-dasharray=\"4 3\"", x, height - 6)).append(esc(t.number(v)))
                    .append("</text>\n");
        }
        int y = TOP;
        for (ChartBar b : c.bars()) {
            label(h, b.label(), y);
            if (b.value() != null) {
                double cy = y + ROW_H / 2.0;
                if (b.lower() != null) {
                    whisker(h, x(b.lower(), lmin, lmax), x(b.upper(), lmin, lmax), cy);
                }
                double cx = x(b.value(), lmin, lmax);
                if (b.flag()) {
                    // Outside the band: an orange diamond (shape and text say it too, not colour alone).
                    h.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fl6 6-6 6-6-6z\" fill=\"#D55E00\"/>\n",
                            cx, cy - 6));
                } else {
                    h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#0072B2\"/>"
                            + "\n", cx, cy));
                }
            }
            h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">", LABEL_W + PLOT_W + 8, y + 16))
                    .append(esc(b.text())).append("</text>\n");
            y += ROW_H;
        }
        h.append("</svg>\n</figure>\n");
    }

    private static double x(double v, double lmin, double lmax) {
        double l = Math.log(Math.min(Math.max(v, Math.exp(lmin)), Math.exp(lmax)));
        return LABEL_W + PLOT_W * (l - lmin) / (lmax - lmin);
    }

    private static void open(StringBuilder h, String id, String title, String desc, int width, int height) {
        h.append("<figure>\n<figcaption id=\"").append(esc(id)).append("-caption\">").append(esc(title))
                .append("</figcaption>\n<svg id=\"").append(esc(id))
                .append(String.format(Locale.ROOT, "\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\"", width,
                        height, width, height))
                .append(" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-title ").append(esc(id))
                .append("-desc\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"").append(esc(id))
                .append("-title\">").append(esc(title)).append("</title>\n<desc id=\"").append(esc(id))
                .append("-desc\">").append(esc(desc)).append("</desc>\n");
    }

    private static void label(StringBuilder h, String label, int y) {
        String shown = label.length() > 24 ? label.substring(0, 23) + "…" : label;
        h.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", LABEL_W - 8, y + 16))
                .append(esc(shown)).append("</text>\n");
    }

    private static void whisker(StringBuilder h, double x0, double x1, double cy) {
        h.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fh%.1fM%.1f %.1fv10M%.1f %.1fv10\" stroke=\"#1a1a1a\" "
                + "stroke-width=\"1.5\" fill=\"none\"/>\n", x0, cy, x1 - x0, x0, cy - 5, x1, cy - 5));
    }

    /** Escapes text for an HTML text node or a double- or single-quoted attribute. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            String r = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (r != null) {
                    b.append(r);
                } else {
                    b.append(ch);
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
