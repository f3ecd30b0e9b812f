#!/usr/bin/env bash
# The demo pipeline over the sample incident (samples/README.md tells the story).
# Usage: samples/pipeline.sh BIN_DIR OUT_DIR
#
# Runs each seckit tool that is built in BIN_DIR over the files beside this script, writes its
# records to OUT_DIR and prints a short summary (with jq). One function per tool, called in data
# order at the bottom; a tool that is not built yet is skipped with a note, so the script works at
# every stage of the project. To add a tool: fill in its step function (keep the guard).
# shellcheck disable=SC2016  # jq programs are single-quoted on purpose
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: pipeline.sh BIN_DIR OUT_DIR" >&2
  exit 64
fi
bin=$1
out=$2
samples=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if ! command -v jq > /dev/null; then
  echo "pipeline.sh: error: jq is required (apt-get install jq)" >&2
  exit 69
fi
mkdir -p -- "$out"

# ---------------------------------------------------------------------------------------------
# Helpers

section() { printf '\n== %s ==\n' "$1"; }
built() { [ -x "$bin/$1" ]; }
not_built() { echo "($1 not built yet: skipped)"; }

# jq definitions shared by the summaries: right-aligned numbers, the last three labels of a name.
readonly JQ_DEFS='
  def pad($n): tostring | if length < $n then " " * ($n - length) + . else . end;
  def zone: split(".") | .[-3:] | join(".");
'

summary() {  # summary TITLE JQ_PROGRAM FILE...: runs the program over all records of the files
  local title=$1 program=$2 text
  shift 2
  printf '\n%s\n' "$title"
  text=$(jq -rn "$JQ_DEFS [inputs] | $program" "$@")
  if [ -n "$text" ]; then printf '%s\n' "$text"; else echo "  (none)"; fi
}

# ---------------------------------------------------------------------------------------------
# pcap-extract: incident.pcap -> flows.jsonl (pcap.flow) and app.jsonl (pcap.dns, pcap.http, pcap.tls)

