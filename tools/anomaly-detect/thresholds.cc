// The threshold table: key, default, meaning and bounds, read from the config and documented.
#include "thresholds.h"

#include <charconv>

namespace seckit::anomaly_detect {
namespace {

struct Spec {
  const char* key;
  double Thresholds::*member;
  double min;
  double max;
  const char* meaning;
};

constexpr double kBig = 1e15;

const Spec kSpecs[] = {
    {"alert.evidence", &Thresholds::evidence, 0, 10000, "evidence references listed per alert"},
    {"alert.renotify", &Thresholds::renotify, 0, kBig,
     "seconds before one rule alerts again on the same entity (an ongoing attack gives one "
     "alert per period, not one per window)"},
    {"lateness", &Thresholds::lateness, 0, kBig,
     "seconds a record may come behind the newest one seen and still count in its window"},
    {"max_entities", &Thresholds::max_entities, 16, kBig,
     "open windows each detector keeps; beyond it the oldest are evaluated and closed early"},
    {"brute_force.window", &Thresholds::brute_window, 1, kBig, "brute-force window, seconds"},
    {"brute_force.source_failures", &Thresholds::brute_source_failures, 1, kBig,
     "authentication failures from one source"},
    {"brute_force.account_failures", &Thresholds::brute_account_failures, 1, kBig,
     "authentication failures against one account"},
    {"brute_force.connections", &Thresholds::brute_connections, 1, kBig,
     "connections from one source to one login service (brute_force.ports) of one host, for "
     "captures where the logins themselves are encrypted"},
    {"scan.window", &Thresholds::scan_window, 1, kBig, "scan window, seconds"},
    {"scan.ports", &Thresholds::scan_ports, 2, kBig,
     "distinct ports one source touches on one host (vertical scan)"},
    {"scan.hosts", &Thresholds::scan_hosts, 2, kBig,
     "distinct hosts one source touches (horizontal scan)"},
    {"scan.failed_ratio", &Thresholds::scan_failed_ratio, 0, 1,
     "share of those connections that must have failed (unanswered, rejected, reset)"},
    {"beacon.window", &Thresholds::beacon_window, 1, kBig,
     "seconds of connections per host and destination looked at for periodicity"},
    {"beacon.min_connections", &Thresholds::beacon_min_connections, 4, kBig,
     "connections needed before a pair can be called periodic"},
    {"beacon.max_jitter", &Thresholds::beacon_max_jitter, 0, 1,
     "median distance of the inter-arrival times from a multiple of the period, as a share of "
     "the period"},
    {"beacon.max_size_spread", &Thresholds::beacon_max_size_spread, 0, kBig,
     "median absolute deviation of the bytes sent, as a share of their median"},
    {"beacon.min_period", &Thresholds::beacon_min_period, 0, kBig,
     "shortest period, seconds, called beaconing"},
    {"beacon.max_timestamps", &Thresholds::beacon_max_timestamps, 16, kBig,
     "connection times kept per pair"},
    {"dns.window", &Thresholds::dns_window, 1, kBig, "DNS window, seconds"},
    {"dns.subdomains", &Thresholds::dns_subdomains, 2, kBig,
     "distinct names one client asks under one registered domain"},
    {"dns.min_entropy", &Thresholds::dns_min_entropy, 0, 8,
     "mean Shannon entropy (bits per character) of those names' subdomain part"},
    {"dns.min_length", &Thresholds::dns_min_length, 1, 253,
     "mean subdomain length needed with that entropy (short names have high entropy per "
     "character whatever they say: img17.cdn has 3.1 bits)"},
    {"dns.long_label", &Thresholds::dns_long_label, 1, 253,
     "mean subdomain length that counts as encoded data whatever its entropy"},
    {"dns.txt_queries", &Thresholds::dns_txt_queries, 1, kBig,
     "TXT and NULL queries from one client under one registered domain"},
    {"dns.dga_domains", &Thresholds::dns_dga_domains, 1, kBig,
     "distinct random-looking registered domains one client asks"},
    {"exfil.window", &Thresholds::exfil_window, 1, kBig,
     "exfiltration window, seconds (aligned to the epoch so hosts compare like with like)"},
    {"exfil.ratio", &Thresholds::exfil_ratio, 1, kBig,
     "bytes sent in a window over the baseline median"},
    {"exfil.min_bytes", &Thresholds::exfil_min_bytes, 0, kBig,
     "bytes sent in a window below which nothing is called exfiltration"},
    {"exfil.min_z", &Thresholds::exfil_min_z, 0, kBig,
     "robust z-score (distance from the median in units of 1.4826 MAD)"},
    {"exfil.min_history", &Thresholds::exfil_min_history, 1, kBig,
     "earlier windows of the host needed to use its own baseline"},
    {"exfil.min_peers", &Thresholds::exfil_min_peers, 2, kBig,
     "other hosts in the same window needed to use the peers as baseline"},
    {"rarity.min_hosts", &Thresholds::rarity_min_hosts, 2, kBig,
     "hosts that must present a kind of value (domain, user agent, JA3) before one seen from a "
     "single host is rare"},
    {"rarity.max_alerts", &Thresholds::rarity_max_alerts, 0, kBig, "rarity alerts per run"},
    {"rarity.max_values", &Thresholds::rarity_max_values, 16, kBig,
     "distinct values tracked per kind"},
    {"outlier.window", &Thresholds::outlier_window, 1, kBig,
     "seconds per feature vector (per host per window)"},
    {"outlier.trees", &Thresholds::outlier_trees, 1, 10000, "Isolation Forest trees"},
    {"outlier.sample", &Thresholds::outlier_sample, 2, 1e7, "vectors sampled per tree"},
    {"outlier.seed", &Thresholds::outlier_seed, 0, 1e15, "random seed (same seed, same forest)"},
    {"outlier.low", &Thresholds::outlier_low, 0, 1, "anomaly score of a low alert"},
    {"outlier.medium", &Thresholds::outlier_medium, 0, 1, "anomaly score of a medium alert"},
    {"outlier.top", &Thresholds::outlier_top, 0, kBig, "outlier alerts per run, highest first"},
    {"outlier.max_vectors", &Thresholds::outlier_max_vectors, 16, kBig,
     "feature vectors kept when training on the input"},
};

Status ParsePorts(const std::vector<std::string>& items, std::vector<uint16_t>& out) {
  out.clear();
  for (const std::string& item : items) {
    unsigned port = 0;
    auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), port);
    if (ec != std::errc() || end != item.data() + item.size() || port == 0 || port > 65535) {
      return Status::Config("brute_force.ports: '" + item + "' is not a port number");
    }
    out.push_back(static_cast<uint16_t>(port));
  }
  return Status::Ok();
}

