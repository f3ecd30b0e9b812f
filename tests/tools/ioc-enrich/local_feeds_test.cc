// LocalFeeds: plain lists, the lookup rules (exact, containing networks, parent domains,
// scheme-less URLs), --feed arguments, format detection, the corpus feeds checked against
// independent counts, and a million-entry feed.
#include "local_feeds.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "local_feeds_test_util.h"
#include "seckit/ip.h"

namespace seckit::ioc_enrich {
namespace {

std::vector<std::string> MatchedEntries(const std::vector<Enrichment>& found) {
  std::vector<std::string> out;
  for (const Enrichment& e : found) out.push_back(e.matched_entry);
  return out;
}

TEST_F(LocalFeedsTest, PlainListFindsEachIndicatorWithItsNote) {
  LoadOk(Write("list.txt",
               "# a hand-kept list\n"
               "\n"
               "198.51.100.7\t10\n"
               "evil.example.com # phishing kit\n"
               "http://bad.example.net/gate.php\n"
               "44d88612fea8a8f36de82e1278abb02f;EICAR test file\n"
               "mallory@evil.example.com\n"
               "2001:db8::66\n"));
  EXPECT_EQ(feeds_.size(), 6u);
  std::vector<Enrichment> found = Find("198.51.100.7");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].provider, "feed:list.txt");
  EXPECT_EQ(found[0].verdict, Verdict::kMalicious);
  EXPECT_FALSE(found[0].score.has_value());
  EXPECT_EQ(found[0].description, "10");
  EXPECT_EQ(found[0].matched_entry, "");
  EXPECT_EQ(Find("evil.example.com").at(0).description, "phishing kit");
  EXPECT_EQ(Find("http://bad.example.net/gate.php").size(), 1u);
  EXPECT_EQ(Find("44D88612FEA8A8F36DE82E1278ABB02F").at(0).description, "EICAR test file");
  EXPECT_EQ(Find("mallory@evil.example.com").size(), 1u);
  EXPECT_EQ(Find("2001:db8:0::66").size(), 1u);
  EXPECT_TRUE(Find("198.51.100.8").empty());
  EXPECT_TRUE(Find("example.com").empty());
  EXPECT_EQ(BadCount(), 0u);
}

TEST_F(LocalFeedsTest, DefangedEntriesAreRefanged) {
  LoadOk(Write("defanged.txt",
               "evil[.]example[.]org\n"
               "hxxps://phish[.]example[.]net/login\n"
               "203.0.113[.]9\n"
               "bad [dot] example [dot] com\n"));
  EXPECT_EQ(feeds_.size(), 4u);
  EXPECT_EQ(Find("evil.example.org").size(), 1u);
  EXPECT_EQ(Find("https://phish.example.net/login").size(), 1u);
  EXPECT_EQ(Find("203.0.113.9").size(), 1u);
  EXPECT_EQ(Find("bad.example.com").size(), 1u);
}

TEST_F(LocalFeedsTest, MalformedLinesAreReportedWithFileAndLine) {
  const std::string path = Write("mixed.txt",
                                 "192.0.2.1\n"
                                 "# comment\n"
                                 "this is not an indicator\n"
                                 "999.1.2.3\n"
                                 "192.0.2.2\n");
  LoadOk(path);
  EXPECT_EQ(feeds_.size(), 2u);
  EXPECT_EQ(BadCount(), 2u);
  const std::string messages = Messages();
  EXPECT_NE(messages.find("ioc-enrich: error: not an indicator: \"this is not an indicator\" (" +
                          path + ":3)"),
            std::string::npos)
      << messages;
  EXPECT_NE(messages.find(path + ":4)"), std::string::npos) << messages;
}

