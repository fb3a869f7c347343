#!/usr/bin/env bash
# Runs the decision log benchmarks (fairness-bench, classes Log*Benchmark) through bench/run-jmh.sh, one
# results file each in bench/results/: the caller's cost per decision with the GC profiler (bytes per call),
# the writer's throughput, and this machine's disk sync latency. The log benchmarks write to the system
# temporary folder (java.io.tmpdir; set it with JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=... to measure another
# disk) and delete what they wrote. Takes about 12 minutes with the settings in the sources; run it on a
# quiet machine.
#
# Usage: bench/run-log-bench.sh [JMH arguments added to each run...]
#   bench/run-log-bench.sh                          # all three, settings from the sources
#   bench/run-log-bench.sh -wi 2 -i 3 -w 2s -r 2s   # a quicker, rougher run
# SKIP_BUILD=1 and MVN_ARGS are passed on to bench/run-jmh.sh (the jar is built once, before the first run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

"$here/run-jmh.sh" 'LogCallerBenchmark' -prof gc "$@"
SKIP_BUILD=1 "$here/run-jmh.sh" 'LogWriterBenchmark' -prof gc "$@"
SKIP_BUILD=1 "$here/run-jmh.sh" 'LogDiskSyncBenchmark' "$@"
