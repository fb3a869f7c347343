package dev.fairaudit.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic population of an invented Dutch city ("Dijkstad"). Neighbourhoods differ in the share of
 * residents with a migration background, as in real Dutch cities; language follows migration background.
 * Age band, household type and gender are drawn independently of both.
 *
 * <p><b>Planted:</b> whether a resident breaks the rules depends on household type only, and household type
 * is drawn independently of neighbourhood and migration background, so the true violation rate is the same in
 * every migration-background group (in expectation; the unit tests check the drawn population).
 */
final class Population {

    /** Migration-background groups (CBS-style): the protected attribute the demo audits. */
    static final String NONE = "none";
    static final String EUROPEAN = "european";
    static final String NON_EUROPEAN = "non-european";

    /**
     * An invented neighbourhood.
     *
     * @param name        its name
     * @param postcodes   its 4-digit postcodes (invented; any match with a real area is accidental)
     * @param weight      its share of the population
     * @param nonEuropean share of residents with a non-European migration background
     * @param european    share with a European (non-Dutch) migration background
     */
    record Neighbourhood(String name, List<String> postcodes, double weight, double nonEuropean, double european) {
    }

    static final List<Neighbourhood> NEIGHBOURHOODS = List.of(
            new Neighbourhood("Oude Centrum", List.of("4811", "4812"), 0.10, 0.22, 0.12),
            new Neighbourhood("Parkwijk", List.of("4821", "4822"), 0.13, 0.10, 0.06),
            new Neighbourhood("Bosrand", List.of("4831", "4832"), 0.11, 0.08, 0.05),
            new Neighbourhood("Havenkwartier", List.of("4841", "4842"), 0.14, 0.58, 0.10),
            new Neighbourhood("Zuiderhaven", List.of("4851", "4852"), 0.13, 0.52, 0.12),
            new Neighbourhood("Molenwijk", List.of("4861", "4862"), 0.13, 0.45, 0.08),
            new Neighbourhood("Tuindorp", List.of("4871", "4872"), 0.14, 0.18, 0.07),
            new Neighbourhood("Nieuwland", List.of("4881", "4882"), 0.12, 0.25, 0.09));

    static final String[] AGE_BANDS = {"18-26", "27-40", "41-55", "56-66", "67+"};
    private static final double[] AGE_WEIGHTS = {0.15, 0.30, 0.30, 0.20, 0.05};
    static final String[] HOUSEHOLDS = {"single", "single parent", "couple", "couple with children"};
    private static final double[] HOUSEHOLD_WEIGHTS = {0.45, 0.20, 0.15, 0.20};
    /** The true violation probability per household type: the only thing violations depend on. */
    static final double[] VIOLATION_BY_HOUSEHOLD = {0.07, 0.09, 0.05, 0.06};
    static final String[] GENDERS = {"woman", "man", "non-binary"};
    private static final double[] GENDER_WEIGHTS = {0.505, 0.485, 0.010};
    static final String[] LANGUAGES = {"nl", "en", "pl", "tr", "ar", "other"};
    private static final double[][] LANGUAGE_BY_MIGRATION = {
        {0.97, 0.02, 0.00, 0.00, 0.00, 0.01}, // none
        {0.45, 0.20, 0.30, 0.00, 0.00, 0.05}, // european
        {0.45, 0.05, 0.00, 0.20, 0.20, 0.10}, // non-european
    };
    /** Mean yearly income changes (Poisson) for residents who keep and who break the rules: a weak signal. */
    static final double INCOME_CHANGES_COMPLIANT = 1.0;
    static final double INCOME_CHANGES_VIOLATING = 1.3;

    private Population() {
    }

    /**
     * Draws the population.
     *
     * @param seed        the seed
     * @param people      how many residents
     * @param workingDays working days of each month (index 0 = January)
     * @return the residents, in identifier order
     */
    static List<Resident> generate(long seed, int people, int[] workingDays) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] neighbourhoodWeights = NEIGHBOURHOODS.stream().mapToDouble(Neighbourhood::weight).toArray();
        List<Resident> residents = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            Neighbourhood n = NEIGHBOURHOODS.get(pick(rnd, neighbourhoodWeights));
            String postcode = n.postcodes().get(rnd.nextInt(n.postcodes().size()));
            double u = rnd.nextDouble();
            int migration = u < n.nonEuropean() ? 2 : u < n.nonEuropean() + n.european() ? 1 : 0;
            String language = LANGUAGES[pick(rnd, LANGUAGE_BY_MIGRATION[migration])];
            int household = pick(rnd, HOUSEHOLD_WEIGHTS);
            boolean violates = rnd.nextDouble() < VIOLATION_BY_HOUSEHOLD[household];
            int incomeChanges = poisson(rnd, violates ? INCOME_CHANGES_VIOLATING : INCOME_CHANGES_COMPLIANT);
            int monthsOnBenefit = 1 + rnd.nextInt(120);
            int month = 1 + rnd.nextInt(12);
            residents.add(new Resident(String.format("resident-%06d", i + 1), n.name(), postcode,
                    AGE_BANDS[pick(rnd, AGE_WEIGHTS)], HOUSEHOLDS[household], GENDERS[pick(rnd, GENDER_WEIGHTS)],
                    new String[] {NONE, EUROPEAN, NON_EUROPEAN}[migration], language, incomeChanges, monthsOnBenefit, violates,
                    month,
                    rnd.nextInt(workingDays[month - 1])));
        }
        return residents;
    }

    /** The neighbourhood a postcode belongs to. */
    static Neighbourhood neighbourhoodOf(String postcode) {
        for (Neighbourhood n : NEIGHBOURHOODS) {
            if (n.postcodes().contains(postcode)) {
                return n;
            }
        }
        throw new IllegalArgumentException("no neighbourhood has postcode " + postcode);
    }

    /** An index drawn with the given weights (which sum to 1, up to rounding). */
    static int pick(SplittableRandom rnd, double[] weights) {
        double u = rnd.nextDouble();
        double sum = 0;
        for (int i = 0; i < weights.length - 1; i++) {
            sum += weights[i];
            if (u < sum) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Knuth's multiplication method; fine for the small means used here. */
    static int poisson(SplittableRandom rnd, double mean) {
        double limit = Math.exp(-mean);
        double product = rnd.nextDouble();
        int k = 0;
        while (product > limit) {
            product *= rnd.nextDouble();
            k++;
        }
        return k;
    }
}
