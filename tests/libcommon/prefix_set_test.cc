// Tests for PrefixSet: hand-made nesting cases, then random prefix sets (nested, duplicated,
// clustered, /0 and host routes) and the maltrail mass-scanner list, each checked against a
// brute-force scan over every prefix using plain integer range arithmetic.
#include "seckit/prefix_set.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit {
namespace {

// One prefix as the oracle sees it: an inclusive numeric range [lo, hi] of 128-bit keys (IPv4
// in the low 32 bits), the prefix length, and the caller's id.
struct RefPrefix {
  bool v4;
  uint64_t lo_hi, lo_lo, hi_hi, hi_lo;  // lo and hi as (high, low) 64-bit pairs
  int len;
  uint32_t id;
};

bool LessEq(uint64_t ah, uint64_t al, uint64_t bh, uint64_t bl) {
  return ah < bh || (ah == bh && al <= bl);
}

RefPrefix MakeRef(const std::string& text, uint32_t id) {
  const size_t slash = text.find('/');
  const IpAddress a = *IpAddress::Parse(text.substr(0, slash));
  const int len = std::stoi(text.substr(slash + 1));
  RefPrefix r{a.is_v4(), 0, 0, 0, 0, len, id};
  if (a.is_v4()) {
    const uint64_t size = uint64_t{1} << (32 - len);
    r.lo_lo = a.v4() / size * size;
    r.hi_lo = r.lo_lo + size - 1;
  } else {
    // Clear and set the host bits one by one: slow and obviously right.
    uint64_t h = a.high(), l = a.low(), hh = h, hl = l;
    for (int bit = len; bit < 128; ++bit) {
      uint64_t& lo_word = bit < 64 ? h : l;
      uint64_t& hi_word = bit < 64 ? hh : hl;
      const uint64_t mask = uint64_t{1} << (63 - bit % 64);
      lo_word &= ~mask;
      hi_word |= mask;
    }
    r.lo_hi = h, r.lo_lo = l, r.hi_hi = hh, r.hi_lo = hl;
  }
  return r;
}

// The most specific containing prefix; the first added on equal length.
std::optional<uint32_t> BruteLookup(const std::vector<RefPrefix>& prefixes, const IpAddress& a) {
  const uint64_t h = a.is_v4() ? 0 : a.high();
  const uint64_t l = a.is_v4() ? a.v4() : a.low();
  int best_len = -1;
  std::optional<uint32_t> best;
  for (const RefPrefix& p : prefixes) {
    if (p.v4 != a.is_v4() || p.len <= best_len) continue;
    if (LessEq(p.lo_hi, p.lo_lo, h, l) && LessEq(h, l, p.hi_hi, p.hi_lo)) {
      best_len = p.len;
      best = p.id;
    }
  }
  return best;
}

IpAddress FromKey(bool v4, uint64_t h, uint64_t l) {
  return v4 ? IpAddress::V4(static_cast<uint32_t>(l)) : IpAddress::V6(h, l);
}

// Queries at and around every range edge plus uniform random addresses.
std::vector<IpAddress> MakeQueries(const std::vector<RefPrefix>& prefixes, size_t random_count,
                                   bool v4, std::mt19937_64& rng) {
  std::vector<IpAddress> q;
  for (const RefPrefix& p : prefixes) {
    if (p.v4 != v4) continue;
    q.push_back(FromKey(v4, p.lo_hi, p.lo_lo));
    q.push_back(FromKey(v4, p.hi_hi, p.hi_lo));
    q.push_back(FromKey(v4, p.lo_hi - (p.lo_lo == 0), p.lo_lo - 1));
    q.push_back(FromKey(v4, p.hi_hi + (p.hi_lo == ~uint64_t{0}), p.hi_lo + 1));
  }
  for (size_t i = 0; i < random_count; ++i) q.push_back(FromKey(v4, rng(), rng()));
  return q;
}

void ExpectSameAsBruteForce(const PrefixSet& set, const std::vector<RefPrefix>& prefixes,
                            const std::vector<IpAddress>& queries) {
  int mismatches = 0, hits = 0;
  for (const IpAddress& a : queries) {
    const std::optional<uint32_t> want = BruteLookup(prefixes, a);
    const std::optional<uint32_t> got = set.Lookup(a);
    hits += want.has_value();
    if (got != want && ++mismatches <= 10) {
      ADD_FAILURE() << a.ToString() << ": got " << (got ? std::to_string(*got) : "none")
                    << ", want " << (want ? std::to_string(*want) : "none");
    }
    if (set.Contains(a) != want.has_value()) ++mismatches;
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(hits, 0);
}

// A random prefix text; half the time nested inside an earlier one, sometimes a duplicate.
std::string RandomPrefix(bool v4, const std::vector<std::string>& earlier, std::mt19937_64& rng) {
  const int width = v4 ? 32 : 128;
  const uint64_t r = rng() % 100;
  if (!earlier.empty() && r < 5) return earlier[rng() % earlier.size()];  // duplicate
  IpAddress base = FromKey(v4, rng(), rng());
  int len = static_cast<int>(rng() % (width + 1));
  if (r < 8) len = width;
  if (r < 9) len = 0;
  if (!earlier.empty() && r >= 50) {  // inside an earlier prefix, at least as long
    const Cidr outer = *Cidr::Parse(earlier[rng() % earlier.size()]);
    const int extra = static_cast<int>(rng() % (width - outer.prefix_len() + 1));
    len = outer.prefix_len() + extra;
    // first | (random & (first ^ last)) stays inside the outer prefix.
    const IpAddress first = outer.first(), last = outer.last();
    base =
        v4 ? IpAddress::V4(first.v4() | (static_cast<uint32_t>(rng()) & (first.v4() ^ last.v4())))
           : IpAddress::V6(first.high() | (rng() & (first.high() ^ last.high())),
                           first.low() | (rng() & (first.low() ^ last.low())));
  }
  return Cidr::Make(base, len)->ToString();
}

void RunRandomTrial(bool v4, int prefix_count, size_t random_queries, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  std::vector<RefPrefix> refs;
  PrefixSet set;
  for (int i = 0; i < prefix_count; ++i) {
    texts.push_back(RandomPrefix(v4, texts, rng));
    const auto id = static_cast<uint32_t>(rng() % 1000000);
    refs.push_back(MakeRef(texts.back(), id));
    set.Add(*Cidr::Parse(texts.back()), id);
  }
  set.Build();
  EXPECT_EQ(set.size(), static_cast<size_t>(prefix_count));
  ExpectSameAsBruteForce(set, refs, MakeQueries(refs, random_queries, v4, rng));
}

TEST(PrefixSet, MostSpecificPrefixWins) {
  PrefixSet set;
  set.Add(*Cidr::Parse("10.0.0.0/8"), 1);
  set.Add(*Cidr::Parse("10.1.0.0/16"), 2);
  set.Add(*Cidr::Parse("10.1.2.0/24"), 3);
  set.Add(*Cidr::Parse("10.1.2.3/32"), 4);
  set.Add(*Cidr::Parse("10.1.3.0/24"), 5);
  set.Add(*Cidr::Parse("10.1.4.0/24"), 6);  // adjacent to the one before
  set.Build();
  auto at = [&](const char* text) { return set.Lookup(*IpAddress::Parse(text)); };
  EXPECT_EQ(at("9.255.255.255"), std::nullopt);
  EXPECT_EQ(at("10.0.0.0"), 1u);
  EXPECT_EQ(at("10.1.0.0"), 2u);
  EXPECT_EQ(at("10.1.2.2"), 3u);
  EXPECT_EQ(at("10.1.2.3"), 4u);
  EXPECT_EQ(at("10.1.2.4"), 3u);
  EXPECT_EQ(at("10.1.3.255"), 5u);
  EXPECT_EQ(at("10.1.4.0"), 6u);
  EXPECT_EQ(at("10.1.5.0"), 2u);
  EXPECT_EQ(at("10.2.0.0"), 1u);
  EXPECT_EQ(at("10.255.255.255"), 1u);
  EXPECT_EQ(at("11.0.0.0"), std::nullopt);
  EXPECT_EQ(at("::ffff:10.1.2.3"), std::nullopt);  // IPv4-mapped IPv6 is IPv6
  EXPECT_EQ(at("::a01:203"), std::nullopt);
  EXPECT_TRUE(set.Contains(*IpAddress::Parse("10.9.9.9")));
}

TEST(PrefixSet, EmptyUnbuiltAndEdgeOfSpace) {
  PrefixSet set;
  EXPECT_FALSE(set.Lookup(*IpAddress::Parse("1.2.3.4")).has_value());
  set.Add(*Cidr::Parse("0.0.0.0/0"), 7);
  set.Add(*Cidr::Parse("255.255.255.255/32"), 8);
  set.Add(*Cidr::Parse("ffff::/16"), 9);
  EXPECT_FALSE(set.Contains(*IpAddress::Parse("1.2.3.4")));  // not built yet
  set.Build();
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("0.0.0.0")), 7u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("255.255.255.254")), 7u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("255.255.255.255")), 8u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), 9u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("fffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff")), std::nullopt);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("::")), std::nullopt);
}

