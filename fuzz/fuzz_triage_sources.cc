// Fuzzes triage-report's reading of a record: format detection and the Zeek / Suricata / ECS field
// mapping (RecordView, source_formats.cc), the field index built over the parsed record
// (FieldIndex), and the analysis every record goes through, ending with a report built from it.
// The input is JSON lines, each parsed as the records reader does. Checks: Text agrees with the
// first of Texts and Has with both; every string the index files under a field is one the slow
// lookup (CollectTexts) finds for that field too, within the slow lookup's limits.
#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "field_index.h"
#include "fuzz_check.h"
#include "record_view.h"
#include "report.h"
#include "rules.h"
#include "seckit/records.h"

namespace seckit::triage_report {
namespace {

// ECS fields the analysis, the rules and the report read, plus some the mappings produce.
const std::vector<Field>& Fields() {
  static const std::vector<Field> fields = [] {
    std::vector<Field> out;
    for (const char* name :
         {"@timestamp", "event.kind", "event.module", "event.dataset", "event.severity",
          "event.action", "event.category", "event.outcome", "source.ip", "source.port",
          "destination.ip", "destination.port", "source.bytes", "network.transport",
          "network.community_id", "rule.name", "rule.id", "message", "dns.question.name",
          "dns.answers.data", "url.domain", "url.original", "http.response.status_code",
          "tls.client.server_name", "related.ip", "user.name", "threat.enrichments.matched.atomic",
          "file.path", "host.name", "a.b.c"}) {
      out.push_back(Field::Of(name));
    }
    return out;
  }();
  return fields;
}

// The most members of one object in `value` whose keys start with the same name before any dot
// ("a", "a.b", "a.c" share "a"). The slow lookup follows at most 8 members of one object that
// spell part of a path (libcommon's kMaxDottedMatches), the index all of them, so the two are
// compared only on records where that limit is not reached.
size_t MostAlikeMembers(simdjson::dom::element value) {
  size_t most = 0;
  simdjson::dom::object object;
  simdjson::dom::array array;
  if (value.get_object().get(object) == simdjson::SUCCESS) {
    std::map<std::string_view, size_t> by_head;
    for (simdjson::dom::key_value_pair member : object) {
      const std::string_view head = member.key.substr(0, member.key.find('.'));
      most = std::max({most, ++by_head[head], MostAlikeMembers(member.value)});
    }
  } else if (value.get_array().get(array) == simdjson::SUCCESS) {
    for (simdjson::dom::element element : array) most = std::max(most, MostAlikeMembers(element));
  }
  return most;
}

void CheckField(const RecordView& view, const FieldIndex& index, const JsonRecord& record,
                bool compare_slow, const Field& field) {
  std::vector<std::string_view> texts;
  view.Texts(field, texts);
  std::string_view first;
  const bool has_text = view.Text(field, first);
  SECKIT_FUZZ_CHECK(has_text == !texts.empty());
  if (has_text) SECKIT_FUZZ_CHECK(first == texts.front());
  if (!texts.empty()) SECKIT_FUZZ_CHECK(view.Has(field));
  (void)view.Int(field);
  (void)view.AnyText(field, [](std::string_view t) { return t.size() == 3; });

  // The index against the slow path, for strings (numbers may be spelt differently).
  if (!compare_slow || !index.Covers(field)) return;
  std::vector<std::string> slow;
  CollectTexts(record.root, field.path, slow);
  for (simdjson::dom::element value : index.Values(field)) {
    std::string_view text;
    if (!value.is_string() || !index.AsText(value, text)) continue;
    SECKIT_FUZZ_CHECK(std::find(slow.begin(), slow.end(), text) != slow.end());
  }
}

}  // namespace
}  // namespace seckit::triage_report

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  using namespace seckit::triage_report;
  if (size > (1u << 16)) return 0;
  static const bool registered = [] {
    RegisterSourceFormatFields();
    Fields();
    return true;
  }();
  (void)registered;
  static simdjson::dom::parser parser;

  static const std::vector<Rule> rules = DefaultRules();
  // Small limits: the tables turn approximate and findings are dropped within a small input.
  Limits limits;
  limits.max_distinct = 16;
  limits.max_findings = 8;
  limits.max_citations = 2;
  Analysis analysis(rules, limits);
  FieldIndex index;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  uint64_t line_number = 0;
  while (!input.empty()) {
    const size_t end = input.find('\n');
    const std::string_view line = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    ++line_number;
    JsonRecord record;
    if (parser.parse(line.data(), line.size(), true).get(record.root) != simdjson::SUCCESS ||
        !record.root.is_object()) {
      continue;
    }
    record.raw = line;
    record.line_number = line_number;
    const RecordView view(record, index);
    const bool compare_slow = MostAlikeMembers(record.root) <= 8;
    for (const Field& field : Fields()) CheckField(view, index, record, compare_slow, field);
    analysis.Add(view, "fuzz.jsonl", line_number);
  }
  ReportSettings settings;
  const Report report = BuildReport(analysis, settings);
  (void)report;
  return 0;
}
