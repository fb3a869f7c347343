package dev.fairaudit.metrics.criteria;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A criteria file: criteria fixed before deployment, and when they are to be evaluated.
 *
 * @param name           what the file is for, or null
 * @param source         where it came from (a file name), for messages
 * @param evaluationDate the date of the registered evaluation, or null
 * @param criteria       the criteria, at least one, ids unique
 */
public record CriteriaSpec(String name, String source, LocalDate evaluationDate, List<Criterion> criteria) {

    /** Validates and copies. */
    public CriteriaSpec {
        criteria = List.copyOf(criteria);
        if (criteria.isEmpty()) {
            throw new IllegalArgumentException("a criteria file needs at least one criterion");
        }
        Set<String> ids = new HashSet<>();
        for (Criterion c : criteria) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("the criterion id '" + c.id() + "' is used twice");
            }
        }
    }
}
