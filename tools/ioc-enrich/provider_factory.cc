// MakeProvider: the built-in providers by name with their documented endpoints and free-tier
// limits, and generic providers declared in the config.
//
// Default limits (each overridable in [ioc-enrich.providers.NAME]):
//   virustotal     4/min, 500/day, 4 at once   the public API's quota
//   abuseipdb     60/min, 1000/day             the free plan's 1,000 checks a day
//   otx           60/min                       no published quota; stay modest
//   greynoise     10/min, 50/day, 2 at once    the community API's small quota; negatives
//                                              kept a day, as answers are scarce
//   urlhaus, threatfox, malwarebazaar  60/min  abuse.ch's fair use; no published quota
//   internetdb    60/min, answers kept 7 days  Shodan refreshes InternetDB weekly
//   misp          no limit, 8 at once, answers kept 1 hour (a local, fast-changing instance)
//   generic       60/min, 4 at once            unknown APIs are asked politely
// Unless said otherwise: 4 requests at once, found answers kept 24 hours and "not found" 6 hours.
// Keys: config.GetSecret(NAME); the abuse.ch providers also accept the shared "abusech" key
// (SECKIT_ABUSECH_API_KEY), since abuse.ch issues one key for all three.
#include <algorithm>

#include "provider_base.h"