TEST(PrefixSet, DuplicatesKeepFirstIdAndRebuildIncludesEverything) {
  PrefixSet set;
  set.Add(*Cidr::Parse("192.0.2.0/24"), 1);
  set.Add(*Cidr::Parse("192.0.2.0/24"), 2);
  set.Add(*Cidr::Parse("192.0.2.0/24"), PrefixSet::kNoId);
  EXPECT_EQ(set.rejected_count(), 1u);
  EXPECT_EQ(set.size(), 2u);
  set.Build();
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("192.0.2.9")), 1u);
  set.Add(*Cidr::Parse("192.0.2.8/29"), 3);
  set.Add(*Cidr::Parse("2001:db8::/32"), 0);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("192.0.2.9")), 1u);  // until rebuilt
  set.Build();
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("192.0.2.9")), 3u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("192.0.2.16")), 1u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("2001:db8:1::")), 0u);
  PrefixSet moved = std::move(set);
  EXPECT_EQ(moved.Lookup(*IpAddress::Parse("192.0.2.9")), 3u);
}

TEST(PrefixSet, SingleHostEverywhere) {
  PrefixSet set;
  for (uint32_t i = 0; i < 3; ++i) set.Add(*Cidr::Parse("2001:db8::1"), i);
  set.Build();
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("2001:db8::1")), 0u);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("2001:db8::")), std::nullopt);
  EXPECT_EQ(set.Lookup(*IpAddress::Parse("2001:db8::2")), std::nullopt);
}

