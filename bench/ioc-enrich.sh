#!/usr/bin/env bash
# ioc-enrich: online lookups against a slow API, fully cached runs and a million-entry local feed.
#
# What is measured, and why (issue 5, "Performance"):
#   1. Concurrency. 10,000 distinct public IPv4 addresses (ips.txt; none private, reserved or
#      documentation, which ioc-enrich never sends to providers) asked from a loopback stand-in
#      for Shodan InternetDB (bench/slow_api_server.py) that answers every request after 100 ms
#      and serves at most 50 at once:
#        ioc-enrich -i ips.txt --provider internetdb --provider-url internetdb=URL
#                   --concurrency 50 --no-cache
#      with the provider's default politeness (60 requests a minute) lifted by a config file
#      (requests_per_minute = 0, concurrency = 50, daily_quota = 0). Latency and concurrency
#      bound the time at 10,000 / 50 x 0.1 s = 20 s; target: within 1.3x of it (<= 26 s). The
#      baseline is the obvious script, one request at a time (python3 urllib, a new connection
#      per request, as curl in a shell loop), timed over the first 500 addresses and
#      extrapolated to 10,000: running it all would take 17 minutes of sleeping.
#   2. Fully cached. A run over ips.txt with --cache fills the cache; then 1,000,000 JSON-lines
#      records (pcap-extract-shaped flows and DNS queries, every address drawn from the 10,000)
#      go through `ioc-enrich --provider internetdb --cache FILE`. One such run with the server
#      up proves from the server's request log that nothing is asked; the timed runs follow with
#      the server stopped (a request would then fail, and the run would exit 69). Target:
#      >= 200,000 records/s.
#   3. Local feeds. A plain feed of 1,000,000 entries (650,000 IPv4 addresses, 100,000 CIDRs,
#      250,000 domains; about a tenth of the addresses and domains of the records are listed, a
#      few more covered by a CIDR or a parent domain) and `ioc-enrich --feed big-feed.txt` over
#      the same records. Target: >= 500,000 records/s; and the feed alone (a run over an empty
#      input) loaded in under a second.
# Output goes to /dev/null; the times are medians of BENCH_RUNS runs after a warm-up run (the
# sequential baseline: SEQUENTIAL_RUNS runs, default 1, as it is sleep-bound and slow); memory
# is peak RSS (/usr/bin/time -f %M). Before the timed runs of each case, one run is checked:
# output lines, records enriched, exit status, stderr, and what the server saw.
#
# Data (fixed seed, Python standard library) is generated once under
# ${SECKIT_BENCH_DIR:-$BENCH_DIR}/ioc-enrich (default /tmp/seckit-bench/ioc-enrich) and reused
# while the generator and sizes are unchanged; nothing is downloaded. All traffic stays on
# 127.0.0.1: proxy variables are cleared. The server is stopped on exit, however the script ends.
#
# Usage: [BENCH_RUNS=5] [SEQUENTIAL_RUNS=1] [SECKIT_BIN=DIR] [SECKIT_BENCH_DIR=DIR]
#        bench/ioc-enrich.sh [BIN_DIR]
# BIN_DIR (or SECKIT_BIN) is the directory holding the ioc-enrich binary (default build/bin).
set -euo pipefail
# A fixed locale: "." as the decimal point for awk/printf.
export LC_ALL=C

