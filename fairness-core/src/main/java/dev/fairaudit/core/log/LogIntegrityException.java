package dev.fairaudit.core.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A log that does not verify (edited, truncated, reordered, damaged) where a verified one is needed: opening
 * it for appending, erasing from it, reading it. Appending to such a log would hide the damage, so it is
 * refused; inspect it with {@link LogVerifier}.
 */
public final class LogIntegrityException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient LogProblem problem;

    /**
     * @param dir     the log folder
     * @param problem the first problem found
     */
    public LogIntegrityException(Path dir, LogProblem problem) {
        super("decision log at " + dir + " does not verify: " + Objects.requireNonNull(problem, "problem"));
        this.problem = problem;
    }

    /** @return the first problem found */
    public LogProblem problem() {
        return problem;
    }
}
