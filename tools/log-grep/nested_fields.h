// Writing flat ECS fields ("source.ip" = "…") as the nested objects the record contract asks for.
#ifndef SECKIT_LOG_GREP_NESTED_FIELDS_H_
#define SECKIT_LOG_GREP_NESTED_FIELDS_H_

#include <span>

#include "log_event.h"
#include "seckit/json_writer.h"

namespace seckit::log_grep {

// Writes `fields` (sorted here by name; for equal names the first wins) into the open record as
// nested objects. ECS fields that are arrays (event.category, event.type, related.*) get their
// value wrapped in an array.
void WriteNestedFields(JsonWriter& w, std::span<LogField> fields);

}  // namespace seckit::log_grep

#endif  // SECKIT_LOG_GREP_NESTED_FIELDS_H_
