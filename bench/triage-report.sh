#!/usr/bin/env bash
# triage-report throughput and memory on 10 million records, beside jq on the same records.
#
# What is measured, and why:
#   The data (bench/gen-records.py, fixed seed): 10 files of 1,000,000 seckit records each, the
#   mix a busy week of the pipeline writes — pcap.flow 45%, pcap.dns 20%, pcap.http 10%,
#   log.syslog 20%, log.access 4%, and a few threat enrichments, anomaly alerts and fw-block
#   actions — about 590 bytes a record, 5.9 GB in all. Addresses and domains are skewed (a few
#   heavy talkers, a long tail of 200,000 addresses and 50,000 domains), so the counting tables
#   pass --max-distinct (100,000) and turn approximate, as they would on real data.
#   1. `triage-report --format json` over all ten files: records/s (target: >= 1,000,000) and peak
#      RSS from /usr/bin/time -v's "Maximum resident set size" (target: < 1 GiB).
#   2. The same on one file (1,000,000 records): peak RSS must not grow with the input.
#   3. For scale, the established way to summarise JSON lines: jq counting records per
#      event.dataset and per source.ip (`jq -n 'reduce inputs as $r ...'`), on the first
#      100,000 records only (jq is far slower, and its tables are not bounded), in records/s.
#   The runs use --threads $BENCH_THREADS (default 1, the tool's own default):
#   1 reads, parses and analyses on one thread; 2 or more parse on a reader thread while
#   the analysis runs on another. The thread count and the cores are printed with the results.
#   Besides wall time, the CPU time (user + system) of one run is given: on a shared machine the
#   wall time also counts the time spent waiting for a core.
#
# Everything is built under $BENCH_DIR/triage-report once and reused while the generator is
# unchanged; nothing is downloaded.
#
# Usage: [BENCH_RUNS=3] [BENCH_THREADS=N] [SECKIT_BIN=DIR] [BENCH_DIR=DIR] [BENCH_FILES=10]
#        bench/triage-report.sh
# shellcheck disable=SC2016  # the jq program is single-quoted on purpose
set -euo pipefail
export LC_ALL=C

BENCH_RUNS=${BENCH_RUNS:-3}
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

TOOL=$SECKIT_BIN/triage-report
GENERATOR=$(dirname "$0")/gen-records.py
DATA=$BENCH_DIR/triage-report
FILES=${BENCH_FILES:-10}
PER_FILE=1000000
CORES=$(nproc)
THREADS=${BENCH_THREADS:-1}

die() { echo "bench/triage-report.sh: $*" >&2; exit 1; }

[ -x "$TOOL" ] || die "no triage-report at $TOOL (build it, or set SECKIT_BIN)"
for tool in jq python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || die "$tool is required but not installed"
done

# build_data: the record files, regenerated (two at a time) when the generator changed.
build_data() {
  local stamp
  stamp="$(sha256sum "$GENERATOR" | cut -d' ' -f1) $FILES $PER_FILE"
  if [ "$(cat "$DATA/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: generating $FILES x $PER_FILE records in $DATA" >&2
    rm -rf "$DATA"
    mkdir -p "$DATA"
    seq 0 $((FILES - 1)) | xargs -P 2 -I{} python3 "$GENERATOR" "$PER_FILE" "$DATA/records-{}.jsonl" {}
    echo "$stamp" >"$DATA/.stamp"
  fi
}

# time_v COMMAND...: one run under /usr/bin/time -v; sets RSS_MB (maximum resident set) and
# CPU_SECONDS (user + system).
time_v() {
  local report
  report=$(/usr/bin/time -v "$@" 2>&1 >/dev/null)
  RSS_MB=$(awk -F: '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' <<<"$report")
  CPU_SECONDS=$(awk -F: '/User time|System time/ {s += $2} END {printf "%.2f", s}' <<<"$report")
}

build_data
ALL=()
for i in $(seq 0 $((FILES - 1))); do ALL+=("$DATA/records-$i.jsonl"); done
TOTAL=$((FILES * PER_FILE))
echo "threads: --threads $THREADS on $CORES cores"
echo "data: $TOTAL records, $(du -cb "${ALL[@]}" | awk 'END {printf "%.1f GB", $1 / 1e9}')"

measure "triage-report, $TOTAL records" "$TOOL" --threads "$THREADS" --format json "${ALL[@]}"
ours=$MEDIAN_SECONDS
ours_rate=$(rate "$TOTAL" "$ours")
time_v "$TOOL" --threads "$THREADS" --format json "${ALL[@]}"
ours_rss=$RSS_MB
ours_cpu=$CPU_SECONDS
ours_cpu_rate=$(rate "$TOTAL" "$ours_cpu")
measure "triage-report, $PER_FILE records" "$TOOL" --threads "$THREADS" --format json "${ALL[0]}"
time_v "$TOOL" --threads "$THREADS" --format json "${ALL[0]}"
one_rss=$RSS_MB

JQ_RECORDS=100000
[ -s "$DATA/first-$JQ_RECORDS.jsonl" ] || head -n "$JQ_RECORDS" "${ALL[0]}" >"$DATA/first-$JQ_RECORDS.jsonl"
measure "triage-report, $JQ_RECORDS records" "$TOOL" --threads "$THREADS" --format json "$DATA/first-$JQ_RECORDS.jsonl"
small_rate=$(rate "$JQ_RECORDS" "$MEDIAN_SECONDS")

JQ_PROGRAM='reduce inputs as $r ({datasets: {}, talkers: {}};
  .datasets[$r.event.dataset // "none"] += 1 | .talkers[$r.source.ip // "none"] += 1)
  | .talkers |= (to_entries | sort_by(-.value) | .[:10])'
measure "jq reduce, $JQ_RECORDS records" jq -n "$JQ_PROGRAM" "$DATA/first-$JQ_RECORDS.jsonl"
jq_rate=$(rate "$JQ_RECORDS" "$MEDIAN_SECONDS")

echo
echo "triage-report: --threads $THREADS on $CORES cores"
echo "triage-report: $ours_rate records/s over $TOTAL records, wall time (target >= 1000000)"
echo "triage-report: $ours_cpu_rate records/s of CPU time (one run: $ours_cpu s user + system)"
echo "triage-report: peak RSS $ours_rss MB on $TOTAL records, $one_rss MB on $PER_FILE (target < 1024)"
echo "jq reduce:     $jq_rate records/s on $JQ_RECORDS records; triage-report $small_rate records/s" \
  "on the same: $(ratio "$(awk -v r="$jq_rate" 'BEGIN {print 1 / r}')" "$(awk -v r="$small_rate" 'BEGIN {print 1 / r}')")x jq's speed"
