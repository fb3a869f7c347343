package dev.fairaudit.report.document;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The document's texts in one language, from the resource bundle {@code dev.fairaudit.report.document.texts}
 * (UTF-8 properties; English in the base file, Dutch in {@code texts_nl}), and numbers formatted for that
 * language (Dutch: decimal comma, full stop between thousands). The JVM's default locale is never consulted,
 * so the same result gives the same bytes on every machine.
 */
public final class Texts {

    private static final String BUNDLE = "dev.fairaudit.report.document.texts";

    private final Language language;
    private final ResourceBundle bundle;
    private final DecimalFormat percent;
    private final DecimalFormat ratio;
    private final DecimalFormat pValue;
    private final DecimalFormat count;
    private final DecimalFormat statistic;

    private Texts(Language language) {
        this.language = language;
        this.bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(language.locale());
        this.percent = format("0.0", symbols);
        this.ratio = format("0.00", symbols);
        this.pValue = format("0.000", symbols);
        this.count = format("#,##0", symbols);
        this.statistic = format("0.00", symbols);
    }

    private static DecimalFormat format(String pattern, DecimalFormatSymbols symbols) {
        DecimalFormat f = new DecimalFormat(pattern, symbols);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f;
    }

    /** The texts of a language. */
    public static Texts of(Language language) {
        return new Texts(language);
    }

    /** The language. */
    public Language language() {
        return language;
    }

    /**
     * A text with {@code {0}}, {@code {1}}, ... replaced by the arguments (already formatted).
     *
     * @throws MissingResourceException when the key is not in the bundle
     */
    public String get(String key, Object... args) {
        String s = bundle.getString(key);
        for (int i = 0; i < args.length; i++) {
            s = s.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return s;
    }

    /** Whether a key exists. */
    public boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** A rate as a percentage with one decimal, for example {@code 12.3%} or {@code 12,3%}. */
    public String percent(double rate) {
        return fix(percent.format(rate * 100)) + "%";
    }

    /** A difference of rates in percentage points, signed: {@code +4.0 pp} or {@code −4,0 pp}. */
    public String points(double difference) {
        String s = fix(percent.format(Math.abs(difference) * 100));
        String sign = zero(s) ? "" : difference < 0 ? "−" : "+";
        return sign + s + " " + get("unit.points");
    }

    /** A ratio with two decimals. */
    public String ratio(double r) {
        return fix(ratio.format(r));
    }

    /** A p-value with three decimals, or {@code < 0.001}. */
    public String p(double p) {
        return p < 0.001 ? "<\u00A0" + pValue.format(0.001) : pValue.format(p);
    }

    /** A p-value for a sentence: {@code = 0.012} or {@code < 0.001}. */
    public String pEq(double p) {
        return p < 0.001 ? p(p) : "=\u00A0" + p(p);
    }

    /** A test statistic with two decimals. */
    public String statistic(double s) {
        return fix(statistic.format(s));
    }

    /** A count with thousands separators. */
    public String count(long n) {
        return count.format(n);
    }

    /** An interval of rates: {@code 10.2% – 14.5%}. */
    public String percentInterval(double lower, double upper) {
        return percent(lower) + " – " + percent(upper);
    }

    /** A plain number with up to two decimals (thresholds). */
    public String number(double d) {
        return fix(ratio.format(d));
    }

    // DecimalFormat writes "-0.0" for tiny negatives; a document shows 0.
    private static String fix(String s) {
        if (s.isEmpty() || s.charAt(0) != '-') {
            return s;
        }
        return zero(s.substring(1)) ? s.substring(1) : "−" + s.substring(1);
    }

    /** Whether a formatted number is zero (only 0 and separators); no regex, this runs for every cell. */
    private static boolean zero(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '1' && ch <= '9') {
                return false;
            }
        }
        return true;
    }
}
