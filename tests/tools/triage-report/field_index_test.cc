// FieldIndex: one walk finds nested, dotted and mixed spellings, expands arrays, and a field
// registered after indexing is still answered (the slow path).
#include "field_index.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "record_view.h"
#include "seckit/records.h"
#include "view_test_util.h"

namespace seckit::triage_report {
namespace {

std::vector<std::string> Values(const std::string& json_line, const char* field_name,
                                bool register_first = true) {
  std::optional<Field> field;
  if (register_first) field = Field::Of(field_name);
  std::vector<std::string> found;
  const int records =
      ForEachRecordView(json_line + "\n", [&](const RecordView& view, const JsonRecord&) {
        if (!field) field = Field::Of(field_name);
        std::vector<std::string_view> texts;
        view.Texts(*field, texts);
        found.assign(texts.begin(), texts.end());
      });
  EXPECT_EQ(records, 1);
  return found;
}

using Strings = std::vector<std::string>;

TEST(TriageFieldIndex, NestedDottedAndMixedSpellings) {
  EXPECT_EQ(Values(R"({"a":{"b":{"c":1}}})", "a.b.c"), Strings{"1"});
  EXPECT_EQ(Values(R"({"a.b.c":"x"})", "a.b.c"), Strings{"x"});
  EXPECT_EQ(Values(R"({"a.b":{"c":true}})", "a.b.c"), Strings{"true"});
  EXPECT_EQ(Values(R"({"a":{"b.c":2.5}})", "a.b.c"), Strings{"2.5"});
  EXPECT_EQ(Values(R"({"a":{"b":{"d":1}}})", "a.b.c"), Strings{});
  EXPECT_EQ(Values(R"({"a":{"b":{"c":null}}})", "a.b.c"), Strings{});
}

TEST(TriageFieldIndex, ArraysOfScalarsAndOfObjects) {
  EXPECT_EQ(Values(R"({"related":{"ip":["10.0.0.1","10.0.0.2"]}})", "related.ip"),
            (Strings{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(Values(R"({"t":{"e":[{"m":{"a":"x"}},{"m":{"a":"y"}},{"n":1}]}})", "t.e.m.a"),
            (Strings{"x", "y"}));
  EXPECT_EQ(Values(R"({"n":[-3, 18446744073709551615]})", "n"),
            (Strings{"-3", "18446744073709551615"}));
}

TEST(TriageFieldIndex, FieldRegisteredAfterIndexingUsesTheSlowPath) {
  EXPECT_EQ(Values(R"({"late":{"field":"v"}})", "late.field", false), Strings{"v"});
  EXPECT_EQ(Values(R"({"late2":{"f":["p","q"]}})", "late2.f", false), (Strings{"p", "q"}));
}

// One FieldIndex is reused from record to record (as on one thread), and each field's values are
// a chain through it: every field's values, in order, must equal what the slow path (CollectTexts,
// a separate search of the parsed record) finds, and nothing may be left from the record before.
// (The two differ on what ECS records do not have: a field spelt both nested and dotted in one
// record, and arrays of arrays.)
TEST(TriageFieldIndex, ReusedIndexAgreesWithTheSlowPathOnEveryField) {
  const char* names[] = {"a.b", "a.c", "x", "list", "objs.k", "objs.v.w"};
  std::vector<Field> fields;
  for (const char* name : names) fields.push_back(Field::Of(name));
  const std::string lines =
      R"({"a":{"b":1,"c":"two"},"x":[1,2,3],"list":["p"]})"
      "\n"
      R"({"objs":[{"k":"k1","v":{"w":"w1"}},{"k":"k2"},{"v":{"w":["w2","w3"]}},{"k":"k3"}],"x":"y"})"
      "\n"
      R"({"list":["q",{"o":1},"r"],"a":{"c":["c1",null,"c2"]}})"
      "\n"
      R"({})"
      "\n"
      R"({"a.b":3,"a":{"c":4},"x":null,"objs":{"k":"single","v.w":"dotted-w"}})"
      "\n";
  int record_number = 0;
  const int records =
      ForEachRecordView(lines, [&](const RecordView& view, const JsonRecord& record) {
        ++record_number;
        for (const Field& field : fields) {
          std::vector<std::string_view> indexed;
          view.Texts(field, indexed);
          std::vector<std::string> searched;
          CollectTexts(record.root, field.path, searched);
          EXPECT_EQ(Strings(indexed.begin(), indexed.end()), searched)
              << "record " << record_number << ", field " << field.path.dotted();
        }
      });
  EXPECT_EQ(records, 5);
}

}  // namespace
}  // namespace seckit::triage_report
