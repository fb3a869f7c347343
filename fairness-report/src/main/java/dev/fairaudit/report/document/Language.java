package dev.fairaudit.report.document;

import java.util.Locale;

/** The languages the audit document is written in. */
public enum Language {
    /** English. */
    EN("en", Locale.UK),
    /** Dutch: decimal comma. */
    NL("nl", Locale.forLanguageTag("nl-NL"));

    private final String id;
    private final Locale locale;

    Language(String id, Locale locale) {
        this.id = id;
        this.locale = locale;
    }

    /** The code used on the command line and in {@code <html lang>}: {@code en} or {@code nl}. */
    public String id() {
        return id;
    }

    /** The locale for number formatting. */
    public Locale locale() {
        return locale;
    }

    /** Parses {@code en} or {@code nl}. */
    public static Language fromId(String id) {
        for (Language l : values()) {
            if (l.id.equalsIgnoreCase(id)) {
                return l;
            }
        }
        throw new IllegalArgumentException("language must be 'en' or 'nl', was '" + id + "'");
    }
}
