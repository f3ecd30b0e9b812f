#!/usr/bin/env bash
# pcap-extract throughput and memory, against tshark and tcpdump on the same captures.
#
# What is measured, and why:
#   1. A capture of at least 500,000 packets, built from the test corpus (the Ethernet captures,
#      without the malformed_* and edge_* ones) by shifting copies in time with editcap and
#      merging them with mergecap. Real traffic of many protocols, so that decoding cost is
#      representative; enough packets that start-up cost does not dominate.
#   2. On that capture, with output to /dev/null:
#      a. `pcap-extract --type packet` against `tshark -T ek` with the same fields: the tool
#         people would otherwise use to get one JSON document per packet (target: 20x faster).
#      b. `pcap-extract --type packet` against `tcpdump -nn -r`: the fastest common decoder,
#         which prints one text line per packet (target: at least as fast).
#      c. `pcap-extract --type flow` in packets/s (target: 3,000,000 pkt/s), with tcpdump's
#         packets/s for scale.
#      d. the default `pcap-extract FILE` (flow,dns,http,tls), for information.
#   3. A synthetic capture of 1,000,000 TCP SYNs from distinct sources, 1 us apart, so that
#      one million flows are in the flow table at once (the default --max-flows): peak memory
#      of `pcap-extract --type flow` (target: under 1 GiB) and its packets/s.
#
# All three programs decode on a single thread; none is given options to do otherwise.
# Everything is built under $BENCH_DIR and reused on later runs (delete the files to rebuild);
# nothing is downloaded. tshark is slow, so it runs TSHARK_RUNS times (default 3) rather than
# BENCH_RUNS times.
#
# Usage: [BENCH_RUNS=5] [TSHARK_RUNS=3] [SECKIT_BIN=DIR] [SECKIT_TEST_DATA=DIR] bench/pcap-extract.sh
set -euo pipefail
# A fixed locale: the same file order from globs, and "." as the decimal point for awk/printf.
export LC_ALL=C

# shellcheck source-path=SCRIPTDIR
source "$(dirname "$0")/lib.sh"

TSHARK_RUNS=${TSHARK_RUNS:-3}
TOOL=$SECKIT_BIN/pcap-extract

# The corpus: $SECKIT_TEST_DATA/pcap if set, else the shared corpus next to the checkout.
if [ -n "${SECKIT_TEST_DATA:-}" ]; then
  CORPUS=$SECKIT_TEST_DATA/pcap
else
  CORPUS=$(dirname "$0")/../../shared/corpus/pcap
fi

MIN_PACKETS=500000
MIXED_PCAP=$BENCH_DIR/pcap-extract-corpus-500k.pcap

# The corpus captures start years apart; each is first moved to start at this instant
# (2023-11-14T22:13:20Z) so that the merged copy interleaves them as concurrent traffic.
EPOCH_START=1700000000
# Copy k of the corpus is shifted by k * COPY_STEP seconds. 600 s is longer than the default
# flow timeout (120 s) and than every corpus capture but one (the longest is 70 s), so each
# copy's connections are new flows rather than continuations of the previous copy's.
# mixed-vlan-mpls.pcap is the exception: its 47 packets span ten years, so its copies
# interleave over that span; that is a small fraction of the packets and does no harm.
COPY_STEP=600

FLOW_COUNT=1000000
FLOWS_PCAP=$BENCH_DIR/pcap-extract-1m-syn-flows.pcap

die() { echo "bench/pcap-extract.sh: $*" >&2; exit 1; }

require_tools() {
  local tool
  [ -x "$TOOL" ] || die "no pcap-extract at $TOOL (build it, or set SECKIT_BIN)"
  for tool in tshark tcpdump mergecap editcap capinfos python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || die "$tool is required but not installed"
  done
  [ -d "$CORPUS" ] || die "no pcap corpus at $CORPUS (set SECKIT_TEST_DATA to the directory holding pcap/)"
}

# packet_count FILE: the number of packets, from capinfos' table report (no header row).
packet_count() { capinfos -T -r -c "$1" | awk -F'\t' '{print $NF}'; }

# link_type FILE: capinfos' name for the encapsulation, "ether" for Ethernet.
link_type() { capinfos -T -r -E "$1" | awk -F'\t' '{print $NF}'; }

