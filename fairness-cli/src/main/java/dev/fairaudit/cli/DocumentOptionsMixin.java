package dev.fairaudit.cli;

import dev.fairaudit.metrics.document.LogVerification;
import dev.fairaudit.report.document.AuditDocuments.Format;
import dev.fairaudit.report.document.DisclosureControl;
import dev.fairaudit.report.document.DocumentOptions;
import dev.fairaudit.report.document.Language;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The audit document's options of {@code fairaudit audit}: formats, language, disclosure threshold, scope. */
final class DocumentOptionsMixin {

    @Option(names = "--format", split = ",", paramLabel = "json|html|md", defaultValue = "json,html,md",
            description = "Which documents to write into --out (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--lang", paramLabel = "en|nl", defaultValue = "en",
            description = "Language of audit.html and audit.md (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--suppress-below", paramLabel = "N", defaultValue = "" + DisclosureControl.DEFAULT_THRESHOLD,
            description = "Withhold counts from 1 to N-1 (and what would reveal them) in every document written "
                    + "(default: ${DEFAULT-VALUE}); 1 shows everything: not for publication.")
    int suppressBelow;

    @Option(names = "--scope", paramLabel = "KEY=TEXT",
            description = "Scope text for the document (system, model, purpose, population, owner, legalBasis, "
                    + "or your own key); repeatable.")
    List<String> scope = List.of();

    Set<Format> formats() {
        Set<Format> out = EnumSet.noneOf(Format.class);
        for (String f : formats) {
            out.add(Format.fromId(f));
        }
        return out;
    }

    Language language() {
        return Language.fromId(language);
    }

    DocumentOptions options(String from, String to, LogVerification log) {
        if (suppressBelow < 0) {
            throw new IllegalArgumentException("--suppress-below must be >= 0, was " + suppressBelow);
        }
        Map<String, String> s = new LinkedHashMap<>();
        for (String kv : scope) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--scope '" + kv + "' must have the form KEY=TEXT");
            }
            s.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return new DocumentOptions(suppressBelow, s, from, to, log, null);
    }
}
