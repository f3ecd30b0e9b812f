# Shared helpers for the bench/*.sh scripts (sourced, not run).
#
# The convention: each script builds its data set reproducibly under $BENCH_DIR (default
# /tmp/seckit-bench; nothing is downloaded), runs seckit's tool and the established tool on the
# same data in the same run, several times each, and prints the median wall time, peak memory
# and the ratio. The machine is small and noisy: medians, never single runs.

BENCH_DIR=${BENCH_DIR:-/tmp/seckit-bench}
BENCH_RUNS=${BENCH_RUNS:-5}
SECKIT_BIN=${SECKIT_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build/bin}
mkdir -p "$BENCH_DIR"

# median FILE: the median of the numbers in FILE, one per line.
median() {
  sort -g "$1" | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'
}

# measure NAME COMMAND...: runs the command once to warm the page cache, then BENCH_RUNS times
# with its output sent to /dev/null; sets MEDIAN_SECONDS and MEDIAN_RSS_MB and prints a line.
# The command runs without a shell; wrap a pipeline in `bash -c '...'` explicitly. A warm-up exit
# status above 1 (1 is grep's "no match") is reported, since a failing command times nothing.
measure() {
  local name=$1; shift
  local log status
  log=$(mktemp)
  status=0
  "$@" >/dev/null 2>"$BENCH_DIR/.stderr" || status=$?
  if [ "$status" -gt 1 ]; then
    echo "bench: warning: '$name' exited with $status: $(head -c 300 "$BENCH_DIR/.stderr")" >&2
  fi
  for _ in $(seq "$BENCH_RUNS"); do
    /usr/bin/time -f 'TIME %e %M' -a -o "$log" "$@" >/dev/null 2>/dev/null || true
  done
  MEDIAN_SECONDS=$(awk '$1 == "TIME" {print $2}' "$log" | median /dev/stdin)
  MEDIAN_RSS_MB=$(awk '$1 == "TIME" {print $3 / 1024}' "$log" | median /dev/stdin)
  rm -f "$log"
  printf '%-46s median %8.3f s   peak RSS %8.1f MB   (%d runs)\n' "$name" "$MEDIAN_SECONDS" \
    "$MEDIAN_RSS_MB" "$BENCH_RUNS"
}

# ratio BASELINE_SECONDS OURS_SECONDS: how many times faster ours is.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "inf" }'; }

# rate UNITS SECONDS: units per second, e.g. packets/s.
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'; }