namespace seckit::ioc_enrich {
namespace {

enum class KeyUse { kRequired, kOptional, kNone };

// NOLINTNEXTLINE(clang-analyzer-optin.performance.Padding): nine constant rows, in column order
struct Builtin {
  std::string_view name;
  std::string_view default_base;  // "" when the user must give one (MISP)
  KeyUse key;
  double per_minute;
  int64_t per_day;
  int concurrency;
  int64_t cache_hours, negative_hours;
};

constexpr Builtin kBuiltins[] = {
    {"virustotal", "https://www.virustotal.com", KeyUse::kRequired, 4, 500, 4, 24, 6},
    {"abuseipdb", "https://api.abuseipdb.com", KeyUse::kRequired, 60, 1000, 4, 24, 6},
    {"otx", "https://otx.alienvault.com", KeyUse::kRequired, 60, 0, 4, 24, 6},
    {"greynoise", "https://api.greynoise.io", KeyUse::kOptional, 10, 50, 2, 24, 24},
    {"urlhaus", "https://urlhaus-api.abuse.ch", KeyUse::kRequired, 60, 0, 4, 24, 6},
    {"threatfox", "https://threatfox-api.abuse.ch", KeyUse::kRequired, 60, 0, 4, 24, 6},
    {"malwarebazaar", "https://mb-api.abuse.ch", KeyUse::kRequired, 60, 0, 4, 24, 6},
    {"internetdb", "https://internetdb.shodan.io", KeyUse::kNone, 60, 0, 4, 7 * int64_t{24}, 24},
    {"misp", "", KeyUse::kRequired, 0, 0, 8, 1, 1},
};

const Builtin* FindBuiltin(std::string_view name) {
  for (const Builtin& b : kBuiltins) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

bool IsAbuseCh(std::string_view name) {
  return name == "urlhaus" || name == "threatfox" || name == "malwarebazaar";
}

bool ValidName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// The base URL to use: the argument, else base_url in the config, else the default.
Result<std::string> ResolveBase(const Builtin& b, const std::string& given, const Config& config) {
  std::string base = given;
  if (base.empty()) {
    Result<std::optional<std::string>> configured =
        config.GetString(ProviderKey(b.name, "base_url"));
    if (!configured.ok()) return configured.status();
    base = configured->value_or(std::string(b.default_base));
  }
  if (base.empty()) {
    return Status::Config(std::string(b.name) + " needs the URL of the instance: --provider-url " +
                          std::string(b.name) + "=URL or base_url in [ioc-enrich.providers." +
                          std::string(b.name) + "]");
  }
  if (!base.starts_with("http://") && !base.starts_with("https://")) {
    return Status::Usage("the URL of provider " + std::string(b.name) +
                         " must start with http:// or https://");
  }
  while (base.back() == '/') base.pop_back();
  return base;
}

Result<std::string> ResolveKey(const Builtin& b, const Config& config) {
  if (b.key == KeyUse::kNone) return std::string();
  Result<std::optional<std::string>> key = config.GetSecret(b.name);
  if (!key.ok()) return key.status();
  if ((!*key || (*key)->empty()) && IsAbuseCh(b.name)) {
    key = config.GetSecret("abusech");
    if (!key.ok()) return key.status();
  }
  if (*key && !(*key)->empty()) return **key;
  if (b.key == KeyUse::kOptional) return std::string();
  const std::string name(b.name);
  std::string where = Config::EnvironmentName(name + ".api_key");
  if (IsAbuseCh(b.name)) where += " (or SECKIT_ABUSECH_API_KEY)";
  return Status::Config(name + " needs an API key: set " + where +
                        " or api_key in [ioc-enrich.providers." + name + "]");
}

Result<std::unique_ptr<Provider>> MakeBuiltin(const Builtin& b, ProviderSetup setup,
                                              const Config& config) {
  const std::string_view name = b.name;
  if (name == "virustotal") return MakeVirusTotal(std::move(setup));
  if (name == "abuseipdb") {
    Result<std::optional<int64_t>> days = config.GetInt(ProviderKey(name, "max_age_days"));
    if (!days.ok()) return days.status();
    const int64_t max_age = days->value_or(90);
    if (max_age < 1 || max_age > 365) {
      return Status::Config("providers.abuseipdb.max_age_days must be from 1 to 365");
    }
    return MakeAbuseIpdb(std::move(setup), static_cast<int>(max_age));
  }
  if (name == "otx") return MakeOtx(std::move(setup));
  if (name == "greynoise") return MakeGreyNoise(std::move(setup));
  if (name == "urlhaus") return MakeUrlhaus(std::move(setup));
  if (name == "threatfox") return MakeThreatFox(std::move(setup));
  if (name == "malwarebazaar") return MakeMalwareBazaar(std::move(setup));
  if (name == "internetdb") return MakeInternetDb(std::move(setup));
  return MakeMisp(std::move(setup));
}

}  // namespace

Result<std::unique_ptr<Provider>> MakeProvider(std::string_view name, const std::string& base_url,
                                               const Config& config) {
  if (!ValidName(name)) {
    return Status::Usage("bad provider name \"" + std::string(name) +
                         "\" (lower-case letters, digits, '-' and '_')");
  }
  const Builtin* builtin = FindBuiltin(name);
  if (builtin == nullptr) {
    ProviderLimits defaults;
    defaults.requests_per_minute = 60;
    defaults.concurrency = 4;
    Result<ProviderLimits> limits = ReadLimits(config, name, defaults);
    if (!limits.ok()) return limits.status();
    return MakeGenericProvider(name, base_url, config, *limits);
  }
  ProviderLimits defaults;
  defaults.requests_per_minute = builtin->per_minute;
  defaults.daily_quota = builtin->per_day;
  defaults.concurrency = builtin->concurrency;
  defaults.cache_ttl = builtin->cache_hours * 3600 * kNsPerSecond;
  defaults.negative_ttl = builtin->negative_hours * 3600 * kNsPerSecond;
  Result<ProviderLimits> limits = ReadLimits(config, name, defaults);
  if (!limits.ok()) return limits.status();
  Result<std::string> base = ResolveBase(*builtin, base_url, config);
  if (!base.ok()) return base.status();
  Result<std::string> key = ResolveKey(*builtin, config);
  if (!key.ok()) return key.status();

  ProviderSetup setup;
  setup.name = std::string(name);
  setup.base_url = std::move(*base);
  setup.api_key = std::move(*key);
  setup.limits = *limits;
  setup.key_required = builtin->key == KeyUse::kRequired;
  return MakeBuiltin(*builtin, std::move(setup), config);
}

const std::vector<std::string>& BuiltinProviderNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Builtin& b : kBuiltins) out.emplace_back(b.name);
    return out;
  }();
  return names;
}

}  // namespace seckit::ioc_enrich
