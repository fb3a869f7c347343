package dev.fairaudit.metrics.aggregate;

import dev.fairaudit.metrics.counts.Cell;
import dev.fairaudit.metrics.counts.GroupKey;
import java.util.List;

/**
 * What rounding and suppression in published counts allow: for every rate and comparison, the range over all
 * true counts consistent with the publication.
 *
 * @param rounding        published counts are true counts rounded to a multiple of this (1: exact)
 * @param suppressedMax   the largest true count of a suppressed cell, or null when unknown
 * @param suppressedCells the number of suppressed cells read
 * @param suppressedByGroup per group with suppressed cells (the whole population included), which cells
 * @param description     how a published count was turned into a range, in words
 * @param rates           the range of every rate of every group, the whole population included
 * @param comparisons     the range of every comparison
 */
public record RoundingAnalysis(int rounding, Long suppressedMax, long suppressedCells,
        List<SuppressedCells> suppressedByGroup, String description,
        List<RateBounds> rates, List<ComparisonBounds> comparisons) {

    /** Copies. */
    public RoundingAnalysis {
        suppressedByGroup = List.copyOf(suppressedByGroup);
        rates = List.copyOf(rates);
        comparisons = List.copyOf(comparisons);
    }

    /**
     * The cells of one group whose published count is suppressed (wholly or, for a sum, in part).
     *
     * @param group the group
     * @param cells the cells, in {@link Cell} order
     */
    public record SuppressedCells(GroupKey group, List<Cell> cells) {

        /** Copies. */
        public SuppressedCells {
            cells = List.copyOf(cells);
        }
    }
}
