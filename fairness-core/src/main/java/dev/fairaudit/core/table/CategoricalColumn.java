package dev.fairaudit.core.table;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A dictionary-encoded column: each row holds an {@code int} code, and {@link #value(int)} maps a code back to
 * its text. Codes are dense, {@code 0 .. cardinality()-1}, in order of first appearance, so the same input
 * gives the same codes.
 */
public final class CategoricalColumn {

    private final String name;
    private final List<String> dictionary;
    private final int[] codes;
    private final int missingCode;

    /**
     * @param name        the column name
     * @param dictionary  code → value
     * @param codes       per-row codes (the array is copied)
     * @param missingCode the code that stands for a missing value, or -1 when no row was missing
     */
    public CategoricalColumn(String name, List<String> dictionary, int[] codes, int missingCode) {
        this(name, List.copyOf(dictionary), codes.clone(), missingCode, true);
    }

    CategoricalColumn(String name, List<String> dictionary, int[] codes, int missingCode, boolean validate) {
        this.name = name;
        this.dictionary = dictionary;
        this.codes = codes;
        this.missingCode = missingCode;
        if (validate) {
            if (missingCode < -1 || missingCode >= dictionary.size()) {
                throw new IllegalArgumentException("missingCode must be -1 or a dictionary code, was " + missingCode);
            }
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] < 0 || codes[i] >= dictionary.size()) {
                    throw new IllegalArgumentException("row " + i + " of column '" + name + "' has code " + codes[i]
                            + " outside [0, " + dictionary.size() + ")");
                }
            }
        }
    }

    /** The column name. */
    public String name() {
        return name;
    }

    /** The number of rows. */
    public int size() {
        return codes.length;
    }

    /** The number of distinct values, the missing group included. */
    public int cardinality() {
        return dictionary.size();
    }

    /** The code of a row. */
    public int code(int row) {
        return codes[row];
    }

    /** The value of a code. */
    public String value(int code) {
        return dictionary.get(code);
    }

    /** The distinct values in code order. */
    public List<String> dictionary() {
        return dictionary;
    }

    /** The code of a value, if it occurs. */
    public Optional<Integer> codeOf(String value) {
        int i = dictionary.indexOf(value);
        return i < 0 ? Optional.empty() : Optional.of(i);
    }

    /** The code standing for missing values, or -1 when no row had a missing value. */
    public int missingCode() {
        return missingCode;
    }

    /** A copy of all codes (a new array on every call; counting loops use {@link #copyCodes} instead). */
    public int[] codes() {
        return codes.clone();
    }

    /**
     * Copies the codes of rows {@code [from, from + length)} into {@code into} at {@code at}, as
     * {@link System#arraycopy} does: lets a caller read codes into an array it reuses (a block, or a buffer kept
     * across the chunks of a stream) instead of allocating a copy per call, while the column stays immutable.
     *
     * @throws IndexOutOfBoundsException when a range lies outside its array
     */
    public void copyCodes(int from, int[] into, int at, int length) {
        System.arraycopy(codes, from, into, at, length);
    }

    /**
     * Copies all codes into the start of {@code into}, which must hold at least {@link #size()} elements.
     *
     * @return {@code into}
     * @throws IndexOutOfBoundsException when {@code into} is shorter than the column
     */
    public int[] copyCodes(int[] into) {
        System.arraycopy(codes, 0, into, 0, codes.length);
        return into;
    }

    @Override
    public String toString() {
        return "CategoricalColumn[" + name + ", " + codes.length + " rows, values " + dictionary + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CategoricalColumn c && c.name.equals(name) && c.dictionary.equals(dictionary)
                && c.missingCode == missingCode && Arrays.equals(c.codes, codes);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(codes);
    }
}
