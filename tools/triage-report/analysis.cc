// Analysis::Add: counting, pivot sightings and filing records under findings.
#include "analysis.h"

#include <algorithm>
#include <charconv>

namespace seckit::triage_report {
namespace {

// The fields every record is read through, registered once at start-up. (cert-err58-cpp: an
// allocation failure before main ends the program with or without these tables.)
// NOLINTBEGIN(cert-err58-cpp)
const Field kDataset = Field::Of("event.dataset");
const Field kModule = Field::Of("event.module");
const Field kKind = Field::Of("event.kind");
const Field kSourceIp = Field::Of("source.ip");
const Field kDestinationIp = Field::Of("destination.ip");
const Field kDestinationPort = Field::Of("destination.port");
const Field kTransport = Field::Of("network.transport");
const Field kNetworkBytes = Field::Of("network.bytes");
const Field kSourceBytes = Field::Of("source.bytes");
const Field kDestinationBytes = Field::Of("destination.bytes");
const Field kMessage = Field::Of("message");
const Field kThreat = Field::Of("threat.enrichments.matched.atomic");
const Field kHostFields[] = {Field::Of("host.hostname"), Field::Of("host.name"),
                             Field::Of("observer.hostname")};
const Field kDomainFields[] = {Field::Of("dns.question.name"), Field::Of("url.domain"),
                               Field::Of("tls.client.server_name")};
const Field kAddressFields[] = {kSourceIp, kDestinationIp, Field::Of("related.ip"),
                                Field::Of("fw.address")};
const Field kHashFields[] = {Field::Of("file.hash.sha256"), Field::Of("file.hash.md5"),
                             Field::Of("file.hash.sha1")};
// NOLINTEND(cert-err58-cpp)

constexpr std::string_view kCategoryNames[kCategoryCount] = {"network", "logs",  "disk", "firewall",
                                                             "alerts",  "intel", "other"};

Category CategoryOf(const RecordView& view) {
  std::string_view text;
  if (view.Text(kModule, text)) {
    if (text == "pcap" || text == "zeek" || text == "suricata") return Category::kNetwork;
    if (text == "log") return Category::kLogs;
    if (text == "disk-carve") return Category::kDisk;
    if (text == "fw-block") return Category::kFirewall;
    if (text == "anomaly-detect") return Category::kAlerts;
  }
  if (view.Text(kDataset, text)) {
    if (text.starts_with("pcap.") || text.starts_with("zeek.") || text.starts_with("suricata."))
      return Category::kNetwork;
    if (text.starts_with("log.")) return Category::kLogs;
    if (text.starts_with("disk.")) return Category::kDisk;
    if (text.starts_with("fw.")) return Category::kFirewall;
  }
  if (view.Text(kKind, text) && text == "alert") return Category::kAlerts;
  return Category::kOther;
}

std::string Summary(const RecordView& view) {
  std::string text;
  if (!view.Text(kMessage, text)) {
    std::string_view dataset, source, destination, port, domain;
    view.Text(kDataset, dataset);
    view.Text(kSourceIp, source);
    view.Text(kDestinationIp, destination);
    view.Text(kDestinationPort, port);
    text = dataset;
    if (!source.empty()) text += " " + std::string(source);
    if (!destination.empty()) {
      text += " -> " + std::string(destination);
      if (!port.empty()) text += ":" + std::string(port);
    }
    for (const Field& f : kDomainFields) {
      if (view.Text(f, domain)) {
        text += " " + std::string(domain);
        break;
      }
    }
  }
  constexpr size_t kMaxSummary = 200;
  if (text.size() > kMaxSummary) {
    size_t cut = kMaxSummary;  // not inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
  }
  return text;
}

void Extend(std::optional<TimeNs>& first, std::optional<TimeNs>& last, TimeNs t) {
  if (!first || t < *first) first = t;
  if (!last || t > *last) last = t;
}

void AddUnique(std::vector<std::string>& list, std::string_view value, size_t cap) {
  if (list.size() >= cap) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.emplace_back(value);
}

}  // namespace

std::string_view CategoryName(Category c) { return kCategoryNames[static_cast<size_t>(c)]; }

HashSet64::HashSet64(size_t max_size) : max_size_(max_size) {
  size_t capacity = 16;
  while (capacity < 2 * max_size) capacity *= 2;
  slots_.assign(capacity, 0);
}

bool HashSet64::Insert(uint64_t h) {
  if (h == 0) h = 1;  // 0 marks an empty slot
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return false;
    if (slots_[i] == 0) {
      if (size_ >= max_size_) return true;  // full: no longer remembered, counted as new
      slots_[i] = h;
      ++size_;
      return true;
    }
  }
}

uint64_t Analysis::distinct_addresses() const {
  uint64_t n = 0;
  for (const auto& [key, entry] : sightings_.entries()) n += entry.payload.address;
  return n;
}

Analysis::Analysis(std::vector<Rule> rules, const Limits& limits)
    : rules_(std::move(rules)),
      limits_(limits),
      datasets_(limits.max_distinct),
      talkers_(limits.max_distinct),
      talker_bytes_(limits.max_distinct),
      domains_(limits.max_distinct),
      ports_(limits.max_distinct),
      hosts_(limits.max_distinct),
      sightings_(limits.max_distinct),
      identities_(limits.max_distinct) {
  RegisterSourceFormatFields();
}