TEST(PrefixSet, RandomIpv4AgainstBruteForce) { RunRandomTrial(true, 5000, 100000, 1); }

TEST(PrefixSet, RandomIpv6AgainstBruteForce) { RunRandomTrial(false, 3000, 30000, 2); }

TEST(PrefixSet, SmallRandomSetsAgainstBruteForce) {
  for (uint64_t seed = 10; seed < 60; ++seed) {
    RunRandomTrial(seed % 2 == 0, static_cast<int>(seed % 13) + 1, 200, seed);
  }
}

// All prefixes inside one /8 (or one IPv6 /32): the index covers only that block.
TEST(PrefixSet, ClusteredPrefixesAgainstBruteForce) {
  for (bool v4 : {true, false}) {
    std::mt19937_64 rng(v4 ? 5 : 6);
    const std::string outer = v4 ? "10.0.0.0/8" : "2001:db8::/32";
    std::vector<std::string> texts = {outer};
    for (int i = 0; i < 3000; ++i) texts.push_back(RandomPrefix(v4, {outer}, rng));
    texts.erase(texts.begin());  // the block itself is not in the set
    PrefixSet set;
    std::vector<RefPrefix> refs;
    for (size_t i = 0; i < texts.size(); ++i) {
      set.Add(*Cidr::Parse(texts[i]), static_cast<uint32_t>(i));
      refs.push_back(MakeRef(texts[i], static_cast<uint32_t>(i)));
    }
    set.Build();
    ExpectSameAsBruteForce(set, refs, MakeQueries(refs, 20000, v4, rng));
  }
}

TEST(PrefixSet, MassScannerListAgainstBruteForce) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/maltrail_mass_scanner_cidr.txt");
  PrefixSet set;
  std::vector<RefPrefix> refs;
  uint32_t line_number = 0;
  for (const std::string& line : testing::SplitLines(testing::ReadFile(path))) {
    ++line_number;
    const std::string token = line.substr(0, line.find_first_of(" \t#"));
    if (token.empty()) continue;
    const std::string text = token.find('/') == std::string::npos ? token + "/32" : token;
    auto cidr = Cidr::Parse(text);
    ASSERT_TRUE(cidr.has_value()) << "line " << line_number << ": " << line;
    set.Add(*cidr, line_number);
    refs.push_back(MakeRef(text, line_number));
  }
  EXPECT_GT(refs.size(), 1000u);
  set.Build();
  std::mt19937_64 rng(4);
  ExpectSameAsBruteForce(set, refs, MakeQueries(refs, 100000, true, rng));
}

}  // namespace
}  // namespace seckit
