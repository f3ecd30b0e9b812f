// The lookup tables behind IocMatcher (private to ioc_feed.cc and ioc_scan*.cc): character
// classes, the hashes the tables use, an open-addressing IPv4 set and a string table.
#ifndef SECKIT_LOG_GREP_IOC_TABLES_H_
#define SECKIT_LOG_GREP_IOC_TABLES_H_

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ioc_matcher.h"
#include "seckit/ip.h"
#include "seckit/prefix_set.h"

namespace seckit::log_grep::ioc_internal {

constexpr uint32_t kNoId = 0xffffffff;

// Character classes, one bit each, looked up in a 256-entry table.
enum CharClass : uint8_t {
  kDigit = 1,
  kAlpha = 2,
  kHexLetter = 4,   // a-f A-F
  kDomainChar = 8,  // letters, digits, '.', '-', '_'
  kV6Char = 16,     // hex digits, ':', '.'
  kLocalChar = 32,  // e-mail local part: letters, digits, ". _ % + -"
  kUrlStop = 64,    // ends a URL: space, control bytes, DEL, '"', '<', '>'
};

constexpr std::array<uint8_t, 256> MakeCharClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    uint8_t bits = 0;
    const bool digit = c >= '0' && c <= '9';
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool hex_letter = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (digit) bits |= kDigit;
    if (alpha) bits |= kAlpha;
    if (hex_letter) bits |= kHexLetter;
    if (digit || alpha || c == '.' || c == '-' || c == '_') bits |= kDomainChar;
    if (digit || hex_letter || c == ':' || c == '.') bits |= kV6Char;
    if (digit || alpha || c == '.' || c == '_' || c == '%' || c == '+' || c == '-') {
      bits |= kLocalChar;
    }
    if (c <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>') bits |= kUrlStop;
    t[static_cast<size_t>(c)] = bits;
  }
  return t;
}
inline constexpr std::array<uint8_t, 256> kCharClasses = MakeCharClasses();

inline bool Is(char c, uint8_t bits) {
  return (kCharClasses[static_cast<unsigned char>(c)] & bits) != 0;
}
inline bool IsDigit(char c) { return static_cast<unsigned char>(c - '0') < 10; }
inline bool IsAlnum(char c) { return Is(c, kDigit | kAlpha); }
inline char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

// 64-bit FNV-1a steps, finished with a murmur3 mix so the low and high bits are both usable.
constexpr uint64_t kFnvSeed = 0xcbf29ce484222325ULL;
inline uint64_t FnvStep(uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
}
inline uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}
// Hash of bytes in order, as written.
inline uint64_t HashBytes(std::string_view s) {
  uint64_t h = kFnvSeed;
  for (char c : s) h = FnvStep(h, c);
  return Mix(h);
}
// Hash of lowercased bytes from last to first: a domain's hash is built right to left so the
// hash of every label suffix of a longer name falls out of the same pass.
inline uint64_t HashReverseLower(std::string_view s) {
  uint64_t h = kFnvSeed;
  for (size_t i = s.size(); i-- > 0;) h = FnvStep(h, Lower(s[i]));
  return Mix(h);
}
inline uint64_t HashLower(std::string_view s) {
  uint64_t h = kFnvSeed;
  for (char c : s) h = FnvStep(h, Lower(c));
  return Mix(h);
}

