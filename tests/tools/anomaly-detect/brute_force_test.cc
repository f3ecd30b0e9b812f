// Brute force end to end: thresholds, success after failures, per account, the corpus OpenSSH log
// through log-grep (checked against loghub's own parse of it) and the SSH-guessing capture.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "anomaly_test_util.h"

namespace seckit::anomaly_detect::test {
namespace {

std::string Failures(int n, const std::string& ip, TimeNs start, const std::string& user = "") {
  std::string input;
  for (int i = 0; i < n; ++i) {
    input += AuthRecord(start + i * 5 * kNsPerSecond, ip,
                        user.empty() ? "user" + std::to_string(i) : user, false,
                        static_cast<uint64_t>(i) * 100);
  }
  return input;
}

TEST(BruteForce, TenFailuresFromOneSourceAlertNineDoNot) {
  auto r = Detect({"--only-alerts"}, Failures(10, "198.51.100.7", kBase));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  const json& a = alerts[0];
  EXPECT_EQ(a["rule"]["id"], "brute_force.source");
  EXPECT_EQ(a["event"]["severity"], 47);
  EXPECT_EQ(a["event"]["kind"], "alert");
  EXPECT_EQ(a["event"]["module"], "anomaly-detect");
  EXPECT_EQ(a["event"]["dataset"], "anomaly.alert");
  EXPECT_EQ(a["source"]["ip"], "198.51.100.7");
  EXPECT_EQ(a["related"]["ip"], json::array({"198.51.100.7"}));
  EXPECT_EQ(a["anomaly"]["counts"]["failures"], 10);
  EXPECT_EQ(a["anomaly"]["counts"]["users"], 10);
  EXPECT_EQ(a["event"]["start"], Stamp(kBase));
  EXPECT_EQ(a["event"]["end"], Stamp(kBase + 45 * kNsPerSecond));
  ASSERT_EQ(a["anomaly"]["evidence"].size(), 10u);
  EXPECT_EQ(a["anomaly"]["evidence"][3]["log"]["file"]["path"], "auth.log");
  EXPECT_EQ(a["anomaly"]["evidence"][3]["log"]["offset"], 300);

  r = Detect({"--only-alerts"}, Failures(9, "198.51.100.7", kBase));
  EXPECT_EQ(r.out, "");
}

// ECS allows a field nested, dotted or a mix of both; the detectors read them all alike (the
// first spelling in a record wins).
TEST(BruteForce, DottedAndMixedSpellingsAreReadLikeNestedOnes) {
  std::string input;
  for (int i = 0; i < 10; ++i) {
    const std::string stamp = "\"@timestamp\":\"" + Stamp(kBase + i * 5 * kNsPerSecond) + "\"";
    const std::string offset = std::to_string(i * 100);
    if (i % 2 == 0) {  // every field dotted at the top
      input += "{" + stamp +
               ",\"event.category\":[\"authentication\"],\"event.action\":\"ssh_login\","
               "\"event.outcome\":\"failure\",\"source.ip\":\"198.51.100.7\","
               "\"user.name\":\"u" + offset + "\",\"log.file.path\":\"auth.log\","
               "\"log.offset\":" + offset + "}\n";
    } else {  // nested objects with dotted keys inside, and a dotted spelling after a nested one
      input += "{" + stamp +
               ",\"event\":{\"category\":\"authentication\",\"outcome\":\"failure\"},"
               "\"source\":{\"ip\":\"198.51.100.7\"},\"source.ip\":\"192.0.2.1\","
               "\"user\":{\"name\":\"u" + offset + "\"},\"log\":{\"file.path\":\"auth.log\","
               "\"offset\":" + offset + "}}\n";
    }
  }
  auto r = Detect({"--only-alerts", "--detectors", "brute_force"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> alerts = Alerts(r.out, "brute_force.source");
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["source"]["ip"], "198.51.100.7");
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["failures"], 10);
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["users"], 10);
  ASSERT_EQ(alerts[0]["anomaly"]["evidence"].size(), 10u);
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(alerts[0]["anomaly"]["evidence"][i]["log"]["file"]["path"], "auth.log");
    EXPECT_EQ(alerts[0]["anomaly"]["evidence"][i]["log"]["offset"], i * 100);
  }
}

