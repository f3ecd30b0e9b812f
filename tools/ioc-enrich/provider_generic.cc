// A threat-intel API declared in the config, so that a user adds one without code.
//
// [ioc-enrich.providers.NAME]   (NAME: lower-case letters, digits, '-', '_'; not a built-in name)
//   url                 required. Template of the request URL, "http://" or "https://", e.g.
//                       "https://api.example.net/v1/ioc/{type}/{value}".
//   method              "GET" (default) or "POST".
//   body                template of the POST body.
//   headers             list of "Name: value" templates, e.g. ["X-Api-Key: {api_key}"].
//   types               list of indicator types asked about (ipv4-addr, ipv6-addr, cidr,
//                       domain-name, url, email-addr, md5, sha1, sha256); default: all.
//   not_found_status    HTTP status meaning "not found" (default 404; 0: none).
//   found               JSON pointer; when what it designates is missing, null, false, 0, "",
//                       [] or {}, the answer is "not found".
//   verdict             JSON pointer to the verdict: a string ("malicious", "suspicious",
//                       "benign", "unknown", or one listed below; any case) or a boolean (true:
//                       malicious, false: benign).
//   verdict_malicious, verdict_suspicious, verdict_benign
//                       lists of the API's own words for each verdict, e.g. ["bad", "phishing"].
//   score               JSON pointer to a number (or numeric string);
//   score_scale         multiplier giving 0-100 (default 1; 100 for an API scoring 0-1);
//                       the result is rounded and clamped to 0-100.
//   malicious_score, suspicious_score
//                       when the verdict pointer gives none: verdict from the score, malicious at
//                       or above the first (default 75), suspicious at or above the second
//                       (default 25), else unknown.
//   tags                JSON pointer to an array of strings (or of objects with a "name"), or a
//                       string.
//   first_seen, last_seen
//                       JSON pointers to RFC 3339 times, "YYYY-MM-DD[ HH:MM:SS UTC]" or epoch
//                       seconds.
//   reference           JSON pointer to a URL for people; or
//   reference_url       a template for it, e.g. "https://example.net/ioc/{value}".
//   description         JSON pointer to a short text.
//   api_key             the key (or SECKIT_NAME_API_KEY); required when a template uses it.
//   requests_per_minute, daily_quota, concurrency, cache_ttl, negative_ttl: limits, as for
//                       every provider.
// JSON pointers follow RFC 6901 ("/data/attributes/score", "/results/0/tags").
// Placeholders: {value} the indicator, percent-encoded; {value_json} the indicator escaped for
// the inside of a JSON string; {type} its type name as in `types`; {api_key} the key
// (percent-encoded in the URL, as is elsewhere). Any other {word} of a-z and '_' is a config
// error; other braces (a JSON body's) are text.
// --provider-url NAME=URL replaces the scheme and host of `url` (keeping its path).
#include <algorithm>
#include <cctype>

#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

constexpr std::string_view kPlaceholders[] = {"value", "value_json", "type", "api_key"};

struct Spec {
  std::string url, method = "GET", body, reference_url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<IndicatorType> types;  // empty: all
  long not_found_status = 404;
  std::string found, verdict, score, tags, first_seen, last_seen, reference, description;
  std::vector<std::string> malicious_words, suspicious_words, benign_words;
  double score_scale = 1, malicious_score = 75, suspicious_score = 25;
};

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool UsesKey(const std::string& text) { return text.find("{api_key}") != std::string::npos; }

