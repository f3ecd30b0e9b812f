// Analysis::Add: counting, pivot sightings and filing records under findings.
#include "analysis.h"

#include <algorithm>
#include <charconv>

namespace seckit::triage_report {
namespace {

const FieldPath kDataset("event.dataset");
const FieldPath kModule("event.module");
const FieldPath kKind("event.kind");
const FieldPath kSourceIp("source.ip");
const FieldPath kDestinationIp("destination.ip");
const FieldPath kDestinationPort("destination.port");
const FieldPath kTransport("network.transport");
const FieldPath kNetworkBytes("network.bytes");
const FieldPath kSourceBytes("source.bytes");
const FieldPath kDestinationBytes("destination.bytes");
const FieldPath kLogPath("log.file.path");
const FieldPath kLogLine("log.file.line");
const FieldPath kLogOffset("log.offset");
const FieldPath kFrame("pcap.frame");
const FieldPath kFirstFrame("pcap.flow.first_frame");
const FieldPath kEventId("event.id");
const FieldPath kMessage("message");
const FieldPath kThreat("threat.enrichments.matched.atomic");
const FieldPath kHostFields[] = {FieldPath("host.hostname"), FieldPath("host.name"),
                                 FieldPath("observer.hostname")};
const FieldPath kDomainFields[] = {FieldPath("dns.question.name"), FieldPath("url.domain"),
                                   FieldPath("tls.client.server_name")};
const FieldPath kAddressFields[] = {kSourceIp, kDestinationIp, FieldPath("related.ip"),
                                    FieldPath("fw.address")};
const FieldPath kHashFields[] = {FieldPath("file.hash.sha256"), FieldPath("file.hash.md5"),
                                 FieldPath("file.hash.sha1")};

constexpr std::string_view kCategoryNames[kCategoryCount] = {"network", "logs",   "disk", "firewall",
                                                             "alerts",  "intel", "other"};

uint64_t Fnv1a(std::string_view text, uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::optional<uint64_t> Unsigned(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string BaseName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

Category CategoryOf(const RecordView& view, std::string& text) {
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

// Where the record itself points: the original log line, the pcap frame, or the event id.
std::string Origin(const RecordView& view) {
  std::string path, number;
  if (view.Text(kLogPath, path)) {
    if (view.Text(kLogLine, number)) return BaseName(path) + ":" + number;
    if (view.Text(kFrame, number) || view.Text(kFirstFrame, number))
      return BaseName(path) + "#" + number;
    if (view.Text(kLogOffset, number)) return BaseName(path) + "@" + number;
    return BaseName(path);
  }
  if (view.Text(kEventId, number)) return "id " + number;
  return {};
}

std::string Summary(const RecordView& view) {
  std::string text;
  if (!view.Text(kMessage, text)) {
    std::string dataset, source, destination, port;
    view.Text(kDataset, dataset);
    view.Text(kSourceIp, source);
    view.Text(kDestinationIp, destination);
    view.Text(kDestinationPort, port);
    text = dataset;
    if (!source.empty()) text += " " + source;
    if (!destination.empty()) text += " -> " + destination + (port.empty() ? "" : ":" + port);
    std::string domain;
    for (const FieldPath& f : kDomainFields) {
      if (view.Text(f, domain)) {
        text += " " + domain;
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

template <typename T>
void AddUnique(std::vector<T>& list, const T& value, size_t cap) {
  if (list.size() >= cap) return;
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

}  // namespace

std::string_view CategoryName(Category c) { return kCategoryNames[static_cast<size_t>(c)]; }

Analysis::Analysis(std::vector<Rule> rules, Limits limits)
    : rules_(std::move(rules)),
      limits_(limits),
      datasets_(limits.max_distinct),
      talkers_(limits.max_distinct),
      talker_bytes_(limits.max_distinct),
      domains_(limits.max_distinct),
      ports_(limits.max_distinct),
      hosts_(limits.max_distinct),
      addresses_(limits.max_distinct),
      sightings_(limits.max_distinct) {}

// The same record often arrives more than once (logs.jsonl, log-ioc-hits.jsonl and enriched.jsonl
// all hold auth.log line 15): count it once. Identity is where the record came from — log file
// and offset, capture and frame — so only records that say so are recognised; the set stops
// growing at max_distinct, after which repeats are counted again.
bool Analysis::SeenBefore(const RecordView& view) {
  std::string& t = text_;
  if (!view.Text(kLogPath, t)) return false;
  uint64_t h = Fnv1a(t);
  if (view.Text(kLogOffset, t)) {
    h = Fnv1a("o" + t, h);
  } else if (view.Text(kFrame, t)) {
    h = Fnv1a("f" + t, h);
  } else if (view.Text(kFirstFrame, t)) {
    h = Fnv1a("F" + t, h);
  } else {
    return false;
  }
  if (view.Text(kDataset, t)) h = Fnv1a(t, h);
  if (identities_.count(h) > 0) return true;
  if (identities_.size() < limits_.max_distinct) identities_.insert(h);
  return false;
}

void Analysis::Count(const RecordView& view) {
  std::string& t = text_;
  datasets_.Add(view.Text(kDataset, t) ? std::string_view(t) : std::string_view("(none)"));
  uint64_t bytes = 0;
  if (view.Text(kNetworkBytes, t)) {
    bytes = Unsigned(t).value_or(0);
  } else {
    if (view.Text(kSourceBytes, t)) bytes += Unsigned(t).value_or(0);
    if (view.Text(kDestinationBytes, t)) bytes += Unsigned(t).value_or(0);
  }
  if (view.Text(kSourceIp, t)) {
    talkers_.Add(t);
    if (bytes > 0) talker_bytes_.Add(t, bytes);
  }
  if (view.Text(kDestinationPort, t)) {
    std::string transport;
    if (view.Text(kTransport, transport)) t += "/" + transport;
    ports_.Add(t);
  }
  for (const FieldPath& f : kDomainFields) {
    if (view.Text(f, t)) {
      domains_.Add(t);
      break;
    }
  }
  for (const FieldPath& f : kHostFields) {
    if (view.Text(f, t)) {
      hosts_.Add(t);
      break;
    }
  }
}

void Analysis::NoteSightings(const RecordView& view, Category category, bool repeat) {
  auto note = [&](const std::string& key, Category c) {
    if (key.empty()) return;
    Sighting& s = sightings_.Add(key).payload;
    ++s.counts[static_cast<size_t>(c)];
    if (auto t = view.time()) {
      if (!s.timed || *t < s.first) s.first = *t;
      if (!s.timed || *t > s.last) s.last = *t;
      s.timed = true;
    }
  };
  std::vector<std::string> listed;
  view.Texts(kThreat, listed);
  for (const std::string& key : listed) note(key, Category::kIntel);
  if (repeat) return;  // seen and counted already; only its enrichments may be new
  scratch_.clear();
  for (const FieldPath& f : kAddressFields) view.Texts(f, scratch_);
  for (const FieldPath& f : kDomainFields) view.Texts(f, scratch_);
  for (const FieldPath& f : kHashFields) view.Texts(f, scratch_);
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  for (const std::string& key : scratch_) note(key, category);
  std::vector<std::string> addresses;
  for (const FieldPath& f : kAddressFields) view.Texts(f, addresses);
  std::sort(addresses.begin(), addresses.end());
  addresses.erase(std::unique(addresses.begin(), addresses.end()), addresses.end());
  for (const std::string& a : addresses) addresses_.Add(a);
}

Finding* Analysis::FindingFor(const Rule& rule, const RecordView& view) {
  std::vector<std::string> group;
  std::string key = rule.id;
  for (const FieldPath& f : rule.group_by) {
    scratch_.clear();
    view.Texts(f, scratch_);
    group.push_back(scratch_.empty() ? std::string() : scratch_.front());
    key += '\x1f';
    key += group.back();
  }
  auto it = finding_index_.find(key);
  if (it != finding_index_.end()) return &findings_[it->second];
  if (findings_.size() >= limits_.max_findings) return nullptr;
  finding_index_.emplace(std::move(key), findings_.size());
  Finding& f = findings_.emplace_back();
  f.rule = &rule;
  f.group = std::move(group);
  f.title = ExpandTemplate(rule.title, view);
  f.severity = rule.SeverityOf(view);
  if (!rule.recommendation.empty()) f.recommendation = ExpandTemplate(rule.recommendation, view);
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
    f->citations.push_back({input, line, view.time(), Origin(view), Summary(view)});
  }
  std::string& t = text_;
  if (view.Text(kDataset, t)) AddUnique(f->datasets, t, 8);
  scratch_.clear();
  for (const FieldPath& path : rule.indicators) view.Texts(path, scratch_);
  for (const std::string& indicator : scratch_) AddUnique(f->indicators, indicator, 32);
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
  NoteSightings(view, CategoryOf(view, text_), repeat);
  for (const Rule& rule : rules_) {
    if (rule.Matches(view)) {
      // A repeat still counts here: the copy may carry what the first did not (enrichments).
      File(rule, view, input, line);
      break;
    }
  }
}

}  // namespace seckit::triage_report
