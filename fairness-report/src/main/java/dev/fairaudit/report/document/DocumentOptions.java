package dev.fairaudit.report.document;

import dev.fairaudit.metrics.document.ChangeRecord;
import dev.fairaudit.metrics.document.LogVerification;
import java.time.Instant;
import java.util.List;
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
 * @param changeRecord    the decision log's governance events, or null when the input was not a log
 */
public record DocumentOptions(int suppressBelow, Map<String, String> scope, String periodFrom, String periodTo,
        LogVerification logVerification, Instant generatedAt, List<ChangeRecord> changeRecord) {

    /** Options without a change record. */
    public DocumentOptions(int suppressBelow, Map<String, String> scope, String periodFrom, String periodTo,
            LogVerification logVerification, Instant generatedAt) {
        this(suppressBelow, scope, periodFrom, periodTo, logVerification, generatedAt, null);
    }

    /** These options with the decision log's governance events. */
    public DocumentOptions withChangeRecord(List<ChangeRecord> records) {
        return new DocumentOptions(suppressBelow, scope, periodFrom, periodTo, logVerification, generatedAt, records);
    }

    /** Copies. */
    public DocumentOptions {
        if (suppressBelow < 0) {
            throw new IllegalArgumentException("suppressBelow must be >= 0, was " + suppressBelow);
        }
        scope = Map.copyOf(scope == null ? Map.of() : scope);
        changeRecord = changeRecord == null ? null : List.copyOf(changeRecord);
    }

    /** The defaults: threshold 10, no scope, no period, no log. */
    public static DocumentOptions defaults() {
        return new DocumentOptions(DisclosureControl.DEFAULT_THRESHOLD, Map.of(), null, null, null, null);
    }
}
