package dev.fairaudit.cli.demo;

/**
 * What the selection procedure says about a case.
 *
 * @param risk     the profile's risk score in (0, 1); NaN for a case in the random control arm, which the
 *                 profile never sees
 * @param selected whether the case is selected for a control
 */
record Assessment(double risk, boolean selected) {
}
