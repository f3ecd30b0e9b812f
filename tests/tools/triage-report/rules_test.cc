// Finding rules: the built-in set parses, the severity scales, conditions, and clear errors.
#include "rules.h"

#include <gtest/gtest.h>

#include "record_view.h"
#include "severity.h"
#include "test_support.h"
#include "view_test_util.h"

namespace seckit::triage_report {
namespace {

TEST(TriageSeverity, Scales) {
  EXPECT_EQ(SeverityOn(SeverityScale::kEcs, "21"), Severity::kLow);
  EXPECT_EQ(SeverityOn(SeverityScale::kEcs, "47"), Severity::kMedium);
  EXPECT_EQ(SeverityOn(SeverityScale::kEcs, "73"), Severity::kHigh);
  EXPECT_EQ(SeverityOn(SeverityScale::kEcs, "99"), Severity::kCritical);
  EXPECT_EQ(SeverityOn(SeverityScale::kEcs, "5"), Severity::kInfo);
  EXPECT_EQ(SeverityOn(SeverityScale::kEcs, "high"), std::nullopt);
  EXPECT_EQ(SeverityOn(SeverityScale::kSuricata, "1"), Severity::kHigh);
  EXPECT_EQ(SeverityOn(SeverityScale::kSuricata, "3"), Severity::kLow);
  EXPECT_EQ(SeverityOn(SeverityScale::kConfidence, "High"), Severity::kHigh);
  EXPECT_EQ(SeverityOn(SeverityScale::kConfidence, "None"), Severity::kInfo);
  EXPECT_EQ(SeverityOn(SeverityScale::kConfidence, "75"), Severity::kHigh);
  EXPECT_EQ(SeverityOn(SeverityScale::kRiskScore, "95"), Severity::kCritical);
  EXPECT_EQ(ParseSeverity("CRITICAL"), Severity::kCritical);
  EXPECT_EQ(ParseSeverity("severe"), std::nullopt);
}

TEST(TriageRules, BuiltInSetParses) {
  Result<std::vector<Rule>> rules = ParseRules(DefaultRulesText(), "(built-in rules)");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->size(), DefaultRules().size());
  EXPECT_EQ(rules->front().id, "deleted-file-yara");
}

// Runs `rules` over the records of `jsonl` and returns, per record, the id of the first rule
// that matches and its severity ("-" when none).
std::vector<std::string> Classify(const std::vector<Rule>& rules, const std::string& jsonl) {
  std::vector<std::string> out;
  ForEachRecordView(jsonl, [&](const RecordView& view, const JsonRecord&) {
    std::string result = "-";
    for (const Rule& r : rules) {
      if (r.Matches(view)) {
        result = r.id + ":" + std::string(SeverityName(r.SeverityOf(view)));
        break;
      }
    }
    out.push_back(result);
  });
  return out;
}

TEST(TriageRules, BuiltInRulesOnTheAgreedRecordShapes) {
  const std::string path =
      std::string(SECKIT_SOURCE_DIR) + "/tests/tools/triage-report/fixtures/new_tools.jsonl";
  std::vector<std::string> got = Classify(DefaultRules(), testing::ReadFile(path));
  std::vector<std::string> want = {
      "anomaly-alert:medium",   "anomaly-alert:high",         "anomaly-alert:high",
      "anomaly-alert:critical", "anomaly-alert:low",          "fw-block-applied:info",
      "fw-block-dry-run:info",  "deleted-file-yara:critical", "-"};
  EXPECT_EQ(got, want);
}

TEST(TriageRules, ConditionsOfEveryKind) {
  Result<std::vector<Rule>> rules = ParseRules(R"(
[[rule]]
id = "big"
when = { "network.bytes" = { min = 1000 } }
severity = "high"
[[rule]]
id = "named"
when = { "user.name" = ["root", "admin"], "tags" = "x" }
[[rule]]
id = "untagged"
when = { "tags" = { exists = false } }
severity = "low"
)",
                                               "test.toml");
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<std::string> got = Classify(*rules,
                                          "{\"network\":{\"bytes\":5000}}\n"
                                          "{\"user\":{\"name\":\"admin\"},\"tags\":[\"y\",\"x\"]}\n"
                                          "{\"user\":{\"name\":\"bob\"},\"tags\":[\"x\"]}\n"
                                          "{\"user\":{\"name\":\"bob\"}}\n");
  EXPECT_EQ(got, (std::vector<std::string>{"big:high", "named:medium", "-", "untagged:low"}));
}

TEST(TriageRules, ErrorsNameTheFileAndLine) {
  Result<std::vector<Rule>> bad =
      ParseRules("[[rule]]\nid = \"a\"\nseverity = \"severe\"\n", "r.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ExitCode::kConfig);
  EXPECT_NE(bad.status().message().find("r.toml:3:"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("severe"), std::string::npos);
  Result<std::vector<Rule>> syntax = ParseRules("[[rule]\n", "s.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("s.toml:1:"), std::string::npos);
  Result<std::vector<Rule>> dup = ParseRules("[[rule]]\nid=\"a\"\n[[rule]]\nid=\"a\"\n", "d.toml");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("duplicate rule id a"), std::string::npos);
  Result<std::vector<Rule>> cond = ParseRules("[[rule]]\nid=\"a\"\nwhen={x=1}\n", "c.toml");
  ASSERT_FALSE(cond.ok());
  EXPECT_NE(cond.status().message().find("condition on x"), std::string::npos);
  EXPECT_FALSE(ParseRules("", "e.toml").ok());
}

TEST(TriageRules, TemplatesTakeFirstValues) {
  testing::TempDir dir;
  testing::WriteFile(
      dir / "in.jsonl",
      "{\"rule\":{\"name\":\"Scan\"},\"related\":{\"ip\":[\"1.2.3.4\",\"5.6.7.8\"]}}\n");
  auto in = OpenInput((dir / "in.jsonl").string());
  Diagnostics diag("test");
  JsonLinesReader reader(**in, diag);
  JsonRecord record;
  ASSERT_TRUE(reader.Next(record));
  FieldIndex index;
  RecordView view(record, index);
  EXPECT_EQ(ExpandTemplate("{rule.name} from {related.ip}{missing.field}!", view),
            "Scan from 1.2.3.4!");
  EXPECT_EQ(ExpandTemplate("no slots {", view), "no slots {");
}

}  // namespace
}  // namespace seckit::triage_report
