package dev.fairaudit.cli;

import dev.fairaudit.core.InputException;
import dev.fairaudit.core.table.DecisionLogInput;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.core.table.OutcomeRule;
import dev.fairaudit.core.table.TableSpec;
import dev.fairaudit.metrics.AuditResult;
import dev.fairaudit.metrics.counts.Grouping;
import dev.fairaudit.metrics.criteria.CriteriaEvaluator;
import dev.fairaudit.metrics.criteria.CriteriaReport;
import dev.fairaudit.metrics.criteria.CriteriaSpec;
import dev.fairaudit.metrics.criteria.CriterionResult;
import dev.fairaudit.metrics.risk.FunnelSpec;
import dev.fairaudit.metrics.risk.OutcomeTestEntry;
import dev.fairaudit.metrics.risk.RiskProfileAnalysis;
import dev.fairaudit.metrics.risk.RiskProfileCounts;
import dev.fairaudit.metrics.risk.RiskProfileResult;
import dev.fairaudit.report.document.AnalysisDisclosure;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The risk-profile options of {@code fairaudit audit}: the selection-route and funnel-stage columns and the
 * pre-registered criteria file (see {@code docs/risk-profiles.md}).
 */
final class RiskProfileOptions {

    @Option(names = "--route", paramLabel = "COL",
            description = "Selection route column (PROFILE, RANDOM, MANUAL, SIGNAL): routes, base rates from the "
                    + "RANDOM route, the profile against random controls. With --log: --route route.")
    String route;

    @Option(names = "--profile-decision", paramLabel = "SPEC",
            description = "What the risk profile would have decided about each RANDOM-route case, parsed like "
                    + "--decision (e.g. profile_selected=1); read on RANDOM rows only: precision at the real base "
                    + "rate. Needs --route. With --log it is read from the records' profileDecision, when they carry"
                    + " it.")
    String profileDecision;

    @Option(names = "--stage", paramLabel = "COL",
            description = "Funnel stage column: the furthest stage each case reached (one of --stages).")
    String stage;

    @Option(names = "--stages", split = ",", paramLabel = "STAGE",
            defaultValue = "population,scored,flagged,selected,controlled,outcome",
            description = "The funnel stages in process order (default: ${DEFAULT-VALUE}).")
    List<String> stages = new ArrayList<>();

    @Option(names = "--manual-stage", paramLabel = "STAGE|none", defaultValue = "selected",
            description = "The stage a manual step leads to; its amplification is measured against the stage "
                    + "before it (default: ${DEFAULT-VALUE}; ignored when it is not one of --stages).")
    String manualStage;

    @Option(names = "--criteria", paramLabel = "FILE",
            description = "Pre-registered criteria (YAML or JSON). A failed criterion makes the exit code 1.")
    Path criteriaFile;

    private CriteriaSpec criteria;
    private RiskProfileCounts counts;
    private long rowsCounted;

    /** Whether any risk-profile analysis was asked for. */
    boolean active() {
        return route != null || stage != null || criteriaFile != null;
    }

    /** Adds the route, profile-decision and stage columns to a file's table spec. */
    void applyTo(TableSpec.Builder b) {
        if (route != null) {
            b.route(route);
        }
        if (profileDecision != null) {
            if (route == null) {
                throw new IllegalArgumentException("--profile-decision is read on RANDOM-route rows only: give the"
                        + " route column with --route");
            }
            b.profileDecision(OutcomeRule.parse(profileDecision));
        }
        if (stage != null) {
            b.features(stage);
        }
    }

    /** Rejects options a decision log cannot serve. */
    void checkForLog() {
        if (stage != null) {
            throw new IllegalArgumentException("--stage goes with --input: a --log has no funnel stages");
        }
        if (route != null && !route.equals(DecisionLogInput.ROUTE)) {
            throw new IllegalArgumentException("with --log the route column is '" + DecisionLogInput.ROUTE
                    + "' (the route each decision recorded); give --route " + DecisionLogInput.ROUTE);
        }
        if (profileDecision != null) {
            throw new IllegalArgumentException("with --log the profile decision is read from the decision records ("
                    + DecisionLogInput.PROFILE_DECISION + ", written by AuditedModel with"
                    + " recordProfileDecisionOnRandomArm()) whenever they carry it; leave out --profile-decision");
        }
    }

