// The HTTP status and body handling every built-in provider shares, and the per-provider limits
// read from the config.
#include "provider_base.h"

#include <limits>

#include "seckit/redact.h"

namespace seckit::ioc_enrich {
namespace {

constexpr size_t kMaxApiMessage = 100;

}  // namespace

std::string SafeApiText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (out.size() >= kMaxApiMessage) break;
    const bool printable = c >= 0x20 && c < 0x7f;
    if (printable)
      out.push_back(c);
    else if (!out.empty() && out.back() != ' ')
      out.push_back(' ');
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return Redactor::Global().Redact(out);
}

std::string ApiErrorMessage(std::string_view body) {
  Json parsed;
  std::string why;
  if (!ParseJsonBody(body, parsed, why)) return {};
  const Json* errors = Member(&parsed, "errors");
  const Json* first_error =
      errors && errors->is_array() && !errors->empty() ? &(*errors)[0] : nullptr;
  for (const Json* candidate :
       {Dig(&parsed, {"error", "message"}), Member(first_error, "detail"), Member(&parsed, "error"),
        Member(&parsed, "message"), Member(&parsed, "detail"), Member(&parsed, "query_status")}) {
    if (std::optional<std::string> text = String(candidate); text && !text->empty()) {
      return SafeApiText(*text);
    }
  }
  return {};
}

std::optional<Answer> StatusAnswer(const HttpResponse& response, bool not_found, bool has_key) {
  const long status = response.status;
  if (status == 0) {
    return Answer::Error(response.error.empty() ? "no response" : response.error);
  }
  const std::string http = "HTTP " + std::to_string(status);
  if (status == 401 || status == 403) {
    return Answer::Error(http + (has_key ? ": API key rejected" : ": access denied"));
  }
  if (not_found) return Answer::NotFound();
  if (status >= 200 && status < 300) return std::nullopt;
  std::string why = http;
  if (std::string message = ApiErrorMessage(response.body); !message.empty()) {
    why += ": " + message;
  }
  if ((status == 429 || status == 503) && response.retry_after_seconds) {
    why += " (retry after " + std::to_string(*response.retry_after_seconds) + " s)";
  }
  return Answer::Error(std::move(why));
}

Answer ProviderBase::ParseResponse(const Indicator& indicator, const HttpResponse& response) const {
  if (std::optional<Answer> answer =
          StatusAnswer(response, IsNotFoundStatus(response.status), !api_key().empty())) {
    return std::move(*answer);
  }
  Json body;
  std::string why;
  if (!ParseJsonBody(response.body, body, why)) return Malformed(why);
  try {
    return ParseJson(indicator, body);
  } catch (const std::exception&) {
    // The typed readers check types first, so this is a bug in a reader, not a bad body; still
    // an answer rather than a crash.
    return Malformed("unexpected field type");
  }
}

Answer ProviderBase::FoundOne(Enrichment enrichment) const {
  enrichment.provider = name();
  std::vector<Enrichment> list;
  list.push_back(std::move(enrichment));
  return Answer::Found(std::move(list));
}

std::string ProviderKey(std::string_view name, std::string_view key) {
  std::string out = "providers.";
  out += name;
  out += '.';
  out += key;
  return out;
}

Result<ProviderLimits> ReadLimits(const Config& config, std::string_view name,
                                  ProviderLimits limits) {
  const auto bad = [&](std::string_view key, std::string_view rule) {
    return Status::Config(ProviderKey(name, key) + " must be " + std::string(rule));
  };
  Result<std::optional<double>> rpm = config.GetDouble(ProviderKey(name, "requests_per_minute"));
  if (!rpm.ok()) return rpm.status();
  if (*rpm) {
    if (!(**rpm >= 0)) return bad("requests_per_minute", "a number >= 0 (0: no limit)");
    limits.requests_per_minute = **rpm;
  }
  struct IntKey {
    std::string_view key;
    int64_t min;
  };
  for (const IntKey& k : {IntKey{"daily_quota", 0}, IntKey{"concurrency", 1},
                          IntKey{"cache_ttl", 0}, IntKey{"negative_ttl", 0}}) {
    Result<std::optional<int64_t>> value = config.GetInt(ProviderKey(name, k.key));
    if (!value.ok()) return value.status();
    if (!*value) continue;
    const int64_t v = **value;
    // Seconds beyond ~290 years would overflow TimeNs; concurrency beyond 1000 is a typo.
    const int64_t max =
        k.key == "concurrency" ? 1000 : std::numeric_limits<int64_t>::max() / kNsPerSecond;
    if (v < k.min || v > max) {
      return bad(k.key, "an integer from " + std::to_string(k.min) + " to " + std::to_string(max));
    }
    if (k.key == "daily_quota") limits.daily_quota = v;
    if (k.key == "concurrency") limits.concurrency = static_cast<int>(v);
    if (k.key == "cache_ttl") limits.cache_ttl = v * kNsPerSecond;
    if (k.key == "negative_ttl") limits.negative_ttl = v * kNsPerSecond;
  }
  return limits;
}

}  // namespace seckit::ioc_enrich
