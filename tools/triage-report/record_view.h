// RecordView: one input record seen through ECS field names, whatever its source format — seckit
// records and other ECS JSON as they are, Zeek JSON logs (conn, dns, http, ssl, notice) and
// Suricata eve.json (alert, flow, dns, http, tls) through a mapping of their own field names.
//
// Formats are told apart per line, so one input may mix them: a record with "@timestamp" or
// "event" is ECS; one with "event_type" and "timestamp" is Suricata; one with "ts" and "uid" (or
// "id.orig_h") is Zeek, the log named by "_path" or else by the fields it has. The mapping is in
// source_formats.cc and documented in the man page (INPUT FORMATS).
#ifndef SECKIT_TRIAGE_REPORT_RECORD_VIEW_H_
#define SECKIT_TRIAGE_REPORT_RECORD_VIEW_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seckit/records.h"
#include "seckit/time.h"

namespace seckit::triage_report {

enum class SourceFormat { kEcs, kZeek, kSuricata };

// The ECS fields a foreign format provides: each ECS path read from the first of its native paths
// present.
struct FieldAlias {
  FieldPath ecs;
  std::vector<FieldPath> native;
};

class RecordView {
 public:
  // Looks at `record` (which must outlive the view) and works out its format.
  explicit RecordView(const JsonRecord& record);

  SourceFormat format() const { return format_; }
  const JsonRecord& record() const { return record_; }
  // The record's time: @timestamp, Zeek's ts (epoch seconds or ISO 8601), Suricata's timestamp.
  std::optional<TimeNs> time() const { return time_; }

  // The field's value as text (scalars only); false when absent.
  bool Text(const FieldPath& path, std::string& out) const;
  // Every value at `path` as text (arrays expanded, as CollectTexts does).
  void Texts(const FieldPath& path, std::vector<std::string>& out) const;
  bool Has(const FieldPath& path) const;

 private:
  const std::string* Constant(const FieldPath& path) const;
  const FieldAlias* Alias(const FieldPath& path) const;

  const JsonRecord& record_;
  SourceFormat format_ = SourceFormat::kEcs;
  std::optional<TimeNs> time_;
  // Fields a mapping fixes for this record (event.dataset, event.kind, event.severity, ...).
  std::vector<std::pair<std::string, std::string>> constants_;
  const std::vector<FieldAlias>* aliases_ = nullptr;
};

// The alias tables of the foreign formats, for the documentation and tests.
const std::vector<FieldAlias>& ZeekAliases(std::string_view log);
const std::vector<FieldAlias>& SuricataAliases(std::string_view event_type);

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_RECORD_VIEW_H_
