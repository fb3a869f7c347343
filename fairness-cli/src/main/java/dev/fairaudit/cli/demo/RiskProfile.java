package dev.fairaudit.cli.demo;

import dev.fairaudit.core.model.DecisionModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The municipality's risk profile, a logistic score over postcode, language, household type, income changes
 * and months on the benefit; a case is selected when its score reaches the threshold, or when it was referred (tip-off), in
 * which case the caseworker's referral decides and the score is only recorded.
 *
 * <p>It leans on postcode and language from the start ("expert" weights from an earlier project), and
 * {@link #retrain} makes it lean harder each month: it raises the weight of every postcode and language
 * where it found more violations <em>per resident</em> than on average, without asking where it looked. As
 * violations are equally common everywhere, the postcodes and languages it already favoured yield more found
 * cases per resident simply because more of their residents were controlled, so their weights grow and the
 * gap widens (a runaway feedback loop, cf. Ensign et al., "Runaway feedback loops in predictive policing",
 * FAT* 2018).
 *
 * @param version            the model version, written into every record
 * @param intercept          the score's intercept (log-odds)
 * @param postcodeWeights    log-odds added per postcode
 * @param languageWeights    log-odds added per language
 * @param householdWeights   log-odds added per household type
 * @param incomeChangeWeight log-odds added per reported income change
 * @param threshold          the score at or above which a case is selected
 */
record RiskProfile(String version, double intercept, Map<String, Double> postcodeWeights,
        Map<String, Double> languageWeights, Map<String, Double> householdWeights, double incomeChangeWeight,
        double threshold) implements DecisionModel<DemoCase, Assessment> {

    /** The model's id in the decision records. */
    static final String MODEL_ID = "dijkstad-control-profile";
    /** How far one month of found cases moves a weight (in units of the log of the per-resident ratio). */
    static final double LEARNING_RATE = 0.35;
    /** Pseudo-residents at the city-wide rate added to each postcode or language before the ratio is taken. */
    static final double SMOOTHING_RESIDENTS = 1000;
    /** Log-odds per month on the benefit (fixed, never retrained): newer cases score a little higher. */
    static final double MONTHS_ON_BENEFIT_WEIGHT = -0.01;
    /** Weights are kept within plus or minus this. */
    static final double MAX_WEIGHT = 3;

    /** Copies the maps (keeping their order). */
    RiskProfile {
        postcodeWeights = Map.copyOf(postcodeWeights);
        languageWeights = Map.copyOf(languageWeights);
        householdWeights = Map.copyOf(householdWeights);
    }

    /**
     * Version 1.0: expert weights that already favour three neighbourhoods and languages other than Dutch; the
     * intercept is calibrated by {@link #calibrated} before use.
     */
    static RiskProfile initial(double threshold) {
        Map<String, Double> postcodes = new LinkedHashMap<>();
        for (Population.Neighbourhood n : Population.NEIGHBOURHOODS) {
            double w = switch (n.name()) {
                case "Havenkwartier", "Zuiderhaven" -> 0.3;
                case "Molenwijk" -> 0.15;
                default -> 0.0;
            };
            n.postcodes().forEach(p -> postcodes.put(p, w));
        }
        Map<String, Double> languages = Map.of("nl", 0.0, "en", 0.05, "pl", 0.1, "tr", 0.15, "ar", 0.15, "other", 0.1);
        Map<String, Double> households = Map.of("single", 0.2, "single parent", 0.3, "couple", 0.0,
                "couple with children", 0.1);
        return new RiskProfile("1.0", -2.6, postcodes, languages, households, 0.25, threshold);
    }

    @Override
    public Assessment decide(DemoCase c) {
        Resident r = c.resident();
        double logit = intercept + postcodeWeights.get(r.postcode()) + languageWeights.get(r.language())
                + householdWeights.get(r.household()) + incomeChangeWeight * r.incomeChanges()
                + MONTHS_ON_BENEFIT_WEIGHT * r.monthsOnBenefit();
        double risk = 1 / (1 + Math.exp(-logit));
        return new Assessment(risk, c.tipOff() || risk >= threshold);
    }

    /** The same profile with another threshold (a governance decision, not retraining). */
    RiskProfile withThreshold(double newThreshold) {
        return new RiskProfile(version, intercept, postcodeWeights, languageWeights, householdWeights,
                incomeChangeWeight, newThreshold);
    }

    /**
     * Retrains on the cases found so far, the naive way: for each postcode and language, found cases per
     * resident reassessed (not per resident controlled) against the city-wide figure.
     *
     * @param newVersion        the new version
     * @param foundByPostcode   FOUND outcomes so far per postcode
     * @param peopleByPostcode  residents reassessed so far per postcode
     * @param foundByLanguage   FOUND outcomes so far per language
     * @param peopleByLanguage  residents reassessed so far per language
     * @return the retrained profile
     */
    RiskProfile retrain(String newVersion, Map<String, Long> foundByPostcode, Map<String, Long> peopleByPostcode,
            Map<String, Long> foundByLanguage, Map<String, Long> peopleByLanguage) {
        return new RiskProfile(newVersion, intercept, update(postcodeWeights, foundByPostcode, peopleByPostcode),
                update(languageWeights, foundByLanguage, peopleByLanguage), householdWeights, incomeChangeWeight,
                threshold);
    }

    /**
     * The same profile with the intercept that would have selected {@code share} of {@code cases} at the
     * current threshold (as near as the scores allow, from below): calibration to the control capacity, part of each
     * retraining, so that retraining moves selections between groups rather than changing their number.
     */
    RiskProfile calibrated(List<Resident> cases, double share) {
        double low = -12;
        double high = 6;
        for (int i = 0; i < 50; i++) {
            double mid = (low + high) / 2;
            RiskProfile p = new RiskProfile(version, mid, postcodeWeights, languageWeights, householdWeights,
                    incomeChangeWeight, threshold);
            long selected = cases.stream().filter(r -> p.decide(new DemoCase(r, false)).selected()).count();
            if ((double) selected / cases.size() > share) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return new RiskProfile(version, low, postcodeWeights, languageWeights, householdWeights,
                incomeChangeWeight, threshold);
    }

    /** Subtracts the resident-weighted mean, so retraining moves selections between groups, not their number. */
    private static Map<String, Double> centred(Map<String, Double> weights, Map<String, Long> people) {
        long all = people.values().stream().mapToLong(Long::longValue).sum();
        double mean = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            mean += e.getValue() * people.getOrDefault(e.getKey(), 0L) / all;
        }
        Map<String, Double> centred = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(weights).entrySet()) {
            centred.put(e.getKey(), e.getValue() - mean);
        }
        return centred;
    }

    /**
     * Moves each weight by the log of its found-per-resident ratio, then shifts all weights so that their
     * resident-weighted mean stays what it was: retraining moves selections between groups, not their number.
     */
    private static Map<String, Double> update(Map<String, Double> weights, Map<String, Long> found,
            Map<String, Long> people) {
        long allFound = found.values().stream().mapToLong(Long::longValue).sum();
        long allPeople = people.values().stream().mapToLong(Long::longValue).sum();
        if (allFound == 0 || allPeople == 0) {
            return weights;
        }
        double cityRate = (double) allFound / allPeople;
        Map<String, Double> moved = new TreeMap<>();
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            double rate = (found.getOrDefault(e.getKey(), 0L) + SMOOTHING_RESIDENTS * cityRate)
                    / (people.getOrDefault(e.getKey(), 0L) + SMOOTHING_RESIDENTS);
            moved.put(e.getKey(), e.getValue() + LEARNING_RATE * Math.log(rate / cityRate));
        }
        double shift = mean(moved, people, allPeople) - mean(weights, people, allPeople);
        Map<String, Double> updated = new TreeMap<>();
        moved.forEach((k, w) -> updated.put(k, Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, w - shift))));
        return updated;
    }

    private static double mean(Map<String, Double> weights, Map<String, Long> people, long allPeople) {
        double sum = 0;
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            sum += e.getValue() * people.getOrDefault(e.getKey(), 0L);
        }
        return sum / allPeople;
    }
}
