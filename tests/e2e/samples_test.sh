#!/usr/bin/env bash
# Checks the sample incident in samples/ with tshark as the reference decoder: no malformed frames
# or bad checksums, consistent TCP streams, the expected DNS names, TLS server names and HTTP hosts,
# the logs agreeing with the capture, and scripts/make-samples regenerating the committed files
# byte for byte. Also runs samples/pipeline.sh (with BIN_DIR's tools when they are built).
# Usage: tests/e2e/samples_test.sh [BIN_DIR]   (default: $SECKIT_BUILD_DIR/bin or build/bin)
# Prints "N passed, M failed" last; exit status 0 when nothing failed.
# shellcheck disable=SC2016  # awk programs are single-quoted on purpose
set -uo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
samples=$src/samples
pcap=$samples/incident.pcap
bin=${1:-$src/${SECKIT_BUILD_DIR:-build}/bin}
passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf -- "$tmp"' EXIT

check() {  # check NAME COMMAND...: counts a pass when the command succeeds
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name"
  fi
}

for tool in tshark capinfos python3 jq; do
  if ! command -v "$tool" > /dev/null; then
    echo "$tool is not installed (scripts/setup installs it): samples test skipped"
    echo "0 passed, 0 failed"
    exit 0
  fi
done

# tshark with every checksum verified; stderr (the "running as root" note) is dropped. tshark
# starts slowly, so it runs a few times up front and the checks read what it wrote.
ts() { tshark -r "$pcap" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE \
         -o udp.check_checksum:TRUE "$@" 2> /dev/null; }
ts -T fields -E separator=/t -E aggregator='|' -E occurrence=a \
  -e frame.time_epoch -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e tcp.flags -e tcp.stream \
  -e dns.flags.response -e dns.qry.name -e dns.qry.type -e dns.a \
  -e tls.handshake.type -e tls.handshake.extensions_server_name -e tls.handshake.extensions_alpn_str \
  -e tls.handshake.extensions.supported_version \
  -e http.request.method -e http.request.uri -e http.host -e http.user_agent -e http.response.code \
  > "$tmp/fields"
# Columns of $tmp/fields, for awk -F'\t':
#  1 time  2 ip.src  3 ip.dst  4 tcp.srcport  5 tcp.dstport  6 tcp.flags  7 tcp.stream
#  8 dns.flags.response  9 dns.qry.name  10 dns.qry.type  11 dns.a
#  12 tls.handshake.type  13 SNI  14 ALPN  15 supported_versions
#  16 http method  17 uri  18 host  19 user agent  20 http.response.code
fields() { awk -F'\t' "$1" "$tmp/fields"; }
ts -Y '_ws.malformed or _ws.expert.severity >= error
       or (ip and not ip.checksum.status == "Good") or (tcp and not tcp.checksum.status == "Good")
       or (udp and not udp.checksum.status == "Good") or (icmp and not icmp.checksum.status == "Good")
       or tcp.analysis.flags' > "$tmp/bad_frames"
ts -q -z expert,warn > "$tmp/expert"

expect() {  # expect WHAT ACTUAL WANTED
  [ "$2" = "$3" ] && return 0
  echo "  $1: got '$2', want '$3'"
  return 1
}
expect_file() {  # expect_file WHAT FILE WANTED_TEXT: the file's lines equal the wanted lines
  diff -u <(printf '%s\n' "$3") "$2" > "$tmp/diff" && return 0
  echo "  $1 differs:"
  head -20 "$tmp/diff"
  return 1
}

# ---------------------------------------------------------------------------------------------
# The files, and their regeneration

files_present() {
  local f ok=0
  for f in incident.pcap auth.log access.log iocs.txt README.md pipeline.sh; do
    [ -s "$samples/$f" ] || { echo "  missing or empty: samples/$f"; ok=1; }
  done
  [ -x "$samples/pipeline.sh" ] || { echo "  samples/pipeline.sh is not executable"; ok=1; }
  [ -x "$src/scripts/make-samples" ] || { echo "  scripts/make-samples is not executable"; ok=1; }
  return "$ok"
}

