package dev.fairaudit.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/** The text files the demo writes next to its logs: README.txt, the key file and the criteria file. */
final class DemoFiles {

    /** The first line of the demo's README.txt; its presence marks a folder as a demo's output. */
    static final String README_FIRST_LINE = "FAIRAUDIT DEMO -- SYNTHETIC DATA. No real person is in these files.";
    static final String README = "README.txt";
    static final String KEY_FILE = "demo-log.key";
    static final String CRITERIA_FILE = "criteria.yaml";

    private DemoFiles() {
    }

    /** The logs' HMAC key as hexadecimal text, under a comment that says never to do this. */
    static Path writeKey(Path dir, byte[] key) throws IOException {
        Path file = dir.resolve(KEY_FILE);
        Files.writeString(file, """
                # DEMO KEY -- NEVER DO THIS IN PRODUCTION.
                # This is the HMAC key of the demo's decision logs, derived from the demo's seed and stored next to
                # the logs so that anyone can verify them. A real log's key is random, kept in a key store away
                # from the log, and given only to verifiers: whoever holds it can rewrite the log undetectably.
                %s
                """.formatted(HexFormat.of().formatHex(key)), StandardCharsets.US_ASCII);
        return file;
    }

    /** README.txt: that the data are synthetic, what is where, and how to check it by hand. */
    static void writeReadme(Path dir, ScenarioSummary s, String lang) throws IOException {
        String text = README_FIRST_LINE + "\n\n" + """
                This folder was written by `fairaudit demo --seed %d` (document language: %s). Everything in it is
                synthetic: %,d invented residents of an invented city ("Dijkstad"), reassessed for a benefit over
                the year %d. Postcodes and neighbourhood names are invented; any match with a real place is
                accidental. The scenario is built to show what an audit finds; see docs/demo.md in the fairaudit
                repository for what was planted.

                What was planted
                  - True violation rates are the same for every migration background (they depend on household
                    type only, which is drawn independently).
                  - Neighbourhoods differ in the share of residents with a migration background.
                  - The risk profile leans on postcode and language (proxies for migration background), and is
                    retrained each month on the cases it found, which widens the gap month by month.
                  - A random control arm (%s of the profile's cases, half of them controlled) shows the true
                    violation rates; tip-offs come in on the MANUAL route; reviewers override some selections.
                  - On the random arm the profile is asked too, and its decision recorded (profileDecision) but
                    not acted on: the audit measures its precision and false alarms at the real base rate.

                Files
                  decision-log/     the decision log: decisions, outcomes, reviews, governance events
                                    (hash-chained JSON Lines, keyed with the demo key)
                  attributes-log/   protected attributes (migration background, gender), kept apart
                  %s    the logs' HMAC key -- a demo shortcut, never do this in production
                  %s     pre-registered criteria the profile was to meet (it fails them)
                  audit.html        the audit document (also audit.md; audit.json is its machine-readable form)

                Check it yourself
                  ./fairaudit verify-log DIR/decision-log --key-file DIR/%s
                  ./fairaudit audit --log DIR/decision-log --attributes-log DIR/attributes-log \\
                      --key-file DIR/%s --protected migrationBackground,gender \\
                      --reference migrationBackground=none --favourable not-selected --out OUT
                """.formatted(s.seed(), lang, s.people(), s.year(), String.format(Locale.ROOT, "%.0f%%",
                        100 * MunicipalScenario.RANDOM_SHARE), KEY_FILE, CRITERIA_FILE, KEY_FILE, KEY_FILE);
        Files.writeString(dir.resolve(README), text, StandardCharsets.UTF_8);
    }

    /**
     * The criteria the municipality registered before the profile went live. The scenario is built to fail
     * them; {@code fairaudit audit --criteria} evaluates them.
     */
    static void writeCriteria(Path dir) throws IOException {
        Files.writeString(dir.resolve(CRITERIA_FILE), """
                # Pre-registered acceptance criteria of the (fictional) Dijkstad control profile.
                # SYNTHETIC DEMO DATA. Registered 2024-12-20 by the head of enforcement (fictional), before the
                # profile went live; `fairaudit audit --criteria` checks the log against them (format:
                # docs/risk-profiles.md). The demo scenario is built to fail them.
                name: Dijkstad benefit-control profile (fictional), registered 2024-12-20
                evaluationDate: 2025-12-31
                minSampleSize: 50
                criteria:
                  - id: selection-parity-migration-background
                    description: >-
                      No migration-background group is selected for a control at a rate outside four fifths
                      to five fourths of the rate of residents without a migration background.
                    metric: selectionRate.ratio
                    attribute: migrationBackground
                    between: [0.8, 1.25]
                  - id: better-than-random
                    description: >-
                      The profile's hit rate (violations found per controlled case) is at least 1.5 times the
                      violation rate found by random controls; otherwise it does not earn its intrusion.
                    metric: hitRate.liftOverRandom
                    atLeast: 1.5
                    minSampleSize: 100
                  - id: no-over-selection-migration-background
                    description: >-
                      On the profile route, no migration-background group's hit rate is more than 5 points
                      below that of residents without a migration background.
                    metric: outcomeTest.hitRateDifference
                    attribute: migrationBackground
                    atLeast: -0.05
                  - id: false-alarms-random-arm-migration-background
                    description: >-
                      Among randomly controlled residents in whom nothing was found, the profile would not have
                      selected any migration-background group more than 1.25 times as often as residents without
                      a migration background (its decisions on the random arm are recorded, not acted on).
                    metric: falsePositiveRateRatioRandom
                    attribute: migrationBackground
                    atMost: 1.25
                """, StandardCharsets.UTF_8);
    }
}
