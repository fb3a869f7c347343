#!/usr/bin/env bash
# Builds the JMH benchmarks jar and runs it, writing the results as JSON to
# bench/results/jmh-<UTC date and time>.json (the directory is created here; results are not committed).
#
# Usage: bench/run-jmh.sh [JMH arguments...]
#   bench/run-jmh.sh                                    # every benchmark, with the settings in the sources
#   bench/run-jmh.sh CountingBenchmark                  # one class (a regular expression on benchmark names)
#   bench/run-jmh.sh 'CountingBenchmark.count$' -p rows=10000000
#   bench/run-jmh.sh -wi 1 -i 2 -w 1s -r 1s             # a quick smoke run
#   bench/run-jmh.sh -l                                 # list the benchmarks
# Set SKIP_BUILD=1 to reuse an existing fairness-bench/target/benchmarks.jar; MVN_ARGS adds Maven options (-o).
# JMH_JAR runs another benchmarks jar (a baseline built at another commit; implies no build); JMH_RESULTS
# names the results file.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != "1" && -z "${JMH_JAR:-}" ]]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} -DskipTests -pl fairness-bench -am package
fi

jar="${JMH_JAR:-$root/fairness-bench/target/benchmarks.jar}"
if [[ ! -f "$jar" ]]; then
  echo "no $jar; run without SKIP_BUILD=1" >&2
  exit 1
fi

mkdir -p "$root/bench/results"
out="${JMH_RESULTS:-$root/bench/results/jmh-$(date -u +%Y%m%d-%H%M%S).json}"
echo "results: $out" >&2
java -jar "$jar" -rf json -rff "$out" "$@"
