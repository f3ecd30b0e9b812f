// IocMatcher's hot path: Scan and AnyMatch, and the scanner driven by the dots of a line, which
// finds IPv4 addresses, domains and scheme-less URLs touching each byte about once.
#include <bit>
#include <utility>

#include "ioc_matcher.h"
#include "ioc_tables.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace seckit::log_grep {
namespace ioc_internal {
namespace {

// Calls fn(i) for each i with p[i] == byte, in order, until fn returns false (then returns
// false). Sixteen bytes per step: a log line has a dot every dozen bytes or so at most.
template <typename Fn>
inline bool ForEachByte(const char* p, size_t n, char byte, Fn&& fn) {
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i needle = _mm_set1_epi8(byte);
  for (; i + 16 <= n; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, needle)));
    while (mask != 0) {
      if (!fn(i + static_cast<size_t>(std::countr_zero(mask)))) return false;
      mask &= mask - 1;
    }
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == byte && !fn(i)) return false;
  }
  return true;
}

struct Quad {
  uint32_t address;
  size_t begin, end;
};

// The IPv4 address whose first dot is p[d] (p[d - 1] and p[d + 1] are digits), if the token
// there is one by the rules in ioc_matcher.h.
inline bool FindQuad(const char* p, size_t n, size_t d, Quad* quad) {
  size_t s = d - 1;
  while (s > 0 && IsDigit(p[s - 1])) {
    if (d - s == 3) return false;  // a part of four or more digits
    --s;
  }
  if (s > 0) {
    const char before = p[s - 1];
    if (Is(before, kAlpha) || (before == '.' && s > 1 && IsDigit(p[s - 2]))) return false;
  }
  uint32_t address = 0;
  size_t i = s;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= n || p[i] != '.') return false;
      ++i;
    }
    const size_t start = i;
    uint32_t value = 0;
    while (i < n && IsDigit(p[i])) {
      if (i - start == 3) return false;
      value = value * 10 + static_cast<uint32_t>(p[i] - '0');
      ++i;
    }
    const size_t len = i - start;
    if (len == 0 || value > 255 || (len > 1 && p[start] == '0')) return false;
    address = address << 8 | value;
  }
  if (i < n && (IsAlnum(p[i]) || (p[i] == '.' && i + 1 < n && IsDigit(p[i + 1])))) return false;
  *quad = {address, s, i};
  return true;
}

uint32_t FindV4(const IocTables& t, uint32_t address) {
  const uint32_t id = t.v4.Find(address);
  if (id != kNoId || !t.has_v4_networks || !t.MayBeInV4Network(address)) return id;
  return t.networks.Lookup(IpAddress::V4(address)).value_or(kNoId);
}

// The most specific listed domain that name[0, len) is or ends with after one of its dots.
uint32_t FindDomain(const IocTables& t, const char* name, size_t len) {
  auto equal_to = [&t](const char* s, size_t n) {
    return [&t, s, n](uint32_t id) {
      const std::string_view v = t.Value(id);
      if (v.size() != n) return false;
      for (size_t k = 0; k < n; ++k) {
        if (Lower(s[k]) != v[k]) return false;
      }
      return true;
    };
  };
  uint64_t h = kFnvSeed;
  bool tld_seen = false;
  uint32_t best = kNoId;
  for (size_t i = len; i-- > 0;) {
    const char c = Lower(name[i]);
    if (c == '.') {
      if (!tld_seen) {
        // Listed names have two labels or more: the last label only filters.
        if (i + 1 == len || !t.tlds.MayContain(Mix(h))) return kNoId;
        tld_seen = true;
      } else {
        const uint32_t id = t.domains.Find(Mix(h), equal_to(name + i + 1, len - i - 1));
        if (id != kNoId) best = id;
      }
    }
    h = FnvStep(h, c);
  }
  if (!tld_seen) return kNoId;
  const uint32_t id = t.domains.Find(Mix(h), equal_to(name, len));
  return id != kNoId ? id : best;
}

// After the name ending at `e`: the end of a ":port/path" or "/path" URL tail, or 0.
size_t BareUrlEnd(const char* p, size_t n, size_t e) {
  size_t i = e;
  if (i < n && p[i] == ':') {
    const size_t digits = ++i;
    while (i < n && IsDigit(p[i]) && i - digits < 5) ++i;
    if (i == digits) return 0;
  }
  if (i + 1 >= n || p[i] != '/' || Is(p[i + 1], kUrlStop)) return 0;
  while (i < n && !Is(p[i], kUrlStop)) ++i;
  return i;
}

}  // namespace

bool ScanDots(const IocTables& t, std::string_view line, HitSink& sink) {
  const char* p = line.data();
  const size_t n = line.size();
  size_t ip_next = 0, name_next = 0;  // dots before these are inside tokens already seen
  return ForEachByte(p, n, '.', [&](size_t d) {
    if (t.scan_v4 && d >= ip_next && d > 0 && d + 1 < n && IsDigit(p[d - 1]) &&
        IsDigit(p[d + 1])) {
      Quad quad;
      if (FindQuad(p, n, d, &quad)) {
        ip_next = quad.end;
        const uint32_t id = FindV4(t, quad.address);
        if (id != kNoId && !sink.Add(id, quad.begin, quad.end - quad.begin)) return false;
      }
    }
    if (t.scan_domains && d >= name_next) {
      size_t s = d, e = d + 1;
      while (s > 0 && Is(p[s - 1], kDomainChar)) --s;
      while (e < n && Is(p[e], kDomainChar)) ++e;
      name_next = e;
      size_t name_end = e;
      while (name_end > s && p[name_end - 1] == '.') --name_end;
      if (!t.domains.empty()) {
        const uint32_t id = FindDomain(t, p + s, name_end - s);
        if (id != kNoId && !sink.Add(id, s, name_end - s)) return false;
      }
      if (!t.bare_urls.empty()) {
        const size_t url_end = BareUrlEnd(p, n, e);
        if (url_end != 0 && !MatchUrl(t.bare_urls, line, s, url_end, sink)) return false;
      }
    }
    return true;
  });
}

}  // namespace ioc_internal

namespace {

void RunScanners(const ioc_internal::IocTables& t, std::string_view line,
                 ioc_internal::HitSink& sink) {
  using namespace ioc_internal;  // NOLINT: the scanners
  if ((t.scan_v4 || t.scan_domains) && !ScanDots(t, line, sink)) return;
  if (t.scan_v6 && !ScanV6(t, line, sink)) return;
  if (t.scan_urls && !ScanUrls(t, line, sink)) return;
  if (t.scan_emails && !ScanEmails(t, line, sink)) return;
  if (t.scan_hashes) ScanHashes(t, line, sink);
}

}  // namespace

bool IocMatcher::Scan(std::string_view line, std::vector<IocHit>& hits) const {
  const size_t first = hits.size();
  ioc_internal::HitSink sink{*tables_, &hits};
  RunScanners(*tables_, line, sink);
  // Each scanner reports in order; merge them by offset (stable, and lines have few hits).
  for (size_t i = first + 1; i < hits.size(); ++i) {
    for (size_t j = i; j > first && hits[j - 1].offset > hits[j].offset; --j) {
      std::swap(hits[j - 1], hits[j]);
    }
  }
  return hits.size() > first;
}

bool IocMatcher::AnyMatch(std::string_view line) const {
  ioc_internal::HitSink sink{*tables_, nullptr};
  RunScanners(*tables_, line, sink);
  return sink.found;
}

}  // namespace seckit::log_grep
