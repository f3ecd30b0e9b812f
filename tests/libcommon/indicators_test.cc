// Tests for refanging, Classify, NormalizeDomain and RegistrableDomain: tables of expected
// answers written by hand, with the system's public_suffix_list.dat read directly as the
// independent reference for which top-level domains exist.
#include "seckit/indicators.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace seckit {
namespace {

using T = IndicatorType;

// The single-label rules of the Public Suffix List: every TLD the list knows.
std::set<std::string> ListedTlds() {
  std::set<std::string> tlds;
  const std::string text = testing::ReadFile("/usr/share/publicsuffix/public_suffix_list.dat");
  for (const std::string& line : testing::SplitLines(text)) {
    if (line.empty() || line.rfind("//", 0) == 0) continue;
    const std::string rule = line.substr(0, line.find_first_of(" \t"));
    if (rule.find('.') == std::string::npos) tlds.insert(rule);
  }
  return tlds;
}

TEST(Indicators, TypeNamesRoundTrip) {
  const std::pair<T, const char*> names[] = {{T::kIpv4, "ipv4-addr"}, {T::kIpv6, "ipv6-addr"},
                                             {T::kCidr, "cidr"},      {T::kDomain, "domain-name"},
                                             {T::kUrl, "url"},        {T::kEmail, "email-addr"},
                                             {T::kMd5, "md5"},        {T::kSha1, "sha1"},
                                             {T::kSha256, "sha256"}};
  for (const auto& [type, name] : names) {
    EXPECT_EQ(IndicatorTypeName(type), name);
    EXPECT_EQ(ParseIndicatorType(name), type);
  }
  EXPECT_FALSE(ParseIndicatorType("domain").has_value());
  EXPECT_FALSE(ParseIndicatorType("MD5").has_value());
}

TEST(Refang, UndoesDefanging) {
  const std::pair<const char*, const char*> cases[] = {
      {"hxxp://evil[.]com", "http://evil.com"},
      {"hXXps[:]//evil(.)com/a", "https://evil.com/a"},
      {"HXXP://x", "http://x"},
      {"fxp://files{.}example[.]org", "ftp://files.example.org"},
      {"hxxp[://]evil.com", "http://evil.com"},
      {"http(://)evil.com", "http://evil.com"},
      {"user[@]example[.]com", "user@example.com"},
      {"user(at)example[DOT]com", "user@example.com"},
      {"user (at) example (dot) com", "user@example.com"},
      {"evil [.] com and more", "evil.com and more"},
      {"1.2.3[.]4", "1.2.3.4"},
      {"[.]", "."},
      {"x{at}y", "x@y"},
      {"10[.]0[.]0[.]1[:]8080", "10.0.0.1:8080"},
      // Left alone:
      {"hxxpa://x", "hxxpa://x"},
      {"thxxp://x", "thxxp://x"},
      {"hxxp is a word", "hxxp is a word"},
      {"gate.hxxps: hxxp:x hxxp[.]", "gate.hxxps: hxxp:x hxxp."},
      {"gate.hxxp(:.?. hxxp[:]x hxxp[:]/", "gate.hxxp(:.?. hxxp:x hxxp:/"},
      {"a [.]b", "a .b"},
      {"a [.] ", "a . "},
      {"( . ) [ . ] [,] (.] [. [dot", "( . ) [ . ] [,] (.] [. [dot"},
      {"evil dot com", "evil dot com"},
      {"[::1]:80", "[::1]:80"},
      {"", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(Refang(in), out) << in;
}

struct ClassifyCase {
  const char* token;
  std::optional<T> type;
  const char* value;
};

TEST(Classify, FeedTokens) {
  const ClassifyCase cases[] = {
      {"1.2.3.4", T::kIpv4, "1.2.3.4"},
      {"  1.2.3.4\r\n", T::kIpv4, "1.2.3.4"},
      {"1.2.3.4:2222", T::kIpv4, "1.2.3.4"},
      {"1[.]2[.]3[.]4", T::kIpv4, "1.2.3.4"},
      {"01.2.3.4", std::nullopt, ""},
      {"1.2.3.4.5", std::nullopt, ""},
      {"1.2.3.4:99999", std::nullopt, ""},
      {"2001:DB8:0:0::1", T::kIpv6, "2001:db8::1"},
      {"[2001:db8::1]:443", T::kIpv6, "2001:db8::1"},
      {"fe80::1%eth0", T::kIpv6, "fe80::1"},
      {"1.2.3.4%eth0", std::nullopt, ""},
      {"10.0.0.0/8", T::kCidr, "10.0.0.0/8"},
      {"10.1.2.3/8", T::kCidr, "10.0.0.0/8"},
      {"2001:db8::/32", T::kCidr, "2001:db8::/32"},
      {"Example.COM", T::kDomain, "example.com"},
      {"example.com.", T::kDomain, "example.com"},
      {"example.com:8080", T::kDomain, "example.com"},
      {"evil[.]co[.]uk", T::kDomain, "evil.co.uk"},
      {"invoice.zip", T::kDomain, "invoice.zip"},
      {"report.pdf", std::nullopt, ""},
      {"com", std::nullopt, ""},
      {"co.uk", std::nullopt, ""},
      {"http://Evil.COM/Path?q=A", T::kUrl, "http://evil.com/Path?q=A"},
      {"hxxps://evil[.]com:8443/x", T::kUrl, "https://evil.com:8443/x"},
      {"HTTP://1.2.3.4/a.php", T::kUrl, "http://1.2.3.4/a.php"},
      {"http://[2001:DB8::1]:80/", T::kUrl, "http://[2001:db8::1]:80/"},
      {"ftp://user:pass@files.example.org/x", T::kUrl, "ftp://user:pass@files.example.org/x"},
      {"http://report.pdf/x", std::nullopt, ""},
      {"http://2001:db8::1/", std::nullopt, ""},
      {"gopher://example.com/", std::nullopt, ""},
      {"http://example.com/a b", std::nullopt, ""},
      {"Evil.com/wp-content/444444.png", T::kUrl, "evil.com/wp-content/444444.png"},
      {"91.196.70.103:443/gate", T::kUrl, "91.196.70.103:443/gate"},
      {"/wp-content/themes/x.php", std::nullopt, ""},
      {"evil.com/", std::nullopt, ""},
      {"Bob.Smith@Example.COM", T::kEmail, "Bob.Smith@example.com"},
      {"bob[at]evil[.]com", T::kEmail, "bob@evil.com"},
      {"bob@report.pdf", std::nullopt, ""},
      {".bob@evil.com", std::nullopt, ""},
      {"bo..b@evil.com", std::nullopt, ""},
      {"D41D8CD98F00B204E9800998ECF8427E", T::kMd5, "d41d8cd98f00b204e9800998ecf8427e"},
      {"da39a3ee5e6b4b0d3255bfef95601890afd80709", T::kSha1,
       "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
      {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", T::kSha256,
       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"d41d8cd98f00b204e9800998ecf8427", std::nullopt, ""},
      {"d41d8cd98f00b204e9800998ecf8427e0", std::nullopt, ""},
      {"evil.com # comment", std::nullopt, ""},
      {"", std::nullopt, ""},
      {"   ", std::nullopt, ""},
      {std::string_view("evil.com\0x", 10).data(), T::kDomain,
       "evil.com"},  // C string: stops at NUL
  };
  for (const ClassifyCase& c : cases) {
    std::optional<Indicator> got = Classify(c.token);
    ASSERT_EQ(got.has_value(), c.type.has_value()) << "'" << c.token << "'";
    if (!got) continue;
    EXPECT_EQ(got->type, *c.type) << c.token;
    EXPECT_EQ(got->value, c.value) << c.token;
  }
  EXPECT_FALSE(Classify(std::string_view("evil.com\0x", 10)).has_value());
  std::optional<Indicator> padded = Classify("\t evil.com  ");
  ASSERT_TRUE(padded.has_value());
  EXPECT_EQ(padded->offset, 2u);
  EXPECT_EQ(padded->length, 8u);
}

TEST(NormalizeDomain, AppliesSyntaxAndSuffixRules) {
  const std::string label63(63, 'a'), label64(64, 'a');
  std::string long_name;  // 4 * 63 + 3 dots + ".com" > 253
  for (int i = 0; i < 4; ++i) long_name += label63 + ".";
  long_name += "com";
  const std::pair<std::string, std::optional<std::string>> cases[] = {
      {"WWW.Example.com", "www.example.com"},
      {"example.com.", "example.com"},
      {label63 + ".com", label63 + ".com"},
      {label64 + ".com", std::nullopt},
      {long_name, std::nullopt},
      {"a.b.example.co.uk", "a.b.example.co.uk"},
      {"xn--80ak6aa92e.xn--p1ai", "xn--80ak6aa92e.xn--p1ai"},
      {"github.io", "github.io"},
      {"user.github.io", "user.github.io"},
      {"_dmarc.example.com", "_dmarc.example.com"},
      {"a_b.example.com", "a_b.example.com"},
      {"foo_bar.com", std::nullopt},
      {"foo.c_m", std::nullopt},
      {"-evil.com", std::nullopt},
      {"evil-.com", std::nullopt},
      {"ev-il.com", "ev-il.com"},
      {"123.com", "123.com"},
      {"a..com", std::nullopt},
      {".example.com", std::nullopt},
      {"example..", std::nullopt},
      {"com", std::nullopt},
      {"co.uk", std::nullopt},
      {"foo.ck", std::nullopt},      // *.ck: a public suffix
      {"www.ck", "www.ck"},          // !www.ck: the exception
      {"evil.co.za", "evil.co.za"},  // the list has co.za but no rule for za alone
      {"evil.za", std::nullopt},
      {"report.pdf", std::nullopt},
      {"host.local", std::nullopt},
      {"1.2.3.4", std::nullopt},
      {"ex ample.com", std::nullopt},
      {"exa\xc3\xa9mple.com", std::nullopt},
      {"", std::nullopt},
      {".", std::nullopt},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(NormalizeDomain(in), out) << in;
}

TEST(RegistrableDomain, UsesThePublicSuffixList) {
  const std::pair<const char*, const char*> cases[] = {
      {"a.b.example.co.uk", "example.co.uk"},
      {"WWW.Example.COM.", "example.com"},
      {"example.com", "example.com"},
      {"x.user.github.io", "user.github.io"},
      {"a.corp.local", "corp.local"},
      {"com", ""},
      {"co.uk", ""},
      {"", ""},
      {"bad..name.com", ""},
      {"sp ace.com", ""},
  };
  for (const auto& [in, out] : cases) EXPECT_EQ(RegistrableDomain(in), out) << in;
}

TEST(FileExtensionTlds, AreSortedRealTopLevelDomains) {
  const std::set<std::string> tlds = ListedTlds();
  ASSERT_GT(tlds.size(), 1000u) << "public_suffix_list.dat missing or unreadable";
  const auto& list = FileExtensionTlds();
  EXPECT_TRUE(std::is_sorted(list.begin(), list.end()));
  for (std::string_view tld : list) {
    EXPECT_TRUE(tlds.count(std::string(tld))) << tld << " is not a top-level domain";
    const std::string name = "invoice." + std::string(tld);
    EXPECT_TRUE(Classify(name).has_value()) << name;
  }
  for (const char* extension : {"exe", "dll", "pdf", "docx", "js", "php", "ps1", "txt", "cs"}) {
    EXPECT_FALSE(tlds.count(extension)) << extension;
    EXPECT_FALSE(NormalizeDomain(std::string("x.") + extension).has_value()) << extension;
  }
}

// Every TLD in the list makes a valid name; made-up ones do not.
TEST(NormalizeDomain, AgreesWithTheSuffixListFile) {
  const std::set<std::string> tlds = ListedTlds();
  size_t checked = 0;
  for (const std::string& tld : tlds) {
    if (!std::all_of(tld.begin(), tld.end(), [](unsigned char c) { return c < 0x80; })) continue;
    EXPECT_TRUE(NormalizeDomain("some-host." + tld).has_value()) << tld;
    ++checked;
  }
  EXPECT_GT(checked, 1000u);
  for (const char* fake : {"notatld", "exe", "localdomain", "internal", "lan"}) {
    EXPECT_FALSE(NormalizeDomain(std::string("some-host.") + fake).has_value()) << fake;
  }
}

// Found by fuzz_indicators: Extract reported "1.sh/@" and "p.co/://" as scheme-less URLs, but
// Classify took every token with an '@' for an e-mail address and every token with "://" for a
// URL with a scheme, and rejected both.
TEST(Regression, ClassifyBareUrlWithAtOrSchemeInPath) {
  for (const char* token : {"1.sh/@", "p.co/://", "medium.com/@attacker", "evil.com/x@y"}) {
    std::optional<Indicator> got = Classify(token);
    ASSERT_TRUE(got.has_value()) << token;
    EXPECT_EQ(got->type, T::kUrl) << token;
    EXPECT_EQ(got->value, token);
    const std::vector<Indicator> extracted = Extract(token);
    ASSERT_EQ(extracted.size(), 1u) << token;
    EXPECT_EQ(extracted[0].value, got->value);
  }
  std::optional<Indicator> redirect = Classify("Evil.com/r?u=http://x.com");
  ASSERT_TRUE(redirect.has_value());
  EXPECT_EQ(redirect->value, "evil.com/r?u=http://x.com");
  EXPECT_FALSE(Classify("bob@evil.com/x").has_value());  // userinfo needs a scheme
  EXPECT_FALSE(Classify("ab://evil.com/x").has_value());
  EXPECT_EQ(Classify("bob@evil.com")->type, T::kEmail);
}

// Found by fuzz_indicators: in "...com:6885/gate.hxxp(:.?." Refang took "hxxp(:" for a defanged
// scheme, so Extract reported ".../gate.http(" while Classify, given only the URL's own bytes
// (which end at the '('), kept "gate.hxxp(". A scheme is now recognised only by bytes a URL
// takes in: "://", "[://]" or "[:]//".
TEST(Regression, DefangedSchemeNeedsItsWholeSeparator) {
  const std::string text = "beacon to hxxpsexample[.]com:6885/gate.hxxp(:.?.";
  const std::vector<Indicator> extracted = Extract(text);
  ASSERT_EQ(extracted.size(), 1u);
  EXPECT_EQ(extracted[0].value, "hxxpsexample.com:6885/gate.hxxp(");
  const std::optional<Indicator> alone =
      Classify(std::string_view(text).substr(extracted[0].offset, extracted[0].length));
  ASSERT_TRUE(alone.has_value());
  EXPECT_EQ(alone->value, extracted[0].value);
}

}  // namespace
}  // namespace seckit
