// The libcurl easy-handle side of the HTTP engine: options, body and header callbacks, and the
// translation of libcurl's result into words that never include the URL (it may hold a key).
#include "http_transfer.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>
#include <string_view>

namespace seckit::ioc_enrich {
namespace {

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// Failures that repeating the same request will not cure.
bool IsPermanent(CURLcode code) {
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_NOT_BUILT_IN:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CIPHER:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_WRITE_ERROR:
    case CURLE_OUT_OF_MEMORY:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_TOO_MANY_REDIRECTS:
    case CURLE_LOGIN_DENIED:
    case CURLE_BAD_CONTENT_ENCODING:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string FormatDuration(TimeNs duration) {
  char text[48];
  if (duration % kNsPerSecond == 0) {
    (void)std::snprintf(text, sizeof text, "%lld s",
                        static_cast<long long>(duration / kNsPerSecond));
  } else if (duration >= kNsPerSecond) {
    (void)std::snprintf(text, sizeof text, "%.1f s",
                        static_cast<double>(duration) / static_cast<double>(kNsPerSecond));
  } else {
    (void)std::snprintf(text, sizeof text, "%lld ms",
                        static_cast<long long>(duration / kNsPerMillisecond));
  }
  return text;
}

std::string FormatSize(int64_t bytes) {
  constexpr int64_t kKiB = 1024, kMiB = kKiB * 1024;
  if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  if (bytes >= kKiB && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + " KiB";
  return std::to_string(bytes) + " bytes";
}

Result<std::unique_ptr<HttpTransfer>> HttpTransfer::Create(const HttpRequest& request,
                                                           const TransferSettings& settings) {
  std::unique_ptr<HttpTransfer> transfer(new HttpTransfer(settings));
  transfer->easy_ = curl_easy_init();
  if (transfer->easy_ == nullptr) return Status::Internal("cannot start an HTTP transfer");
  SECKIT_RETURN_IF_ERROR(transfer->Configure(request));
  return transfer;
}

HttpTransfer::~HttpTransfer() {
  if (easy_ != nullptr) curl_easy_cleanup(easy_);
  curl_slist_free_all(headers_);
}

Status HttpTransfer::Configure(const HttpRequest& request) {
  if (request.method != "GET" && request.method != "POST") {
    return Status::Internal("unsupported HTTP method " + request.method);
  }
  for (const auto& [name, value] : request.headers) {
    // "Name;" is curl's way to send a header with an empty value.
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    curl_slist* grown = curl_slist_append(headers_, line.c_str());
    if (grown == nullptr) return Status::Internal("out of memory building HTTP headers");
    headers_ = grown;
  }
  if (request.method == "POST") {
    // Without this, curl waits for "100 Continue" before sending larger bodies.
    curl_slist* grown = curl_slist_append(headers_, "Expect:");
    if (grown == nullptr) return Status::Internal("out of memory building HTTP headers");
    headers_ = grown;
  }
  const long timeout_ms =
      static_cast<long>(std::max<TimeNs>(1, settings_.timeout / kNsPerMillisecond));
  CURLcode rc = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (rc == CURLE_OK) rc = curl_easy_setopt(easy_, option, value);
  };
  set(CURLOPT_URL, request.url.c_str());
  set(CURLOPT_PRIVATE, static_cast<void*>(this));
  set(CURLOPT_NOSIGNAL, 1L);
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  // Over HTTPS, wait for a connection being set up rather than open another, in case it turns
  // out to speak HTTP/2 and can carry this request too: one connection per API, not fifty.
  // Not over cleartext HTTP, which stays HTTP/1.1 here: there libcurl kept every request
  // waiting for the one connection, so fifty concurrent requests went one at a time.
  if (request.url.starts_with("https://")) set(CURLOPT_PIPEWAIT, 1L);
  set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  set(CURLOPT_TIMEOUT_MS, timeout_ms);
  set(CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(settings_.max_response_bytes));
  set(CURLOPT_USERAGENT, settings_.user_agent.c_str());
  set(CURLOPT_HTTPHEADER, headers_);
  if (!settings_.ca_file.empty()) {
    set(CURLOPT_CAINFO, settings_.ca_file.c_str());
    set(CURLOPT_CAPATH, static_cast<const char*>(nullptr));  // the file alone, not the system's
  }
  set(CURLOPT_WRITEFUNCTION, &HttpTransfer::OnBody);
  set(CURLOPT_WRITEDATA, static_cast<void*>(this));
  set(CURLOPT_HEADERFUNCTION, &HttpTransfer::OnHeader);
  set(CURLOPT_HEADERDATA, static_cast<void*>(this));
  if (request.method == "POST") {
    set(CURLOPT_POST, 1L);
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    set(CURLOPT_POSTFIELDS, request.body.c_str());
  }
  if (rc != CURLE_OK) {
    return Status::Internal(std::string("cannot set up an HTTP transfer: ") +
                            curl_easy_strerror(rc));
  }
  return Status::Ok();
}

// libcurl callbacks: no exception may cross back into C, so a failed allocation aborts the
// transfer instead.
size_t HttpTransfer::OnBody(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<HttpTransfer*>(self);
  const size_t n = size * count;
  const auto limit = static_cast<size_t>(transfer->settings_.max_response_bytes);
  if (transfer->body_.size() > limit || n > limit - transfer->body_.size()) {
    transfer->too_large_ = true;
    return 0;
  }
  try {
    transfer->body_.append(data, n);
  } catch (const std::bad_alloc&) {
    return 0;
  }
  return n;
}

size_t HttpTransfer::OnHeader(char* data, size_t size, size_t count, void* self) {
  auto* transfer = static_cast<HttpTransfer*>(self);
  const size_t n = size * count;
  std::string_view line(data, n);
  if (StartsWithNoCase(line, "http/")) {
    transfer->retry_after_.reset();  // a new response (after "100 Continue" and the like)
  } else if (StartsWithNoCase(line, "retry-after:")) {
    line.remove_prefix(std::string_view("retry-after:").size());
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
    try {
      transfer->retry_after_ = std::string(line);
    } catch (const std::bad_alloc&) {
      return 0;
    }
  }
  return n;
}

HttpTransfer::Outcome HttpTransfer::Finish(CURLcode code) {
  Outcome outcome;
  if (code == CURLE_OK) {
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &outcome.status);
    outcome.body = std::move(body_);
    outcome.retry_after = std::move(retry_after_);
    return outcome;
  }
  if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
    outcome.error = "response larger than " + FormatSize(settings_.max_response_bytes);
    return outcome;
  }
  outcome.retryable = !IsPermanent(code);
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      outcome.error = "timed out after " + FormatDuration(settings_.timeout);
      break;
    case CURLE_PARTIAL_FILE:
      outcome.error = "connection closed before the whole response arrived";
      break;
    case CURLE_GOT_NOTHING:
      outcome.error = "connection closed without a response";
      break;
    case CURLE_COULDNT_CONNECT:
      outcome.error = "cannot connect to the server";
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      outcome.error = "cannot resolve the server's name";
      break;
    default:
      // libcurl's fixed text for the code; unlike its error buffer it never names the URL.
      outcome.error = std::string("transfer failed: ") + curl_easy_strerror(code);
      break;
  }
  return outcome;
}

}  // namespace seckit::ioc_enrich
