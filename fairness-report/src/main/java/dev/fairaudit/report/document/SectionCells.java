package dev.fairaudit.report.document;

import dev.fairaudit.metrics.Estimate;
import dev.fairaudit.metrics.stats.Interval;
import dev.fairaudit.metrics.MetricValue;
import dev.fairaudit.metrics.Status;
import dev.fairaudit.metrics.document.Disclosure;

/**
 * Formatting shared by the analysis sections: an estimate or rate with its interval, or the reason it has no
 * value, in the document's language. Formats only.
 */
final class SectionCells {

    private SectionCells() {
    }

    /** "withheld". */
    static String withheld(Texts t) {
        return t.get("value.suppressed");
    }

    /** A rate with its interval: "12.3% (10.1% – 14.9%)", or the status in words. */
    static String rate(Texts t, MetricValue v) {
        if (v == null) {
            return "—";
        }
        if (v.value() == null) {
            return status(t, v.status());
        }
        return v.ci95() == null ? t.percent(v.value())
                : t.percent(v.value()) + " (" + t.percentInterval(v.ci95().lower(), v.ci95().upper()) + ")";
    }

    /** A rate-like estimate (a share) in percent with its interval. */
    static String share(Texts t, Estimate e) {
        if (e == null) {
            return "—";
        }
        if (e.value() == null) {
            return status(t, e.status());
        }
        return e.ci95() == null ? t.percent(e.value())
                : t.percent(e.value()) + " (" + t.percentInterval(e.ci95().lower(), e.ci95().upper()) + ")";
    }

    /** A share (nullable) with an interval (nullable), in percent. */
    static String share(Texts t, Double value, Interval ci) {
        if (value == null) {
            return "—";
        }
        return ci == null ? t.percent(value) : t.percent(value) + " (" + t.percentInterval(ci.lower(), ci.upper()) + ")";
    }

    /** A number with two decimals and its interval, or the status in words. */
    static String number(Texts t, Estimate e) {
        if (e == null) {
            return "—";
        }
        if (e.value() == null) {
            return status(t, e.status());
        }
        String v = t.ratio(e.value());
        if (e.status() == Status.INSUFFICIENT_SAMPLE) {
            v += " (" + t.get("reading.inconclusive") + ")";
        } else if (e.ci95() != null) {
            v += " (" + t.ratio(e.ci95().lower()) + " – " + t.ratio(e.ci95().upper()) + ")";
        }
        return v;
    }

    /** A difference in percentage points with its interval. */
    static String points(Texts t, Estimate e) {
        if (e == null) {
            return "—";
        }
        if (e.value() == null) {
            return status(t, e.status());
        }
        return e.ci95() == null ? t.points(e.value())
                : t.points(e.value()) + " (" + t.points(e.ci95().lower()) + " – " + t.points(e.ci95().upper()) + ")";
    }

    /** A nullable number with two decimals. */
    static String number(Texts t, Double d) {
        return d == null ? "—" : t.ratio(d);
    }

    /** A nullable p-value. */
    static String p(Texts t, Double p) {
        return p == null ? "—" : t.p(p);
    }

    /** A status in words. */
    static String status(Texts t, Status s) {
        return t.get("status." + s.name());
    }

    /**
     * Whether a free-text warning of an analysis may give away a withheld count: as for the group audit's
     * warnings, any warning with a digit when anything is withheld.
     */
    static boolean warningMayDisclose(String warning, Disclosure d, AnalysisDisclosure a) {
        return d.enabled() && (!d.cells().isEmpty() || a.any()) && warning.chars().anyMatch(Character::isDigit);
    }
}
