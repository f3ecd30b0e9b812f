// HTTP/1.x request and response heads decoded from one TCP segment's payload, into the values
// pcap-extract writes as ECS http.*, url.* and user_agent.* fields.
#ifndef SECKIT_PCAP_EXTRACT_HTTP_DECODER_H_
#define SECKIT_PCAP_EXTRACT_HTTP_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace seckit::pcap_extract {

// The start line and selected headers of one HTTP/1.x message. Every string_view points into
// the payload given to DecodeHttp, so it is valid only as long as that buffer is; bytes are as
// sent (invalid UTF-8 is left for the JSON writer to replace). An empty view means the header
// was absent or empty; both are "unknown" in the record.
struct HttpMessage {
  bool is_request = false;

  // Request line: method (any token, case kept) and request-target exactly as sent.
  std::string_view method;
  std::string_view uri;
  // Status line: the 3-digit code (100-999) and the reason phrase (may be empty).
  int status_code = 0;
  std::string_view reason;
  // "1.0" or "1.1" (ECS http.version): the digits after "HTTP/".
  std::string_view version;

  // Header values, trimmed of surrounding spaces and tabs; the first occurrence wins. Header
  // names match case-insensitively.
  std::string_view host;          // request
  std::string_view user_agent;    // request
  std::string_view referrer;      // request ("Referer")
  std::string_view content_type;  // both
  std::string_view server;        // response
  std::string_view location;      // response
  // Content-Length when present and a plain decimal number (at most 18 digits).
  std::optional<uint64_t> content_length;

  // True when the empty line ending the header block was found in this payload. False when the
  // segment ends inside the header block, or after kMaxHttpHeaders header lines; the headers
  // before that point are decoded, but a last line without its line ending is ignored, since it
  // may be cut short ("Content-Length: 12" of "Content-Length: 1234").
  bool headers_complete = false;
  uint32_t header_count = 0;  // header lines seen (folded continuation lines not counted)
  // When headers_complete: the length of the head (start line, headers and the empty line),
  // i.e. where the body starts in the payload.
  size_t head_length = 0;
};

// Header lines examined per message; beyond this the rest is treated as cut off.
constexpr uint32_t kMaxHttpHeaders = 256;

// Decodes the HTTP/1.x message head at the start of `payload` (one TCP segment; no stream
// reassembly, so a head that starts in an earlier segment, or whose start line is split across
// segments, is not found). Returns nullopt unless the payload starts (after optional empty
// lines) with a complete, well-formed start line:
//   request:  TOKEN SP request-target SP "HTTP/1." DIGIT, with a method of at most 32 token
//             characters and a target of visible bytes (0x21-0x7e and 0x80-0xff);
//   response: "HTTP/1." DIGIT SP 3DIGIT [SP reason], the reason free of control characters
//             other than tab.
// HTTP/0.9 requests ("GET /") and HTTP/2 are not accepted: requiring "HTTP/1.x" keeps arbitrary
// data that happens to start with a word from being taken for HTTP. Lines may end in CRLF or a
// bare LF. Header lines without a colon or with a name that is not a token ("Host :") are
// skipped; folded continuation lines (obsolete, starting with a space or tab) are ignored, so a
// folded value keeps only its first line. Never reads outside `payload`; linear time; no
// allocation.
std::optional<HttpMessage> DecodeHttp(std::span<const uint8_t> payload);

// Splits an authority ("example.com", "example.com:8080", "[2001:db8::1]:443", "10.0.0.1:80")
// into the host and the port. An IPv6 literal is the host with its brackets, as ECS url.domain
// asks, whatever follows it. Otherwise the host is the text before the one colon; with no colon,
// several (a bare IPv6 address), or a port that is not decimal 0-65535, the host is the whole
// text. The port is set only when ":" and a valid decimal port follow the host; a trailing ":"
// with no digits is dropped.
void SplitHostPort(std::string_view authority, std::string_view* host,
                   std::optional<uint16_t>* port);

// ECS url.* for a request.
struct HttpUrl {
  std::string full;              // url.full; empty when unknown (see RequestUrl)
  std::string_view domain;       // url.domain
  std::optional<uint16_t> port;  // url.port, only when given explicitly
  std::string_view path;         // url.path
  std::string_view query;        // url.query, without the "?"; empty when none
};

// The URL a request asks for. The request-target decides:
//   origin form "/p?q":        full = "http://" + Host + target when Host is known (the payload
//                              is plain TCP, so the scheme is http); domain and port from Host;
//   absolute form "http://h/p": full = the target as sent; domain, port, path, query from it
//                              (RFC 9112 section 3.2.2: the target wins over Host);
//   authority form (CONNECT):  domain and port from the target; no full URL, path or query;
//   asterisk form "*":         domain and port from Host; no full URL, path or query.
// `request` must be a request from DecodeHttp; the views point into the same payload.
HttpUrl RequestUrl(const HttpMessage& request);

}  // namespace seckit::pcap_extract

#endif  // SECKIT_PCAP_EXTRACT_HTTP_DECODER_H_
