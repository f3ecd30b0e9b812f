// Tests for RecordReadAhead: over several chunks, with bad lines between records, it hands over
// exactly what reading on the same thread (JsonLinesReader, IndicatorFields::Collect) finds, in
// order, with the same messages; and a consumer that stops early never waits for the rest.
#include "record_read_ahead.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "seckit/records.h"
#include "test_support.h"

namespace seckit::ioc_enrich {
namespace {

using seckit::testing::TempDir;

// One record as the consumer sees it: its text, the merge flag and "field=indicator" items.
struct Seen {
  std::string text;
  bool merge = false;
  std::vector<std::string> indicators;
  bool operator==(const Seen&) const = default;
};

const std::vector<std::string>& Fields() {
  static const std::vector<std::string> fields = {"source.ip", "destination.ip",
                                                  "dns.answers.data"};
  return fields;
}

// Records of every shape the reader distinguishes, past three chunks, with bad lines between.
std::string Input(int records) {
  std::string text;
  for (int i = 0; i < records; ++i) {
    const std::string ip = "45.33." + std::to_string(i % 200) + "." + std::to_string(i % 7 + 1);
    switch (i % 5) {
      case 0:
        text += R"({"source":{"ip":")" + ip + R"("},"destination":{"ip":"10.0.0.1"}})";
        break;
      case 1:
        text += R"({"dns":{"answers":[{"data":")" + ip + R"("},{"data":")" + ip + R"("}]}})";
        break;
      case 2:
        text += R"({"source.ip":")" + ip + R"(","threat":{"x":1}})";
        break;
      case 3:
        text += R"({"ioc":{"score":1},"destination":{"ip":"not an address"}})";
        break;
      default:
        text += R"({"message":"nothing here"})";
        break;
    }
    text += "\n";
    if (i % 1000 == 7) text += "not json\n[1,2]\n\n";
  }
  return text;
}

std::vector<Seen> ReadOnOneThread(const std::string& path, FILE* messages) {
  Diagnostics diag("ioc-enrich", messages);
  Result<std::unique_ptr<InputSource>> in = OpenInput(path);
  EXPECT_TRUE(in.ok());
  JsonLinesReader reader(**in, diag);
  IndicatorFields fields(Fields());
  JsonRecord record;
  std::vector<Seen> seen;
  while (reader.Next(record)) {
    Seen s;
    s.text = std::string(record.raw);
    simdjson::dom::object object = record.root.get_object().value_unsafe();
    s.merge = object["threat"].error() != simdjson::NO_SUCH_FIELD ||
              object["ioc"].error() != simdjson::NO_SUCH_FIELD;
    std::vector<FieldIndicator> found;
    fields.Collect(record, found);
    for (const FieldIndicator& f : found) {
      s.indicators.push_back(Fields()[f.field] + "=" + f.indicator.value);
    }
    seen.push_back(s);
  }
  EXPECT_TRUE(reader.status().ok());
  return seen;
}

std::vector<Seen> ReadAhead(const std::string& path, FILE* messages) {
  Diagnostics diag("ioc-enrich", messages);
  Result<std::unique_ptr<InputSource>> in = OpenInput(path);
  EXPECT_TRUE(in.ok());
  RecordReadAhead ahead(**in, diag, Fields());
  std::vector<Seen> seen;
  size_t chunks = 0;
  while (const RecordChunk* chunk = ahead.Next()) {
    ++chunks;
    EXPECT_LE(chunk->records.size(), RecordReadAhead::kChunkRecords);
    for (const ReadRecord& r : chunk->records) {
      Seen s;
      s.text = std::string(chunk->Text(r.text));
      s.merge = r.merge;
      std::vector<FieldIndicator> found;
      for (size_t i = r.first; i < r.first + r.count; ++i) {
        const FieldValue& v = chunk->values[i];
        IndicatorFields::AddIndicator(v.field, chunk->Text(v.text), found);
      }
      for (const FieldIndicator& f : found) {
        s.indicators.push_back(Fields()[f.field] + "=" + f.indicator.value);
      }
      seen.push_back(s);
    }
  }
  EXPECT_TRUE(ahead.status().ok());
  EXPECT_GE(chunks, 3u);
  return seen;
}

TEST(RecordReadAhead, HandsOverWhatReadingOnOneThreadFinds) {
  TempDir dir;
  const std::string path = (dir / "records.jsonl").string();
  seckit::testing::WriteFile(path, Input(3 * static_cast<int>(RecordReadAhead::kChunkRecords) + 5));
  const std::string one_log = (dir / "one.log").string(), ahead_log = (dir / "ahead.log").string();
  FILE* one_messages = std::fopen(one_log.c_str(), "w");
  FILE* ahead_messages = std::fopen(ahead_log.c_str(), "w");
  ASSERT_NE(one_messages, nullptr);
  ASSERT_NE(ahead_messages, nullptr);
  const std::vector<Seen> one = ReadOnOneThread(path, one_messages);
  const std::vector<Seen> ahead = ReadAhead(path, ahead_messages);
  (void)std::fclose(one_messages);
  (void)std::fclose(ahead_messages);
  ASSERT_EQ(one.size(), 3 * RecordReadAhead::kChunkRecords + 5);
  EXPECT_TRUE(one == ahead);
  // Repeats within one field counted once, the same value in two records twice.
  EXPECT_EQ(one[1].indicators, (std::vector<std::string>{"dns.answers.data=45.33.1.2"}));
  EXPECT_TRUE(one[2].merge);
  EXPECT_TRUE(one[3].merge);
  EXPECT_FALSE(one[0].merge);
  // The bad lines are reported the same way, in the same order.
  const std::string messages = seckit::testing::ReadFile(one_log);
  EXPECT_NE(messages.find("records.jsonl:9)"), std::string::npos) << messages;
  EXPECT_EQ(seckit::testing::ReadFile(ahead_log), messages);
}

TEST(RecordReadAhead, AConsumerThatStopsEarlyDoesNotWaitForTheRest) {
  TempDir dir;
  const std::string path = (dir / "records.jsonl").string();
  seckit::testing::WriteFile(path, Input(20 * static_cast<int>(RecordReadAhead::kChunkRecords)));
  FILE* messages = std::fopen("/dev/null", "w");
  ASSERT_NE(messages, nullptr);
  Diagnostics diag("ioc-enrich", messages);
  Result<std::unique_ptr<InputSource>> in = OpenInput(path);
  ASSERT_TRUE(in.ok());
  {
    RecordReadAhead ahead(**in, diag, Fields());
    const RecordChunk* first = ahead.Next();
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->records.size(), RecordReadAhead::kChunkRecords);
  }  // the destructor stops the reader, which is blocked with every chunk full
  (void)std::fclose(messages);
}

}  // namespace
}  // namespace seckit::ioc_enrich
