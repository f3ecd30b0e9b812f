// triage-report end to end: inputs, formats, exit statuses, --fail-on, the time window, bounded
// memory, and the records of the other tools (hand-written ones in the agreed shapes, Zeek and
// Suricata fixtures).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "report_test_util.h"
#include "test_support.h"

namespace seckit {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::Fixture;
using testing::TempDir;
using testing::Triage;
using testing::WriteFile;

json Report(const CommandResult& r) {
  json j = json::parse(r.out, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.out.substr(0, 500);
  return j;
}

TEST(TriageReportCli, HelpBadFlagAndExitStatuses) {
  EXPECT_EQ(Triage({"--help"}).exit_code, 0);
  CommandResult bad = Triage({"--no-such-flag"});
  EXPECT_EQ(bad.exit_code, 64);
  EXPECT_EQ(Triage({"--format", "pdf"}).exit_code, 64);
  EXPECT_EQ(Triage({"--since", "yesterday", Fixture("new_tools.jsonl")}).exit_code, 64);
  CommandResult missing = Triage({"/nonexistent/x.jsonl", Fixture("new_tools.jsonl")});
  EXPECT_EQ(missing.exit_code, 66);
  EXPECT_NE(missing.err.find("/nonexistent/x.jsonl"), std::string::npos) << missing.err;
  // The other input is still reported on.
  EXPECT_EQ(Report(missing)["summary"]["records"], 9);
}

TEST(TriageReportCli, ClosedPipeIsQuietAndAFullDiskIsAnIoError) {
  const std::string tool = (testing::BinDir() / "triage-report").string();
  CommandResult head = testing::Run({"bash", "-c", "set -o pipefail; \"$0\" --format md \"$1\" | head -1",
                                     tool, Fixture("new_tools.jsonl")});
  EXPECT_EQ(head.exit_code, 0) << head.err;
  EXPECT_EQ(head.out, "# Incident triage report\n");
  EXPECT_EQ(head.err, "");
  CommandResult full = testing::RunToFile({tool, "--format", "json", Fixture("new_tools.jsonl")}, "/dev/full");
  EXPECT_EQ(full.exit_code, 74) << full.err;
}

TEST(TriageReportCli, BadLinesAreNamedSkippedAndGiveStatus65) {
  TempDir dir;
  WriteFile(dir / "in.jsonl",
            "{\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event\":{\"dataset\":\"x\"}}\n"
            "not json\n[1,2]\n"
            "{\"@timestamp\":\"2026-11-24T10:00:01Z\",\"event\":{\"dataset\":\"x\"}}\n");
  CommandResult r = Triage({(dir / "in.jsonl").string()});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("in.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in.jsonl:3"), std::string::npos) << r.err;
  json j = Report(r);
  EXPECT_EQ(j["summary"]["records"], 2);
  EXPECT_EQ(j["summary"]["bad_lines"], 2);
  EXPECT_EQ(Triage({"--strict", (dir / "in.jsonl").string()}).exit_code, 65);
}

TEST(TriageReportCli, BadRulesFileIsAConfigError) {
  TempDir dir;
  WriteFile(dir / "rules.toml", "[[rule]]\nid = \"x\"\nseverity = \"huge\"\n");
  CommandResult r = Triage({"--rules", (dir / "rules.toml").string(), Fixture("new_tools.jsonl")});
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_NE(r.err.find("rules.toml:3:"), std::string::npos) << r.err;
  EXPECT_EQ(Triage({"--rules", (dir / "none.toml").string()}).exit_code, 78);
}

TEST(TriageReportCli, CustomRulesReplaceTheBuiltInOnes) {
  TempDir dir;
  WriteFile(dir / "rules.toml",
            "[[rule]]\nid = \"blocked\"\ntitle = \"fw {fw.action} of {fw.address}\"\n"
            "when = { \"event.dataset\" = \"fw.action\" }\nseverity = \"critical\"\n"
            "group_by = [\"fw.address\"]\n");
  CommandResult r = Triage({"--rules", (dir / "rules.toml").string(), Fixture("new_tools.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = Report(r);
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["title"], "fw block of 203.0.113.66");
  EXPECT_EQ(j["findings"][0]["severity"], "critical");
  CommandResult printed = Triage({"--print-rules"});
  EXPECT_EQ(printed.exit_code, 0);
  EXPECT_NE(printed.out.find("id = \"anomaly-alert\""), std::string::npos);
}

TEST(TriageReportCli, RulesFileFromTheConfigOrTheEnvironment) {
  TempDir dir;
  WriteFile(dir / "rules.toml",
            "[[rule]]\nid = \"any-fw\"\nwhen = { \"event.module\" = \"fw-block\" }\n"
            "severity = \"low\"\n");
  WriteFile(dir / "config.toml", "[triage-report]\nrules = \"" + (dir / "rules.toml").string() + "\"\n");
  CommandResult by_config = Triage({"--config", (dir / "config.toml").string(), Fixture("new_tools.jsonl")});
  ASSERT_EQ(by_config.exit_code, 0) << by_config.err;
  json j = Report(by_config);
  ASSERT_EQ(j["findings"].size(), 1u);
  EXPECT_EQ(j["findings"][0]["rule"], "any-fw");
  EXPECT_EQ(j["findings"][0]["records"], 2);
  CommandResult by_env = testing::Run({"env", "SECKIT_TRIAGE_REPORT_RULES=" + (dir / "rules.toml").string(),
                                       (testing::BinDir() / "triage-report").string(), Fixture("new_tools.jsonl")});
  ASSERT_EQ(by_env.exit_code, 0) << by_env.err;
  EXPECT_EQ(Report(by_env)["findings"][0]["rule"], "any-fw");
}

TEST(TriageReportCli, NewToolsRecordsBecomeFindingsWithCitations) {
  CommandResult r = Triage({"--format", "json", Fixture("new_tools.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = Report(r);
  const json& f = j["findings"];
  ASSERT_GE(f.size(), 7u);
  // Most severe first: the DNS tunnel (99) and the deleted dropper with a YARA hit.
  EXPECT_EQ(f[0]["severity"], "critical");
  EXPECT_EQ(f[1]["severity"], "critical");
  json tunnel = testing::FindingOf(j, "anomaly-alert", "dns_tunnel.domain");
  ASSERT_FALSE(tunnel.is_null());
  EXPECT_EQ(tunnel["title"], "DNS tunnelling");
  EXPECT_EQ(tunnel["evidence"][0]["line"], 4);
  EXPECT_EQ(tunnel["evidence"][0]["input"], Fixture("new_tools.jsonl"));
  EXPECT_EQ(testing::FindingOf(j, "anomaly-alert", "brute_force.source")["severity"], "high");
  EXPECT_EQ(testing::FindingOf(j, "anomaly-alert", "port_scan.source")["severity"], "medium");
  EXPECT_EQ(testing::FindingOf(j, "anomaly-alert", "http_errors.source")["severity"], "low");
  json dropper = testing::FindingOf(j, "deleted-file-yara", "/home/deploy/.cache/update.sh");
  ASSERT_FALSE(dropper.is_null());
  EXPECT_EQ(dropper["evidence"][0]["line"], 8);
  ASSERT_EQ(j["actions"].size(), 1u);
  EXPECT_EQ(j["actions"][0], "Blocked 203.0.113.66 (nftables)");
  bool apply_dry_run = false, block_c2 = false, block_attacker = false;
  for (const auto& rec : j["recommendations"]) {
    const std::string text = rec;
    apply_dry_run |= text.find("Apply the prepared block of 198.51.100.0/24") != std::string::npos;
    block_c2 |= text == "Block 192.0.2.200 (high finding, no firewall action seen)";
    block_attacker |= text.find("Block 203.0.113.66 (") != std::string::npos;
  }
  EXPECT_TRUE(apply_dry_run);
  EXPECT_TRUE(block_c2);
  EXPECT_FALSE(block_attacker) << "203.0.113.66 was blocked already";
  // The pivot: the attacker address was seen by the alerts and on the firewall.
  bool pivoted = false;
  for (const auto& p : j["pivot"]) {
    if (p["indicator"] == "203.0.113.66") {
      pivoted = true;
      EXPECT_EQ(p["seen"]["alerts"], 2);
      EXPECT_EQ(p["seen"]["firewall"], 1);
    }
  }
  EXPECT_TRUE(pivoted);
}

TEST(TriageReportCli, FailOnThreshold) {
  const std::string in = Fixture("new_tools.jsonl");
  EXPECT_EQ(Triage({"--fail-on", "critical", "-q", in}).exit_code, 1);
  EXPECT_EQ(Triage({"--fail-on", "high", in}).exit_code, 1);
  // Only the port scan (medium) and the low alert in this window.
  EXPECT_EQ(Triage({"--fail-on", "high", "--until", "2026-11-24T10:00:05Z", in}).exit_code, 0);
  EXPECT_EQ(Triage({"--fail-on", "medium", "--until", "2026-11-24T10:00:05Z", in}).exit_code, 1);
  TempDir dir;
  WriteFile(dir / "quiet.jsonl", "{\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event\":{\"kind\":\"event\"}}\n");
  EXPECT_EQ(Triage({"--fail-on", "info", (dir / "quiet.jsonl").string()}).exit_code, 0);
}

TEST(TriageReportCli, SinceAndUntilWindow) {
  CommandResult r = Triage({"--since", "2026-11-24T10:06:00Z", "--until", "2026-11-24T10:40:00Z",
                            Fixture("new_tools.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = Report(r);
  // 10:06:05 brute force, 10:09:00 http errors, 10:09:51 dropper, 10:24:07 tunnel, 10:30 passwd.
  EXPECT_EQ(j["summary"]["records"], 5);
  EXPECT_EQ(j["summary"]["outside_window"], 4);
  EXPECT_EQ(j["summary"]["start"], "2026-11-24T10:06:05.000000Z");
}

TEST(TriageReportCli, FormatFromOutputExtensionAndTerminalDefault) {
  TempDir dir;
  const std::string in = Fixture("new_tools.jsonl");
  ASSERT_EQ(Triage({"-o", (dir / "r.html").string(), in}).exit_code, 0);
  EXPECT_EQ(testing::ReadFile(dir / "r.html").rfind("<!DOCTYPE html>", 0), 0u);
  ASSERT_EQ(Triage({"-o", (dir / "r.md").string(), in}).exit_code, 0);
  EXPECT_EQ(testing::ReadFile(dir / "r.md").rfind("# Incident triage report", 0), 0u);
  ASSERT_EQ(Triage({"--format", "md", "--title", "Case 42", "-o", (dir / "r.html").string(), in}).exit_code, 0);
  EXPECT_EQ(testing::ReadFile(dir / "r.html").rfind("# Case 42", 0), 0u);
  // Not a terminal: JSON.
  CommandResult piped = Triage({in});
  EXPECT_FALSE(json::parse(piped.out, nullptr, false).is_discarded());
  CommandResult text = Triage({"--format", "text", in});
  EXPECT_NE(text.out.find("CRITICAL DNS tunnelling"), std::string::npos) << text.out;
  // Standard input.
  CommandResult stdin_run = Triage({"--format", "json"}, testing::ReadFile(in));
  EXPECT_EQ(Report(stdin_run)["summary"]["records"], 9);
}

TEST(TriageReportCli, HostileValuesAreEscapedInEveryFormat) {
  const std::string hostile = "<script>alert(\"x\")</script> & 'q' | `c` \x1b[31mred";
  json record = {{"@timestamp", "2026-11-24T10:30:00Z"},
                 {"event", {{"kind", "alert"}, {"module", "anomaly-detect"}, {"severity", 99}}},
                 {"rule", {{"id", "r"}, {"name", hostile}}},
                 {"message", hostile}};
  TempDir dir;
  WriteFile(dir / "in.jsonl", record.dump() + "\n");
  const std::string in = (dir / "in.jsonl").string();
  // JSON and Timesketch keep the value exactly.
  json j = Report(Triage({"--format", "json", in}));
  EXPECT_EQ(j["findings"][0]["title"], hostile);
  json line = json::parse(testing::SplitLines(Triage({"--format", "timesketch", in}).out).front());
  EXPECT_EQ(line["message"], "[critical] " + hostile);
  // Markdown: no raw markup, no table-breaking bar, no escape character.
  const std::string md = Triage({"--format", "md", in}).out;
  EXPECT_EQ(md.find("<script"), std::string::npos);
  EXPECT_NE(md.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(md.find("\x1b"), std::string::npos);
  EXPECT_NE(md.find("\\|"), std::string::npos);
  // HTML: every special character as an entity.
  const std::string html = Triage({"--format", "html", in}).out;
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"), std::string::npos);
  EXPECT_EQ(html.find("\x1b"), std::string::npos);
  // Text for a terminal: no escape sequence reaches it.
  const std::string text = Triage({"--format", "text", in}).out;
  EXPECT_EQ(text.find("\x1b"), std::string::npos);
  EXPECT_NE(text.find("?[31mred"), std::string::npos);
}

TEST(TriageReportCli, TimesketchLines) {
  CommandResult r = Triage({"--format", "timesketch", Fixture("new_tools.jsonl")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = testing::SplitLines(r.out);
  ASSERT_GE(lines.size(), 14u);  // 7 timed findings + their cited records
  std::string previous;
  for (const std::string& line : lines) {
    json j = json::parse(line);
    ASSERT_TRUE(j["message"].is_string());
    ASSERT_TRUE(j["timestamp_desc"].is_string());
    const std::string datetime = j["datetime"];
    EXPECT_EQ(datetime.size(), 27u) << datetime;  // 2026-11-24T10:00:04.400000Z
    EXPECT_GE(datetime, previous);
    previous = datetime;
  }
}

TEST(TriageReportCli, ZeekAndSuricataLogsBecomeFindings) {
  CommandResult r = Triage({Fixture("suricata_eve.json"), Fixture("zeek_conn.log"),
                            Fixture("zeek_dns.log"), Fixture("zeek_http.log"), Fixture("zeek_ssl.log")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = Report(r);
  EXPECT_EQ(j["summary"]["records"], 14);
  json trojan = testing::FindingOf(j, "suricata-alert", "2001999");
  ASSERT_FALSE(trojan.is_null());
  EXPECT_EQ(trojan["severity"], "high");
  EXPECT_EQ(trojan["title"], "Suricata: ET MALWARE BTGrab.com Spyware Downloading Ads");
  EXPECT_EQ(testing::FindingOf(j, "suricata-alert", "2018358")["severity"], "medium");
  json notice = testing::FindingOf(j, "zeek-notice", "SSL::Invalid_Server_Cert");
  ASSERT_FALSE(notice.is_null());
  EXPECT_EQ(notice["evidence"][0]["line"], 2);
  std::map<std::string, int> datasets;
  for (const auto& d : j["summary"]["datasets"]) datasets[d["value"]] = d["count"];
  EXPECT_EQ(datasets["zeek.conn"], 2);
  EXPECT_EQ(datasets["zeek.dns"], 2);
  EXPECT_EQ(datasets["suricata.dns"], 2);
  bool domain = false;
  for (const auto& item : j["top"][2]["items"]) domain |= item["value"] == "testmyids.com";
  EXPECT_TRUE(domain);
}

TEST(TriageReportCli, RepeatedRecordsAreCountedOnce) {
  const std::string line =
      "{\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event\":{\"dataset\":\"log.syslog\"},"
      "\"log\":{\"file\":{\"path\":\"/var/log/auth.log\",\"line\":3},\"offset\":120},"
      "\"source\":{\"ip\":\"203.0.113.9\"}}\n";
  TempDir dir;
  WriteFile(dir / "a.jsonl", line);
  WriteFile(dir / "b.jsonl", line);
  json j = Report(Triage({(dir / "a.jsonl").string(), (dir / "b.jsonl").string()}));
  EXPECT_EQ(j["summary"]["records"], 1);
  EXPECT_EQ(j["summary"]["repeated_records"], 1);
}

// What makes two records the same one (RecordView::OriginKey): the log file and offset, or the
// capture's frame (a flow's first frame), and the dataset. Anything else differing, they are
// different records, with one thread or two.
TEST(TriageReportCli, OnlyTheSameOriginMakesARepeat) {
  auto record = [](const std::string& dataset, const std::string& origin) {
    return "{\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event\":{\"dataset\":\"" + dataset +
           "\"}," + origin + "}\n";
  };
  const std::string log = "\"log\":{\"file\":{\"path\":\"/var/log/auth.log\"},\"offset\":120}";
  const std::string other_offset = "\"log\":{\"file\":{\"path\":\"/var/log/auth.log\"},\"offset\":121}";
  const std::string other_file = "\"log\":{\"file\":{\"path\":\"/var/log/syslog\"},\"offset\":120}";
  const std::string frame = "\"log\":{\"file\":{\"path\":\"a.pcap\"}},\"pcap\":{\"frame\":7}";
  const std::string first_frame =
      "\"log\":{\"file\":{\"path\":\"a.pcap\"}},\"pcap\":{\"flow\":{\"first_frame\":7}}";
  const std::string no_position = "\"log\":{\"file\":{\"path\":\"/var/log/auth.log\"}}";
  TempDir dir;
  WriteFile(dir / "a.jsonl", record("log.syslog", log) + record("log.syslog", other_offset) +
                                 record("log.syslog", other_file) + record("log.sshd", log) +
                                 record("pcap.dns", frame) + record("pcap.flow", first_frame) +
                                 record("log.syslog", no_position));
  // Six of them again: the five with an origin are repeats, the one without is a record again.
  WriteFile(dir / "b.jsonl", record("log.syslog", log) + record("log.syslog", other_offset) +
                                 record("log.syslog", other_file) + record("log.sshd", log) +
                                 record("pcap.dns", frame) + record("log.syslog", no_position));
  for (const char* threads : {"1", "2"}) {
    SCOPED_TRACE(std::string("--threads ") + threads);
    json j = Report(
        Triage({"--threads", threads, (dir / "a.jsonl").string(), (dir / "b.jsonl").string()}));
    EXPECT_EQ(j["summary"]["records"], 8);
    EXPECT_EQ(j["summary"]["repeated_records"], 5);
  }
}

// A finding's evidence names where each record came from, in the form of its kind of origin.
TEST(TriageReportCli, EvidenceNamesEachRecordsOrigin) {
  auto alert = [](const std::string& origin) {
    return "{\"@timestamp\":\"2026-11-24T10:00:00Z\",\"event\":{\"kind\":\"alert\","
           "\"module\":\"x\"}," + origin + "}\n";
  };
  TempDir dir;
  WriteFile(dir / "a.jsonl",
            alert("\"log\":{\"file\":{\"path\":\"/var/log/auth.log\",\"line\":15},\"offset\":99}") +
                alert("\"log\":{\"file\":{\"path\":\"/cases/c.pcap\"}},\"pcap\":{\"frame\":1231}") +
                alert("\"log\":{\"file\":{\"path\":\"/cases/c.pcap\"}},"
                      "\"pcap\":{\"flow\":{\"first_frame\":7}}") +
                alert("\"log\":{\"file\":{\"path\":\"/var/log/syslog\"},\"offset\":120}") +
                alert("\"log\":{\"file\":{\"path\":\"/var/log/syslog\"}}") +
                alert("\"event.id\":\"42\"") + alert("\"message\":\"no origin\""));
  json j = Report(Triage({(dir / "a.jsonl").string()}));
  ASSERT_EQ(j["findings"].size(), 1u) << j.dump();
  const json& evidence = j["findings"][0]["evidence"];
  ASSERT_EQ(evidence.size(), 7u) << j.dump();
  const char* expected[] = {"auth.log:15", "c.pcap#1231", "c.pcap#7", "syslog@120", "syslog",
                            "id 42"};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(evidence[i]["origin"], expected[i]) << i;
  EXPECT_FALSE(evidence[6].contains("origin"));
}

TEST(TriageReportCli, MemoryBoundedTopListsSayTheyAreApproximate) {
  std::string input;
  uint64_t total = 0;
  for (int i = 0; i < 20'000; ++i) {
    // One address in four is the heavy talker; the others are all different.
    const std::string ip = i % 4 == 0 ? "192.0.2.1" : "10." + std::to_string(i / 65536 % 256) + "." +
                                                           std::to_string(i / 256 % 256) + "." +
                                                           std::to_string(i % 256);
    input += "{\"@timestamp\":\"2026-11-24T10:00:00Z\",\"source\":{\"ip\":\"" + ip + "\"}}\n";
    ++total;
  }
  CommandResult r = Triage({"--max-distinct", "64", "--format", "json"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json j = Report(r);
  const json& talkers = j["top"][0];
  EXPECT_TRUE(talkers["approximate"].get<bool>());
  const uint64_t max_error = talkers["max_error"];
  EXPECT_LE(max_error, 2 * total / 64);
  EXPECT_EQ(talkers["items"][0]["value"], "192.0.2.1");
  const uint64_t count = talkers["items"][0]["count"];
  EXPECT_LE(count, 5000u);
  EXPECT_GE(count + max_error, 5000u);
}

}  // namespace
}  // namespace seckit
