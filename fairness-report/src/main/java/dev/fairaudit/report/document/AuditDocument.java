package dev.fairaudit.report.document;

import java.util.List;

/**
 * The audit document as a tree of sections and blocks, in one language, with every number already formatted.
 * Writers ({@link HtmlDocumentWriter}, {@link MarkdownDocumentWriter}) only lay it out.
 *
 * @param language the language
 * @param title    the title
 * @param subtitle one line under the title (document id and date)
 * @param sections the sections, in order
 */
public record AuditDocument(Language language, String title, String subtitle, List<Section> sections) {

    /** Copies. */
    public AuditDocument {
        sections = List.copyOf(sections);
    }

    /**
     * One section.
     *
     * @param id     its anchor (letters, digits and dashes), unique in the document
     * @param title  its heading
     * @param blocks its content
     */
    public record Section(String id, String title, List<Block> blocks) {

        /** Copies. */
        public Section {
            blocks = List.copyOf(blocks);
        }
    }

    /** A piece of a section. */
    public sealed interface Block permits Heading, Paragraph, Bullets, Facts, Table, RateChart, RatioChart {
    }

    /**
     * A sub-heading within a section.
     *
     * @param id   its anchor, or null
     * @param text its text
     */
    public record Heading(String id, String text) implements Block {
    }

    /**
     * A run of text, optionally a link to an anchor in the document and optionally emphasised.
     *
     * @param text   the text (plain; writers escape it)
     * @param href   an anchor ({@code #id}) or null
     * @param strong whether it is emphasised
     */
    public record Inline(String text, String href, boolean strong) {

        /** Plain text. */
        public static Inline text(String t) {
            return new Inline(t, null, false);
        }

        /** Emphasised text. */
        public static Inline strong(String t) {
            return new Inline(t, null, true);
        }

        /** A link to an anchor in the document. */
        public static Inline link(String t, String anchor) {
            return new Inline(t, "#" + anchor, false);
        }
    }

    /**
     * A paragraph.
     *
     * @param content its runs
     * @param note    whether it is an explanation set beside a table (rendered as an aside)
     */
    public record Paragraph(List<Inline> content, boolean note) implements Block {

        /** Copies. */
        public Paragraph {
            content = List.copyOf(content);
        }

        /** A paragraph of plain text. */
        public static Paragraph of(String text) {
            return new Paragraph(List.of(Inline.text(text)), false);
        }

        /** An explanation beside a table. */
        public static Paragraph note(String text) {
            return new Paragraph(List.of(Inline.text(text)), true);
        }
    }

    /**
     * A bulleted (or numbered) list.
     *
     * @param items   each item's runs
     * @param ordered whether it is numbered
     */
    public record Bullets(List<List<Inline>> items, boolean ordered) implements Block {

        /** Copies. */
        public Bullets {
            items = items.stream().map(List::copyOf).toList();
        }
    }

    /**
     * Name-value pairs (a definition list; a two-column table in Markdown).
     *
     * @param facts the pairs, in order
     */
    public record Facts(List<Fact> facts) implements Block {

        /** Copies. */
        public Facts {
            facts = List.copyOf(facts);
        }
    }

    /**
     * One name-value pair.
     *
     * @param name  the name
     * @param value the value
     * @param code  whether the value is code or a hash (set in a monospaced font)
     */
    public record Fact(String name, String value, boolean code) {
    }

    /**
     * A data table. The first cell of each row is the row's header.
     *
     * @param id      its anchor, or null
     * @param caption its caption (what it shows)
     * @param header  the column headers
     * @param numeric per column, whether it holds numbers (right-aligned)
     * @param rows    the rows
     */
    public record Table(String id, String caption, List<String> header, List<Boolean> numeric, List<Row> rows)
            implements Block {

        /** Copies and checks the widths. */
        public Table {
            header = List.copyOf(header);
            numeric = List.copyOf(numeric);
            rows = List.copyOf(rows);
            for (Row r : rows) {
                if (r.cells().size() != header.size()) {
                    throw new IllegalArgumentException("row " + r.cells() + " does not have " + header.size()
                            + " cells");
                }
            }
            if (numeric.size() != header.size()) {
                throw new IllegalArgumentException("numeric needs one flag per column");
            }
        }
    }

    /**
     * A table row.
     *
     * @param cells the cells, as text
     * @param flag  whether the row is marked (a failed check); marked in words too, never by colour only
     */
    public record Row(List<String> cells, boolean flag) {

        /** Copies. */
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * A chart of rates with their 95% intervals, one bar per group.
     *
     * @param id          its anchor
     * @param title       its title
     * @param description its text equivalent (what it shows, in one sentence)
     * @param bars        the bars
     */
    public record RateChart(String id, String title, String description, List<ChartBar> bars) implements Block {

        /** Copies. */
        public RateChart {
            bars = List.copyOf(bars);
        }
    }

    /**
     * Ratios against the reference with their 95% intervals, on a log scale, with the four-fifths band.
     *
     * @param id          its anchor
     * @param title       its title
     * @param description its text equivalent
     * @param bandLow     the lower edge of the band (the threshold)
     * @param bandHigh    the upper edge (1 / threshold)
     * @param bars        the bars (value = ratio)
     */
    public record RatioChart(String id, String title, String description, double bandLow, double bandHigh,
            List<ChartBar> bars) implements Block {

        /** Copies. */
        public RatioChart {
            bars = List.copyOf(bars);
        }
    }

    /**
     * One bar: a label, a value with interval (null when not shown) and the text shown beside it.
     *
     * @param label the group
     * @param value the value, or null (the text says why)
     * @param lower the interval's lower bound, or null
     * @param upper the interval's upper bound, or null
     * @param text  the formatted value (or the reason it is missing), shown beside the bar
     * @param flag  whether the bar is marked (outside the band); also marked in the text
     */
    public record ChartBar(String label, Double value, Double lower, Double upper, String text, boolean flag) {
    }
}
