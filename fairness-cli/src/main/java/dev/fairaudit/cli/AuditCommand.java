package dev.fairaudit.cli;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.log.LogVerifier;
import dev.fairaudit.core.log.VerificationReport;
import dev.fairaudit.core.table.DecisionLogInput;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.OutcomeRule;
import dev.fairaudit.core.table.TableReader;
import dev.fairaudit.core.table.TableSource;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditConfigurationException;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.AuditSettings;
import dev.fairaudit.metrics.ComparisonResult;
import dev.fairaudit.metrics.Favourable;
import dev.fairaudit.metrics.FourFifthsCheck;
import dev.fairaudit.metrics.GroupAudit;
import dev.fairaudit.metrics.GroupResult;
import dev.fairaudit.metrics.IntervalMethod;
import dev.fairaudit.metrics.Metric;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.ReferenceChoice;
import dev.fairaudit.metrics.ReferenceStrategy;
import dev.fairaudit.metrics.aggregate.AreaCounts;
import dev.fairaudit.metrics.counts.GroupedCounts;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.distributions.DistributionCounts;
import dev.fairaudit.metrics.document.ChangeRecord;
import dev.fairaudit.metrics.document.Disclosure;
import dev.fairaudit.metrics.document.LogVerification;
import dev.fairaudit.report.document.DocumentJson;
import dev.fairaudit.metrics.proxy.ProxyCounts;
import dev.fairaudit.metrics.stats.PValueAdjustment;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fairaudit audit}: reads a decision file, audits it per group and writes {@code audit.json}. */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Audits decisions in a CSV or JSON Lines file per protected group and intersection, and writes "
                + "DIR/audit.json.",
            "",
            "Example (ProPublica's COMPAS data):",
            "  fairaudit audit --input compas-scores-two-years.csv --protected race,sex --intersect race,sex \\",
            "    --decision score_text=Medium,High --label two_year_recid=1 --favourable not-selected \\",
            "    --reference race=Caucasian --out out/"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:criteria failed: a --criteria criterion FAILED (audit.json is written)",
            "2:usage or input error (the message names the file, line, column and value)",
            "3:integrity failure: a --log does not verify",
            "70:internal error"})
final class AuditCommand implements Callable<Integer> {