TEST(BruteForce, FailuresSpreadBeyondTheWindowDoNotAlert) {
  std::string input;
  for (int i = 0; i < 20; ++i) {  // one failure every two minutes: five per 10-minute window
    input += AuthRecord(kBase + i * 120 * kNsPerSecond, "198.51.100.7", "u", false, 0);
  }
  auto r = Detect({"--only-alerts", "--detectors", "brute_force"}, input);
  EXPECT_EQ(Alerts(r.out, "brute_force.source").size(), 0u) << r.out;
}

TEST(BruteForce, SuccessAfterFailuresIsHigh) {
  std::string input = Failures(12, "198.51.100.7", kBase, "root");
  input += AuthRecord(kBase + 70 * kNsPerSecond, "198.51.100.7", "root", true, 9999);
  auto r = Detect({"--only-alerts"}, input);
  std::vector<json> success = Alerts(r.out, "brute_force.success");
  ASSERT_EQ(success.size(), 1u) << r.out;
  EXPECT_EQ(success[0]["event"]["severity"], 73);
  EXPECT_EQ(success[0]["related"]["user"], json::array({"root"}));
  EXPECT_GT(success[0]["event"]["risk_score"].get<int>(),
            Alerts(r.out, "brute_force.source").at(0)["event"]["risk_score"].get<int>());
  EXPECT_EQ(success[0]["anomaly"]["evidence"].back()["log"]["offset"], 9999);
  // A success with no failures before it is nothing.
  r = Detect({"--only-alerts"}, AuthRecord(kBase, "198.51.100.8", "root", true, 0));
  EXPECT_EQ(r.out, "");
}

TEST(BruteForce, ManySourcesAgainstOneAccount) {
  std::string input;
  for (int i = 0; i < 25; ++i) {  // 25 sources, one failure each: no source alert
    input += AuthRecord(kBase + i * kNsPerSecond, "203.0.113." + std::to_string(i + 1), "admin",
                        false, 0);
  }
  auto r = Detect({"--only-alerts"}, input);
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "brute_force.account");
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["sources"], 25);
  EXPECT_EQ(alerts[0]["related"]["user"], json::array({"admin"}));
}

TEST(BruteForce, ThresholdFromConfigAndEnvironment) {
  ::seckit::testing::TempDir dir;
  ::seckit::testing::WriteFile(dir / "c.toml", "[anomaly-detect.brute_force]\nsource_failures = 5\n");
  std::filesystem::permissions(dir / "c.toml", std::filesystem::perms::owner_read |
                                                   std::filesystem::perms::owner_write);
  auto r = Detect({"--only-alerts", "--config", (dir / "c.toml").string()},
                  Failures(5, "198.51.100.7", kBase));
  EXPECT_EQ(Alerts(r.out, "brute_force.source").size(), 1u) << r.err;
  ::seckit::testing::WriteFile(dir / "bad.toml", "[anomaly-detect.brute_force]\nwindow = -3\n");
  std::filesystem::permissions(dir / "bad.toml", std::filesystem::perms::owner_read |
                                                     std::filesystem::perms::owner_write);
  r = Detect({"--config", (dir / "bad.toml").string()}, "");
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_NE(r.err.find("brute_force.window"), std::string::npos) << r.err;
}

