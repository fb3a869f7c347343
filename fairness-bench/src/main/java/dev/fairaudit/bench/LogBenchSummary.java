package dev.fairaudit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints JMH JSON results as one Markdown table to paste into a note: a row per benchmark, parameters and
 * figure (p50 and p99 for sampled times, the score otherwise, bytes allocated per operation when run with
 * {@code -prof gc}), a column per run. Runs side by side make the comparison to a baseline measured in the
 * same session easy to read.
 *
 * <p>Usage: {@code java -cp fairness-bench/target/benchmarks.jar dev.fairaudit.bench.LogBenchSummary RUN...},
 * where each RUN is a JMH JSON results file or a folder of them (one column), optionally written
 * {@code label=path}.
 */
public final class LogBenchSummary {

    private LogBenchSummary() {
    }

    /**
     * Prints the table to standard output.
     *
     * @param args the runs, as above
     * @throws IOException when a results file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: LogBenchSummary [label=]results.json|folder ...");
            System.exit(2);
        }
        List<String> labels = new ArrayList<>();
        List<Map<String, String>> columns = new ArrayList<>();
        Map<String, Boolean> rows = new LinkedHashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String label = eq > 0 ? arg.substring(0, eq) : arg;
            Path path = Path.of(eq > 0 ? arg.substring(eq + 1) : arg);
            List<Path> files = new ArrayList<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
                }
            } else {
                files.add(path);
            }
            Map<String, String> column = new LinkedHashMap<>();
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    for (Path t : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".txt")).sorted()::iterator) {
                        readText(Files.readAllLines(t), column);
                    }
                }
            }
            for (Path f : files) {
                if (Files.size(f) == 0) {
                    continue;
                }
                for (JsonNode result : mapper.readTree(f.toFile())) {
                    read(result, column);
                }
            }
            column.keySet().forEach(k -> rows.put(k, true));
            labels.add(label);
            columns.add(column);
        }
        print(System.out, labels, columns, rows.keySet());
    }

    /** Adds the figures of one JMH result to {@code column}, keyed by row name. */
    static void read(JsonNode result, Map<String, String> column) {
        String bench = result.path("benchmark").asText();
        bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
        Map<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = result.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.put(e.getKey(), e.getValue().asText());
        }
        String name = bench + (params.isEmpty() ? "" : " " + params.toString().replace("{", "(").replace("}", ")"));
        JsonNode primary = result.path("primaryMetric");
        String unit = primary.path("scoreUnit").asText();
        if (result.path("mode").asText().equals("sample")) {
            JsonNode pct = primary.path("scorePercentiles");
            column.put(name + " p50 [" + unit + "]", number(pct.path("50.0").asDouble()));
            column.put(name + " p99 [" + unit + "]", number(pct.path("99.0").asDouble()));
        } else {
            column.put(name + " [" + unit + "]", number(primary.path("score").asDouble()) + " ± "
                    + number(primary.path("scoreError").asDouble()));
        }
        JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
        if (!alloc.isMissingNode()) {
            column.put(name + " alloc [B/op]", number(alloc.path("score").asDouble()));
        }
    }

    private static final Pattern CALLER = Pattern.compile("^\\[caller] .* ([\\d,.]+) bytes allocated per call on the"
            + " calling thread(?:, ([\\d,.]+) ns CPU per call)?");
    private static final Pattern WRITER = Pattern.compile(
            "^\\[(?:log|queue)] .*writer thread.* ([\\d,.]+) ns CPU per record");

    /**
     * Adds what the benchmarks print per measurement iteration (JMH's text output, warm-up left out): the
     * calling thread's bytes and CPU time per call, and the writer thread's CPU time per record, as means.
     * CPU times leave out the time a thread waited for a core, so they compare better than wall-clock
     * figures on a busy machine.
     */
    static void readText(List<String> lines, Map<String, String> column) {
        String name = null;
        boolean measuring = false;
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("# Benchmark: ")) {
                String bench = line.substring("# Benchmark: ".length()).trim();
                name = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
                measuring = false;
            } else if (line.startsWith("# Parameters: (") && name != null) {
                Map<String, String> params = new TreeMap<>();
                for (String kv : line.substring("# Parameters: (".length(), line.length() - 1).split(", ")) {
                    String[] p = kv.split(" = ", 2);
                    params.put(p[0], p.length > 1 ? p[1] : "");
                }
                name = name + " " + params.toString().replace("{", "(").replace("}", ")");
            } else if (line.startsWith("# Warmup Iteration")) {
                measuring = false;
            } else if (line.startsWith("Iteration ")) {
                measuring = true;
            } else if (measuring && name != null) {
                Matcher c = CALLER.matcher(line);
                if (c.find()) {
                    add(sums, name + " calling thread alloc [B/call]", c.group(1));
                    if (c.group(2) != null) {
                        add(sums, name + " calling thread CPU [ns/call]", c.group(2));
                    }
                }
                Matcher w = WRITER.matcher(line);
                if (w.find()) {
                    add(sums, name + " writer thread CPU [ns/record]", w.group(1));
                }
            }
        }
        for (Map.Entry<String, double[]> e : sums.entrySet()) {
            column.put(e.getKey(), number(e.getValue()[0] / e.getValue()[1]));
        }
    }

    private static void add(Map<String, double[]> sums, String row, String figure) {
        try {
            double v = Double.parseDouble(figure.replace(",", ""));
            double[] s = sums.computeIfAbsent(row, k -> new double[2]);
            s[0] += v;
            s[1]++;
        } catch (NumberFormatException e) {
            // "NaN" or a figure the JVM could not measure: leave the row out
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void print(PrintStream out, List<String> labels, List<Map<String, String>> columns,
            Iterable<String> rows) {
        StringBuilder head = new StringBuilder("| benchmark (parameters) figure [unit] |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String l : labels) {
            head.append(' ').append(l).append(" |");
            rule.append("---:|");
        }
        out.println(head);
        out.println(rule);
        for (String row : rows) {
            StringBuilder line = new StringBuilder("| ").append(row).append(" |");
            for (Map<String, String> c : columns) {
                line.append(' ').append(c.getOrDefault(row, "")).append(" |");
            }
            out.println(line);
        }
    }
}
