#!/usr/bin/env bash
# Two pcap-extract binaries on the same capture, in turn: median CPU time and wall time of each.
#
# On a shared machine wall time moves with the other jobs; CPU time (user + system, perf stat's
# task-clock, to the millisecond) much less, and running the two binaries alternately, in the same
# minute, exposes them to the same load. bench/pcap-extract.sh gives the figures against the
# targets and the reference tools; this script is for before/after comparisons of a change.
# The capture is one bench/pcap-extract.sh builds (run that first); output goes to /dev/null.
#
# Usage: [BENCH_RUNS=11] [TYPE=flow] bench/pcap-extract-compare.sh BEFORE_BIN AFTER_BIN [CAPTURE]
set -euo pipefail
export LC_ALL=C

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

BENCH_RUNS=${BENCH_RUNS:-11}
TYPE=${TYPE:-flow}

die() { echo "bench/pcap-extract-compare.sh: $*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: bench/pcap-extract-compare.sh BEFORE_BIN AFTER_BIN [CAPTURE]"
before=$1 after=$2
capture=${3:-$BENCH_DIR/pcap-extract-corpus-500k.pcap}
for program in "$before" "$after"; do [ -x "$program" ] || die "not an executable: $program"; done
[ -f "$capture" ] || die "no capture at $capture (run bench/pcap-extract.sh to build it)"
command -v perf >/dev/null || die "perf is required (perf stat measures the CPU time)"
command -v capinfos >/dev/null || die "capinfos is required (to count the packets)"

packets=$(capinfos -T -r -c "$capture" | awk -F'\t' '{print $NF}')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run_once BIN LOG: one run; appends "cpu_ms wall_ms" to LOG.
run_once() {
  local start end
  start=$(date +%s%N)
  perf stat -x, -e task-clock -o "$work/stat" "$1" --type "$TYPE" "$capture" >/dev/null
  end=$(date +%s%N)
  echo "$(awk -F, '/task-clock/ {print $1}' "$work/stat") $(((end - start) / 1000000))" >>"$2"
}

run_once "$before" /dev/null  # warm the page cache
for _ in $(seq "$BENCH_RUNS"); do
  run_once "$before" "$work/before"
  run_once "$after" "$work/after"
done

echo "--type $TYPE on $capture ($packets packets), medians of $BENCH_RUNS alternating runs;"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
for side in before after; do
  program=$before
  [ "$side" = after ] && program=$after
  cpu=$(awk '{print $1}' "$work/$side" | median /dev/stdin)
  wall=$(awk '{print $2}' "$work/$side" | median /dev/stdin)
  awk -v s="$side" -v p="$program" -v c="$cpu" -v w="$wall" -v n="$packets" 'BEGIN {
    printf "%-6s %-40s CPU %7.1f ms (%.2fM packets per CPU-second)  wall %7.1f ms (%.2fM pkt/s)\n",
      s, p, c, n / c / 1000, w, n / w / 1000 }'
done
