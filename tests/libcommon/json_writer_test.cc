// Tests for JsonWriter and AppendJsonString: structure, escaping, invalid UTF-8 → U+FFFD,
// checked by parsing the output with an independent JSON parser (nlohmann::json).
#include "seckit/json_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <random>

namespace seckit {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  AppendJsonString(out, text);
  return out;
}

// Decodes a JSON string literal with nlohmann::json, which rejects invalid UTF-8 and escapes.
std::string Decode(const std::string& literal) { return nlohmann::json::parse(literal).get<std::string>(); }

const std::string kFffd = "\xEF\xBF\xBD";

TEST(JsonString, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(Quoted("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(Quoted("\n\r\t\b\f"), R"("\n\r\t\b\f")");
  EXPECT_EQ(Quoted(std::string("\x01\x1f\0", 3)), R"("\u0001\u001f\u0000")");
  EXPECT_EQ(Quoted("/<>&\x7f"), "\"/<>&\x7f\"");
}

TEST(JsonString, KeepsValidUtf8) {
  for (std::string text : {"caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x94\x92", "\xEF\xBF\xBF",
                           "\xF4\x8F\xBF\xBF"}) {
    EXPECT_EQ(Quoted(text), "\"" + text + "\"");
    EXPECT_EQ(Decode(Quoted(text)), text);
  }
}

// Expected replacements follow RFC 3629's definition of valid sequences.
TEST(JsonString, ReplacesInvalidUtf8) {
  struct Case {
    std::string in, out;
  } cases[] = {
      {"\xC0\xAF", kFffd + kFffd},                 // overlong encoding of '/'
      {"\xED\xA0\x80", kFffd + kFffd + kFffd},     // UTF-16 surrogate
      {"\xF5\x80\x80\x80", kFffd + kFffd + kFffd + kFffd},  // beyond U+10FFFF
      {"a\xFF" "b", "a" + kFffd + "b"},
      {"\xC3", kFffd},                             // truncated at the end
      {"\xE2\x82", kFffd + kFffd},
      {"\x80", kFffd},                             // lone continuation byte
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Decode(Quoted(c.in)), c.out) << ::testing::PrintToString(c.in);
  }
}

TEST(JsonString, RandomBytesAlwaysGiveValidJson) {
  std::mt19937 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 100, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    std::string literal = Quoted(bytes);
    ASSERT_NO_THROW(Decode(literal)) << literal;
  }
}

// Texts are checked for bytes to escape a word or 16 bytes at a time; a byte that needs escaping must be
// found at every position of every length, and the plain bytes beside each special range
// (0x20 after the controls, 0x21/0x23 around '"', 0x5b/0x5d around '\\', 0x7f) must not be.
TEST(JsonString, FindsSpecialBytesAtEveryPosition) {
  struct Special {
    char byte;
    std::string written;
  } specials[] = {
      {'"', "\\\""},       {'\\', "\\\\"},    {'\n', "\\n"},   {'\x01', "\\u0001"},
      {'\x1f', "\\u001f"}, {'\0', "\\u0000"}, {'\x80', kFffd}, {'\xff', kFffd},
  };
  const std::string plain = " !#[]~\x7fx";
  for (size_t n = 1; n <= 70; ++n) {  // past two 16-byte blocks and their tails
    std::string text(n, 'x');
    for (size_t i = 0; i < n; ++i) text[i] = plain[(i * 7 + n) % plain.size()];
    EXPECT_EQ(Quoted(text), "\"" + text + "\"");
    for (size_t at = 0; at < n; ++at) {
      for (const Special& special : specials) {
        std::string with = text;
        with[at] = special.byte;
        std::string expected =
            "\"" + text.substr(0, at) + special.written + text.substr(at + 1) + "\"";
        EXPECT_EQ(Quoted(with), expected) << "length " << n << ", byte " << at;
      }
    }
  }
}

class WriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(pipe(fds_), 0);
    out_ = OutputStream::ForFd(fds_[1], "pipe");
  }
  void TearDown() override {
    close(fds_[0]);
    close(fds_[1]);
  }
  std::string Written() {
    EXPECT_TRUE(out_->Flush().ok());
    std::string data(1 << 16, '\0');
    ssize_t n = read(fds_[0], data.data(), data.size());
    data.resize(n > 0 ? static_cast<size_t>(n) : 0);
    return data;
  }
  int fds_[2];
  std::unique_ptr<OutputStream> out_;
};

TEST_F(WriterTest, NestedRecord) {
  JsonWriter w(*out_);
  w.BeginRecord();
  w.Field("@timestamp", "2026-11-24T11:44:15.000000Z");
  w.BeginObject("source");
  w.Field("ip", "10.0.0.1");
  w.Field("port", 53);
  w.EndObject();
  w.BeginArray("tags");
  w.String("a");
  w.String("b");
  w.EndArray();
  w.BeginArray("answers");
  w.BeginObject();
  w.Field("data", "1.2.3.4");
  w.Field("ttl", 300u);
  w.EndObject();
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.Field("ok", true);
  w.Field("ratio", 0.25);
  w.Field("neg", -7);
  w.Field("big", 18446744073709551615ull);
  w.EndRecord();
  w.BeginRecord();
  w.Field("second", "x");
  w.EndRecord();
  std::string text = Written();
  EXPECT_EQ(text,
            R"({"@timestamp":"2026-11-24T11:44:15.000000Z","source":{"ip":"10.0.0.1","port":53},)"
            R"("tags":["a","b"],"answers":[{"data":"1.2.3.4","ttl":300},{}],"ok":true,)"
            R"("ratio":0.25,"neg":-7,"big":18446744073709551615})"
            "\n{\"second\":\"x\"}\n");
  size_t newline = text.find('\n');
  auto parsed = nlohmann::json::parse(text.substr(0, newline));
  EXPECT_EQ(parsed["source"]["port"], 53);
  EXPECT_EQ(parsed["answers"][0]["data"], "1.2.3.4");
}

TEST_F(WriterTest, NonFiniteDoublesStayValidJson) {
  JsonWriter w(*out_);
  w.BeginRecord();
  w.Field("nan", std::nan(""));
  w.Field("tiny", 5e-324);
  w.EndRecord();
  std::string text = Written();
  auto parsed = nlohmann::json::parse(text);
  EXPECT_TRUE(parsed["nan"].is_null());
  EXPECT_EQ(parsed["tiny"].get<double>(), 5e-324);
}

TEST_F(WriterTest, KeysAreEscapedToo) {
  JsonWriter w(*out_);
  w.BeginRecord();
  w.Field("plain", 1);
  w.Field("a\"b", 2);
  w.Field(std::string_view("\0", 1), 3);
  w.EndRecord();
  EXPECT_EQ(Written(), "{\"plain\":1,\"a\\\"b\":2,\"\\u0000\":3}\n");
}

}  // namespace
}  // namespace seckit
