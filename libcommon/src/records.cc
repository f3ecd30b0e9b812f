// JSON-lines record reading with full validation, and ECS dotted-path field lookup.
#include "seckit/records.h"

#include <charconv>

#include "seckit/json_writer.h"

namespace seckit {

FieldPath::FieldPath(std::string_view dotted) : dotted_(dotted) {
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    parts_.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
}

namespace {

// The end of the parts `key` spells from parts[i] on: j when key is "parts[i].….parts[j-1]",
// 0 when it spells none. Compared in place, so no key string is built per lookup.
size_t DottedEnd(std::string_view key, const std::vector<std::string>& parts, size_t i) {
  for (size_t k = i; k < parts.size(); ++k) {
    const std::string& part = parts[k];
    if (!key.starts_with(part)) return 0;
    key.remove_prefix(part.size());
    if (key.empty()) return k + 1;
    if (key.front() != '.') return 0;
    key.remove_prefix(1);
  }
  return 0;
}

// The members of `object` whose keys spell parts[i..j) for some j, with that j, longest first
// ("source.ip" as one key before "source"), so every mix of nesting and flat keys works. One pass
// over the members: far cheaper than an at_key per candidate key on the hot path.
struct DottedMatch {
  simdjson::dom::element child;
  size_t end;
};
size_t MatchMembers(simdjson::dom::object object, const std::vector<std::string>& parts, size_t i,
                    DottedMatch* matches, size_t capacity) {
  size_t n = 0;
  for (simdjson::dom::key_value_pair member : object) {
    const size_t end = DottedEnd(member.key, parts, i);
    if (end == 0 || n == capacity) continue;
    size_t at = n++;
    while (at > 0 && matches[at - 1].end < end) {  // insertion sort, longest first
      matches[at] = matches[at - 1];
      --at;
    }
    matches[at] = {member.value, end};
  }
  return n;
}

// Enough for every realistic path; deeper splits of one level are ignored beyond it.
constexpr size_t kMaxDottedMatches = 8;

// Looks parts[i..] up below `node` (see MatchMembers for the order tried).
std::optional<simdjson::dom::element> FindFrom(simdjson::dom::element node,
                                               const std::vector<std::string>& parts, size_t i) {
  if (i == parts.size()) return node;
  simdjson::dom::object object;
  if (node.get(object) != simdjson::SUCCESS) return std::nullopt;
  DottedMatch matches[kMaxDottedMatches];
  const size_t n = MatchMembers(object, parts, i, matches, kMaxDottedMatches);
  for (size_t m = 0; m < n; ++m) {
    if (auto found = FindFrom(matches[m].child, parts, matches[m].end)) return found;
  }
  return std::nullopt;
}

bool ScalarText(simdjson::dom::element value, std::string& out) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out.assign(value.get_string().value_unsafe());
      return true;
    case simdjson::dom::element_type::INT64:
      out = std::to_string(value.get_int64().value_unsafe());
      return true;
    case simdjson::dom::element_type::UINT64:
      out = std::to_string(value.get_uint64().value_unsafe());
      return true;
    case simdjson::dom::element_type::DOUBLE:
      out.clear();
      AppendJsonDouble(out, value.get_double().value_unsafe());
      return true;
    case simdjson::dom::element_type::BOOL:
      out = value.get_bool().value_unsafe() ? "true" : "false";
      return true;
    default:
      return false;
  }
}

void Collect(simdjson::dom::element node, const std::vector<std::string>& parts, size_t i,
             std::vector<std::string>& out) {
  simdjson::dom::array array;
  if (node.get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element item : array) Collect(item, parts, i, out);
    return;
  }
  if (i == parts.size()) {
    std::string text;
    if (ScalarText(node, text)) out.push_back(std::move(text));
    return;
  }
  simdjson::dom::object object;
  if (node.get(object) != simdjson::SUCCESS) return;
  DottedMatch matches[kMaxDottedMatches];
  const size_t n = MatchMembers(object, parts, i, matches, kMaxDottedMatches);
  for (size_t m = 0; m < n; ++m) Collect(matches[m].child, parts, matches[m].end, out);
}

}  // namespace

std::optional<simdjson::dom::element> JsonRecord::Find(const FieldPath& path) const {
  return FindFrom(root, path.parts(), 0);
}

std::optional<std::string_view> JsonRecord::GetString(const FieldPath& path) const {
  auto value = Find(path);
  std::string_view text;
  if (!value || value->get(text) != simdjson::SUCCESS) return std::nullopt;
  return text;
}

std::optional<double> JsonRecord::GetNumber(const FieldPath& path) const {
  auto value = Find(path);
  if (!value || !value->is_number()) return std::nullopt;
  return value->get_double().value_unsafe();
}

std::optional<int64_t> JsonRecord::GetInt(const FieldPath& path) const {
  auto value = Find(path);
  int64_t number = 0;
  if (!value || value->get(number) != simdjson::SUCCESS) return std::nullopt;
  return number;
}

bool JsonRecord::GetText(const FieldPath& path, std::string& out) const {
  auto value = Find(path);
  return value && ScalarText(*value, out);
}

void CollectTexts(simdjson::dom::element root, const FieldPath& path,
                  std::vector<std::string>& out) {
  Collect(root, path.parts(), 0, out);
}

JsonLinesReader::JsonLinesReader(InputSource& source, Diagnostics& diag)
    : lines_(source, LineReader::kDefaultBufferSize, kMaxRecordLine), diag_(diag) {}

bool JsonLinesReader::Next(JsonRecord& record) { return Read(record, nullptr); }

bool JsonLinesReader::NextInto(simdjson::dom::document& document, JsonRecord& record) {
  return Read(record, &document);
}

bool JsonLinesReader::Read(JsonRecord& record, simdjson::dom::document* document) {
  Line line;
  while (lines_.Next(line)) {
    size_t first = line.text.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;  // blank line
    const char* why = line.cut ? "the line is longer than 64 MiB" : nullptr;
    if (why == nullptr) {
      // LineReader keeps kPadding readable bytes after every line, as simdjson requires.
      const auto* data = reinterpret_cast<const uint8_t*>(line.text.data());
      auto error = (document != nullptr
                        ? parser_.parse_into_document(*document, data, line.text.size(), false)
                        : parser_.parse(data, line.text.size(), false))
                       .get(record.root);
      if (error != simdjson::SUCCESS) {
        why = simdjson::error_message(error);
      } else if (!record.root.is_object()) {
        why = "the line is JSON but not an object";
      }
    }
    if (why != nullptr) {
      ++bad_lines_;
      std::string where = name() + ":" + std::to_string(line.number);
      status_ = diag_.BadInput(std::string("not a JSON object: ") + why, where);
      if (!status_.ok()) return false;
      continue;
    }
    record.raw = line.text;
    record.line_number = line.number;
    record.offset = line.offset;
    return true;
  }
  status_ = lines_.status();
  return false;
}

std::string_view ObjectMembers(std::string_view object) {
  const size_t open = object.find('{');
  const size_t close = object.rfind('}');
  if (open == std::string_view::npos || close == std::string_view::npos || close <= open) return {};
  std::string_view inside = object.substr(open + 1, close - open - 1);
  const size_t first = inside.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const size_t last = inside.find_last_not_of(" \t\r\n");
  return inside.substr(first, last - first + 1);
}

}  // namespace seckit
