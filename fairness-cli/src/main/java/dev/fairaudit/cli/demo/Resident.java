package dev.fairaudit.cli.demo;

/**
 * One synthetic benefit recipient, reassessed once in the scenario's year.
 *
 * @param id                  the raw identifier; only its pseudonym is ever written
 * @param neighbourhood       the (invented) neighbourhood
 * @param postcode            the 4-digit postcode (invented codes)
 * @param ageBand             age band
 * @param household           household type
 * @param gender              woman, man or non-binary
 * @param migrationBackground none, european or non-european (a protected attribute, kept out of decisions)
 * @param language            the language the person corresponds in
 * @param incomeChanges       reported income changes in the past year (a weak, legitimate risk signal)
 * @param monthsOnBenefit     months on the benefit so far, 1 to 120 (no relation to violations)
 * @param violates            the ground truth the municipality does not know: whether the rules are broken
 * @param month               the month of the reassessment, 1 to 12
 * @param day                 the working day of that month (0-based) of the reassessment
 */
record Resident(String id, String neighbourhood, String postcode, String ageBand, String household, String gender,
        String migrationBackground, String language, int incomeChanges, int monthsOnBenefit, boolean violates, int month, int day) {
}
