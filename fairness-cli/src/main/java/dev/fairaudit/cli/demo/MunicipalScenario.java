package dev.fairaudit.cli.demo;

import dev.fairaudit.core.log.DecisionLog;
import dev.fairaudit.core.log.Durability;
import dev.fairaudit.core.log.LogOptions;
import dev.fairaudit.core.model.AuditedModel;
import dev.fairaudit.core.model.DecisionEvents;
import dev.fairaudit.core.model.GovernanceEvent;
import dev.fairaudit.core.model.Outcome;
import dev.fairaudit.core.model.Pseudonymizer;
import dev.fairaudit.core.model.RandomControlSampler;
import dev.fairaudit.core.model.RecordedDecision;
import dev.fairaudit.core.model.SelectionRoute;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The demo's synthetic year of benefit reassessments in the invented city of Dijkstad, written through a
 * wrapped model into a real, keyed decision log.
 *
 * <ul>
 * <li>Each resident of the {@link Population} is reassessed once, on a working day of a month. A tip-off
 *     sends the case to the MANUAL route (more often for residents who do break the rules); the other cases go
 *     to the {@link RiskProfile} on the PROFILE route, where a {@link RandomControlSampler} sends
 *     {@value #RANDOM_SHARE} of them to the random arm, half of which is selected.</li>
 * <li>A reviewer looks at every selection of the profile and overrides {@value #OVERRIDE_SHARE} of them (no
 *     control). Random and MANUAL selections are not reviewed: overriding the random arm would make it
 *     non-random.</li>
 * <li>Only controlled cases get an outcome, two to six weeks later: FOUND for most who break the rules
 *     ({@value #DETECTION}), NOT_FOUND otherwise, NOT_ESTABLISHED for {@value #NOT_ESTABLISHED_SHARE}.</li>
 * <li>At the end of each month the profile is retrained on the cases found so far
 *     ({@link RiskProfile#retrain}) and the new version deployed (a governance event). In July the threshold
 *     is lowered (old and new value, reason, approver); in October monitoring raises an alert.</li>
 * <li>Protected attributes (migration background, gender) go to a separate attributes log.</li>
 * </ul>
 * Every record's time comes from a {@link SimulatedClock} that the scenario moves only when both logs have
 * written everything so far, and the keys and decision ids derive from the seed, so the same seed gives
 * byte-identical logs.
 */
final class MunicipalScenario {

    /** The folder of the decision log, under the output folder. */
    static final String DECISION_LOG = "decision-log";
    /** The folder of the protected-attributes log. */
    static final String ATTRIBUTES_LOG = "attributes-log";
    /** Share of PROFILE-route cases sent to the random arm. */
    static final double RANDOM_SHARE = 0.10;
    /** Probability that a case in the random arm is controlled. */
    static final double RANDOM_SELECTION = 0.5;
    /** Probability of a tip-off for a resident who keeps the rules, and for one who breaks them. */
    static final double TIP_OFF_COMPLIANT = 0.01;
    static final double TIP_OFF_VIOLATING = 0.05;
    /** Share of the profile's selections overridden in review. */
    static final double OVERRIDE_SHARE = 0.07;
    /** Probability that a control finds an existing violation. */
    static final double DETECTION = 0.9;
    /** Share of controls that establish nothing. */
    static final double NOT_ESTABLISHED_SHARE = 0.04;
    /** The profile's threshold from January, and from July (a governance decision). */
    static final double INITIAL_THRESHOLD = 0.20;
    static final double LOWERED_THRESHOLD = 0.17;
    /**
     * The share of its cases the profile is calibrated to select (the control capacity), before and from the
     * threshold change.
     */
    static final double CAPACITY_SHARE = 0.08;
    static final double RAISED_CAPACITY_SHARE = 0.10;
    static final int THRESHOLD_MONTH = 7;
    static final int ALERT_MONTH = 10;
    /** The accountable official (invented) named in governance events. */
    static final String APPROVER = "head of enforcement (fictional)";
    /** What reviewers see of a case. */
    private static final List<String> FIELDS_SEEN = List.of("postcode", "language", "household", "incomeChanges");

    private final long seed;
    private final int people;
    private final int year;
    private final SplittableRandom rnd;
    private final SimulatedClock clock;
    private final List<List<LocalDate>> workingDays = new ArrayList<>();
    private final TreeMap<LocalDate, List<Pending>> dueOutcomes = new TreeMap<>();
    private final Map<String, Long> foundByPostcode = new TreeMap<>();
    private final Map<String, Long> peopleByPostcode = new TreeMap<>();
    private final Map<String, Long> foundByLanguage = new TreeMap<>();
    private final Map<String, Long> peopleByLanguage = new TreeMap<>();
    /** Profile-route counts per month and neighbourhood, for the monitoring alert. */
    private final Map<String, long[]> neighbourhoodSelections = new TreeMap<>();
    private CommitTrackingSink decisions;
    private CommitTrackingSink attributes;
    private DecisionEvents events;
    private final Map<SelectionRoute, long[]> controlsByRoute = new TreeMap<>();
    private long controls;
    private long found;
    private long overrides;
    private long nextDecision;

    /** A control whose outcome is recorded later. */
    private record Pending(String decisionId, Resident resident) {
    }

    private MunicipalScenario(long seed, int people, int year) {
        if (people < 1000 || people > 1_000_000) {
            throw new IllegalArgumentException("people must be in [1000, 1000000], was " + people);
        }
        this.seed = seed;
        this.people = people;
        this.year = year;
        this.rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int m = 1; m <= 12; m++) {
            List<LocalDate> days = new ArrayList<>();
            for (LocalDate d = LocalDate.of(year, m, 1); d.getMonthValue() == m; d = d.plusDays(1)) {
                if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                    days.add(d);
                }
            }
            workingDays.add(days);
        }
        this.clock = new SimulatedClock(at(workingDays.get(0).get(0), 7, 0));
    }

    /**
     * Generates the scenario into {@code dir/decision-log} and {@code dir/attributes-log}, which must not hold
     * a log yet.
     *
     * @param seed   the seed of everything random, and of the demo keys
     * @param people residents, 1,000 to 1,000,000
     * @param year   the simulated year
     * @param dir    the output folder
     * @return the generator's own counts, ground truth included
     * @throws IOException when a log cannot be written
     */
    static ScenarioSummary generate(long seed, int people, int year, Path dir) throws IOException {
        return new MunicipalScenario(seed, people, year).run(dir);
    }

    /**
     * A demo key derived from the seed: anyone who knows the seed knows the key. Acceptable only because the
     * data are synthetic; a real log's key is random and kept away from the log.
     */
    static byte[] demoKey(long seed, String purpose) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(("fairaudit demo key, NOT for production: " + purpose
                    + " " + seed).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private ScenarioSummary run(Path dir) throws IOException {
        int[] daysPerMonth = workingDays.stream().mapToInt(List::size).toArray();
        List<Resident> residents = Population.generate(seed, people, daysPerMonth);
        List<List<List<Resident>>> byDay = new ArrayList<>();
        for (int m = 0; m < 12; m++) {
            List<List<Resident>> month = new ArrayList<>();
            for (int d = 0; d < daysPerMonth[m]; d++) {
                month.add(new ArrayList<>());
            }
            byDay.add(month);
        }
        Map<String, long[]> truth = new TreeMap<>();
        for (Resident r : residents) {
            byDay.get(r.month() - 1).get(r.day()).add(r);
            long[] t = truth.computeIfAbsent(r.migrationBackground(), k -> new long[2]);
            t[0]++;
            t[1] += r.violates() ? 1 : 0;
        }

        LogOptions options = LogOptions.builder().hmacKey(demoKey(seed, "log")).clock(clock)
                .durability(Durability.pageCache()).build();
        Pseudonymizer pseudonyms = new Pseudonymizer(demoKey(seed, "pseudonyms"));
        RandomControlSampler sampler = RandomControlSampler.of(seed ^ 0x2545F4914F6CDD1DL, RANDOM_SHARE, RANDOM_SELECTION);
        List<ScenarioSummary.MonthSummary> months = new ArrayList<>();
        try (DecisionLog decisionLog = DecisionLog.open(dir.resolve(DECISION_LOG), options);
             DecisionLog attributeLog = DecisionLog.open(dir.resolve(ATTRIBUTES_LOG), options)) {
            decisions = new CommitTrackingSink(decisionLog);
            attributes = new CommitTrackingSink(attributeLog);
            events = new DecisionEvents(decisions, pseudonyms, clock);
            // The expert profile is calibrated on the last year's caseload, here the January residents.
            RiskProfile profile = RiskProfile.initial(INITIAL_THRESHOLD).calibrated(monthResidents(byDay, 1),
                    CAPACITY_SHARE);

            LocalDate first = workingDays.get(0).get(0);
            moveClock(at(first, 7, 30));
            events.governance(new GovernanceEvent.DataOrSelectionDecision("Reassessments are selected for a"
                    + " control by the risk profile and by tip-offs; " + pct(RANDOM_SHARE) + " of the profile's cases"
                    + " go to a random arm instead, of which " + pct(RANDOM_SELECTION) + " are controlled, to"
                    + " estimate violation rates without the profile's bias. The random arm is never overridden.",
                    APPROVER));
            events.governance(new GovernanceEvent.ConfigurationChanged("threshold", null,
                    threshold(INITIAL_THRESHOLD), "initial setting, sized to the control capacity", APPROVER));
            for (int month = 1; month <= 12; month++) {
                LocalDate monthStart = workingDays.get(month - 1).get(0);
                moveClock(at(monthStart, 7, 40));
                events.governance(new GovernanceEvent.ModelDeployed(RiskProfile.MODEL_ID, profile.version(),
                        APPROVER));
                if (month == THRESHOLD_MONTH) {
                    events.governance(new GovernanceEvent.ConfigurationChanged("threshold",
                            threshold(profile.threshold()), threshold(LOWERED_THRESHOLD),
                            "two more inspectors hired: more control capacity", APPROVER));
                    profile = profile.withThreshold(LOWERED_THRESHOLD).calibrated(monthResidents(byDay, month - 1),
                            RAISED_CAPACITY_SHARE);
                }
                if (month == ALERT_MONTH) {
                    events.governance(new GovernanceEvent.MonitoringAlert("monthly selection monitor",
                            concentrationAlert()));
                }
                months.add(runMonth(month, profile, pseudonyms, sampler, byDay.get(month - 1)));
                if (month < 12) {
                    profile = profile.retrain("1." + month, foundByPostcode, peopleByPostcode, foundByLanguage,
                            peopleByLanguage).calibrated(monthResidents(byDay, month),
                            month + 1 >= THRESHOLD_MONTH ? RAISED_CAPACITY_SHARE : CAPACITY_SHARE);
                }
            }
            // Controls of December finish in the new year.
            while (!dueOutcomes.isEmpty()) {
                recordOutcomesDue(dueOutcomes.firstKey());
            }
            decisions.awaitWritten();
            attributes.awaitWritten();
        }
        Map<String, ScenarioSummary.GroupTruth> truthByMigration = new LinkedHashMap<>();
        truth.forEach((k, v) -> truthByMigration.put(k, new ScenarioSummary.GroupTruth(v[0], v[1])));
        Map<String, ScenarioSummary.GroupTruth> truthByRoute = new LinkedHashMap<>();
        controlsByRoute.forEach((k, v) -> truthByRoute.put(k.name(), new ScenarioSummary.GroupTruth(v[0], v[1])));
        return new ScenarioSummary(seed, people, year, controls, found, overrides, truthByMigration,
                truthByRoute, months);
    }

    private ScenarioSummary.MonthSummary runMonth(int month, RiskProfile profile, Pseudonymizer pseudonyms,
            RandomControlSampler sampler, List<List<Resident>> days) throws IOException {
        AuditedModel<DemoCase, Assessment> model = AuditedModel.<DemoCase, Assessment>builder(profile)
                .modelId(RiskProfile.MODEL_ID).modelVersion(profile.version())
                .features(c -> features(c.resident()))
                .decision(Assessment::selected).score(Assessment::risk)
                .subject(c -> c.resident().id()).pseudonymizer(pseudonyms)
                .route(c -> c.tipOff() ? SelectionRoute.MANUAL : SelectionRoute.PROFILE)
                .randomControls(sampler, drawn -> new Assessment(Double.NaN, drawn))
                .recordProfileDecisionOnRandomArm()
                .protectedAttributeNames("migrationBackground", "gender")
                .recordProtectedAttributes(c -> Map.of("migrationBackground", c.resident().migrationBackground(),
                        "gender", c.resident().gender()), attributes)
                .sink(decisions)
                .clock(clock)
                .decisionIds(() -> String.format(Locale.ROOT, "decision-%07d", ++nextDecision))
                .build();
        Map<String, Long> assessed = new TreeMap<>();
        Map<String, Long> selected = new TreeMap<>();
        List<LocalDate> dates = workingDays.get(month - 1);
        for (int d = 0; d < dates.size(); d++) {
            LocalDate date = dates.get(d);
            recordOutcomesDue(date);
            moveClock(at(date, 9, 0));
            for (Resident r : days.get(d)) {
                boolean tipOff = rnd.nextDouble() < (r.violates() ? TIP_OFF_VIOLATING : TIP_OFF_COMPLIANT);
                RecordedDecision<Assessment> decision;
                try {
                    decision = model.decideRecorded(new DemoCase(r, tipOff));
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("the demo profile does not throw checked exceptions", e);
                }
                peopleByPostcode.merge(r.postcode(), 1L, Long::sum);
                peopleByLanguage.merge(r.language(), 1L, Long::sum);
                boolean controlled = decision.output().selected();
                if (decision.route() == SelectionRoute.PROFILE) {
                    assessed.merge(r.migrationBackground(), 1L, Long::sum);
                    long[] n = neighbourhoodSelections.computeIfAbsent(month + "/" + r.neighbourhood(),
                            k -> new long[2]);
                    n[0]++;
                    if (controlled) {
                        selected.merge(r.migrationBackground(), 1L, Long::sum);
                        n[1]++;
                        controlled = review(decision.decisionId());
                    }
                }
                if (controlled) {
                    controls++;
                    long[] byRoute = controlsByRoute.computeIfAbsent(decision.route(), k -> new long[2]);
                    byRoute[0]++;
                    byRoute[1] += r.violates() ? 1 : 0;
                    LocalDate due = date.plusDays(14 + rnd.nextInt(29));
                    dueOutcomes.computeIfAbsent(due, k -> new ArrayList<>()).add(new Pending(decision.decisionId(),
                            r));
                }
            }
        }
        return new ScenarioSummary.MonthSummary(month, profile.version(), profile.threshold(), assessed, selected);
    }

    private static List<Resident> monthResidents(List<List<List<Resident>>> byDay, int month) {
        return byDay.get(month - 1).stream().flatMap(List::stream).toList();
    }

    /** A reviewer looks at a selection of the profile; true when the control goes ahead. */
    private boolean review(String decisionId) {
        String reviewer = "reviewer-" + (1 + rnd.nextInt(3));
        if (rnd.nextDouble() < OVERRIDE_SHARE) {
            overrides++;
            events.review(decisionId, reviewer, "INSUFFICIENT_GROUNDS", false, FIELDS_SEEN);
            return false;
        }
        events.review(decisionId, reviewer, "CONFIRMED", null, FIELDS_SEEN);
        return true;
    }

    /** Records the outcomes of the controls due on or before {@code date}, at 08:00 that day. */
    private void recordOutcomesDue(LocalDate date) {
        boolean moved = false;
        while (!dueOutcomes.isEmpty() && !dueOutcomes.firstKey().isAfter(date)) {
            if (!moved) {
                moveClock(at(date, 8, 0));
                moved = true;
            }
            for (Pending p : dueOutcomes.pollFirstEntry().getValue()) {
                Outcome outcome;
                if (rnd.nextDouble() < NOT_ESTABLISHED_SHARE) {
                    outcome = Outcome.NOT_ESTABLISHED;
                } else if (p.resident().violates() && rnd.nextDouble() < DETECTION) {
                    outcome = Outcome.FOUND;
                } else {
                    outcome = Outcome.NOT_FOUND;
                }
                if (outcome == Outcome.FOUND) {
                    found++;
                    foundByPostcode.merge(p.resident().postcode(), 1L, Long::sum);
                    foundByLanguage.merge(p.resident().language(), 1L, Long::sum);
                }
                events.outcome(p.decisionId(), outcome, outcome == Outcome.FOUND
                        ? Map.of("finding", "unreported income or household change") : Map.of());
            }
        }
    }

    /** Which three neighbourhoods got most of the profile's selections in the three months before the alert. */
    private String concentrationAlert() {
        Map<String, long[]> byNeighbourhood = new TreeMap<>();
        for (Map.Entry<String, long[]> e : neighbourhoodSelections.entrySet()) {
            int month = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('/')));
            if (month >= ALERT_MONTH - 3) {
                long[] sum = byNeighbourhood.computeIfAbsent(e.getKey().substring(e.getKey().indexOf('/') + 1),
                        k -> new long[2]);
                sum[0] += e.getValue()[0];
                sum[1] += e.getValue()[1];
            }
        }
        long allAssessed = byNeighbourhood.values().stream().mapToLong(v -> v[0]).sum();
        long allSelected = byNeighbourhood.values().stream().mapToLong(v -> v[1]).sum();
        List<Map.Entry<String, long[]>> ranked = new ArrayList<>(byNeighbourhood.entrySet());
        ranked.sort((a, b) -> Double.compare((double) b.getValue()[1] / b.getValue()[0],
                (double) a.getValue()[1] / a.getValue()[0]));
        List<Map.Entry<String, long[]>> top = ranked.subList(0, Math.min(3, ranked.size()));
        long topAssessed = top.stream().mapToLong(e -> e.getValue()[0]).sum();
        long topSelected = top.stream().mapToLong(e -> e.getValue()[1]).sum();
        return String.format(Locale.ROOT, "profile selections in the last three months: %s hold %.0f%% of the"
                + " residents the profile assessed and %.0f%% of its selections",
                String.join(", ", top.stream().map(Map.Entry::getKey).toList()),
                100.0 * topAssessed / Math.max(1, allAssessed), 100.0 * topSelected / Math.max(1, allSelected));
    }

    private static Map<String, Object> features(Resident r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("postcode", r.postcode());
        f.put("ageBand", r.ageBand());
        f.put("household", r.household());
        f.put("language", r.language());
        f.put("incomeChanges", r.incomeChanges());
        f.put("monthsOnBenefit", r.monthsOnBenefit());
        return f;
    }

    /** Waits until both logs have written everything appended so far, then moves the clock. */
    private void moveClock(Instant to) {
        if (decisions != null) {
            decisions.awaitWritten();
            attributes.awaitWritten();
        }
        clock.set(to);
    }

    private static Instant at(LocalDate date, int hour, int minute) {
        return date.atTime(LocalTime.of(hour, minute)).toInstant(ZoneOffset.UTC);
    }

    private static String threshold(double t) {
        return String.format(Locale.ROOT, "%.2f", t);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }
}
