// FieldIndex: every field the report looks at, found in one walk over a record instead of one
// search per lookup — the hot path of triage-report.
//
// Fields are registered once, before reading, with their ECS dotted names (Field::Of). The
// registry keeps them in a trie of key names that also holds every dotted spelling of a path
// ({"source":{"ip":..}}, {"source.ip":..}, and for Zeek {"id.orig_h":..}), so one walk over a
// parsed record visits only the keys some field needs and files each value under its field.
// Arrays are expanded: an array of scalars gives one value per element, an array of objects is
// walked element by element (threat.enrichments[].matched.atomic). A field registered after a
// record was indexed is looked up in that record the slow way (CollectTexts), so lookups are
// always correct.
#ifndef SECKIT_TRIAGE_REPORT_FIELD_INDEX_H_
#define SECKIT_TRIAGE_REPORT_FIELD_INDEX_H_

#include <simdjson.h>

#include <array>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/records.h"

namespace seckit::triage_report {

// A registered field: its slot in every FieldIndex, and its name.
struct Field {
  int slot = -1;
  FieldPath path{""};
  static Field Of(std::string_view dotted);  // registers the name once; thread-compatible
};

class FieldRegistry {
 public:
  static FieldRegistry& Global();

  int Register(std::string_view dotted);
  int size() const { return static_cast<int>(names_.size()); }

  struct Node {
    int slot = -1;
    // Children by key length (keys longer than kMaxKey share the last list).
    static constexpr size_t kMaxKey = 24;
    std::array<std::vector<std::pair<std::string, int>>, kMaxKey + 1> children;
    bool has_children = false;
    int Child(std::string_view key) const;
  };
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  FieldRegistry() { nodes_.emplace_back(); }
  int AddChild(int node, const std::string& key);
  void Insert(int node, const std::vector<std::string>& parts, size_t from, int slot);

  std::vector<std::string> names_;
  std::vector<Node> nodes_;
};

class FieldIndex {
 public:
  // Indexes `root` (an object) for every field registered so far.
  void Build(simdjson::dom::element root);

  // The values filed under `field` (elements of arrays already expanded). Empty when absent.
  const std::vector<simdjson::dom::element>& Values(const Field& field) const;
  // Whether `field` was registered before Build (else Values is not authoritative).
  bool Covers(const Field& field) const { return field.slot >= 0 && field.slot < covered_; }

  // Scalar as text: strings as they are, numbers and booleans in JSON form (kept in a pool that
  // lives until the next Build). False for null, objects and arrays.
  bool AsText(simdjson::dom::element value, std::string_view& out) const;

 private:
  void Walk(simdjson::dom::object object, int node);
  void File(int slot, simdjson::dom::element value);

  std::vector<std::vector<simdjson::dom::element>> values_;
  std::vector<int> touched_;
  int covered_ = 0;
  mutable std::deque<std::string> numbers_;
  mutable size_t numbers_used_ = 0;
};

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_FIELD_INDEX_H_
