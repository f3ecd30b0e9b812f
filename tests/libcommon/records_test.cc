// Tests for JsonLinesReader and ECS dotted-path lookup: nested and flat fields, arrays, bad lines
// reported with file:line and skipped, --strict.
#include "seckit/records.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "test_support.h"

namespace seckit {
namespace {

using testing::TempDir;
using testing::WriteFile;

struct Collected {
  std::vector<JsonRecord> records;  // only valid while the reader lives
  std::vector<std::string> raws;
  std::vector<uint64_t> lines;
  std::string messages;
  Status status;
  uint64_t bad = 0;
};

Collected ReadAll(const std::string& content, bool strict = false) {
  TempDir dir;
  WriteFile(dir / "in.jsonl", content);
  auto in = OpenInput((dir / "in.jsonl").string());
  char* buffer = nullptr;
  size_t size = 0;
  FILE* messages = open_memstream(&buffer, &size);
  Diagnostics diag("test-tool", messages);
  diag.set_strict(strict);
  JsonLinesReader reader(**in, diag);
  Collected c;
  JsonRecord record;
  while (reader.Next(record)) {
    c.raws.emplace_back(record.raw);
    c.lines.push_back(record.line_number);
  }
  c.status = reader.status();
  c.bad = diag.bad_input_count();
  fclose(messages);
  c.messages.assign(buffer, size);
  free(buffer);
  return c;
}

TEST(Records, SkipsAndReportsBadLinesWithFileAndLine) {
  Collected c = ReadAll(
      "{\"a\":1}\n"
      "not json\n"
      "\n"
      "[1,2]\n"
      "{\"b\":\"x\"\n"
      "{\"c\":true}\r\n");
  EXPECT_EQ(c.raws, (std::vector<std::string>{"{\"a\":1}", "{\"c\":true}"}));
  EXPECT_EQ(c.lines, (std::vector<uint64_t>{1, 6}));
  EXPECT_EQ(c.bad, 3u);
  EXPECT_TRUE(c.status.ok());
  EXPECT_NE(c.messages.find("test-tool: error: not a JSON object"), std::string::npos);
  EXPECT_NE(c.messages.find("in.jsonl:2)"), std::string::npos) << c.messages;
  EXPECT_NE(c.messages.find("in.jsonl:4)"), std::string::npos);
  EXPECT_NE(c.messages.find("in.jsonl:5)"), std::string::npos);
  EXPECT_EQ(c.messages.find("in.jsonl:3)"), std::string::npos);  // blank lines are fine
}

// NextInto parses into the caller's documents: each record's values stay readable after later
// lines were read, and bad lines are reported and skipped as by Next.
TEST(Records, NextIntoKeepsEachRecordInItsOwnDocument) {
  TempDir dir;
  std::string content = "{\"n\":0,\"s\":\"zero\"}\nnot json\n\n";
  for (int i = 1; i < 50; ++i) {
    content += "{\"n\":" + std::to_string(i) + ",\"s\":\"" + std::string(i * 10, 'x') + "\"}\n";
  }
  WriteFile(dir / "in.jsonl", content);
  auto in = OpenInput((dir / "in.jsonl").string());
  FILE* devnull = std::fopen("/dev/null", "w");
  Diagnostics diag("test-tool", devnull);
  JsonLinesReader reader(**in, diag);
  std::vector<simdjson::dom::document> documents(50);
  std::vector<JsonRecord> records(50);
  size_t n = 0;
  while (n < documents.size() && reader.NextInto(documents[n], records[n])) ++n;
  ASSERT_EQ(n, 50u);
  EXPECT_EQ(reader.bad_lines(), 1u);
  for (size_t i = 0; i < n; ++i) {
    EXPECT_EQ(records[i].GetInt(FieldPath("n")), static_cast<int64_t>(i));
    EXPECT_EQ(records[i].GetString(FieldPath("s")),
              i == 0 ? std::string("zero") : std::string(i * 10, 'x'));
  }
  EXPECT_EQ(records[1].line_number, 4u);
  std::fclose(devnull);
}

// A record line over 64 MiB is reported as a bad line and skipped (memory stays bounded: the
// parser needs several times a record's size); the records after it are read as usual.
TEST(Records, OverlongLineIsABadLineAndTheNextIsRead) {
  std::string huge = "{\"a\":\"" + std::string(JsonLinesReader::kMaxRecordLine + 10, 'x') + "\"}";
  Collected c = ReadAll("{\"first\":1}\n" + huge + "\n{\"after\":2}\n");
  EXPECT_EQ(c.raws, (std::vector<std::string>{"{\"first\":1}", "{\"after\":2}"}));
  EXPECT_EQ(c.lines, (std::vector<uint64_t>{1, 3}));
  EXPECT_EQ(c.bad, 1u);
  EXPECT_NE(c.messages.find("longer than 64 MiB"), std::string::npos) << c.messages.substr(0, 300);
  EXPECT_NE(c.messages.find("in.jsonl:2)"), std::string::npos) << c.messages.substr(0, 300);
}

TEST(Records, StrictStopsAtFirstBadLine) {
  Collected c = ReadAll("{\"a\":1}\n{oops\n{\"b\":2}\n", /*strict=*/true);
  EXPECT_EQ(c.raws.size(), 1u);
  EXPECT_EQ(c.status.code(), ExitCode::kDataError);
  EXPECT_NE(c.status.message().find("in.jsonl:2"), std::string::npos);
}

TEST(Records, RejectsTrailingGarbageAndInvalidUtf8) {
  Collected c = ReadAll("{\"a\":1} x\n{\"a\":\"\xff\"}\n{\"a\":1,}\n");
  EXPECT_TRUE(c.raws.empty());
  EXPECT_EQ(c.bad, 3u);
}

TEST(Records, FindsNestedFlatAndMixedFields) {
  TempDir dir;
  WriteFile(dir / "in.jsonl",
            R"({"source":{"ip":"10.0.0.1","port":53},"destination.ip":"10.0.0.2",)"
            R"("dns":{"answers":[{"data":"1.1.1.1"},{"data":"2.2.2.2"}]},)"
            R"("related":{"ip":["a","b"]},"event":{"severity":7,"ok":false},"user.name":null})"
            "\n");
  auto in = OpenInput((dir / "in.jsonl").string());
  Diagnostics diag("t");
  JsonLinesReader reader(**in, diag);
  JsonRecord r;
  ASSERT_TRUE(reader.Next(r));
  EXPECT_EQ(r.GetString(FieldPath("source.ip")), "10.0.0.1");
  EXPECT_EQ(r.GetInt(FieldPath("source.port")), 53);
  EXPECT_EQ(r.GetString(FieldPath("destination.ip")), "10.0.0.2");
  EXPECT_EQ(r.GetNumber(FieldPath("event.severity")), 7.0);
  EXPECT_FALSE(r.GetString(FieldPath("source.port")).has_value());  // a number, not a string
  EXPECT_FALSE(r.Find(FieldPath("source.mac")).has_value());
  std::string text;
  EXPECT_TRUE(r.GetText(FieldPath("source.port"), text));
  EXPECT_EQ(text, "53");
  EXPECT_TRUE(r.GetText(FieldPath("event.ok"), text));
  EXPECT_EQ(text, "false");
  EXPECT_FALSE(r.GetText(FieldPath("user.name"), text));  // null is not a value
  EXPECT_FALSE(r.GetText(FieldPath("source"), text));     // an object is not a scalar

  std::vector<std::string> values;
  CollectTexts(r.root, FieldPath("dns.answers.data"), values);
  EXPECT_EQ(values, (std::vector<std::string>{"1.1.1.1", "2.2.2.2"}));
  values.clear();
  CollectTexts(r.root, FieldPath("related.ip"), values);
  EXPECT_EQ(values, (std::vector<std::string>{"a", "b"}));
}

// Every split of a dotted path between flat and nested keys is found, the longest literal key
// first; keys that only look alike ("ab", "a.bc") never match.
TEST(Records, DottedKeysLongestFirstAndNoLookalikes) {
  TempDir dir;
  WriteFile(dir / "in.jsonl",
            R"({"ab":{"c":9},"a.bc":8,"a":{"b":{"c":3},"b.c":2},"a.b":{"c":1},"a.b.cd":7})"
            "\n");
  auto in = OpenInput((dir / "in.jsonl").string());
  Diagnostics diag("t");
  JsonLinesReader reader(**in, diag);
  JsonRecord r;
  ASSERT_TRUE(reader.Next(r));
  EXPECT_EQ(r.GetInt(FieldPath("a.b.c")), 1);
  std::vector<std::string> values;
  CollectTexts(r.root, FieldPath("a.b.c"), values);
  EXPECT_EQ(values, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_FALSE(r.Find(FieldPath("a.b.c.d")).has_value());
  EXPECT_TRUE(r.Find(FieldPath("a")).has_value());
  EXPECT_FALSE(r.Find(FieldPath("a.bcd")).has_value());
}

TEST(Records, LongLinesAndManyRecords) {
  std::string content;
  std::string long_value(3 * 1024 * 1024, 'v');
  content += "{\"big\":\"" + long_value + "\"}\n";
  for (int i = 0; i < 10000; ++i) content += "{\"i\":" + std::to_string(i) + "}\n";
  Collected c = ReadAll(content);
  ASSERT_EQ(c.raws.size(), 10001u);
  EXPECT_EQ(c.raws[10000], "{\"i\":9999}");
  EXPECT_EQ(c.bad, 0u);
}

TEST(Records, FieldPathSplitsOnDots) {
  FieldPath p("a.b.c");
  EXPECT_EQ(p.parts(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(p.dotted(), "a.b.c");
}

}  // namespace
}  // namespace seckit
