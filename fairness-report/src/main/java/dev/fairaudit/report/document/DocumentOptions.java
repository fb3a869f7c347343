package dev.fairaudit.report.document;

import dev.fairaudit.metrics.document.LogVerification;
import java.time.Instant;
import java.util.Map;

/**
 * What the audit document needs from the caller besides the analyses.
 *
 * @param suppressBelow   counts from 1 to this − 1 are withheld; 0 or 1 for none (not for publication)
 * @param scope           free text: system, model, purpose, population, owner... (key → text)
 * @param periodFrom      the first instant audited, or null
 * @param periodTo        the first instant not audited, or null
 * @param logVerification the verification of the decision log that was the input, or null
 * @param generatedAt     the document's date, or null for {@code SOURCE_DATE_EPOCH} when set, else now
 */
public record DocumentOptions(int suppressBelow, Map<String, String> scope, String periodFrom, String periodTo,
        LogVerification logVerification, Instant generatedAt) {

    /** Copies. */
    public DocumentOptions {
        if (suppressBelow < 0) {
            throw new IllegalArgumentException("suppressBelow must be >= 0, was " + suppressBelow);
        }
        scope = Map.copyOf(scope == null ? Map.of() : scope);
    }

    /** The defaults: threshold 10, no scope, no period, no log. */
    public static DocumentOptions defaults() {
        return new DocumentOptions(DisclosureControl.DEFAULT_THRESHOLD, Map.of(), null, null, null, null);
    }
}