std::string FormatNumber(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

Result<Thresholds> LoadThresholds(const Config& config) {
  Thresholds t;
  for (const Spec& spec : kSpecs) {
    Result<std::optional<double>> v = config.GetDouble(spec.key);
    if (!v.ok()) return v.status();
    if (!v->has_value()) continue;
    if (!(**v >= spec.min && **v <= spec.max)) {
      return Status::Config(std::string(spec.key) + " must be between " + FormatNumber(spec.min) +
                            " and " + FormatNumber(spec.max));
    }
    t.*spec.member = **v;
  }
  Result<std::optional<std::vector<std::string>>> ports =
      config.GetStringList("brute_force.ports");
  if (!ports.ok()) return ports.status();
  if (ports->has_value()) SECKIT_RETURN_IF_ERROR(ParsePorts(**ports, t.auth_ports));
  return t;
}

std::string ThresholdsHelp() {
  const Thresholds defaults;
  std::string text =
      "Keys of the [anomaly-detect] table of the config file (dotted keys are sub-tables: "
      "scan.ports is ports in [anomaly-detect.scan]); each can be overridden by the environment "
      "variable SECKIT_ANOMALY_DETECT_<KEY> with dots as underscores (SECKIT_ANOMALY_DETECT_SCAN_PORTS). "
      "Default in brackets.\n\n";
  for (const Spec& spec : kSpecs) {
    text += std::string(spec.key) + " [" + FormatNumber(defaults.*spec.member) + "]: " +
            spec.meaning + ".\n\n";
  }
  text += "brute_force.ports [21,22,23,110,143,389,445,993,995,1433,3306,3389,5432,5900]: "
          "the login services of brute_force.connections (a list of numbers as strings, or "
          "comma-separated in the environment).";
  return text;
}

}  // namespace seckit::anomaly_detect
