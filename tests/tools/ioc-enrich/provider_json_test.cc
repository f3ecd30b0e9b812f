// The providers' defensive JSON reading and request encodings (provider_json.h).
#include "provider_json.h"

#include <gtest/gtest.h>

#include <limits>

namespace seckit::ioc_enrich {
namespace {

Json Parse(std::string_view text) {
  Json j;
  std::string why;
  EXPECT_TRUE(ParseJsonBody(text, j, why)) << why;
  return j;
}

std::string WhyNot(std::string_view text) {
  Json j;
  std::string why;
  EXPECT_FALSE(ParseJsonBody(text, j, why));
  return why;
}

TEST(ProviderJson, ParseFailuresSayWhatWithoutQuoting) {
  EXPECT_EQ(WhyNot(""), "empty body");
  EXPECT_EQ(WhyNot(R"({"a": [1, 2)"), "truncated JSON (11 bytes)");
  EXPECT_EQ(WhyNot(R"({"a": tru)"), "truncated JSON (9 bytes)");
  EXPECT_EQ(WhyNot("{\"secret-ish\": x}"), "invalid JSON at byte 16");
  EXPECT_EQ(WhyNot("[1e999]"), "number out of range");
  EXPECT_EQ(WhyNot("{\"a\":\"\xff\"}"), "invalid JSON at byte 7");
  EXPECT_EQ(WhyNot("{} trailing"), "invalid JSON at byte 6");
}

TEST(ProviderJson, TypedReadsIgnoreWrongTypes) {
  const Json j = Parse(R"({"s":"x","n":42,"f":2.6,"b":true,"z":null,"a":["p",1,"q"],
                           "big":123456789012345678901234567890,"neg":-1e300,"u":18446744073709551615,
                           "num":"9747","bad":"97x"})");
  EXPECT_EQ(String(Member(&j, "s")), "x");
  EXPECT_EQ(String(Member(&j, "n")), std::nullopt);
  EXPECT_EQ(String(Member(&j, "missing")), std::nullopt);
  EXPECT_EQ(StringOr(Member(&j, "z"), "fallback"), "fallback");
  EXPECT_EQ(Bool(Member(&j, "b")), true);
  EXPECT_EQ(Bool(Member(&j, "s")), std::nullopt);
  EXPECT_EQ(Integer(Member(&j, "n")), 42);
  EXPECT_EQ(Integer(Member(&j, "f")), 3);
  EXPECT_EQ(Integer(Member(&j, "big")), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Integer(Member(&j, "neg")), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(Integer(Member(&j, "u")), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(Integer(Member(&j, "num")), std::nullopt);
  EXPECT_EQ(Integer(Member(&j, "num"), /*lenient=*/true), 9747);
  EXPECT_EQ(Integer(Member(&j, "bad"), /*lenient=*/true), std::nullopt);
  EXPECT_EQ(Strings(Member(&j, "a")), (std::vector<std::string>{"p", "q"}));
  EXPECT_EQ(Strings(Member(&j, "s")), std::vector<std::string>{"x"});
  EXPECT_TRUE(Strings(Member(&j, "n")).empty());
  EXPECT_EQ(Member(Member(&j, "a"), "x"), nullptr);  // not an object
  EXPECT_EQ(Dig(&j, {"s", "deeper"}), nullptr);
}

TEST(ProviderJson, TimesInEveryApiFormat) {
  const TimeNs t = ParseRfc3339("2026-11-24T10:44:15Z").value();
  EXPECT_EQ(ParseApiTime("2026-11-24T10:44:15Z"), t);
  EXPECT_EQ(ParseApiTime("2026-11-24T11:44:15+01:00"), t);
  EXPECT_EQ(ParseApiTime("2026-11-24 10:44:15 UTC"), t);
  EXPECT_EQ(ParseApiTime("2026-11-24T10:44:15"), t);
  EXPECT_EQ(ParseApiTime("2026-11-24 10:44:15"), t);
  EXPECT_EQ(ParseApiTime("2026-11-24T10:44:15.500000"), t + 500 * kNsPerMillisecond);
  EXPECT_EQ(ParseApiTime("2026-11-24"), ParseRfc3339("2026-11-24T00:00:00Z"));
  EXPECT_EQ(ParseApiTime("1764067455"), ParseRfc3339("2025-11-25T10:44:15Z"));
  EXPECT_EQ(ParseApiTime(""), std::nullopt);
  EXPECT_EQ(ParseApiTime("yesterday"), std::nullopt);
  EXPECT_EQ(ParseApiTime("2026-13-45"), std::nullopt);
  const Json j = Parse(R"({"s":1764067455,"f":1.5e300,"str":"2026-11-24","b":true})");
  EXPECT_EQ(Time(Member(&j, "s")), ParseRfc3339("2025-11-25T10:44:15Z"));
  EXPECT_EQ(Time(Member(&j, "f")), std::nullopt);
  EXPECT_EQ(Time(Member(&j, "str")), ParseRfc3339("2026-11-24T00:00:00Z"));
  EXPECT_EQ(Time(Member(&j, "b")), std::nullopt);
}

TEST(ProviderJson, PointersFollowRfc6901) {
  // The examples of RFC 6901 section 5.
  const Json doc = Parse(R"({"foo":["bar","baz"],"":0,"a/b":1,"c%d":2,"e^f":3,"g|h":4,
                             "i\\j":5,"k\"l":6," ":7,"m~n":8})");
  EXPECT_EQ(AtPointer(doc, ""), &doc);
  EXPECT_EQ(*AtPointer(doc, "/foo"), Json({"bar", "baz"}));
  EXPECT_EQ(*AtPointer(doc, "/foo/0"), "bar");
  EXPECT_EQ(*AtPointer(doc, "/"), 0);
  EXPECT_EQ(*AtPointer(doc, "/a~1b"), 1);
  EXPECT_EQ(*AtPointer(doc, "/c%d"), 2);
  EXPECT_EQ(*AtPointer(doc, "/i\\j"), 5);
  EXPECT_EQ(*AtPointer(doc, "/k\"l"), 6);
  EXPECT_EQ(*AtPointer(doc, "/ "), 7);
  EXPECT_EQ(*AtPointer(doc, "/m~0n"), 8);
  EXPECT_EQ(AtPointer(doc, "/foo/2"), nullptr);
  EXPECT_EQ(AtPointer(doc, "/foo/01"), nullptr);
  EXPECT_EQ(AtPointer(doc, "/foo/-"), nullptr);
  EXPECT_EQ(AtPointer(doc, "/foo/0/x"), nullptr);
  EXPECT_EQ(AtPointer(doc, "/nope"), nullptr);
  EXPECT_EQ(AtPointer(doc, "foo"), nullptr);
  EXPECT_TRUE(ValidPointer(""));
  EXPECT_TRUE(ValidPointer("/a~0~1"));
  EXPECT_FALSE(ValidPointer("a"));
  EXPECT_FALSE(ValidPointer("/a~2"));
  EXPECT_FALSE(ValidPointer("/a~"));
}

TEST(ProviderJson, Encodings) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b/c?d=e&f#g%h"), "a%20b%2Fc%3Fd%3De%26f%23g%25h");
  EXPECT_EQ(PercentEncode("\xc3\xa9\x01"), "%C3%A9%01");
  EXPECT_EQ(PercentEncode("http://h/p?q", kPathKeep), "http://h/p%3Fq");
  // RFC 4648 section 10 vectors, URL-safe and unpadded.
  EXPECT_EQ(Base64UrlNoPad(""), "");
  EXPECT_EQ(Base64UrlNoPad("f"), "Zg");
  EXPECT_EQ(Base64UrlNoPad("fo"), "Zm8");
  EXPECT_EQ(Base64UrlNoPad("foo"), "Zm9v");
  EXPECT_EQ(Base64UrlNoPad("foob"), "Zm9vYg");
  EXPECT_EQ(Base64UrlNoPad("fooba"), "Zm9vYmE");
  EXPECT_EQ(Base64UrlNoPad("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64UrlNoPad("\xfb\xff\xbf"), "-_-_");
  EXPECT_EQ(JsonEscape("a\"b\\c\n"), "a\\\"b\\\\c\\n");
  EXPECT_EQ(JsonEscape("bad \xff byte"), "bad \xef\xbf\xbd byte");
}

TEST(ProviderJson, ScoresAndTags) {
  EXPECT_EQ(ClampScore(-3), 0);
  EXPECT_EQ(ClampScore(12.5), 13);
  EXPECT_EQ(ClampScore(1e300), 100);
  EXPECT_EQ(ClampScore(std::numeric_limits<double>::quiet_NaN()), 0);
  std::vector<std::string> tags;
  AddTag(tags, " tor ");
  AddTag(tags, "tor");
  AddTag(tags, "");
  EXPECT_EQ(tags, std::vector<std::string>{"tor"});
  for (int i = 0; i < 100; ++i) AddTag(tags, std::to_string(i));
  EXPECT_EQ(tags.size(), kMaxTags);
}

}  // namespace
}  // namespace seckit::ioc_enrich
