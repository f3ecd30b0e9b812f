// Tests for IndicatorFields: which fields of a record are read, nested or as dotted keys, now
// that paths no top-level key can start are skipped without being looked up.
#include "indicator_fields.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

namespace seckit::ioc_enrich {
namespace {

// "field=value" for every indicator found in `json` under `fields`.
std::vector<std::string> Found(const std::vector<std::string>& fields, const std::string& json) {
  simdjson::dom::parser parser;
  JsonRecord record;
  EXPECT_EQ(parser.parse(json).get(record.root), simdjson::SUCCESS) << json;
  record.raw = json;
  IndicatorFields indicator_fields(fields);
  std::vector<FieldIndicator> found;
  indicator_fields.Collect(record, found);
  std::vector<std::string> out;
  for (const FieldIndicator& f : found) {
    out.push_back(indicator_fields.paths()[f.field].dotted() + "=" + f.indicator.value);
  }
  return out;
}

TEST(IndicatorFields, ReadsNestedAndDottedKeysAtEveryLevel) {
  const std::vector<std::string> fields = {"source.ip", "dns.question.name", "url.original"};
  EXPECT_EQ(
      Found(fields, R"({"source":{"ip":"8.8.8.8"},"dns":{"question":{"name":"a.example.com"}}})"),
      (std::vector<std::string>{"source.ip=8.8.8.8", "dns.question.name=a.example.com"}));
  EXPECT_EQ(Found(fields, R"({"dns.question.name":"b.example.com","source.ip":"1.1.1.1"})"),
            (std::vector<std::string>{"source.ip=1.1.1.1", "dns.question.name=b.example.com"}));
  EXPECT_EQ(Found(fields, R"({"dns.question":{"name":"c.example.com"}})"),
            (std::vector<std::string>{"dns.question.name=c.example.com"}));
  EXPECT_EQ(Found(fields, R"({"dns":{"question.name":"d.example.com"}})"),
            (std::vector<std::string>{"dns.question.name=d.example.com"}));
}

TEST(IndicatorFields, KeysThatOnlyShareAPrefixAreNotTheField) {
  const std::vector<std::string> fields = {"source.ip", "url.original"};
  EXPECT_TRUE(Found(fields, R"({"sourceip":"8.8.8.8","source_ip":"8.8.8.8","url":1})").empty());
  EXPECT_TRUE(Found(fields, R"({"source.ipx":"8.8.8.8","sources":{"ip":"8.8.8.8"}})").empty());
  EXPECT_TRUE(Found(fields, R"({})").empty());
}

TEST(IndicatorFields, FieldsWithAnEmptyFirstPartAreStillLookedUp) {
  EXPECT_EQ(Found({".ip"}, R"({"":{"ip":"8.8.4.4"}})"), (std::vector<std::string>{".ip=8.8.4.4"}));
  EXPECT_EQ(Found({".ip"}, R"({".ip":"8.8.4.4"})"), (std::vector<std::string>{".ip=8.8.4.4"}));
}

}  // namespace
}  // namespace seckit::ioc_enrich
