/**
 * fairaudit core: what a decision is and how decisions get into the library.
 *
 * <p>Tabular input lives in {@link dev.fairaudit.core.table}: CSV and JSON Lines files are read into a
 * columnar, dictionary-encoded {@link dev.fairaudit.core.table.DecisionTable} with declared column roles.
 * Input problems are reported as {@link dev.fairaudit.core.InputException}, which names the file, line,
 * column and value.
 */
package dev.fairaudit.core;