// `text` with every placeholder ("{word}", word made of a-z and '_') replaced, or the first
// unknown placeholder's name in `bad`. Other braces (a JSON body's) are text.
std::string Expand(std::string_view text, const std::vector<std::string>& values,
                   std::string* bad = nullptr) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '{') {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = i + 1;
    while (end < text.size() && ((text[end] >= 'a' && text[end] <= 'z') || text[end] == '_')) {
      ++end;
    }
    if (end == i + 1 || end == text.size() || text[end] != '}') {
      out.push_back(text[i++]);
      continue;
    }
    const std::string_view word = text.substr(i + 1, end - i - 1);
    const auto known = std::find(std::begin(kPlaceholders), std::end(kPlaceholders), word);
    if (known != std::end(kPlaceholders)) {
      out.append(values[static_cast<size_t>(known - std::begin(kPlaceholders))]);
    } else {
      if (bad && bad->empty()) *bad = std::string(word);
      out.append(text.substr(i, end - i + 1));
    }
    i = end + 1;
  }
  return out;
}

bool Emptyish(const Json* v) {
  return v == nullptr || v->is_null() || (v->is_boolean() && !v->get<bool>()) ||
         (v->is_number() && Number(v).value_or(0) == 0) || (v->is_string() && v->empty()) ||
         ((v->is_array() || v->is_object()) && v->empty());
}

class Generic final : public ProviderBase {
 public:
  Generic(ProviderSetup setup, Spec spec)
      : ProviderBase(std::move(setup)), spec_(std::move(spec)) {}

  bool Supports(IndicatorType type) const override {
    return spec_.types.empty() ||
           std::find(spec_.types.begin(), spec_.types.end(), type) != spec_.types.end();
  }

  HttpRequest BuildRequest(const Indicator& indicator) const override {
    const std::string type(IndicatorTypeName(indicator.type));
    const std::string encoded = PercentEncode(indicator.value);
    const std::string json = JsonEscape(indicator.value);
    HttpRequest request;
    request.method = spec_.method;
    request.url = Expand(spec_.url, {encoded, json, type, PercentEncode(api_key())});
    const std::vector<std::string> plain = {encoded, json, type, api_key()};
    request.body = Expand(spec_.body, plain);
    for (const auto& [name, value] : spec_.headers) {
      request.headers.emplace_back(name, Expand(value, plain));
    }
    return request;
  }

 protected:
  bool IsNotFoundStatus(long status) const override {
    return spec_.not_found_status != 0 && status == spec_.not_found_status;
  }

  Answer ParseJson(const Indicator& indicator, const Json& body) const override {
    if (!spec_.found.empty() && Emptyish(AtPointer(body, spec_.found))) return Answer::NotFound();
    Enrichment e;
    if (!spec_.score.empty()) {
      if (std::optional<double> s = Number(AtPointer(body, spec_.score), true)) {
        e.score = ClampScore(*s * spec_.score_scale);
      }
    }
    e.verdict = ReadVerdict(body, e.score);
    if (!spec_.tags.empty()) {
      if (const Json* tags = AtPointer(body, spec_.tags); tags && tags->is_array()) {
        for (const Json& t : *tags) {
          AddTag(e.tags, t.is_string() ? t.get<std::string>() : StringOr(Member(&t, "name")));
        }
      } else {
        AddTag(e.tags, StringOr(tags));
      }
    }
    if (!spec_.first_seen.empty()) e.first_seen = Time(AtPointer(body, spec_.first_seen));
    if (!spec_.last_seen.empty()) e.last_seen = Time(AtPointer(body, spec_.last_seen));
    if (!spec_.reference.empty()) e.reference = StringOr(AtPointer(body, spec_.reference));
    if (e.reference.empty() && !spec_.reference_url.empty()) {
      const std::string value = PercentEncode(indicator.value);
      e.reference = Expand(
          spec_.reference_url,
          {value, JsonEscape(indicator.value), std::string(IndicatorTypeName(indicator.type)), ""});
    }
    if (!spec_.description.empty()) e.description = StringOr(AtPointer(body, spec_.description));
    return FoundOne(std::move(e));
  }