reproducible() {
  local f ok=0
  python3 "$src/scripts/make-samples" "$tmp/regen" || { echo "  make-samples failed"; return 1; }
  for f in incident.pcap auth.log access.log iocs.txt; do
    cmp -s "$samples/$f" "$tmp/regen/$f" ||
      { echo "  samples/$f differs from what scripts/make-samples writes (regenerate and commit)"; ok=1; }
  done
  return "$ok"
}

small_classic_pcap() {
  local size magic info
  size=$(wc -c < "$pcap")
  [ "$size" -le 320000 ] || { echo "  incident.pcap is $size bytes (keep it under ~300 KB)"; return 1; }
  magic=$(od -An -tx1 -N4 "$pcap" | tr -d ' ')
  expect "pcap magic (classic, microseconds, little-endian)" "$magic" d4c3b2a1 || return 1
  info=$(capinfos -t -E -o -T -r "$pcap" 2> /dev/null | cut -f2-4)
  expect "capinfos type, encapsulation, strict time order" "$info" "pcap	ether	True"
}

# ---------------------------------------------------------------------------------------------
# Frame-level soundness

sound_frames() {  # no malformed frames, no bad checksums, no lost/unseen/retransmitted segments
  [ ! -s "$tmp/bad_frames" ] && return 0
  echo "  malformed frames, bad checksums or TCP analysis flags:"
  head -10 "$tmp/bad_frames"
  return 1
}

only_intended_warnings() {  # the scan's resets are the only warnings
  grep -q '^Warns' "$tmp/expert" || { echo "  no expert summary from tshark"; return 1; }
  awk '/^ +[0-9]+ / && !/Connection reset \(RST\)/' "$tmp/expert" > "$tmp/warnings"
  [ ! -s "$tmp/warnings" ] && return 0
  echo "  unexpected expert warnings:"
  cat "$tmp/warnings"
  return 1
}

# ---------------------------------------------------------------------------------------------
# The story's content, as tshark decodes it

dns_names() {
  fields '$8 == 0 && $10 != 16 {print $9}' | sort -u > "$tmp/names"
  expect_file "DNS names (A/AAAA)" "$tmp/names" "cdn-update.example.net
www.example.com
www.example.org" &&
  expect "TXT queries under t.example.org" \
    "$(fields '$8 == 0 && $10 == 16 {print $9}' |
       grep -E '^[a-z2-7]{48}\.[a-z2-7]+\.q7k2[0-9a-f]{3}\.t\.example\.org$' | sort -u | wc -l)" 60 &&
  expect "C2 answers" "$(fields '$8 == 1 && $9 == "cdn-update.example.net" && $11 == "192.0.2.200"' | wc -l)" \
    "$(fields '$8 == 0 && $9 == "cdn-update.example.net"' | wc -l)"
}

tls_server_names() {
  fields '$12 ~ /(^|\|)1($|\|)/ {print $13}' | sort -u > "$tmp/sni"
  expect_file "TLS server names" "$tmp/sni" "cdn-update.example.net
portal.example.com
www.example.com" &&
  expect "ServerHellos" "$(fields '$12 ~ /(^|\|)2($|\|)/' | wc -l)" "$(fields '$12 ~ /(^|\|)1($|\|)/' | wc -l)" &&
  expect "implant ClientHellos (ALPN h2, http/1.1; TLS 1.3)" \
    "$(fields '$13 == "cdn-update.example.net" && $14 == "h2|http/1.1" && $15 ~ /0x0304/' | wc -l)" 2
}

