package dev.fairaudit.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link CanonicalJson#writeDouble}'s fast path for doubles from 10<sup>-3</sup> to 10<sup>7</sup> (a few short
 * scales, then one test at the largest scale and its trailing zeros stripped) gives the bytes of the definition
 * ({@code BigDecimal} of JDK 17's {@code Double.toString}) and the decimal that trying every scale in turn (the
 * fast path before session 8, kept here as {@link #everyScale}) found, on several million values of the shapes
 * models produce: k/10<sup>m</sup>, products with 10<sup>-5</sup>, arithmetic noise, and every bit pattern of
 * the range.
 */
class DoubleFastPathTest {

    private static final long LOW = Double.doubleToRawLongBits(1e-3);
    private static final long HIGH = Double.doubleToRawLongBits(1e7);
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    /** The definition (docs/decision-log.md section 4), independent of the fast path; -0.0 apart. */
    private static String definition(double d) {
        if (d == 0 && Double.doubleToRawLongBits(d) != 0) {
            return "-0.0";
        }
        return new BigDecimal(Double.toString(d)).toString();
    }

    /**
     * The fast path before session 8: every scale m from 1 while m plus the whole part's digits is at most 15,
     * the first that gives the value back written from its digits; null where none does (the JDK's digits are
     * then copied, as now). For positive values in [1e-3, 1e7).
     */
    private static String everyScale(double a) {
        long whole = (long) a;
        int wholeDigits = whole == 0 ? 0 : Long.toString(whole).length();
        for (int m = 1; m + wholeDigits <= 15; m++) {
            long n = Math.round(a * POW10[m]);
            if ((double) n / POW10[m] == a) {
                String digits = Long.toString(n);
                while (digits.length() < m + 1) {
                    digits = "0" + digits;
                }
                return digits.substring(0, digits.length() - m) + "." + digits.substring(digits.length() - m);
            }
        }
        return null;
    }

    private static String written(double d) {
        Bytes b = new Bytes(2);
        CanonicalJson.writeDouble(d, b);
        return b.toString();
    }

    /** Checks a positive value and its negation; whether it is in the range and took a short form. */
    private static boolean check(double d) {
        String expected = definition(d);
        String old = d >= 1e-3 && d < 1e7 ? everyScale(d) : null;
        String actual = written(d);
        assertEquals(expected, actual, () -> "double with bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
        if (old != null) {
            assertEquals(old, actual, () -> "the short decimal of " + expected);
        }
        assertEquals("-" + expected, written(-d));
        return old != null;
    }

    @Test
    void decimalsOfEveryScaleAreWrittenAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(20261130L);
        int shortForms = 0;
        for (int i = 0; i < 1_500_000; i++) {
            int m = 1 + r.nextInt(15);
            // up to 15 significant digits, the value in [1e-3, 1e7)
            long k = r.nextLong(1, (long) POW10[1 + r.nextInt(15)]);
            double d = k / POW10[m];
            if (d >= 1e-3 && d < 1e7) {
                shortForms += check(d) ? 1 : 0;
            }
            // k/10^m with trailing zeros in k: a shorter decimal than m says
            double z = (k / 1000 * 1000) / POW10[m];
            if (z >= 1e-3 && z < 1e7) {
                shortForms += check(z) ? 1 : 0;
            }
        }
        // the test exercises the short forms, not only the JDK's digits
        assertEquals(true, shortForms > 1_000_000, "short forms checked: " + shortForms);
    }

    @Test
    void scoresAsModelsComputeThemAreWrittenAsTheDefinitionSays() {
        SplittableRandom r = new SplittableRandom(5L);
        for (int i = 0; i < 500_000; i++) {
            check(r.nextInt(1, 10_000) / 10_000.0);
            // the benchmark's score: an income of whole halves times 1e-5 (mostly 16 or 17 digits)
            check((8_000 + r.nextInt(160_000) * 0.5) * 1e-5);
            check(r.nextInt(100, 100_000) * 1e-5);
            check(r.nextInt(1, 1_000_000) / 1000.0 * 3);
            check(0.1 * r.nextInt(1, 100_000) + 0.2);
        }
    }

    @Test
    void everyBitPatternOfTheRangeIsWrittenAsTheDefinitionSays() {
        qt().withExamples(1_500_000).forAll(longs().between(LOW, HIGH - 1))
                .checkAssert(bits -> check(Double.longBitsToDouble(bits)));
    }

    @Test
    void neighboursOfShortDecimalsAreWrittenAsTheDefinitionSays() {
        // one ulp either side of a short decimal: the test at the largest scale must not take them for it
        qt().withExamples(500_000).forAll(longs().between(1, 999_999_999_999_999L), integers().between(1, 15))
                .checkAssert((k, m) -> {
                    double d = k / POW10[m];
                    if (d > 1e-3 && d < 9.999e6) {
                        check(d);
                        check(Math.nextUp(d));
                        check(Math.nextDown(d));
                    }
                });
    }
}
