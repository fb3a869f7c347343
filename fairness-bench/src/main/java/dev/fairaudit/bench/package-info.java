/**
 * JMH benchmarks of the fairaudit engine. Not part of the library; built into
 * {@code fairness-bench/target/benchmarks.jar} and run with {@code bench/run-jmh.sh}.
 *
 * <ul>
 *   <li>{@link dev.fairaudit.bench.CountingBenchmark}: the one-pass counting kernel
 *       ({@link dev.fairaudit.metrics.counts.CellCounter}) over dictionary-encoded columns, in rows per second,
 *       against a naive {@code HashMap<String, long[]>} baseline.</li>
 *   <li>{@link dev.fairaudit.bench.MetricsBenchmark}: everything computed from the count states of 60
 *       intersectional groups ({@link dev.fairaudit.metrics.GroupAudit#run(
 *       dev.fairaudit.metrics.counts.GroupedCounts, dev.fairaudit.core.table.TableSource, java.util.List)}),
 *       in microseconds per audit.</li>
 * </ul>
 *
 * <p>All data is generated in memory from fixed seeds ({@link java.util.SplittableRandom}), so every run
 * measures the same input. Figures depend on the machine; compare runs made on the same one.
 */
package dev.fairaudit.bench;
