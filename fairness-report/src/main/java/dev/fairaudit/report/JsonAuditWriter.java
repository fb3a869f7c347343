package dev.fairaudit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairaudit.core.table.OutcomeCoding;
import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.GroupingSummary;
import dev.fairaudit.metrics.IndependenceTest;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.OddsDifference;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.Spread;
import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.stats.TestResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an {@link AuditResult} as the JSON audit document ({@code audit.json}). The layout is documented in
 * {@code docs/audit-json.md}; field order is fixed, so the same result always gives the same bytes.
 */
public final class JsonAuditWriter {

    /** The schema version of the document. Bumped on any incompatible change. */
    public static final String SCHEMA_VERSION = "1.0";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private JsonAuditWriter() {
    }

    /** The document as a JSON tree. */
    public static ObjectNode toJson(AuditResult r) {
        ObjectNode root = F.objectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        ObjectNode generator = root.putObject("generator");
        generator.put("name", "fairaudit");
        generator.put("version", Version.get());
        root.set("input", input(r.input()));
        root.set("settings", settings(r.settings(), r.tableSpec()));
        ArrayNode refs = root.putArray("references");
        for (ReferenceChoice c : r.references()) {
            ObjectNode o = refs.addObject();
            o.set("grouping", grouping(c.grouping()));
            o.set("reference", attributes(c.reference()));
            o.put("basis", c.basis());
        }
        ArrayNode groups = root.putArray("groups");
        for (GroupResult g : r.groups()) {
            groups.add(group(g));
        }
        ArrayNode comparisons = root.putArray("comparisons");
        for (ComparisonResult c : r.comparisons()) {
            comparisons.add(comparison(c));
        }
        ArrayNode tests = root.putArray("independenceTests");
        for (IndependenceTest t : r.independenceTests()) {
            ObjectNode o = tests.addObject();
            o.set("grouping", grouping(t.grouping()));
            o.put("status", t.status().name());
            o.put("groupsTested", t.groupsTested());
            putTest(o, t.test());
        }
        ArrayNode summaries = root.putArray("summaries");
        for (GroupingSummary s : r.summaries()) {
            summaries.add(summary(s));
        }
        ProxyJson.write(root, r.proxyAnalysis());
        ArrayNode warnings = root.putArray("warnings");
        r.warnings().forEach(warnings::add);
        AggregateJson.addTo(root, r);
        ScoresTrendsJson.write(root, r);
        RiskProfileJson.addTo(root, r); // withheld cells as decided by AnalysisDisclosure
        dev.fairaudit.report.document.DocumentJson.addTo(root, r); // document control; withheld cells marked
        return root;
    }

    /** The document as text, ending in a newline. */
    public static String toText(AuditResult r) {
        return new String(toBytes(r), StandardCharsets.UTF_8);
    }