http_hosts() {
  fields '$16 != "" {print $18}' | sort -u > "$tmp/hosts"
  expect_file "HTTP hosts" "$tmp/hosts" "cdn-update.example.net
portal.example.com
www.example.org" &&
  expect "beacon requests" \
    "$(fields '$17 ~ /^\/api\/v1\/check\?id=/ && $19 == "Mozilla/5.0 (compatible; UpdSvc/2.4.1)"' | wc -l)" 28 &&
  expect "HTTP responses" "$(fields '$20 != ""' | wc -l)" "$(fields '$16 != ""' | wc -l)"
}

syn_scan() {
  expect "ports scanned" "$(fields '$2 == "198.51.100.7" && $6 == "0x0002" {print $5}' | sort -u | wc -l)" 200 &&
  expect "open ports" "$(fields '$3 == "198.51.100.7" && $6 == "0x0012" {print $4}' | sort -n | paste -sd, -)" \
    "22,80,443"
}

ssh_brute_force_matches_auth_log() {
  fields '$2 == "203.0.113.66" && $5 == 22 && $6 == "0x0002" {print $4}' | sort -n > "$tmp/ssh_pcap"
  grep -E 'sshd\[[0-9]+\]: (Failed|Accepted) password for .* from 203\.0\.113\.66 port ' "$samples/auth.log" |
    sed -E 's/.* port ([0-9]+) ssh2$/\1/' | sort -n > "$tmp/ssh_log"
  expect "SSH connections" "$(wc -l < "$tmp/ssh_pcap")" 40 &&
  expect_file "auth.log ports" "$tmp/ssh_log" "$(cat "$tmp/ssh_pcap")" &&
  grep -q 'Accepted password for deploy from 203\.0\.113\.66 port [0-9]* ssh2$' "$samples/auth.log"
}

web_probes_match_access_log() {
  fields '$2 == "203.0.113.66" && $16 != "" {print $16 "\t" $17}' > "$tmp/web_pcap"
  awk '$1 == "203.0.113.66" {print substr($6, 2) "\t" $7}' "$samples/access.log" > "$tmp/web_log"
  expect_file "203.0.113.66's requests in access.log" "$tmp/web_log" "$(cat "$tmp/web_pcap")" &&
  grep -q '"POST /upload HTTP/1.1" 200 ' "$samples/access.log"
}

beacon_period() {
  fields '$2 == "10.0.0.23" && $3 == "192.0.2.200" && $6 == "0x0002" {print $1}' > "$tmp/beacons"
  expect "beacons" "$(wc -l < "$tmp/beacons")" 30 &&
  awk 'NR > 1 { d = $1 - prev; if (d < 54 || d > 66.5) { print "  beacon interval " d " s"; bad = 1 } }
       { prev = $1 } END { exit bad }' "$tmp/beacons"
}

ioc_hashes_match_the_dropper() {
  local sha md5
  ts -q --export-objects "http,$tmp/objects" > /dev/null
  [ -f "$tmp/objects/update.sh" ] || { echo "  update.sh not found among the HTTP objects"; return 1; }
  sha=$(sha256sum < "$tmp/objects/update.sh" | cut -d' ' -f1)
  md5=$(md5sum < "$tmp/objects/update.sh" | cut -d' ' -f1)
  grep -qx "$sha" "$samples/iocs.txt" || { echo "  iocs.txt lacks the dropper's SHA-256 $sha"; return 1; }
  grep -qx "$md5" "$samples/iocs.txt" || { echo "  iocs.txt lacks the dropper's MD5 $md5"; return 1; }
}

# ---------------------------------------------------------------------------------------------
# The pipeline

pipeline_skips_missing_tools() {
  mkdir -p "$tmp/nobin"
  "$samples/pipeline.sh" "$tmp/nobin" "$tmp/out-none" > "$tmp/pipeline-none" 2>&1 ||
    { echo "  pipeline.sh failed without tools:"; cat "$tmp/pipeline-none"; return 1; }
  grep -qF '(pcap-extract not built yet: skipped)' "$tmp/pipeline-none" ||
    { echo "  no skip note for pcap-extract"; return 1; }
}