if [ $# -gt 1 ]; then
  echo "usage: bench/ioc-enrich.sh [BIN_DIR]" >&2
  exit 64
fi
[ $# -eq 0 ] || SECKIT_BIN=$1
BENCH_DIR=${SECKIT_BENCH_DIR:-${BENCH_DIR:-/tmp/seckit-bench}}
# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

SEQUENTIAL_RUNS=${SEQUENTIAL_RUNS:-1}
TOOL=$SECKIT_BIN/ioc-enrich
SERVER=$(dirname "$0")/slow_api_server.py
DATA=$BENCH_DIR/ioc-enrich

IP_COUNT=10000
FEED_ENTRIES=1000000
RECORD_COUNT=1000000
SEQUENTIAL_COUNT=500
DELAY=0.1        # seconds the server takes per request
SERVER_SLOTS=50  # requests it serves at once
CONCURRENCY=50
BOUND=$(awk -v n=$IP_COUNT -v c=$SERVER_SLOTS -v d=$DELAY 'BEGIN { printf "%.1f", n / c * d }')
TARGET_FACTOR=1.3
# A checked online run slower than this skips the timed repetitions (see case 1 below).
TOO_SLOW=$(awk -v b="$BOUND" -v f=$TARGET_FACTOR 'BEGIN { printf "%.1f", 2 * f * b }')

IPS=$DATA/ips.txt
FEED=$DATA/big-feed.txt
RECORDS=$DATA/records.jsonl
EMPTY=$DATA/empty.jsonl

# Requests to 127.0.0.1 must reach the test server, not a proxy (libcurl and urllib read these).
unset http_proxy HTTP_PROXY https_proxy HTTPS_PROXY all_proxy ALL_PROXY
export no_proxy=127.0.0.1 NO_PROXY=127.0.0.1

die() { echo "bench/ioc-enrich.sh: $*" >&2; exit 1; }

require_tools() {
  local tool
  [ -x "$TOOL" ] || die "no ioc-enrich at $TOOL (build it, or pass the binary directory)"
  [ -f "$SERVER" ] || die "no $SERVER"
  for tool in python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is required but not installed"
  done
}

# The data generator: python3 - OUT_DIR IP_COUNT FEED_ENTRIES RECORD_COUNT. Writes ips.txt,
# big-feed.txt and records.jsonl; the same bytes every time.
GENERATOR=$(cat <<'PYTHON'
import base64
import hashlib
import random
import sys
import time

out, ip_count, feed_entries, record_count = sys.argv[1], *map(int, sys.argv[2:5])
rng = random.Random(20261125)

# Never sent to providers (seckit's IpAddress::IsGlobal), so never asked: this-network,
# private, shared (CGNAT), loopback, link-local, IETF, documentation, 6to4 relay, benchmarking,
# multicast and reserved (224.0.0.0/3 covers both).
EXCLUDED = [("0.0.0.0", 8), ("10.0.0.0", 8), ("100.64.0.0", 10), ("127.0.0.0", 8),
            ("169.254.0.0", 16), ("172.16.0.0", 12), ("192.0.0.0", 24), ("192.0.2.0", 24),
            ("192.88.99.0", 24), ("192.168.0.0", 16), ("198.18.0.0", 15),
            ("198.51.100.0", 24), ("203.0.113.0", 24), ("224.0.0.0", 3)]


def to_int(text):
    a, b, c, d = map(int, text.split("."))
    return a << 24 | b << 16 | c << 8 | d


def to_text(v):
    return "%d.%d.%d.%d" % (v >> 24, v >> 16 & 255, v >> 8 & 255, v & 255)


RANGES = [(to_int(net), to_int(net) + (1 << (32 - bits)) - 1) for net, bits in EXCLUDED]


def public_address():
    while True:
        v = rng.getrandbits(32)
        if not any(lo <= v <= hi for lo, hi in RANGES):
            return v


def distinct(make, count, avoid=()):
    seen, order = set(avoid), []
    while len(order) < count:
        x = make()
        if x not in seen:
            seen.add(x)
            order.append(x)
    return order


SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "qu", "ze", "bar", "dex", "fin",
             "gor", "hub", "lin", "mor", "net", "pix", "sol", "tek", "ware", "zon", "cloud"]
TLDS = ["com", "net", "org", "io", "info", "ru", "cn", "xyz", "top", "de", "biz", "online"]
HOSTS = ["www", "cdn", "api", "mail", "login", "update", "static", "secure"]


def registered_domain():
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return "%s%d.%s" % (name, rng.randrange(100), rng.choice(TLDS))


def record_domain():
    base = registered_domain()
    return "%s.%s" % (rng.choice(HOSTS), base) if rng.random() < 0.5 else base


# 1. The indicators: distinct public IPv4 addresses, and the domains the DNS records ask for.
ips = [to_text(v) for v in distinct(public_address, ip_count)]
domains = distinct(record_domain, ip_count)
with open(out + "/ips.txt", "w") as f:
    f.write("".join(ip + "\n" for ip in ips))

# 2. The feed. Listed from the records' indicators: every tenth address, the /24 around every
# hundredth one (offset 5), every twentieth domain, and the parent of every twentieth (offset 10)
# three-label domain. The rest is random and matches only by chance (the CIDRs, /20 to /30,
# cover about 2% of the address space).
entries = [ips[i] for i in range(0, ip_count, 10)]
entries += ["%s/24" % to_text(to_int(ips[i]) & 0xFFFFFF00) for i in range(5, ip_count, 100)]
entries += [domains[i] for i in range(0, ip_count, 20)]
entries += [domains[i].split(".", 1)[1] for i in range(10, ip_count, 20)
            if domains[i].count(".") == 2]
known = set(entries) | set(ips) | set(domains)
ip_total, cidr_total = feed_entries * 65 // 100, feed_entries // 10
entries += [to_text(v) for v in distinct(public_address, ip_total - ip_count // 10,
                                         {to_int(ip) for ip in ips})]


def random_cidr():
    bits = rng.randint(20, 30)
    return "%s/%d" % (to_text(public_address() & (0xFFFFFFFF << (32 - bits)) & 0xFFFFFFFF), bits)


entries += distinct(random_cidr, cidr_total - ip_count // 100, known)
entries += distinct(registered_domain, feed_entries - len(entries), set(entries) | known)
rng.shuffle(entries)
NOTES = ["botnet C2", "scanner", "phishing", "malware distribution", "brute force"]
with open(out + "/big-feed.txt", "w") as f:
    f.write("# seckit bench feed: %d entries (IPv4, CIDR, domains)\n# fixed seed\n\n" % len(entries))
    for i, entry in enumerate(entries):
        if i % 20 == 0:
            f.write("%s # %s\n" % (entry, NOTES[i % len(NOTES)]))
        else:
            f.write(entry + "\n")

# 3. The records, shaped like pcap-extract's: nine flows to port 443 for one DNS query, one
# record a millisecond; source and destination addresses drawn from the 10,000.
START = 1700000000
second_text = {}


def timestamp(us):
    s, frac = divmod(us, 1000000)
    if s not in second_text:
        second_text[s] = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s))
    return "%s.%06dZ" % (second_text[s], frac)


def community_id(*parts):
    digest = hashlib.sha1(" ".join(map(str, parts)).encode()).digest()
    return "1:" + base64.b64encode(digest).decode()


FLOW = ('{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.flow",'
        '"category":["network"],"type":["connection"],"start":"%s","end":"%s","duration":%d},'
        '"source":{"ip":"%s","port":%d,"packets":%d,"bytes":%d},'
        '"destination":{"ip":"%s","port":443,"packets":%d,"bytes":%d},'
        '"network":{"type":"ipv4","transport":"tcp","iana_number":"6","community_id":"%s",'
        '"packets":%d,"bytes":%d},"pcap":{"flow":{"state":"SF","history":"ShADadFf",'
        '"end_reason":"fin","first_frame":%d,"orig_payload_bytes":%d,"resp_payload_bytes":%d}}}\n')
DNS = ('{"@timestamp":"%s","event":{"kind":"event","module":"pcap","dataset":"pcap.dns",'
       '"category":["network"],"type":["protocol"]},"source":{"ip":"%s","port":%d},'
       '"destination":{"ip":"%s","port":53},"network":{"type":"ipv4","transport":"udp",'
       '"iana_number":"17","community_id":"%s","bytes":%d},"dns":{"id":"%d","type":"query",'
       '"op_code":"QUERY","header_flags":["RD"],"question":{"name":"%s","type":"A",'
       '"class":"IN","registered_domain":"%s"}},"pcap":{"frame":%d}}\n')
with open(out + "/records.jsonl", "w") as f:
    for i in range(record_count):
        us = START * 1000000 + i * 1000
        src, dst = rng.choice(ips), rng.choice(ips)
        sport = 1024 + rng.randrange(64000)
        if i % 10 == 9:
            name = rng.choice(domains)
            f.write(DNS % (timestamp(us), src, sport, dst, community_id(src, dst, sport, 53),
                           60 + len(name), rng.randrange(65536), name,
                           name.split(".", 1)[1] if name.count(".") == 2 else name, i + 1))
            continue
        duration = rng.randrange(1000, 30000000)
        out_packets, in_packets = rng.randint(4, 40), rng.randint(4, 60)
        out_bytes, in_bytes = out_packets * rng.randint(60, 900), in_packets * rng.randint(60, 1400)
        f.write(FLOW % (timestamp(us), timestamp(us), timestamp(us + duration), duration * 1000,
                        src, sport, out_packets, out_bytes, dst, in_packets, in_bytes,
                        community_id(src, dst, sport, 443), out_packets + in_packets,
                        out_bytes + in_bytes, i + 1, out_bytes - 66 * out_packets,
                        in_bytes - 66 * in_packets))
PYTHON
)

