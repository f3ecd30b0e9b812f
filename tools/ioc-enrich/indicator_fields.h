// Which fields of a record hold indicators, and the indicators found in them.
#ifndef SECKIT_IOC_ENRICH_INDICATOR_FIELDS_H_
#define SECKIT_IOC_ENRICH_INDICATOR_FIELDS_H_

#include <array>
#include <string>
#include <vector>

#include "seckit/indicators.h"
#include "seckit/records.h"

namespace seckit::ioc_enrich {

// The ECS fields looked at when --field is not given (see the man page).
const std::vector<std::string>& DefaultIndicatorFields();

// An indicator in a record and the field it came from.
struct FieldIndicator {
  size_t field = 0;  // index into IndicatorFields::paths()
  Indicator indicator;
};

class IndicatorFields {
 public:
  explicit IndicatorFields(const std::vector<std::string>& dotted);

  // Appends the indicators in `record`'s fields to `out`: every value of each field (arrays
  // included) that is one indicator as a whole (libcommon's Classify: defanged forms, "ip:port",
  // URLs with a scheme …). A value found in several fields is reported once per field.
  void Collect(const JsonRecord& record, std::vector<FieldIndicator>& out);

  // Collect in two halves, so that a reader thread can find the values and another classify
  // them. ForEachValue calls sink(field, text) for every value of every field, in Collect's
  // order; AddIndicator appends the indicator `text` is, if any, unless `out` (the record's
  // indicators so far) already has it from the same field.
  template <typename Sink>
  void ForEachValue(const JsonRecord& record, Sink&& sink) {
    MarkCandidates(record.root);
    for (size_t i = 0; i < paths_.size(); ++i) {
      if (!candidate_[i]) continue;
      texts_.clear();
      CollectTexts(record.root, paths_[i], texts_);
      for (const std::string& text : texts_) sink(i, text);
    }
  }
  static void AddIndicator(size_t field, std::string_view text, std::vector<FieldIndicator>& out);

  const std::vector<FieldPath>& paths() const { return paths_; }

 private:
  // Marks in candidate_ the paths that a top-level key of `root` starts: the others cannot
  // match, and a record has few of the many default fields.
  void MarkCandidates(simdjson::dom::element root);

  std::vector<FieldPath> paths_;
  // Indexes into paths_ by the first byte of their first part; paths whose first part is empty
  // are always looked at.
  std::array<std::vector<size_t>, 256> by_first_byte_;
  std::vector<size_t> always_;
  std::vector<char> candidate_;     // per path, for the current record
  std::vector<std::string> texts_;  // reused between records
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_INDICATOR_FIELDS_H_
