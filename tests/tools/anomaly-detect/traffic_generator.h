// A fixed-seed generator of network records with known answers: benign background traffic (random
// connections and DNS lookups of a small office) and, on request, planted behaviours — a beacon,
// a DNS tunnelling client, a DGA client and a host sending 50 times its usual volume. The same
// seed gives the same records on every machine (only the raw 64-bit engine output is used, not
// the library's distributions, whose algorithms are unspecified).
#ifndef SECKIT_TESTS_ANOMALY_DETECT_TRAFFIC_GENERATOR_H_
#define SECKIT_TESTS_ANOMALY_DETECT_TRAFFIC_GENERATOR_H_

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "anomaly_test_util.h"

namespace seckit::anomaly_detect::test {

struct Planted {
  bool beacon = false;  // 10.0.0.7 -> 198.51.100.77:443 every 60 s +-10 %, 5 % beats missed
  bool tunnel = false;  // 10.0.0.9: 400 long random subdomains of tunnel-data.net, half TXT
  bool dga = false;     // 10.0.0.15: 40 random-letter .com names
  bool exfil = false;   // 10.0.0.12: in hour 9, 50 times its median hourly volume to 203.0.113.200
};

inline constexpr int kHosts = 40;
inline constexpr int kHours = 12;

class TrafficGenerator {
 public:
  explicit TrafficGenerator(uint64_t seed) : rng_(seed) {}

  double Uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  double Exponential(double mean) { return -std::log(1 - Uniform()) * mean; }
  double Normal() {
    const double u = 1 - Uniform(), v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
  }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  size_t Index(size_t n) { return static_cast<size_t>(Uniform() * static_cast<double>(n)) % n; }

