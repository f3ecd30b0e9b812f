// What every feed reader shares: the sink its entries go to (which also reports bad ones with
// FILE:LINE or FILE, OBJECT), the field parsers of the text formats, and the readers themselves.
#ifndef SECKIT_IOC_ENRICH_FEED_READER_H_
#define SECKIT_IOC_ENRICH_FEED_READER_H_

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "feed_spec.h"
#include "feed_store.h"
#include "seckit/diag.h"
#include "seckit/indicators.h"
#include "seckit/status.h"

namespace seckit::ioc_enrich::feeds {

// A set of IndicatorTypes, for formats that say what type a value should be.
using TypeMask = uint32_t;
constexpr TypeMask Bit(IndicatorType type) { return TypeMask{1} << static_cast<int>(type); }
inline constexpr TypeMask kAnyType = ~TypeMask{0};
inline constexpr TypeMask kAddressTypes =
    Bit(IndicatorType::kIpv4) | Bit(IndicatorType::kIpv6) | Bit(IndicatorType::kCidr);
inline constexpr TypeMask kHashTypes =
    Bit(IndicatorType::kMd5) | Bit(IndicatorType::kSha1) | Bit(IndicatorType::kSha256);

// Where one feed's entries go, and how its bad entries are reported.
class FeedSink {
 public:
  FeedSink(FeedStore& store, uint16_t feed, std::string file, Diagnostics& diag)
      : store_(store), feed_(feed), file_(std::move(file)), diag_(diag) {}

  // Classifies `raw` (refanging it, as for a plain list) and adds it; a value that is not an
  // indicator, or not one of `allowed`, is reported as bad input at `where`.
  Status AddRaw(std::string_view raw, const EntryMeta& meta, TypeMask allowed,
                const std::string& where);
  // Adds an indicator Classify made (a host CIDR becomes an address).
  Status Add(const Indicator& indicator, const EntryMeta& meta);

  // Makes room for about `entries` entries taking `text` bytes.
  void Reserve(size_t entries, size_t text) { store_.Reserve(entries, text); }

  // Reports a bad entry; OK to go on, or the --strict error.
  Status Bad(std::string_view what, const std::string& where) {
    return diag_.BadInput(what, where);
  }
  // "FILE:LINE" and "FILE, WHAT" for messages.
  std::string At(uint64_t line) const { return file_ + ":" + std::to_string(line); }
  std::string At(std::string_view what) const { return file_ + ", " + std::string(what); }

  // Counts an entry skipped on purpose (a MISP attribute type or STIX pattern that names no
  // indicator this tool matches), remembering the first for the closing note.
  void Skip(std::string_view why, const std::string& where);
  // The note about skipped entries (verbose only), once the feed is read.
  void Finish();

  const std::string& file() const { return file_; }
  Diagnostics& diag() { return diag_; }

 private:
  FeedStore& store_;
  uint16_t feed_;
  std::string file_;
  Diagnostics& diag_;
  uint64_t skipped_ = 0;
  std::string first_skip_;
};

// "…" around the start of a bad text, for messages.
std::string Quoted(std::string_view text);
// Trims blanks (space, tab, CR, VT, FF).
std::string_view TrimBlanks(std::string_view text);

// A time as feeds write them: RFC 3339 and the other full formats of seckit::ParseAny, a
// date ("2026-11-24", "20261124", UTC midnight), a zone-less "2026-11-24 11:44:15" (UTC, as
// abuse.ch writes), or seconds/milliseconds since the epoch. nullopt otherwise.
std::optional<TimeNs> ParseFeedTime(std::string_view text);
// A score 0-100 (a fraction is rounded); nullopt otherwise.
std::optional<int> ParseScore(std::string_view text);
// Splits a list of tags on ',', ';' and '|', trimming blanks and quotes; empty ones dropped.
void SplitTags(std::string_view text, std::vector<std::string_view>& out);

// The readers. `text` is the whole file (byte-order mark removed).
Status LoadPlain(std::string_view text, FeedSink& sink);
Status LoadCsv(std::string_view text, const CsvOptions& options, FeedSink& sink);
Status LoadMispCsv(std::string_view text, FeedSink& sink);
Status LoadMispJson(simdjson::dom::element root, FeedSink& sink);
Status LoadStix(simdjson::dom::element root, FeedSink& sink);

}  // namespace seckit::ioc_enrich::feeds

#endif  // SECKIT_IOC_ENRICH_FEED_READER_H_