TEST_F(LocalFeedsTest, UrlPathsWithoutAHostAreSkippedNotBad) {
  const std::string path = Write("trails.txt", "/gate.php\nevil.example.com/gate.php\n");
  LoadOk(path);
  EXPECT_EQ(feeds_.size(), 1u);
  EXPECT_EQ(BadCount(), 0u);
  EXPECT_NE(Messages().find("note: a URL path without a host; only whole URLs are matched (" +
                            path + ":1)"),
            std::string::npos)
      << Messages();
}

TEST_F(LocalFeedsTest, StrictMakesTheFirstBadLineFatal) {
  diag_.diag().set_strict(true);
  const std::string path = Write("bad.txt", "192.0.2.1\nnope nope\n192.0.2.2\n");
  const Status status = Load(path);
  EXPECT_EQ(status.code(), ExitCode::kDataError);
  EXPECT_NE(status.message().find(path + ":2"), std::string::npos) << status.message();
}

TEST_F(LocalFeedsTest, AddressesMatchEveryListedNetworkContainingThem) {
  LoadOk(Write("nets.txt",
               "10.0.0.0/8\n"
               "10.1.0.0/16 # office\n"
               "10.1.2.0/24\n"
               "10.1.2.3\n"
               "10.9.9.9/32\n"
               "10.1.2.77/24 # host bits set: the /24 again\n"
               "2001:db8::/32\n"
               "2001:db8:1::/48\n"));
  std::vector<Enrichment> found = Find("10.1.2.3");
  EXPECT_EQ(MatchedEntries(found), (std::vector<std::string>{"", "10.1.2.0/24", "10.1.2.0/24",
                                                             "10.1.0.0/16", "10.0.0.0/8"}));
  EXPECT_EQ(found[3].description, "office");
  EXPECT_EQ(MatchedEntries(Find("10.200.0.1")), (std::vector<std::string>{"10.0.0.0/8"}));
  EXPECT_EQ(MatchedEntries(Find("10.9.9.9")), (std::vector<std::string>{"", "10.0.0.0/8"}));
  EXPECT_TRUE(Find("11.0.0.1").empty());
  EXPECT_EQ(MatchedEntries(Find("2001:db8:1::5")),
            (std::vector<std::string>{"2001:db8:1::/48", "2001:db8::/32"}));
  EXPECT_TRUE(Find("2001:db9::1").empty());
  // A network is found by itself (exactly) and by the networks containing it.
  EXPECT_EQ(MatchedEntries(Find("10.1.0.0/16")), (std::vector<std::string>{"", "10.0.0.0/8"}));
  EXPECT_EQ(MatchedEntries(Find("10.1.0.0/20")),
            (std::vector<std::string>{"10.1.0.0/16", "10.0.0.0/8"}));
}

TEST_F(LocalFeedsTest, DomainsMatchEveryListedParentDomain) {
  LoadOk(Write("domains.txt",
               "evil.example.com\n"
               "cdn.evil.example.com\n"
               "example.co.uk\n"
               "evil.example.com/gate.php\n"));
  EXPECT_EQ(MatchedEntries(Find("a.b.cdn.evil.example.com")),
            (std::vector<std::string>{"cdn.evil.example.com", "evil.example.com"}));
  EXPECT_EQ(MatchedEntries(Find("evil.example.com")), (std::vector<std::string>{""}));
  EXPECT_EQ(MatchedEntries(Find("www.example.co.uk")), (std::vector<std::string>{"example.co.uk"}));
  EXPECT_TRUE(Find("notevil.example.com").empty());
  EXPECT_TRUE(Find("example.com").empty());
  EXPECT_TRUE(Find("other.co.uk").empty());
}