// A bitmap of 32-bit hashes (indexed by their high bits), four bits per slot of the table it
// guards: most addresses and names in a log are not listed, and the bitmap (128 KB for 65,536
// addresses) answers them from the CPU's cache where the table itself (1 MB then) would cost a
// memory access. It may say yes wrongly (then the table answers), never no wrongly.
class BitFilter {
 public:
  // Empties it and sizes it for a table of `slots` slots (a power of two, at least 16).
  void Reset(size_t slots) {
    const size_t bits = std::min<size_t>(slots * 4, size_t{1} << 32);
    words_.assign(bits / 64, 0);
    shift_ = static_cast<uint32_t>(32 - std::countr_zero(bits));
  }
  void Add(uint32_t hash) {
    const uint32_t bit = hash >> shift_;
    words_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  bool MayContain(uint32_t hash) const {
    const uint32_t bit = hash >> shift_;
    return (words_[bit >> 6] >> (bit & 63) & 1) != 0;
  }
  size_t MemoryUsage() const { return words_.capacity() * 8; }

 private:
  std::vector<uint64_t> words_ = std::vector<uint64_t>(1);
  uint32_t shift_ = 26;  // 64 bits until Reset
};

// A set of IPv4 addresses (host order) with an id each: linear probing over a power-of-two
// array at most half full, keyed by Fibonacci hashing. 0 marks a free slot, so 0.0.0.0 is kept
// aside.
class V4Table {
 public:
  // Empties the table and sizes it for about `expected` addresses (it grows as needed).
  void Reset(size_t expected);
  // Adds `address` with `id` unless it is there already; true if added.
  bool Insert(uint32_t address, uint32_t id);
  uint32_t Find(uint32_t address) const {
    if (address == 0) return zero_id_;
    if (!filter_.MayContain(FilterHash(address))) return kNoId;
    for (uint32_t slot = Slot(address);; slot = (slot + 1) & mask_) {
      const uint32_t key = keys_[slot];
      if (key == address) return ids_[slot];
      if (key == 0) return kNoId;
    }
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t MemoryUsage() const {
    return (keys_.capacity() + ids_.capacity()) * 4 + filter_.MemoryUsage();
  }

 private:
  uint32_t Slot(uint32_t address) const { return (address * 0x9e3779b1u) >> shift_; }
  // The filter's hash: another multiplier than the slot's, so the two are independent.
  static uint32_t FilterHash(uint32_t address) { return address * 0x85ebca6bu; }
  void Grow();

  BitFilter filter_;
  std::vector<uint32_t> keys_{0, 0}, ids_{kNoId, kNoId};
  uint32_t mask_ = 1, shift_ = 31;  // two empty slots until Reset
  uint32_t zero_id_ = kNoId;
  size_t size_ = 0;
};

// Ids of strings kept elsewhere, found by a 64-bit hash and a caller's equality test: linear
// probing over slots of (upper hash bits, id), at most half full.
class StringTable {
 public:
  // Empties the table and sizes it for about `expected` strings (it grows as needed).
  void Reset(size_t expected);
  // Inserts `id` unless an equal string is there (`equal(other_id)` says); true if inserted.
  template <typename Equal>
  bool Insert(uint64_t hash, uint32_t id, Equal equal) {
    if (Find(hash, equal) != kNoId) return false;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(hash, id);
    ++size_;
    return true;
  }
  template <typename Equal>
  uint32_t Find(uint64_t hash, Equal equal) const {
    const auto tag = static_cast<uint32_t>(hash >> 32);
    if (!filter_.MayContain(tag)) return kNoId;
    for (size_t slot = hash & mask_;; slot = (slot + 1) & mask_) {
      const Slot& s = slots_[slot];
      if (s.id == kNoId) return kNoId;
      if (s.tag == tag && equal(s.id)) return s.id;
    }
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t MemoryUsage() const { return slots_.capacity() * sizeof(Slot) + filter_.MemoryUsage(); }

 private:
  struct Slot {
    uint32_t tag = 0;   // the upper 32 bits of the hash
    uint32_t id = kNoId;
    uint32_t low = 0;   // the lower 32 bits, so the table can grow without the strings
  };
  void Place(uint64_t hash, uint32_t id);
  void Grow();

  std::vector<Slot> slots_{2};
  size_t mask_ = 1;
  BitFilter filter_;  // of the tags
  size_t size_ = 0;
};

// A 4096-bit filter of the hashes of the top-level labels of the listed domains: a name whose
// last label is not in it needs no lookups.
class TldFilter {
 public:
  void Clear() { bits_.fill(0); }
  void Add(uint64_t hash) { bits_[(hash >> 6) & 63] |= uint64_t{1} << (hash & 63); }
  bool MayContain(uint64_t hash) const {
    return (bits_[(hash >> 6) & 63] >> (hash & 63)) & 1;
  }

 private:
  std::array<uint64_t, 64> bits_{};
};

// Everything an IocMatcher holds: the listed values and, after Finish, the tables.
struct IocTables {
  struct Entry {
    uint32_t offset = 0, length = 0;  // of the value in `arena`
    IndicatorType type = IndicatorType::kDomain;
  };
  std::string arena;
  std::vector<Entry> entries;

