package dev.fairaudit.metrics.risk;

import java.util.Collection;
import java.util.Locale;

/** The nearest valid name to a mistyped one, for error messages. */
public final class Similarity {

    private Similarity() {
    }

    /**
     * The valid name with the smallest edit distance (case-insensitive) to {@code value}, or null when none is
     * within half the value's length (plus two): a suggestion far off helps nobody.
     */
    public static String nearest(String value, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(value.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        return bestDistance <= value.length() / 2 + 2 ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
