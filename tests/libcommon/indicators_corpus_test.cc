// Tests Classify and Extract on real IOC feeds from ../shared/corpus/ioc against references
// computed here with std::regex over each line, independently of the code under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "seckit/indicators.h"
#include "test_support.h"

namespace seckit {
namespace {

using T = IndicatorType;

struct FeedLine {
  size_t offset;      // of the line in the file
  std::string field;  // the first ';'-separated field, trimmed
};

// Non-empty, non-comment lines and their first field.
std::vector<FeedLine> ReadFeed(const std::string& text) {
  std::vector<FeedLine> lines;
  size_t offset = 0;
  for (const std::string& line : testing::SplitLines(text)) {
    std::string field = line.substr(0, line.find(';'));
    while (!field.empty() && (field.back() == ' ' || field.back() == '\r')) field.pop_back();
    if (!field.empty() && field[0] != '#') lines.push_back({offset, field});
    offset += line.size() + 1;
  }
  return lines;
}

// Extract's findings keyed by offset.
std::map<size_t, Indicator> ExtractByOffset(const std::string& text) {
  std::map<size_t, Indicator> out;
  for (Indicator& i : Extract(text)) out.emplace(i.offset, std::move(i));
  return out;
}

// The last label of every rule in the system's public_suffix_list.dat: the TLDs it knows.
const std::set<std::string>& ListedTlds() {
  static const std::set<std::string> tlds = [] {
    std::set<std::string> out;
    const std::string text = testing::ReadFile("/usr/share/publicsuffix/public_suffix_list.dat");
    for (const std::string& line : testing::SplitLines(text)) {
      if (line.empty() || line.rfind("//", 0) == 0) continue;
      const std::string rule = line.substr(0, line.find_first_of(" \t"));
      out.insert(rule.substr(rule.rfind('.') + 1));
    }
    return out;
  }();
  return tlds;
}

// What the rules in indicators.h say Classify and Extract make of a feed line that has the
// shape of a domain name.
struct DomainExpectation {
  bool classify;  // a domain for Classify
  bool extract;   // also reported by Extract (not a two-label name ending in a file extension)
};

DomainExpectation ExpectForDomain(const std::string& name) {
  const std::string tld = name.substr(name.rfind('.') + 1);
  const bool listed = ListedTlds().count(tld) > 0;
  const auto& extensions = FileExtensionTlds();
  const bool file_like = std::count(name.begin(), name.end(), '.') == 1 &&
                         std::find(extensions.begin(), extensions.end(), tld) != extensions.end();
  return {listed, listed && !file_like};
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(IndicatorCorpus, SigbaseHashCountsMatchRegexReference) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/sigbase_hash-iocs.txt");
  const std::string text = testing::ReadFile(path);
  const std::regex md5("[0-9a-fA-F]{32}"), sha1("[0-9a-fA-F]{40}"), sha256("[0-9a-fA-F]{64}");
  std::map<T, int> reference, extracted, classified;
  const std::map<size_t, Indicator> found = ExtractByOffset(text);
  for (const FeedLine& line : ReadFeed(text)) {
    std::optional<T> want;
    if (std::regex_match(line.field, md5)) want = T::kMd5;
    if (std::regex_match(line.field, sha1)) want = T::kSha1;
    if (std::regex_match(line.field, sha256)) want = T::kSha256;
    ASSERT_TRUE(want.has_value()) << "not a hash line: " << line.field;
    ++reference[*want];
    auto it = found.find(line.offset);
    if (it != found.end() && it->second.type == *want && it->second.value == Lower(line.field) &&
        it->second.length == line.field.size()) {
      ++extracted[*want];
    } else {
      ADD_FAILURE() << "Extract missed " << line.field;
    }
    std::optional<Indicator> c = Classify(line.field);
    if (c && c->type == *want && c->value == Lower(line.field)) ++classified[*want];
  }
  // The MANIFEST's counts, confirmed by the regex reference.
  EXPECT_EQ(reference[T::kMd5], 1039);
  EXPECT_EQ(reference[T::kSha1], 926);
  EXPECT_EQ(reference[T::kSha256], 1259);
  EXPECT_EQ(extracted, reference);
  EXPECT_EQ(classified, reference);
}

// maltrail lists IPv4[:port], domains and scheme-less URLs (and a few bare paths).
TEST(IndicatorCorpus, MaltrailQakbotLinesClassifyAsTheirShape) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/maltrail_qakbot.txt");
  const std::string text = testing::ReadFile(path);
  const std::regex ipv4_port(R"((\d{1,3}(?:\.\d{1,3}){3})(:\d{1,5})?)");
  const std::regex domain(R"([a-z0-9-]+(\.[a-z0-9-]+)+)");
  const std::map<size_t, Indicator> found = ExtractByOffset(text);
  std::map<T, int> reference, matched;
  int paths = 0, rejected_domains = 0, file_like = 0;
  for (const FeedLine& line : ReadFeed(text)) {
    std::smatch m;
    T want;
    std::string value = line.field, original = line.field;
    if (line.field[0] == '/') {
      ++paths;
      EXPECT_FALSE(Classify(line.field).has_value()) << line.field;
      continue;
    } else if (std::regex_match(line.field, m, ipv4_port)) {
      want = T::kIpv4;
      value = original = m[1];
    } else if (line.field.find('/') != std::string::npos) {
      want = T::kUrl;
    } else {
      ASSERT_TRUE(std::regex_match(line.field, domain)) << line.field;
      want = T::kDomain;
    }
    DomainExpectation expect{true, true};
    if (want == T::kDomain) expect = ExpectForDomain(line.field);
    if (!expect.classify) ++rejected_domains;
    if (expect.classify && !expect.extract) ++file_like;
    ++reference[want];
    std::optional<Indicator> c = Classify(line.field);
    auto it = found.find(line.offset);
    const bool extracted = it != found.end() && it->second.type == want &&
                           it->second.value == value && it->second.length == original.size();
    const bool classified = c && c->type == want && c->value == value;
    if (classified == expect.classify && extracted == expect.extract) {
      ++matched[want];
    } else {
      ADD_FAILURE() << "line " << line.field << ": classify "
                    << (c ? std::string(IndicatorTypeName(c->type)) + " " + c->value : "none")
                    << ", extract " << (extracted ? "found" : "not found");
    }
  }
  EXPECT_EQ(matched, reference);
  EXPECT_GT(reference[T::kIpv4], 6000);
  EXPECT_GT(reference[T::kDomain], 1000);
  EXPECT_GT(reference[T::kUrl], 100);
  EXPECT_EQ(rejected_domains, 1);  // d221-73-45.commercial.cgocable: no such TLD
  EXPECT_GT(file_like, 5);         // bckp01.in, saper.in, cancelation.one, ...
  EXPECT_GT(paths, 0);
}

TEST(IndicatorCorpus, SigbaseC2LinesAreDomainsOrAddresses) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/sigbase_c2-iocs.txt");
  const std::string text = testing::ReadFile(path);
  const std::regex ipv4(R"(\d{1,3}(\.\d{1,3}){3})");
  const std::map<size_t, Indicator> found = ExtractByOffset(text);
  std::map<T, int> reference, matched;
  for (const FeedLine& line : ReadFeed(text)) {
    const T want = std::regex_match(line.field, ipv4) ? T::kIpv4 : T::kDomain;
    const DomainExpectation expect =
        want == T::kDomain ? ExpectForDomain(Lower(line.field)) : DomainExpectation{true, true};
    ++reference[want];
    std::optional<Indicator> c = Classify(line.field);
    auto it = found.find(line.offset);
    const bool classified = c && c->type == want && c->value == Lower(line.field);
    const bool extracted =
        it != found.end() &&
        it->second == Indicator{want, Lower(line.field), line.offset, line.field.size()};
    if (classified == expect.classify && extracted == expect.extract) {
      ++matched[want];
    } else {
      ADD_FAILURE() << "line " << line.field << ": classify "
                    << (c ? std::string(IndicatorTypeName(c->type)) + " " + c->value : "none");
    }
  }
  EXPECT_EQ(matched, reference);
  EXPECT_GT(reference[T::kDomain], 1600);
  EXPECT_GT(reference[T::kIpv4], 100);
}

}  // namespace
}  // namespace seckit