 private:
  Verdict ReadVerdict(const Json& body, std::optional<int> score) const {
    if (!spec_.verdict.empty()) {
      const Json* v = AtPointer(body, spec_.verdict);
      if (std::optional<bool> b = Bool(v)) return *b ? Verdict::kMalicious : Verdict::kBenign;
      const std::string word = Lower(StringOr(v));
      const auto listed = [&](const std::vector<std::string>& words) {
        return std::find(words.begin(), words.end(), word) != words.end();
      };
      if (listed(spec_.malicious_words)) return Verdict::kMalicious;
      if (listed(spec_.suspicious_words)) return Verdict::kSuspicious;
      if (listed(spec_.benign_words)) return Verdict::kBenign;
      if (std::optional<Verdict> parsed = ParseVerdict(word);
          parsed && *parsed != Verdict::kUnknown) {
        return *parsed;
      }
    }
    if (!score) return Verdict::kUnknown;
    if (*score >= spec_.malicious_score) return Verdict::kMalicious;
    if (*score >= spec_.suspicious_score) return Verdict::kSuspicious;
    return Verdict::kUnknown;
  }

  Spec spec_;
};

// Reads the declaration; see the top of this file.
class SpecReader {
 public:
  SpecReader(std::string_view name, const Config& config) : name_(name), config_(config) {}

  Status Read(Spec& spec) {
    SECKIT_RETURN_IF_ERROR(Text("url", spec.url));
    SECKIT_RETURN_IF_ERROR(Text("method", spec.method));
    SECKIT_RETURN_IF_ERROR(Text("body", spec.body));
    SECKIT_RETURN_IF_ERROR(Text("reference_url", spec.reference_url));
    const std::pair<std::string_view, std::string*> pointers[] = {
        {"found", &spec.found},           {"verdict", &spec.verdict},
        {"score", &spec.score},           {"tags", &spec.tags},
        {"first_seen", &spec.first_seen}, {"last_seen", &spec.last_seen},
        {"reference", &spec.reference},   {"description", &spec.description}};
    for (const auto& [key, field] : pointers) {
      SECKIT_RETURN_IF_ERROR(Text(key, *field));
      if (!ValidPointer(*field))
        return Bad(key, "must be a JSON pointer (RFC 6901), e.g. \"/data/score\"");
    }
    const std::pair<std::string_view, std::vector<std::string>*> word_lists[] = {
        {"verdict_malicious", &spec.malicious_words},
        {"verdict_suspicious", &spec.suspicious_words},
        {"verdict_benign", &spec.benign_words}};
    for (const auto& [key, field] : word_lists) {
      SECKIT_RETURN_IF_ERROR(List(key, *field));
      for (std::string& word : *field) word = Lower(word);
    }
    const std::pair<std::string_view, double*> numbers[] = {
        {"score_scale", &spec.score_scale},
        {"malicious_score", &spec.malicious_score},
        {"suspicious_score", &spec.suspicious_score}};
    for (const auto& [key, field] : numbers) {
      Result<std::optional<double>> v = config_.GetDouble(ProviderKey(name_, key));
      if (!v.ok()) return v.status();
      if (*v) *field = **v;
    }
    Result<std::optional<int64_t>> status = config_.GetInt(ProviderKey(name_, "not_found_status"));
    if (!status.ok()) return status.status();
    if (*status) {
      if (**status != 0 && (**status < 400 || **status > 599)) {
        return Bad("not_found_status", "must be 0 (none) or an HTTP status from 400 to 599");
      }
      spec.not_found_status = static_cast<long>(**status);
    }
    SECKIT_RETURN_IF_ERROR(ReadHeaders(spec));
    SECKIT_RETURN_IF_ERROR(ReadTypes(spec));
    return Check(spec);
  }

 private:
  Status Bad(std::string_view key, std::string_view why) const {
    return Status::Config(ProviderKey(name_, key) + " " + std::string(why));
  }

  Status Text(std::string_view key, std::string& out) const {
    Result<std::optional<std::string>> v = config_.GetString(ProviderKey(name_, key));
    if (!v.ok()) return v.status();
    if (*v) out = **v;
    return Status::Ok();
  }

  Status List(std::string_view key, std::vector<std::string>& out) const {
    Result<std::optional<std::vector<std::string>>> v =
        config_.GetStringList(ProviderKey(name_, key));
    if (!v.ok()) return v.status();
    if (*v) out = **v;
    return Status::Ok();
  }

