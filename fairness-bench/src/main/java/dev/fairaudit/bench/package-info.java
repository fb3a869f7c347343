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
 *   <li>{@link dev.fairaudit.bench.LogCallerBenchmark}: what recording a decision costs the caller of
 *       {@link dev.fairaudit.core.model.AuditedModel#decide}, with a real
 *       {@link dev.fairaudit.core.log.DecisionLog} or a no-op sink, as p50/p90/p99 nanoseconds per call.</li>
 *   <li>{@link dev.fairaudit.bench.LogWriterBenchmark}: records per second appended to a decision log and made
 *       durable ({@code PAGE_CACHE}, {@code GROUP_COMMIT}), with a plain or keyed hash chain.</li>
 *   <li>{@link dev.fairaudit.bench.LogDiskSyncBenchmark}: this machine's {@code fdatasync} latency after a
 *       small or a batch-sized write, in microseconds.</li>
 *   <li>{@link dev.fairaudit.bench.LogBenchSummary}: the results of the log benchmarks (JMH JSON and text
 *       output) as one Markdown table, a column per run, for {@code bench/run-log-bench.sh}.</li>
 * </ul>
 *
 * <p>All data is generated in memory from fixed seeds ({@link java.util.SplittableRandom}), so every run
 * measures the same input. The decision log benchmarks write to new folders under the system temporary folder
 * ({@code java.io.tmpdir}) and delete them when done; {@code bench/run-log-bench.sh} runs all three. Figures
 * depend on the machine; compare runs made on the same one.
 */
package dev.fairaudit.bench;
