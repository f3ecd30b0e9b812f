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
#      event.dataset and per source.ip (`jq -n 'reduce inputs as $r ...'`), on one file only
#      (jq is about 10x slower, and its tables are not bounded), with the records/s it reaches.
#
# Everything is built under $BENCH_DIR/triage-report once and reused while the generator is
# unchanged; nothing is downloaded.
#
# Usage: [BENCH_RUNS=3] [SECKIT_BIN=DIR] [BENCH_DIR=DIR] [BENCH_FILES=10] bench/triage-report.sh
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

# peak_rss_mb COMMAND...: one run under /usr/bin/time -v; prints its maximum resident set in MB.
peak_rss_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ {printf "%.1f", $2 / 1024}'
}

build_data
ALL=()
for i in $(seq 0 $((FILES - 1))); do ALL+=("$DATA/records-$i.jsonl"); done
TOTAL=$((FILES * PER_FILE))
echo "data: $TOTAL records, $(du -cb "${ALL[@]}" | awk 'END {printf "%.1f GB", $1 / 1e9}')"

measure "triage-report, $TOTAL records" "$TOOL" --format json "${ALL[@]}"
ours=$MEDIAN_SECONDS
ours_rate=$(rate "$TOTAL" "$ours")
ours_rss=$(peak_rss_mb "$TOOL" --format json "${ALL[@]}")
measure "triage-report, $PER_FILE records" "$TOOL" --format json "${ALL[0]}"
one_rss=$(peak_rss_mb "$TOOL" --format json "${ALL[0]}")

JQ_PROGRAM='reduce inputs as $r ({datasets: {}, talkers: {}};
  .datasets[$r.event.dataset // "none"] += 1 | .talkers[$r.source.ip // "none"] += 1)
  | .talkers |= (to_entries | sort_by(-.value) | .[:10])'
BENCH_RUNS=1 measure "jq reduce, $PER_FILE records" jq -n "$JQ_PROGRAM" "${ALL[0]}"
jq_rate=$(rate "$PER_FILE" "$MEDIAN_SECONDS")

echo
echo "triage-report: $ours_rate records/s over $TOTAL records (target >= 1000000)"
echo "triage-report: peak RSS $ours_rss MB on $TOTAL records, $one_rss MB on $PER_FILE (target < 1024)"
echo "jq reduce:     $jq_rate records/s; triage-report is $(ratio "$(awk -v r="$jq_rate" 'BEGIN {print 1 / r}')" "$(awk -v r="$ours_rate" 'BEGIN {print 1 / r}')")x faster"
