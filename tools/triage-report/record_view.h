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

#include <forward_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "field_index.h"
#include "seckit/records.h"
#include "seckit/time.h"

namespace seckit::triage_report {

enum class SourceFormat { kEcs, kZeek, kSuricata };

// An ECS field a foreign format provides: read from the first of its native fields present.
struct FieldAlias {
  Field ecs;
  std::vector<Field> native;
};

class RecordView {
 public:
  // Indexes `record` into `index` (reused from record to record; both must outlive the view)
  // and works out the record's format.
  RecordView(const JsonRecord& record, FieldIndex& index);

  SourceFormat format() const { return format_; }
  const JsonRecord& record() const { return record_; }
  // The record's time: @timestamp, Zeek's ts (epoch seconds or ISO 8601), Suricata's timestamp.
  std::optional<TimeNs> time() const { return time_; }

  // A hash of where the record itself came from (its log file and offset, or its capture and
  // frame, and its dataset), the same for every copy of the record whichever input holds it;
  // nullopt when the record does not say. Worked out on the first call (record_origin.cc).
  std::optional<uint64_t> OriginKey() const;
  // The same origin for people: "auth.log:15" (log line), "capture.pcap#1231" (frame),
  // "auth.log@120" (offset), "id 42" (event.id); empty when the record does not say.
  std::string OriginText() const;

  // The field's first scalar value as text; false when absent. Views live as long as the view.
  bool Text(const Field& field, std::string_view& out) const;
  bool Text(const Field& field, std::string& out) const;
  // Every scalar value of the field as text (arrays expanded), appended to `out`.
  void Texts(const Field& field, std::vector<std::string_view>& out) const;
  // Present with any value, scalar or not.
  bool Has(const Field& field) const;
  // The first value as an integer, when it is a JSON integer (or a string holding one).
  std::optional<int64_t> Int(const Field& field) const;
  // Whether `pred(text)` holds for some scalar value of the field; no allocation on the hot path.
  template <typename Pred>
  bool AnyText(const Field& field, Pred&& pred) const {
    if (format_ == SourceFormat::kEcs && index_.Covers(field)) {
      std::string_view text;
      for (simdjson::dom::element value : index_.Values(field)) {
        if (index_.AsText(value, text) && pred(text)) return true;
      }
      return false;
    }
    std::vector<std::string_view> values;
    Texts(field, values);
    for (std::string_view text : values) {
      if (pred(text)) return true;
    }
    return false;
  }

 private:
  const std::string* Constant(const Field& field) const;
  const FieldAlias* Alias(const Field& field) const;
  void Direct(const Field& field, std::vector<std::string_view>& out) const;

  const JsonRecord& record_;
  const FieldIndex& index_;
  SourceFormat format_ = SourceFormat::kEcs;
  std::optional<TimeNs> time_;
  // Fields a mapping fixes for this record (event.dataset, event.kind, event.severity, ...).
  std::vector<std::pair<int, std::string>> constants_;
  const std::vector<FieldAlias>* aliases_ = nullptr;
  // Texts found by the slow path. A forward_list: an empty std::deque allocates, and a view is
  // made for every record (and, with --threads, freed on the other thread, which made glibc's
  // arenas contend for their locks).
  mutable std::forward_list<std::string> slow_;
  mutable bool origin_key_known_ = false;
  mutable std::optional<uint64_t> origin_key_;
};

// The alias tables of the foreign formats.
const std::vector<FieldAlias>& ZeekAliases(std::string_view log);
const std::vector<FieldAlias>& SuricataAliases(std::string_view event_type);
// Registers every field the formats use, so the first record of each is indexed in full.
void RegisterSourceFormatFields();

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_RECORD_VIEW_H_
