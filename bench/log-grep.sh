#!/usr/bin/env bash
# log-grep throughput and memory, against ripgrep, ugrep and GNU grep on the same logs.
#
# What is measured, and why:
#   The data (bench/gen-logs.py, fixed seed): a combined access log (~640 MB) and an OpenSSH
#   auth log in syslog form (~440 MB), 1.08 GB together, with realistic line shapes and a
#   realistic share of listed addresses (4% of access lines, about a third of auth lines), and
#   the indicator lists ips-10k.txt (10,000 IPv4) and iocs-100k.txt (100,000 IPs, CIDRs,
#   domains). Cases 1-4 search both logs, as one searches /var/log; the counts are summed over
#   the files and must be the same for every tool, or the script stops.
#   1. One literal, counting lines: `log-grep -c -F 'Failed password'` against `rg -c -F`
#      (target: at least 0.5x rg's speed) and `grep -c -F`.
#   2. Five regexes at once (-e x5) against rg with the same list (target: 0.5x rg's speed);
#      GNU grep -E for scale.
#   3. 10,000 IPv4 addresses: `log-grep -c --ioc` against `grep -c -F -w -f`, `rg -c -F -w -f`
#      and `ugrep -c -F -w -f` (targets: 4x grep's speed, faster than rg and than ugrep).
#      The logs put addresses only between spaces, brackets, '=' and ':', where grep -w's word
#      rule and log-grep's address rule agree, so the counts must be equal. rg with -w and
#      10,000 literals runs at well under 1 MB/s, so it is timed on the first 1/64 of each log
#      (RG_W_RUNS runs, default 1), against log-grep on the same lines; rg without -w is
#      timed on everything for information.
#   4. 100,000 mixed indicators (--ioc iocs-100k.txt): peak RSS (target: < 200 MB) and time
#      (target: within 2x of case 3). No other tool understands CIDRs or subdomains.
#   5. Every access-log line parsed into an ECS JSON record:
#      `log-grep --format access --json '' access.log >/dev/null` (the empty pattern selects
#      every line, as in grep); throughput in MB/s (target: >= 200 MB/s); --threads 1 is timed
#      too, for information.
#   6. Memory independent of file size: peak RSS of cases 1, 3 and 5 on the first 1/8 of
#      each log's lines against the whole (target: the same within 10% or 4 MB).
#
# Fairness: every tool runs as it does by default, and targets are judged that way: log-grep
# splits each block of lines between two threads (--threads 2), rg and ugrep search the two
# files in parallel, GNU grep has one thread. For like against like on one core, cases 1-3 also
# time log-grep --threads 1 against rg -j1 and ugrep -J1 (information). LC_ALL=C for all (GNU
# grep is much slower in a UTF-8 locale). Counting runs write into a file, not /dev/null,
# because GNU grep stops at the first match when its output is /dev/null.
#
# Everything is built under $BENCH_DIR/log-grep once and reused while bench/gen-logs.py and the
# sizes are unchanged; nothing is downloaded.
#
# Usage: [BENCH_RUNS=3] [RG_W_RUNS=1] [SECKIT_BIN=DIR] [BENCH_DIR=DIR] [ACCESS_MB=640 AUTH_MB=440]
#        bench/log-grep.sh
set -euo pipefail
# A fixed locale: byte-wise matching in grep, "." as the decimal point for awk/printf.
export LC_ALL=C

BENCH_RUNS=${BENCH_RUNS:-3}
RG_W_RUNS=${RG_W_RUNS:-1}
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

TOOL=$SECKIT_BIN/log-grep
GENERATOR=$(dirname "$0")/gen-logs.py
DATA=$BENCH_DIR/log-grep
ACCESS_MB=${ACCESS_MB:-640}
AUTH_MB=${AUTH_MB:-440}
LOGS=("$DATA/access.log" "$DATA/auth.log")
EIGHTH=("$DATA/1-of-8/access.log" "$DATA/1-of-8/auth.log")
SIXTY_FOURTH=("$DATA/1-of-64/access.log" "$DATA/1-of-64/auth.log")
IPS=$DATA/ips-10k.txt
IOCS=$DATA/iocs-100k.txt
OUT=$DATA/.out  # where counting runs write (see above)
FIVE=(-e 'Failed password for (invalid user )?\w+' -e 'POST /[a-z]+\.php' -e ' 50[0-9] '
  -e 'sqlmap|nikto|nmap' -e 'Accepted publickey')

die() { echo "bench/log-grep.sh: $*" >&2; exit 1; }

