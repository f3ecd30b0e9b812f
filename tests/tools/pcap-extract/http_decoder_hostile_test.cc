// Tests for the HTTP decoder on malformed, cut-off, oversized and random input, and for the URL
// helpers.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "http_decoder.h"

namespace seckit::pcap_extract {
namespace {

using std::literals::string_view_literals::operator""sv;

std::optional<HttpMessage> Decode(std::string_view text) {
  return DecodeHttp({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

TEST(HttpDecoder, DecodesARequest) {
  const std::string_view text =
      "\r\nGET /a/b?c=d HTTP/1.1\r\nHost: www.example.com:8080\r\nUser-Agent: UA \xff\r\n"
      "Referer: http://ref.example/\r\nContent-Type: text/html\r\nContent-Length: 42\r\n\r\nbody";
  const std::optional<HttpMessage> m = Decode(text);
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->is_request);
  EXPECT_EQ(m->method, "GET");
  EXPECT_EQ(m->uri, "/a/b?c=d");
  EXPECT_EQ(m->version, "1.1");
  EXPECT_EQ(m->host, "www.example.com:8080");
  EXPECT_EQ(m->user_agent, "UA \xff");  // invalid UTF-8 left for the JSON writer
  EXPECT_EQ(m->referrer, "http://ref.example/");
  EXPECT_EQ(m->content_type, "text/html");
  EXPECT_EQ(m->content_length, 42u);
  EXPECT_TRUE(m->headers_complete);
  EXPECT_EQ(m->header_count, 5u);
  EXPECT_EQ(text.substr(m->head_length), "body");
  const HttpUrl url = RequestUrl(*m);
  EXPECT_EQ(url.full, "http://www.example.com:8080/a/b?c=d");
  EXPECT_EQ(url.domain, "www.example.com");
  EXPECT_EQ(url.port, 8080);
  EXPECT_EQ(url.path, "/a/b");
  EXPECT_EQ(url.query, "c=d");
}

TEST(HttpDecoder, DecodesAResponse) {
  const std::optional<HttpMessage> m =
      Decode("HTTP/1.0 302 Found it\nServer: srv\nLocation: /next\ncontent-length: 0\n\n");
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->is_request);
  EXPECT_EQ(m->status_code, 302);
  EXPECT_EQ(m->reason, "Found it");
  EXPECT_EQ(m->version, "1.0");
  EXPECT_EQ(m->server, "srv");
  EXPECT_EQ(m->location, "/next");
  EXPECT_EQ(m->content_length, 0u);
  EXPECT_TRUE(m->headers_complete);
  const std::optional<HttpMessage> bare = Decode("HTTP/1.1 200\r\n\r\n");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->status_code, 200);
  EXPECT_EQ(bare->reason, "");
}

TEST(HttpDecoder, RejectsWhatIsNotAnHttp1StartLine) {
  for (std::string_view text : std::vector<std::string_view>{
           "",
           "\r\n\r\n",
           "GET / HTTP/1.1",  // no line end: the version may be cut off
           "GET /\r\n\r\n",
           "GET / HTTP/2.0\r\n",
           "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
           "GET  / HTTP/1.1\r\n",
           "GET / HTTP/1.1 \r\n",
           "GET / http/1.1\r\n",
           "G(T / HTTP/1.1\r\n",
           "GET /a\x01 HTTP/1.1\r\n",
           "GET / HTTP/1.x\r\n",
           " GET / HTTP/1.1\r\n",
           "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG / HTTP/1.1\r\n",  // 33-character method
           "HTTP/1.1 20 OK\r\n",
           "HTTP/1.1 200OK\r\n",
           "HTTP/1.1 099 Low\r\n",
           "HTTP/1.1  200 OK\r\n",
           "HTTP/1.1 200 O\x01K\r\n",
           "HTTP/2 200\r\n",
           "SSH-2.0-OpenSSH_6.0\r\n",
           "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 / HTTP/1.1\r\n"sv}) {
    EXPECT_FALSE(Decode(text)) << "\"" << text << "\"";
  }
  EXPECT_TRUE(Decode("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF / HTTP/1.1\r\n"));  // 32 is fine
  EXPECT_TRUE(Decode("M-SEARCH * HTTP/1.1\r\n"));
  EXPECT_TRUE(Decode("GET /caf\xc3\xa9 HTTP/1.1\r\n"));  // raw UTF-8 in the target
}

TEST(HttpDecoder, KeepsWhatIsThereWhenTheHeadIsCutOff) {
  const std::optional<HttpMessage> m =
      Decode("POST /up HTTP/1.1\r\nHost: h\r\nContent-Type: x/y\r\nContent-Length: 12");
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->headers_complete);
  EXPECT_EQ(m->host, "h");
  EXPECT_EQ(m->content_type, "x/y");
  EXPECT_FALSE(m->content_length);  // the last line might have been "Content-Length: 1234"
  EXPECT_EQ(m->header_count, 2u);
  EXPECT_EQ(m->head_length, 0u);
  const std::optional<HttpMessage> start_only = Decode("GET / HTTP/1.1\r\n");
  ASSERT_TRUE(start_only);
  EXPECT_FALSE(start_only->headers_complete);
}

TEST(HttpDecoder, LimitsTheNumberOfHeaders) {
  std::string text = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 300; ++i) text += "X-Filler: " + std::to_string(i) + "\r\n";
  text += "Host: late.example\r\n\r\n";
  const std::optional<HttpMessage> m = Decode(text);
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->headers_complete);
  EXPECT_EQ(m->header_count, kMaxHttpHeaders);
  EXPECT_EQ(m->host, "");
}

