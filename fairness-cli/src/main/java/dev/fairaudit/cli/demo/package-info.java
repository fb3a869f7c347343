/**
 * {@code fairaudit demo}: a seeded, synthetic municipal scenario of benefit controls
 * ({@link dev.fairaudit.cli.demo.MunicipalScenario}) that runs a risk profile through a wrapped model into a
 * real, keyed decision log, then verifies and audits that log through the same code as {@code fairaudit audit}
 * ({@link dev.fairaudit.cli.demo.DemoCommand}). Everything here is synthetic; docs/demo.md says what is planted.
 */
package dev.fairaudit.cli.demo;