pipeline_with_pcap_extract() {
  "$samples/pipeline.sh" "$bin" "$tmp/out" > "$tmp/pipeline" 2>&1 ||
    { echo "  pipeline.sh failed:"; tail -20 "$tmp/pipeline"; return 1; }
  if [ ! -s "$tmp/out/flows.jsonl" ] || [ ! -s "$tmp/out/app.jsonl" ]; then
    echo "  flows.jsonl or app.jsonl missing"
    return 1
  fi
  expect "TCP flows" "$(jq -c 'select(.network.transport == "tcp")' "$tmp/out/flows.jsonl" | wc -l)" \
    "$(fields '$7 != "" {print $7}' | sort -u | wc -l)" &&
  grep -q 'cdn-update.example.net' "$tmp/pipeline"
}

pipeline_with_log_grep() {  # run after pipeline_with_pcap_extract, which wrote $tmp/out
  local logs=$tmp/out/logs.jsonl hits=$tmp/out/log-ioc-hits.jsonl
  [ -s "$logs" ] && [ -s "$hits" ] || { echo "  logs.jsonl or log-ioc-hits.jsonl missing"; return 1; }
  expect "records in logs.jsonl" "$(wc -l < "$logs")" \
    "$(cat "$samples/auth.log" "$samples/access.log" | wc -l)" &&
  expect "failed SSH logins from 203.0.113.66" \
    "$(jq -c 'select(.event.action == "ssh_login" and .event.outcome == "failure"
                     and .source.ip == "203.0.113.66")' "$logs" | wc -l)" \
    "$(grep -cE 'sshd\[[0-9]+\]: Failed password for .* from 203\.0\.113\.66 port' "$samples/auth.log")" &&
  expect "5xx responses" \
    "$(jq -c 'select(.http.response.status_code >= 500)' "$logs" | wc -l)" \
    "$(awk '$9 ~ /^5/' "$samples/access.log" | wc -l)" &&
  expect "log lines holding 203.0.113.66" "$(wc -l < "$hits")" \
    "$(cat "$samples/auth.log" "$samples/access.log" | grep -cwF 203.0.113.66)"
}

pipeline_with_ioc_enrich() {  # run after pipeline_with_pcap_extract, which wrote $tmp/out
  local enriched=$tmp/out/enriched.jsonl
  [ -s "$enriched" ] || { echo "  enriched.jsonl missing"; return 1; }
  expect "enriched auth.log records (203.0.113.66)" \
    "$(jq -c 'select(.event.dataset == "log.syslog")' "$enriched" | wc -l)" \
    "$(grep -cF 203.0.113.66 "$samples/auth.log")" &&
  expect "enriched DNS records (cdn-update.example.net)" \
    "$(jq -c 'select(.event.dataset == "pcap.dns")' "$enriched" | wc -l)" \
    "$(fields '$9 == "cdn-update.example.net"' | wc -l)" &&
  expect "every enriched record is malicious" \
    "$(jq -c 'select(.ioc.verdict != "malicious")' "$enriched" | wc -l)" 0
}

pipeline_with_fw_block() {  # run after pipeline_with_ioc_enrich; a dry run that changes nothing
  local plan=$tmp/out/fw.jsonl
  [ -s "$plan" ] || { echo "  fw.jsonl missing"; return 1; }
  # The story's attackers: the SSH brute forcer and web prober, and the SYN scanner (in the
  # listed 198.51.100.0/24); the C2 is listed by name only, internal hosts are not listed.
  expect "addresses planned for blocking" \
    "$(jq -r 'select(.fw.action == "block") | .fw.address' "$plan" | sort -u | paste -sd' ')" \
    "198.51.100.7 203.0.113.66" &&
  expect "records applied (a dry run applies nothing)" \
    "$(jq -c 'select(.fw.applied != false)' "$plan" | wc -l)" 0 &&
  expect "every record is fw.action" \
    "$(jq -c 'select(.event.dataset != "fw.action")' "$plan" | wc -l)" 0 &&
  [ ! -e "$tmp/out/fw-block.state" ] || { echo "  the dry run wrote a state file"; return 1; }
}

