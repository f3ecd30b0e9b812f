// Extract: one linear matcher per indicator kind, run in precedence order over the refanged
// text; a candidate touching a span an earlier matcher took is dropped, and offsets are mapped
// back through Refang's edit log.
#include <algorithm>

#include "indicators_internal.h"
#include "seckit/indicators.h"
#include "seckit/ip.h"

namespace seckit {
namespace {

using indicators_internal::IsAlnum;
using indicators_internal::IsAlpha;
using indicators_internal::IsDigit;
using indicators_internal::IsHex;
using indicators_internal::IsLocalPartChar;
using indicators_internal::IsUrlChar;
using indicators_internal::RefangEdit;
using indicators_internal::ToLower;

bool IsV6Char(char c) { return IsHex(c) || c == ':' || c == '.'; }
bool IsV4Char(char c) { return IsDigit(c) || c == '.'; }
bool IsDomainChar(char c) { return IsAlnum(c) || c == '.' || c == '-' || c == '_'; }
bool IsPathStart(char c) { return c == '/' || c == '?' || c == '#'; }
// A UTF-8 lead byte of U+00C0..U+027F: accented Latin letters, which continue a word.
bool IsLatinLead(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u >= 0xc3 && u <= 0xc9;
}

struct Candidate {
  size_t begin, end;  // in the refanged text
  IndicatorType type;
  std::string value;
};

class Extractor {
 public:
  explicit Extractor(std::string_view original)
      : original_(original), text_(indicators_internal::RefangWithEdits(original, &edits_)) {}

  std::vector<Indicator> Run();

 private:
  void FindUrls();
  void FindEmails();
  void FindIpv6();
  void FindIpv4();
  void FindDomains();
  void FindHashes();

  // The end of the maximal run of `pred` characters starting at i.
  template <typename Pred>
  size_t RunEnd(size_t i, Pred pred) const {
    while (i < text_.size() && pred(text_[i])) ++i;
    return i;
  }
  bool AlnumAt(size_t i) const { return i < text_.size() && IsAlnum(text_[i]); }
  bool AlnumBefore(size_t i) const { return i > 0 && IsAlnum(text_[i - 1]); }
  bool Overlaps(size_t begin, size_t end) const;
  size_t NextTakenStart(size_t pos) const;
  size_t ExtendBareUrl(size_t host_begin, size_t host_end) const;
  bool Defanged(size_t begin, size_t end) const;
  size_t MapStart(size_t pos) const;
  size_t MapEnd(size_t pos) const;
  // Matchers produce candidates in order of `begin`; one touching the previous is dropped
  // ("a@evil.com+b@x.com" would otherwise give two overlapping e-mail addresses).
  void Add(size_t begin, size_t end, IndicatorType type, std::string value) {
    if (!pending_.empty() && pending_.back().end > begin) return;
    pending_.push_back({begin, end, type, std::move(value)});
  }
  void Commit();

