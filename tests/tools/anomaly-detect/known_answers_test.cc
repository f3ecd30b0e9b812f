// Known answers: generated office traffic (fixed seed) with a beacon, a DNS tunnelling client, a
// DGA client and a host sending 50 times its usual volume hidden in it; each must be found, and
// the same traffic without them (padded to the same size) must raise nothing above low. The
// false-positive rate per detector is printed (docs/BENCHMARKS.md quotes it).
#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <span>
#include <string_view>

#include "traffic_generator.h"

namespace seckit::anomaly_detect::test {
namespace {

constexpr uint64_t kSeeds[] = {1, 2, 3};

// Every seed, or only the first in the sanitizer run (scripts/test sets SECKIT_TEST_QUICK=1
// there): instrumented, each seed's day of traffic takes about half a minute to generate and
// judge, and the memory checks learn nothing from a second and third day of the same kind.
std::span<const uint64_t> Seeds() {
  const char* quick = std::getenv("SECKIT_TEST_QUICK");
  const bool first_only = quick != nullptr && std::string_view(quick) == "1";
  return {kSeeds, first_only ? size_t{1} : std::size(kSeeds)};
}

std::vector<json> AlertsOf(const std::string& input) {
  auto r = Detect({"--only-alerts"}, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return Alerts(r.out);
}

std::string Rule(const json& a) { return a["rule"]["id"]; }

TEST(KnownAnswers, PlantedBehavioursAreFound) {
  for (uint64_t seed : Seeds()) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    TrafficGenerator gen(seed);
    Planted all{true, true, true, true};
    std::vector<json> alerts = AlertsOf(TrafficGenerator::Join(gen.Generate(all)));
    std::map<std::string, int> found;
    for (const json& a : alerts) {
      if (a["event"]["severity"].get<int>() <= 21) continue;
      const std::string rule = Rule(a);
      ++found[rule];
      if (rule == "beacon") {
        EXPECT_EQ(a["source"]["ip"], "10.0.0.7");
        EXPECT_EQ(a["destination"]["ip"], "198.51.100.77");
        EXPECT_NEAR(a["anomaly"]["counts"]["period_seconds"].get<double>(), 60, 3);
        EXPECT_EQ(a["anomaly"]["evidence"][0]["network"]["community_id"].get<std::string>().rfind(
                      "1:beacon", 0),
                  0u);
      } else if (rule == "dns.tunnel") {
        EXPECT_EQ(a["source"]["ip"], "10.0.0.9");
        EXPECT_EQ(a["dns"]["question"]["registered_domain"], "tunnel-data.net");
        EXPECT_GE(a["anomaly"]["counts"]["subdomains"].get<int>(), 380);  // 400, estimated
        ASSERT_FALSE(a["anomaly"]["evidence"].empty());
        EXPECT_TRUE(a["anomaly"]["evidence"][0]["pcap"]["frame"].is_number());
      } else if (rule == "dns.dga") {
        EXPECT_EQ(a["source"]["ip"], "10.0.0.15");
      } else if (rule == "exfil") {
        EXPECT_EQ(a["source"]["ip"], "10.0.0.12");
        EXPECT_EQ(a["destination"]["ip"], "203.0.113.200");
        EXPECT_GE(a["anomaly"]["counts"]["ratio"].get<double>(), 10);
      } else if (rule == "outlier") {
        // The forest may also single out a planted host; never another.
        const std::string host = a["source"]["ip"];
        EXPECT_TRUE(host == "10.0.0.7" || host == "10.0.0.9" || host == "10.0.0.12" ||
                    host == "10.0.0.15")
            << a.dump();
      } else {
        ADD_FAILURE() << "unexpected alert above low: " << a.dump();
      }
    }
    EXPECT_EQ(found["beacon"], 1);
    EXPECT_EQ(found["dns.tunnel"], 1);
    EXPECT_EQ(found["dns.dga"], 1);
    EXPECT_EQ(found["exfil"], 1);
  }
}

TEST(KnownAnswers, BenignTrafficOfTheSameSizeRaisesNothingAboveLow) {
  std::map<std::string, int> low;
  size_t records = 0;
  for (uint64_t seed : Seeds()) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const size_t planted_size = TrafficGenerator(seed).Generate({true, true, true, true}).size();
    TrafficGenerator gen(seed);
    std::vector<std::pair<TimeNs, std::string>> benign = gen.Generate({}, planted_size);
    ASSERT_GE(benign.size(), planted_size);
    records += benign.size();
    for (const json& a : AlertsOf(TrafficGenerator::Join(benign))) {
      EXPECT_LE(a["event"]["severity"].get<int>(), 21) << a.dump();
      ++low[Rule(a)];
    }
  }
  // host-hours judged: every detector looks at every host in every hour.
  const double host_hours = static_cast<double>(Seeds().size() * kHosts * kHours);
  std::cout << "benign: " << records << " records, " << host_hours << " host-hours\n";
  for (const char* d :
       {"brute_force", "scan", "beacon", "dns", "exfil", "rarity", "outlier"}) {
    int n = 0;
    for (const auto& [rule, count] : low) n += rule.rfind(d, 0) == 0 ? count : 0;
    std::cout << "false positives " << d << ": " << n << " low alerts ("
              << n / host_hours << " per host-hour), 0 above low\n";
  }
}

}  // namespace
}  // namespace seckit::anomaly_detect::test