require_tools() {
  local tool
  [ -x "$TOOL" ] || die "no log-grep at $TOOL (build it, or set SECKIT_BIN)"
  for tool in rg ugrep grep python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is required but not installed"
  done
}

# build_data: the logs and lists, regenerated when the generator or the sizes changed; then
# the first 1/8 and 1/64 of each log's lines, when missing.
build_data() {
  local stamp file part lines
  stamp="$(sha256sum "$GENERATOR" | cut -d' ' -f1) $ACCESS_MB $AUTH_MB"
  if [ "$(cat "$DATA/.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "bench: generating ${ACCESS_MB} MB + ${AUTH_MB} MB of logs in $DATA" >&2
    rm -rf "$DATA"
    mkdir -p "$DATA"
    python3 "$GENERATOR" "$DATA" --access-mb "$ACCESS_MB" --auth-mb "$AUTH_MB"
    echo "$stamp" >"$DATA/.stamp"
  fi
  for file in "${LOGS[@]}"; do
    for part in 8 64; do
      [ -f "$DATA/1-of-$part/$(basename "$file")" ] && continue
      mkdir -p "$DATA/1-of-$part"
      lines=$(wc -l <"$file")
      head -n $((lines / part)) "$file" >"$DATA/1-of-$part/.tmp"
      mv "$DATA/1-of-$part/.tmp" "$DATA/1-of-$part/$(basename "$file")"
    done
  done
}

# checked_run COMMAND...: runs the command once, its output into $TIMED_OUT or $OUT, and sets
# TOTAL to the sum of the counts it printed ("FILE:N" or "N" lines; rg leaves out files with
# none). An exit status above 1 or anything on stderr stops the script: a count from a failed
# run means nothing.
checked_run() {
  local status=0
  "$@" >"${TIMED_OUT:-$OUT}" 2>"$DATA/.stderr" || status=$?
  if [ "$status" -gt 1 ] || [ -s "$DATA/.stderr" ]; then
    die "'$*' exited with $status: $(head -c 300 "$DATA/.stderr")"
  fi
  TOTAL=$(awk -F: '{ sum += $NF } END { print sum + 0 }' "${TIMED_OUT:-$OUT}")
}

# timed NAME COMMAND...: lib.sh's measure, with three differences: the warm-up run is a
# checked_run (setting TOTAL); every run writes into $TIMED_OUT ($OUT unless set); and the
# CPU time (user + system) is kept besides the wall time, since on this shared machine wall
# time also counts waiting for a core. Sets MEDIAN_SECONDS, MEDIAN_CPU and MEDIAN_RSS_MB.
timed() {
  local name=$1 log target=${TIMED_OUT:-$OUT}; shift
  checked_run "$@"
  log=$(mktemp)
  for _ in $(seq "$BENCH_RUNS"); do
    /usr/bin/time -f 'TIME %e %U %S %M' -a -o "$log" "$@" >"$target" 2>/dev/null || true
  done
  MEDIAN_SECONDS=$(awk '$1 == "TIME" {print $2}' "$log" | median /dev/stdin)
  MEDIAN_CPU=$(awk '$1 == "TIME" {print $3 + $4}' "$log" | median /dev/stdin)
  MEDIAN_RSS_MB=$(awk '$1 == "TIME" {print $5 / 1024}' "$log" | median /dev/stdin)
  rm -f "$log"
  printf '%-44s median %7.2f s, CPU %7.2f s, peak RSS %7.1f MB (%d runs), count %s\n' \
    "$name" "$MEDIAN_SECONDS" "$MEDIAN_CPU" "$MEDIAN_RSS_MB" "$BENCH_RUNS" "$TOTAL"
}

# same_counts CASE NAME=COUNT...: stops the script unless all the counts are equal.
same_counts() {
  local case=$1 pair first=""; shift
  for pair in "$@"; do
    [ -n "$first" ] || first=${pair#*=}
    [ "${pair#*=}" = "$first" ] || die "case $case: the counts differ ($*); the timings would compare different work"
  done
  echo "counts agree: $first lines"
}

# mb MEGABYTES: the figure with one decimal.
mb() { printf '%.1f' "$1"; }

# met CONDITION: "yes" if the awk condition holds, else "no".
met() { awk "BEGIN { print ($1) ? \"yes\" : \"no\" }"; }

# same_size SMALL_MB LARGE_MB: "yes" when LARGE is within 10% or 4 MB of SMALL.
same_size() { met "$2 <= $1 * 1.1 || $2 <= $1 + 4"; }

require_tools
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
build_started=$(date +%s)
build_data
build_seconds=$(($(date +%s) - build_started))
ACCESS_BYTES=$(stat -c %s "$DATA/access.log")
ALL_BYTES=$(cat "${LOGS[@]}" | wc -c)
echo "data: $DATA: access.log $(wc -l <"$DATA/access.log") lines, auth.log" \
  "$(wc -l <"$DATA/auth.log") lines, $ALL_BYTES bytes together; $(wc -l <"$IPS") addresses in" \
  "$(basename "$IPS"), $(grep -vc '^#' "$IOCS") indicators in $(basename "$IOCS")"
echo

# Medians and counts by key, kept by `keep KEY` after timed or measure.
declare -A T CPU RSS N
keep() { T[$1]=$MEDIAN_SECONDS CPU[$1]=${MEDIAN_CPU:-} RSS[$1]=$MEDIAN_RSS_MB N[$1]=${TOTAL:-}; }

# cell KEY: "wall s (CPU s)" for the table.
cell() { printf '%.2f s (CPU %.2f)' "${T[$1]}" "${CPU[$1]}"; }

# first_line COMMAND...: the first line of its output (reading all of it: no broken pipe).
first_line() { "$@" 2>/dev/null | sed -n 1p; }

# speed BASE OURS: how many times faster OURS is than BASE: sets SPEED (by wall time) and
# SPEEDS ("Wx (CPU Cx)", for the table).
speed() {
  SPEED=$(ratio "${T[$1]}" "${T[$2]}")
  SPEEDS="${SPEED}x (CPU $(ratio "${CPU[$1]}" "${CPU[$2]}")x)"
}

echo "== 1. one literal, both logs"
timed "log-grep -c -F 'Failed password'" "$TOOL" -c -F 'Failed password' "${LOGS[@]}"
keep lg1
timed "rg -c -F 'Failed password'" rg -c -F 'Failed password' "${LOGS[@]}"
keep rg1
timed "grep -c -F 'Failed password'" grep -c -F 'Failed password' "${LOGS[@]}"
keep grep1
timed "log-grep --threads 1 -c -F 'Failed password'" "$TOOL" --threads 1 -c -F 'Failed password' \
  "${LOGS[@]}"
keep lg1_1
timed "rg -j1 -c -F 'Failed password'" rg -j1 -c -F 'Failed password' "${LOGS[@]}"
keep rg1_1
same_counts 1 "log-grep=${N[lg1]}" "rg=${N[rg1]}" "grep=${N[grep1]}" \
  "log-grep --threads 1=${N[lg1_1]}" "rg -j1=${N[rg1_1]}"
echo

echo "== 2. five regexes, both logs"
timed "log-grep -c -e x5" "$TOOL" -c "${FIVE[@]}" "${LOGS[@]}"
keep lg2
timed "rg -c -e x5" rg -c "${FIVE[@]}" "${LOGS[@]}"
keep rg2
timed "grep -E -c -e x5" grep -E -c "${FIVE[@]}" "${LOGS[@]}"
keep grep2
timed "log-grep --threads 1 -c -e x5" "$TOOL" --threads 1 -c "${FIVE[@]}" "${LOGS[@]}"
keep lg2_1
timed "rg -j1 -c -e x5" rg -j1 -c "${FIVE[@]}" "${LOGS[@]}"
keep rg2_1
same_counts 2 "log-grep=${N[lg2]}" "rg=${N[rg2]}" "grep -E=${N[grep2]}" \
  "log-grep --threads 1=${N[lg2_1]}" "rg -j1=${N[rg2_1]}"
echo

echo "== 3. 10,000 IPv4 indicators, both logs"
timed "log-grep -c --ioc ips-10k.txt" "$TOOL" -c --ioc "$IPS" "${LOGS[@]}"
keep lg3
timed "grep -c -F -w -f ips-10k.txt" grep -c -F -w -f "$IPS" "${LOGS[@]}"
keep grep3
timed "ugrep -c -F -w -f ips-10k.txt" ugrep -c -F -w -f "$IPS" "${LOGS[@]}"
keep ugrep3
timed "log-grep --threads 1 -c --ioc ips-10k.txt" "$TOOL" --threads 1 -c --ioc "$IPS" "${LOGS[@]}"
keep lg3_1
timed "ugrep -J1 -c -F -w -f ips-10k.txt" ugrep -J1 -c -F -w -f "$IPS" "${LOGS[@]}"
keep ugrep3_1
same_counts 3 "log-grep=${N[lg3]}" "grep=${N[grep3]}" "ugrep=${N[ugrep3]}" \
  "log-grep --threads 1=${N[lg3_1]}" "ugrep -J1=${N[ugrep3_1]}"
timed "rg -c -F -f ips-10k.txt (no -w)" rg -c -F -f "$IPS" "${LOGS[@]}"
keep rg3_nw
echo "(rg without -w, for information: it may also count addresses inside longer ones)"
# rg with -w and 10,000 literals runs at under 1 MB/s: timed on the first 1/64 of each log,
# against log-grep on the same lines.
BENCH_RUNS=$RG_W_RUNS timed "rg -c -F -w -f ips-10k.txt (1/64)" rg -c -F -w -f "$IPS" \
  "${SIXTY_FOURTH[@]}"
keep rg3_64
timed "log-grep -c --ioc ips-10k.txt (1/64)" "$TOOL" -c --ioc "$IPS" "${SIXTY_FOURTH[@]}"
keep lg3_64
same_counts 3 "log-grep (1/64)=${N[lg3_64]}" "rg (1/64)=${N[rg3_64]}"
echo

echo "== 4. 100,000 mixed indicators, both logs"
timed "log-grep -c --ioc iocs-100k.txt" "$TOOL" -c --ioc "$IOCS" "${LOGS[@]}"
keep lg4
[ "${N[lg4]}" -ge "${N[lg3]}" ] || die "case 4 selects fewer lines than case 3 (${N[lg4]} < ${N[lg3]})"
echo

echo "== 5. every access-log line to JSON"
records=$("$TOOL" --format access --json '' "$DATA/access.log" | wc -l)
[ "$records" -eq "$(wc -l <"$DATA/access.log")" ] || die "case 5 wrote $records records, not one per line"
echo "$records records, one per line"
TIMED_OUT=/dev/null timed "log-grep --format access --json ''" "$TOOL" --format access --json '' \
  "$DATA/access.log"
keep lg5
TIMED_OUT=/dev/null timed "log-grep --threads 1 --format access --json ''" "$TOOL" --threads 1 \
  --format access --json '' "$DATA/access.log"
keep lg5_1
echo

echo "== 6. the same commands on the first 1/8 of each log"
timed "log-grep -c -F 'Failed password' (1/8)" "$TOOL" -c -F 'Failed password' "${EIGHTH[@]}"
keep lg1_8
timed "log-grep -c --ioc ips-10k.txt (1/8)" "$TOOL" -c --ioc "$IPS" "${EIGHTH[@]}"
keep lg3_8
TIMED_OUT=/dev/null timed "log-grep --format access --json '' (1/8)" "$TOOL" --format access \
  --json '' "$DATA/1-of-8/access.log"
keep lg5_8
echo

mbps1=$(rate "$((ALL_BYTES / 1000000))" "${T[lg1]}")
mbps5=$(rate "$((ACCESS_BYTES / 1000000))" "${T[lg5]}")
mbps5_cpu=$(rate "$((ACCESS_BYTES / 1000000))" "${CPU[lg5]}")
mbps5_1=$(rate "$((ACCESS_BYTES / 1000000))" "${T[lg5_1]}")
v4_v3=$(ratio "${T[lg4]}" "${T[lg3]}")
v4_v3_cpu=$(ratio "${CPU[lg4]}" "${CPU[lg3]}")

echo "== summary (markdown)"
echo
echo "Command: \`BENCH_RUNS=$BENCH_RUNS RG_W_RUNS=$RG_W_RUNS SECKIT_BIN=$SECKIT_BIN bench/log-grep.sh\`"
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
  "$(date -u +%Y-%m-%d); load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Tools: log-grep ($(first_line "$TOOL" --version), $TOOL built" \
  "$(date -u -r "$TOOL" '+%Y-%m-%d %H:%M UTC') from the working tree; HEAD $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?') at this run)," \
  "$(first_line rg --version), $(first_line ugrep --version | cut -d' ' -f1-2), $(first_line grep --version)."
echo "Data: bench/gen-logs.py; access.log $((ACCESS_BYTES / 1000000)) MB + auth.log" \
  "$(((ALL_BYTES - ACCESS_BYTES) / 1000000)) MB; cases 1-4 search both files; counts agree between tools."
echo "Medians of $BENCH_RUNS runs after a warm-up run (page cache warm): wall time, CPU time" \
  "(user + system) and peak RSS. Each tool runs with its default threads (log-grep 2 per file," \
  "rg and ugrep one per file, grep 1); rows marked one thread give log-grep --threads 1 against" \
  "rg -j1 and ugrep -J1. Ratios are by wall time, with CPU time in parentheses; targets are judged" \
  "by wall time with default threads."
echo
echo "| Case | log-grep | Reference | Ratio | Target | Met |"
echo "|---|---|---|---|---|---|"
speed rg1 lg1
echo "| 1. \`-c -F 'Failed password'\` (${N[lg1]} lines) | $(cell lg1), $mbps1 MB/s | rg $(cell rg1) | $SPEEDS rg's speed | >= 0.5x | $(met "$SPEED >= 0.5") |"
speed grep1 lg1
echo "| 1. (information) | | grep: $(cell grep1) | grep: $SPEEDS | - | - |"
speed rg1_1 lg1_1
echo "| 1. (information) one thread | $(cell lg1_1) | rg -j1 $(cell rg1_1) | $SPEEDS rg's speed | - | - |"
speed rg2 lg2
echo "| 2. five regexes, \`-c -e\` x5 (${N[lg2]} lines) | $(cell lg2) | rg $(cell rg2) | $SPEEDS rg's speed | >= 0.5x | $(met "$SPEED >= 0.5") |"
speed grep2 lg2
echo "| 2. (information) | | grep -E $(cell grep2) | $SPEEDS grep's speed | - | - |"
speed rg2_1 lg2_1
echo "| 2. (information) one thread | $(cell lg2_1) | rg -j1 $(cell rg2_1) | $SPEEDS rg's speed | - | - |"
speed grep3 lg3
echo "| 3. \`-c --ioc\` 10k IPv4 vs \`grep -c -F -w -f\` (${N[lg3]} lines) | $(cell lg3) | grep $(cell grep3) | $SPEEDS faster | >= 4x | $(met "$SPEED >= 4") |"
speed ugrep3 lg3
echo "| 3. vs \`ugrep -c -F -w -f\` | $(cell lg3) | ugrep $(cell ugrep3) | $SPEEDS faster | > 1x | $(met "$SPEED > 1") |"
speed grep3 lg3_1; r1=$SPEEDS
speed ugrep3_1 lg3_1
echo "| 3. (information) one thread | $(cell lg3_1) | grep $(cell grep3); ugrep -J1 $(cell ugrep3_1) | $r1 grep's; $SPEEDS ugrep's speed | - | - |"
speed rg3_64 lg3_64
echo "| 3. vs \`rg -c -F -w -f\`, first 1/64 of each log (${N[lg3_64]} lines) | $(cell lg3_64) | rg $(cell rg3_64) | $SPEEDS faster | > 1x | $(met "$SPEED > 1") |"
speed rg3_nw lg3
echo "| 3. (information) | | rg -F -f without -w: $(cell rg3_nw), ${N[rg3_nw]} lines | $SPEEDS faster | - | - |"
echo "| 4. \`-c --ioc\` 100k mixed (${N[lg4]} lines): peak RSS | $(mb "${RSS[lg4]}") MB | - | - | < 200 MB | $(met "${RSS[lg4]} < 200") |"
echo "| 4. time, against case 3 | $(cell lg4) | case 3 $(cell lg3) | ${v4_v3}x (CPU ${v4_v3_cpu}x) case 3's time | <= 2x | $(met "$v4_v3 <= 2") |"
echo "| 5. \`--format access --json ''\`, every line | $mbps5 MB/s (CPU: $mbps5_cpu MB/s), $(cell lg5) | - | - | >= 200 MB/s | $(met "$mbps5 >= 200") |"
echo "| 5. (information) \`--threads 1\` | $mbps5_1 MB/s, $(cell lg5_1) | - | - | - | - |"
echo "| 6. peak RSS, 1/8 vs all: \`-c -F\` | $(mb "${RSS[lg1_8]}") / $(mb "${RSS[lg1]}") MB | - | - | same | $(same_size "${RSS[lg1_8]}" "${RSS[lg1]}") |"
echo "| 6. peak RSS, 1/8 vs all: \`-c --ioc\` 10k | $(mb "${RSS[lg3_8]}") / $(mb "${RSS[lg3]}") MB | - | - | same | $(same_size "${RSS[lg3_8]}" "${RSS[lg3]}") |"
echo "| 6. peak RSS, 1/8 vs all: \`--json ''\` | $(mb "${RSS[lg5_8]}") / $(mb "${RSS[lg5]}") MB | - | - | same | $(same_size "${RSS[lg5_8]}" "${RSS[lg5]}") |"
echo
echo "Peak RSS in case 3: log-grep $(mb "${RSS[lg3]}") MB, grep $(mb "${RSS[grep3]}") MB," \
  "ugrep $(mb "${RSS[ugrep3]}") MB, rg $(mb "${RSS[rg3_64]}") MB (on 1/64; without -w $(mb "${RSS[rg3_nw]}") MB)."
echo "Script run time: $(($(date +%s) - started)) s, of which $build_seconds s building data" \
  "(0 when it was already under $DATA)."
