// Diagnostics on stderr in the `TOOL: level: what (where)` form, with bad-input accounting.
#include "seckit/diag.h"

#include <string>

#include "seckit/redact.h"

namespace seckit {

void Diagnostics::Print(std::string_view level, std::string_view what, std::string_view where) {
  std::string line;
  line.reserve(tool_.size() + level.size() + what.size() + where.size() + 8);
  line.append(tool_).append(": ").append(level).append(": ").append(what);
  if (!where.empty()) line.append(" (").append(where).append(")");
  // The one place every message passes: no registered secret (API keys) ever reaches stderr.
  if (Redactor::Global().size() > 0) line = Redactor::Global().Redact(line);
  // A message may quote hostile input: keep it on one line and free of terminal escapes.
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  line.push_back('\n');
  // A diagnostic that cannot be written has nowhere left to be reported.
  (void)std::fwrite(line.data(), 1, line.size(), stream_);
  (void)std::fflush(stream_);
}

void Diagnostics::Error(std::string_view what, std::string_view where) {
  Print("error", what, where);
}

void Diagnostics::Warning(std::string_view what, std::string_view where) {
  if (!quiet_) Print("warning", what, where);
}

void Diagnostics::Note(std::string_view what, std::string_view where) {
  if (verbose_ && !quiet_) Print("note", what, where);
}

Status Diagnostics::BadInput(std::string_view what, std::string_view where) {
  const uint64_t count = ++bad_input_count_;
  if (strict_) {
    std::string message(what);
    if (!where.empty()) message.append(" (").append(where).append(")");
    return Status::DataError(std::move(message));
  }
  if (count <= kMaxBadInputMessages) Print("error", what, where);
  return Status::Ok();
}

void Diagnostics::Finish() {
  const uint64_t count = bad_input_count_;
  if (count > kMaxBadInputMessages) {
    Print("error",
          std::to_string(count) + " bad inputs in all; only the first " +
              std::to_string(kMaxBadInputMessages) + " were shown",
          {});
  }
}

}  // namespace seckit
