// Flat dotted names to nested JSON objects: sorted names keep every object's members together.
#include "nested_fields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <numeric>

namespace seckit::log_grep {
namespace {

// More layouts than any parser produces; past it the cache starts again.
constexpr size_t kMaxLayouts = 4096;

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

// The names' addresses and lengths: keys are string literals, so equal addresses mean equal
// names (the other way round is checked by content, see SameKeys).
uint64_t HashKeys(std::span<const FieldRef> fields) {
  uint64_t h = 0xcbf29ce484222325u ^ fields.size();
  for (const FieldRef& field : fields) {
    h = (h ^ reinterpret_cast<uintptr_t>(field.key.data())) * 0x100000001b3u;
    h = (h ^ field.key.size()) * 0x100000001b3u;
  }
  return h;
}

bool SameKeys(const std::vector<std::string_view>& keys, std::span<const FieldRef> fields) {
  if (keys.size() != fields.size()) return false;
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::string_view a = keys[i], b = fields[i].key;
    if (a.data() == b.data() && a.size() == b.size()) continue;
    if (a != b) return false;
  }
  return true;
}

// Builds a layout's text the way JsonWriter would write it: a comma before every member but
// the first of an object.
class LayoutText {
 public:
  explicit LayoutText(std::string& text) : text_(text) {}
  void Key(std::string_view name) {
    if (!first_) text_.push_back(',');
    AppendJsonString(text_, name);
    text_.push_back(':');
    first_ = true;
  }
  void Open(char c) {
    text_.push_back(c);
    first_ = true;
  }
  void Close() {
    text_.push_back('}');
    first_ = false;
  }
  void Value() { first_ = false; }

 private:
  std::string& text_;
  bool first_ = true;  // as after JsonWriter::BeginRecord
};

}  // namespace

NestedFieldWriter::Layout NestedFieldWriter::Plan(std::span<const FieldRef> fields) {
  Layout layout;
  for (const FieldRef& field : fields) layout.keys.push_back(field.key);
  std::vector<uint32_t> order(fields.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return fields[a].key < fields[b].key; });
  LayoutText out(layout.text);
  std::vector<std::string_view> open;  // the objects open now, outermost first
  std::string_view previous;
  bool any = false;
  for (uint32_t index : order) {
    const std::string_view key = fields[index].key;
    if (any && key == previous) continue;  // the first of equal names wins
    any = true;
    previous = key;
    const std::vector<std::string_view> parts = Split(key);
    size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    const auto begin = static_cast<uint32_t>(layout.text.size());
    for (; open.size() > common; open.pop_back()) out.Close();
    for (size_t i = common; i + 1 < parts.size(); ++i) {
      out.Key(parts[i]);
      out.Open('{');
      open.push_back(parts[i]);
    }
    const bool array = IsArrayField(key);
    out.Key(parts.back());
    if (array) out.Open('[');  // the ']' is written after the value
    layout.steps.push_back({index, begin, static_cast<uint32_t>(layout.text.size()), array});
    out.Value();
  }
  layout.tail = static_cast<uint32_t>(layout.text.size());
  for (; !open.empty(); open.pop_back()) out.Close();
  return layout;
}

const NestedFieldWriter::Layout& NestedFieldWriter::Find(std::span<const FieldRef> fields) {
  if (last_ < layouts_.size() && SameKeys(layouts_[last_].keys, fields)) return layouts_[last_];
  const uint64_t hash = HashKeys(fields);
  auto [it, end] = by_hash_.equal_range(hash);
  for (; it != end; ++it) {
    if (SameKeys(layouts_[it->second].keys, fields)) {
      last_ = it->second;
      return layouts_[last_];
    }
  }
  if (layouts_.size() == kMaxLayouts) {
    layouts_.clear();
    by_hash_.clear();
  }
  layouts_.push_back(Plan(fields));
  last_ = layouts_.size() - 1;
  by_hash_.emplace(hash, last_);
  return layouts_.back();
}

void NestedFieldWriter::Write(JsonWriter& w, std::span<const FieldRef> fields) {
  if (fields.empty()) return;
  const Layout& layout = Find(fields);
  const std::string_view text = layout.text;
  std::string& buf = w.out().buffer();
  for (const Step& step : layout.steps) {
    const std::string_view before = text.substr(step.begin, step.end - step.begin);
    if (&step == layout.steps.data()) {
      w.RawMembers(before);  // the writer adds the comma, if any, and knows a member followed
    } else {
      buf.append(before);
    }
    const FieldRef& field = fields[step.field];
    if (field.is_number) {
      char digits[24];
      auto [digits_end, ec] = std::to_chars(digits, digits + sizeof digits, field.number);
      buf.append(digits, static_cast<size_t>(digits_end - digits));
    } else {
      AppendJsonString(buf, field.text);
    }
    if (step.array) buf.push_back(']');
  }
  buf.append(text.substr(layout.tail));
}

}  // namespace seckit::log_grep