TEST_F(LocalFeedsTest, UrlsMatchExactlyOrASchemeLessEntry) {
  LoadOk(Write("urls.txt",
               "HTTP://Bad.EXAMPLE.net/Path?q=1\n"
               "evil.example.com/gate.php\n"));
  EXPECT_EQ(MatchedEntries(Find("http://bad.example.net/Path?q=1")),
            (std::vector<std::string>{""}));
  EXPECT_TRUE(Find("http://bad.example.net/path?q=1").empty());  // paths are case-sensitive
  EXPECT_EQ(MatchedEntries(Find("https://evil.example.com/gate.php")),
            (std::vector<std::string>{"evil.example.com/gate.php"}));
  EXPECT_EQ(MatchedEntries(Find("evil.example.com/gate.php")), (std::vector<std::string>{""}));
  EXPECT_TRUE(Find("https://evil.example.com/other.php").empty());
}

TEST_F(LocalFeedsTest, OneEnrichmentPerEntryAcrossFeeds) {
  const std::string a = Write("a.txt", "192.0.2.10 # first\n192.0.2.10 # again\n");
  const std::string b = Write("b.txt", "192.0.2.10\n");
  ASSERT_TRUE(Load(a).ok());
  ASSERT_TRUE(Load(b).ok());
  feeds_.Finish();
  std::vector<Enrichment> found = Find("192.0.2.10");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].provider, "feed:a.txt");
  EXPECT_EQ(found[0].description, "first");
  EXPECT_EQ(found[1].description, "again");
  EXPECT_EQ(found[2].provider, "feed:b.txt");
}

TEST_F(LocalFeedsTest, LookupsNeedFinishAfterEveryLoad) {
  ASSERT_TRUE(Load(Write("a.txt", "192.0.2.1\n")).ok());
  EXPECT_TRUE(Find("192.0.2.1").empty());
  feeds_.Finish();
  EXPECT_EQ(Find("192.0.2.1").size(), 1u);
  ASSERT_TRUE(Load(Write("b.txt", "192.0.2.2\n")).ok());
  feeds_.Finish();
  EXPECT_EQ(Find("192.0.2.1").size(), 1u);
  EXPECT_EQ(Find("192.0.2.2").size(), 1u);
  EXPECT_EQ(feeds_.size(), 2u);
}

TEST_F(LocalFeedsTest, FeedArgumentErrors) {
  EXPECT_EQ(Load((dir_ / "missing.txt").string()).code(), ExitCode::kNoInput);
  EXPECT_EQ(Load("plain:" + (dir_ / "missing.txt").string()).code(), ExitCode::kNoInput);
  const Status unknown = Load("json:" + Write("x.json", "{}"));
  EXPECT_EQ(unknown.code(), ExitCode::kUsage);
  EXPECT_NE(unknown.message().find("unknown feed format 'json'"), std::string::npos);
  EXPECT_EQ(Load("csv:valu=2:" + Write("x.csv", "a,b\n")).code(), ExitCode::kUsage);
  EXPECT_EQ(Load("csv:value=0:" + Write("y.csv", "a,b\n")).code(), ExitCode::kUsage);
  EXPECT_EQ(Load("csv:tags=2:" + Write("z.csv", "a,b\n")).code(), ExitCode::kUsage);
  EXPECT_EQ(Load("stix:").code(), ExitCode::kUsage);
  // A path whose ':' follows a '/' or '.' is a file name, not a format.
  EXPECT_EQ(Load((dir_ / "no.dir:x.txt").string()).code(), ExitCode::kNoInput);
  // A file whose name looks like FORMAT:FILE is still that file.
  LoadOk(Write("plain:odd.txt", "192.0.2.5\n"));
  EXPECT_EQ(Find("192.0.2.5").at(0).provider, "feed:plain:odd.txt");
}

TEST_F(LocalFeedsTest, CompressedFeedsAreRead) {
  if (!testing::HaveProgram("gzip")) GTEST_SKIP() << "gzip not installed";
  const std::string path = Write("list.txt", "192.0.2.77\n");
  ASSERT_EQ(testing::Run({"gzip", path}).exit_code, 0);
  LoadOk(path + ".gz");
  EXPECT_EQ(Find("192.0.2.77").at(0).provider, "feed:list.txt.gz");
}

