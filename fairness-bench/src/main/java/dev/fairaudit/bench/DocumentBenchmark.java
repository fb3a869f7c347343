package dev.fairaudit.bench;

import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.counts.OutcomeCounts;
import dev.fairaudit.report.JsonAuditWriter;
import dev.fairaudit.report.document.AuditDocumentBuilder;
import dev.fairaudit.report.document.AuditDocuments;
import dev.fairaudit.report.document.DocumentOptions;
import dev.fairaudit.report.document.HtmlDocumentWriter;
import dev.fairaudit.report.document.Language;
import dev.fairaudit.report.document.MarkdownDocumentWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering the audit document of 1,000 groups: one grouping of 1,000 values plus the whole population, each
 * group with all 11 rates (with intervals) and its 11 comparisons with the reference (ratio, difference,
 * intervals, tests, adjusted p-values): 22 metric values per group, over 20 as the issue asks. Timed: building
 * the document model and writing it as HTML, or as Markdown (nl, the locale with more formatting), from a result
 * that already has its document control and disclosure decisions; the JSON serialisation of the same result
 * is measured beside it as a baseline. Target: HTML under 200 ms.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class DocumentBenchmark {

    /** The result, built once per trial. */
    @State(Scope.Benchmark)
    public static class Result {
        AuditResult result;

        /** 1,000 seeded groups of 40 to 400 rows each. */
        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(0xD0C5L);
            Grouping g = Grouping.of("area");
            Map<GroupKey, OutcomeCounts> groups = new TreeMap<>();
            OutcomeCounts total = OutcomeCounts.empty();
            for (int i = 0; i < 1000; i++) {
                long n = 40 + random.nextInt(360);
                long tp = n * (5 + random.nextInt(10)) / 100;
                long fp = n * (5 + random.nextInt(10)) / 100;
                long fn = n * (5 + random.nextInt(10)) / 100;
                long unknown = n / 20;
                OutcomeCounts c = OutcomeCounts.ofRows(tp, fp, fn, n - tp - fp - fn - unknown, unknown / 2,
                        unknown - unknown / 2);
                groups.put(GroupKey.of(g.attributes(), List.of(String.format("area-%04d", i))), c);
                total = total.merge(c);
            }
            Map<Grouping, Map<GroupKey, OutcomeCounts>> all = new LinkedHashMap<>();
            all.put(g, groups);
            all.put(Grouping.OVERALL, Map.of(GroupKey.OVERALL, total));
            TableSource source = new TableSource("bench", "memory", null, total.totalRows(), 0, List.of(), List.of(),
                    List.of());
            AuditResult r = new GroupAudit(AuditSettings.defaults()).run(new GroupedCounts(all), null, source,
                    List.of());
            result = AuditDocuments.prepare(r, new DocumentOptions(10, Map.of("system", "bench"), null, null, null,
                    Instant.EPOCH));
        }
    }

    /** The document model and its HTML. */
    @Benchmark
    public String html(Result r) {
        return HtmlDocumentWriter.render(new AuditDocumentBuilder().build(r.result, Language.EN, null));
    }

    /** The document model and its Markdown, in Dutch. */
    @Benchmark
    public String markdownDutch(Result r) {
        return MarkdownDocumentWriter.render(new AuditDocumentBuilder().build(r.result, Language.NL, null));
    }

    /** Baseline: audit.json of the same result. */
    @Benchmark
    public String json(Result r) {
        return JsonAuditWriter.toText(r.result);
    }
}
