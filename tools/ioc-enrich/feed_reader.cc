// The feed readers' shared parts: adding and rejecting entries, and the text field parsers.
#include "feed_reader.h"

#include <charconv>
#include <cmath>

#include "seckit/ip.h"

namespace seckit::ioc_enrich::feeds {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

int Digits(std::string_view s) {
  int value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// "2026-11-24" or "20261124", optionally followed by " 11:44:15" (UTC).
std::optional<TimeNs> ParseDate(std::string_view text) {
  CivilTime civil;
  std::string_view rest;
  if (text.size() >= 10 && text[4] == '-' && text[7] == '-' && AllDigits(text.substr(0, 4)) &&
      AllDigits(text.substr(5, 2)) && AllDigits(text.substr(8, 2))) {
    civil.year = Digits(text.substr(0, 4));
    civil.month = Digits(text.substr(5, 2));
    civil.day = Digits(text.substr(8, 2));
    rest = text.substr(10);
  } else if (text.size() == 8 && AllDigits(text)) {
    civil.year = Digits(text.substr(0, 4));
    civil.month = Digits(text.substr(4, 2));
    civil.day = Digits(text.substr(6, 2));
  } else {
    return std::nullopt;
  }
  if (!rest.empty()) {
    if (rest.size() != 9 || (rest[0] != ' ' && rest[0] != 'T') || rest[3] != ':' ||
        rest[6] != ':' || !AllDigits(rest.substr(1, 2)) || !AllDigits(rest.substr(4, 2)) ||
        !AllDigits(rest.substr(7, 2))) {
      return std::nullopt;
    }
    civil.hour = Digits(rest.substr(1, 2));
    civil.minute = Digits(rest.substr(4, 2));
    civil.second = Digits(rest.substr(7, 2));
  }
  return TimeFromCivil(civil);
}

}  // namespace

Status FeedSink::AddRaw(std::string_view raw, const EntryMeta& meta, TypeMask allowed,
                        const std::string& where) {
  std::optional<Indicator> indicator = Classify(raw);
  if (!indicator) return Bad("not an indicator: " + Quoted(raw), where);
  if ((Bit(indicator->type) & allowed) == 0) {
    return Bad(std::string("unexpected ") + std::string(IndicatorTypeName(indicator->type)) + ": " +
                   Quoted(raw),
               where);
  }
  return Add(*indicator, meta);
}

Status FeedSink::Add(const Indicator& indicator, const EntryMeta& meta) {
  bool ok;
  if (indicator.type == IndicatorType::kCidr) {
    const std::optional<Cidr> cidr = Cidr::Parse(indicator.value);
    if (cidr && cidr->IsHost()) {
      const IndicatorType type = cidr->is_v4() ? IndicatorType::kIpv4 : IndicatorType::kIpv6;
      ok = store_.Add(feed_, type, cidr->network().ToString(), meta);
    } else {
      ok = store_.Add(feed_, indicator.type, indicator.value, meta);
    }
  } else {
    ok = store_.Add(feed_, indicator.type, indicator.value, meta);
  }
  if (!ok) return Status::DataError("feeds too large: more than 4 GiB of text (" + file_ + ")");
  return Status::Ok();
}

void FeedSink::Skip(std::string_view why, const std::string& where) {
  constexpr uint64_t kMaxNotes = 20;  // then only the count, in Finish()
  if (skipped_++ == 0) first_skip_ = std::string(why) + " (" + where + ")";
  if (skipped_ <= kMaxNotes) diag_.Note(why, where);
}

void FeedSink::Finish() {
  if (skipped_ > 1) {
    diag_.Note(std::to_string(skipped_) + " entries skipped in all, the first: " + first_skip_,
               file_);
  }
}

std::string Quoted(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out = "\"";
  out.append(text.substr(0, kMax));
  if (text.size() > kMax) out.append("…");
  out.push_back('"');
  return out;
}

std::string_view TrimBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<TimeNs> ParseFeedTime(std::string_view text) {
  text = TrimBlanks(text);
  if (text.empty()) return std::nullopt;
  if (std::optional<TimeNs> t = ParseAny(text)) return t;
  if (std::optional<TimeNs> t = ParseDate(text)) return t;
  if (text.find_first_not_of("0123456789.") == std::string_view::npos) return ParseEpoch(text);
  return std::nullopt;
}

std::optional<int> ParseScore(std::string_view text) {
  text = TrimBlanks(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(value >= 0) ||
      value > 100) {
    return std::nullopt;
  }
  return static_cast<int>(std::lround(value));
}

void SplitTags(std::string_view text, std::vector<std::string_view>& out) {
  while (!text.empty()) {
    const size_t cut = std::min(text.find_first_of(",;|"), text.size());
    std::string_view tag = TrimBlanks(text.substr(0, cut));
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') {
      tag = TrimBlanks(tag.substr(1, tag.size() - 2));
    }
    if (!tag.empty()) out.push_back(tag);
    text.remove_prefix(std::min(cut + 1, text.size()));
  }
}

}  // namespace seckit::ioc_enrich::feeds
