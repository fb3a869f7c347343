package dev.fairaudit.metrics.distributions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link PeriodUnit#key(int)} builds its keys by hand (no {@code String.format}, which parses its pattern with a
 * regular expression per call); the keys must be those of the format strings it replaced, for every period from
 * year -20000 to 20000, padding and signs included.
 */
class PeriodKeyTest {

    @Test
    void keysEqualTheFormattedKeys() {
        for (int year = -20_000; year <= 20_000; year++) {
            assertEquals(String.format(Locale.ROOT, "%04d", year), PeriodUnit.YEAR.key(year));
            for (int q = 0; q < 4; q++) {
                assertEquals(String.format(Locale.ROOT, "%04d-Q%d", year, q + 1), PeriodUnit.QUARTER.key(year * 4 + q));
            }
            for (int m = 0; m < 12; m++) {
                assertEquals(String.format(Locale.ROOT, "%04d-%02d", year, m + 1), PeriodUnit.MONTH.key(year * 12 + m));
            }
        }
    }

    @Test
    void keyOfTheFirstMonthOfYearOne() {
        assertEquals("0001-01", PeriodUnit.MONTH.key(12));
        assertEquals("0999-Q4", PeriodUnit.QUARTER.key(999 * 4 + 3));
        assertEquals("-001", PeriodUnit.YEAR.key(-1));
    }
}
