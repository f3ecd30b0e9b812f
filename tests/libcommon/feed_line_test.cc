// ParseFeedLine: the plain feed shapes of the corpus (ipsum, maltrail, signature-base) and the
// corner cases around comments, columns and defanging.
#include <gtest/gtest.h>

#include <string>

#include "seckit/indicators.h"

namespace seckit {
namespace {

struct Expected {
  const char* line;
  bool blank;
  const char* value;  // nullptr: no indicator
  IndicatorType type;
  const char* note;
};

TEST(FeedLine, ShapesOfRealFeeds) {
  const Expected cases[] = {
      {"", true, nullptr, IndicatorType::kIpv4, ""},
      {"   \t", true, nullptr, IndicatorType::kIpv4, ""},
      {"# Last update: Sat, 22 Aug 2026", true, nullptr, IndicatorType::kIpv4, ""},
      {"\xEF\xBB\xBF# bom then comment", true, nullptr, IndicatorType::kIpv4, ""},
      {"185.220.101.4\t10", false, "185.220.101.4", IndicatorType::kIpv4, "10"},
      {"5.63.151.0/24 # scanners.labs.rapid7.com", false, "5.63.151.0/24", IndicatorType::kCidr,
       "scanners.labs.rapid7.com"},
      {"evil[.]com", false, "evil.com", IndicatorType::kDomain, ""},
      {"bad [dot] net  # spaced defang", false, "bad.net", IndicatorType::kDomain,
       "spaced defang"},
      {"hxxp://evil[.]org/x\r", false, "http://evil.org/x", IndicatorType::kUrl, ""},
      {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855;empty file", false,
       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
       IndicatorType::kSha256, "empty file"},
      {"tracker.example.org,C2 panel", false, "tracker.example.org", IndicatorType::kDomain,
       "C2 panel"},
      {"10.0.0.1:443 qakbot", false, "10.0.0.1", IndicatorType::kIpv4, "qakbot"},
      {"qak.example.net/gate.php", false, "qak.example.net/gate.php", IndicatorType::kUrl, ""},
      {"http://frag.example.com/p#anchor", false, "http://frag.example.com/p#anchor",
       IndicatorType::kUrl, ""},
      {"not an indicator at all", false, nullptr, IndicatorType::kIpv4, ""},
  };
  for (const Expected& c : cases) {
    const FeedLine got = ParseFeedLine(c.line);
    EXPECT_EQ(got.blank, c.blank) << c.line;
    if (c.value == nullptr) {
      EXPECT_FALSE(got.indicator.has_value()) << c.line;
      continue;
    }
    ASSERT_TRUE(got.indicator.has_value()) << c.line;
    EXPECT_EQ(got.indicator->value, c.value) << c.line;
    EXPECT_EQ(got.indicator->type, c.type) << c.line;
    EXPECT_EQ(got.note, c.note) << c.line;
  }
}

}  // namespace
}  // namespace seckit
