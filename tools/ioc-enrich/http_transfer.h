// One attempt at one HTTP request: a libcurl easy handle set up the way every ioc-enrich request
// is (no redirects, http/https only, compressed bodies, bounded size and time), the response it
// collects, and what its outcome means for the engine.
#ifndef SECKIT_IOC_ENRICH_HTTP_TRANSFER_H_
#define SECKIT_IOC_ENRICH_HTTP_TRANSFER_H_

#include <curl/curl.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http_types.h"
#include "seckit/status.h"
#include "seckit/time.h"

namespace seckit::ioc_enrich {

struct TransferSettings {
  TimeNs timeout = 15 * kNsPerSecond;  // whole attempt, connect included
  int64_t max_response_bytes = 16 << 20;
  std::string user_agent;
  std::string ca_file;  // "" = the system's CA store (HttpEngineOptions::ca_file)
};

class HttpTransfer {
 public:
  // Sets up an easy handle for `request`, which must outlive the transfer (libcurl reads its
  // body in place). Fails (without a URL in the message) when the method is not GET or POST or
  // libcurl refuses an option.
  static Result<std::unique_ptr<HttpTransfer>> Create(const HttpRequest& request,
                                                      const TransferSettings& settings);
  ~HttpTransfer();
  HttpTransfer(const HttpTransfer&) = delete;
  HttpTransfer& operator=(const HttpTransfer&) = delete;

  CURL* easy() const { return easy_; }

  // After libcurl reported the transfer done with `code`: what came back.
  struct Outcome {
    long status = 0;  // 0 unless a complete response arrived
    std::string body;
    std::optional<std::string> retry_after;  // the Retry-After header's value
    std::string error;                       // empty when a complete response arrived
    bool retryable = false;                  // the transport failure may go away by itself
  };
  Outcome Finish(CURLcode code);

 private:
  explicit HttpTransfer(const TransferSettings& settings) : settings_(settings) {}
  Status Configure(const HttpRequest& request);
  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  static size_t OnHeader(char* data, size_t size, size_t count, void* self);

  TransferSettings settings_;
  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string body_;
  std::optional<std::string> retry_after_;
  bool too_large_ = false;
};

// "15 s", "1.5 s", "300 ms": a duration for messages.
std::string FormatDuration(TimeNs duration);
// "16 MiB", "512 KiB", "1000 bytes": a size for messages.
std::string FormatSize(int64_t bytes);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_HTTP_TRANSFER_H_
