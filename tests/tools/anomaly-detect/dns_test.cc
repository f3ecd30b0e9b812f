// DNS detectors end to end: TXT volume, the entropy gate that keeps ordinary numbered host names
// from looking like a tunnel, and DGA-like names against dictionary names.
#include <gtest/gtest.h>

#include "anomaly_test_util.h"

namespace seckit::anomaly_detect::test {
namespace {

TEST(Dns, ManyTxtQueriesToOneDomain) {
  std::string input;
  for (int i = 0; i < 60; ++i) {
    input += DnsQuery(kBase + i * kNsPerSecond, "10.0.0.9", "cmd.c2.example.net", "TXT", i + 1);
  }
  auto r = Detect({"--only-alerts", "--detectors", "dns"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "dns.txt_volume");
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["txt_null"], 60);
  EXPECT_EQ(alerts[0]["dns"]["question"]["registered_domain"], "example.net");
}

TEST(Dns, NumberedHostNamesAreNotATunnel) {
  std::string input;
  for (int i = 0; i < 100; ++i) {  // img0 .. img99: 100 distinct subdomains, low entropy, short
    input += DnsQuery(kBase + i * kNsPerSecond, "10.0.0.9",
                      "img" + std::to_string(i) + ".cdn.example.com", "A", i + 1);
  }
  auto r = Detect({"--only-alerts", "--detectors", "dns"}, input);
  EXPECT_EQ(r.out, "");
}

TEST(Dns, DictionaryDomainsAreNotDga) {
  const char* names[] = {"wikipedia.org",  "stackoverflow.com", "newspaper.com",
                         "weatherforecast.net", "onlinebanking.com", "officesupplies.com",
                         "travelagency.org", "photography.net", "universityportal.org",
                         "municipality.org", "bookstore.com",  "supermarket.com"};
  std::string input;
  int i = 0;
  for (const char* name : names) input += DnsQuery(kBase + ++i * kNsPerSecond, "10.0.0.3", name);
  EXPECT_EQ(Detect({"--only-alerts", "--detectors", "dns"}, input).out, "");
}

}  // namespace
}  // namespace seckit::anomaly_detect::test
