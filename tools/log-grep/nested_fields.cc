// Flat dotted names to nested JSON objects: sorted names keep every object's members together.
#include "nested_fields.h"

#include <algorithm>
#include <array>
#include <vector>

namespace seckit::log_grep {
namespace {

bool IsArrayField(std::string_view key) {
  static constexpr std::array<std::string_view, 5> kArrays{
      "event.category", "event.type", "related.ip", "related.user", "tags"};
  return std::find(kArrays.begin(), kArrays.end(), key) != kArrays.end();
}

std::vector<std::string_view> Split(std::string_view key) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

}  // namespace

void WriteNestedFields(JsonWriter& w, std::span<LogField> fields) {
  std::stable_sort(fields.begin(), fields.end(),
                   [](const LogField& a, const LogField& b) { return a.key < b.key; });
  std::vector<std::string_view> open;  // the objects open now, outermost first
  std::string_view previous;
  for (const LogField& field : fields) {
    if (field.key == previous) continue;  // the first of equal names wins
    previous = field.key;
    std::vector<std::string_view> parts = Split(field.key);
    size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    while (open.size() > common) {
      w.EndObject();
      open.pop_back();
    }
    for (size_t i = common; i + 1 < parts.size(); ++i) {
      w.BeginObject(parts[i]);
      open.push_back(parts[i]);
    }
    bool array = IsArrayField(field.key);
    if (array) {
      w.BeginArray(parts.back());
    } else {
      w.Key(parts.back());
    }
    if (field.is_number) {
      w.Int(field.number);
    } else {
      w.String(field.text);
    }
    if (array) w.EndArray();
  }
  while (!open.empty()) {
    w.EndObject();
    open.pop_back();
  }
}

}  // namespace seckit::log_grep