# build_data: the data set, regenerated when the generator or a size changed.
build_data() {
  local stamp
  stamp="$(printf '%s' "$GENERATOR" | sha256sum | cut -d' ' -f1) $IP_COUNT $FEED_ENTRIES $RECORD_COUNT"
  [ "$(cat "$DATA/.stamp" 2>/dev/null)" = "$stamp" ] && return
  echo "bench: generating $IP_COUNT addresses, a $FEED_ENTRIES-entry feed and $RECORD_COUNT records in $DATA" >&2
  rm -f "$DATA/.stamp" "$IPS" "$FEED" "$RECORDS" "$EMPTY"
  python3 -c "$GENERATOR" "$DATA" "$IP_COUNT" "$FEED_ENTRIES" "$RECORD_COUNT"
  : >"$EMPTY"
  echo "$stamp" >"$DATA/.stamp"
}

# The test server, with its request log (see bench/slow_api_server.py).
SERVER_PID=
SERVER_LOG=
URL=
start_server() {
  SERVER_LOG=$RUN/server.log
  python3 "$SERVER" --log "$SERVER_LOG" --port-file "$RUN/port" --delay "$DELAY" \
    --limit "$SERVER_SLOTS" &
  SERVER_PID=$!
  for _ in $(seq 300); do
    [ -s "$RUN/port" ] && break
    sleep 0.1
  done
  [ -s "$RUN/port" ] || die "the test server did not start"
  URL=http://127.0.0.1:$(cat "$RUN/port")
}
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
  fi
}
RUN=
cleanup() {
  stop_server
  [ -z "$RUN" ] || rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# server_lines: lines in the server's log so far (each request and each connection is one).
server_lines() { wc -l <"$SERVER_LOG"; }

# requests_since FROM_LINE: the number of requests the server logged after line FROM_LINE.
requests_since() { awk -v from="$1" 'NR > from && $1 == "request"' "$SERVER_LOG" | wc -l; }

# server_seen FROM_LINE: what the server saw after line FROM_LINE, as "R requests (...),
# C connections, at most M in flight".
server_seen() {
  awk -v from="$1" 'NR > from {
      if ($1 == "request") { r++; if ($2 > m) m = $2; s[$3]++ } else c++
    } END {
      printf "%d requests (%d HTTP 200, %d HTTP 404), %d connections, at most %d in flight",
        r, s[200], s[404], c, m
    }' "$SERVER_LOG"
}

