package dev.fairaudit.metrics.risk;

import java.util.List;

/**
 * The process funnel: counts and group shares per stage, each stage's composition against the first, and the
 * manual step's amplification.
 *
 * @param column        the stage column's name
 * @param spec          the stage order and the manual step
 * @param stageTotals   cases (sum of weights) at each stage, in stage order
 * @param cells         per grouping, group and stage
 * @param amplification per group, the manual step's amplification (empty without a manual stage)
 */
public record Funnel(String column, FunnelSpec spec, List<Double> stageTotals, List<FunnelCell> cells,
        List<ManualAmplification> amplification) {

    /** Copies. */
    public Funnel {
        stageTotals = List.copyOf(stageTotals);
        cells = List.copyOf(cells);
        amplification = List.copyOf(amplification);
    }
}
