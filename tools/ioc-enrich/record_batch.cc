// Writing enriched records: the input's members as they came, plus threat.enrichments and ioc.
#include "record_batch.h"

#include <set>

#include "seckit/time.h"

namespace seckit::ioc_enrich {

void RecordBatch::AddRecord(const JsonRecord& record, std::vector<RecordMatch>& matches) {
  simdjson::dom::object object = record.root.get_object().value_unsafe();
  AddRecordText(record.raw,
                object["threat"].error() != simdjson::NO_SUCH_FIELD ||
                    object["ioc"].error() != simdjson::NO_SUCH_FIELD,
                matches);
}

void RecordBatch::AddRecordText(std::string_view text, bool merge,
                                std::vector<RecordMatch>& matches) {
  Entry entry;
  SetText(entry, text);
  entry.merge = merge;
  entry.first = matches_.size();
  entry.count = matches.size();
  for (RecordMatch& m : matches) matches_.push_back(std::move(m));
  entries_.push_back(entry);
}

void RecordBatch::SetText(Entry& entry, std::string_view text) {
  entry.text_begin = texts_.size();
  texts_.append(text);
  entry.text_end = texts_.size();
}

void RecordBatch::AddListed(RecordMatch match, const std::string& path, uint64_t line) {
  Entry entry;
  SetText(entry, path);
  entry.listed = true;
  entry.line = line;
  entry.first = matches_.size();
  entry.count = 1;
  matches_.push_back(std::move(match));
  entries_.push_back(entry);
}

void RecordBatch::Flush() {
  std::vector<LookupError> errors;
  for (const Entry& entry : entries_) {
    RecordSummary summary;
    errors.clear();
    for (size_t i = entry.first; i < entry.first + entry.count; ++i) {
      const RecordMatch& m = matches_[i];
      for (const Enrichment& e : m.resolution->enrichments) summary.Add(e);
      for (const auto& [provider, error] : m.resolution->errors) {
        errors.push_back({provider, m.indicator.value, error});
      }
    }
    if (min_score_ >= 0 && (summary.enrichments == 0 || summary.score < min_score_)) {
      ++dropped_;
      continue;
    }
    if (entry.listed) {
      WriteListed(entry, summary, errors);
    } else if (summary.enrichments == 0 && errors.empty()) {
      w_.out().Write(Text(entry));  // nothing to add: the record as it came
      w_.out().Write("\n");
      w_.out().RecordDone();
    } else {
      WriteRecord(entry, summary, errors);
    }
    ++written_;
  }
  entries_.clear();
  matches_.clear();
  texts_.clear();
}

void RecordBatch::WriteEnrichments(const Entry& entry) {
  for (size_t i = entry.first; i < entry.first + entry.count; ++i) {
    WriteMatchEnrichments(matches_[i]);
  }
}

// Entries depend only on the resolution (and so the indicator) and the field: the first time
// they are written, their text is kept in the resolution and later copied as it is.
void RecordBatch::WriteMatchEnrichments(const RecordMatch& m) {
  const Resolution& r = *m.resolution;
  if (r.enrichments.empty()) return;
  for (const auto& [field, json] : r.json_by_field) {
    if (field == m.field) {
      w_.RawJson(json);
      return;
    }
  }
  const std::string& written = w_.out().buffer();
  const size_t start = written.size();
  for (const Enrichment& e : r.enrichments) WriteEnrichment(w_, e, m.indicator, m.field);
  if (r.pending != 0) return;  // not final yet (never so when written, but cheap to be sure)
  std::string_view json = std::string_view(written).substr(start);
  if (json.front() == ',') json.remove_prefix(1);  // the separator belongs to the array
  r.json_by_field.emplace_back(m.field, json);
}

// The input's threat object with our entries added to its enrichments. Entries of a source this
// run also asked (an earlier run of ioc-enrich) are replaced, so enriching twice adds nothing.
void RecordBatch::WriteThreatMerged(simdjson::dom::element threat, const Entry& entry) {
  std::set<std::string, std::less<>> ours;
  for (size_t i = entry.first; i < entry.first + entry.count; ++i) {
    for (const Enrichment& e : matches_[i].resolution->enrichments) ours.insert(e.provider);
  }
  w_.BeginObject("threat");
  simdjson::dom::object object;
  if (threat.get_object().get(object) == simdjson::SUCCESS) {
    for (simdjson::dom::key_value_pair member : object) {
      if (member.key == "enrichments") continue;
      w_.Key(member.key);
      w_.RawJson(simdjson::minify(member.value));
    }
  }
  w_.BeginArray("enrichments");
  simdjson::dom::array old;
  if (threat["enrichments"].get_array().get(old) == simdjson::SUCCESS) {
    for (simdjson::dom::element e : old) {
      std::string_view provider;
      if (e.at_pointer("/indicator/provider").get_string().get(provider) == simdjson::SUCCESS &&
          ours.count(provider) != 0) {
        continue;
      }
      w_.RawJson(simdjson::minify(e));
    }
  }
  WriteEnrichments(entry);
  w_.EndArray();
  w_.EndObject();
}

void RecordBatch::WriteRecord(const Entry& entry, const RecordSummary& summary,
                              const std::vector<LookupError>& errors) {
  w_.BeginRecord();
  bool threat_written = false;
  if (!entry.merge) {
    w_.RawMembers(ObjectMembers(Text(entry)));
  } else {
    simdjson::dom::object object;
    const std::string_view text = Text(entry);
    if (parser_.parse(text.data(), text.size(), true).get_object().get(object) ==
        simdjson::SUCCESS) {
      for (simdjson::dom::key_value_pair member : object) {
        if (member.key == "ioc") continue;  // ours: replaced below
        if (member.key == "threat") {
          WriteThreatMerged(member.value, entry);
          threat_written = true;
          continue;
        }
        w_.Key(member.key);
        w_.RawJson(simdjson::minify(member.value));
      }
    }
  }
  if (!threat_written) {
    w_.BeginObject("threat");
    w_.BeginArray("enrichments");
    WriteEnrichments(entry);
    w_.EndArray();
    w_.EndObject();
  }
  WriteSummary(w_, summary, errors);
  w_.EndRecord();
}

void RecordBatch::WriteListed(const Entry& entry, const RecordSummary& summary,
                              const std::vector<LookupError>& errors) {
  const RecordMatch& m = matches_[entry.first];
  w_.BeginRecord();
  char now[kMaxRfc3339Size];
  w_.Field("@timestamp", std::string_view(now, FormatRfc3339To(Now(), 6, now)));
  w_.BeginObject("event");
  w_.Field("dataset", "ioc.indicator");
  w_.Field("kind", "enrichment");
  w_.Field("module", "ioc");
  w_.EndObject();
  w_.BeginObject("threat");
  w_.BeginObject("indicator");
  WriteIndicatorFields(w_, m.indicator);
  w_.EndObject();
  w_.BeginArray("enrichments");
  WriteEnrichments(entry);
  w_.EndArray();
  w_.EndObject();
  w_.BeginObject("log");
  w_.BeginObject("file");
  if (Text(entry) != "-") w_.Field("path", Text(entry));
  w_.Field("line", entry.line);
  w_.EndObject();
  w_.EndObject();
  WriteSummary(w_, summary, errors);
  w_.EndRecord();
}

}  // namespace seckit::ioc_enrich