// The same three indicators in every format: detection must pick the right reader.
TEST_F(LocalFeedsTest, FormatIsDetectedFromContent) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"plain.txt", "192.0.2.1\nevil.example.com\n"},
      {"header.csv", "indicator,tags\n192.0.2.1,c2\nevil.example.com,c2\n"},
      {"commented.csv", "# generated\n# id,dateadded,url,tags\n1,2024-01-01,192.0.2.1,x\n"},
      {"misp.csv",
       "uuid,event_id,category,type,value,comment,to_ids,date\n"
       "u1,1,Network activity,ip-dst,192.0.2.1,,1,1700000000\n"},
      {"misp.json",
       R"({"Event":{"info":"x","Attribute":[{"type":"ip-dst","value":"192.0.2.1"}]}})"},
      {"bundle.json",
       R"({"type":"bundle","id":"bundle--1","objects":[{"type":"indicator","id":"indicator--1",)"
       R"("pattern_type":"stix","pattern":"[ipv4-addr:value = '192.0.2.1']"}]})"},
  };
  for (const auto& [name, content] : files) {
    LocalFeeds feeds;
    ASSERT_TRUE(feeds.Load(Write(name, content), diag_.diag()).ok()) << name;
    feeds.Finish();
    std::vector<Enrichment> found;
    feeds.Lookup(*Classify("192.0.2.1"), found);
    EXPECT_EQ(found.size(), 1u) << name;
  }
  EXPECT_EQ(BadCount(), 0u) << Messages();
  const Status neither = Load(Write("other.json", R"({"hello":"world"})"));
  EXPECT_EQ(neither.code(), ExitCode::kDataError);
  EXPECT_EQ(Load(Write("broken.json", R"({"Event":{)")).code(), ExitCode::kDataError);
}

// Lines a plain-feed reader must account for: not blank, not a comment.
uint64_t DataLines(const std::filesystem::path& file) {
  const testing::CommandResult r =
      testing::Run({"awk", "!/^[[:space:]]*(#|$)/ { n++ } END { print n + 0 }", file.string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return std::stoull(r.out);
}

class CorpusFeedTest : public LocalFeedsTest, public ::testing::WithParamInterface<const char*> {};

// Lines that are a URL path without a host ("/gate.php" in maltrail): skipped, not entries.
uint64_t PathLines(const std::filesystem::path& file) {
  const testing::CommandResult r = testing::Run({"grep", "-cE", "^[[:space:]]*/", file.string()});
  return std::stoull(r.out);
}

// Every data line is an entry, a skipped path or a reported bad line, counted independently.
TEST_P(CorpusFeedTest, EveryDataLineIsLoadedSkippedOrReported) {
  SECKIT_REQUIRE_CORPUS(path, std::string("ioc/") + GetParam());
  LoadOk(path.string());
  EXPECT_EQ(feeds_.size() + PathLines(path) + BadCount(), DataLines(path)) << Messages();
  // The files are curated lists: hardly anything in them is unreadable.
  EXPECT_LE(BadCount() * 1000, feeds_.size()) << Messages();
}

INSTANTIATE_TEST_SUITE_P(LocalFeeds, CorpusFeedTest,
                         ::testing::Values("ipsum.txt", "ipsum_level5.txt",
                                           "maltrail_agenttesla.txt",
                                           "maltrail_mass_scanner_cidr.txt", "maltrail_qakbot.txt",
                                           "sigbase_c2-iocs.txt", "sigbase_hash-iocs.txt"));

TEST_F(LocalFeedsTest, CorpusIpsumEveryAddressIsFound) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/ipsum.txt");
  LoadOk(path.string());
  const testing::CommandResult ips =
      testing::Run({"grep", "-oE", "^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+\t[0-9]+$", path.string()});
  ASSERT_EQ(ips.exit_code, 0);
  const std::vector<std::string> lines = testing::SplitLines(ips.out);
  EXPECT_EQ(lines.size(), feeds_.size());
  std::vector<Enrichment> found;
  size_t missing = 0;
  for (const std::string& line : lines) {
    const size_t tab = line.find('\t');
    found.clear();
    feeds_.Lookup(Indicator{IndicatorType::kIpv4, line.substr(0, tab)}, found);
    if (found.size() != 1 || found[0].description != line.substr(tab + 1)) ++missing;
  }
  EXPECT_EQ(missing, 0u);
}

TEST_F(LocalFeedsTest, CorpusMassScannerNetworksContainTheirHosts) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/maltrail_mass_scanner_cidr.txt");
  LoadOk(path.string());
  std::vector<Enrichment> found = Find("5.63.151.77");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].matched_entry, "5.63.151.0/24");
  EXPECT_EQ(found[0].description, "scanners.labs.rapid7.com");
  EXPECT_EQ(found[0].provider, "feed:maltrail_mass_scanner_cidr.txt");
}