  Status ReadHeaders(Spec& spec) const {
    std::vector<std::string> lines;
    SECKIT_RETURN_IF_ERROR(List("headers", lines));
    for (const std::string& line : lines) {
      const size_t colon = line.find(':');
      std::string name = line.substr(0, colon);
      const bool token = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
      });
      if (colon == std::string::npos || !token) {
        return Bad("headers", "entries must look like \"Name: value\"");
      }
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(" \t"));
      spec.headers.emplace_back(std::move(name), std::move(value));
    }
    return Status::Ok();
  }

  Status ReadTypes(Spec& spec) const {
    std::vector<std::string> names;
    SECKIT_RETURN_IF_ERROR(List("types", names));
    for (const std::string& type_name : names) {
      std::optional<IndicatorType> type = ParseIndicatorType(type_name);
      if (!type) {
        return Bad("types",
                   "lists an unknown type (known: ipv4-addr, ipv6-addr, cidr, "
                   "domain-name, url, email-addr, md5, sha1, sha256)");
      }
      spec.types.push_back(*type);
    }
    return Status::Ok();
  }

  Status Check(const Spec& spec) const {
    if (spec.url.empty()) {
      return Status::Usage("unknown provider " + std::string(name_) +
                           " (declare it with url = \"...\" in [ioc-enrich.providers." +
                           std::string(name_) + "], or use a built-in one)");
    }
    if (!spec.url.starts_with("http://") && !spec.url.starts_with("https://")) {
      return Bad("url", "must start with http:// or https://");
    }
    if (spec.method != "GET" && spec.method != "POST") return Bad("method", "must be GET or POST");
    std::string bad;
    Expand(spec.url, {"", "", "", ""}, &bad);
    Expand(spec.body, {"", "", "", ""}, &bad);
    Expand(spec.reference_url, {"", "", "", ""}, &bad);
    for (const auto& header : spec.headers) Expand(header.second, {"", "", "", ""}, &bad);
    if (!bad.empty()) {
      return Status::Config("provider " + std::string(name_) + ": unknown placeholder {" + bad +
                            "} (known: {value}, {value_json}, {type}, {api_key})");
    }
    return Status::Ok();
  }

  std::string_view name_;
  const Config& config_;
};

// `url` with its scheme and host replaced by `base` (which may carry a path prefix).
std::string Rebase(const std::string& url, std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  const size_t host = url.find("://") + 3;
  const size_t path = url.find_first_of("/?", host);
  return base + (path == std::string::npos ? "" : url.substr(path));
}

}  // namespace

Result<std::unique_ptr<Provider>> MakeGenericProvider(std::string_view name,
                                                      const std::string& base_url,
                                                      const Config& config,
                                                      const ProviderLimits& limits) {
  Spec spec;
  SECKIT_RETURN_IF_ERROR(SpecReader(name, config).Read(spec));
  if (!base_url.empty()) spec.url = Rebase(spec.url, base_url);
  ProviderSetup setup;
  setup.name = std::string(name);
  setup.limits = limits;
  setup.key_required = UsesKey(spec.url) || UsesKey(spec.body) ||
                       std::any_of(spec.headers.begin(), spec.headers.end(),
                                   [](const auto& h) { return UsesKey(h.second); });
  if (setup.key_required) {
    Result<std::optional<std::string>> key = config.GetSecret(name);
    if (!key.ok()) return key.status();
    if (!*key || (*key)->empty()) {
      return Status::Config("provider " + setup.name + " needs an API key: set " +
                            Config::EnvironmentName(setup.name + ".api_key") +
                            " or api_key in [ioc-enrich.providers." + setup.name + "]");
    }
    setup.api_key = **key;
  }
  return std::unique_ptr<Provider>(std::make_unique<Generic>(std::move(setup), std::move(spec)));
}

}  // namespace seckit::ioc_enrich