# check_once NAME COMMAND...: runs the command once; prints its wall time and peak RSS
# (CHECK_SECONDS, CHECK_RSS_MB), output lines (OUTPUT_LINES), records with threat.enrichments,
# records with ioc.errors, exit status, what it said on stderr and, while the server runs, what
# the server saw; sets SEEN_REQUESTS.
check_once() {
  local name=$1; shift
  local err times status=0 counts before=0
  err=$(mktemp "$RUN/stderr.XXXXXX")
  times=$(mktemp "$RUN/time.XXXXXX")
  [ -z "$SERVER_PID" ] || before=$(server_lines)
  counts=$(/usr/bin/time -f 'TIME %e %M' -o "$times" "$@" 2>"$err" |
    awk '/"enrichments":\[/ { e++ } /"errors":\[/ { x++ } END { print NR, e + 0, x + 0 }') ||
    status=$?
  read -r OUTPUT_LINES enriched errors <<<"$counts"
  CHECK_SECONDS=$(awk '$1 == "TIME" {print $2}' "$times")
  CHECK_RSS_MB=$(awk '$1 == "TIME" {print $3 / 1024}' "$times")
  printf '%s\n    %.2f s, peak RSS %.1f MB; %d output lines, %d with threat.enrichments, %d with ioc.errors; exit status %d\n' \
    "$name" "$CHECK_SECONDS" "$CHECK_RSS_MB" "$OUTPUT_LINES" "$enriched" "$errors" "$status"
  if [ -s "$err" ]; then
    sort "$err" | uniq -c | sort -rn | head -5 | sed 's/^/    stderr: /'
  fi
  SEEN_REQUESTS=0
  if [ -n "$SERVER_PID" ]; then
    SEEN_REQUESTS=$(requests_since "$before")
    echo "    server: $(server_seen "$before")"
  fi
  rm -f "$err" "$times"
}

# sequential_seconds COUNT: python3 asks the server about the first COUNT addresses one at a
# time, a new connection each (urllib, no proxy); prints the wall time of the loop.
sequential_seconds() {
  head -n "$1" "$IPS" | python3 -c '
import sys, time, urllib.error, urllib.request
base = sys.argv[1]
ips = sys.stdin.read().split()
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
start = time.monotonic()
for ip in ips:
    try:
        with opener.open("%s/%s" % (base, ip), timeout=30) as response:
            response.read()
    except urllib.error.HTTPError as e:
        if e.code != 404:
            raise
        e.read()
print("%.3f" % (time.monotonic() - start))
' "$URL"
}

