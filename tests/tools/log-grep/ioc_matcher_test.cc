// Tests for IocMatcher: every token boundary rule of ioc_matcher.h, each with lines that must
// and must not match, feed loading (comments, columns, defanged entries, gzip, rejected lines),
// and linear time on hostile lines.
#include "ioc_matcher.h"

#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <initializer_list>
#include <string>
#include <vector>

#include "seckit/exit_code.h"
#include "test_support.h"

namespace seckit::log_grep {
namespace {

namespace st = ::seckit::testing;
using ::seckit::testing::TempDir;
using ::seckit::testing::WriteFile;

// A matcher holding the Classify()d feed entries.
IocMatcher Make(std::initializer_list<std::string_view> feed) {
  IocMatcher m;
  for (std::string_view entry : feed) {
    std::optional<Indicator> indicator = Classify(entry);
    EXPECT_TRUE(indicator.has_value()) << entry;
    if (indicator) {
      EXPECT_TRUE(m.Add(*indicator)) << entry;
    }
  }
  m.Finish();
  return m;
}

// The text of every hit in `line`, checking that AnyMatch agrees with Scan.
std::vector<std::string> Found(const IocMatcher& m, std::string_view line) {
  std::vector<IocHit> hits;
  const bool any = m.Scan(line, hits);
  EXPECT_EQ(any, !hits.empty()) << line;
  EXPECT_EQ(m.AnyMatch(line), any) << line;
  std::vector<std::string> out;
  for (const IocHit& hit : hits) out.emplace_back(line.substr(hit.offset, hit.length));
  return out;
}

// The listed values that matched in `line`, in hit order.
std::vector<std::string> Listed(const IocMatcher& m, std::string_view line) {
  std::vector<IocHit> hits;
  m.Scan(line, hits);
  std::vector<std::string> out;
  for (const IocHit& hit : hits) out.emplace_back(hit.indicator);
  return out;
}

using Texts = std::vector<std::string>;

// Every line has exactly one hit: the listed `value`.
void ExpectMatches(const IocMatcher& m, std::initializer_list<std::string_view> lines,
                   const std::string& value) {
  for (std::string_view line : lines) {
    EXPECT_EQ(Found(m, line).size(), 1u) << line;
    EXPECT_EQ(Listed(m, line), Texts{value}) << line;
  }
}

void ExpectNoMatch(const IocMatcher& m, std::initializer_list<std::string_view> lines) {
  for (std::string_view line : lines) EXPECT_EQ(Found(m, line), Texts{}) << line;
}


TEST(IocMatcher, Ipv4IsAWholeToken) {
  const IocMatcher m = Make({"1.2.3.4"});
  ExpectMatches(m,
                {"1.2.3.4", "1.2.3.4:80", "[1.2.3.4]", "ip=1.2.3.4,", "from 1.2.3.4.",
                 "(1.2.3.4)", "\"1.2.3.4\"", "::ffff:1.2.3.4", "host-1.2.3.4", "1.2.3.4/24",
                 "x_1.2.3.4_y", "1.2.3.4.example.com", "\xC3\xA9" "1.2.3.4", "1.2.3.4..5",
                 ".1.2.3.4"},
                "1.2.3.4");
  for (std::string_view line : {"1.2.3.4", "a 1.2.3.4:80"}) {
    EXPECT_EQ(Found(m, line), Texts{"1.2.3.4"}) << line;
  }
  ExpectNoMatch(m, {"11.2.3.4", "1.2.3.45", "1.2.3.4.5", "5.1.2.3.4", "v1.2.3.4", "1.2.3.4abc",
                    "01.2.3.4", "1.2.3.04", "1.02.3.4", "1.2.3", "1.2.3.", "1.2.3.4.0",
                    "0001.2.3.4", "1.2.3.4444", "a1.2.3.4", "1.2.3.4z", "1 .2.3.4", ""});
}

TEST(IocMatcher, Ipv4HitsInOrderWithOffsets) {
  const IocMatcher m = Make({"10.0.0.1", "0.0.0.0", "255.255.255.255"});
  std::vector<IocHit> hits;
  const std::string line = "0.0.0.0 -> 10.0.0.1 (255.255.255.255, 256.1.1.1, 10.0.0.1)";
  ASSERT_TRUE(m.Scan(line, hits));
  ASSERT_EQ(hits.size(), 4u);
  EXPECT_EQ(hits[0].offset, 0u);
  EXPECT_EQ(hits[0].indicator, "0.0.0.0");
  EXPECT_EQ(hits[1].offset, 11u);
  EXPECT_EQ(hits[1].length, 8u);
  EXPECT_EQ(hits[1].type, IndicatorType::kIpv4);
  EXPECT_EQ(hits[2].indicator, "255.255.255.255");
  EXPECT_EQ(hits[3].indicator, "10.0.0.1");
  EXPECT_EQ(hits[3].offset, line.rfind("10.0.0.1"));
  // Scan appends: earlier hits stay.
  ASSERT_TRUE(m.Scan("10.0.0.1", hits));
  EXPECT_EQ(hits.size(), 5u);
}

TEST(IocMatcher, Ipv6AnySpellingOfTheAddress) {
  const IocMatcher m = Make({"2001:db8::1", "fe80::1"});
  ExpectMatches(m,
                {"2001:db8::1", "[2001:db8::1]:443", "2001:DB8:0:0::1", "src=2001:db8::1,",
                 "from 2001:db8::1.", "2001:0db8:0000:0000:0000:0000:0000:0001 x",
                 "at 2001:db8::1: done", "x 2001:db8::0.0.0.1 y",
                 // Six colons and no "::": the fewest a line can hold an address with.
                 "x 2001:db8:0:0:0:0:0.0.0.1 y"},
                "2001:db8::1");
  EXPECT_EQ(Found(m, "client [2001:db8::1]:443 GET"), Texts{"2001:db8::1"});
  ExpectMatches(m, {"src:fe80::1", "fe80::1%eth0", "via fe80::1 on eth0"}, "fe80::1");
  ExpectNoMatch(m, {"2001:db8::10", "2001:db8::1:5", "2001:db8::1z", "x2001:db8::1",
                    "12001:db8::1", "2001:db8:1", "13:55:36", "::", "fe80::1::"});
}

TEST(IocMatcher, Ipv6MappedAndIpv4) {
  const IocMatcher m = Make({"::ffff:1.2.3.4", "1.2.3.4"});
  // The IPv4 scanner finds the embedded address too: both are reported.
  EXPECT_EQ(Listed(m, "from ::ffff:1.2.3.4 port 22"), (Texts{"::ffff:1.2.3.4", "1.2.3.4"}));
}

TEST(IocMatcher, Ipv4Networks) {
  const IocMatcher m = Make({"10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "192.168.0.0/24"});
  ExpectMatches(m, {"10.9.9.9", "x 10.0.0.0 y", "10.255.255.255:22"}, "10.0.0.0/8");
  ExpectMatches(m, {"10.1.2.4", "(10.1.255.1)"}, "10.1.0.0/16");
  ExpectMatches(m, {"10.1.2.3"}, "10.1.2.3");
  ExpectMatches(m, {"192.168.0.77"}, "192.168.0.0/24");
  ExpectNoMatch(m, {"11.0.0.1", "9.255.255.255", "192.168.1.1", "110.1.2.3", "10.1.2"});
  std::vector<IocHit> hits;
  ASSERT_TRUE(m.Scan("10.9.9.9 10.1.2.3", hits));
  EXPECT_EQ(hits[0].type, IndicatorType::kCidr);
  EXPECT_EQ(hits[1].type, IndicatorType::kIpv4);
}

// Networks wider and narrower than a /16, at both ends of their ranges: addresses are looked
// up among networks only in /16s some network overlaps.
TEST(IocMatcher, Ipv4NetworksAtTheEdgesOfTheirRanges) {
  const IocMatcher m = Make({"172.16.0.0/12", "203.0.113.128/25", "1.2.3.4"});
  ExpectMatches(m, {"172.16.0.0", "172.31.255.255", "172.20.1.2"}, "172.16.0.0/12");
  ExpectMatches(m, {"203.0.113.128", "203.0.113.255"}, "203.0.113.128/25");
  ExpectNoMatch(m, {"172.15.255.255", "172.32.0.0", "203.0.113.127", "203.0.114.128"});
  const IocMatcher everything = Make({"0.0.0.0/0"});
  ExpectMatches(everything, {"0.0.0.1", "255.255.255.255", "10.1.2.3"}, "0.0.0.0/0");
}

TEST(IocMatcher, HostNetworksAreAddresses) {
  const IocMatcher m = Make({"1.2.3.4/32", "2001:db8::5/128"});
  ExpectMatches(m, {"1.2.3.4"}, "1.2.3.4/32");
  ExpectMatches(m, {"2001:db8::5"}, "2001:db8::5/128");
  std::vector<IocHit> hits;
  ASSERT_TRUE(m.Scan("1.2.3.4", hits));
  EXPECT_EQ(hits[0].type, IndicatorType::kCidr);
}

TEST(IocMatcher, Ipv6Networks) {
  const IocMatcher m = Make({"2001:db8::/32", "2001:db8:aa::/48"});
  ExpectMatches(m, {"2001:db8:1::5", "[2001:db8::]:80", "2001:DB8:FFFF::1"}, "2001:db8::/32");
  ExpectMatches(m, {"2001:db8:aa:1::1"}, "2001:db8:aa::/48");
  ExpectNoMatch(m, {"2001:db9::1", "2001:db7:ffff::1", "1.2.3.4", "::ffff:10.0.0.1"});
}

TEST(IocMatcher, DomainsOnLabelBoundaries) {
  const IocMatcher m = Make({"evil.com"});
  ExpectMatches(m,
                {"evil.com", "a.b.evil.com", "EVIL.COM", "http://www.Evil.com/x",
                 "user@evil.com", "evil.com.", "evil.com:443", "query: x-1.evil.com IN A",
                 "\"_dmarc.evil.com\"", ".evil.com"},
                "evil.com");
  EXPECT_EQ(Found(m, "GET http://a.b.EVIL.com./x"), Texts{"a.b.EVIL.com"});
  ExpectNoMatch(m, {"notevil.com", "evil.com.au", "evil.community", "evil.co", "xevil.com",
                    "evil-com", "evil_com", "evil.com-x", "evil.com_", "com", "evil",
                    "evil. com"});
}

TEST(IocMatcher, MostSpecificDomainIsReported) {
  const IocMatcher m = Make({"evil.com", "b.evil.com", "example.co.uk"});
  EXPECT_EQ(Listed(m, "a.b.evil.com"), Texts{"b.evil.com"});
  EXPECT_EQ(Listed(m, "a.c.evil.com"), Texts{"evil.com"});
  EXPECT_EQ(Listed(m, "www.example.co.uk and evil.com"), (Texts{"example.co.uk", "evil.com"}));
  ExpectNoMatch(m, {"co.uk", "b.evil.co", "example.co"});
}

TEST(IocMatcher, UrlsExactAfterSchemeAndHostCase) {
  const IocMatcher m = Make({"hxxp://evil[.]com/x", "https://[2001:db8::1]/a?b=1"});
  ExpectMatches(m,
                {"http://evil.com/x", "HTTP://EVIL.COM/x", "\"http://evil.com/x\"",
                 "<http://evil.com/x>", "see http://evil.com/x.", "(http://evil.com/x)",
                 "url=http://evil.com/x;", "http://evil.com./x"},
                "http://evil.com/x");
  EXPECT_EQ(Found(m, "see http://evil.com/x."), Texts{"http://evil.com/x"});
  ExpectMatches(m, {"https://[2001:DB8:0::1]/a?b=1 200"}, "https://[2001:db8::1]/a?b=1");
  ExpectNoMatch(m, {"http://evil.com/X", "http://evil.com/x?y=1", "https://evil.com/x",
                    "http://evil.com/xy", "http://evil.com:80/x", "xhttp://evil.com/x",
                    "http://a.evil.com/x", "evil.com/x", "https://[2001:db8::1]/a?b=2"});
}

TEST(IocMatcher, SchemelessUrls) {
  const IocMatcher m = Make({"evil.com/gate.php", "1.2.3.4:8080/a/b"});
  ExpectMatches(m,
                {"evil.com/gate.php", "GET http://evil.com/gate.php HTTP/1.1",
                 "EVIL.com/gate.php", "ftp://user@evil.com/gate.php", "(evil.com/gate.php)"},
                "evil.com/gate.php");
  ExpectMatches(m, {"1.2.3.4:8080/a/b", "https://1.2.3.4:8080/a/b"}, "1.2.3.4:8080/a/b");
  ExpectNoMatch(m, {"www.evil.com/gate.php", "evil.com/gate.php5", "evil.com/Gate.php",
                    "evil.com:80/gate.php", "notevil.com/gate.php", "1.2.3.4/a/b",
                    "evil.com/gate.php?id=1", "evil.com /gate.php"});
}

TEST(IocMatcher, HashesOfEachLength) {
  const std::string md5 = "d41d8cd98f00b204e9800998ecf8427e";
  const std::string sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  const std::string sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const IocMatcher m = Make({md5, sha1, sha256});
  EXPECT_EQ(m.Count(IndicatorType::kMd5), 1u);
  EXPECT_EQ(m.Count(IndicatorType::kSha1), 1u);
  EXPECT_EQ(m.Count(IndicatorType::kSha256), 1u);
  for (const std::string& hash : {md5, sha1, sha256}) {
    std::string upper = hash;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& line :
         {hash, upper, "md5=" + hash + ",", "file " + hash + ".exe", "_" + hash + "_",
          "(" + hash + ")", "\t" + hash}) {
      EXPECT_EQ(Listed(m, line), Texts{hash}) << line;
    }
    std::string changed = hash;
    changed[5] = changed[5] == '0' ? '1' : '0';
    for (const std::string& line :
         {hash.substr(1), hash.substr(0, hash.size() - 1), hash + "0", "0" + hash, "x" + hash,
          hash + "g", changed, "sha:" + hash.substr(0, 20) + " " + hash.substr(20)}) {
      EXPECT_EQ(Found(m, line), Texts{}) << line;
    }
  }
}

TEST(IocMatcher, EmailAddresses) {
  const IocMatcher m = Make({"Bob.Smith@Evil.com"});
  ExpectMatches(m,
                {"from Bob.Smith@EVIL.COM", "<Bob.Smith@evil.com>", "to=Bob.Smith@evil.com.",
                 "mailto:Bob.Smith@evil.com", "..Bob.Smith@evil.com"},
                "Bob.Smith@evil.com");
  ExpectNoMatch(m, {"bob.smith@evil.com", "xBob.Smith@evil.com", "Bob.Smith@evil.com.au",
                    "Bob.Smith@sub.evil.com", "Smith@evil.com", "Bob.Smith @evil.com"});
}

TEST(IocMatcher, MixedHitsAreOrderedAndMayOverlap) {
  const IocMatcher m =
      Make({"1.2.3.4", "evil.com", "http://evil.com/x", "d41d8cd98f00b204e9800998ecf8427e"});
  const std::string line =
      "d41d8cd98f00b204e9800998ecf8427e fetched http://evil.com/x from 1.2.3.4";
  EXPECT_EQ(Listed(m, line), (Texts{"d41d8cd98f00b204e9800998ecf8427e", "http://evil.com/x",
                                    "evil.com", "1.2.3.4"}));
}

TEST(IocMatcher, EmptyMatcherFindsNothing) {
  IocMatcher m;
  m.Finish();
  EXPECT_TRUE(m.empty());
  ExpectNoMatch(m, {"1.2.3.4 evil.com http://x.com/ a@b.com ::1"});
}

TEST(IocMatcher, AddRejectsInvalidValues) {
  IocMatcher m;
  EXPECT_FALSE(m.Add({IndicatorType::kIpv4, "1.2.3", 0, 0}));
  EXPECT_FALSE(m.Add({IndicatorType::kIpv6, "1.2.3.4", 0, 0}));
  EXPECT_FALSE(m.Add({IndicatorType::kMd5, "abc", 0, 0}));
  EXPECT_FALSE(m.Add({IndicatorType::kDomain, "com", 0, 0}));
  EXPECT_TRUE(m.Add({IndicatorType::kDomain, "Evil.COM.", 0, 0}));
  m.Finish();
  EXPECT_EQ(Listed(m, "evil.com"), Texts{"evil.com"});
}

TEST(IocMatcher, DuplicatesCountOnceAndFirstWins) {
  const IocMatcher m = Make({"1.2.3.4", "1.2.3.4:80", "1.2.3.4/32", "EVIL.com", "evil.com"});
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.Count(IndicatorType::kIpv4), 1u);
  EXPECT_EQ(m.Count(IndicatorType::kCidr), 0u);
  EXPECT_EQ(Listed(m, "1.2.3.4"), Texts{"1.2.3.4"});
}

TEST(IocMatcher, FinishAgainAfterMoreAdds) {
  IocMatcher m = Make({"1.2.3.4"});
  ASSERT_TRUE(m.Add(*Classify("5.6.7.8")));
  m.Finish();
  EXPECT_EQ(m.size(), 2u);
  EXPECT_TRUE(m.AnyMatch("5.6.7.8"));
  EXPECT_TRUE(m.AnyMatch("1.2.3.4"));
}

TEST(IocMatcher, HostileLinesTakeLinearTime) {
  const IocMatcher m = Make({"1.2.3.4", "evil.com", "2001:db8::/32", "http://evil.com/x",
                             "evil.com/x", "a@evil.com", "d41d8cd98f00b204e9800998ecf8427e"});
  const auto start = std::chrono::steady_clock::now();
  for (std::string_view unit : {"1.", "1.1", "a.", "::", "a:", "@", "f", "a@b.", "://a"}) {
    std::string line;
    while (line.size() < (1 << 20)) line += unit;
    std::vector<IocHit> hits;
    m.Scan(line, hits);
    EXPECT_TRUE(hits.empty()) << unit;
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  EXPECT_LT(seconds.count(), 5.0);
}

// --- Feed files ---

TEST(IocFeed, CommentsColumnsAndDefangedEntries) {
  TempDir dir;
  WriteFile(dir / "feed.txt",
            "\xEF\xBB\xBF# a header comment\n"
            "\n"
            "   \n"
            "1.2.3.4\t10\n"
            "5.63.151.0/24 # scanners.labs.rapid7.com\n"
            "  # indented comment\n"
            "evil[.]com\r\n"
            "hxxp://evil[.]org/x\n"
            "bad [dot] net\n"
            "9.9.9[.]9\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855;empty file\n"
            "tracker.example.org,C2\n"
            "10.0.0.1:443 qakbot\n"
            "qak.example.net/gate.php\n"
            "http://frag.example.com/p#anchor\n");
  IocMatcher m;
  std::vector<IocFeedError> rejected;
  ASSERT_TRUE(m.LoadFile((dir / "feed.txt").string(), rejected).ok());
  m.Finish();
  EXPECT_TRUE(rejected.empty());
  EXPECT_EQ(m.size(), 11u);  // 3 IPv4 + 1 CIDR + 3 domains + 3 URLs + 1 SHA-256
  EXPECT_EQ(m.Count(IndicatorType::kIpv4), 3u);
  EXPECT_EQ(m.Count(IndicatorType::kCidr), 1u);
  EXPECT_EQ(m.Count(IndicatorType::kDomain), 3u);
  EXPECT_EQ(m.Count(IndicatorType::kUrl), 3u);
  EXPECT_EQ(m.Count(IndicatorType::kSha256), 1u);
  ExpectMatches(m, {"conn 1.2.3.4:80"}, "1.2.3.4");
  ExpectMatches(m, {"5.63.151.200"}, "5.63.151.0/24");
  ExpectMatches(m, {"www.evil.com"}, "evil.com");
  ExpectMatches(m, {"a.bad.net"}, "bad.net");
  ExpectMatches(m, {"9.9.9.9"}, "9.9.9.9");
  ExpectMatches(m, {"10.0.0.1"}, "10.0.0.1");
  ExpectMatches(m, {"x.tracker.example.org"}, "tracker.example.org");
  EXPECT_EQ(Listed(m, "GET http://evil.org/x"), Texts{"http://evil.org/x"});
  EXPECT_EQ(Listed(m, "http://qak.example.net/gate.php"), Texts{"qak.example.net/gate.php"});
  EXPECT_EQ(Listed(m, "http://frag.example.com/p#anchor"),
            Texts{"http://frag.example.com/p#anchor"});
}

TEST(IocFeed, RejectedLinesAreReturnedWithTheirNumbers) {
  TempDir dir;
  WriteFile(dir / "feed.txt",
            "1.2.3.4\n"
            "not an indicator\n"
            "999.1.1.1\n"
            "# fine\n"
            "report.pdf\n"
            "01.2.3.4\n"
            "evil.com\n");
  IocMatcher m;
  std::vector<IocFeedError> rejected;
  ASSERT_TRUE(m.LoadFile((dir / "feed.txt").string(), rejected).ok());
  m.Finish();
  ASSERT_EQ(rejected.size(), 4u);
  EXPECT_EQ(rejected[0].file, (dir / "feed.txt").string());
  EXPECT_EQ(rejected[0].line, 2u);
  EXPECT_EQ(rejected[0].text, "not an indicator");
  EXPECT_EQ(rejected[1].line, 3u);
  EXPECT_EQ(rejected[2].line, 5u);
  EXPECT_EQ(rejected[3].text, "01.2.3.4");
  EXPECT_EQ(m.size(), 2u);
}

TEST(IocFeed, GzipFeedAndSeveralFiles) {
  if (!st::HaveProgram("gzip")) GTEST_SKIP() << "gzip not installed";
  TempDir dir;
  WriteFile(dir / "a.txt", "1.2.3.4\n# c\nevil.com\n");
  WriteFile(dir / "b.txt", "5.6.7.8\nevil.com\n");
  ASSERT_EQ(st::Run({"gzip", (dir / "a.txt").string()}).exit_code, 0);
  IocMatcher m;
  std::vector<IocFeedError> rejected;
  ASSERT_TRUE(m.LoadFile((dir / "a.txt.gz").string(), rejected).ok());
  ASSERT_TRUE(m.LoadFile((dir / "b.txt").string(), rejected).ok());
  m.Finish();
  EXPECT_TRUE(rejected.empty());
  EXPECT_EQ(m.size(), 3u);
  EXPECT_TRUE(m.AnyMatch("1.2.3.4"));
  EXPECT_TRUE(m.AnyMatch("5.6.7.8"));
  EXPECT_TRUE(m.AnyMatch("x.evil.com"));
}

TEST(IocFeed, MissingFileIsNoInput) {
  TempDir dir;
  IocMatcher m;
  std::vector<IocFeedError> rejected;
  const Status status = m.LoadFile((dir / "absent.txt").string(), rejected);
  EXPECT_EQ(status.code(), ExitCode::kNoInput);
  EXPECT_NE(status.message().find("absent.txt"), std::string::npos);
}

}  // namespace
}  // namespace seckit::log_grep
