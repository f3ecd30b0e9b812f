#!/usr/bin/env bash
# fw-block: 100,000 addresses blocked with --apply on the nft backend, against the
# one-command-per-address approach fail2ban's nftables action takes (`nft add element ... { IP }`
# once per ban), on the same generated addresses, in the same run.
#
# What is measured, and why:
#   The data: N (default 100,000) distinct random IPv4 addresses outside the special ranges
#   (awk with a fixed seed; nothing is downloaded).
#   1. fw-block --apply --ttl 1h --max N over the whole list, in a network namespace the script
#      creates for each run (so every run starts from an empty firewall and an empty state file),
#      all of it: reading, safety checks, the nft batch, the state file and the audit log
#      (target: under 5 s).
#   2. The baseline: one `nft add element` process per address into a set of the same kind, in
#      its own fresh namespace. At ~10 ms a process this would take minutes for N addresses, so
#      it runs on the first BASELINE_N (default 2,000) and the time is extrapolated linearly to N
#      (each command is independent of the set's size for a hash set, so linear is fair).
#
# Needs root (network namespaces, nft). Usage: [BENCH_RUNS=3] [N=100000] [BASELINE_N=2000]
# [SECKIT_BIN=DIR] [BENCH_DIR=DIR] bench/fw-block.sh
set -euo pipefail
export LC_ALL=C
BENCH_RUNS=${BENCH_RUNS:-3}
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

TOOL=$SECKIT_BIN/fw-block
N=${N:-100000}
BASELINE_N=${BASELINE_N:-2000}
DATA=$BENCH_DIR/fw-block
NS=fwb-bench-$$

die() { echo "bench/fw-block.sh: $*" >&2; exit 1; }
[ -x "$TOOL" ] || die "no fw-block at $TOOL (build it, or set SECKIT_BIN)"
for tool in nft ip awk /usr/bin/time; do
  command -v "$tool" >/dev/null || die "$tool is required but not installed"
done
[ "$(id -u)" -eq 0 ] || die "needs root (network namespaces and nft)"

cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT

mkdir -p "$DATA"
# Distinct addresses in 1.0.0.0-126.255.255.255 and 128.0.0.0-223.255.255.255 without the
# private, shared, loopback and documentation ranges.
awk -v n="$N" 'BEGIN {
  srand(7)
  while (count < n) {
    a = int(1 + rand() * 222); b = int(rand() * 256); c = int(rand() * 256); d = int(1 + rand() * 254)
    if (a == 10 || a == 127 || (a == 100 && b >= 64 && b < 128) || (a == 172 && b >= 16 && b < 32) ||
        (a == 192 && b == 168) || (a == 169 && b == 254) || (a == 192 && b == 0) ||
        (a == 198 && b >= 18 && b < 20) || (a == 198 && b == 51) || (a == 203 && b == 0)) continue
    ip = a "." b "." c "." d
    if (!(ip in seen)) { seen[ip] = 1; print ip; count++ }
  }
}' > "$DATA/ips.txt"
head -n "$BASELINE_N" "$DATA/ips.txt" > "$DATA/baseline.txt"

# time_in_fresh_namespace COMMAND...: wall seconds of COMMAND run in a new, empty namespace.
time_in_fresh_namespace() {
  cleanup
  ip netns add "$NS"
  rm -f "$DATA/state" "$DATA/state.lock" "$DATA/audit"
  "${PRE[@]}"
  /usr/bin/time -f '%e' -o "$DATA/.time" ip netns exec "$NS" "$@" >/dev/null 2>"$DATA/.err" ||
    die "'$*' failed: $(head -c 300 "$DATA/.err")"
  cat "$DATA/.time"
}

echo "fw-block --apply, nft backend, $N addresses ($BENCH_RUNS runs, fresh namespace each):"
PRE=(true)
: > "$DATA/ours"
for _ in $(seq "$BENCH_RUNS"); do
  time_in_fresh_namespace "$TOOL" --backend nft --apply --ttl 1h --max "$N" \
    --state "$DATA/state" --audit "$DATA/audit" "$DATA/ips.txt" >> "$DATA/ours"
done
blocked=$(ip netns exec "$NS" nft -j list set inet seckit host4 | grep -o '"val"' | wc -l)
[ "$blocked" -eq "$N" ] || die "expected $N elements in host4, found $blocked"
ours=$(median "$DATA/ours")
printf '  median %.2f s  (%s addresses/s; %s elements in the set afterwards)\n' "$ours" \
  "$(rate "$N" "$ours")" "$blocked"

echo "baseline: one 'nft add element' per address (fail2ban style), $BASELINE_N addresses:"
# The same kind of set fail2ban's nftables action uses, made once per run before timing.
setup_baseline() {
  ip netns exec "$NS" nft -f - <<'NFT'
add table inet f2b-table
add set inet f2b-table addr-set-bench { type ipv4_addr; flags timeout; }
add chain inet f2b-table f2b-chain { type filter hook input priority filter - 1; }
add rule inet f2b-table f2b-chain ip saddr @addr-set-bench drop
NFT
}
PRE=(setup_baseline)
: > "$DATA/baseline"
for _ in $(seq "$BENCH_RUNS"); do
  time_in_fresh_namespace bash -c 'while read -r ip; do
      nft add element inet f2b-table addr-set-bench "{ $ip timeout 3600s }" || exit 1
    done < "$1"' bash "$DATA/baseline.txt" >> "$DATA/baseline"
done
base=$(median "$DATA/baseline")
extrapolated=$(awk -v s="$base" -v n="$N" -v b="$BASELINE_N" 'BEGIN { printf "%.1f", s * n / b }')
printf '  median %.2f s for %s  ->  %s s extrapolated to %s addresses\n' "$base" "$BASELINE_N" \
  "$extrapolated" "$N"
printf 'fw-block is %sx faster than one command per address (target: %s addresses < 5 s)\n' \
  "$(ratio "$extrapolated" "$ours")" "$N"
