package dev.fairaudit.metrics.document;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Document control: what identifies an audit document and lets a reader check that its numbers are genuine.
 *
 * @param documentId          a stable id derived from the configuration and the input digest
 * @param generatedAt         the document's date (from {@code SOURCE_DATE_EPOCH} when set, for reproducible
 *                            documents); shown in the HTML and Markdown, not written to audit.json
 * @param libraryVersion      the fairaudit version that wrote it
 * @param configurationSha256 hex SHA-256 of the canonical JSON of the settings the audit ran with
 * @param periodFrom          the first instant audited (a log's {@code --from}), or null for no lower bound
 * @param periodTo            the first instant not audited (a log's {@code --to}), or null
 * @param scope               free text the user supplies: system, model version, purpose, population, owner...
 *                            (key → text, sorted by key)
 * @param logVerification     the verification of the decision log the audit read, or null when the input was
 *                            a file
 * @param disclosure          what a published document withholds
 * @param changeRecord        the governance events of the decision log the audit read, in log order, or null when
 *                            the input was not a log
 */
public record DocumentControl(
        String documentId,
        Instant generatedAt,
        String libraryVersion,
        String configurationSha256,
        String periodFrom,
        String periodTo,
        Map<String, String> scope,
        LogVerification logVerification,
        Disclosure disclosure,
        List<ChangeRecord> changeRecord) {

    /** Document control without a change record (the input was not a decision log). */
    public DocumentControl(String documentId, Instant generatedAt, String libraryVersion, String configurationSha256,
            String periodFrom, String periodTo, Map<String, String> scope, LogVerification logVerification,
            Disclosure disclosure) {
        this(documentId, generatedAt, libraryVersion, configurationSha256, periodFrom, periodTo, scope,
                logVerification, disclosure, null);
    }

    /** Validates and copies. */
    public DocumentControl {
        if (documentId == null || generatedAt == null || libraryVersion == null || configurationSha256 == null
                || disclosure == null) {
            throw new IllegalArgumentException("documentId, generatedAt, libraryVersion, configurationSha256 and"
                    + " disclosure are required");
        }
        scope = Collections.unmodifiableMap(new TreeMap<>(scope == null ? Map.of() : scope));
        changeRecord = changeRecord == null ? null : List.copyOf(changeRecord);
    }
}
