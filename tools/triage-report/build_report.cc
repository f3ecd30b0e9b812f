// BuildReport: orders findings, builds the timeline, top lists, pivots and recommendations.
#include <algorithm>
#include <set>

#include "report.h"
#include "seckit/ip.h"

namespace seckit::triage_report {
namespace {

TopList MakeTop(std::string name, std::string unit, const FrequentCounter<>& counter, size_t n) {
  return {std::move(name), std::move(unit), counter.Top(n), counter.approximate(),
          counter.max_error()};
}

bool SeenOnFirewall(const Analysis& analysis, const std::string& indicator) {
  const auto* entry = analysis.sightings().Find(indicator);
  return entry != nullptr &&
         entry->payload.counts[static_cast<size_t>(Category::kFirewall)] > 0;
}

// Pivots: every indicator of a finding, most findings first.
std::vector<Pivot> MakePivots(const Analysis& analysis, const std::vector<const Finding*>& findings,
                              size_t max_pivots) {
  std::vector<Pivot> pivots;
  std::map<std::string, size_t> index;
  for (const Finding* f : findings) {
    for (const std::string& indicator : f->indicators) {
      auto [it, inserted] = index.emplace(indicator, pivots.size());
      if (inserted) {
        Pivot p;
        p.indicator = indicator;
        if (const auto* entry = analysis.sightings().Find(indicator)) {
          p.sighting = entry->payload;
          p.tracked = true;
        }
        pivots.push_back(std::move(p));
      }
      pivots[it->second].findings.push_back(f);
    }
  }
  std::stable_sort(pivots.begin(), pivots.end(), [](const Pivot& a, const Pivot& b) {
    return a.findings.size() > b.findings.size();
  });
  if (pivots.size() > max_pivots) pivots.resize(max_pivots);
  return pivots;
}

}  // namespace

std::optional<Severity> Report::worst() const {
  if (findings.empty()) return std::nullopt;
  return findings.front()->severity;
}

Report BuildReport(const Analysis& analysis, const ReportSettings& settings) {
  Report r;
  r.title = settings.title;
  r.generated = Now();
  r.analysis = &analysis;
  r.datasets = analysis.datasets().Top(analysis.datasets().size());
  r.hosts = analysis.hosts().Top(settings.top_n);
  r.distinct_addresses = analysis.distinct_addresses();
  for (const Finding& f : analysis.findings()) {
    r.findings.push_back(&f);
    if (f.rule->action) r.actions.push_back(&f);
  }
  auto first_time = [](const Finding* f) { return f->first.value_or(INT64_MAX); };
  std::stable_sort(r.findings.begin(), r.findings.end(), [&](const Finding* a, const Finding* b) {
    if (a->severity != b->severity) return a->severity > b->severity;
    return first_time(a) < first_time(b);
  });
  for (const Finding* f : r.findings) {
    if (f->first) r.timeline.push_back({*f->first, f->last.value_or(*f->first), f});
  }
  std::stable_sort(r.timeline.begin(), r.timeline.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.time < b.time; });
  r.tops.push_back(MakeTop("Top talkers by records", "records", analysis.talkers(), settings.top_n));
  r.tops.push_back(MakeTop("Top talkers by bytes", "bytes", analysis.talker_bytes(), settings.top_n));
  r.tops.push_back(MakeTop("Top domains", "records", analysis.domains(), settings.top_n));
  r.tops.push_back(MakeTop("Top destination ports", "records", analysis.ports(), settings.top_n));
  r.pivots = MakePivots(analysis, r.findings, settings.max_pivots);

  std::set<std::string> seen;
  auto recommend = [&](const std::string& text) {
    if (!text.empty() && seen.insert(text).second) r.recommendations.push_back(text);
  };
  for (const Finding* f : r.findings) recommend(f->recommendation);
  // Addresses behind serious findings that no firewall record mentions.
  for (const Finding* f : r.findings) {
    if (f->severity < Severity::kHigh || f->rule->action) continue;
    for (const std::string& indicator : f->indicators) {
      const auto ip = IpAddress::Parse(indicator);
      // Documentation ranges count as outside: the samples (and many exercises) use them so.
      if (!ip || ip->IsPrivate() || ip->IsLoopback() || ip->IsLinkLocal() || ip->IsMulticast() ||
          ip->IsUnspecified() || SeenOnFirewall(analysis, indicator)) {
        continue;
      }
      recommend("Block " + indicator + " (" + std::string(SeverityName(f->severity)) +
                " finding, no firewall action seen)");
    }
  }
  return r;
}

}  // namespace seckit::triage_report
