// Thresholds: every tunable number of the detectors, with its default, read from the config's
// [anomaly-detect] table (and SECKIT_ANOMALY_DETECT_* environment overrides, as libcommon's Config
// does). One table holds key, default and meaning, so the man page lists exactly what is read.
#ifndef SECKIT_ANOMALY_DETECT_THRESHOLDS_H_
#define SECKIT_ANOMALY_DETECT_THRESHOLDS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "seckit/config.h"
#include "seckit/status.h"

namespace seckit::anomaly_detect {

struct Thresholds {
  // Shared.
  double evidence = 10;         // evidence references kept per alert
  double renotify = 3600;       // seconds before the same rule alerts again on the same entity
  double lateness = 60;         // seconds a record may arrive behind the newest one seen
  double max_entities = 100000; // open windows kept per detector
  // Brute force.
  double brute_window = 600;
  double brute_source_failures = 10;
  double brute_account_failures = 20;
  double brute_connections = 10;
  std::vector<uint16_t> auth_ports = {21, 22, 23, 110, 143, 389, 445, 993, 995,
                                      1433, 3306, 3389, 5432, 5900};
  // Scans.
  double scan_window = 300;
  double scan_ports = 100;
  double scan_hosts = 50;
  double scan_failed_ratio = 0.5;
  // Beaconing.
  double beacon_window = 86400;
  double beacon_min_connections = 10;
  double beacon_max_jitter = 0.1;
  double beacon_max_size_spread = 0.25;
  double beacon_min_period = 10;
  double beacon_max_timestamps = 2000;
  // DNS tunnelling and DGA.
  double dns_window = 600;
  double dns_subdomains = 50;
  double dns_min_entropy = 3.0;
  double dns_min_length = 16;
  double dns_long_label = 24;
  double dns_txt_queries = 50;
  double dns_dga_domains = 10;
  // Exfiltration.
  double exfil_window = 3600;
  double exfil_ratio = 10;
  double exfil_min_bytes = 1e6;
  double exfil_min_z = 5;
  double exfil_min_history = 3;
  double exfil_min_peers = 5;
  // Rarity.
  double rarity_min_hosts = 5;
  double rarity_max_alerts = 20;
  double rarity_max_values = 100000;
  // Isolation Forest.
  double outlier_window = 300;
  double outlier_trees = 100;
  double outlier_sample = 256;
  double outlier_seed = 1;
  double outlier_low = 0.6;
  double outlier_medium = 0.7;
  double outlier_top = 10;
  double outlier_max_vectors = 1000000;
};

// Reads every key of the table from `config` (defaults where unset). A value of the wrong type
// or out of range is Status::Config naming the key.
Result<Thresholds> LoadThresholds(const Config& config);

// The man page's THRESHOLDS section: each key, its default and what it means.
std::string ThresholdsHelp();

}  // namespace seckit::anomaly_detect

#endif  // SECKIT_ANOMALY_DETECT_THRESHOLDS_H_
