package dev.fairaudit.core.table;

import dev.fairaudit.core.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The later facts about decisions, keyed by decision id, in a compact form: what {@link DecisionLogInput}'s first
 * pass collects from OUTCOME, REVIEW and PROTECTED_ATTRIBUTES records so that its second pass can stream the
 * DECISION records and join each with its facts. Only decisions that have a fact take space.
 *
 * <p>Per decision with a fact: its id (a UUID in canonical text as its two 64-bit halves; any other id as a
 * string in a side map), the code of its last outcome's text ({@code short}), its last override and flags
 * ({@code byte}), and one {@code int} code per protected attribute, into a dictionary of values shared by all
 * decisions; plus the id's slot in an open-addressing index ({@code int}, load at most 3/4). That is
 * 16 + 2 + 1 + 4 &times; attributes bytes in arrays that grow by half, and 4 to 8 bytes of index: about
 * 30 + 5 &times; attributes bytes per decision on average, for instance about 35 with one attribute. Facts come
 * after their decisions, in any order, and a decision's row needs all of them, so this state grows with the
 * decisions that have facts: it cannot be O(cells) as the count states are. Not thread-safe.
 */
final class DecisionFacts {

    /** No outcome recorded. */
    static final short NO_OUTCOME = -1;
    /** An attribute the record leaves out or sets to null. */
    static final int NO_VALUE = -1;

    private static final byte OVERRIDE = 1;
    private static final byte OVERRIDE_TRUE = 2;
    private static final byte ATTRIBUTES = 4;
    private static final byte DECISION_SEEN = 8;
    private static final byte HAS_OUTCOME = 16;

    private final int attributes;
    private final String logName;
    /** Entries, densely. */
    private long[] high = new long[1024];
    private long[] low = new long[1024];
    private short[] outcome = new short[1024];
    private byte[] flags = new byte[1024];
    private int[] values;
    private int size;
    /** Open addressing over the UUID ids: entry + 1 per slot, 0 for empty. */
    private int[] slots = new int[2048];
    private int mask = slots.length - 1;
    private int uuids;
    /** Ids that are not UUIDs in canonical text (tests, hand-made logs). */
    private final Map<String, Integer> otherIds = new HashMap<>();

    private final List<String> outcomeTexts = new ArrayList<>();
    private final Map<String, Short> outcomeCodes = new HashMap<>();
    private final List<List<String>> attributeValues = new ArrayList<>();
    private final List<Map<String, Integer>> attributeCodes = new ArrayList<>();

    DecisionFacts(String logName, int attributes) {
        this.logName = logName;
        this.attributes = attributes;
        this.values = new int[1024 * Math.max(1, attributes)];
        for (int i = 0; i < attributes; i++) {
            attributeValues.add(new ArrayList<>());
            attributeCodes.add(new HashMap<>());
        }
    }

    /** The entry of a UUID id, made when {@code create}; -1 when there is none. */
    int entry(long hi, long lo, boolean create) {
        int at = (int) (mix(hi, lo) & mask);
        while (true) {
            int e = slots[at] - 1;
            if (e < 0) {
                break;
            }
            if (high[e] == hi && low[e] == lo) {
                return e;
            }
            at = (at + 1) & mask;
        }
        if (!create) {
            return -1;
        }
        int e = newEntry();
        high[e] = hi;
        low[e] = lo;
        slots[at] = e + 1;
        if (++uuids > slots.length / 4 * 3) {
            grow();
        }
        return e;
    }

    /** The entry of any other id, made when {@code create}; -1 when there is none. */
    int entry(String id, boolean create) {
        Integer e = otherIds.get(id);
        if (e != null) {
            return e;
        }
        if (!create) {
            return -1;
        }
        int made = newEntry();
        otherIds.put(id, made);
        return made;
    }

    /** Whether any id is not a UUID (so lookups of other ids are worth making). */
    boolean hasOtherIds() {
        return !otherIds.isEmpty();
    }

