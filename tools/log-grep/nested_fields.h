// Writing flat ECS fields ("source.ip" = "…") as the nested objects the record contract asks for.
#ifndef SECKIT_LOG_GREP_NESTED_FIELDS_H_
#define SECKIT_LOG_GREP_NESTED_FIELDS_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "seckit/json_writer.h"

namespace seckit::log_grep {

// One field to write: a dotted name and a view of its value (text or number).
struct FieldRef {
  std::string_view key;  // a string literal (see LogField): the layout cache below keys on it
  std::string_view text;
  int64_t number = 0;
  bool is_number = false;
};

// Writes fields into the open record as nested objects, sorted by name (for equal names the
// first wins). ECS fields that are arrays (event.category, event.type, related.*) get their
// value wrapped in an array.
//
// Parsers add fields in a few fixed orders, so the work that depends only on the names (sorting,
// splitting at dots, the JSON text between the values) is done once per sequence of names and
// kept as a layout; each record then only writes its values into that text.
class NestedFieldWriter {
 public:
  void Write(JsonWriter& w, std::span<const FieldRef> fields);

 private:
  struct Step {
    uint32_t field;   // index into the fields
    uint32_t begin;   // the JSON text before the value: text[begin, end)
    uint32_t end;
    bool array;       // the value is wrapped in [ ]
  };
  struct Layout {
    std::vector<std::string_view> keys;  // the names, in the order the fields came
    std::vector<Step> steps;             // in the order they are written
    std::string text;                    // closing braces and keys, shared by the steps
    uint32_t tail = 0;                   // text[tail, end): the braces after the last value
  };

  const Layout& Find(std::span<const FieldRef> fields);
  static Layout Plan(std::span<const FieldRef> fields);

  std::vector<Layout> layouts_;
  std::unordered_multimap<uint64_t, size_t> by_hash_;  // hash of the names -> layouts_ index
  size_t last_ = 0;                                    // the layout used last
};

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_NESTED_FIELDS_H_
