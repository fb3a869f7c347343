package dev.fairaudit.cli.demo;

/**
 * A reassessment as the selection procedure receives it.
 *
 * @param resident the resident
 * @param tipOff   whether a caseworker or a tip-off referred the case for a control (the MANUAL route)
 */
record DemoCase(Resident resident, boolean tipOff) {
}