    FunnelSpec funnelSpec() {
        String manual = manualStage == null || manualStage.equals("none") || !stages.contains(manualStage)
                || stages.indexOf(manualStage) == 0 ? null : manualStage;
        return new FunnelSpec(stages, manual);
    }

    /**
     * Reads and checks the criteria file against the audited groupings, before any data is read.
     *
     * @throws InputException            when the file cannot be read or parsed
     * @throws IllegalArgumentException  when a criterion names a grouping that is not audited
     */
    void load(List<Grouping> groupings) {
        funnelSpec(); // validates --stages
        if (criteriaFile == null) {
            return;
        }
        String name = criteriaFile.getFileName().toString();
        String text;
        try {
            text = Files.readString(criteriaFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(name, 0, null, Files.exists(criteriaFile) ? "cannot be read: " + e.getMessage()
                    : "file not found");
        }
        CriteriaEvaluator evaluator = CriteriaEvaluator.defaults();
        criteria = evaluator.parser().parse(name, text);
        try {
            evaluator.check(criteria, groupings);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Adds one chunk of a streamed file to the route and stage counts (nothing when no analysis is asked for). */
    void count(DecisionTable chunk, List<Grouping> groupings) {
        if (!active()) {
            return;
        }
        RiskProfileCounts c = RiskProfileCounts.count(chunk, groupings, stage, funnelSpec(), rowsCounted);
        rowsCounted += chunk.rowCount();
        counts = counts == null ? c : counts.merge(c);
    }

    /** The result with the risk-profile analyses of the counted chunks and the criteria's verdicts added. */
    AuditResult analyse(AuditResult base) {
        if (!active() || counts == null) {
            return base;
        }
        return analyse(new RiskProfileAnalysis(funnelSpec()).run(counts, base), base);
    }

    private AuditResult analyse(RiskProfileResult risk, AuditResult base) {
        AuditResult result = base.withRiskProfile(risk);
        if (criteria != null) {
            result = result.withRiskProfile(risk.withCriteria(CriteriaEvaluator.defaults().evaluate(criteria,
                    result)));
        }
        return result;
    }

    /** {@link ExitCodes#CRITERIA_FAILED} when a criterion failed, else {@link ExitCodes#SUCCESS}. */
    static int exitCode(AuditResult result) {
        CriteriaReport report = result.riskProfile() == null ? null : result.riskProfile().criteria();
        return report != null && report.anyFailed() ? ExitCodes.CRITERIA_FAILED : ExitCodes.SUCCESS;
    }

    /** A few lines on the outcome test and the criteria. */
    static void printSummary(AuditResult result, PrintWriter out) {
        RiskProfileResult risk = result.riskProfile();
        if (risk == null) {
            return;
        }
        out.println();
        out.println("Outcome test" + (risk.outcomeTest().route() == null ? " (every selected case)"
                : " (route " + risk.outcomeTest().route() + ")") + ":");
        for (OutcomeTestEntry e : risk.outcomeTest().entries()) {
            out.printf(Locale.ROOT, "  %-40s %s%n", e.group().label(), e.verdict());
        }
        CriteriaReport report = risk.criteria();
        if (report != null) {
            out.println();
            out.println("Criteria (" + report.source() + "):");
            // The same disclosure control as the published documents: a withheld estimate is not printed either.
            AnalysisDisclosure disclosure = AnalysisDisclosure.of(result);
            for (CriterionResult r : report.results()) {
                boolean withheld = r.observed() != null && disclosure.withheld(AnalysisDisclosure.Kind.CRITERION_EVIDENCE,
                        r.observed().group(), r.criterion().id());
                out.printf(Locale.ROOT, "  %-30s %-12s %s%n", r.criterion().id(), r.verdict(),
                        withheld ? "(evidence withheld: it rests on small counts; --suppress-below)" : r.reason());
            }
            out.println("Advice: " + report.advice().id() + " (" + report.adviceReason() + ")");
        }
    }
}
