// ioc-enrich end to end with local sources: records passed through unchanged or enriched, plain
// indicator lists, merging with earlier enrichments (enriching twice changes nothing), --min-score,
// bad input, and the pipe from pcap-extract over the sample incident.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::CommandResult;
using testing::TempDir;
using testing::WriteFile;

CommandResult Enrich(const std::vector<std::string>& args, const std::string& input = "") {
  std::vector<std::string> argv{(testing::BinDir() / "ioc-enrich").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv, input);
}

std::vector<json> Records(const std::string& out) {
  std::vector<json> records;
  for (const std::string& line : testing::SplitLines(out)) records.push_back(json::parse(line));
  return records;
}

constexpr const char* kFeed =
    "# test feed\n"
    "203.0.113.66\n"
    "198.51.100.0/24  # scanners\n"
    "evil[.]example.net\n";

TEST(IocEnrichCli, RecordsWithoutIndicatorsPassUnchanged) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  const std::string input =
      "{\"source\":{\"ip\":\"192.0.2.1\"},\"x\":[1,2,{\"y\":null}]}\n"
      "{ \"spaced\" : true , \"n\": 1.50 }\n"
      "{\"dns\":{\"question\":{\"name\":\"good.example.org\"}}}\n";
  CommandResult r = Enrich({"--feed", (dir / "feed.txt").string()}, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, input);  // byte for byte: nothing matched, nothing touched
}

TEST(IocEnrichCli, FeedMatchesBecomeThreatEnrichments) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  const std::string input =
      "{\"source\":{\"ip\":\"203.0.113.66\"},\"destination\":{\"ip\":\"198.51.100.7\"}}\n"
      "{\"dns\":{\"question\":{\"name\":\"cdn.evil.example.net\"},"
      "\"answers\":[{\"data\":\"203.0.113.66\"},{\"data\":\"192.0.2.9\"}]}}\n"
      "{\"source.ip\":\"10.0.0.1\"}\n";
  CommandResult r = Enrich({"--feed", (dir / "feed.txt").string()}, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> out = Records(r.out);
  ASSERT_EQ(out.size(), 3u);

  const json& flow = out[0];
  EXPECT_EQ(flow["source"]["ip"], "203.0.113.66");  // the record's own fields kept
  ASSERT_EQ(flow["threat"]["enrichments"].size(), 2u) << flow.dump();
  const json& by_ip = flow["threat"]["enrichments"][0];
  EXPECT_EQ(by_ip["matched"]["field"], "source.ip");
  EXPECT_EQ(by_ip["matched"]["atomic"], "203.0.113.66");
  EXPECT_EQ(by_ip["indicator"]["type"], "ipv4-addr");
  EXPECT_EQ(by_ip["indicator"]["ip"], "203.0.113.66");
  EXPECT_EQ(by_ip["indicator"]["provider"], "feed:feed.txt");
  EXPECT_EQ(by_ip["ioc"]["verdict"], "malicious");
  const json& by_cidr = flow["threat"]["enrichments"][1];
  EXPECT_EQ(by_cidr["matched"]["field"], "destination.ip");
  EXPECT_EQ(by_cidr["ioc"]["matched_entry"], "198.51.100.0/24");
  EXPECT_EQ(flow["ioc"]["verdict"], "malicious");
  EXPECT_EQ(flow["ioc"]["score"], 100);
  EXPECT_EQ(flow["ioc"]["enrichments"], 2);

  const json& dns = out[1];
  ASSERT_EQ(dns["threat"]["enrichments"].size(), 2u) << dns.dump();
  EXPECT_EQ(dns["threat"]["enrichments"][0]["matched"]["field"], "dns.question.name");
  EXPECT_EQ(dns["threat"]["enrichments"][0]["indicator"]["url"]["domain"], "cdn.evil.example.net");
  EXPECT_EQ(dns["threat"]["enrichments"][0]["ioc"]["matched_entry"], "evil.example.net");
  EXPECT_EQ(dns["threat"]["enrichments"][1]["matched"]["field"], "dns.answers.data");

  EXPECT_EQ(out[2], json::parse("{\"source.ip\":\"10.0.0.1\"}"));
}

TEST(IocEnrichCli, EnrichingTwiceChangesNothingAndKeepsOtherSources) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  const std::string input =
      "{\"source\":{\"ip\":\"203.0.113.66\"},\"threat\":{\"framework\":\"MITRE ATT&CK\","
      "\"enrichments\":[{\"indicator\":{\"provider\":\"other-tool\"},\"matched\":{\"atomic\":\"x\"}}]}}\n";
  CommandResult once = Enrich({"--feed", (dir / "feed.txt").string()}, input);
  ASSERT_EQ(once.exit_code, 0) << once.err;
  CommandResult twice = Enrich({"--feed", (dir / "feed.txt").string()}, once.out);
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  EXPECT_EQ(twice.out, once.out);
  json record = json::parse(once.out);
  EXPECT_EQ(record["threat"]["framework"], "MITRE ATT&CK");
  ASSERT_EQ(record["threat"]["enrichments"].size(), 2u);
  EXPECT_EQ(record["threat"]["enrichments"][0]["indicator"]["provider"], "other-tool");
  EXPECT_EQ(record["threat"]["enrichments"][1]["indicator"]["provider"], "feed:feed.txt");
}

