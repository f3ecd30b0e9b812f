// A request to a threat-intel API and its response, as providers build and parse them and the
// HTTP engine carries them. Requests may hold an API key (in a header or the URL); the engine
// never writes a request or a header into a message, and registers keys with the Redactor.
#ifndef SECKIT_IOC_ENRICH_HTTP_TYPES_H_
#define SECKIT_IOC_ENRICH_HTTP_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace seckit::ioc_enrich {

struct HttpRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // name, value
  std::string body;                                          // for POST
};

struct HttpResponse {
  long status = 0;   // HTTP status; 0 when there was no response (see error)
  std::string body;
  std::string error;  // transport failure (timeout, refused, TLS …); empty when a response came
  std::optional<int64_t> retry_after_seconds;  // from a Retry-After header
  int attempts = 0;   // how many times the engine sent it (retries included)
};

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_HTTP_TYPES_H_