mb() { printf '%.1f' "$1"; }
met() { awk "BEGIN { print ($1) ? \"yes\" : \"**no**\" }"; }

require_tools
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p "$DATA"
build_started=$(date +%s)
build_data
build_seconds=$(($(date +%s) - build_started))
RUN=$(mktemp -d "$DATA/run.XXXXXX")
CACHE=$RUN/cache.sqlite
CONFIG=$RUN/config.toml
(
  umask 077
  cat >"$CONFIG" <<EOF
# bench/ioc-enrich.sh: the test server may be asked as fast as it answers.
[ioc-enrich.providers.internetdb]
requests_per_minute = 0
concurrency = $CONCURRENCY
daily_quota = 0
EOF
)
chmod 600 "$CONFIG"
ONLINE=("$TOOL" --config "$CONFIG" --provider internetdb)

echo "data: $IPS, $(wc -l <"$IPS") addresses"
echo "data: $FEED, $(grep -cv '^#\|^$' "$FEED") entries ($(du -h "$FEED" | cut -f1))"
echo "data: $RECORDS, $(wc -l <"$RECORDS") records ($(du -h "$RECORDS" | cut -f1))"
start_server
echo "server: $URL, ${DELAY} s per request, $SERVER_SLOTS at once"
echo

echo "== 1. $IP_COUNT addresses against the server (bound: $BOUND s)"
ONLINE_URL=(--provider-url "internetdb=$URL")
check_once "ioc-enrich -i ips.txt --no-cache" \
  "${ONLINE[@]}" "${ONLINE_URL[@]}" --concurrency "$CONCURRENCY" --no-cache -i "$IPS"
online_check_requests=$SEEN_REQUESTS
if [ "$(met "$CHECK_SECONDS > $TOO_SLOW")" = yes ]; then
  # Each timed run would take as long again; the checked run is the figure.
  echo "    over ${TOO_SLOW} s (twice the target): the timed runs are skipped; the figure is this run's"
  online=$CHECK_SECONDS online_rss=$CHECK_RSS_MB online_runs="1 run, the timed runs skipped"
  online_requests_per_run=$online_check_requests
else
  before=$(server_lines)
  measure "ioc-enrich -i ips.txt --no-cache" \
    "${ONLINE[@]}" "${ONLINE_URL[@]}" --concurrency "$CONCURRENCY" --no-cache -i "$IPS"
  online=$MEDIAN_SECONDS online_rss=$MEDIAN_RSS_MB online_runs="median of $BENCH_RUNS"
  echo "    server, over the warm-up and timed runs: $(server_seen "$before")"
  online_requests_per_run=$(($(requests_since "$before") / (BENCH_RUNS + 1)))
fi
: >"$RUN/sequential"
for _ in $(seq "$SEQUENTIAL_RUNS"); do
  sequential_seconds "$SEQUENTIAL_COUNT" >>"$RUN/sequential"
done
sequential_part=$(median "$RUN/sequential")
sequential=$(awk -v s="$sequential_part" -v n=$IP_COUNT -v k=$SEQUENTIAL_COUNT \
  'BEGIN { printf "%.1f", s * n / k }')
printf '%-46s median %8.3f s for %d, so %.1f s for %d (extrapolated; %d runs)\n' \
  "sequential urllib loop" "$sequential_part" "$SEQUENTIAL_COUNT" "$sequential" "$IP_COUNT" \
  "$SEQUENTIAL_RUNS"
echo

echo "== 2. fully cached: $RECORD_COUNT records, the server stopped"
check_once "fill the cache: ioc-enrich -i ips.txt --cache" \
  "${ONLINE[@]}" "${ONLINE_URL[@]}" --concurrency "$CONCURRENCY" --cache "$CACHE" -i "$IPS"
fill_requests=$SEEN_REQUESTS
check_once "ioc-enrich --cache records.jsonl (server up)" \
  "${ONLINE[@]}" "${ONLINE_URL[@]}" --cache "$CACHE" "$RECORDS"
cached_requests=$SEEN_REQUESTS cached_lines=$OUTPUT_LINES
stop_server
check_once "ioc-enrich --cache records.jsonl (server stopped)" \
  "${ONLINE[@]}" "${ONLINE_URL[@]}" --cache "$CACHE" "$RECORDS"
