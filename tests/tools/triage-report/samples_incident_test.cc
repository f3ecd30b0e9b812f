// The samples/ incident story, built from the real output of pcap-extract, log-grep and ioc-enrich,
// and the report's findings checked against counts taken independently from those files.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "report_test_util.h"
#include "test_support.h"

namespace seckit {
namespace {

using nlohmann::json;

std::vector<json> Records(const std::filesystem::path& path) {
  std::vector<json> out;
  for (const std::string& line : testing::SplitLines(testing::ReadFile(path))) out.push_back(json::parse(line));
  return out;
}

class TriageSamplesIncident : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string missing = testing::BuildSamplesIncident(dir_.path());
    if (!missing.empty()) GTEST_SKIP() << missing;
    testing::CommandResult r = testing::Triage([&] {
      std::vector<std::string> args = {"--format", "json"};
      for (const std::string& f : testing::IncidentFiles(dir_.path())) args.push_back(f);
      return args;
    }());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    report_ = json::parse(r.out);
  }
  testing::TempDir dir_;
  json report_;
};

TEST_F(TriageSamplesIncident, SummaryCountsEachRecordOnce) {
  // enriched.jsonl and log-ioc-hits.jsonl repeat records of the other three files.
  std::map<std::string, int> datasets;
  int records = 0;
  for (const char* name : {"flows.jsonl", "app.jsonl", "logs.jsonl"}) {
    for (const json& r : Records(dir_.path() / name)) {
      ++datasets[r["event"]["dataset"].get<std::string>()];
      ++records;
    }
  }
  EXPECT_EQ(report_["summary"]["records"], records);
  for (const auto& d : report_["summary"]["datasets"]) {
    EXPECT_EQ(d["count"], datasets[d["value"]]) << d["value"];
  }
  EXPECT_EQ(report_["summary"]["start"], "2026-11-24T09:17:01.000000Z");  // auth.log's first line
  EXPECT_EQ(report_["summary"]["hosts"][0]["value"], "web01");
}

TEST_F(TriageSamplesIncident, FindingsNameThePlantedIndicators) {
  // Independent count: enriched records per matched indicator.
  std::map<std::string, int> enriched;
  for (const json& r : Records(dir_.path() / "enriched.jsonl")) {
    ++enriched[r["threat"]["enrichments"][0]["matched"]["atomic"].get<std::string>()];
  }
  for (const char* indicator : {"198.51.100.7", "203.0.113.66", "cdn-update.example.net"}) {
    json f = testing::FindingOf(report_, "threat-intel", indicator);
    ASSERT_FALSE(f.is_null()) << indicator;
    EXPECT_EQ(f["severity"], "high") << indicator;  // the feed's confidence is High
    EXPECT_EQ(f["records"], enriched[indicator]) << indicator;
  }
  int grep_hits = 0;
  for (const json& r : Records(dir_.path() / "log-ioc-hits.jsonl")) {
    grep_hits += r["grep"]["matches"][0]["indicator"] == "203.0.113.66";
  }
  json logs = testing::FindingOf(report_, "log-grep-indicator", "203.0.113.66");
  ASSERT_FALSE(logs.is_null());
  EXPECT_EQ(logs["records"], grep_hits);
  EXPECT_EQ(logs["first_seen"], "2026-11-24T10:02:13.000000Z");  // the first failed login
}

TEST_F(TriageSamplesIncident, EveryCitationPointsAtALineHoldingTheIndicator) {
  for (const auto& f : report_["findings"]) {
    for (const auto& e : f["evidence"]) {
      const std::vector<std::string> lines = testing::SplitLines(testing::ReadFile(e["input"].get<std::string>()));
      const size_t line = e["line"];
      ASSERT_GE(line, 1u);
      ASSERT_LE(line, lines.size());
      EXPECT_NE(lines[line - 1].find(f["group"][0].get<std::string>()), std::string::npos)
          << e["input"] << ":" << line;
    }
  }
}

TEST_F(TriageSamplesIncident, PivotSeesTheAttackerInNetworkLogsAndIntel) {
  for (const auto& p : report_["pivot"]) {
    if (p["indicator"] != "203.0.113.66") continue;
    EXPECT_GT(p["seen"]["network"].get<int>(), 0);
    EXPECT_GT(p["seen"]["logs"].get<int>(), 0);
    EXPECT_GT(p["seen"]["intel"].get<int>(), 0);
    return;
  }
  FAIL() << "203.0.113.66 missing from the pivot";
}

}  // namespace
}  // namespace seckit