  // Records in time order; `records` is padded with benign flows to at least `min_records`.
  std::vector<std::pair<TimeNs, std::string>> Generate(const Planted& p, size_t min_records = 0) {
    std::vector<std::pair<TimeNs, std::string>> out;
    const TimeNs end = kBase + kHours * 3600 * kNsPerSecond;
    for (int h = 1; h <= kHosts; ++h) {
      const std::string host = "10.0.0." + std::to_string(h);
      for (TimeNs t = kBase + Seconds(Exponential(120)); t < end; t += Seconds(Exponential(120))) {
        out.emplace_back(t, RandomFlow(t, host));
      }
      for (TimeNs t = kBase + Seconds(Exponential(60)); t < end; t += Seconds(Exponential(60))) {
        out.emplace_back(t, DnsQuery(t, host, BenignName(), "A", ++frame_));
      }
    }
    if (p.beacon) Beacon(out, end);
    if (p.tunnel) Tunnel(out);
    if (p.dga) Dga(out);
    if (p.exfil) Exfil(out);
    while (out.size() < min_records) {
      const TimeNs t = kBase + static_cast<TimeNs>(Uniform() * static_cast<double>(end - kBase));
      out.emplace_back(t, RandomFlow(t, "10.0.0." + std::to_string(Index(kHosts) + 1)));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
  }

  static std::string Join(const std::vector<std::pair<TimeNs, std::string>>& records) {
    std::string text;
    for (const auto& r : records) text += r.second;
    return text;
  }

 private:
  static TimeNs Seconds(double s) { return static_cast<TimeNs>(s * 1e9); }

  std::string Destination() {
    // Popular destinations more often (roughly Zipf): the square of a uniform index.
    const double u = Uniform();
    const int i = static_cast<int>(u * u * 300);
    return (i < 150 ? "203.0.113." : "198.51.100.") + std::to_string(i % 150 + 1);
  }

  std::string RandomFlow(TimeNs t, const std::string& host) {
    Flow f;
    f.time = t;
    f.src = host;
    f.dst = Destination();
    f.port = Uniform() < 0.8 ? 443 : 80;
    f.bytes_out = static_cast<uint64_t>(LogNormal(2000, 1.0)) + 60;
    f.bytes_in = static_cast<uint64_t>(LogNormal(20000, 1.5)) + 60;
    f.community_id = "1:benign" + std::to_string(++flow_id_);
    if (host == "10.0.0.12") {
      const auto hour = static_cast<size_t>((t - kBase) / (3600 * kNsPerSecond));
      if (hour < hourly_sent_.size()) hourly_sent_[hour] += static_cast<double>(f.bytes_out);
    }
    return FlowRecord(f);
  }

  std::string BenignName() {
    static const char* kDomains[] = {"example.com",   "example.org",    "example.net",
                                     "wikipedia.org", "office-mail.com", "newsportal.org",
                                     "cdnprovider.net", "weather.org",  "bank-online.com",
                                     "updates.example.com"};
    static const char* kLabels[] = {"www", "mail", "api", "static", "login", "img", "cdn"};
    std::string name = kDomains[Index(std::size(kDomains))];
    if (Uniform() < 0.7) name = std::string(kLabels[Index(std::size(kLabels))]) + "." + name;
    return name;
  }

  std::string RandomLabel(size_t n, const char* alphabet) {
    const size_t size = std::char_traits<char>::length(alphabet);
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(alphabet[Index(size)]);
    return s;
  }

  void Beacon(std::vector<std::pair<TimeNs, std::string>>& out, TimeNs end) {
    for (TimeNs t = kBase + 37 * kNsPerSecond; t < end;) {
      if (Uniform() >= 0.05) {
        Flow f;
        f.time = t;
        f.src = "10.0.0.7";
        f.dst = "198.51.100.77";
        f.bytes_out = static_cast<uint64_t>(500 * (0.95 + 0.1 * Uniform()));
        f.bytes_in = static_cast<uint64_t>(300 * (0.95 + 0.1 * Uniform()));
        f.community_id = "1:beacon" + std::to_string(++flow_id_);
        out.emplace_back(t, FlowRecord(f));
      }
      t += Seconds(60 * (0.9 + 0.2 * Uniform()));
    }
  }

  void Tunnel(std::vector<std::pair<TimeNs, std::string>>& out) {
    const TimeNs start = kBase + 5 * 3600 * kNsPerSecond;
    for (int i = 0; i < 400; ++i) {
      const TimeNs t = start + i * kNsPerSecond;
      const std::string name = RandomLabel(40, "abcdefghijklmnopqrstuvwxyz234567") + "." +
                               RandomLabel(20, "abcdefghijklmnopqrstuvwxyz234567") +
                               ".t.tunnel-data.net";
      out.emplace_back(t, DnsQuery(t, "10.0.0.9", name, i % 2 ? "TXT" : "A", ++frame_));
    }
  }

  void Dga(std::vector<std::pair<TimeNs, std::string>>& out) {
    const TimeNs start = kBase + 7 * 3600 * kNsPerSecond;
    for (int i = 0; i < 40; ++i) {
      const TimeNs t = start + i * 5 * kNsPerSecond;
      const std::string name = RandomLabel(14, "abcdefghijklmnopqrstuvwxyz") + ".com";
      out.emplace_back(t, DnsQuery(t, "10.0.0.15", name, "A", ++frame_));
    }
  }

  void Exfil(std::vector<std::pair<TimeNs, std::string>>& out) {
    // 10.0.0.12 sends about 30 flows of median 2 kB (mean e^0.5 times more) an hour: about
    // 100 kB. Fifty times that in one flow, in hour 9.
    std::vector<double> hourly = hourly_sent_;
    std::nth_element(hourly.begin(), hourly.begin() + kHours / 2, hourly.end());
    Flow f;
    f.time = kBase + (9 * 3600 + 1200) * kNsPerSecond;
    f.src = "10.0.0.12";
    f.dst = "203.0.113.200";
    f.bytes_out = static_cast<uint64_t>(50 * hourly[kHours / 2]);
    f.community_id = "1:exfil";
    out.emplace_back(f.time, FlowRecord(f));
  }

  std::mt19937_64 rng_;
  uint64_t frame_ = 0;
  uint64_t flow_id_ = 0;
  std::vector<double> hourly_sent_ = std::vector<double>(kHours, 0);  // by 10.0.0.12
};

}  // namespace seckit::anomaly_detect::test

#endif  // SECKIT_TESTS_ANOMALY_DETECT_TRAFFIC_GENERATOR_H_