pipeline_with_triage_report() {  # run after pipeline_with_pcap_extract, which wrote $tmp/out
  local md=$tmp/out/report.md html=$tmp/out/report.html
  [ -s "$md" ] && [ -s "$html" ] || { echo "  report.md or report.html missing"; return 1; }
  "$bin/triage-report" --format json "$tmp/out"/*.jsonl > "$tmp/report.json" ||
    { echo "  triage-report --format json failed"; return 1; }
  # Counted once each, although enriched.jsonl and log-ioc-hits.jsonl repeat them.
  expect "pcap.flow records in the report" \
    "$(jq '.summary.datasets[] | select(.value == "pcap.flow") | .count' "$tmp/report.json")" \
    "$(wc -l < "$tmp/out/flows.jsonl")" &&
  expect "log.syslog records in the report" \
    "$(jq '.summary.datasets[] | select(.value == "log.syslog") | .count' "$tmp/report.json")" \
    "$(wc -l < "$samples/auth.log")" &&
  expect "records of the intel finding on 203.0.113.66" \
    "$(jq '.findings[] | select(.rule == "threat-intel" and .group[0] == "203.0.113.66") | .records' \
        "$tmp/report.json")" \
    "$(jq -c 'select(.threat.enrichments[0].matched.atomic == "203.0.113.66")' \
        "$tmp/out/enriched.jsonl" | wc -l)" &&
  grep -qF 'Listed indicator cdn-update.example.net' "$md" &&
  grep -qF 'Listed indicator 198.51.100.7' "$html" &&
  ! grep -qi '<script' "$html" &&
  { "$bin/triage-report" --fail-on high -q "$tmp/out"/*.jsonl > /dev/null; [ "$?" -eq 1 ]; }
}

pipeline_with_anomaly_detect() {  # run after pipeline_with_pcap_extract, which wrote $tmp/out
  local alerts=$tmp/out/alerts.jsonl
  [ -s "$alerts" ] || { echo "  alerts.jsonl missing"; return 1; }
  # One alert per step of the story (samples/README.md), each naming the right hosts; nothing
  # else above low.
  alert() { jq -c "select(.rule.id == \"$1\" and $2)" "$alerts" | wc -l; }
  expect "scan alert for 198.51.100.7 -> 10.0.0.23" \
    "$(alert scan.vertical '.source.ip == "198.51.100.7" and .destination.ip == "10.0.0.23"')" 1 &&
  expect "brute-force alert for 203.0.113.66" \
    "$(alert brute_force.source '.source.ip == "203.0.113.66"')" 1 &&
  expect "failed logins counted as in auth.log" \
    "$(jq 'select(.rule.id == "brute_force.source") | .anomaly.counts.failures' "$alerts")" \
    "$(grep -cE 'sshd\[[0-9]+\]: Failed password for .* from 203\.0\.113\.66 port' "$samples/auth.log")" &&
  expect "success after failures for deploy (high)" \
    "$(alert brute_force.success '.related.user == ["deploy"] and .event.severity == 73')" 1 &&
  expect "SSH guessing seen in the capture" \
    "$(alert brute_force.connections '.source.ip == "203.0.113.66" and .destination.port == 22')" 1 &&
  expect "beacon 10.0.0.23 -> 192.0.2.200 at about 60 s" \
    "$(alert beacon '.source.ip == "10.0.0.23" and .destination.ip == "192.0.2.200"
                     and (.anomaly.counts.period_seconds | . > 54 and . < 66)')" 1 &&
  expect "DNS tunnel from 10.0.0.23 under example.org" \
    "$(alert dns.tunnel '.source.ip == "10.0.0.23"
                         and .dns.question.registered_domain == "example.org"')" 1 &&
  expect "nothing else above low" "$(jq -c 'select(.event.severity > 21)' "$alerts" | wc -l)" 6 &&
  expect "alerts carry the agreed fields" \
    "$(jq -c 'select(.event.kind != "alert" or .event.module != "anomaly-detect"
                     or .event.dataset != "anomaly.alert" or (.rule.id | not)
                     or (.event.start | not) or (.event.end | not) or (.message | not)
                     or (.anomaly.evidence | type) != "array")' "$alerts" | wc -l)" 0
}

pipeline_with_disk_carve() {  # run after pipeline_with_pcap_extract, which wrote $tmp/out
  local disk=$tmp/out/disk.jsonl
  if [ ! -s "$disk" ]; then
    grep -qF '(disk-carve: mkfs.vfat or mtools missing' "$tmp/pipeline" && return 0
    echo "  disk.jsonl missing"
    return 1
  fi
  # The hashes are sha256sum's of the files copied in, the deleted copy of iocs.txt is found
  # and recovered byte for byte.
  expect "auth.log's SHA-256 in the image" \
    "$(jq -r 'select(.file.path == "/log/auth.log") | .file.hash.sha256' "$disk")" \
    "$(sha256sum < "$samples/auth.log" | cut -d' ' -f1)" &&
  expect "access.log's SHA-256 in the image" \
    "$(jq -r 'select(.file.path == "/log/access.log") | .file.hash.sha256' "$disk")" \
    "$(sha256sum < "$samples/access.log" | cut -d' ' -f1)" &&
  expect "deleted files" "$(jq -c 'select(.file.deleted and .file.type == "file")' "$disk" | wc -l)" 1 &&
  cmp -s "$(jq -r '.disk.recovered.path' "$tmp/out/recovered.jsonl")" "$samples/iocs.txt"
}

check "sample files present" files_present
check "make-samples reproduces the committed files" reproducible
check "incident.pcap: small classic pcap, Ethernet, time-ordered" small_classic_pcap
check "no malformed frames, bad checksums or broken TCP streams" sound_frames
check "only the intended expert warnings" only_intended_warnings
check "DNS names" dns_names
check "TLS server names" tls_server_names
check "HTTP hosts" http_hosts
check "SYN scan" syn_scan
check "SSH brute force matches auth.log" ssh_brute_force_matches_auth_log
check "web probes match access.log" web_probes_match_access_log
check "beacon period" beacon_period
check "IOC hashes match the dropper" ioc_hashes_match_the_dropper
check "pipeline.sh skips tools not built" pipeline_skips_missing_tools
if [ -x "$bin/pcap-extract" ]; then
  check "pipeline.sh with pcap-extract" pipeline_with_pcap_extract
else
  echo "note: $bin/pcap-extract is not built: the pipeline ran only without tools"
fi
if [ -x "$bin/log-grep" ] && [ -x "$bin/pcap-extract" ]; then
  check "pipeline.sh with log-grep" pipeline_with_log_grep
fi
if [ -x "$bin/ioc-enrich" ] && [ -x "$bin/log-grep" ] && [ -x "$bin/pcap-extract" ]; then
  check "pipeline.sh with ioc-enrich" pipeline_with_ioc_enrich
  if [ -x "$bin/fw-block" ]; then
    check "pipeline.sh with fw-block (dry run)" pipeline_with_fw_block
  fi
fi

if [ -x "$bin/triage-report" ] && [ -x "$bin/pcap-extract" ]; then
  check "pipeline.sh with triage-report" pipeline_with_triage_report
fi
if [ -x "$bin/anomaly-detect" ] && [ -x "$bin/log-grep" ] && [ -x "$bin/pcap-extract" ]; then
  check "pipeline.sh with anomaly-detect" pipeline_with_anomaly_detect
fi

if [ -x "$bin/disk-carve" ] && [ -x "$bin/pcap-extract" ]; then
  check "pipeline.sh with disk-carve" pipeline_with_disk_carve
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
