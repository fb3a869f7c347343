package dev.fairaudit.metrics.risk;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * How the stage column is read. Each row's stage value is the furthest stage the case reached; a case counts at
 * that stage and at every earlier one. The manual step is the step into {@code manualStage} (from the stage
 * before it): its amplification compares who a person selected with who the previous stage offered.
 *
 * @param stages      the stages in process order, at least two, no repeats
 * @param manualStage the stage a manual step leads to, or null for none; must be one of the stages after the
 *                    first
 */
public record FunnelSpec(List<String> stages, String manualStage) {

    /** The default stage order. */
    public static final List<String> DEFAULT_STAGES = List.of("population", "scored", "flagged", "selected",
            "controlled", "outcome");

    /** Validates and copies. */
    public FunnelSpec {
        stages = List.copyOf(stages);
        if (stages.size() < 2) {
            throw new IllegalArgumentException("a funnel needs at least two stages, got " + stages);
        }
        if (new LinkedHashSet<>(stages).size() != stages.size()) {
            throw new IllegalArgumentException("the stages repeat a name: " + stages);
        }
        if (manualStage != null && stages.indexOf(manualStage) < 1) {
            throw new IllegalArgumentException("the manual stage '" + manualStage
                    + "' must be one of the stages after the first: " + stages.subList(1, stages.size()));
        }
    }

    /** The default stages, with the manual step into {@code selected}. */
    public static FunnelSpec defaults() {
        return new FunnelSpec(DEFAULT_STAGES, "selected");
    }
}
