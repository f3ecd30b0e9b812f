// Records waiting for their online lookups: read in order, resolved together, written in order.
// A batch ends after kMaxRecords records, kMaxBytes of text or kMaxLookups new online lookups
// (or after every record with --line-buffered), so memory stays bounded on endless input while
// the providers still get many requests at once.
#ifndef SECKIT_IOC_ENRICH_RECORD_BATCH_H_
#define SECKIT_IOC_ENRICH_RECORD_BATCH_H_

#include <cstddef>
#include <string>
#include <vector>

#include "enrichment_json.h"
#include "indicator_fields.h"
#include "resolver.h"
#include "seckit/json_writer.h"
#include "seckit/records.h"

namespace seckit::ioc_enrich {

// One indicator of one record, with what the sources said (filled in by the Resolver).
struct RecordMatch {
  std::string_view field;  // the ECS field it was found in (outlives the batch)
  Indicator indicator;
  const Resolution* resolution = nullptr;
};

class RecordBatch {
 public:
  static constexpr size_t kMaxRecords = 16384;
  static constexpr size_t kMaxBytes = 64 << 20;
  static constexpr size_t kMaxLookups = 4096;

  // min_score: write only records whose summary score reaches it (-1: every record).
  RecordBatch(JsonWriter& writer, int min_score) : w_(writer), min_score_(min_score) {}

  // Queues an input record (its text is copied) with the indicators found in it.
  void AddRecord(const JsonRecord& record, std::vector<RecordMatch>& matches);
  // The same for a record read ahead: its text, and whether it has a threat or ioc member.
  void AddRecordText(std::string_view text, bool merge, std::vector<RecordMatch>& matches);
  // Queues an indicator from a plain list (-i), written as an ioc.indicator record.
  void AddListed(RecordMatch match, const std::string& path, uint64_t line);

  bool full(size_t pending_lookups) const {
    return entries_.size() >= kMaxRecords || texts_.size() >= kMaxBytes ||
           pending_lookups >= kMaxLookups;
  }
  bool empty() const { return entries_.empty(); }

  // Writes every queued record (their resolutions must be complete) and empties the batch.
  void Flush();

  uint64_t written() const { return written_; }
  uint64_t dropped() const { return dropped_; }  // below --min-score

 private:
  struct Entry {
    // The record's JSON text, or the list file's path for a listed one: texts_[begin, end).
    size_t text_begin = 0, text_end = 0;
    bool listed = false;
    bool merge = false;           // has a threat or ioc member: rewritten through the parser
    uint64_t line = 0;            // listed: the line number in the list
    size_t first = 0, count = 0;  // its matches in matches_
  };
  // Appends `text` to texts_ as the entry's text.
  void SetText(Entry& entry, std::string_view text);
  std::string_view Text(const Entry& entry) const {
    return std::string_view(texts_).substr(entry.text_begin, entry.text_end - entry.text_begin);
  }
  void WriteRecord(const Entry& entry, const RecordSummary& summary,
                   const std::vector<LookupError>& errors);
  void WriteListed(const Entry& entry, const RecordSummary& summary,
                   const std::vector<LookupError>& errors);
  void WriteEnrichments(const Entry& entry);
  void WriteMatchEnrichments(const RecordMatch& match);
  void WriteThreatMerged(simdjson::dom::element threat, const Entry& entry);

  JsonWriter& w_;
  int min_score_;
  std::vector<Entry> entries_;
  std::vector<RecordMatch> matches_;
  std::string texts_;  // the entries' texts one after another: no allocation per record
  uint64_t written_ = 0;
  uint64_t dropped_ = 0;
  simdjson::dom::parser parser_;  // for records that already have threat or ioc members
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_RECORD_BATCH_H_
