package dev.fairaudit.metrics.distributions;

import dev.fairaudit.core.table.CategoricalColumn;
import dev.fairaudit.core.table.DecisionTable;
import dev.fairaudit.metrics.counts.GroupKey;
import dev.fairaudit.metrics.counts.Grouping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The states of the score, numeric-outcome and trend analyses for every group of every grouping, the whole
 * population included. Filled one table at a time with {@link #add(DecisionTable)}: groups are keyed by their
 * values, not by dictionary codes, so the tables may be chunks of one stream, with or without shared
 * dictionaries. Two states of the same groupings and period unit {@link #merge(DistributionCounts) merge} into
 * the state of all their rows. Memory grows with groups × periods × score range, not with rows.
 */
public final class DistributionCounts {

    /** The largest product of cardinalities of one grouping this counter accepts. */
    public static final int MAX_GROUPING_CELLS = 1 << 20;

    /** The route value (case-insensitive) that marks a row selected by the profile. */
    public static final String PROFILE_ROUTE = "PROFILE";

    private static final int PERIOD_CACHE_SLOTS = 512;
    /** Rows of codes read from a column at a time (a small array in the L1 cache, instead of a copy of the column). */
    private static final int CODE_BLOCK = 2048;

    private final List<Grouping> groupings;
    private final PeriodUnit periodUnit;
    private final Map<Grouping, TreeMap<GroupKey, GroupDistributions>> groups = new LinkedHashMap<>();
    private long rowsWithoutTimestamp;
    // The period of recently seen days (direct-mapped by day): the calendar arithmetic once per day, not per row.
    private final long[] cachedDays = new long[PERIOD_CACHE_SLOTS];
    private final int[] cachedPeriods = new int[PERIOD_CACHE_SLOTS];
    private boolean sawScore;
    private boolean sawOutcome;
    private boolean sawRoute;
    // The grouping that refines every other one (for example the intersection of all protected attributes), or
    // null: when there is one, only its states are filled row by row, and the others are merged from them.
    private final Grouping finest;
    // Whether the derived groupings' states must be merged again from the finest one before they are read.
    private boolean derivedStale;
    // Per filled grouping, the states by slot for the dictionaries of the last table added: the chunks of a stream
    // share dictionaries, so a chunk whose dictionaries are those of the one before finds its states here
    // instead of making a GroupKey and searching the TreeMap for each group.
    private final Map<Grouping, SlotStates> slotStates = new java.util.HashMap<>();

    private DistributionCounts(List<Grouping> groupings, PeriodUnit periodUnit) {
        List<Grouping> all = new ArrayList<>();
        for (Grouping g : groupings) {
            if (!g.isOverall() && !all.contains(g)) {
                all.add(g);
            }
        }
        all.add(Grouping.OVERALL);
        this.groupings = List.copyOf(all);
        this.periodUnit = periodUnit;
        Arrays.fill(cachedDays, Long.MIN_VALUE);
        for (Grouping g : this.groupings) {
            groups.put(g, new TreeMap<>());
        }
        this.finest = finestOf(this.groupings);
    }

    /**
     * The grouping whose attributes include those of every other grouping, when there is one and another grouping
     * can be derived from it; null otherwise. The group of a row in a coarser grouping is a function of its group
     * in the finest one, so a coarser group's state is the merge of the finest states that map to it.
     */
    private static Grouping finestOf(List<Grouping> groupings) {
        for (Grouping candidate : groupings) {
            if (!candidate.isOverall()
                    && groupings.stream().allMatch(g -> candidate.attributes().containsAll(g.attributes()))) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Empty states.
     *
     * @param groupings  the groupings (the whole population is added)
     * @param periodUnit the period length for trends, or null for no trends
     */
    public static DistributionCounts empty(List<Grouping> groupings, PeriodUnit periodUnit) {
        return new DistributionCounts(groupings, periodUnit);
    }

    /** Counts every row of a table. */
    public DistributionCounts add(DecisionTable table) {
        sawScore |= table.hasScore();
        sawOutcome |= table.hasNumericOutcome();
        boolean timed = periodUnit != null && table.hasTimestamp();
        if (periodUnit != null && !table.hasTimestamp()) {
            throw new IllegalArgumentException("periods are requested but the table has no timestamp column");
        }
        int rows = table.rowCount();
        int[] block = new int[CODE_BLOCK];
        boolean[] fromProfile = new boolean[rows];
        if (table.route().isPresent()) {
            sawRoute = true;
            markProfileRows(table.route().get(), fromProfile, block);
        }
        int[] periods = timed ? periods(table) : null;
        ChunkValues values = ChunkValues.of(table, periods, fromProfile);
        List<Grouping> filled = finest == null ? groupings : List.of(finest);
        derivedStale = finest != null;
        // One grouping at a time, and within it the rows of one group together (a stable counting sort by slot):
        // a group's sketches stay in cache while its rows are added. Each state still receives its rows in row
        // order, so every sum and running mean is the same, bit for bit, as adding row by row. The loops over rows
        // are small static kernels, and the states are looked up once per group, not per row.
        int[] order = new int[rows];
        for (Grouping g : filled) {
            List<CategoricalColumn> cols = g.attributes().stream().map(table::protectedColumn).toList();
            int[] cards = cardinalities(g, cols);
            int cells = 1;
            for (int c : cards) {
                cells *= c;
            }
            int[] slots = new int[rows];
            int stride = 1;
            for (int a = cols.size() - 1; a >= 0; a--) {
                addScaledCodes(cols.get(a), stride, slots, rows, block);
                stride *= cards[a];
            }
            int[] start = new int[cells + 1];
            countingSort(slots, rows, start, order);
            TreeMap<GroupKey, GroupDistributions> target = groups.get(g);
            GroupDistributions[] states = slotStates(g, cols, cells);
            for (int s = 0; s < cells; s++) {
                if (start[s + 1] > start[s]) {
                    GroupDistributions state = states[s];
                    if (state == null) {
                        state = state(target, g, cols, cards, s);
                        states[s] = state;
                    }
                    state.addRows(values, order, start[s], start[s + 1]);
                }
            }
        }
        return this;
    }

    /**
     * The states by slot kept for a grouping when the columns have the dictionaries of the last table added (the
     * same values in the same order), else a new empty array for these dictionaries. A slot's state is the one
     * {@link #state} finds for it, so either way the rows go to the same states.
     */
    private GroupDistributions[] slotStates(Grouping g, List<CategoricalColumn> cols, int cells) {
        List<List<String>> dictionaries = new ArrayList<>(cols.size());
        for (CategoricalColumn c : cols) {
            dictionaries.add(c.dictionary());
        }
        SlotStates kept = slotStates.get(g);
        if (kept == null || kept.states.length != cells || !kept.dictionaries.equals(dictionaries)) {
            kept = new SlotStates(dictionaries, new GroupDistributions[cells]);
            slotStates.put(g, kept);
        }
        return kept.states;
    }

    /** The states of a grouping by slot, for the dictionaries their slots were computed with. */
    private record SlotStates(List<List<String>> dictionaries, GroupDistributions[] states) {
    }

    /** Per attribute of a grouping its cardinality (at least 1), checking the product. */
    private static int[] cardinalities(Grouping g, List<CategoricalColumn> cols) {
        int[] cards = new int[cols.size()];
        long cells = 1;
        for (int a = 0; a < cards.length; a++) {
            cards[a] = Math.max(1, cols.get(a).cardinality());
            cells *= cards[a];
            if (cells > MAX_GROUPING_CELLS) {
                throw new IllegalArgumentException("the grouping " + g.label() + " has more than "
                        + MAX_GROUPING_CELLS + " combinations; use fewer attributes");
            }
        }
        return cards;
    }

    /** The state of the group in a slot (its codes packed with the cardinalities), created on first sight. */
    private static GroupDistributions state(TreeMap<GroupKey, GroupDistributions> target, Grouping g,
            List<CategoricalColumn> cols, int[] cards, int slot) {
        List<String> values = new ArrayList<>(cols.size());
        int[] codes = new int[cols.size()];
        int rest = slot;
        for (int a = cols.size() - 1; a >= 0; a--) {
            codes[a] = rest % cards[a];
            rest /= cards[a];
        }
        for (int a = 0; a < cols.size(); a++) {
            values.add(cols.get(a).value(codes[a]));
        }
        return target.computeIfAbsent(GroupKey.of(g.attributes(), values), k -> GroupDistributions.empty());
    }

    /** Marks the rows whose route is the profile route (compared once per route value). */
    private static void markProfileRows(CategoricalColumn route, boolean[] fromProfile, int[] block) {
        boolean[] profileCode = new boolean[route.cardinality()];
        for (int c = 0; c < profileCode.length; c++) {
            profileCode[c] = route.value(c).toUpperCase(Locale.ROOT).equals(PROFILE_ROUTE);
        }
        int rows = fromProfile.length;
        for (int start = 0; start < rows; start += block.length) {
            int len = Math.min(block.length, rows - start);
            route.copyCodes(start, block, 0, len);
            markCodes(block, profileCode, fromProfile, start, len);
        }
    }

    private static void markCodes(int[] block, boolean[] marked, boolean[] out, int start, int len) {
        for (int i = 0; i < len; i++) {
            out[start + i] = marked[block[i]];
        }
    }

    /** Adds code × stride to each row's slot, reading the codes a block at a time (no copy of the column). */
    private static void addScaledCodes(CategoricalColumn column, int stride, int[] slots, int rows, int[] block) {
        for (int start = 0; start < rows; start += block.length) {
            int len = Math.min(block.length, rows - start);
            column.copyCodes(start, block, 0, len);
            addScaled(block, stride, slots, start, len);
        }
    }

    private static void addScaled(int[] block, int stride, int[] slots, int start, int len) {
        for (int i = 0; i < len; i++) {
            slots[start + i] += block[i] * stride;
        }
    }

    /**
     * A stable counting sort of rows by slot: afterwards {@code order[start[s]..start[s + 1])} are the rows of slot
     * {@code s} in row order.
     */
    private static void countingSort(int[] slots, int rows, int[] start, int[] order) {
        int cells = start.length - 1;
        for (int i = 0; i < rows; i++) {
            start[slots[i] + 1]++;
        }
        for (int s = 0; s < cells; s++) {
            start[s + 1] += start[s];
        }
        int[] next = Arrays.copyOf(start, cells);
        for (int i = 0; i < rows; i++) {
            order[next[slots[i]]++] = i;
        }
    }

    /** Per row its period ordinal, or {@link GroupDistributions#NO_PERIOD} without a timestamp (counted). */
    private int[] periods(DecisionTable table) {
        int rows = table.rowCount();
        long[] times = new long[rows];
        copyTimes(table, times);
        int[] periods = new int[rows];
        int missing = 0;
        for (int i = 0; i < rows; i++) {
            long t = times[i];
            if (t == DecisionTable.NO_TIMESTAMP) {
                periods[i] = GroupDistributions.NO_PERIOD;
                missing++;
            } else {
                periods[i] = periodOf(t);
            }
        }
        rowsWithoutTimestamp += missing;
        return periods;
    }

    private static void copyTimes(DecisionTable table, long[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = table.timestampMillis(i);
        }
    }

    /** The period ordinal of an instant, through the cache of days. */
    private int periodOf(long epochMillis) {
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        int slot = (int) (day & (PERIOD_CACHE_SLOTS - 1));
        if (cachedDays[slot] != day) {
            return cachePeriod(epochMillis, day, slot);
        }
        return cachedPeriods[slot];
    }

    /** The calendar arithmetic of a day not in the cache (rare), kept out of the loop that calls periodOf. */
    private int cachePeriod(long epochMillis, long day, int slot) {
        cachedDays[slot] = day;
        cachedPeriods[slot] = periodUnit.ordinal(epochMillis);
        return cachedPeriods[slot];
    }

    /**
     * Adds another state of the same groupings and period unit.
     *
     * @throws IllegalArgumentException when the groupings or period units differ
     */
    public DistributionCounts merge(DistributionCounts other) {
        if (!groupings.equals(other.groupings) || periodUnit != other.periodUnit) {
            throw new IllegalArgumentException("cannot merge states of different groupings or periods: "
                    + groupings + "/" + periodUnit + " and " + other.groupings + "/" + other.periodUnit);
        }
        other.groups.forEach((g, m) -> {
            if (finest == null || g.equals(finest)) {
                m.forEach((k, s) -> groups.get(g).computeIfAbsent(k, x -> GroupDistributions.empty()).merge(s));
            }
        });
        derivedStale = finest != null;
        rowsWithoutTimestamp += other.rowsWithoutTimestamp;
        sawScore |= other.sawScore;
        sawOutcome |= other.sawOutcome;
        sawRoute |= other.sawRoute;
        return this;
    }

    /** The groupings, the whole population last. */
    public List<Grouping> groupings() {
        return groupings;
    }

    /** The period unit, or null when no periods are counted. */
    public PeriodUnit periodUnit() {
        return periodUnit;
    }

    /** The groups of a grouping that have rows, ordered by value. */
    public SortedMap<GroupKey, GroupDistributions> groups(Grouping g) {
        deriveCoarserGroupings();
        TreeMap<GroupKey, GroupDistributions> m = groups.get(g);
        if (m == null) {
            throw new IllegalArgumentException("no states for grouping " + g.label());
        }
        return Collections.unmodifiableSortedMap(m);
    }

    /** The whole population. */
    public GroupDistributions overall() {
        deriveCoarserGroupings();
        return groups.get(Grouping.OVERALL).getOrDefault(GroupKey.OVERALL, GroupDistributions.empty());
    }

    /**
     * Merges the finest grouping's states into every other grouping's, in key order (so the result does not depend
     * on how rows were chunked), when rows were added since the last time. Counts are exactly those of adding
     * every row to every grouping; sums and means of a merged group can differ from a row-by-row fill in the last
     * bits of floating-point rounding.
     */
    private void deriveCoarserGroupings() {
        if (!derivedStale) {
            return;
        }
        TreeMap<GroupKey, GroupDistributions> fine = groups.get(finest);
        for (Grouping g : groupings) {
            if (g.equals(finest)) {
                continue;
            }
            TreeMap<GroupKey, GroupDistributions> target = new TreeMap<>();
            for (Map.Entry<GroupKey, GroupDistributions> e : fine.entrySet()) {
                List<String> values = new ArrayList<>(g.attributes().size());
                for (String attribute : g.attributes()) {
                    values.add(e.getKey().attributes().get(attribute));
                }
                target.computeIfAbsent(GroupKey.of(g.attributes(), values), k -> GroupDistributions.empty())
                        .merge(e.getValue());
            }
            groups.put(g, target);
        }
        derivedStale = false;
    }

    /** Rows without a timestamp (left out of the trends). */
    public long rowsWithoutTimestamp() {
        return rowsWithoutTimestamp;
    }

    /** Whether a score column was counted. */
    public boolean hasScore() {
        return sawScore;
    }

    /** Whether a numeric outcome column was counted. */
    public boolean hasNumericOutcome() {
        return sawOutcome;
    }

    /** Whether a route column was counted. */
    public boolean hasRoute() {
        return sawRoute;
    }
}
