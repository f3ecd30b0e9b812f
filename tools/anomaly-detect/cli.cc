// anomaly-detect's command line and self-description: the one source of --help, the man page and
// the shell completions.
#include <CLI/CLI.hpp>

#include <memory>

#include "options.h"
#include "thresholds.h"

namespace seckit::anomaly_detect {
namespace {

constexpr const char* kDescription = R"TEXT(anomaly-detect reads JSON-lines records (pcap-extract's flows and DNS/HTTP/TLS records, log-grep's authentication events, or any ECS records with the same fields), passes every record through unchanged, and adds an alert record (event.kind "alert", event.dataset "anomaly.alert") for each behaviour its detectors find: brute force, scans, beaconing, DNS tunnelling and DGA-like names, exfiltration, rare values, and outliers found by an Isolation Forest. With --only-alerts only the alerts are written.

Detectors work on windows of event time (the records' @timestamp), per entity (a source address, an account, a pair of hosts), so a capture of last month gives the same alerts as the live traffic did. Records may come somewhat out of time order (lateness). A window is evaluated when the stream's time has moved past it, or at the end of the input; its alert names the window (event.start, event.end), the counts that triggered it (anomaly.counts) and references to the records behind it (anomaly.evidence: a log file and byte offset, a capture frame, or a flow's Community ID). The same rule alerts on the same entity at most once per alert.renotify seconds.)TEXT";

constexpr const char* kDetectors = R"TEXT(brute_force: authentication failures (event.category authentication, event.outcome failure; sshd's PAM line is not counted twice) from one source (brute_force.source) or against one account (brute_force.account) within a window, both medium; a successful login from such a source or to such an account is high (brute_force.success); and, for captures where logins are encrypted, many connections from one source to a login service of one host (brute_force.connections, medium).

scan: one source touching many ports of one host (scan.vertical) or many hosts (scan.horizontal) within a window, most of the connections half-open (a SYN that got no answer, or SYN, SYN-ACK, RST with no data), rejected or unanswered; medium.

beacon: connections from one host to one destination address and port at a near-constant period: the inter-arrival times folded onto the median period (so missed beats do not count against it) have a small median deviation, and the bytes sent vary little (median absolute deviation); medium.

dns: per client and registered domain (public suffix list): many distinct subdomains with high entropy and some length, or very long ones (dns.tunnel, medium), many TXT or NULL queries (dns.txt_volume, medium); per client: many distinct random-looking registered domains (dns.dga, medium).

exfil: bytes a host sent in a window far above its own earlier windows or, without enough history, its peers' in the same window: above exfil.ratio times the median and exfil.min_z robust z-scores (median and MAD, not mean and standard deviation); medium, high at a hundred times.

rarity: a registered domain, user agent or JA3 fingerprint presented by one host only while at least rarity.min_hosts hosts present that kind of value; low.

outlier: an Isolation Forest over one feature vector per host per window (connections, distinct destinations and ports, bytes out and in, failed connections, DNS queries, their name entropy, authentication failures), trained on the input or loaded with --baseline; the highest-scoring vectors become low or medium alerts naming the features that stand out. Scoring 4,096 vectors or more at once splits them between two threads when the machine has two cores; everything else runs on one thread.)TEXT";

constexpr const char* kMemory = R"TEXT(Memory is bounded by the entities active within a window: each detector keeps one small state per open window (counts, at most alert.evidence evidence references, and distinct counts that are exact up to 128 values and then a 1 KiB HyperLogLog sketch, about 3% error). Windows the stream has left behind are evaluated and dropped. When more than max_entities windows are open in one detector, the older half is evaluated and closed early (a warning says so). beacon keeps at most beacon.max_timestamps connection times per pair; rarity at most rarity.max_values values per kind; exfil the totals of the last 24 windows per host; outlier at most outlier.max_vectors feature vectors when training on the input (with --baseline, at most 4,096 waiting to be scored together), and the outlier.top best candidates.)TEXT";

}  // namespace

ToolSpec MakeSpec() {
  auto options = std::make_shared<Options>();
  ToolSpec spec;
  spec.info.name = "anomaly-detect";
  spec.info.summary = "find brute force, scans, beaconing, DNS tunnelling, exfiltration and outliers in records";
  spec.info.description = kDescription;
  spec.info.sections = {{"DETECTORS", kDetectors},
                        {"THRESHOLDS", ThresholdsHelp()},
                        {"MEMORY", kMemory}};
  spec.info.examples = {
      {"pcap-extract --type flow,dns capture.pcap | anomaly-detect | triage-report",
       "Flows and DNS of a capture with alerts added, into a report."},
      {"log-grep -e . /var/log/auth.log | anomaly-detect --only-alerts",
       "Brute-force alerts from an sshd log."},
      {"anomaly-detect --baseline-out model.json --only-alerts < last-week.jsonl > /dev/null",
       "Learn the outlier model from a week of records."},
      {"anomaly-detect --baseline model.json --only-alerts today.jsonl",
       "Score today's records against it."},
      {"SECKIT_ANOMALY_DETECT_SCAN_PORTS=20 anomaly-detect --detectors scan flows.jsonl",
       "Only the scan detector, with a lower threshold."},
  };
  spec.info.exit_status_notes =
      "65 when an input line was not a JSON object (the other lines are still analysed); 66 when "
      "an input could not be opened (the others are still read); 78 for a threshold of the wrong "
      "type or out of range in the config; 74 when --baseline-out cannot be written.";
  spec.info.see_also = {"pcap-extract(1)", "log-grep(1)", "ioc-enrich(1)", "triage-report(1)",
                        "seckit-format(7)"};
  spec.define = [options](CLI::App& app) {
    app.add_option("inputs", options->inputs,
                   "JSON-lines files to analyse (- is standard input, the default)")
        ->type_name("FILE");
    app.add_flag("--only-alerts", options->only_alerts,
                 "Write only the alerts, not the input records");
    app.add_option("--detectors", options->detectors,
                   "Run only these detectors, comma-separated (default: all)")
        ->type_name("NAMES")
        ->delimiter(',')
        ->check(CLI::IsMember(DetectorNames()))
        ->allow_extra_args(false);
    app.add_option("--baseline", options->baseline_in,
                   "Score outliers against the model in FILE instead of training on the input")
        ->type_name("FILE");
    app.add_option("--baseline-out", options->baseline_out,
                   "Save the outlier model trained on the input to FILE")
        ->type_name("FILE");
  };
  spec.run = [options](Io& io) { return Run(*options, io); };
  return spec;
}

}  // namespace seckit::anomaly_detect
