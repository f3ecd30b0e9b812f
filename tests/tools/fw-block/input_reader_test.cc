// Reading what to block: plain lists, records with configurable fields, and thresholds over
// ioc-enrich's threat.enrichments (records shaped as docs/FORMAT.md describes them).
#include "input_reader.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "test_support.h"

namespace seckit::fw_block {
namespace {

using testing::TempDir;

struct Read {
  Status status;
  std::vector<std::string> addresses;  // "address reason source"
  std::string diagnostics;
  InputCounts counts;
};

Read ReadText(const std::string& text, InputSettings settings) {
  TempDir dir;
  testing::WriteFile(dir / "in", text);
  if (settings.fields.empty()) {
    for (const std::string& f : DefaultFields()) settings.fields.emplace_back(f);
  }
  char* buffer = nullptr;
  size_t size = 0;
  FILE* stream = open_memstream(&buffer, &size);
  Read r;
  {
    Diagnostics diag("fw-block", stream);
    CandidateList list;
    r.status = ReadCandidates((dir / "in").string(), settings, diag, list, r.counts);
    for (const Candidate& c : list.items()) {
      r.addresses.push_back(c.cidr.ToString() + " " + c.reason + " " +
                            c.source.substr(c.source.rfind(':')));
    }
  }
  fclose(stream);
  r.diagnostics.assign(buffer, size);
  free(buffer);
  return r;
}

TEST(InputReader, PlainListWithCommentsColumnsAndGarbage) {
  const Read r = ReadText(
      "# bad hosts\n\n203.0.113.7\n  198.51.100.0/24   # scanner\n2001:db8::1,90\n"
      "evil.example\n203.0.113.7\n10.0.0.1/8\n",
      {});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ASSERT_EQ(r.addresses.size(), 3u);
  EXPECT_EQ(r.addresses[0].substr(0, 15), "203.0.113.7/32 ");
  EXPECT_EQ(r.addresses[1].substr(0, 16), "198.51.100.0/24 ");
  EXPECT_EQ(r.addresses[2].substr(0, 16), "2001:db8::1/128 ");
  EXPECT_NE(r.addresses[0].find(":3"), std::string::npos);  // the first line naming it
  EXPECT_NE(r.diagnostics.find("\"evil.example\" is a host name"), std::string::npos);
  EXPECT_NE(r.diagnostics.find("/in:6)"), std::string::npos) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("host bits set"), std::string::npos);
}

// A flow with a malicious destination and a benign source, as ioc-enrich writes it.
constexpr const char* kEnrichedFlow =
    R"({"source":{"ip":"192.0.2.10"},"destination":{"ip":"203.0.113.50"},"threat":{"enrichments":[)"
    R"({"indicator":{"type":"ipv4-addr","ip":"203.0.113.50","provider":"feed:bad.txt"},"matched":{"atomic":"203.0.113.50","field":"destination.ip"},"ioc":{"verdict":"malicious","score":90}},)"
    R"({"indicator":{"type":"ipv4-addr","ip":"192.0.2.10","provider":"abuseipdb"},"matched":{"atomic":"192.0.2.10","field":"source.ip"},"ioc":{"verdict":"benign","score":3}}]},"ioc":{"verdict":"malicious","score":90}})"
    "\n";

TEST(InputReader, ThresholdsJudgeEachAddressByItsOwnEnrichments) {
  InputSettings settings;
  settings.min_score = 80;
  Read r = ReadText(kEnrichedFlow, settings);
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.addresses.size(), 1u);
  EXPECT_EQ(r.addresses[0], "203.0.113.50/32 ioc score 90 (feed:bad.txt) :1");
  EXPECT_EQ(r.counts.below_threshold, 1u);

  settings.min_score = 95;
  EXPECT_TRUE(ReadText(kEnrichedFlow, settings).addresses.empty());

  settings.min_score = -1;
  settings.min_verdict_rank = VerdictRank("suspicious");
  r = ReadText(kEnrichedFlow, settings);
  ASSERT_EQ(r.addresses.size(), 1u);
  EXPECT_EQ(r.addresses[0].substr(0, 16), "203.0.113.50/32 ");

  // No threshold: every address in the fields.
  EXPECT_EQ(ReadText(kEnrichedFlow, {}).addresses.size(), 2u);
}

TEST(InputReader, FeedCidrMatchesAndVerdictWithoutScore) {
  // A local feed listing a CIDR: matched_entry names it; no score, malicious counts 100.
  const std::string record =
      R"({"source":{"ip":"198.51.100.77"},"threat":{"enrichments":[{"indicator":{"provider":"feed:x"},)"
      R"("matched":{"atomic":"198.51.100.77"},"ioc":{"verdict":"malicious","matched_entry":"198.51.100.0/24"}}]}})"
      "\n";
  InputSettings settings;
  settings.min_score = 100;
  const Read r = ReadText(record, settings);
  ASSERT_EQ(r.addresses.size(), 1u);
  EXPECT_EQ(r.addresses[0], "198.51.100.77/32 ioc score 100 (feed:x) :1");
}

TEST(InputReader, AlertsPassByRiskScoreAndFieldsAreConfigurable) {
  const std::string alert =
      R"({"event":{"kind":"alert","risk_score":73},"rule":{"id":"brute_force.source"},)"
      R"("source":{"ip":"203.0.113.9"},"related":{"ip":["203.0.113.9","198.51.100.1"]}})"
      "\n";
  InputSettings settings;
  settings.min_score = 70;
  Read r = ReadText(alert, settings);
  ASSERT_EQ(r.addresses.size(), 1u);
  EXPECT_EQ(r.addresses[0], "203.0.113.9/32 rule brute_force.source (risk score 73) :1");
  settings.min_score = 80;
  EXPECT_TRUE(ReadText(alert, settings).addresses.empty());

  InputSettings related;
  related.fields.emplace_back("related.ip");
  EXPECT_EQ(ReadText(alert, related).addresses.size(), 2u);
}

TEST(InputReader, BadRecordsAreReportedWithFileAndLine) {
  const Read r = ReadText(
      "{\"source\":{\"ip\":\"203.0.113.1\"}}\n{not json\n{\"source\":{\"ip\":\"nope\"}}\n", {});
  EXPECT_EQ(r.addresses.size(), 1u);
  EXPECT_NE(r.diagnostics.find("not a JSON object"), std::string::npos) << r.diagnostics;
  EXPECT_NE(r.diagnostics.find("/in:2)"), std::string::npos);
  EXPECT_NE(r.diagnostics.find("source.ip \"nope\" is not an IP address or CIDR"),
            std::string::npos);
  EXPECT_NE(r.diagnostics.find("/in:3)"), std::string::npos);
}

TEST(InputReader, StopsReadingPastTheLimit) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "203.0.113." + std::to_string(i) + "\n";
  InputSettings settings;
  settings.stop_after = 10;
  const Read r = ReadText(text, settings);
  EXPECT_EQ(r.status.code(), ExitCode::kDataError);
  EXPECT_NE(r.status.message().find("more than 10 addresses"), std::string::npos);
  EXPECT_NE(r.status.message().find(":11: nothing was changed"), std::string::npos)
      << r.status.message();
}

}  // namespace
}  // namespace seckit::fw_block
