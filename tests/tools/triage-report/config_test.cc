// triage-report's limits from the config file: max_distinct, max_citations, top and fail_on under
// [triage-report] change the report, the flag of the same name beats the file, and a bad value is
// a config error (78) naming the file and the key.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report_test_util.h"
#include "test_support.h"

namespace seckit {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::TempDir;
using testing::Triage;
using testing::WriteFile;

// 40 high alerts of one rule from one address (one finding with 40 records), to 40 different
// destination ports (the top list of ports, top[3]).
std::string Alerts() {
  std::string input;
  for (int i = 0; i < 40; ++i) {
    input += "{\"@timestamp\":\"2026-11-24T10:00:" + std::string(i < 10 ? "0" : "") +
             std::to_string(i) +
             "Z\",\"event\":{\"kind\":\"alert\",\"severity\":73,\"dataset\":\"x.alert\"},"
             "\"rule\":{\"name\":\"r\"},\"source\":{\"ip\":\"10.0.0.1\"},"
             "\"destination\":{\"port\":" +
             std::to_string(1000 + i) + "}}\n";
  }
  return input;
}

class TriageReportConfig : public ::testing::Test {
 protected:
  void SetUp() override { WriteFile(input(), Alerts()); }
  std::string input() const { return (dir_ / "alerts.jsonl").string(); }
  std::string config() const { return (dir_ / "config.toml").string(); }

  // Runs with `toml` as the config file and `flags` before the input.
  CommandResult Run(const std::string& toml, std::vector<std::string> flags = {}) {
    WriteFile(dir_ / "config.toml", toml);
    std::vector<std::string> args{"--config", config(), "--format", "json"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(input());
    return Triage(args);
  }

  static json Parse(const CommandResult& r) {
    json j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out.substr(0, 300) << r.err;
    return j;
  }

  TempDir dir_;
};

TEST_F(TriageReportConfig, EachKeyChangesTheReport) {
  const CommandResult plain = Run("");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  json j = Parse(plain);
  EXPECT_EQ(j["top"][3]["items"].size(), 10u);
  EXPECT_FALSE(j["top"][3]["approximate"].get<bool>());
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["evidence"].size(), 10u);

  j = Parse(Run("[triage-report]\ntop = 3\n"));
  EXPECT_EQ(j["top"][3]["items"].size(), 3u);
  j = Parse(Run("[triage-report]\nmax_citations = 2\n"));
  EXPECT_EQ(j["findings"][0]["evidence"].size(), 2u);
  j = Parse(Run("[triage-report]\nmax_distinct = 16\n"));
  EXPECT_TRUE(j["top"][3]["approximate"].get<bool>());
  const CommandResult fail = Run("[triage-report]\nfail_on = \"high\"\n");
  EXPECT_EQ(fail.exit_code, 1) << fail.err;
  EXPECT_EQ(Parse(fail)["findings"].size(), 1u);  // the report is still written
  EXPECT_EQ(Run("[triage-report]\nfail_on = \"critical\"\n").exit_code, 0);
}

TEST_F(TriageReportConfig, TheFlagBeatsTheFile) {
  const std::string toml =
      "[triage-report]\ntop = 3\nmax_citations = 2\nmax_distinct = 16\nfail_on = \"high\"\n";
  const CommandResult r = Run(toml, {"--top", "5", "--max-citations", "7", "--max-distinct", "1000",
                                     "--fail-on", "critical"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  json j = Parse(r);
  EXPECT_EQ(j["top"][3]["items"].size(), 5u);
  EXPECT_EQ(j["findings"][0]["evidence"].size(), 7u);
  EXPECT_FALSE(j["top"][3]["approximate"].get<bool>());
}

TEST_F(TriageReportConfig, ABadValueNamesTheFileAndTheKey) {
  struct Case {
    const char* toml;
    const char* key;
  };
  for (const Case& c :
       {Case{"top = 0", "top"}, Case{"top = 1001", "top"},
        Case{"max_distinct = 15", "max_distinct"}, Case{"max_citations = \"ten\"", "max_citations"},
        Case{"fail_on = \"huge\"", "fail_on"}, Case{"fail_on = 3", "fail_on"}}) {
    const CommandResult r = Run(std::string("[triage-report]\n") + c.toml + "\n");
    EXPECT_EQ(r.exit_code, 78) << c.toml;
    EXPECT_EQ(r.out, "") << c.toml;
    EXPECT_NE(r.err.find(config()), std::string::npos) << c.toml << ": " << r.err;
    EXPECT_NE(r.err.find(std::string("'triage-report.") + c.key + "'"), std::string::npos)
        << c.toml << ": " << r.err;
  }
  // The flag wins, so a bad value it replaces is never read.
  EXPECT_EQ(Run("[triage-report]\ntop = 0\n", {"--top", "4"}).exit_code, 0);
}

}  // namespace
}  // namespace seckit