// Sources with failed passwords per loghub's structured CSV (an independent parse of the log).
std::map<std::string, std::vector<int>> FailedPasswordTimes(const std::filesystem::path& csv) {
  std::ifstream in(csv);
  std::string line;
  std::map<std::string, std::vector<int>> times;
  while (std::getline(in, line)) {
    const size_t at = line.find("Failed password for ");
    if (at == std::string::npos) continue;
    const size_t from = line.find(" from ", at);
    const size_t port = line.find(" port ", from);
    if (from == std::string::npos || port == std::string::npos) continue;
    const std::string ip = line.substr(from + 6, port - from - 6);
    // LineId,Date,Day,Time,...: Time is the fourth column, hh:mm:ss.
    std::stringstream fields(line);
    std::string column, time;
    for (int i = 0; i < 4 && std::getline(fields, column, ','); ++i) time = column;
    const int seconds = std::stoi(time.substr(0, 2)) * 3600 + std::stoi(time.substr(3, 2)) * 60 +
                        std::stoi(time.substr(6, 2));
    times[ip].push_back(seconds);
  }
  return times;
}

TEST(BruteForceCorpus, OpenSshLogThroughLogGrep) {
  SECKIT_REQUIRE_CORPUS(log, "logs/loghub_OpenSSH_2k.log");
  SECKIT_REQUIRE_CORPUS(csv, "logs/loghub_OpenSSH_2k.log_structured.csv");
  if (!std::filesystem::exists(ToolPath("log-grep"))) GTEST_SKIP() << "log-grep not built";
  auto grep = ::seckit::testing::Run({ToolPath("log-grep"), "-e", ".", log.string()});
  ASSERT_EQ(grep.exit_code, 0) << grep.err;
  auto r = Detect({"--only-alerts"}, grep.out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> alerted;
  for (const json& a : Alerts(r.out, "brute_force.source")) {
    alerted.insert(a["source"]["ip"]);
    EXPECT_EQ(a["anomaly"]["evidence"][0]["log"]["file"]["path"], log.string());
  }
  // Every source with 20 failed passwords within some 10 minutes must be named; every source
  // named must have at least 10 failed passwords (the threshold) in the log.
  std::map<std::string, std::vector<int>> times = FailedPasswordTimes(csv);
  for (const auto& [ip, t] : times) {
    bool dense = false;
    for (size_t i = 0; i + 19 < t.size(); ++i) dense |= t[i + 19] - t[i] < 600;
    if (dense) {
      EXPECT_TRUE(alerted.count(ip)) << ip << " not alerted";
    }
  }
  for (const std::string& ip : alerted) {
    EXPECT_GE(times[ip].size() + 0u, 10u) << ip << " alerted with few failed passwords";
  }
  EXPECT_TRUE(alerted.count("183.62.140.253"));
  EXPECT_TRUE(alerted.count("187.141.143.180"));
  EXPECT_TRUE(alerted.count("103.99.0.122"));
}

TEST(BruteForceCorpus, SshGuessingCaptureThroughPcapExtract) {
  SECKIT_REQUIRE_CORPUS(pcap, "pcap/attack_ssh-bruteforce_sshguess.pcap");
  if (!std::filesystem::exists(ToolPath("pcap-extract"))) GTEST_SKIP() << "pcap-extract not built";
  auto flows = ::seckit::testing::Run({ToolPath("pcap-extract"), "--type", "flow", pcap.string()});
  ASSERT_EQ(flows.exit_code, 0) << flows.err;
  auto r = Detect({"--only-alerts"}, flows.out);
  std::vector<json> alerts = Alerts(r.out);
  ASSERT_EQ(alerts.size(), 1u) << r.out;
  EXPECT_EQ(alerts[0]["rule"]["id"], "brute_force.connections");
  EXPECT_EQ(alerts[0]["source"]["ip"], "192.168.56.1");
  EXPECT_EQ(alerts[0]["destination"]["ip"], "192.168.56.103");
  EXPECT_EQ(alerts[0]["destination"]["port"], 22);
  EXPECT_EQ(alerts[0]["anomaly"]["counts"]["connections"], 11);
  EXPECT_TRUE(alerts[0]["anomaly"]["evidence"][0]["network"].contains("community_id"));
}

}  // namespace
}  // namespace seckit::anomaly_detect::test
