#!/usr/bin/env bash
# Whole-process benchmark of `./fairaudit audit` on large seeded CSV files (issue 7, "Performance").
#
# For each size it generates the file once (dev.fairaudit.bench.LargeAuditCsv, seeded, kept in DATA_DIR for the
# next run), then times, REPS times each, with /usr/bin/time (wall, user+sys CPU, peak RSS):
#   io-floor  `cat FILE > /dev/null` - reading the bytes, nothing else (the file is in the page cache after the
#             first read, so this is the memory-copy floor, not the disk)
#   wc-l      `wc -l FILE` - the cheapest program that looks at every byte
#   core      `./fairaudit audit` with the protected attributes, their intersection, decision and label only
#   full      the same plus 95% intervals, proxy screening of the ten candidate features (seven as categories,
#             three as numbers), the score and monthly trends of the decision date
# and prints one table: rows, run, wall mean ± sd, CPU mean, peak RSS (max over the repetitions), MB/s (file
# size / mean wall). Figures from a machine shared with other work are only comparable within one run.
#
# Usage: bench/run-large-audit.sh [ROWS...]            (default: 1000000 10000000)
#   REPS=5 bench/run-large-audit.sh 1000000 10000000 100000000
# Environment: REPS (default 3), SEED (default 42), DATA_DIR (default bench/data, git-ignored), RUNS (default
# "io-floor wc-l core full"), SKIP_BUILD=1 to reuse the jars, FAIRAUDIT_JAVA_OPTS passed on to ./fairaudit,
# KEEP_OUT=1 keeps each run's audit folder (DATA_DIR/out-ROWS-RUN) for comparing audit.json between builds.
# BASELINE_JAR=FILE adds the run "base-full": the full audit by another build's command-line jar, started the way
# that build's launcher starts it (`java -jar FILE`, BASELINE_JAVA_OPTS), e.g. a jar built from main.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
reps="${REPS:-3}"
seed="${SEED:-42}"
data="${DATA_DIR:-$root/bench/data}"
runs="${RUNS:-io-floor wc-l core full}"
if [[ -n "${BASELINE_JAR:-}" ]]; then
  runs="$runs base-full"
fi
sizes=("$@")
[[ ${#sizes[@]} -eq 0 ]] && sizes=(1000000 10000000)
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

bench_jar="$root/fairness-bench/target/benchmarks.jar"
if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q -o -DskipTests -pl fairness-cli,fairness-bench -am package
fi
mkdir -p "$data"
# The launcher makes its class-data sharing archive on its first run after a build; do that untimed.
./fairaudit --version >/dev/null

core_args=(--protected gender,migration_background,age_band --intersect gender,migration_background,age_band
           --decision selected=1 --label violation=1 --favourable not-selected --format json)
full_args=("${core_args[@]}" --interval wilson
           --features postcode,language,household,education,housing,car,district
           --numeric-features income_band,benefit_years,children
           --score score --time decided_on --period month)
if ./fairaudit audit --help 2>/dev/null | grep -q -- '--route'; then
  full_args+=(--route route)
fi

# One timed run: prints "wall cpu rss_kb".
timed() {
  local t; t="$(mktemp)"
  /usr/bin/time -f '%e %U %S %M' -o "$t" "$@" >/dev/null
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$t"
  rm -f "$t"
}

summary() { # reads "wall cpu rss" lines; prints mean wall, sd wall, mean cpu, max rss in MB
  awk '{w[NR]=$1; sw+=$1; sc+=$2; if ($3>r) r=$3}
       END {m=sw/NR; for (i=1;i<=NR;i++) v+=(w[i]-m)^2; sd=NR>1?sqrt(v/(NR-1)):0;
            printf "%.2f %.2f %.2f %.0f\n", m, sd, sc/NR, r/1024}'
}

table="$(mktemp)"
printf '%-11s %-8s %16s %9s %13s %8s\n' rows run "wall s (±sd)" "CPU s" "peak RSS MB" "MB/s" >"$table"
for rows in "${sizes[@]}"; do
  file="$data/large-audit-$rows-$seed.csv"
  if [[ ! -s "$file" ]]; then
    echo "generating $file ..." >&2
    java -cp "$bench_jar" dev.fairaudit.bench.LargeAuditCsv "$rows" "$seed" "$file.tmp" && mv "$file.tmp" "$file"
  fi
  mb="$(awk -v b="$(stat -L -c %s "$file")" 'BEGIN {printf "%.1f", b / 1e6}')"
  cat "$file" >/dev/null # warm the page cache once, so no run pays for the disk
  for run in $runs; do
    out="$data/out-$rows-$run"
    case "$run" in
      io-floor) cmd=(cat "$file") ;;
      wc-l) cmd=(wc -l "$file") ;;
      core) cmd=(./fairaudit audit --input "$file" "${core_args[@]}" --out "$out") ;;
      full) cmd=(./fairaudit audit --input "$file" "${full_args[@]}" --out "$out") ;;
      # shellcheck disable=SC2086
      base-full) cmd=(java ${BASELINE_JAVA_OPTS:-} -jar "$BASELINE_JAR" audit --input "$file" "${full_args[@]}"
                      --out "$out") ;;
      *) echo "unknown run $run" >&2; exit 1 ;;
    esac
    lines="$(mktemp)"
    for ((i = 1; i <= reps; i++)); do
      echo "$rows $run $i/$reps" >&2
      timed "${cmd[@]}" >>"$lines"
    done
    read -r wall sd cpu rss < <(summary <"$lines")
    rm -f "$lines"
    printf '%-11s %-8s %9s ± %4s %9s %13s %8.0f\n' "$rows" "$run" "$wall" "$sd" "$cpu" "$rss" \
      "$(awk -v m="$mb" -v w="$wall" 'BEGIN {print (w > 0) ? m / w : 0}')" >>"$table"
    [[ "${KEEP_OUT:-0}" == "1" ]] || rm -rf "$out"
  done
done
echo
echo "fairaudit whole-process benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
  "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), REPS=$reps, SEED=$seed"
cat "$table"
rm -f "$table"