    private int newEntry() {
        if (size == high.length) {
            int n = size + (size >> 1);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            outcome = Arrays.copyOf(outcome, n);
            flags = Arrays.copyOf(flags, n);
            values = Arrays.copyOf(values, n * Math.max(1, attributes));
        }
        int e = size++;
        outcome[e] = NO_OUTCOME;
        return e;
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        mask = slots.length - 1;
        for (int s : old) {
            if (s == 0) {
                continue;
            }
            int e = s - 1;
            int at = (int) (mix(high[e], low[e]) & mask);
            while (slots[at] != 0) {
                at = (at + 1) & mask;
            }
            slots[at] = s;
        }
    }

    private static long mix(long hi, long lo) {
        long h = (hi ^ Long.rotateLeft(lo, 29)) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 31);
    }

    /** Records the outcome's text (the last one recorded wins). */
    void outcome(int e, String text) {
        Short code = outcomeCodes.get(text);
        if (code == null) {
            if (outcomeTexts.size() == Short.MAX_VALUE) {
                throw new InputException(logName, 0, "outcome", "more than " + Short.MAX_VALUE + " distinct "
                        + "outcome values (an outcome is FOUND, NOT_FOUND or NOT_ESTABLISHED): '" + text + "'");
            }
            code = (short) outcomeTexts.size();
            outcomeTexts.add(text);
            outcomeCodes.put(text, code);
        }
        outcome[e] = code;
        flags[e] |= HAS_OUTCOME;
    }

    /** Records a reviewer's final decision (the last one recorded wins). */
    void override(int e, boolean decision) {
        flags[e] = (byte) ((flags[e] & ~OVERRIDE_TRUE) | OVERRIDE | (decision ? OVERRIDE_TRUE : 0));
    }

    /**
     * Records the protected attributes of a decision (the last record wins, whole).
     *
     * @param texts per attribute, its value or null where the record has none
     */
    void attributes(int e, String[] texts) {
        flags[e] |= ATTRIBUTES;
        int base = e * attributes;
        for (int i = 0; i < attributes; i++) {
            String t = texts[i];
            int code = NO_VALUE;
            if (t != null) {
                Integer c = attributeCodes.get(i).get(t);
                if (c == null) {
                    c = attributeValues.get(i).size();
                    attributeValues.get(i).add(t);
                    attributeCodes.get(i).put(t, c);
                }
                code = c;
            }
            values[base + i] = code;
        }
    }

    /** The text of the last outcome, or null when none was recorded. */
    String outcomeText(int e) {
        return outcome[e] == NO_OUTCOME ? null : outcomeTexts.get(outcome[e]);
    }

    /** The reviewer's final decision, or null when no review overrode it. */
    Boolean override(int e) {
        return (flags[e] & OVERRIDE) == 0 ? null : (flags[e] & OVERRIDE_TRUE) != 0;
    }

    /** Whether a protected-attribute record names the decision. */
    boolean hasAttributes(int e) {
        return (flags[e] & ATTRIBUTES) != 0;
    }

    /** The value of attribute {@code i}, or null. */
    String attribute(int e, int i) {
        int code = values[e * attributes + i];
        return code == NO_VALUE ? null : attributeValues.get(i).get(code);
    }

    /** Marks that a DECISION record with this id was read. */
    void decisionSeen(int e) {
        flags[e] |= DECISION_SEEN;
    }

    /**
     * Counts the decisions named by facts without a DECISION record (with a readable payload) of their own.
     *
     * @return per kind of fact: outcomes, overrides, protected attributes
     */
    long[] withoutDecision() {
        long[] n = new long[3];
        for (int e = 0; e < size; e++) {
            byte f = flags[e];
            if ((f & DECISION_SEEN) != 0) {
                continue;
            }
            n[0] += (f & HAS_OUTCOME) != 0 ? 1 : 0;
            n[1] += (f & OVERRIDE) != 0 ? 1 : 0;
            n[2] += (f & ATTRIBUTES) != 0 ? 1 : 0;
        }
        return n;
    }

    /** Decisions with at least one fact. */
    int size() {
        return size;
    }

    /** Bytes held by the arrays of this state (not the dictionaries or the map of other ids). */
    long bytes() {
        return (long) high.length * (8 + 8 + 2 + 1) + (long) values.length * 4 + (long) slots.length * 4;
    }
}
