// Tests for the HTTP decoder: agreement with tshark on every HTTP message of the corpus, no
// false positives on any TCP payload of the corpus, and hand-made edge cases.
#include "http_decoder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "decoder_test_util.h"
#include "test_support.h"

namespace seckit::pcap_extract {
namespace {

std::string Str(std::string_view view) { return std::string(view); }

// tshark fields compared, each with how we render the same value ("" = absent).
struct Compared {
  const char* field;
  std::function<std::string(const HttpMessage&)> ours;
};

const std::vector<Compared>& ComparedFields() {
  static const std::vector<Compared> fields = {
      {"http.request.method", [](const HttpMessage& m) { return Str(m.method); }},
      {"http.request.uri", [](const HttpMessage& m) { return Str(m.uri); }},
      {"http.request.version",
       [](const HttpMessage& m) { return m.is_request ? "HTTP/" + Str(m.version) : ""; }},
      {"http.request.full_uri",
       [](const HttpMessage& m) { return m.is_request ? RequestUrl(m).full : ""; }},
      {"http.host", [](const HttpMessage& m) { return Str(m.host); }},
      {"http.user_agent", [](const HttpMessage& m) { return Str(m.user_agent); }},
      {"http.referer", [](const HttpMessage& m) { return Str(m.referrer); }},
      {"http.content_type", [](const HttpMessage& m) { return Str(m.content_type); }},
      {"http.content_length_header",
       [](const HttpMessage& m) {
         return m.content_length ? std::to_string(*m.content_length) : "";
       }},
      {"http.response.code",
       [](const HttpMessage& m) { return m.is_request ? "" : std::to_string(m.status_code); }},
      {"http.response.phrase", [](const HttpMessage& m) { return Str(m.reason); }},
      {"http.response.version",
       [](const HttpMessage& m) { return m.is_request ? "" : "HTTP/" + Str(m.version); }},
      {"http.server", [](const HttpMessage& m) { return Str(m.server); }},
      {"http.location", [](const HttpMessage& m) { return Str(m.location); }},
  };
  return fields;
}

// One frame with TCP payload, as tshark sees it.
struct Frame {
  Bytes payload;
  std::vector<int> segments;  // frames of a reassembled HTTP message, when tshark reassembled
  std::map<std::string, std::string> http;  // first value of each compared field
  bool Has(const char* field) const {
    const auto it = http.find(field);
    return it != http.end() && !it->second.empty();
  }
  bool is_http() const { return Has("http.request.method") || Has("http.response.code"); }
};

std::map<int, Frame> TsharkTcpFrames(const std::filesystem::path& capture) {
  std::vector<std::string> argv = {
      "tshark", "-r", capture.string(), "-Y", "tcp.len > 0", "-E", "aggregator=\x1f", "-T",
      "fields", "-e", "frame.number",   "-e", "tcp.payload", "-e", "tcp.segment"};
  for (const Compared& c : ComparedFields()) argv.insert(argv.end(), {"-e", c.field});
  const testing::CommandResult result = testing::Run(argv);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::map<int, Frame> frames;
  for (const std::string& line : testing::SplitLines(result.out)) {
    const std::vector<std::string> columns = Split(line, '\t');
    Frame& frame = frames[std::stoi(columns.at(0))];
    frame.payload = FromHex(columns.at(1));
    for (const std::string& s : Split(columns.size() > 2 ? columns[2] : "", '\x1f')) {
      frame.segments.push_back(std::stoi(s));
    }
    for (size_t i = 0; i < ComparedFields().size(); ++i) {
      const std::string column = i + 3 < columns.size() ? columns[i + 3] : "";
      const std::vector<std::string> values = Split(column, '\x1f');
      frame.http[ComparedFields()[i].field] = values.empty() ? "" : values[0];
    }
  }
  return frames;
}

void ExpectSameAsTshark(const HttpMessage& m, std::map<std::string, std::string>& expected) {
  for (const Compared& c : ComparedFields()) {
    EXPECT_EQ(c.ours(m), expected[c.field]) << c.field;
  }
}

bool HasHeadEnd(const Bytes& payload) {
  const std::string_view text(reinterpret_cast<const char*>(payload.data()), payload.size());
  return text.find("\r\n\r\n") != std::string_view::npos ||
         text.find("\n\n") != std::string_view::npos;
}

struct Counts {
  size_t one_segment = 0;   // head whole in the first segment: compared on that segment alone
  size_t reassembled = 0;   // head split: first segment checked, then tshark's segments joined
  size_t not_accepted = 0;  // tshark's HTTP we reject by design (HTTP/0.9)
  size_t payloads = 0;      // TCP payloads checked for false positives
};

// The frames whose own payload tshark takes for the start of an HTTP/1.x message when it may
// not reassemble TCP (the decoder's model: one segment at a time). HTTP/0.9 requests, which
// have no version, are left out: we reject them by design.
std::set<int> TsharkPerSegmentStarts(const std::filesystem::path& capture) {
  const testing::CommandResult result = testing::Run(
      {"tshark", "-r", capture.string(), "-o", "tcp.desegment_tcp_streams:FALSE", "-Y",
       "http.request.version contains \"HTTP/1.\" or http.response.version contains \"HTTP/1.\"",
       "-T", "fields", "-e", "frame.number"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::set<int> starts;
  for (const std::string& line : testing::SplitLines(result.out)) starts.insert(std::stoi(line));
  return starts;
}

// Where we differ from tshark on purpose: (frame, field) -> our value.
using KnownDifferences = std::map<std::pair<int, std::string>, std::string>;

// Compares every HTTP message tshark finds in `capture` (with its usual reassembly), then checks
// that the decoder accepts exactly the payloads tshark decodes as a message start per segment.
Counts CheckCapture(const std::filesystem::path& capture, const KnownDifferences& known = {}) {
  Counts counts;
  std::map<int, Frame> frames = TsharkTcpFrames(capture);
  if (frames.empty()) return counts;  // no TCP payload at all
  for (auto& [number, frame] : frames) {
    if (!frame.is_http()) continue;
    SCOPED_TRACE(capture.filename().string() + " frame " + std::to_string(number));
    for (const auto& [where, ours] : known) {
      if (where.first == number) frame.http[where.second] = ours;
    }
    const int first = frame.segments.empty() ? number : frame.segments.front();
    const Bytes& head = frames.at(first).payload;
    const std::optional<HttpMessage> m = DecodeHttp(head);
    if (frame.Has("http.request.method") && !frame.Has("http.request.version")) {
      EXPECT_FALSE(m) << "an HTTP/0.9 request is not accepted";
      ++counts.not_accepted;
    } else if (HasHeadEnd(head)) {
      EXPECT_TRUE(m);
      if (!m) continue;
      EXPECT_TRUE(m->headers_complete);
      ExpectSameAsTshark(*m, frame.http);
      ++counts.one_segment;
    } else {
      EXPECT_TRUE(!m || !m->headers_complete);
      Bytes joined;
      for (int segment : frame.segments) {
        joined.insert(joined.end(), frames.at(segment).payload.begin(),
                      frames.at(segment).payload.end());
      }
      const std::optional<HttpMessage> whole = DecodeHttp(joined);
      EXPECT_TRUE(whole);
      if (!whole) continue;
      ExpectSameAsTshark(*whole, frame.http);
      ++counts.reassembled;
    }
  }
  const std::set<int> starts = TsharkPerSegmentStarts(capture);
  for (const auto& [number, frame] : frames) {
    EXPECT_EQ(DecodeHttp(frame.payload).has_value(), starts.count(number) == 1)
        << capture.filename() << " frame " << number;
    ++counts.payloads;
  }
  return counts;
}

TEST(HttpDecoderTshark, AgreesWithTsharkOnTheCorpus) {
  if (!testing::HaveProgram("tshark")) GTEST_SKIP() << "tshark not installed";
  const std::filesystem::path dir = testing::CorpusDir() / "pcap";
  if (testing::CorpusDir().empty() || !std::filesystem::is_directory(dir)) {
    GTEST_SKIP() << "corpus not found (set SECKIT_TEST_DATA)";
  }
  const std::map<std::string, size_t> minimum_messages = {{"http_bro.org.pcap", 61},
                                                          {"http_google.pcapng", 2},
                                                          {"http-vlan-0.pcap", 2},
                                                          {"http_ip4and6.pcapng", 4},
                                                          {"malware_cryptowall4_c2.pcapng", 6}};
  std::set<std::filesystem::path> captures;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) captures.insert(entry.path());
  size_t http_files = 0;
  for (const std::filesystem::path& capture : captures) {
    const Counts c = CheckCapture(capture);
    const size_t messages = c.one_segment + c.reassembled + c.not_accepted;
    std::printf(
        "[   INFO   ] %s: %zu TCP payloads checked; %zu HTTP messages compared "
        "(%zu head in one segment, %zu reassembled), %zu HTTP/0.9 rejected\n",
        capture.filename().c_str(), c.payloads, messages - c.not_accepted, c.one_segment,
        c.reassembled, c.not_accepted);
    const auto minimum = minimum_messages.find(capture.filename().string());
    if (minimum != minimum_messages.end()) {
      EXPECT_GE(messages, minimum->second) << capture;
      ++http_files;
    }
  }
  EXPECT_EQ(http_files, minimum_messages.size());
}

Bytes ToBytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

// Hand-made messages in one TCP stream that tshark decodes too: a head split across two
// segments (so tshark reassembles it), bare-LF line endings with an absolute-form target,
// header names in odd case, padded values, an IPv6 literal Host, repeated headers, an unusual
// method, and responses with and without a reason phrase.
TEST(HttpDecoderTshark, AgreesWithTsharkOnHandMadeMessages) {
  if (!testing::HaveProgram("tshark") || !testing::HaveProgram("text2pcap")) {
    GTEST_SKIP() << "tshark or text2pcap not installed";
  }
  const std::vector<Bytes> packets = {
      ToBytes("GET /x?y=1 HTTP/1.1\r\nHost: a"),
      ToBytes("b.example:8080\r\nUser-Agent: t/1\r\n\r\n"),
      ToBytes("POST http://h.example/p HTTP/1.0\nHost: ignored\nContent-Length: 5\n"
              "Content-Type: text/plain\n\nhello"),
      ToBytes("GET /case HTTP/1.1\r\nhOST: Mixed.Example\r\nUSER-AGENT: Agent\r\n"
              "referer: http://r.example/\r\ncontent-TYPE: a/b\r\n\r\n"),
      ToBytes("GET / HTTP/1.1\r\nHost:\t  spaced.example \t\r\nUser-Agent:  two  words \r\n\r\n"),
      ToBytes("GET /v6 HTTP/1.1\r\nHost: [2001:db8::1]:8443\r\n\r\n"),
      ToBytes("GET /dup HTTP/1.1\r\nHost: first.example\r\nHost: second.example\r\n\r\n"),
      ToBytes("PROPFIND /dav/ HTTP/1.1\r\nHost: dav.example\r\nContent-Length: 0\r\n\r\n"),
      ToBytes("HTTP/1.1 301 Moved Permanently\r\nServer: srv/1.0\r\nLocation: http://x.example/\r\n"
              "Content-Length: 0\r\n\r\n"),
      ToBytes("HTTP/1.0 204\r\nServer: terse\r\n\r\n"),
  };
  // tshark keeps trailing spaces and tabs in a value, where RFC 9110 section 5.5 excludes them;
  // and with two Host headers (invalid: RFC 9112 section 3.2) tshark's full URI uses the last
  // while its http.host and we use the first.
  const KnownDifferences known = {{{5, "http.host"}, "spaced.example"},
                                  {{5, "http.user_agent"}, "two  words"},
                                  {{7, "http.request.full_uri"}, "http://first.example/dup"}};
  testing::TempDir dir;
  const Counts counts =
      CheckCapture(WriteTextPcap(dir, "http.pcap", packets, "-T", "1234,80"), known);
  EXPECT_EQ(counts.one_segment, 8u);
  EXPECT_EQ(counts.reassembled, 1u);
  EXPECT_EQ(counts.payloads, packets.size());
}

}  // namespace
}  // namespace seckit::pcap_extract
