// IocMatcher's loading side: reading feed files, normalising added indicators and building the
// lookup tables.
#include <algorithm>
#include <optional>
#include <unordered_set>

#include "ioc_matcher.h"
#include "ioc_tables.h"
#include "seckit/input.h"
#include "seckit/line_reader.h"

namespace seckit::log_grep {
namespace {

using ioc_internal::IocTables;
using ioc_internal::kNoId;
using ioc_internal::Lower;

std::string LowerString(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

size_t HashLength(IndicatorType type) {
  return type == IndicatorType::kMd5 ? 32 : type == IndicatorType::kSha1 ? 40 : 64;
}

// The value stored for `indicator`, or nullopt when it is not valid for its type. Values from
// Classify come back unchanged; this only makes hand-made ones (tests, other callers) safe.
std::optional<std::string> NormalizeValue(const Indicator& indicator) {
  const std::string_view v = indicator.value;
  switch (indicator.type) {
    case IndicatorType::kIpv4:
    case IndicatorType::kIpv6: {
      std::optional<IpAddress> a = IpAddress::Parse(v);
      if (!a || a->is_v4() != (indicator.type == IndicatorType::kIpv4)) return std::nullopt;
      return a->ToString();
    }
    case IndicatorType::kCidr: {
      std::optional<Cidr> cidr = Cidr::Parse(v);
      return cidr ? std::optional<std::string>(cidr->ToString()) : std::nullopt;
    }
    case IndicatorType::kDomain: {
      std::string name = LowerString(v);
      if (!name.empty() && name.back() == '.') name.pop_back();
      const size_t dot = name.find('.');
      if (dot == std::string::npos || dot == 0 || name.back() == '.') return std::nullopt;
      const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
        return ioc_internal::Is(c, ioc_internal::kDomainChar);
      });
      return ok ? std::optional<std::string>(std::move(name)) : std::nullopt;
    }
    case IndicatorType::kUrl: {
      if (v.empty() || std::any_of(v.begin(), v.end(), [](char c) {
            return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
          })) {
        return std::nullopt;
      }
      std::string out;
      if (!ioc_internal::AppendNormalizedUrl(v, out)) return std::nullopt;
      return out;
    }
    case IndicatorType::kEmail: {
      const size_t at = v.rfind('@');
      if (at == std::string_view::npos || at == 0 || at + 1 == v.size()) return std::nullopt;
      return std::string(v.substr(0, at + 1)) + LowerString(v.substr(at + 1));
    }
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256: {
      const bool hex = std::all_of(v.begin(), v.end(), [](char c) {
        return ioc_internal::Is(c, ioc_internal::kDigit | ioc_internal::kHexLetter);
      });
      if (!hex || v.size() != HashLength(indicator.type)) return std::nullopt;
      return LowerString(v);
    }
  }
  return std::nullopt;
}

// Puts entry `id` into its table; false when an equal indicator is there already.
bool AddToTables(IocTables& t, uint32_t id, std::unordered_set<Cidr>& networks) {
  using ioc_internal::HashBytes;
  const std::string_view v = t.Value(id);
  auto equal = [&t, v](uint32_t other) { return t.Value(other) == v; };
  switch (t.entries[id].type) {
    case IndicatorType::kIpv4:
      return t.v4.Insert(IpAddress::Parse(v)->v4(), id);
    case IndicatorType::kIpv6:
      return t.v6.emplace(*IpAddress::Parse(v), id).second;
    case IndicatorType::kCidr: {
      const Cidr cidr = *Cidr::Parse(v);
      if (cidr.IsHost()) {
        return cidr.is_v4() ? t.v4.Insert(cidr.network().v4(), id)
                            : t.v6.emplace(cidr.network(), id).second;
      }
      if (!networks.insert(cidr).second) return false;
      t.networks.Add(cidr, id);
      (cidr.is_v4() ? t.has_v4_networks : t.has_v6_networks) = true;
      if (cidr.is_v4()) t.NoteV4Network(cidr);
      return true;
    }
    case IndicatorType::kDomain:
      if (!t.domains.Insert(ioc_internal::HashReverseLower(v), id, equal)) return false;
      t.tlds.Add(ioc_internal::HashReverseLower(v.substr(v.rfind('.') + 1)));
      return true;
    case IndicatorType::kUrl:
      return (v.find("://") != std::string_view::npos ? t.urls : t.bare_urls)
          .Insert(HashBytes(v), id, equal);
    case IndicatorType::kEmail:
      return t.emails.Insert(HashBytes(v), id, equal);
    case IndicatorType::kMd5:
    case IndicatorType::kSha1:
    case IndicatorType::kSha256:
      return t.hashes.Insert(ioc_internal::HashLower(v), id, equal);
  }
  return false;
}

}  // namespace

