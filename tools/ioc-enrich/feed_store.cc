// FeedStore: the arena behind the entries of every loaded feed.
#include "feed_store.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace seckit::ioc_enrich::feeds {
namespace {

constexpr TimeNs kNoTime = std::numeric_limits<TimeNs>::min();
constexpr size_t kMaxArena = std::numeric_limits<uint32_t>::max();

std::optional<TimeNs> TimeOrNone(TimeNs t) {
  return t == kNoTime ? std::nullopt : std::optional<TimeNs>(t);
}

}  // namespace

std::optional<uint16_t> FeedStore::AddFeed(std::string provider) {
  if (providers_.size() >= kMaxFeeds) return std::nullopt;
  providers_.push_back(std::move(provider));
  return static_cast<uint16_t>(providers_.size() - 1);
}

void FeedStore::Reserve(size_t entries, size_t text) {
  entries_.reserve(entries_.size() + entries);
  arena_.reserve(std::min(kMaxArena, arena_.size() + text));
}

bool FeedStore::Append(std::string_view text, TextRef& ref) {
  if (arena_.size() + text.size() > kMaxArena) return false;
  ref = {static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(text.size())};
  arena_.append(text);
  return true;
}

bool FeedStore::Intern(std::string_view text, TextRef& ref) {
  if (text.empty()) {
    ref = {};
    return true;
  }
  const uint64_t hash = std::hash<std::string_view>()(text);
  auto [begin, end] = interned_.equal_range(hash);
  for (auto it = begin; it != end; ++it) {
    if (Text(it->second) == text) {
      ref = it->second;
      return true;
    }
  }
  if (!Append(text, ref)) return false;
  interned_.emplace(hash, ref);
  return true;
}

bool FeedStore::Add(uint16_t feed, IndicatorType type, std::string_view value,
                    const EntryMeta& meta) {
  FeedEntry e;
  e.feed = feed;
  e.type = type;
  e.verdict = meta.verdict;
  if (meta.score) e.score = static_cast<int8_t>(*meta.score);
  if (!Append(value, e.value) || !Intern(meta.description, e.description) ||
      !Intern(meta.reference, e.reference)) {
    return false;
  }
  e.tags_begin = static_cast<uint32_t>(tags_.size());
  for (std::string_view tag : meta.tags) {
    if (tag.empty() || e.tags_count == std::numeric_limits<uint16_t>::max()) continue;
    TextRef ref;
    if (!Intern(tag, ref)) return false;
    tags_.push_back(ref);
    ++e.tags_count;
  }
  e.times = kNoTimes;
  if (meta.first_seen || meta.last_seen) {
    e.times = static_cast<uint32_t>(times_.size());
    times_.emplace_back(meta.first_seen.value_or(kNoTime), meta.last_seen.value_or(kNoTime));
  }
  entries_.push_back(e);
  return true;
}

Enrichment FeedStore::MakeEnrichment(uint32_t id, std::string_view matched_entry) const {
  const FeedEntry& e = entries_[id];
  Enrichment out;
  out.provider = providers_[e.feed];
  out.verdict = e.verdict;
  if (e.score >= 0) out.score = e.score;
  out.tags.reserve(e.tags_count);
  for (uint32_t i = 0; i < e.tags_count; ++i) {
    out.tags.emplace_back(Text(tags_[e.tags_begin + i]));
  }
  if (e.times != kNoTimes) {
    out.first_seen = TimeOrNone(times_[e.times].first);
    out.last_seen = TimeOrNone(times_[e.times].second);
  }
  out.reference = Text(e.reference);
  out.description = Text(e.description);
  out.matched_entry = matched_entry;
  return out;
}

}  // namespace seckit::ioc_enrich::feeds
