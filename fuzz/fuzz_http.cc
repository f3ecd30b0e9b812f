// Fuzzes the HTTP/1.x head decoder: DecodeHttp on the input as one TCP segment, RequestUrl on the
// requests it finds, and SplitHostPort on the whole input as an authority.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "fuzz_check.h"
#include "http_decoder.h"

namespace seckit::pcap_extract {
namespace {

void CheckSplit(std::string_view authority, std::string_view host, std::optional<uint16_t> port) {
  // The host is a prefix of the authority (a bracketed IPv6 literal, or the text before ":").
  SECKIT_FUZZ_CHECK(host.data() == authority.data() && host.size() <= authority.size());
  // A port means ":digits" followed the host and nothing else did (or "]:" for IPv6).
  if (port) SECKIT_FUZZ_CHECK(host.size() < authority.size() && authority[host.size()] == ':');
}

void CheckRequestUrl(const HttpMessage& request, const uint8_t* data, size_t size) {
  const HttpUrl url = RequestUrl(request);
  SECKIT_FUZZ_CHECK(fuzz::WithinInput(url.domain, data, size));
  SECKIT_FUZZ_CHECK(fuzz::WithinInput(url.path, data, size));
  SECKIT_FUZZ_CHECK(fuzz::WithinInput(url.query, data, size));
  if (!url.full.empty()) {
    // The absolute-form target as sent, or "http://" + Host + origin-form target.
    SECKIT_FUZZ_CHECK(url.full == request.uri ||
                      url.full.size() == 7 + request.host.size() + request.uri.size());
  }
}

}  // namespace
}  // namespace seckit::pcap_extract

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit::pcap_extract;
  using seckit::fuzz::WithinInput;

  if (const std::optional<HttpMessage> m = DecodeHttp(std::span<const uint8_t>(data, size))) {
    for (std::string_view view : {m->method, m->uri, m->reason, m->version, m->host, m->user_agent,
                                  m->referrer, m->content_type, m->server, m->location}) {
      SECKIT_FUZZ_CHECK(WithinInput(view, data, size));
    }
    SECKIT_FUZZ_CHECK(m->version.size() == 3 && m->version.substr(0, 2) == "1.");
    SECKIT_FUZZ_CHECK(m->header_count <= kMaxHttpHeaders);
    SECKIT_FUZZ_CHECK(!m->content_length || *m->content_length < 1'000'000'000'000'000'000u);
    if (m->headers_complete) SECKIT_FUZZ_CHECK(m->head_length > 0 && m->head_length <= size);
    if (m->is_request) {
      SECKIT_FUZZ_CHECK(!m->method.empty() && !m->uri.empty() && m->status_code == 0);
      CheckRequestUrl(*m, data, size);
    } else {
      SECKIT_FUZZ_CHECK(m->status_code >= 100 && m->status_code <= 999);
    }
  }

  const std::string_view authority(reinterpret_cast<const char*>(data), size);
  std::string_view host;
  std::optional<uint16_t> port;
  SplitHostPort(authority, &host, &port);
  CheckSplit(authority, host, port);
  return 0;
}
