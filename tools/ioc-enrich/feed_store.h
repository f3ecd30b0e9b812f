// FeedStore: every entry of every loaded feed, compact in memory (one text arena, fixed-size
// records), and the Enrichment each of them turns into.
#ifndef SECKIT_IOC_ENRICH_FEED_STORE_H_
#define SECKIT_IOC_ENRICH_FEED_STORE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "enrichment.h"
#include "seckit/indicators.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich::feeds {

// What a feed says about one entry besides the indicator itself.
struct EntryMeta {
  std::string_view description;
  std::string_view reference;
  std::span<const std::string_view> tags;
  std::optional<TimeNs> first_seen, last_seen;
  std::optional<int> score;  // 0-100
  Verdict verdict = Verdict::kMalicious;
};

// A piece of text in the store's arena.
struct TextRef {
  uint32_t offset = 0;
  uint32_t size = 0;
};

// One entry: 40 bytes, the texts in the arena, the rarer fields out of line.
struct FeedEntry {
  TextRef value;  // normalised as Classify normalises (host CIDRs stored as addresses)
  TextRef description;
  TextRef reference;
  uint32_t tags_begin = 0;  // into the tag list
  uint32_t times = 0;       // into the time list, or kNoTimes
  uint16_t tags_count = 0;
  uint16_t feed = 0;
  IndicatorType type = IndicatorType::kDomain;
  Verdict verdict = Verdict::kMalicious;
  int8_t score = -1;  // -1: none
};

class FeedStore {
 public:
  static constexpr uint32_t kNoTimes = 0xffffffff;
  static constexpr size_t kMaxFeeds = 0xffff;

  // Registers a feed by its provider name ("feed:ipsum.txt"); returns its number, or nullopt
  // when kMaxFeeds are registered already.
  std::optional<uint16_t> AddFeed(std::string provider);

  // Appends an entry. `value` must be normalised already. False when the store is full (its
  // arena holds 4 GiB of text).
  bool Add(uint16_t feed, IndicatorType type, std::string_view value, const EntryMeta& meta);

  // Makes room for `entries` more entries and `text` more bytes of text.
  void Reserve(size_t entries, size_t text);

  size_t size() const { return entries_.size(); }
  const FeedEntry& entry(uint32_t id) const { return entries_[id]; }
  std::string_view Text(TextRef ref) const { return {arena_.data() + ref.offset, ref.size}; }
  std::string_view Value(uint32_t id) const { return Text(entries_[id].value); }

  // The Enrichment entry `id` gives; `matched_entry` as Enrichment::matched_entry.
  Enrichment MakeEnrichment(uint32_t id, std::string_view matched_entry) const;

 private:
  // Stores `text` once however often it is given (descriptions, tags and references repeat).
  bool Intern(std::string_view text, TextRef& ref);
  bool Append(std::string_view text, TextRef& ref);

  std::string arena_;
  std::vector<FeedEntry> entries_;
  std::vector<TextRef> tags_;
  std::vector<std::pair<TimeNs, TimeNs>> times_;  // kNoTime for an absent one
  std::vector<std::string> providers_;
  std::unordered_multimap<uint64_t, TextRef> interned_;
};

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_STORE_H_
