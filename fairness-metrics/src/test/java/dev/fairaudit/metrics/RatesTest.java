package dev.fairaudit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairaudit.metrics.counts.OutcomeCounts;
import org.junit.jupiter.api.Test;

/** Every per-group metric on tables computed by hand. */
class RatesTest {

    private static final double EXACT = 1e-12;

    // TP=20, FP=10, FN=5, TN=45, selected with unknown label 15, not selected with unknown label 5: n = 100.
    private final OutcomeCounts counts = OutcomeCounts.ofRows(20, 10, 5, 45, 15, 5);

    private MetricValue metric(OutcomeCounts c, Metric m) {
        return Rates.metric(c, m, IntervalMethod.WILSON);
    }

    @Test
    void everyMetricMatchesItsHandComputedValue() {
        // selected = 20 + 10 + 15 = 45 of 100; known labels = 80, of which positive 25
        assertRate(metric(counts, Metric.SELECTION_RATE), 45, 100);
        assertRate(metric(counts, Metric.BASE_RATE), 25, 80);
        assertRate(metric(counts, Metric.TRUE_POSITIVE_RATE), 20, 25);
        assertRate(metric(counts, Metric.FALSE_NEGATIVE_RATE), 5, 25);
        assertRate(metric(counts, Metric.FALSE_POSITIVE_RATE), 10, 55);
        assertRate(metric(counts, Metric.TRUE_NEGATIVE_RATE), 45, 55);
        assertRate(metric(counts, Metric.POSITIVE_PREDICTIVE_VALUE), 20, 30);
        assertRate(metric(counts, Metric.FALSE_DISCOVERY_RATE), 10, 30);
        assertRate(metric(counts, Metric.NEGATIVE_PREDICTIVE_VALUE), 45, 50);
        assertRate(metric(counts, Metric.FALSE_OMISSION_RATE), 5, 50);
        assertRate(metric(counts, Metric.ACCURACY), 65, 80);
    }

    @Test
    void unknownLabelsCountOnlyForTheSelectionRate() {
        OutcomeCounts moreUnknown = counts.merge(OutcomeCounts.ofRows(0, 0, 0, 0, 100, 100));
        assertRate(metric(moreUnknown, Metric.SELECTION_RATE), 145, 300);
        for (Metric m : Metric.values()) {
            if (m.needsLabel()) {
                assertEquals(metric(counts, m).value(), metric(moreUnknown, m).value(), m.key());
            }
        }
    }

    @Test
    void selectionRateHasTheWilsonIntervalOfTheReference() {
        // Wilson score interval for 45/100 at 95%: (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n),
        // z = 1.959964: 0.3561454 .. 0.5475540 (same as R binom::binom.confint(45, 100, method = "wilson")).
        MetricValue v = metric(counts, Metric.SELECTION_RATE);
        assertEquals(0.3561454, v.ci95().lower(), 1e-6);
        assertEquals(0.5475540, v.ci95().upper(), 1e-6);
        assertEquals("wilson", v.ci95().method());
    }

    @Test
    void undefinedRateWhenGroupIsEmpty() {
        for (Metric m : Metric.values()) {
            MetricValue v = metric(OutcomeCounts.empty(), m);
            assertNull(v.value(), m.key());
            assertEquals(Status.UNDEFINED_EMPTY_GROUP, v.status(), m.key());
            assertNull(v.ci95(), m.key());
        }
    }