# start_seconds FILE: the whole seconds of the first packet's time stamp.
start_seconds() { capinfos -T -r -a -S "$1" | awk -F'\t' '{print int($NF)}'; }

# corpus_captures: the corpus captures to replicate, one per line, in a fixed order. Only
# Ethernet ones, since a classic pcap file holds a single link type; malformed_* and edge_*
# are left out because they test error paths, not throughput.
corpus_captures() {
  local path
  for path in "$CORPUS"/*; do
    case $(basename "$path") in malformed_* | edge_*) continue ;; esac
    if [ "$(link_type "$path")" = ether ]; then
      echo "$path"
    else
      echo "bench: skipping $path (link type $(link_type "$path"), not Ethernet)" >&2
    fi
  done
}

# build_corpus_copy OUT: all selected corpus captures, each moved to start at EPOCH_START,
# merged in time order into one classic pcap.
build_corpus_copy() {
  local out=$1 work file shifted n=0
  local -a captures parts=()
  work=$(dirname "$out")
  mapfile -t captures < <(corpus_captures)
  for file in "${captures[@]}"; do
    shifted=$work/normalized-$n.pcap
    editcap -F pcap -t $((EPOCH_START - $(start_seconds "$file"))) "$file" "$shifted"
    parts+=("$shifted")
    n=$((n + 1))
  done
  [ "$n" -gt 0 ] || die "no usable Ethernet captures in $CORPUS"
  mergecap -F pcap -w "$out" "${parts[@]}"
}

# build_mixed_capture OUT: enough time-shifted copies of the corpus for MIN_PACKETS packets,
# merged in time order. Written under a temporary name first, so that an interrupted build
# is not mistaken for a finished one on the next run.
build_mixed_capture() {
  local out=$1 work per_copy copies k
  work=$(mktemp -d "$BENCH_DIR/pcap-build.XXXXXX")
  build_corpus_copy "$work/copy-0.pcap"
  per_copy=$(packet_count "$work/copy-0.pcap")
  copies=$(((MIN_PACKETS + per_copy - 1) / per_copy))
  echo "bench: corpus copy has $per_copy packets; merging $copies copies" >&2
  for k in $(seq 1 $((copies - 1))); do
    editcap -F pcap -t $((k * COPY_STEP)) "$work/copy-0.pcap" "$work/copy-$k.pcap"
  done
  mergecap -F pcap -w "$out.tmp" "$work"/copy-*.pcap
  mv "$out.tmp" "$out"
  rm -rf "$work"
}

# build_flows_capture OUT COUNT: COUNT TCP SYNs from distinct sources 10.0.0.1, 10.0.0.2, ...
# to 192.0.2.1:80, 1 us apart, as 54-byte Ethernet frames with correct checksums. Pure Python
# standard library, no randomness: the same bytes every time.
build_flows_capture() {
  local out=$1 count=$2
  python3 - "$out.tmp" "$count" <<'PYTHON'
import struct
import sys

path, count = sys.argv[1], int(sys.argv[2])
START = 1700000000          # seconds of the first packet
DST_IP = bytes([192, 0, 2, 1])  # TEST-NET-1
ETHERNET = bytes.fromhex("020000000002" "020000000001" "0800")


def checksum(data):
    """The Internet checksum (RFC 1071) of an even-length byte string."""
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def syn_frame(i):
    src_ip = struct.pack("!I", (10 << 24) + i + 1)
    src_port = 1024 + i % 64000
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 0, 0x4000, 64, 6, 0, src_ip, DST_IP))
    struct.pack_into("!H", ip, 10, checksum(ip))
    tcp = bytearray(struct.pack("!HHIIBBHHH", src_port, 80, i, 0, 5 << 4, 0x02, 65535, 0, 0))
    pseudo_header = src_ip + DST_IP + struct.pack("!BBH", 0, 6, len(tcp))
    struct.pack_into("!H", tcp, 16, checksum(pseudo_header + tcp))
    return ETHERNET + ip + tcp


with open(path, "wb") as f:
    # Classic pcap header: microsecond time stamps, snaplen 65535, link type 1 (Ethernet).
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
    for i in range(count):
        frame = syn_frame(i)
        f.write(struct.pack("<IIII", START + i // 1000000, i % 1000000, len(frame), len(frame)))
        f.write(frame)
PYTHON
  mv "$out.tmp" "$out"
}

# check_once NAME COMMAND...: runs the command once, counting its output lines (records) into
# CHECK_RECORDS, and prints that, its exit status and what it said on stderr, so that a
# timing of a command that failed or skipped input does not pass unnoticed.
check_once() {
  local name=$1; shift
  local err status=0
  err=$(mktemp)
  CHECK_RECORDS=$("$@" 2>"$err" | wc -l) || status=$?
  printf '%-46s %d output lines, exit status %d, %d lines on stderr\n' "$name" \
    "$CHECK_RECORDS" "$status" "$(wc -l <"$err")"
  if [ -s "$err" ]; then
    # The distinct messages, with the frame number dropped so that repeats collapse.
    sed -E 's/, frame [0-9]+\)/)/' "$err" | sort | uniq -c | sort -rn | head -5 | sed 's/^/    /'
  fi
  rm -f "$err"
}

# mb MEGABYTES: the figure with one decimal.
mb() { printf '%.1f' "$1"; }

# met CONDITION: "yes" if the awk condition holds, else "no".
met() { awk "BEGIN { print ($1) ? \"yes\" : \"no\" }"; }

# measure_with_runs RUNS NAME COMMAND...: measure, with a different number of runs.
measure_with_runs() {
  local runs=$1 saved_runs=$BENCH_RUNS; shift
  BENCH_RUNS=$runs
  measure "$@"
  BENCH_RUNS=$saved_runs
}

require_tools
started=$(date +%s)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

build_started=$(date +%s)
if [ ! -f "$MIXED_PCAP" ]; then
  echo "bench: building $MIXED_PCAP from $CORPUS" >&2
  build_mixed_capture "$MIXED_PCAP"
fi
if [ ! -f "$FLOWS_PCAP" ]; then
  echo "bench: building $FLOWS_PCAP ($FLOW_COUNT SYN packets)" >&2
  build_flows_capture "$FLOWS_PCAP" "$FLOW_COUNT"
fi
build_seconds=$(($(date +%s) - build_started))
PACKETS=$(packet_count "$MIXED_PCAP")
FLOW_PACKETS=$(packet_count "$FLOWS_PCAP")
[ "$PACKETS" -ge "$MIN_PACKETS" ] || die "$MIXED_PCAP has only $PACKETS packets"
echo "capture: $MIXED_PCAP, $PACKETS packets ($(du -h "$MIXED_PCAP" | cut -f1))"
echo "capture: $FLOWS_PCAP, $FLOW_PACKETS packets ($(du -h "$FLOWS_PCAP" | cut -f1))"
echo

echo "== output of one run of each pcap-extract command"
check_once "pcap-extract --type packet" "$TOOL" --type packet "$MIXED_PCAP"
check_once "pcap-extract --type flow" "$TOOL" --type flow "$MIXED_PCAP"
CORPUS_FLOWS=$CHECK_RECORDS
check_once "pcap-extract (default types)" "$TOOL" "$MIXED_PCAP"
check_once "pcap-extract --type flow (1M SYN flows)" "$TOOL" --type flow "$FLOWS_PCAP"
FLOW_RECORDS=$CHECK_RECORDS
echo

echo "== $PACKETS packets from the corpus"
measure "pcap-extract --type packet" "$TOOL" --type packet "$MIXED_PCAP"
ours_packet=$MEDIAN_SECONDS ours_packet_rss=$MEDIAN_RSS_MB
measure "tcpdump -nn -r" tcpdump -nn -r "$MIXED_PCAP"
tcpdump_seconds=$MEDIAN_SECONDS tcpdump_rss=$MEDIAN_RSS_MB
measure "pcap-extract --type flow" "$TOOL" --type flow "$MIXED_PCAP"
ours_flow=$MEDIAN_SECONDS ours_flow_rss=$MEDIAN_RSS_MB
measure "pcap-extract (flow,dns,http,tls)" "$TOOL" "$MIXED_PCAP"
ours_default=$MEDIAN_SECONDS ours_default_rss=$MEDIAN_RSS_MB
measure_with_runs "$TSHARK_RUNS" "tshark -T ek (same fields)" \
  tshark -n -r "$MIXED_PCAP" -T ek -e frame.number -e frame.time_epoch -e ip.src -e ip.dst \
  -e ipv6.src -e ipv6.dst -e tcp.srcport -e tcp.dstport -e udp.srcport -e udp.dstport \
  -e ip.proto -e frame.len -e tcp.flags -e vlan.id -e icmp.type -e icmp.code
tshark_seconds=$MEDIAN_SECONDS tshark_rss=$MEDIAN_RSS_MB
echo

echo "== $FLOW_PACKETS concurrent flows"
measure "pcap-extract --type flow (1M SYN flows)" "$TOOL" --type flow "$FLOWS_PCAP"
ours_1m=$MEDIAN_SECONDS ours_1m_rss=$MEDIAN_RSS_MB
echo

vs_tshark=$(ratio "$tshark_seconds" "$ours_packet")
vs_tcpdump=$(ratio "$tcpdump_seconds" "$ours_packet")
flow_rate=$(rate "$PACKETS" "$ours_flow")
tcpdump_rate=$(rate "$PACKETS" "$tcpdump_seconds")
default_rate=$(rate "$PACKETS" "$ours_default")
rate_1m=$(rate "$FLOW_PACKETS" "$ours_1m")

echo "== summary (markdown)"
echo
echo "Command: \`BENCH_RUNS=$BENCH_RUNS TSHARK_RUNS=$TSHARK_RUNS SECKIT_BIN=$SECKIT_BIN bench/pcap-extract.sh\`"
echo "Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)," \
  "$(date -u +%Y-%m-%d); load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
echo "Data: $PACKETS packets (corpus copies, $(du -h "$MIXED_PCAP" | cut -f1)) and $FLOW_PACKETS TCP SYNs from distinct sources."
echo "Medians of $BENCH_RUNS runs ($TSHARK_RUNS for tshark), output to /dev/null; times in seconds, memory is peak RSS."
echo
echo "| Measurement | pcap-extract | Reference | Ratio | Target | Met |"
echo "|---|---|---|---|---|---|"
echo "| \`--type packet\` vs \`tshark -T ek\` (same fields) | $ours_packet s | $tshark_seconds s | ${vs_tshark}x faster | >= 20x | $(met "$vs_tshark >= 20") |"
echo "| \`--type packet\` vs \`tcpdump -nn -r\` | $ours_packet s | $tcpdump_seconds s | ${vs_tcpdump}x faster | >= 1x | $(met "$vs_tcpdump >= 1") |"
echo "| \`--type flow\` throughput | $flow_rate pkt/s ($ours_flow s) | tcpdump $tcpdump_rate pkt/s | - | >= 3,000,000 pkt/s | $(met "$flow_rate >= 3000000") |"
echo "| default types (flow,dns,http,tls) | $default_rate pkt/s ($ours_default s) | - | - | (information) | - |"
echo "| \`--type flow\`, 1M concurrent flows: peak RSS | $(mb "$ours_1m_rss") MB | - | - | < 1024 MB | $(met "$ours_1m_rss < 1024") |"
echo "| \`--type flow\`, 1M concurrent flows: throughput | $rate_1m pkt/s ($ours_1m s) | - | - | (information) | - |"
echo "| 1M concurrent flows: flow records written | $FLOW_RECORDS | - | - | $FLOW_COUNT | $(met "$FLOW_RECORDS == $FLOW_COUNT") |"
echo
echo "The corpus capture yields $CORPUS_FLOWS flow records ($(ratio "$PACKETS" "$CORPUS_FLOWS") packets per flow)."
echo "Peak RSS on the corpus capture: --type packet $(mb "$ours_packet_rss") MB, --type flow" \
  "$(mb "$ours_flow_rss") MB, default $(mb "$ours_default_rss") MB; tcpdump $(mb "$tcpdump_rss") MB;" \
  "tshark $(mb "$tshark_rss") MB."
echo "Script run time: $(($(date +%s) - started)) s, of which $build_seconds s building data" \
  "(0 when it was already under $BENCH_DIR)."