TEST(IocEnrichCli, IndicatorListsBecomeIndicatorRecords) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  WriteFile(dir / "list.txt",
            "# what the share says\n203.0.113.66\nhxxp://clean[.]example.org/a\n\n198.51.100.9\n"
            "not an indicator\n");
  CommandResult r = Enrich({"--feed", (dir / "feed.txt").string(), "-i",
                            (dir / "list.txt").string()});
  EXPECT_EQ(r.exit_code, 65) << r.err;  // the bad line is reported, the rest written
  EXPECT_NE(r.err.find("list.txt:6"), std::string::npos) << r.err;
  std::vector<json> out = Records(r.out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0]["event"]["dataset"], "ioc.indicator");
  EXPECT_EQ(out[0]["event"]["kind"], "enrichment");
  EXPECT_EQ(out[0]["threat"]["indicator"]["ip"], "203.0.113.66");
  EXPECT_EQ(out[0]["log"]["file"]["line"], 2);
  EXPECT_EQ(out[0]["ioc"]["verdict"], "malicious");
  EXPECT_EQ(out[1]["threat"]["indicator"]["url"]["original"], "http://clean.example.org/a");
  EXPECT_EQ(out[1]["ioc"]["verdict"], "unknown");
  EXPECT_EQ(out[1]["threat"]["enrichments"].size(), 0u);
  EXPECT_EQ(out[2]["threat"]["enrichments"][0]["ioc"]["matched_entry"], "198.51.100.0/24");
}

TEST(IocEnrichCli, MinScoreKeepsOnlyScoredRecords) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  const std::string input =
      "{\"source\":{\"ip\":\"203.0.113.66\"}}\n{\"source\":{\"ip\":\"192.0.2.1\"}}\n";
  CommandResult r = Enrich({"--feed", (dir / "feed.txt").string(), "--min-score", "80"}, input);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> out = Records(r.out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["source"]["ip"], "203.0.113.66");
}

TEST(IocEnrichCli, BadLinesAreReportedAndSkipped) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  WriteFile(dir / "in.jsonl", "{\"source\":{\"ip\":\"203.0.113.66\"}}\n{broken\n[1]\n{\"a\":1}\n");
  CommandResult r = Enrich({"--feed", (dir / "feed.txt").string(), (dir / "in.jsonl").string()});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_NE(r.err.find("in.jsonl:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in.jsonl:3"), std::string::npos) << r.err;
  EXPECT_EQ(Records(r.out).size(), 2u);
  // A missing input is reported, the others are still read; it decides the status.
  CommandResult missing = Enrich({"--feed", (dir / "feed.txt").string(),
                                  (dir / "missing.jsonl").string(), (dir / "in.jsonl").string()});
  EXPECT_EQ(missing.exit_code, 66) << missing.err;
  EXPECT_NE(missing.err.find("missing.jsonl"), std::string::npos) << missing.err;
  EXPECT_EQ(Records(missing.out).size(), 2u);
  EXPECT_EQ(Enrich({"--feed", (dir / "feed.txt").string(), "--provider-url", "x=http://a"}).exit_code,
            64);
  EXPECT_EQ(Enrich({}).exit_code, 64);  // nothing to ask
}

// Hostile JSON: a record nested 100,000 deep is a bad line named by file and line (the reader's
// depth limit, no stack overflow); the records around it are enriched.
TEST(IocEnrichCli, DeeplyNestedRecordIs65AndTheRestEnriched) {
  TempDir dir;
  WriteFile(dir / "feed.txt", kFeed);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  WriteFile(dir / "in.jsonl", "{\"source\":{\"ip\":\"203.0.113.66\"}}\n{\"x\":" + deep +
                                   "}\n{\"source\":{\"ip\":\"203.0.113.66\"}}\n");
  CommandResult r = Enrich({"--feed", (dir / "feed.txt").string(), (dir / "in.jsonl").string()});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_NE(r.err.find("too deep"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("in.jsonl:2"), std::string::npos) << r.err;
  EXPECT_EQ(Records(r.out).size(), 2u);
}

// The sample incident: every pcap-extract record that names the attacker's address or a listed
// network gets an enrichment; jq over pcap-extract's own output is the reference.
TEST(IocEnrichCli, EnrichesPcapExtractRecordsOfTheSampleIncident) {
  const fs::path samples = fs::path(SECKIT_SOURCE_DIR) / "samples";
  TempDir dir;
  const std::string records = (dir / "app.jsonl").string();
  CommandResult extract = testing::Run({(testing::BinDir() / "pcap-extract").string(), "-o",
                                        records, (samples / "incident.pcap").string()});
  ASSERT_EQ(extract.exit_code, 0) << extract.err;
  CommandResult expected = testing::Run(
      {"jq", "-c",
       "select([.source.ip, .destination.ip] | any(. == \"203.0.113.66\" or "
       "(. // \"\" | startswith(\"198.51.100.\"))))",
       records});
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  CommandResult r = Enrich({"--feed", (samples / "iocs.txt").string(), "--field", "source.ip",
                            "--field", "destination.ip", "--min-score", "1", records});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> got = Records(r.out);
  std::vector<json> want = Records(expected.out);
  ASSERT_EQ(got.size(), want.size());
  ASSERT_GT(got.size(), 100u);
  for (size_t i = 0; i < got.size(); ++i) {
    json stripped = got[i];
    stripped.erase("ioc");
    stripped.erase("threat");
    EXPECT_EQ(stripped, want[i]) << i;  // the record's own fields exactly as they came
  }
}

}  // namespace
}  // namespace seckit