    /** Rows per chunk when a file is streamed: large enough to amortise per-chunk work, small enough to stay in cache. */
    private static final int CHUNK_ROWS = 1 << 16;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE",
            description = "CSV (comma, semicolon or tab) or JSON Lines (.jsonl, .ndjson); .gz is read directly.")
    Path input;

    @Option(names = "--log", paramLabel = "DIR",
            description = "A decision log folder as input instead of --input. It is verified first (exit 3 if "
                    + "it does not verify); decision = the final decision, label = the control's outcome "
                    + "(FOUND positive, NOT_FOUND negative, otherwise unknown).")
    Path log;

    @Option(names = "--attributes-log", paramLabel = "DIR",
            description = "With --log (and needed with it): the separate log of protected attributes, joined "
                    + "on the decision id.")
    Path attributesLog;

    @Option(names = "--key-file", paramLabel = "FILE",
            description = "With --log: the logs' HMAC key as hexadecimal text, for keyed logs.")
    Path keyFile;

    @Option(names = "--from", paramLabel = "TIME",
            description = "With --log: only decisions made at or after this date (2026-01-01) or instant "
                    + "(2026-01-01T00:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "With --log: only decisions made before this date or instant.")
    String to;

    @Option(names = "--protected", required = true, split = ",", paramLabel = "COL",
            description = "Protected attribute columns. Missing values form the group '(missing)'.")
    List<String> protectedAttributes;

    @Option(names = "--intersect", paramLabel = "COL,COL[,COL...]",
            description = "An intersection of protected attributes; repeatable.")
    List<String> intersections = new ArrayList<>();

    @Option(names = "--decision", paramLabel = "SPEC",
            description = "With --input, how the decision is derived: COL=V1[,V2...] (values meaning selected) "
                    + "or COL>=NUMBER (also >, <=, <).")
    String decision;

    @Option(names = "--label", paramLabel = "SPEC",
            description = "The ground truth, same forms as --decision. A missing value means 'not known'.")
    String label;

    @Option(names = "--favourable", paramLabel = "selected|not-selected", defaultValue = "selected",
            description = "Which decision is good for the person (default: ${DEFAULT-VALUE}). Being selected "
                    + "for a fraud control is adverse: use not-selected.")
    String favourable;

    @Option(names = "--reference", paramLabel = "COL=VALUE",
            description = "The reference group of an attribute; repeatable, one per attribute.")
    List<String> references = new ArrayList<>();

    @Option(names = "--reference-strategy", paramLabel = "largest|most-favourable|overall",
            defaultValue = "largest",
            description = "How the reference is chosen where none is given (default: ${DEFAULT-VALUE}).")
    String referenceStrategy;

    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30",
            description = "Rows behind a rate below which a comparison is inconclusive (default: ${DEFAULT-VALUE}).")
    int minGroupSize;

    @Option(names = "--four-fifths", paramLabel = "T", defaultValue = "0.8",
            description = "Disparate-impact threshold: a selection-rate ratio outside [T, 1/T] fails "
                    + "(default: ${DEFAULT-VALUE}).")
    double fourFifths;

    @Option(names = "--interval", paramLabel = "wilson|clopper-pearson", defaultValue = "wilson",
            description = "95%% interval for per-group rates (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--p-adjust", paramLabel = "bh|holm|none", defaultValue = "bh",
            description = "Multiple-testing correction across all comparisons (default: ${DEFAULT-VALUE}).")
    String pAdjust;

    @Option(names = "--weight", paramLabel = "COL", description = "Case weight column (finite, >= 0).")
    String weight;

    @Option(names = "--score", paramLabel = "COL",
            description = "Numeric score column: distribution, scoring rate, calibration and AUC per group.")
    String score;

    @CommandLine.Mixin
    ScoresTrendsOptions scoresTrends = new ScoresTrendsOptions();

    @Option(names = "--missing-values", split = ",", paramLabel = "TEXT",
            description = "Raw values that mean missing, besides the empty value (for example NA).")
    List<String> missingValues = new ArrayList<>();

    @Option(names = "--missing-group", paramLabel = "NAME", defaultValue = "(missing)",
            description = "The group that rows with a missing protected value form (default: ${DEFAULT-VALUE}).")
    String missingGroup;

    @Option(names = "--skip-bad-rows",
            description = "Skip rows that cannot be parsed (counted and listed in audit.json) instead of stopping.")
    boolean skipBadRows;

    @CommandLine.Mixin
    AggregateAndAreaOptions aggregateAndArea = new AggregateAndAreaOptions();

    @CommandLine.Mixin
    RiskProfileOptions riskProfile = new RiskProfileOptions();

    @CommandLine.Mixin
    ProxyOptions proxyOptions = new ProxyOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for audit.json, audit.html and audit.md.")
    Path out;

    @CommandLine.Mixin
    DocumentOptionsMixin document = new DocumentOptionsMixin();

    @CommandLine.Mixin
    BatchOptions batch = new BatchOptions();

    /** Progress of the first pass over --input on a terminal; null otherwise. */
    private ProgressDisplay progress;

    /** The verification of the --log, for the document. */
    private LogVerification logVerification;
    /** The governance events of the --log, for the document's change and decision record. */
    private List<ChangeRecord> changeRecord;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        if (aggregateAndArea.aggregateInput()) {
            if (riskProfile.active()) {
                err.println("fairaudit audit: --route, --stage and --criteria need decisions (--input or --log), "
                        + "not --aggregate counts");
                return ExitCodes.USAGE_OR_INPUT_ERROR;
            }
            return auditAggregate(err, outWriter);
        }
        TableSpec tableSpec;
        GroupAudit audit;
        byte[] key;
        try {
            tableSpec = tableSpec();
            key = LogKeys.read(keyFile);
            audit = new GroupAudit(settings());
            audit.groupings(tableSpec.protectedAttributes()); // validates intersections and references early
            aggregateAndArea.validate(false, false, log != null);
            riskProfile.load(audit.groupings(tableSpec.protectedAttributes()));
            proxyOptions.settings(audit.settings());
            document.options(from, to, null);
            document.formats();
            document.language();
        } catch (IllegalArgumentException | InputException e) {
            err.println("fairaudit audit: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        try {
            AuditResult result;
            // A --log is read in two passes (its later facts first, then its decisions streamed); a file in one.
            DecisionLogInput logInput = null;
            if (log != null) {
                logInput = readLog(key, err);
                if (logInput == null) {
                    return ExitCodes.INTEGRITY_FAILURE;
                }
            }
            DecisionLogInput fromLog = logInput;
            TableSpec rowSpec = fromLog != null ? fromLog.spec() : tableSpec;
            // Streamed: only the counts of each chunk are kept, so memory does not grow with the file.
            GroupedCounts[] counts = {null};
            AreaCounts[] areas = {null};
            List<Grouping> groupings = audit.groupings(rowSpec.protectedAttributes());
            ProxyCounts[] proxies = {proxyOptions.singles(rowSpec, audit.settings())};
            DistributionCounts[] distributions = {scoresTrends.start(rowSpec, groupings, score != null)};
            progress = fromLog != null ? null : ProgressDisplay.forTerminal(batch.quiet, err, input);
            Consumer<DecisionTable> countChunk = chunk -> {
                ProtectedValuesLimit.check(chunk);
                GroupedCounts c = audit.count(chunk);
                counts[0] = counts[0] == null ? c : counts[0].merge(c);
                areas[0] = aggregateAndArea.countArea(areas[0], chunk);
                if (proxies[0] != null) {
                    proxies[0] = proxies[0].add(chunk);
                }
                if (distributions[0] != null) {
                    distributions[0] = distributions[0].add(chunk);
                }
                riskProfile.count(chunk, groupings);
            };
            TableSource source = fromLog != null ? fromLog.stream(CHUNK_ROWS, countChunk)
                    : TableReader.stream(input, tableSpec, CHUNK_ROWS, countChunk, progress);
            ProgressDisplay.finish(progress);
            requireRows(source);
            result = aggregateAndArea.addArea(audit.run(counts[0], rowSpec, source), areas[0], minGroupSize);
            // Feature pairs come from the first pass's counts; a second pass only for pairs beyond their budget.
            result = proxyOptions.apply(result, proxies[0], rowSpec, fromLog != null
                    ? pass -> streamLogAgain(fromLog, pass)
                    : pass -> TableReader.stream(input, tableSpec, CHUNK_ROWS, pass));
            result = scoresTrends.finish(distributions[0], audit, result);
            result = riskProfile.analyse(result);
            result = dev.fairaudit.report.document.AuditDocuments.prepare(result,
                    document.options(from, to, logVerification).withChangeRecord(changeRecord));
            List<Path> files = dev.fairaudit.report.document.AuditDocuments.write(result, out, document.formats(),
                    document.language());
            printSummary(result, outWriter);
            RiskProfileOptions.printSummary(result, outWriter);
            files.forEach(f -> outWriter.println("Wrote " + f));
            return RiskProfileOptions.exitCode(result);
        } catch (InputException | AuditConfigurationException e) {
            // Only problems with the data or how it fits the settings; any other exception is a bug (exit 70).
            ProgressDisplay.finish(progress);
            err.println("fairaudit audit: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        } catch (IOException e) {
            // Reading a log or writing the document failed for a reason outside the data (disk, permissions).
            err.println("fairaudit audit: " + e);
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /** Fails with an input error when no row was usable. */
    private static void requireRows(TableSource source) {
        if (source.rowsRead() - source.rowsSkipped() == 0) {
            throw new InputException(source.fileName(), 0, null, "no usable rows (read " + source.rowsRead()
                    + ", skipped " + source.rowsSkipped() + ")");
        }
    }

    /**
     * Verifies the log(s) and reads their later facts (outcomes, reviews, attributes) for streaming the decisions
     * ({@link DecisionLogInput#stream}); null (after printing why) when one does not verify.
     */
    private DecisionLogInput readLog(byte[] key, PrintWriter err) throws IOException {
        String headHash = null;
        // what each verification covered: the audit reads no record after it (a log still being written grows)
        long[] lastSequences = new long[2];
        int logIndex = 0;
        for (Path dir : attributesLog == null ? List.of(log) : List.of(log, attributesLog)) {
            if (!Files.isDirectory(dir)) {
                throw new InputException(dir.toString(), 0, null, "not a folder"
                        + VerifyLogCommand.logFileHint(dir));
            }
            VerificationReport report;
            try {
                report = LogVerifier.verify(dir, key);
            } catch (NoSuchFileException e) {
                // a folder that holds no log (the reason names any subfolders that do)
                throw new InputException(dir.toString(), 0, null, e.getReason());
            } catch (IllegalArgumentException e) {
                // a keyed log and no key (the only refusal of verify): a usage error, not a failed verification
                throw new InputException(dir.toString(), 0, null, key == null
                        ? "the log is keyed (its HEAD says chain=hmac-sha256): give its key with --key-file FILE"
                        : e.getMessage());
            }
            if (!report.ok()) {
                err.println("fairaudit audit: " + dir + " does not verify, so it is not audited: " + report.summary());
                return null;
            }
            lastSequences[logIndex++] = report.lastSequence();
            LogVerification verified = new LogVerification(report.ok(), report.records(), report.erasedPayloads(),
                    report.segments(), report.lastSequence(), report.headHash(), report.closedCleanly());
            if (headHash == null) {
                headHash = report.headHash();
                logVerification = verified;
            } else {
                // the protected-attribute log: its state is part of what the document says was audited
                logVerification = logVerification.withAttributeLog(verified);
            }
        }
        // Features for proxy screening come from the decision records' features.
        DecisionLogInput input = DecisionLogInput.open(log.getFileName().toString(), headHash, log,
                lastSequences[0], attributesLog, lastSequences[1], protectedAttributes, proxyOptions.columns(),
                skipBadRows, instant("--from", from), instant("--to", to));
        // the governance events were read with the facts, in the same pass
        changeRecord = input.governanceEvents().stream()
                .map(e -> new ChangeRecord(e.sequence(), e.time(), e.kind(), e.fields())).toList();
        return input;
    }

    /** The decisions of the log once more, for a second pass of proxy screening. */
    private static void streamLogAgain(DecisionLogInput logInput, Consumer<DecisionTable> pass) {
        try {
            logInput.stream(CHUNK_ROWS, pass);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A date (start of that day, UTC) or an ISO instant; null for null. */
    private static Instant instant(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a date (2026-01-01) or an instant"
                    + " (2026-01-01T00:00:00Z)");
        }
    }

    private TableSpec tableSpec() {
        if (log != null) {
            riskProfile.checkForLog();
            if (input != null || decision != null || label != null) {
                throw new IllegalArgumentException("--log replaces --input, --decision and --label: the log says "
                        + "what was decided and found");
            }
            if (attributesLog == null) {
                // AuditedModel refuses to write protected attributes into the decision log itself
                throw new IllegalArgumentException("--log needs --attributes-log DIR, the log the protected "
                        + "attributes (--protected " + String.join(",", protectedAttributes) + ") are recorded "
                        + "in: a decision log never holds them, so without it every decision would be in the "
                        + "group '(missing)'");
            }
            Instant start = instant("--from", from);
            Instant end = instant("--to", to);
            if (start != null && end != null && !start.isBefore(end)) {
                throw new IllegalArgumentException("--from " + from + " must be before --to " + to);
            }
            scoresTrends.checkForLog();
            return TableSpec.builder().protectedAttributes(protectedAttributes).decision(DecisionLogInput.DECISION
                    + "=true").label(DecisionLogInput.OUTCOME + "=FOUND").build();
        }
        if (attributesLog != null || keyFile != null || from != null || to != null) {
            throw new IllegalArgumentException("--attributes-log, --key-file, --from and --to go with --log");
        }
        if (input == null) {
            throw new IllegalArgumentException("give the decisions as --input FILE or --log DIR");
        }
        if (decision == null) {
            throw new IllegalArgumentException("--input needs --decision SPEC (for example selected=yes)");
        }
        if (!Files.exists(input)) {
            throw new InputException(input.toString(), 0, null, "file not found");
        }
        TableSpec.Builder b = TableSpec.builder()
                .protectedAttributes(protectedAttributes)
                .decision(OutcomeRule.parse(decision))
                .missingGroup(missingGroup)
                .skipBadRows(skipBadRows);
        if (label != null) {
            b.label(OutcomeRule.parse(label));
        }
        aggregateAndArea.declareArea(b);
        b.features(proxyOptions.columns().toArray(String[]::new));
        if (weight != null) {
            b.weight(weight);
        }
        if (score != null) {
            b.score(score);
        }
        scoresTrends.applyTo(b);
        riskProfile.applyTo(b);
        if (!missingValues.isEmpty()) {
            List<String> all = new ArrayList<>(missingValues);
            all.add("");
            b.missingValues(new java.util.LinkedHashSet<>(all));
        }
        return b.build();
    }

    private AuditSettings settings() {
        AuditSettings.Builder b = AuditSettings.builder()
                .favourable(Favourable.fromId(favourable))
                .referenceStrategy(ReferenceStrategy.fromId(referenceStrategy))
                .minGroupSize(minGroupSize)
                .fourFifthsThreshold(fourFifths)
                .intervalMethod(IntervalMethod.fromId(interval))
                .pValueAdjustment(PValueAdjustment.fromId(pAdjust));
        for (String r : references) {
            int eq = r.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--reference '" + r + "' must have the form COL=VALUE");
            }
            b.reference(r.substring(0, eq).trim(), r.substring(eq + 1).trim());
        }
        for (String i : intersections) {
            b.intersect(Arrays.stream(i.split(",")).map(String::trim).toArray(String[]::new));
        }
        return b.build();
    }

    private static final String WITHHELD = "withheld";

    /**
     * Prints the group table to standard output under the same disclosure control as the published documents
     * (job logs are kept and shared too): a withheld size, rate or ratio shows as {@value #WITHHELD}, a warning
     * that may give a withheld count away is replaced.
     */
    private static void printSummary(AuditResult r, PrintWriter out) {
        Disclosure disclosure = r.document() == null ? Disclosure.off() : r.document().disclosure();
        out.printf(Locale.ROOT, "Input %s: %d rows read, %d skipped%n", r.input().fileName(), r.input().rowsRead(),
                r.input().rowsSkipped());
        out.printf(Locale.ROOT, "Favourable decision: %s; minimum group size %d; four-fifths threshold %.2f%n",
                r.settings().favourable().id(), r.settings().minGroupSize(), r.settings().fourFifthsThreshold());
        for (ReferenceChoice ref : r.references()) {
            out.println();
            out.printf(Locale.ROOT, "%s (reference: %s, %s)%n", ref.grouping().label(), ref.reference().label(),
                    ref.basis());
            out.printf(Locale.ROOT, "  %-40s %8s %24s %8s  %s%n", "group", "rows", "selection rate [95% CI]",
                    "ratio", "four-fifths");
            for (GroupResult g : r.groups()) {
                if (!g.group().grouping().equals(ref.grouping())) {
                    continue;
                }
                if (disclosure.suppressed(g.group(), Disclosure.Part.SIZE)) {
                    out.printf(Locale.ROOT, "  %-40s %8s %24s %8s  %s%n", truncate(valuesOf(g)),
                            WITHHELD, WITHHELD, WITHHELD, "");
                    continue;
                }
                if (disclosure.suppressed(g.group(), Disclosure.Part.SELECTION)) {
                    out.printf(Locale.ROOT, "  %-40s %8d %24s %8s  %s%n", truncate(valuesOf(g)), g.rows(),
                            WITHHELD, WITHHELD, g.group().equals(ref.reference()) ? "reference" : "");
                    continue;
                }
                MetricValue sr = g.metric(Metric.SELECTION_RATE);
                String rate = sr.value() == null ? sr.status().name()
                        : String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", sr.value(), sr.ci95().lower(),
                                sr.ci95().upper());
                String ratio = "";
                String check = g.group().equals(ref.reference()) ? "reference" : "";
                var comparison = r.comparison(g.group(), Metric.SELECTION_RATE);
                if (comparison.isPresent() && disclosure.suppressed(ref.reference(), Disclosure.Part.SELECTION)) {
                    // A ratio against a withheld reference rate would give that rate away.
                    ratio = WITHHELD;
                } else if (comparison.isPresent()) {
                    ComparisonResult c = comparison.get();
                    ratio = c.ratio().value() == null ? "-" : String.format(Locale.ROOT, "%.3f", c.ratio().value());
                    FourFifthsCheck f = c.fourFifths();
                    check = f.verdict().name() + (f.verdict() == FourFifthsCheck.Verdict.FAIL
                            ? " (" + f.disadvantaged() + " disadvantaged)" : "");
                }
                out.printf(Locale.ROOT, "  %-40s %8d %24s %8s  %s%n", truncate(valuesOf(g)), g.rows(), rate, ratio,
                        check);
            }
        }
        printWarnings("Warnings:", r.warnings(), disclosure, out);
        printWarnings("Input warnings:", r.input().warnings(), disclosure, out);
    }

    /** Prints warnings; one that may give away a withheld count (see {@link DocumentJson}) is replaced. */
    private static void printWarnings(String title, List<String> warnings, Disclosure disclosure, PrintWriter out) {
        if (warnings.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (String w : warnings) {
            out.println("  - " + (DocumentJson.warningMayDisclose(w, disclosure)
                    ? "(withheld: this warning names counts and some counts are withheld; --suppress-below)" : w));
        }
    }

    private static String valuesOf(GroupResult g) {
        return String.join(" × ", g.group().values());
    }

    private static String truncate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** {@code --aggregate}: audits published counts per group instead of decisions. */
    private int auditAggregate(PrintWriter err, PrintWriter outWriter) {
        AuditResult result;
        try {
            aggregateAndArea.validate(input != null || log != null, decision != null || label != null, false);
            result = aggregateAndArea.auditAggregate(protectedAttributes, settings());
            result = dev.fairaudit.report.document.AuditDocuments.prepare(result, document.options(null, null, null));
        } catch (IllegalArgumentException | InputException e) {
            err.println("fairaudit audit: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT_ERROR;
        }
        try {
            List<Path> files = dev.fairaudit.report.document.AuditDocuments.write(result, out, document.formats(),
                    document.language());
            printSummary(result, outWriter);
            files.forEach(f -> outWriter.println("Wrote " + f));
            return ExitCodes.SUCCESS;
        } catch (IOException e) {
            err.println("fairaudit audit: " + e);
            return ExitCodes.INTERNAL_ERROR;
        }
    }
}