IocMatcher::IocMatcher() : tables_(std::make_unique<IocTables>()) {}
IocMatcher::~IocMatcher() = default;
IocMatcher::IocMatcher(IocMatcher&&) noexcept = default;
IocMatcher& IocMatcher::operator=(IocMatcher&&) noexcept = default;

Status IocMatcher::LoadFile(const std::string& path, std::vector<IocFeedError>& rejected) {
  Result<std::unique_ptr<InputSource>> opened = OpenInput(path);
  if (!opened.ok()) return opened.status();
  InputSource& source = *opened.value();
  LineReader reader(source);
  Line line;
  while (reader.Next(line)) {
    const FeedLine entry = ParseFeedLine(line.text);
    if (entry.blank) continue;
    if (!entry.indicator || !Add(*entry.indicator)) {
      rejected.push_back({source.name(), line.number, std::string(line.text)});
    }
  }
  return reader.status();
}

bool IocMatcher::Add(const Indicator& indicator) {
  std::optional<std::string> value = NormalizeValue(indicator);
  if (!value) return false;
  IocTables& t = *tables_;
  t.entries.push_back({static_cast<uint32_t>(t.arena.size()), static_cast<uint32_t>(value->size()),
                       indicator.type});
  t.arena += *value;
  return true;
}

void IocMatcher::Finish() {
  IocTables& t = *tables_;
  std::array<size_t, 9> added{};
  for (const IocTables::Entry& e : t.entries) ++added[static_cast<size_t>(e.type)];
  auto n = [&added](IndicatorType type) { return added[static_cast<size_t>(type)]; };
  t.v4.Reset(n(IndicatorType::kIpv4));
  t.v6.clear();
  t.networks = PrefixSet();
  t.has_v4_networks = t.has_v6_networks = false;
  t.v4_network_16s.clear();
  t.domains.Reset(n(IndicatorType::kDomain));
  t.tlds.Clear();
  t.urls.Reset(n(IndicatorType::kUrl));
  t.bare_urls.Reset(0);
  t.emails.Reset(n(IndicatorType::kEmail));
  t.hashes.Reset(n(IndicatorType::kMd5) + n(IndicatorType::kSha1) + n(IndicatorType::kSha256));
  t.counts = {};
  t.total = 0;
  std::unordered_set<Cidr> networks;
  for (uint32_t id = 0; id < t.entries.size(); ++id) {
    if (AddToTables(t, id, networks)) {
      ++t.counts[static_cast<size_t>(t.entries[id].type)];
      ++t.total;
    }
  }
  t.networks.Build();
  t.scan_v4 = !t.v4.empty() || t.has_v4_networks;
  t.scan_domains = !t.domains.empty() || !t.bare_urls.empty();
  t.scan_v6 = !t.v6.empty() || t.has_v6_networks;
  t.scan_urls = !t.urls.empty();
  t.scan_emails = !t.emails.empty();
  t.scan_hashes = !t.hashes.empty();
}

size_t IocMatcher::size() const { return tables_->total; }

size_t IocMatcher::Count(IndicatorType type) const {
  return tables_->counts[static_cast<size_t>(type)];
}

size_t IocMatcher::MemoryUsage() const {
  const IocTables& t = *tables_;
  // std::unordered_map: a node (key, id, next pointer, cached hash) plus a bucket pointer.
  const size_t v6_bytes = t.v6.size() * (sizeof(IpAddress) + 4 + 16) + t.v6.bucket_count() * 8;
  // PrefixSet documents at most ~96 bytes per prefix plus an index of up to 4 MiB.
  const size_t network_bytes = t.networks.size() * 96 + (t.networks.size() > 0 ? (4u << 20) : 0);
  return t.arena.capacity() + t.entries.capacity() * sizeof(IocTables::Entry) + t.v4.MemoryUsage() +
         v6_bytes + network_bytes + t.domains.MemoryUsage() + t.urls.MemoryUsage() +
         t.bare_urls.MemoryUsage() + t.emails.MemoryUsage() + t.hashes.MemoryUsage();
}

}  // namespace seckit::log_grep
