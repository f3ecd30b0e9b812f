// Tests for Extract: a table of prose snippets with the indicators a reader would list (offsets
// found by searching the snippet for the expected original text), then hostile inputs that
// must finish in linear time.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "seckit/indicators.h"

namespace seckit {
namespace {

using T = IndicatorType;

struct Expected {
  T type;
  std::string value;
  std::string original;  // the text as it appears in the input (its first occurrence)
};

struct ExtractCase {
  std::string text;
  std::vector<Expected> want;
};

std::string Describe(const std::vector<Indicator>& got) {
  std::string out;
  for (const Indicator& i : got) {
    out += std::string(IndicatorTypeName(i.type)) + " '" + i.value + "' @" +
           std::to_string(i.offset) + "+" + std::to_string(i.length) + "\n";
  }
  return out.empty() ? "(nothing)" : out;
}

void Check(const ExtractCase& c) {
  std::vector<Indicator> want;
  size_t search_from = 0;
  for (const Expected& e : c.want) {
    const size_t at = c.text.find(e.original, search_from);
    ASSERT_NE(at, std::string::npos) << "bad test case: " << e.original;
    want.push_back({e.type, e.value, at, e.original.size()});
    search_from = at + e.original.size();
  }
  const std::vector<Indicator> got = Extract(c.text);
  EXPECT_EQ(got, want) << "text: " << c.text << "\ngot:\n" << Describe(got);
}

TEST(Extract, Addresses) {
  const ExtractCase cases[] = {
      {"Contact 1.2.3.4 now", {{T::kIpv4, "1.2.3.4", "1.2.3.4"}}},
      {"1.2.3.4.5 v1.2.3.4 1.2.3.4a 10.0.19041.1 01.2.3.4", {}},
      {"at 1.2.3.4. Then (5.6.7.8), [9.9.9.9]",
       {{T::kIpv4, "1.2.3.4", "1.2.3.4"},
        {T::kIpv4, "5.6.7.8", "5.6.7.8"},
        {T::kIpv4, "9.9.9.9", "9.9.9.9"}}},
      {"c2 1.2.3.4:443 up", {{T::kIpv4, "1.2.3.4", "1.2.3.4"}}},
      {"range 10.0.0.1-10.0.0.9",
       {{T::kIpv4, "10.0.0.1", "10.0.0.1"}, {T::kIpv4, "10.0.0.9", "10.0.0.9"}}},
      {"block 10.1.2.3/8 and 192.0.2.0/24.",
       {{T::kCidr, "10.0.0.0/8", "10.1.2.3/8"}, {T::kCidr, "192.0.2.0/24", "192.0.2.0/24"}}},
      {"bad prefix 1.2.3.4/33 here", {{T::kIpv4, "1.2.3.4", "1.2.3.4"}}},
      {"hex words abc::def are addresses", {{T::kIpv6, "abc::def", "abc::def"}}},
      {"1[.]2[.]3[.]4", {{T::kIpv4, "1.2.3.4", "1[.]2[.]3[.]4"}}},
      {"addr 2001:DB8::1 up", {{T::kIpv6, "2001:db8::1", "2001:DB8::1"}}},
      {"fe80::1%eth0 and [2001:db8::2]:443",
       {{T::kIpv6, "fe80::1", "fe80::1"}, {T::kIpv6, "2001:db8::2", "2001:db8::2"}}},
      {"ip:2001:db8::3, net 2001:db8::/32.",
       {{T::kIpv6, "2001:db8::3", "2001:db8::3"}, {T::kCidr, "2001:db8::/32", "2001:db8::/32"}}},
      {"mapped ::ffff:1.2.3.4 end", {{T::kIpv6, "::ffff:1.2.3.4", "::ffff:1.2.3.4"}}},
      {"std::string a::b:: :: 12:34:56 00:11:22:33:44:55 Foo::Bar", {}},
      {"ends 2001:db8::1. and 2001:db8::2:",
       {{T::kIpv6, "2001:db8::1", "2001:db8::1"}, {T::kIpv6, "2001:db8::2", "2001:db8::2"}}},
  };
  for (const ExtractCase& c : cases) Check(c);
}

TEST(Extract, DomainsAndFileNames) {
  const ExtractCase cases[] = {
      {"Visit EVIL.com.", {{T::kDomain, "evil.com", "EVIL.com"}}},
      {"sub.evil.co.uk, com, co.uk and report.pdf",
       {{T::kDomain, "sub.evil.co.uk", "sub.evil.co.uk"}}},
      {"open invoice.zip or run install.sh, see README.md", {}},
      {"defanged invoice[.]zip", {{T::kDomain, "invoice.zip", "invoice[.]zip"}}},
      {"cdn.files.zip is three labels", {{T::kDomain, "cdn.files.zip", "cdn.files.zip"}}},
      {"evil [dot] com", {{T::kDomain, "evil.com", "evil [dot] com"}}},
      {"-evil.com- and _dmarc.example.com",
       {{T::kDomain, "evil.com", "evil.com"},
        {T::kDomain, "_dmarc.example.com", "_dmarc.example.com"}}},
      {"foo_bar.com münchen.de straße.com", {}},
      {"\xe8\xae\xbf\xe9\x97\xae"
       "evil.com\xe3\x80\x82",
       {{T::kDomain, "evil.com", "evil.com"}}},
      {"github.io and x.github.io",
       {{T::kDomain, "github.io", "github.io"}, {T::kDomain, "x.github.io", "x.github.io"}}},
      {"d41d8cd98f00b204e9800998ecf8427e.com",
       {{T::kDomain, "d41d8cd98f00b204e9800998ecf8427e.com",
         "d41d8cd98f00b204e9800998ecf8427e.com"}}},
      {"evil.com:8080 is up", {{T::kDomain, "evil.com", "evil.com"}}},
  };
  for (const ExtractCase& c : cases) Check(c);
}

TEST(Extract, UrlsTakePrecedence) {
  const ExtractCase cases[] = {
      {"see http://evil.com/path?a=1.",
       {{T::kUrl, "http://evil.com/path?a=1", "http://evil.com/path?a=1"}}},
      {"(http://evil.com/a)", {{T::kUrl, "http://evil.com/a", "http://evil.com/a"}}},
      {"http://en.wikipedia.org/wiki/Foo_(bar)",
       {{T::kUrl, "http://en.wikipedia.org/wiki/Foo_(bar)",
         "http://en.wikipedia.org/wiki/Foo_(bar)"}}},
      {"<HTTPS://Evil.COM:8443/X>",
       {{T::kUrl, "https://evil.com:8443/X", "HTTPS://Evil.COM:8443/X"}}},
      {"get hxxp://evil[.]com/x now", {{T::kUrl, "http://evil.com/x", "hxxp://evil[.]com/x"}}},
      {"http://1.2.3.4:8080/gate.php?id=d41d8cd98f00b204e9800998ecf8427e",
       {{T::kUrl, "http://1.2.3.4:8080/gate.php?id=d41d8cd98f00b204e9800998ecf8427e",
         "http://1.2.3.4:8080/gate.php?id=d41d8cd98f00b204e9800998ecf8427e"}}},
      {"http://[2001:db8::1]:80/",
       {{T::kUrl, "http://[2001:db8::1]:80/", "http://[2001:db8::1]:80/"}}},
      {"http://user@evil.com/", {{T::kUrl, "http://user@evil.com/", "http://user@evil.com/"}}},
      {"http://evil.com", {{T::kUrl, "http://evil.com", "http://evil.com"}}},
      {"http://invoice.zip/", {{T::kUrl, "http://invoice.zip/", "http://invoice.zip/"}}},
      {"http://report.pdf/x", {}},
      {"xhttp://evil.com", {{T::kDomain, "evil.com", "evil.com"}}},
      {"evil.com/gate.php and evil.com/ and 5.6.7.8:443/x",
       {{T::kUrl, "evil.com/gate.php", "evil.com/gate.php"},
        {T::kDomain, "evil.com", "evil.com"},
        {T::kUrl, "5.6.7.8:443/x", "5.6.7.8:443/x"}}},
      {"\"https://evil.com/a\"", {{T::kUrl, "https://evil.com/a", "https://evil.com/a"}}},
      // Found by fuzz_indicators: a prefix length that an e-mail address already took.
      {"see 2001:db8::/3+ops@example.com",
       {{T::kIpv6, "2001:db8::", "2001:db8::"},
        {T::kEmail, "3+ops@example.com", "3+ops@example.com"}}},
      // Found by fuzz_indicators: "hxxps:" inside a path is not a scheme to refang.
      {"to hxxps://evil[.]example[.]com:6886/gate.hxxps:..",
       {{T::kUrl, "https://evil.example.com:6886/gate.hxxps",
         "hxxps://evil[.]example[.]com:6886/gate.hxxps"}}},
  };
  for (const ExtractCase& c : cases) Check(c);
}

TEST(Extract, EmailsAndHashes) {
  const std::string md5 = "D41D8CD98F00B204E9800998ECF8427E";
  const std::string sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  const std::string sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const ExtractCase cases[] = {
      {"mail Bob.Smith@Example.COM.",
       {{T::kEmail, "Bob.Smith@example.com", "Bob.Smith@Example.COM"}}},
      {"<alice@evil.com>, alice[at]evil[.]com",
       {{T::kEmail, "alice@evil.com", "alice@evil.com"},
        {T::kEmail, "alice@evil.com", "alice[at]evil[.]com"}}},
      {"...bob@evil.com", {{T::kEmail, "bob@evil.com", "bob@evil.com"}}},
      {"a@b x@co.uk bob@report.pdf @handle", {}},
      {"@evil.com", {{T::kDomain, "evil.com", "evil.com"}}},
      {"a@evil.com+b@x.com",
       {{T::kEmail, "a@evil.com", "a@evil.com"}, {T::kDomain, "x.com", "x.com"}}},
      {"md5 " + md5 + ", sha1:" + sha1 + " sha256=" + sha256,
       {{T::kMd5, "d41d8cd98f00b204e9800998ecf8427e", md5},
        {T::kSha1, sha1, sha1},
        {T::kSha256, sha256, sha256}}},
      {md5 + ".exe " + md5 + "_x",
       {{T::kMd5, "d41d8cd98f00b204e9800998ecf8427e", md5},
        {T::kMd5, "d41d8cd98f00b204e9800998ecf8427e", md5}}},
      {"x" + md5 + " " + md5 + "0 " + md5 + "g " + md5.substr(1) + " " + sha256 + "0", {}},
  };
  for (const ExtractCase& c : cases) Check(c);
}

TEST(Extract, MixedReport) {
  Check(
      {"C2 at hxxp://bad[.]example[.]net:8080/gate.php (185.100.87.202), dropper "
       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 mailed from "
       "invoice@pay-now.co.uk; also beacon.pay-now.co.uk and 2a01:4f8::1.",
       {{T::kUrl, "http://bad.example.net:8080/gate.php",
         "hxxp://bad[.]example[.]net:8080/gate.php"},
        {T::kIpv4, "185.100.87.202", "185.100.87.202"},
        {T::kSha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
         "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {T::kEmail, "invoice@pay-now.co.uk", "invoice@pay-now.co.uk"},
        {T::kDomain, "beacon.pay-now.co.uk", "beacon.pay-now.co.uk"},
        {T::kIpv6, "2a01:4f8::1", "2a01:4f8::1"}}});
}

TEST(Extract, NulBytesAndInvalidUtf8Delimit) {
  const std::string text(
      "evil.com\0bad.org\xff\xfe"
      "1.2.3.4\x80",
      25);
  const std::vector<Indicator> got = Extract(text);
  ASSERT_EQ(got.size(), 3u) << Describe(got);
  EXPECT_EQ(got[0].value, "evil.com");
  EXPECT_EQ(got[1].value, "bad.org");
  EXPECT_EQ(got[1].offset, 9u);
  EXPECT_EQ(got[2].value, "1.2.3.4");
  EXPECT_EQ(got[2].offset, 18u);
}

TEST(Extract, OverlongTokensAreNothing) {
  EXPECT_TRUE(Extract(std::string(100000, 'a') + ".com").empty());
  std::string name;
  for (int i = 0; i < 60; ++i) name += "abcd.";
  EXPECT_TRUE(Extract(name + "com").empty());  // 303 characters
  EXPECT_TRUE(Extract(std::string(1000, 'f')).empty());
  EXPECT_TRUE(Extract(std::string(65, 'b') + "@evil.com").size() == 1);  // just the domain
}

// Each input would take hours if any matcher were quadratic; linear ones take milliseconds.
TEST(Extract, HostileInputsStayLinear) {
  auto repeat = [](const std::string& unit, size_t bytes) {
    std::string s;
    s.reserve(bytes + unit.size());
    while (s.size() < bytes) s += unit;
    return s;
  };
  const size_t kMiB = 1 << 20;
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"dots", std::string(kMiB, '.')},
      {"colons", std::string(kMiB, ':')},
      {"ats", std::string(kMiB, '@')},
      {"hex", std::string(kMiB, 'a')},
      {"digits and dots", repeat("1.", kMiB)},
      {"labels", repeat("a.", kMiB)},
      {"schemes", repeat("http://", kMiB)},
      {"bad hosts", repeat("http://x_y/", kMiB)},
      {"paths", "evil.com/" + repeat("a.com/", kMiB)},
      {"url then parens", "http://evil.com/" + std::string(kMiB, ')')},
      {"emails", repeat("a@b.", kMiB)},
      {"defangs", repeat("[.]", kMiB)},
      {"v6 runs", repeat("1::", kMiB)},
      {"brackets", repeat("(at) ", kMiB)},
  };
  for (const auto& [name, text] : inputs) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Indicator> got = Extract(text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 20.0) << name;
    for (const Indicator& i : got) ASSERT_LE(i.offset + i.length, text.size()) << name;
  }
}

TEST(Extract, TenMegabytesOfMixedText) {
  std::mt19937 rng(99);
  const std::vector<std::string> pieces = {
      "evil.com ",          "1.2.3.4 ",     "a.b.",     "::", "@",  "http://",
      "hxxp://x[.]com/",    "[.]",          "deadbeef", " ",  "\n", "\xc3\xa9",
      std::string(1, '\0'), "2001:db8::1 ", "/",        ".",  "x"};
  std::string text;
  while (text.size() < 10u << 20) text += pieces[rng() % pieces.size()];
  const std::string marker = " sentinel.example.org ";
  text += marker;
  const std::vector<Indicator> got = Extract(text);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.back().value, "sentinel.example.org");
  EXPECT_EQ(got.back().offset, text.size() - marker.size() + 1);
  for (size_t i = 1; i < got.size(); ++i) {
    ASSERT_GE(got[i].offset, got[i - 1].offset + got[i - 1].length);  // sorted, disjoint
  }
}

}  // namespace
}  // namespace seckit
