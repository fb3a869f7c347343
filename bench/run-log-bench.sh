#!/usr/bin/env bash
# Runs the decision log benchmarks (fairness-bench, classes Log*Benchmark) through bench/run-jmh.sh and prints
# one summary table to paste into a note: the caller's cost per decision (p50/p99 ns, and bytes allocated per
# call with the GC profiler), the writer's throughput per durability mode (records/s), this machine's disk sync
# latency (p50/p99 us). Results go to bench/results/log-<UTC date and time>/ (caller.json, writer.json,
# sync.json; not committed). The log benchmarks write to the system temporary folder (java.io.tmpdir; set it
# with JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=... to measure another disk) and delete what they wrote. Takes about
# 12 minutes with the settings in the sources (twice that with a baseline); run it on a quiet machine.
#
# Usage: bench/run-log-bench.sh [JMH arguments added to each run...]
#   bench/run-log-bench.sh                          # all three, settings from the sources
#   bench/run-log-bench.sh -wi 2 -i 3 -w 1s -r 2s   # a quicker, rougher run
#   bench/run-log-bench.sh -p features=map -p decisionsPerSecond=50000 -p keyed=false   # the headline rows
# BASELINE_JAR=path/to/benchmarks.jar (built at another commit, e.g. main) runs the same benchmarks on it first,
# in the same session, and the table gets a column for each: on a shared machine compare only figures measured
# side by side. SKIP_BUILD=1 and MVN_ARGS are passed on to bench/run-jmh.sh (the jar is built once).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
stamp="$(date -u +%Y%m%d-%H%M%S)"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  # shellcheck disable=SC2086
  (cd "$root" && mvn -B -q ${MVN_ARGS:-} -DskipTests -pl fairness-bench -am package)
fi
jar="$root/fairness-bench/target/benchmarks.jar"

# run_set JAR FOLDER [JMH arguments...]: the three benchmark classes with one jar
run_set() {
  local with="$1" dir="$2"
  shift 2
  mkdir -p "$dir"
  # the text output is kept too: the summary reads the per-thread CPU and allocation figures printed there
  JMH_JAR="$with" JMH_RESULTS="$dir/caller.json" "$here/run-jmh.sh" 'LogCallerBenchmark' -prof gc "$@" \
    | tee "$dir/caller.txt"
  JMH_JAR="$with" JMH_RESULTS="$dir/writer.json" "$here/run-jmh.sh" 'LogWriterBenchmark' -prof gc "$@" \
    | tee "$dir/writer.txt"
  JMH_JAR="$with" JMH_RESULTS="$dir/sync.json" "$here/run-jmh.sh" 'LogDiskSyncBenchmark' "$@" | tee "$dir/sync.txt"
}

runs=()
if [[ -n "${BASELINE_JAR:-}" ]]; then
  # JMH refuses parameters a benchmark class does not have, and a baseline may lack new ones: pass the same.
  run_set "$BASELINE_JAR" "$root/bench/results/log-$stamp/baseline" "$@"
  runs+=("baseline=$root/bench/results/log-$stamp/baseline")
fi
run_set "$jar" "$root/bench/results/log-$stamp/this" "$@"
runs+=("this=$root/bench/results/log-$stamp/this")

echo
echo "Decision log benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1):"
java -cp "$jar" dev.fairaudit.bench.LogBenchSummary "${runs[@]}" | tee "$root/bench/results/log-$stamp/summary.md"