TEST_F(LocalFeedsTest, CorpusSignatureBaseHashesKeepTheirDescriptions) {
  SECKIT_REQUIRE_CORPUS(path, "ioc/sigbase_hash-iocs.txt");
  LoadOk(path.string());
  // The hashes, found with grep by their lengths: every one is found.
  const testing::CommandResult hashes = testing::Run(
      {"grep", "-oE", "^([0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64})(;|$)", path.string()});
  std::vector<std::string> lines = testing::SplitLines(hashes.out);
  for (std::string& line : lines) {
    if (!line.empty() && line.back() == ';') line.pop_back();
  }
  ASSERT_GT(lines.size(), 3000u);
  size_t found_count = 0;
  for (const std::string& hash : lines) found_count += !Find(hash).empty();
  EXPECT_EQ(found_count, lines.size());
}

// A generated feed of a million entries of every kind loads completely and is found again.
// (Load time and lookups per second are measured in bench/micro/local_feeds_bench.cc.)
TEST_F(LocalFeedsTest, MillionEntryFeed) {
  constexpr int kEntries = 1'000'000;
  std::mt19937_64 rng(7);
  std::string text;
  std::vector<std::string> sample;
  text.reserve(40u * kEntries);
  for (int i = 0; i < kEntries; ++i) {
    const uint64_t r = rng();
    std::string value;
    switch (i % 5) {
      case 0:
        value = IpAddress::V4(static_cast<uint32_t>(r) | 0x01000000).ToString();
        break;
      case 1:
        value = "host" + std::to_string(i) + ".example" + std::to_string(r % 1000) + ".com";
        break;
      case 2: {
        char hash[65];
        std::snprintf(hash, sizeof hash, "%016llx%016llx%016llx%016llx",
                      static_cast<unsigned long long>(r), static_cast<unsigned long long>(rng()),
                      static_cast<unsigned long long>(rng()),
                      static_cast<unsigned long long>(rng()));
        value = hash;
        break;
      }
      case 3:
        value = "http://evil" + std::to_string(i) + ".example.net/p/" + std::to_string(r % 997);
        break;
      default:
        value = Cidr::Make(IpAddress::V4(static_cast<uint32_t>(r)), 24)->ToString();
        break;
    }
    text += value;
    text += i % 7 == 0 ? " # note\n" : "\n";
    if (i % 997 == 0) sample.push_back(value);
  }
  LoadOk(Write("million.txt", text));
  EXPECT_EQ(feeds_.size(), static_cast<size_t>(kEntries));
  EXPECT_EQ(BadCount(), 0u) << Messages();
  for (const std::string& value : sample) EXPECT_FALSE(Find(value).empty()) << value;
  EXPECT_TRUE(Find("hostx.example1.com").empty());
  EXPECT_TRUE(Find("http://evil1.example.net/p/998").empty());
}

}  // namespace
}  // namespace seckit::ioc_enrich