  std::string_view Value(uint32_t id) const {
    const Entry& e = entries[id];
    return std::string_view(arena).substr(e.offset, e.length);
  }
  IocHit Hit(uint32_t id, size_t offset, size_t length) const {
    return IocHit{entries[id].type, Value(id), offset, length};
  }

  // Built by Finish().
  V4Table v4;                    // IPv4 addresses and /32 networks
  std::unordered_map<IpAddress, uint32_t> v6;  // IPv6 addresses and /128 networks
  PrefixSet networks;                          // the other networks, both families
  bool has_v4_networks = false, has_v6_networks = false;
  // A bit per IPv4 /16 that some network in `networks` overlaps: an address outside them all
  // (most addresses in a log, with a few thousand listed networks) skips the prefix lookup.
  std::vector<uint64_t> v4_network_16s;
  void NoteV4Network(const Cidr& cidr) {
    v4_network_16s.resize(65536 / 64);
    const uint32_t first = cidr.network().v4() >> 16;
    const uint32_t count = cidr.prefix_len() >= 16 ? 1 : uint32_t{1} << (16 - cidr.prefix_len());
    for (uint32_t i = first; i < first + count; ++i) {
      v4_network_16s[i >> 6] |= uint64_t{1} << (i & 63);
    }
  }
  bool MayBeInV4Network(uint32_t address) const {
    const uint32_t slash16 = address >> 16;
    return (v4_network_16s[slash16 >> 6] >> (slash16 & 63) & 1) != 0;
  }
  StringTable domains;  // by HashReverseLower
  TldFilter tlds;       // by the same hash of the top-level label
  StringTable urls;     // with a scheme, by HashBytes of the normalised URL
  StringTable bare_urls;  // "host[:port]/path", by HashBytes
  StringTable emails;     // by HashBytes of local@domain
  StringTable hashes;     // all three lengths, by HashLower
  std::array<size_t, 9> counts{};       // distinct indicators by IndicatorType
  size_t total = 0;

  // Which scanners have something to find.
  bool scan_v4 = false, scan_domains = false, scan_v6 = false, scan_urls = false,
       scan_emails = false, scan_hashes = false;
};

// Where the scanners report: collects every hit, or (hits == nullptr) stops at the first.
struct HitSink {
  const IocTables& tables;
  std::vector<IocHit>* hits;
  bool found = false;
  // Records a hit; false when the scan can stop.
  bool Add(uint32_t id, size_t offset, size_t length) {
    found = true;
    if (hits == nullptr) return false;
    hits->push_back(tables.Hit(id, offset, length));
    return true;
  }
};

// The scanners, one per kind of token (rules in ioc_matcher.h). Each returns false when the
// sink said stop. ScanDots finds IPv4 addresses, IPv4 networks, domains and scheme-less URLs.
bool ScanDots(const IocTables& t, std::string_view line, HitSink& sink);
bool ScanV6(const IocTables& t, std::string_view line, HitSink& sink);
bool ScanUrls(const IocTables& t, std::string_view line, HitSink& sink);
bool ScanEmails(const IocTables& t, std::string_view line, HitSink& sink);
bool ScanHashes(const IocTables& t, std::string_view line, HitSink& sink);

// Appends `url` ("scheme://authority/rest", or without the scheme "host[:port]/rest") to `out`
// with the scheme and host lowercased, one trailing dot of a domain host dropped and a
// bracketed IPv6 host in canonical form; userinfo, port and the rest as written. False when
// there is no host or a bracketed host is not an IPv6 address.
bool AppendNormalizedUrl(std::string_view url, std::string& out);

// Looks line[begin, end) up in `table` as a URL (normalised as above), then again with each
// trailing ". , ; : ! ? ' * ) ]" cut off in turn, and reports the first hit as covering the
// text that matched. False when the sink said stop.
bool MatchUrl(const StringTable& table, std::string_view line, size_t begin, size_t end,
              HitSink& sink);

// The known URL schemes (Classify's list); `scheme` in any case.
bool IsUrlScheme(std::string_view scheme);

}  // namespace seckit::log_grep::ioc_internal

#endif  // SECKIT_LOG_GREP_IOC_TABLES_H_