// The same record often arrives more than once (logs.jsonl, log-ioc-hits.jsonl and enriched.jsonl
// all hold auth.log line 15): count it once. Identity is where the record came from — log file
// and offset, capture and frame — so only records that say so are recognised; the set stops
// growing at max_distinct, after which repeats are counted again.
bool Analysis::SeenBefore(const RecordView& view) {
  const std::optional<uint64_t> key = view.OriginKey();
  return key && !identities_.Insert(*key);
}

void Analysis::Prefetch(const RecordView& view) const {
  if (const std::optional<uint64_t> key = view.OriginKey()) identities_.Prefetch(*key);
}

void Analysis::Count(const RecordView& view) {
  std::string_view t;
  datasets_.Add(view.Text(kDataset, t) ? t : std::string_view("(none)"));
  int64_t bytes = 0;
  if (auto n = view.Int(kNetworkBytes)) {
    bytes = *n;
  } else {
    bytes = view.Int(kSourceBytes).value_or(0) + view.Int(kDestinationBytes).value_or(0);
  }
  if (view.Text(kSourceIp, t)) {
    talkers_.Add(t);
    if (bytes > 0) talker_bytes_.Add(t, static_cast<uint64_t>(bytes));
  }
  if (view.Text(kDestinationPort, t)) {
    text_.assign(t);
    std::string_view transport;
    if (view.Text(kTransport, transport)) {
      text_ += '/';
      text_ += transport;
    }
    ports_.Add(text_);
  }
  for (const Field& f : kDomainFields) {
    if (view.Text(f, t)) {
      domains_.Add(t);
      break;
    }
  }
  for (const Field& f : kHostFields) {
    if (view.Text(f, t)) {
      hosts_.Add(t);
      break;
    }
  }
}

void Analysis::NoteSightings(const RecordView& view, Category category, bool repeat) {
  Sighting ignored;
  auto note = [&](std::string_view key, Category c) -> Sighting& {
    if (key.empty()) return ignored;
    Sighting& s = sightings_.Add(key).payload;
    ++s.counts[static_cast<size_t>(c)];
    if (auto t = view.time()) {
      if (!s.timed || *t < s.first) s.first = *t;
      if (!s.timed || *t > s.last) s.last = *t;
      s.timed = true;
    }
    return s;
  };
  scratch_.clear();
  view.Texts(kThreat, scratch_);
  for (std::string_view key : scratch_) note(key, Category::kIntel);
  if (repeat) return;  // seen and counted already; only its enrichments may be new
  scratch_.clear();
  for (const Field& f : kAddressFields) view.Texts(f, scratch_);
  const size_t addresses = scratch_.size();
  for (const Field& f : kDomainFields) view.Texts(f, scratch_);
  for (const Field& f : kHashFields) view.Texts(f, scratch_);
  // A record names the same address in several fields (source.ip and related.ip): once each.
  for (size_t i = 0; i < scratch_.size(); ++i) {
    if (std::find(scratch_.begin(), scratch_.begin() + static_cast<ptrdiff_t>(i), scratch_[i]) !=
        scratch_.begin() + static_cast<ptrdiff_t>(i)) {
      continue;
    }
    Sighting& s = note(scratch_[i], category);
    if (i < addresses) s.address = true;
  }
}

Finding* Analysis::FindingFor(const Rule& rule, const RecordView& view) {
  std::string key = rule.id;
  std::string_view value;
  for (const Field& f : rule.group_by) {
    key += '\x1f';
    if (view.Text(f, value)) key += value;
  }
  auto it = finding_index_.find(key);
  if (it != finding_index_.end()) return &findings_[it->second];
  if (findings_.size() >= limits_.max_findings) return nullptr;
  finding_index_.emplace(std::move(key), findings_.size());
  Finding& f = findings_.emplace_back();
  f.rule = &rule;
  for (const Field& field : rule.group_by) {
    f.group.emplace_back(view.Text(field, value) ? value : std::string_view());
  }
  f.title = rule.title.Expand(view);
  f.severity = rule.SeverityOf(view);
  if (!rule.recommendation.empty()) f.recommendation = rule.recommendation.Expand(view);
  return &f;
}

void Analysis::File(const Rule& rule, const RecordView& view, const std::string& input,
                    uint64_t line) {
  Finding* f = FindingFor(rule, view);
  if (f == nullptr) {
    ++findings_dropped_;
    return;
  }
  ++f->count;
  f->severity = std::max(f->severity, rule.SeverityOf(view));
  if (auto t = view.time()) {
    Extend(f->first, f->last, *t);
    notable_events_.Add(*t);
  }
  if (f->citations.size() < limits_.max_citations) {
    f->citations.push_back({input, line, view.time(), view.OriginText(), Summary(view)});
  }
  std::string_view t;
  if (view.Text(kDataset, t)) AddUnique(f->datasets, t, 8);
  scratch_.clear();
  for (const Field& field : rule.indicators) view.Texts(field, scratch_);
  for (std::string_view indicator : scratch_) AddUnique(f->indicators, indicator, 32);
}

void Analysis::Add(const RecordView& view, const std::string& input, uint64_t line) {
  const bool repeat = SeenBefore(view);
  if (repeat) {
    ++duplicates_;
  } else {
    ++records_;
    if (auto t = view.time()) {
      Extend(first_, last_, *t);
      all_events_.Add(*t);
    } else {
      ++untimed_;
    }
    Count(view);
  }
  NoteSightings(view, CategoryOf(view), repeat);
  for (const Rule& rule : rules_) {
    if (rule.Matches(view)) {
      // A repeat still counts here: the copy may carry what the first did not (enrichments).
      File(rule, view, input, line);
      break;
    }
  }
}

}  // namespace seckit::triage_report
