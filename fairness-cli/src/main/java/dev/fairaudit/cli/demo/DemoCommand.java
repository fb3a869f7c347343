package dev.fairaudit.cli.demo;

import dev.fairaudit.cli.ExitCodes;
import dev.fairaudit.cli.FairauditCommand;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.VerificationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fairaudit demo}: generates the synthetic {@link MunicipalScenario} into a folder, verifies its logs,
 * and audits them through {@code fairaudit audit} with the arguments of {@link #auditArguments}.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs a seeded, SYNTHETIC municipal scenario end to end: a risk profile for benefit controls decides "
                + "through a wrapped model into a keyed decision log (with random controls, tip-offs, reviews, "
                + "outcomes and governance events); the log is verified and then audited with `fairaudit audit`.",
            "The log, its key, a README.txt, the pre-registered criteria and audit.json stay in the output folder."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the demo ran and was audited (its audit fails pre-registered criteria, as the scenario is built to;"
                + " the demo prints the audit's own exit code)",
            "2:usage error (bad option, or --out holds something other than an earlier demo)",
            "3:integrity failure: the generated log does not verify",
            "70:internal error"})
public final class DemoCommand implements Callable<Integer> {

    /** The simulated year. */
    static final int YEAR = 2025;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "fairaudit-demo",
            description = "Output folder (default: ${DEFAULT-VALUE}). An earlier demo's output there is replaced;"
                    + " anything else there makes the demo stop.")
    Path out;

    @Option(names = "--lang", paramLabel = "nl|en", defaultValue = "en",
            description = "Language of the audit document (default: ${DEFAULT-VALUE}); recorded now, passed on to the"
                    + " audit once the document supports languages.")
    String lang;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "2025",
            description = "Seed of the scenario (default: ${DEFAULT-VALUE}); the same seed gives the same log and"
                    + " the same audit.json.")
    long seed;

    @Option(names = "--people", paramLabel = "N", defaultValue = "20000",
            description = "Residents reassessed in the year, 1000 to 1000000 (default: ${DEFAULT-VALUE}).")
    int people;

    /** For picocli. */
    public DemoCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!lang.equals("nl") && !lang.equals("en")) {
            err.println("fairaudit demo: --lang must be nl or en, was '" + lang + "'");
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        if (people < 1000 || people > 1_000_000) {
            err.println("fairaudit demo: --people must be in [1000, 1000000], was " + people);
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        try {
            String refusal = prepare(out);
            if (refusal != null) {
                err.println("fairaudit demo: " + refusal);
                return ExitCodes.USAGE_OR_INPUT_ERROR;
            }
            stdout.println("fairaudit demo -- SYNTHETIC DATA: invented residents of an invented city, no real person.");
            stdout.printf(Locale.ROOT, "Generating %,d reassessments over %d (seed %d) into %s ...%n", people, YEAR,
                    seed, out);
            ScenarioSummary summary = MunicipalScenario.generate(seed, people, YEAR, out);
            Path keyFile = DemoFiles.writeKey(out, MunicipalScenario.demoKey(seed, "log"));
            DemoFiles.writeCriteria(out);
            DemoFiles.writeReadme(out, summary, lang);
            printScenario(summary, stdout);

            byte[] key = MunicipalScenario.demoKey(seed, "log");
            for (String log : List.of(MunicipalScenario.DECISION_LOG, MunicipalScenario.ATTRIBUTES_LOG)) {
                VerificationReport report = LogVerifier.verify(out.resolve(log), key);
                stdout.println("verify-log " + out.resolve(log) + ": " + report.summary());
                if (!report.ok()) {
                    return ExitCodes.INTEGRITY_FAILURE;
                }
            }
            stdout.println();
            List<String> arguments = auditArguments(out, keyFile, lang);
            stdout.println("Auditing the log: fairaudit " + String.join(" ", arguments));
            stdout.println();
            int exit = FairauditCommand.execute(arguments.toArray(String[]::new), stdout, err);
            stdout.println();
            stdout.println("Audit document: " + out.resolve("audit.html") + " (synthetic data; see "
                    + out.resolve(DemoFiles.README) + ")");
            stdout.println("The audit's exit code " + exit + ": " + meaning(exit));
            // Failed criteria are what this scenario was built to show, so the demo itself succeeded; a
            // scheduled `fairaudit audit` returns 1 there so that a pipeline can stop.
            return exit == ExitCodes.CRITERIA_FAILED ? ExitCodes.SUCCESS : exit;
        } catch (IOException e) {
            err.println("fairaudit demo: " + e);
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /**
     * The arguments of the {@code fairaudit audit} run on the demo's logs, built in one place so that new
     * analyses are switched on here.
     *
     * @param out     the demo's output folder (the logs are under it, audit.json goes into it)
     * @param keyFile the logs' key file
     * @param lang    the document language; passed on once the document supports it
     * @return the arguments, starting with the subcommand
     */
    static List<String> auditArguments(Path out, Path keyFile, String lang) {
        List<String> a = new ArrayList<>(List.of("audit",
                "--log", out.resolve(MunicipalScenario.DECISION_LOG).toString(),
                "--attributes-log", out.resolve(MunicipalScenario.ATTRIBUTES_LOG).toString(),
                "--key-file", keyFile.toString(),
                "--protected", "migrationBackground,gender",
                "--intersect", "migrationBackground,gender",
                "--reference", "migrationBackground=none",
                "--favourable", "not-selected",
                "--route", "route",
                "--criteria", out.resolve(DemoFiles.CRITERIA_FILE).toString(),
                "--features", "postcode,language,household,ageBand",
                "--period", "month",
                "--lang", lang,
                "--out", out.toString()));
        return a;
    }

    private static String meaning(int exit) {
        return switch (exit) {
            case ExitCodes.SUCCESS -> "success: every pre-registered criterion passed or was inconclusive";
            case ExitCodes.CRITERIA_FAILED -> "a pre-registered criterion failed, as this scenario was built to "
                    + "(a scheduled audit exits with 1 here, so that a pipeline can stop)";
            case ExitCodes.USAGE_OR_INPUT_ERROR -> "usage or input error (message above)";
            case ExitCodes.INTEGRITY_FAILURE -> "integrity failure: the log does not verify";
            default -> "internal error (message above)";
        };
    }

    /**
     * Makes {@code dir} ready: creates it, or clears an earlier demo's output from it; returns why not when it
     * holds anything else (nothing is deleted then).
     */
    static String prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            return dir + " exists and is not a folder";
        }
        Files.createDirectories(dir);
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        }
        if (entries.isEmpty()) {
            return null;
        }
        Path readme = dir.resolve(DemoFiles.README);
        boolean earlierDemo = Files.isRegularFile(readme) && Files.readString(readme, StandardCharsets.UTF_8)
                .startsWith(DemoFiles.README_FIRST_LINE);
        List<String> ours = List.of(MunicipalScenario.DECISION_LOG, MunicipalScenario.ATTRIBUTES_LOG,
                DemoFiles.KEY_FILE, DemoFiles.CRITERIA_FILE, DemoFiles.README, "audit.json", "audit.html", "audit.md");
        List<Path> foreign = entries.stream().filter(p -> !ours.contains(p.getFileName().toString())).toList();
        if (!earlierDemo || !foreign.isEmpty()) {
            return dir + " is not empty and does not hold only an earlier demo's output; choose another --out"
                    + " or empty it";
        }
        for (String name : ours) {
            deleteRecursively(dir.resolve(name));
        }
        return null;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void printScenario(ScenarioSummary s, PrintWriter out) {
        out.printf(Locale.ROOT, "%,d decisions, %,d controls, %,d violations found, %,d selections overridden"
                + " in review.%n", s.people(), s.controls(), s.found(), s.overrides());
        out.println("True violation rates (known only because the data are synthetic; the log cannot show them):");
        s.truthByMigration().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                out.printf(Locale.ROOT, "  %-14s %6.1f%% of %,d%n", e.getKey(), 100 * e.getValue().violationRate(),
                        e.getValue().people()));
        out.println("True violation rates among controlled cases, by route:");
        s.truthOfControls().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e ->
                out.printf(Locale.ROOT, "  %-14s %6.1f%% of %,d%n", e.getKey(), 100 * e.getValue().violationRate(),
                        e.getValue().people()));
        out.println("The profile's selection rate by migration background, month by month (it retrains on what it"
                + " found):");
        out.printf(Locale.ROOT, "  %-5s %-8s %-9s %8s %10s %13s %22s%n", "month", "version", "threshold", "none",
                "european", "non-european", "non-european / none");
        for (ScenarioSummary.MonthSummary m : s.months()) {
            double none = m.selectionRate(Population.NONE);
            double nonEuropean = m.selectionRate(Population.NON_EUROPEAN);
            out.printf(Locale.ROOT, "  %-5d %-8s %-9.2f %7.1f%% %9.1f%% %12.1f%% %22.2f%n", m.month(),
                    m.modelVersion(), m.threshold(), 100 * none, 100 * m.selectionRate(Population.EUROPEAN),
                    100 * nonEuropean, nonEuropean / none);
        }
        out.println();
    }
}