step_pcap_extract() {
  section "pcap-extract: flows and DNS/HTTP/TLS messages from incident.pcap"
  if ! built pcap-extract; then not_built pcap-extract; return 0; fi
  "$bin/pcap-extract" --type flow -o "$out/flows.jsonl" "$samples/incident.pcap"
  "$bin/pcap-extract" --type dns,http,tls -o "$out/app.jsonl" "$samples/incident.pcap"
  echo "wrote $out/flows.jsonl and $out/app.jsonl"

  summary "Records per event.dataset:" '
    group_by(.event.dataset) | .[] | "\(length | pad(7))  \(.[0].event.dataset)"' \
    "$out/flows.jsonl" "$out/app.jsonl"

  summary "DNS queries per zone (last three labels):" '
    map(select(.event.dataset == "pcap.dns" and .dns.type == "query") | .dns.question.name // empty)
    | group_by(zone) | sort_by(-length) | .[]
    | (unique) as $names
    | "\(length | pad(7))  \(.[0] | zone)  "
      + if ($names | length) <= 3 then ($names | join(", "))
        else "\($names | length) distinct names, up to \($names | map(length) | max) characters, e.g. \($names[0])"
        end' \
    "$out/app.jsonl"

  summary "TLS ClientHellos (count, server name, JA3, clients):" '
    map(select(.event.dataset == "pcap.tls" and .tls.client.server_name != null))
    | group_by([.tls.client.server_name, .tls.client.ja3]) | sort_by(-length) | .[]
    | "\(length | pad(7))  \(.[0].tls.client.server_name)  \(.[0].tls.client.ja3 // "-")  \(map(.source.ip) | unique | join(" "))"' \
    "$out/app.jsonl"

  summary "HTTP requests (count, host, user agent):" '
    map(select(.event.dataset == "pcap.http" and .http.request.method != null))
    | group_by([.url.domain // .destination.ip, .user_agent.original // "-"]) | sort_by(-length) | .[]
    | "\(length | pad(7))  \(.[0].url.domain // .[0].destination.ip)  \(.[0].user_agent.original // "-")"' \
    "$out/app.jsonl"

  summary "Top talkers (originator: flows, bytes both ways, peers, destination ports):" '
    map(select(.event.dataset == "pcap.flow"))
    | group_by(.source.ip)
    | map({ip: .[0].source.ip, flows: length,
           bytes: (map(.network.bytes // ((.source.bytes // 0) + (.destination.bytes // 0))) | add),
           peers: (map(.destination.ip) | unique | length),
           ports: (map(.destination.port // empty) | unique | length)})
    | sort_by(-.bytes) | .[:6][]
    | "  \(.ip | . + " " * (15 - length))  \(.flows | pad(4)) flows  \(.bytes | pad(7)) bytes  \(.peers | pad(2)) peers  \(.ports | pad(4)) ports"' \
    "$out/flows.jsonl"
}

# ---------------------------------------------------------------------------------------------
# log-grep: auth.log and access.log -> logs.jsonl (log.syslog, log.access); IOC hits and 5xx lines

step_log_grep() {
  section "log-grep: sshd and nginx logs"
  if ! built log-grep; then not_built log-grep; return 0; fi
  # An empty pattern selects every line: the whole of both logs as ECS records.
  "$bin/log-grep" -e '' -o "$out/logs.jsonl" "$samples/auth.log" "$samples/access.log"
  "$bin/log-grep" --ioc "$samples/iocs.txt" -o "$out/log-ioc-hits.jsonl" \
    "$samples/auth.log" "$samples/access.log"
  echo "wrote $out/logs.jsonl and $out/log-ioc-hits.jsonl"

  summary "SSH logins per source and outcome (count, source, outcome, users):" '
    map(select(.event.action == "ssh_login"))
    | group_by([.source.ip, .event.outcome]) | sort_by(-length) | .[]
    | "\(length | pad(7))  \(.[0].source.ip | . + " " * (15 - length))  \(.[0].event.outcome)  \(map(.user.name) | unique | join(", "))"' \
    "$out/logs.jsonl"

  summary "HTTP responses per client and status class:" '
    map(select(.event.dataset == "log.access"))
    | group_by([.source.ip, (.http.response.status_code / 100 | floor)]) | .[]
    | "\(length | pad(7))  \(.[0].source.ip | . + " " * (15 - length))  \(.[0].http.response.status_code / 100 | floor)xx"' \
    "$out/logs.jsonl"

  summary "Log lines holding a listed indicator (count, indicator, file):" '
    group_by([.grep.matches[0].indicator, .log.file.path]) | sort_by(-length) | .[]
    | "\(length | pad(7))  \(.[0].grep.matches[0].indicator)  \(.[0].log.file.path | split("/") | last)"' \
    "$out/log-ioc-hits.jsonl"

  printf '\nServer errors (log-grep --where %s):\n' "'http.response.status_code >= 500'"
  "$bin/log-grep" --text --no-filename --where 'http.response.status_code >= 500' \
    "$samples/access.log" | cut -c1-110
}

# ---------------------------------------------------------------------------------------------
# ioc-enrich: records + iocs.txt -> enriched.jsonl (threat.enrichments on matching records)

step_ioc_enrich() {
  section "ioc-enrich: match the records against iocs.txt"
  if ! built ioc-enrich; then not_built ioc-enrich; return 0; fi
  local inputs=()
  for f in flows.jsonl app.jsonl logs.jsonl; do
    [ -s "$out/$f" ] && inputs+=("$out/$f")
  done
  if [ "${#inputs[@]}" -eq 0 ]; then echo "(no records from earlier steps: skipped)"; return 0; fi
  # Local feed only: the demo asks no online API.
  "$bin/ioc-enrich" --feed "$samples/iocs.txt" --min-score 1 -o "$out/enriched.jsonl" "${inputs[@]}"
  echo "wrote $out/enriched.jsonl (only the records that hold a listed indicator)"

  summary "Records holding a listed indicator (count, indicator, field, dataset):" '
    map(.threat.enrichments[] as $e | {i: ($e.ioc.matched_entry // $e.matched.atomic),
                                      f: $e.matched.field, d: .event.dataset})
    | group_by([.i, .f, .d]) | sort_by(-length) | .[]
    | "\(length | pad(7))  \(.[0].i)  \(.[0].f)  \(.[0].d)"' \
    "$out/enriched.jsonl"
}

# ---------------------------------------------------------------------------------------------
# anomaly-detect: records -> alerts.jsonl (brute force, scan, beaconing, DNS tunnelling, exfiltration)

step_anomaly_detect() {
  section "anomaly-detect: brute force, scans, beaconing, DNS tunnelling"
  if ! built anomaly-detect; then not_built anomaly-detect; return 0; fi
  # Over whatever the earlier steps wrote: flows and DNS/HTTP/TLS from the capture, the logs.
  local inputs=() file
  for file in flows.jsonl app.jsonl logs.jsonl; do
    if [ -s "$out/$file" ]; then inputs+=("$out/$file"); fi
  done
  if [ "${#inputs[@]}" -eq 0 ]; then
    echo "(no records from the earlier steps: skipped)"
    return 0
  fi
  "$bin/anomaly-detect" --only-alerts -o "$out/alerts.jsonl" "${inputs[@]}"
  echo "wrote $out/alerts.jsonl"

  summary "Alerts above low (severity, rule, message):" '
    map(select(.event.severity > 21)) | sort_by(-.event.severity, .event.start) | .[]
    | "\(.event.severity | pad(4))  \(.rule.id | . + " " * (20 - length))  \(.message)"' \
    "$out/alerts.jsonl"

  summary "Low alerts per rule (leads, not verdicts):" '
    map(select(.event.severity <= 21)) | group_by(.rule.id) | .[]
    | "\(length | pad(7))  \(.[0].rule.id)"' \
    "$out/alerts.jsonl"
}

# ---------------------------------------------------------------------------------------------
# fw-block: alerts -> the firewall actions it would take (dry run only in the demo)

step_fw_block() {
  section "fw-block: what would be blocked (dry run)"
  if ! built fw-block; then not_built fw-block; return 0; fi
  local inputs=()
  for f in enriched.jsonl alerts.jsonl; do
    [ -s "$out/$f" ] && inputs+=("$out/$f")
  done
  if [ "${#inputs[@]}" -eq 0 ]; then echo "(no enriched records or alerts: skipped)"; return 0; fi
  # A dry run only (never --apply in the demo), with a state file of its own so the plan does not
  # depend on this machine's blocks. --min-score 80: the addresses a source judged 80 or worse.
  "$bin/fw-block" --min-score 80 --ttl 24h --state "$out/fw-block.state" \
    -o "$out/fw.jsonl" "${inputs[@]}"
  echo "wrote $out/fw.jsonl (the plan: nothing was changed)"

  summary "Planned actions (action, address, reason):" '
    group_by([.fw.action, .fw.address]) | .[]
    | "  \(.[0].fw.action | . + " " * (6 - length))  \(.[0].fw.address | . + " " * (15 - length))  \(.[0].fw.reason)"' \
    "$out/fw.jsonl"

  printf '\nThe nft batch it would run (fw-block --text):\n'
  "$bin/fw-block" --min-score 80 --ttl 24h --state "$out/fw-block.state" --text "${inputs[@]}" |
    grep -v '^add \(set\|chain\|rule\)\|^flush' | sed 's/^/  /'
}

# ---------------------------------------------------------------------------------------------
# disk-carve: the samples hold no disk image, so a small FAT image of web01's logs is made here
# with mkfs.vfat + mtools (no root needed), with a copy of iocs.txt written and then deleted;
# disk-carve lists it (disk.jsonl) and recovers the deleted file.

step_disk_carve() {
  section "disk-carve: files, hashes and a deleted file in a small FAT image"
  if ! built disk-carve; then not_built disk-carve; return 0; fi
  local mkfs
  mkfs=$(PATH=$PATH:/sbin:/usr/sbin command -v mkfs.vfat || true)
  if [ -z "$mkfs" ] || ! command -v mcopy > /dev/null || ! command -v mdel > /dev/null; then
    echo "(disk-carve: mkfs.vfat or mtools missing, no image to read: skipped)"
    return 0
  fi
  local img=$out/web01-logs.img
  rm -f -- "$img"
  "$mkfs" -C "$img" 2048 > /dev/null
  mmd -i "$img" ::/log
  mcopy -i "$img" "$samples/auth.log" ::/log/auth.log
  mcopy -i "$img" "$samples/access.log" ::/log/access.log
  mcopy -i "$img" "$samples/iocs.txt" ::/notes.txt
  mdel -i "$img" ::/notes.txt
  "$bin/disk-carve" list --hash sha256 -o "$out/disk.jsonl" "$img"
  rm -rf -- "$out/recovered"
  "$bin/disk-carve" recover --deleted --out "$out/recovered" -o "$out/recovered.jsonl" "$img"
  echo "wrote $out/disk.jsonl, and $out/recovered with its manifest recovered.jsonl"

  summary "Files in the image (deleted ones marked):" '
    .[] | select(.file.type == "file")
    | "  \(if .file.deleted then "deleted" else "       " end)  \(.file.size | pad(7))  \(.file.path)  \(.file.hash.sha256 // "-" | .[0:16])"' \
    "$out/disk.jsonl"
}

# ---------------------------------------------------------------------------------------------
# triage-report: everything above -> report

step_triage_report() {
  section "triage-report: the incident in one report"
  if ! built triage-report; then not_built triage-report; return 0; fi
  local inputs=("$out"/*.jsonl)
  if [ ! -e "${inputs[0]}" ]; then echo "(no records from earlier steps: skipped)"; return 0; fi
  local title="web01, 24 November 2026"
  "$bin/triage-report" --title "$title" -o "$out/report.md" "${inputs[@]}"
  "$bin/triage-report" --title "$title" -o "$out/report.html" "${inputs[@]}"
  echo "wrote $out/report.md and $out/report.html (open it in a browser: no script, no fetches)"
  printf '\n'
  "$bin/triage-report" --title "$title" --format text "${inputs[@]}"
}

# ---------------------------------------------------------------------------------------------

step_pcap_extract
step_log_grep
step_ioc_enrich
step_anomaly_detect
step_fw_block
step_disk_carve
step_triage_report
printf '\nOutputs are in %s\n' "$out"
