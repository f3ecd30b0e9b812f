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

// Looks parts[i..] up below `node`, trying at each level the longest literal dotted key first
// ("source.ip" as one key) down to a single part, so every mix of nesting and flat keys works.
std::optional<simdjson::dom::element> FindFrom(simdjson::dom::element node,
                                               const std::vector<std::string>& parts, size_t i) {
  if (i == parts.size()) return node;
  simdjson::dom::object object;
  if (node.get(object) != simdjson::SUCCESS) return std::nullopt;
  std::string key;
  for (size_t last = parts.size(); last > i; --last) {
    key.clear();
    for (size_t k = i; k < last; ++k) {
      if (k > i) key.push_back('.');
      key.append(parts[k]);
    }
    simdjson::dom::element child;
    if (object.at_key(key).get(child) == simdjson::SUCCESS) {
      if (auto found = FindFrom(child, parts, last)) return found;
    }
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
  std::string key;
  for (size_t last = parts.size(); last > i; --last) {
    key.clear();
    for (size_t k = i; k < last; ++k) {
      if (k > i) key.push_back('.');
      key.append(parts[k]);
    }
    simdjson::dom::element child;
    if (object.at_key(key).get(child) == simdjson::SUCCESS) Collect(child, parts, last, out);
  }
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
    : lines_(source), diag_(diag) {}

bool JsonLinesReader::Next(JsonRecord& record) {
  Line line;
  while (lines_.Next(line)) {
    size_t first = line.text.find_first_not_of(" \t");
    if (first == std::string_view::npos) continue;  // blank line
    // LineReader keeps kPadding readable bytes after every line, as simdjson requires.
    auto error = parser_.parse(line.text.data(), line.text.size(), false).get(record.root);
    const char* why = nullptr;
    if (error != simdjson::SUCCESS) {
      why = simdjson::error_message(error);
    } else if (!record.root.is_object()) {
      why = "the line is JSON but not an object";
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