    @Test
    void undefinedRateWhenDenominatorIsZero() {
        // No label-positive rows: TPR and FNR have a zero denominator; everything else is defined.
        OutcomeCounts noPositives = OutcomeCounts.ofRows(0, 7, 0, 13, 0, 0);
        for (Metric m : new Metric[] {Metric.TRUE_POSITIVE_RATE, Metric.FALSE_NEGATIVE_RATE}) {
            MetricValue v = metric(noPositives, m);
            assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, v.status(), m.key());
            assertNull(v.value());
            assertEquals(0, v.denominator());
        }
        assertRate(metric(noPositives, Metric.FALSE_POSITIVE_RATE), 7, 20);
        assertRate(metric(noPositives, Metric.BASE_RATE), 0, 20);
        // Nobody selected: PPV and FDR are undefined, not 0 (AIF360's choice) and not NaN.
        OutcomeCounts noneSelected = OutcomeCounts.ofRows(0, 0, 3, 9, 0, 0);
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, metric(noneSelected, Metric.POSITIVE_PREDICTIVE_VALUE)
                .status());
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, metric(noneSelected, Metric.FALSE_DISCOVERY_RATE).status());
        assertRate(metric(noneSelected, Metric.SELECTION_RATE), 0, 12);
    }

    @Test
    void groupWithAllOrNoPositivesHasIntervalsTouchingTheBounds() {
        MetricValue all = metric(OutcomeCounts.ofRows(10, 0, 0, 0, 0, 0), Metric.SELECTION_RATE);
        assertEquals(1.0, all.value(), EXACT);
        assertEquals(1.0, all.ci95().upper(), 1e-12);
        // Wilson lower bound for 10/10: n / (n + z²) = 10 / 13.841459 = 0.7224672
        assertEquals(0.7224672, all.ci95().lower(), 1e-6);
        MetricValue none = metric(OutcomeCounts.ofRows(0, 0, 4, 6, 0, 0), Metric.SELECTION_RATE);
        assertEquals(0.0, none.value(), EXACT);
        assertEquals(0.0, none.ci95().lower(), 1e-12);
        // Wilson upper bound for 0/10: z² / (n + z²) = 3.841459 / 13.841459 = 0.2775328
        assertEquals(0.2775328, none.ci95().upper(), 1e-6);
    }

    @Test
    void clopperPearsonIntervalWhenAsked() {
        // Clopper-Pearson for 0/10: upper = 1 - 0.025^(1/10) = 0.3084971
        MetricValue v = Rates.metric(OutcomeCounts.ofRows(0, 0, 4, 6, 0, 0), Metric.SELECTION_RATE,
                IntervalMethod.CLOPPER_PEARSON);
        assertEquals(0.3084971, v.ci95().upper(), 1e-6);
        assertEquals("clopper-pearson", v.ci95().method());
    }

    @Test
    void weightedRatesUseWeightsAndKishEffectiveSize() {
        // Two selected rows of weight 3 and two not selected of weight 1 (labels unknown):
        // selection rate = 6 / 8 = 0.75; effective n = (Σw)² / Σw² = 64 / 20 = 3.2.
        OutcomeCounts c = OutcomeCounts.empty()
                .add(true, (byte) -1, 3).add(true, (byte) -1, 3)
                .add(false, (byte) -1, 1).add(false, (byte) -1, 1);
        Rates.Proportion p = Rates.proportion(c, Metric.SELECTION_RATE);
        assertEquals(0.75, p.value(), EXACT);
        assertEquals(3.2, p.effectiveDenominator(), 1e-12);
        assertEquals(2.4, p.effectiveNumerator(), 1e-12);
        MetricValue v = metric(c, Metric.SELECTION_RATE);
        assertEquals(6, v.numerator(), EXACT);
        assertEquals(8, v.denominator(), EXACT);
        assertEquals(4, v.rows());
        // Wilson for x = 2.4, n = 3.2 (computed by hand as in selectionRateHasTheWilsonIntervalOfTheReference):
        // centre = (0.75 + 3.841459/6.4) / (1 + 3.841459/3.2) = 1.3502280 / 2.2004560 = 0.6136128
        assertTrue(v.ci95().lower() < 0.75 && v.ci95().upper() > 0.75);
        assertEquals(0.6136128, (v.ci95().lower() + v.ci95().upper()) / 2, 1e-6);
    }

    @Test
    void zeroWeightRowsAreAZeroDenominatorNotAnEmptyGroup() {
        OutcomeCounts c = OutcomeCounts.empty().add(true, (byte) 1, 0).add(false, (byte) 0, 0);
        MetricValue v = metric(c, Metric.SELECTION_RATE);
        assertEquals(Status.UNDEFINED_ZERO_DENOMINATOR, v.status());
        assertEquals(2, v.rows());
    }

    private static void assertRate(MetricValue v, double numerator, double denominator) {
        assertEquals(Status.OK, v.status());
        assertEquals(numerator / denominator, v.value(), EXACT);
        assertEquals(numerator, v.numerator(), EXACT);
        assertEquals(denominator, v.denominator(), EXACT);
        assertTrue(v.ci95().contains(v.value()), "interval " + v.ci95() + " contains " + v.value());
    }
}
