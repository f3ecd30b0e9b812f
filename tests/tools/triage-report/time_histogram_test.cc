// TimeHistogram: events far apart in time (further than int64 nanoseconds reach) land in their
// own buckets. Found by fuzz/fuzz_triage_sources (a signed overflow in Add).
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "field_index.h"
#include "record_view.h"
#include "rules.h"
#include "seckit/records.h"
#include "seckit/time.h"
#include "time_histogram.h"

namespace seckit::triage_report {
namespace {

// The count of the bucket holding `time`, 0 when none does.
uint64_t CountAt(const TimeHistogram& h, TimeNs time) {
  for (const auto& [start, n] : h.buckets()) {
    if (start <= time && static_cast<uint64_t>(time) - static_cast<uint64_t>(start) <
                             static_cast<uint64_t>(h.width())) {
      return n;
    }
  }
  return 0;
}

TEST(TriageTimeHistogram, TimesFurtherApartThanInt64EachGetTheirBucket) {
  const TimeNs old_time = *ParseRfc3339("1719-01-01T00:00:04Z");
  const TimeNs new_time = *ParseRfc3339("2026-01-01T00:00:06Z");
  TimeHistogram h;
  h.Add(old_time);
  h.Add(new_time);  // new_time - old_time overflows int64
  EXPECT_EQ(h.buckets().size(), 2u);
  EXPECT_EQ(CountAt(h, old_time), 1u);
  EXPECT_EQ(CountAt(h, new_time), 1u);
}

// The fuzzer's input, minimised: a Suricata record from 1719, then an ECS record from 2026.
// The extremes of the TimeNs range and thousands of times spread over it: Add ends (coarsening
// stops once the width cannot double), every event is counted once, and the buckets stay few.
TEST(TriageTimeHistogram, ExtremeTimesEndAndCountEveryEvent) {
  TimeHistogram h;
  uint64_t added = 0;
  for (TimeNs t : {INT64_MIN, INT64_MAX, TimeNs{0}, INT64_MIN + 1, INT64_MAX - 1}) {
    h.Add(t);
    ++added;
  }
  for (int i = 0; i < 5000; ++i) {
    h.Add(INT64_MIN / 5000 * (2500 - i) + i);
    ++added;
  }
  uint64_t counted = 0;
  for (const auto& [start, n] : h.buckets()) counted += n;
  EXPECT_EQ(counted, added);
  EXPECT_LE(h.buckets().size(), TimeHistogram::kMaxBuckets);
}

TEST(TriageTimeHistogram, FuzzFoundRecordsFrom1719And2026) {
  const std::vector<std::string_view> lines = {
      R"({"timestamp":"1719-01-01T00:00:04Z","event_type":"e"})",
      R"({"@timestamp":"2026-01-01T00:00:06Z"})",
  };
  Analysis analysis(DefaultRules(), Limits{});
  FieldIndex index;
  simdjson::dom::parser parser;
  uint64_t line_number = 0;
  for (std::string_view line : lines) {
    JsonRecord record;
    ASSERT_EQ(parser.parse(line.data(), line.size(), true).get(record.root), simdjson::SUCCESS);
    record.raw = line;
    record.line_number = ++line_number;
    const RecordView view(record, index);
    analysis.Add(view, "fuzz.jsonl", line_number);
  }
  const TimeHistogram& h = analysis.all_events();
  EXPECT_EQ(CountAt(h, *ParseRfc3339("1719-01-01T00:00:04Z")), 1u);
  EXPECT_EQ(CountAt(h, *ParseRfc3339("2026-01-01T00:00:06Z")), 1u);
}

}  // namespace
}  // namespace seckit::triage_report