    /**
     * The document as UTF-8 bytes, ending in a newline: the bytes of {@link #toText}, written straight as UTF-8
     * (a document of several megabytes is not built as a string first).
     */
    public static byte[] toBytes(AuditResult r) {
        try {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
            MAPPER.writer(printer).writeValue(out, toJson(r));
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the document to a stream. */
    public static void write(AuditResult r, OutputStream out) throws IOException {
        out.write(toBytes(r));
    }

    /**
     * Writes the document to a file atomically: to a temporary file next to it, then renamed, so a reader
     * never sees half a document and a full disk leaves the old one in place.
     */
    public static void write(AuditResult r, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file readable by its owner only.
        Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.write(tmp, toBytes(r));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ObjectNode input(TableSource s) {
        ObjectNode o = F.objectNode();
        o.put("file", s.fileName());
        o.put("format", s.format());
        o.put("sha256", s.sha256());
        o.put("rowsRead", s.rowsRead());
        o.put("rowsSkipped", s.rowsSkipped());
        o.put("rowsUsed", s.rowsRead() - s.rowsSkipped());
        ArrayNode bad = o.putArray("badRowExamples");
        for (TableSource.BadRow b : s.badRowExamples()) {
            ObjectNode e = bad.addObject();
            e.put("line", b.line());
            e.put("column", b.column());
            e.put("reason", b.reason());
        }
        ArrayNode codings = o.putArray("outcomeCodings");
        for (OutcomeCoding c : s.outcomeCodings()) {
            ObjectNode e = codings.addObject();
            e.put("role", c.role());
            e.put("rule", c.rule());
            e.put("positive", c.positive());
            e.put("negative", c.negative());
            e.put("missing", c.missing());
            ObjectNode pos = e.putObject("positiveValues");
            c.positiveCounts().forEach(pos::put);
            ObjectNode neg = e.putObject("negativeValues");
            c.negativeCounts().forEach(neg::put);
            e.put("rowsWithUntrackedValues", c.otherValues());
        }
        ArrayNode w = o.putArray("warnings");
        s.warnings().forEach(w::add);
        return o;
    }

    /**
     * The {@code settings} object of {@link #toJson}, made alone: what a document's configuration hash covers,
     * without building the rest of the document.
     */
    public static ObjectNode settingsJson(AuditResult r) {
        return settings(r.settings(), r.tableSpec());
    }

    private static ObjectNode settings(AuditSettings s, TableSpec spec) {
        ObjectNode o = F.objectNode();
        if (spec != null) {
            ArrayNode p = o.putArray("protectedAttributes");
            spec.protectedAttributes().forEach(p::add);
            o.put("decision", spec.decision().spec());
            o.put("label", spec.label() == null ? null : spec.label().spec());
            o.put("score", spec.score());
            o.put("route", spec.route());
            o.put("timestamp", spec.timestamp());
            o.put("weight", spec.weight());
            ArrayNode missing = o.putArray("missingValues");
            spec.missingValues().stream().sorted().forEach(missing::add);
            o.put("missingGroup", spec.missingGroup());
            o.put("skipBadRows", spec.skipBadRows());
        }
        ArrayNode intersections = o.putArray("intersections");
        for (var i : s.intersections()) {
            ArrayNode a = intersections.addArray();
            i.forEach(a::add);
        }
        o.put("favourable", s.favourable().id());
        o.put("referenceStrategy", s.referenceStrategy().id());
        ObjectNode refs = o.putObject("references");
        s.references().forEach(refs::put);
        o.put("minGroupSize", s.minGroupSize());
        o.put("fourFifthsThreshold", s.fourFifthsThreshold());
        o.put("intervalMethod", s.intervalMethod().id());
        o.put("confidenceLevel", 0.95);
        o.put("pValueAdjustment", s.pValueAdjustment().id());
        return o;
    }

    private static ObjectNode group(GroupResult g) {
        ObjectNode o = F.objectNode();
        o.set("attributes", attributes(g.group()));
        o.put("rows", g.rows());
        o.put("n", g.n());
        o.put("unknownLabelRows", g.unknownLabelRows());
        o.put("belowMinGroupSize", g.belowMinGroupSize());
        o.set("populationShare", metricValue(g.populationShare()));
        for (Metric m : Metric.values()) {
            o.set(m.key(), metricValue(g.metric(m)));
        }
        ObjectNode counts = o.putObject("counts");
        counts.put("truePositive", g.counts().weight(Cell.TRUE_POSITIVE));
        counts.put("falsePositive", g.counts().weight(Cell.FALSE_POSITIVE));
        counts.put("falseNegative", g.counts().weight(Cell.FALSE_NEGATIVE));
        counts.put("trueNegative", g.counts().weight(Cell.TRUE_NEGATIVE));
        counts.put("selectedLabelUnknown", g.counts().weight(Cell.SELECTED_UNKNOWN));
        counts.put("notSelectedLabelUnknown", g.counts().weight(Cell.NOT_SELECTED_UNKNOWN));
        return o;
    }

    private static ObjectNode comparison(ComparisonResult c) {
        ObjectNode o = F.objectNode();
        o.set("attributes", attributes(c.group()));
        o.set("reference", attributes(c.reference()));
        o.put("metric", c.metric().key());
        o.put("status", c.status().name());
        o.set("ratio", estimate(c.ratio()));
        o.set("difference", estimate(c.difference()));
        putTest(o, c.test());
        putNullable(o, "pValueAdjusted", c.pValueAdjusted());
        if (c.fourFifths() != null) {
            FourFifthsCheck f = c.fourFifths();
            ObjectNode ff = o.putObject("fourFifths");
            ff.put("threshold", f.threshold());
            ff.put("verdict", f.verdict().name());
            ff.put("disadvantaged", f.disadvantaged());
        }
        return o;
    }

    private static ObjectNode summary(GroupingSummary s) {
        ObjectNode o = F.objectNode();
        o.set("grouping", grouping(s.grouping()));
        o.set("reference", attributes(s.reference()));
        ObjectNode spreads = o.putObject("spreads");
        for (Metric m : Metric.values()) {
            Spread sp = s.spreads().get(m);
            ObjectNode e = spreads.putObject(m.key());
            e.put("status", sp.status().name());
            e.set("maxGroup", sp.maxGroup() == null ? F.nullNode() : attributes(sp.maxGroup()));
            putNullable(e, "max", sp.max());
            e.set("minGroup", sp.minGroup() == null ? F.nullNode() : attributes(sp.minGroup()));
            putNullable(e, "min", sp.min());
            putNullable(e, "maxMinDifference", sp.maxMinDifference());
            putNullable(e, "minMaxRatio", sp.minMaxRatio());
            e.put("groupsIncluded", sp.groupsIncluded());
            e.put("groupsExcluded", sp.groupsExcluded());
        }
        ObjectNode eod = o.putObject("equalizedOddsDifference");
        putNullable(eod, "value", s.equalizedOddsDifference().value());
        eod.put("status", s.equalizedOddsDifference().status().name());
        ArrayNode odds = o.putArray("oddsDifferences");
        for (OddsDifference d : s.oddsDifferences()) {
            ObjectNode e = odds.addObject();
            e.set("attributes", attributes(d.group()));
            e.put("status", d.status().name());
            putNullable(e, "equalizedOddsDifference", d.equalizedOddsDifference());
            putNullable(e, "averageAbsoluteOddsDifference", d.averageAbsoluteOddsDifference());
        }
        return o;
    }

    static ObjectNode metricValue(MetricValue v) {
        ObjectNode o = F.objectNode();
        putNullable(o, "value", v.value());
        o.put("status", v.status().name());
        o.put("numerator", v.numerator());
        o.put("denominator", v.denominator());
        o.put("denominatorRows", v.rows());
        o.set("ci95", interval(v.ci95()));
        return o;
    }

    static ObjectNode estimate(Estimate e) {
        ObjectNode o = F.objectNode();
        putNullable(o, "value", e.value());
        o.put("status", e.status().name());
        o.set("ci95", interval(e.ci95()));
        return o;
    }

    static JsonNode interval(Interval i) {
        if (i == null) {
            return F.nullNode();
        }
        ObjectNode o = F.objectNode();
        o.put("lower", i.lower());
        o.put("upper", i.upper());
        o.put("method", i.method());
        return o;
    }

    static void putTest(ObjectNode o, TestResult t) {
        if (t == null) {
            o.putNull("test");
            o.putNull("statistic");
            o.putNull("degreesOfFreedom");
            o.putNull("pValue");
            return;
        }
        o.put("test", t.test());
        o.put("statistic", t.statistic());
        o.put("degreesOfFreedom", t.degreesOfFreedom());
        o.put("pValue", t.pValue());
    }

    static ObjectNode attributes(GroupKey k) {
        ObjectNode o = F.objectNode();
        k.attributes().forEach(o::put);
        return o;
    }

    static ArrayNode grouping(Grouping g) {
        ArrayNode a = F.arrayNode();
        g.attributes().forEach(a::add);
        return a;
    }

    static void putNullable(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }
}
