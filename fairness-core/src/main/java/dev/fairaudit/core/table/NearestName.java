package dev.fairaudit.core.table;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name nearest to a misspelt one (Levenshtein distance, ignoring case), for error messages
 * such as "no column 'gendr'; did you mean 'gender'?" and "unknown key 'protectd'".
 */
public final class NearestName {

    private NearestName() {
    }

    /**
     * The candidate nearest to {@code name}, if it is close enough to be a plausible typo: at most two edits,
     * or a third of the name's length for longer names.
     *
     * @param name       the name as given
     * @param candidates the valid names
     * @return the nearest candidate, or empty when none is close
     */
    public static Optional<String> of(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = levenshtein(lower, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** The number of single-character insertions, deletions and substitutions that turn a into b. */
    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