TEST(HttpDecoder, HeaderEdgeCases) {
  const std::optional<HttpMessage> m = Decode(
      "GET / HTTP/1.1\r\n"
      "Host : smuggled.example\r\n"  // space before the colon: not a header
      "no colon here\r\n"            // skipped
      "User-Agent: first\r\n"
      " folded continuation\r\n"   // obsolete folding: ignored
      "HOST:\tHost.Example\t\r\n"  // names match in any case; tabs trimmed
      "Host: second.example\r\n"   // the first occurrence wins
      "Content-Length: 12abc\r\n"  // not a number: absent
      "Content-Length: 7\r\n"      // only the first counts
      "Referer:\r\n"               // present but empty
      "\r\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->host, "Host.Example");
  EXPECT_EQ(m->user_agent, "first");
  EXPECT_FALSE(m->content_length);
  EXPECT_TRUE(m->referrer.empty());
  EXPECT_TRUE(m->headers_complete);
  EXPECT_EQ(m->header_count, 8u);
  EXPECT_FALSE(
      Decode("GET / HTTP/1.1\r\nContent-Length: 1234567890123456789\r\n\r\n")->content_length);
  EXPECT_EQ(Decode("GET / HTTP/1.1\r\nContent-Length: 123456789012345678\r\n\r\n")->content_length,
            123456789012345678u);
}

TEST(HttpDecoder, SplitsHostAndPort) {
  struct Case {
    std::string_view authority, host;
    std::optional<uint16_t> port;
  };
  for (const Case& c : std::vector<Case>{{"example.com", "example.com", std::nullopt},
                                         {"example.com:8080", "example.com", 8080},
                                         {"10.0.0.1:80", "10.0.0.1", 80},
                                         {"[2001:db8::1]:443", "[2001:db8::1]", 443},
                                         {"[2001:db8::1]", "[2001:db8::1]", std::nullopt},
                                         {"[::1]x", "[::1]", std::nullopt},
                                         {"[::1", "[::1", std::nullopt},
                                         {"example.com:", "example.com", std::nullopt},
                                         {"example.com:65535", "example.com", 65535},
                                         {"example.com:65536", "example.com:65536", std::nullopt},
                                         {"example.com:http", "example.com:http", std::nullopt},
                                         {"2001:db8::1", "2001:db8::1", std::nullopt},
                                         {"", "", std::nullopt}}) {
    std::string_view host;
    std::optional<uint16_t> port = 1;
    SplitHostPort(c.authority, &host, &port);
    EXPECT_EQ(host, c.host) << c.authority;
    EXPECT_EQ(port, c.port) << c.authority;
  }
}

TEST(HttpDecoder, RequestUrlForEachTargetForm) {
  HttpUrl url = RequestUrl(
      *Decode("GET HTTP://u:p@H.example:81/p/q?x=1#frag HTTP/1.1\r\nHost: other\r\n\r\n"));
  EXPECT_EQ(url.full, "HTTP://u:p@H.example:81/p/q?x=1#frag");
  EXPECT_EQ(url.domain, "H.example");
  EXPECT_EQ(url.port, 81);
  EXPECT_EQ(url.path, "/p/q");
  EXPECT_EQ(url.query, "x=1");

  url = RequestUrl(
      *Decode("CONNECT secure.example:443 HTTP/1.1\r\nHost: secure.example:443\r\n\r\n"));
  EXPECT_EQ(url.full, "");
  EXPECT_EQ(url.domain, "secure.example");
  EXPECT_EQ(url.port, 443);
  EXPECT_EQ(url.path, "");

  url = RequestUrl(*Decode("OPTIONS * HTTP/1.1\r\nHost: [::1]:8000\r\n\r\n"));
  EXPECT_EQ(url.full, "");
  EXPECT_EQ(url.domain, "[::1]");
  EXPECT_EQ(url.port, 8000);

  url = RequestUrl(*Decode("GET /no-host?q HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(url.full, "");  // no Host: the authority is unknown
  EXPECT_EQ(url.domain, "");
  EXPECT_EQ(url.path, "/no-host");
  EXPECT_EQ(url.query, "q");

  EXPECT_EQ(RequestUrl(HttpMessage()).full, "");  // a default message has no target
}

TEST(HttpDecoder, SurvivesRandomAndMutatedInput) {
  std::mt19937 random(4242);
  const std::string seed =
      "GET /index.html?a=b HTTP/1.1\r\nHost: [::1]:80\r\nUser-Agent: x\r\nContent-Length: "
      "10\r\n\r\n";
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    if (i % 2 == 0) {
      text.resize(random() % 300);
      for (char& c : text) c = static_cast<char>(random() % 4 ? 0x20 + random() % 0x5f : random());
    } else {
      text = seed;
      for (int flips = 1 + random() % 4; flips > 0; --flips) {
        text[random() % text.size()] = static_cast<char>(random());
      }
      text.resize(text.size() - random() % 40);
    }
    const std::optional<HttpMessage> m = Decode(text);
    if (!m) continue;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    for (std::string_view v : {m->method, m->uri, m->reason, m->version, m->host, m->user_agent,
                               m->referrer, m->content_type, m->server, m->location}) {
      if (!v.empty()) {
        EXPECT_TRUE(v.data() >= begin && v.data() + v.size() <= end);
      }
    }
    EXPECT_LE(m->head_length, text.size());
    if (m->is_request) RequestUrl(*m);
  }
}

}  // namespace
}  // namespace seckit::pcap_extract