measure "ioc-enrich --cache records.jsonl" \
  "${ONLINE[@]}" "${ONLINE_URL[@]}" --cache "$CACHE" "$RECORDS"
cached=$MEDIAN_SECONDS cached_rss=$MEDIAN_RSS_MB
echo

echo "== 3. a local feed of $FEED_ENTRIES entries"
check_once "ioc-enrich --feed big-feed.txt records.jsonl" "$TOOL" --feed "$FEED" "$RECORDS"
feed_lines=$OUTPUT_LINES
measure "ioc-enrich --feed big-feed.txt (empty input)" "$TOOL" --feed "$FEED" "$EMPTY"
feed_load=$MEDIAN_SECONDS feed_load_rss=$MEDIAN_RSS_MB
measure "ioc-enrich --feed big-feed.txt records.jsonl" "$TOOL" --feed "$FEED" "$RECORDS"
feed=$MEDIAN_SECONDS feed_rss=$MEDIAN_RSS_MB
echo

online_ratio=$(awk -v t="$online" -v b="$BOUND" 'BEGIN { printf "%.2f", t / b }')
vs_sequential=$(ratio "$sequential" "$online")
cached_rate=$(rate "$RECORD_COUNT" "$cached")
feed_rate=$(rate "$RECORD_COUNT" "$feed")
feed_only=$(awk -v a="$feed" -v b="$feed_load" 'BEGIN { printf "%.2f", a - b }')
feed_rate_after_load=$(rate "$RECORD_COUNT" "$feed_only")

echo "== summary (markdown)"
echo
echo "Command: \`BENCH_RUNS=$BENCH_RUNS SEQUENTIAL_RUNS=$SEQUENTIAL_RUNS bench/ioc-enrich.sh $SECKIT_BIN\`"
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
  "$(date -u +%Y-%m-%d); load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Data: $IP_COUNT public IPv4 addresses; $RECORD_COUNT pcap-extract-shaped records (90% flows," \
  "10% DNS queries, $(du -h "$RECORDS" | cut -f1)); a plain feed of $FEED_ENTRIES entries ($(du -h "$FEED" | cut -f1))."
echo "Medians of $BENCH_RUNS runs after a warm-up unless said otherwise, output to /dev/null; memory is peak RSS."
echo
echo "| Measurement | ioc-enrich | Reference | Ratio | Target | Met |"
echo "|---|---|---|---|---|---|"
echo "| $IP_COUNT addresses, server ${DELAY} s/request, $SERVER_SLOTS at once, \`--concurrency $CONCURRENCY\` | $online s ($online_runs) | bound $BOUND s | ${online_ratio}x the bound | <= ${TARGET_FACTOR}x | $(met "$online_ratio <= $TARGET_FACTOR") |"
echo "| the same, one request at a time (python urllib) | - | $sequential s (extrapolated from $SEQUENTIAL_COUNT) | ${vs_sequential}x faster | - | - |"
echo "| fully cached, server stopped: $RECORD_COUNT records | $cached_rate records/s ($cached s) | - | - | >= 200,000 records/s | $(met "$cached_rate >= 200000") |"
echo "| fully cached: requests to the server (server up, one run) | $cached_requests | - | - | 0 | $(met "$cached_requests == 0") |"
echo "| feed of $FEED_ENTRIES entries: $RECORD_COUNT records | $feed_rate records/s ($feed s) | - | - | >= 500,000 records/s | $(met "$feed_rate >= 500000") |"
echo "| feed of $FEED_ENTRIES entries: load alone (empty input) | $feed_load s | - | - | < 1 s | $(met "$feed_load < 1") |"
echo
echo "Peak RSS: online $(mb "$online_rss") MB, cached $(mb "$cached_rss") MB, feed $(mb "$feed_rss") MB" \
  "(feed loaded, empty input: $(mb "$feed_load_rss") MB)."
echo "Requests the server saw: $online_check_requests in the checked online run" \
  "($online_requests_per_run per timed run on average), $fill_requests filling the cache," \
  "$cached_requests in the cached run over $cached_lines records."
echo "Feed throughput without the load time: $feed_rate_after_load records/s ($feed_only s)."
echo "Script run time: $(($(date +%s) - started)) s, of which $build_seconds s generating data" \
  "(0 when it was already under $DATA)."
[ "$feed_lines" -eq "$RECORD_COUNT" ] || echo "warning: the feed run wrote $feed_lines lines, not $RECORD_COUNT" >&2