  std::string_view original_;
  std::vector<RefangEdit> edits_;
  std::string text_;                              // refanged
  std::vector<std::pair<size_t, size_t>> taken_;  // spans of earlier matchers, sorted
  std::vector<Candidate> found_, pending_;
};

std::vector<Indicator> Extractor::Run() {
  for (void (Extractor::*matcher)() :
       {&Extractor::FindUrls, &Extractor::FindEmails, &Extractor::FindIpv6, &Extractor::FindIpv4,
        &Extractor::FindDomains, &Extractor::FindHashes}) {
    (this->*matcher)();
    Commit();
  }
  std::sort(found_.begin(), found_.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
  std::vector<Indicator> out;
  out.reserve(found_.size());
  for (Candidate& c : found_) {
    const size_t begin = MapStart(c.begin);
    out.push_back({c.type, std::move(c.value), begin, MapEnd(c.end) - begin});
  }
  return out;
}

void Extractor::Commit() {
  const size_t old_size = taken_.size();
  for (Candidate& c : pending_) {
    taken_.emplace_back(c.begin, c.end);
    found_.push_back(std::move(c));
  }
  pending_.clear();
  std::inplace_merge(taken_.begin(), taken_.begin() + static_cast<ptrdiff_t>(old_size),
                     taken_.end());
}

bool Extractor::Overlaps(size_t begin, size_t end) const {
  auto it = std::lower_bound(taken_.begin(), taken_.end(), std::make_pair(end, size_t{0}));
  return it != taken_.begin() && std::prev(it)->second > begin;
}

size_t Extractor::NextTakenStart(size_t pos) const {
  auto it = std::lower_bound(taken_.begin(), taken_.end(), std::make_pair(pos, size_t{0}));
  return it == taken_.end() ? text_.size() : it->first;
}

bool Extractor::Defanged(size_t begin, size_t end) const {
  auto it =
      std::lower_bound(edits_.begin(), edits_.end(), begin,
                       [](const RefangEdit& e, size_t b) { return e.out_pos + e.out_len <= b; });
  return it != edits_.end() && it->out_pos < end;
}

size_t Extractor::MapStart(size_t pos) const {
  auto it = std::upper_bound(edits_.begin(), edits_.end(), pos,
                             [](size_t p, const RefangEdit& e) { return p < e.out_pos; });
  if (it == edits_.begin()) return pos;
  const RefangEdit& e = *std::prev(it);
  if (pos < e.out_pos + e.out_len) return e.in_pos;
  return e.in_pos + e.in_len + (pos - e.out_pos - e.out_len);
}

size_t Extractor::MapEnd(size_t pos) const {
  auto it = std::lower_bound(edits_.begin(), edits_.end(), pos,
                             [](const RefangEdit& e, size_t p) { return e.out_pos < p; });
  if (it == edits_.begin()) return pos;
  const RefangEdit& e = *std::prev(it);
  if (pos <= e.out_pos + e.out_len) return e.in_pos + e.in_len;
  return e.in_pos + e.in_len + (pos - e.out_pos - e.out_len);
}

// The end of "host[:port]/path" after a host at [host_begin, host_end), or host_end when no
// path follows. The path stops before the next span already taken, so nothing is scanned twice.
size_t Extractor::ExtendBareUrl(size_t host_begin, size_t host_end) const {
  size_t k = host_end;
  if (k < text_.size() && text_[k] == ':') {
    const size_t digits_end = RunEnd(k + 1, IsDigit);
    if (digits_end == k + 1 || digits_end - k > 6) return host_end;
    k = digits_end;
  }
  if (k >= text_.size() || text_[k] != '/') return host_end;
  const size_t limit = NextTakenStart(k);
  size_t end = k + 1;
  while (end < limit && IsUrlChar(text_[end])) ++end;
  end = indicators_internal::TrimUrlEnd(text_, host_begin, end);
  return end > k + 1 ? end : host_end;
}

void Extractor::FindUrls() {
  const size_t n = text_.size();
  for (size_t p = text_.find("://"); p != std::string::npos; p = text_.find("://", p)) {
    size_t begin = p;
    while (begin > 0 && p - begin < 7 && IsAlpha(text_[begin - 1])) --begin;
    const size_t host = p + 3;
    p = host;
    if (begin == host - 3 || AlnumBefore(begin) ||
        !indicators_internal::IsKnownScheme(
            std::string_view(text_).substr(begin, host - 3 - begin))) {
      continue;
    }
    // The authority first: it ends at the next '/', so a rejected candidate costs no more than
    // the text up to the next "://".
    const size_t authority_end =
        RunEnd(host, [](char c) { return IsUrlChar(c) && !IsPathStart(c); });
    const bool has_path = authority_end < n && IsPathStart(text_[authority_end]);
    size_t end =
        has_path ? authority_end : indicators_internal::TrimUrlEnd(text_, begin, authority_end);
    if (end <= host ||
        !indicators_internal::NormalizeUrl(std::string_view(text_).substr(begin, end - begin))) {
      continue;
    }
    if (has_path) end = indicators_internal::TrimUrlEnd(text_, begin, RunEnd(end, IsUrlChar));
    std::optional<std::string> url =
        indicators_internal::NormalizeUrl(std::string_view(text_).substr(begin, end - begin));
    if (!url) continue;
    Add(begin, end, IndicatorType::kUrl, std::move(*url));
    p = end;
  }
}

void Extractor::FindEmails() {
  const size_t n = text_.size();
  for (size_t at = text_.find('@'); at != std::string::npos; at = text_.find('@', at + 1)) {
    size_t begin = at;
    while (begin > 0 && at - begin <= 64 && IsLocalPartChar(text_[begin - 1])) --begin;
    if (at - begin > 64) continue;                      // longer than a local part may be
    while (begin < at && text_[begin] == '.') ++begin;  // "...bob@" is an ellipsis and bob
    size_t end = at + 1;
    while (end < n && end - at <= 254 && IsDomainChar(text_[end])) ++end;
    if (end - at > 254) continue;
    while (end > at + 1 && (text_[end - 1] == '.' || text_[end - 1] == '-')) --end;
    if (begin == at || Overlaps(begin, end)) continue;
    const std::string_view view(text_);
    std::optional<std::string> email = indicators_internal::NormalizeEmail(
        view.substr(begin, at - begin), view.substr(at + 1, end - at - 1));
    if (email) Add(begin, end, IndicatorType::kEmail, std::move(*email));
  }
}

void Extractor::FindIpv6() {
  const std::string_view view(text_);
  for (size_t i = 0; i < text_.size();) {
    if (!IsV6Char(text_[i])) {
      ++i;
      continue;
    }
    size_t begin = i, end = RunEnd(i, IsV6Char);
    i = end;
    if (std::count(text_.begin() + static_cast<ptrdiff_t>(begin),
                   text_.begin() + static_cast<ptrdiff_t>(end), ':') < 2 ||
        AlnumAt(end)) {
      continue;
    }
    // A single leading ':' separates ("addr:fe80::1"); otherwise nothing alphanumeric before.
    if (text_[begin] == ':' && begin + 1 < end && text_[begin + 1] != ':') {
      ++begin;
    } else if (AlnumBefore(begin)) {
      continue;
    }
    const size_t run_end = end;
    while (end > begin && text_[end - 1] == '.') --end;
    if (end - begin > IpAddress::kMaxTextLength || Overlaps(begin, run_end)) continue;
    std::optional<IpAddress> a = IpAddress::Parse(view.substr(begin, end - begin));
    if (!a && end - begin > 2 && text_[end - 1] == ':' && text_[end - 2] != ':') {
      a = IpAddress::Parse(view.substr(begin, --end - begin));
    }
    if (!a || !a->is_v6() || view.substr(begin, end - begin) == "::") continue;
    if (end == run_end && end < text_.size() && text_[end] == '/') {
      const size_t digits_end = RunEnd(end + 1, IsDigit);
      if (!AlnumAt(digits_end) && digits_end - end <= 4 && !Overlaps(begin, digits_end)) {
        if (std::optional<Cidr> cidr = Cidr::Parse(view.substr(begin, digits_end - begin))) {
          Add(begin, digits_end, IndicatorType::kCidr, cidr->ToString());
          continue;
        }
      }
    }
    Add(begin, end, IndicatorType::kIpv6, a->ToString());
  }
}

void Extractor::FindIpv4() {
  const std::string_view view(text_);
  for (size_t i = 0; i < text_.size();) {
    if (!IsV4Char(text_[i])) {
      ++i;
      continue;
    }
    size_t begin = i, end = RunEnd(i, IsV4Char);
    i = end;
    if (AlnumBefore(begin) || AlnumAt(end)) continue;  // "v1.2.3.4", "1.2.3.4a"
    const size_t run_end = end;
    while (begin < end && text_[begin] == '.') ++begin;
    while (end > begin && text_[end - 1] == '.') --end;
    if (end - begin < 7 || end - begin > 15 || Overlaps(begin, end)) continue;
    std::optional<IpAddress> a = IpAddress::Parse(view.substr(begin, end - begin));
    if (!a) continue;             // includes "1.2.3.4.5": the run is the whole dotted number
    bool prefix_follows = false;  // "/digits": a CIDR, or an address and a bad prefix length
    if (end == run_end && end < text_.size() && text_[end] == '/') {
      const size_t digits_end = RunEnd(end + 1, IsDigit);
      prefix_follows = digits_end > end + 1 && !AlnumAt(digits_end) &&
                       (digits_end == text_.size() || text_[digits_end] != '/');
      std::optional<Cidr> cidr;
      if (prefix_follows && digits_end - end <= 3 && !Overlaps(begin, digits_end) &&
          (cidr = Cidr::Parse(view.substr(begin, digits_end - begin)))) {
        Add(begin, digits_end, IndicatorType::kCidr, cidr->ToString());
        i = digits_end;
        continue;
      }
    }
    if (end == run_end && !prefix_follows) {
      const size_t url_end = ExtendBareUrl(begin, end);
      std::optional<std::string> url;
      if (url_end > end &&
          (url = indicators_internal::NormalizeBareUrl(view.substr(begin, url_end - begin)))) {
        Add(begin, url_end, IndicatorType::kUrl, std::move(*url));
        i = url_end;
        continue;
      }
    }
    Add(begin, end, IndicatorType::kIpv4, a->ToString());
  }
}

void Extractor::FindDomains() {
  const std::string_view view(text_);
  for (size_t i = 0; i < text_.size();) {
    if (!IsDomainChar(text_[i])) {
      ++i;
      continue;
    }
    size_t begin = i, end = RunEnd(i, IsDomainChar);
    i = end;
    // Not the ASCII part of a word with accented letters ("münchen.de").
    if ((begin >= 2 && IsLatinLead(text_[begin - 2]) && (text_[begin - 1] & 0xc0) == 0x80) ||
        (end < text_.size() && IsLatinLead(text_[end]))) {
      continue;
    }
    while (begin < end && (text_[begin] == '.' || text_[begin] == '-')) ++begin;
    if (Overlaps(begin, begin + 1)) continue;
    end = std::min(end, NextTakenStart(begin));
    while (end > begin && (text_[end - 1] == '.' || text_[end - 1] == '-')) --end;
    if (end - begin > 253 || view.substr(begin, end - begin).find('.') == std::string_view::npos) {
      continue;
    }
    std::optional<std::string> domain = NormalizeDomain(view.substr(begin, end - begin));
    if (!domain) continue;
    const size_t url_end = ExtendBareUrl(begin, end);
    std::optional<std::string> url;
    if (url_end > end &&
        (url = indicators_internal::NormalizeBareUrl(view.substr(begin, url_end - begin)))) {
      Add(begin, url_end, IndicatorType::kUrl, std::move(*url));
      i = std::max(i, url_end);
      continue;
    }
    if (indicators_internal::LooksLikeFileName(*domain) && !Defanged(begin, end)) continue;
    Add(begin, end, IndicatorType::kDomain, std::move(*domain));
  }
}

void Extractor::FindHashes() {
  for (size_t i = 0; i < text_.size();) {
    if (!IsHex(text_[i])) {
      ++i;
      continue;
    }
    const size_t begin = i, end = RunEnd(i, IsHex);
    i = end;
    if (AlnumBefore(begin) || AlnumAt(end)) continue;
    IndicatorType type;
    switch (end - begin) {
      case 32:
        type = IndicatorType::kMd5;
        break;
      case 40:
        type = IndicatorType::kSha1;
        break;
      case 64:
        type = IndicatorType::kSha256;
        break;
      default:
        continue;
    }
    if (Overlaps(begin, end)) continue;
    std::string value = text_.substr(begin, end - begin);
    for (char& c : value) c = ToLower(c);
    Add(begin, end, type, std::move(value));
  }
}

}  // namespace

std::vector<Indicator> Extract(std::string_view text) { return Extractor(text).Run(); }

}  // namespace seckit
