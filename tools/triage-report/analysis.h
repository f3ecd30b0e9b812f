// Analysis: everything the report needs, gathered from a stream of records in bounded memory.
//
// Add() is called once per record; it counts (records per dataset, top talkers, domains, ports,
// hosts, an event-time histogram), applies the rules and files matching records under findings,
// and notes where each address, domain and hash was seen (network, logs, disk, firewall, alerts,
// intel) for the pivot. Every table is bounded (Limits): counts are exact until a table holds
// `max_distinct` keys, approximate after (FrequentCounter), and the report says so.
#ifndef SECKIT_TRIAGE_REPORT_ANALYSIS_H_
#define SECKIT_TRIAGE_REPORT_ANALYSIS_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "frequent_counter.h"
#include "record_view.h"
#include "rules.h"
#include "seckit/time.h"
#include "severity.h"
#include "time_histogram.h"

namespace seckit::triage_report {

struct Limits {
  size_t max_distinct = 100'000;  // keys per counting table before counts become approximate
  size_t max_findings = 10'000;   // findings kept; records of further ones are only counted
  size_t max_citations = 20;      // records cited per finding
};

// Where a record came from, for the pivot.
enum class Category { kNetwork, kLogs, kDisk, kFirewall, kAlerts, kIntel, kOther };
inline constexpr size_t kCategoryCount = 7;
std::string_view CategoryName(Category c);

struct Sighting {
  std::array<uint32_t, kCategoryCount> counts{};
  TimeNs first = 0, last = 0;
  bool timed = false;
  bool address = false;  // seen in an address field
};

// A set of 64-bit hashes in one flat table (open addressing), holding at most `max_size`.
class HashSet64 {
 public:
  explicit HashSet64(size_t max_size);
  // True when `h` was not in the set (and is now, unless the set is full).
  bool Insert(uint64_t h);
  // Starts loading the slot Insert(h) will look at first.
  void Prefetch(uint64_t h) const {
    __builtin_prefetch(&slots_[(h == 0 ? 1 : h) & (slots_.size() - 1)]);
  }

 private:
  std::vector<uint64_t> slots_;
  size_t size_ = 0, max_size_;
};

// One record a finding rests on.
struct Citation {
  std::string input;  // the input file ("-" for standard input)
  uint64_t line = 0;  // its line in that input
  std::optional<TimeNs> time;
  std::string origin;   // where the record itself came from: "auth.log:15", "incident.pcap#1231"
  std::string summary;  // a short description of the record
};

struct Finding {
  const Rule* rule = nullptr;
  std::string title;
  std::vector<std::string> group;  // the group_by values
  Severity severity = Severity::kInfo;
  uint64_t count = 0;
  std::optional<TimeNs> first, last;
  std::vector<Citation> citations;
  std::vector<std::string> indicators;
  std::vector<std::string> datasets;
  std::string recommendation;
};

class Analysis {
 public:
  Analysis(std::vector<Rule> rules, const Limits& limits);

  void Add(const RecordView& view, const std::string& input, uint64_t line);
  // Starts loading the slot of the set of record origins Add(view) will look at, for a record to
  // be added soon (StreamRecords' `prepare`): that set is too large for the cache, and its
  // lookups were a tenth of the analysis thread's time.
  void Prefetch(const RecordView& view) const;

  const Limits& limits() const { return limits_; }
  uint64_t records() const { return records_; }
  uint64_t duplicates() const { return duplicates_; }
  uint64_t untimed() const { return untimed_; }
  std::optional<TimeNs> first_time() const { return first_; }
  std::optional<TimeNs> last_time() const { return last_; }
  const FrequentCounter<>& datasets() const { return datasets_; }
  const FrequentCounter<>& talkers() const { return talkers_; }
  const FrequentCounter<>& talker_bytes() const { return talker_bytes_; }
  const FrequentCounter<>& domains() const { return domains_; }
  const FrequentCounter<>& ports() const { return ports_; }
  const FrequentCounter<>& hosts() const { return hosts_; }
  // Distinct addresses among the sightings (a lower bound once that table is approximate).
  uint64_t distinct_addresses() const;
  const FrequentCounter<Sighting>& sightings() const { return sightings_; }
  const std::vector<Finding>& findings() const { return findings_; }
  uint64_t findings_dropped() const { return findings_dropped_; }
  const TimeHistogram& all_events() const { return all_events_; }
  const TimeHistogram& notable_events() const { return notable_events_; }

 private:
  bool SeenBefore(const RecordView& view);
  void Count(const RecordView& view);
  void NoteSightings(const RecordView& view, Category category, bool repeat);
  void File(const Rule& rule, const RecordView& view, const std::string& input, uint64_t line);
  Finding* FindingFor(const Rule& rule, const RecordView& view);

  std::vector<Rule> rules_;
  Limits limits_;
  uint64_t records_ = 0, duplicates_ = 0, untimed_ = 0;
  std::optional<TimeNs> first_, last_;
  FrequentCounter<> datasets_, talkers_, talker_bytes_, domains_, ports_, hosts_;
  FrequentCounter<Sighting> sightings_;
  HashSet64 identities_;  // origins of the records already counted (at most max_distinct)
  std::vector<Finding> findings_;
  std::unordered_map<std::string, size_t> finding_index_;
  uint64_t findings_dropped_ = 0;
  TimeHistogram all_events_, notable_events_;
  std::vector<std::string_view> scratch_;
  std::string text_;
};

}  // namespace seckit::triage_report

#endif  // SECKIT_TRIAGE_REPORT_ANALYSIS_H_
