// Redactor: keeps secrets (API keys, tokens, passwords) out of everything seckit prints or stores.
//
// Contract:
// - One process-wide registry, Redactor::Global(). Config registers every secret it sees while
//   loading (secret-named keys in the file, SECKIT_*_API_KEY/_TOKEN/_SECRET/_PASSWORD variables)
//   and every secret a tool obtains through it; HTTP tracing, error messages and cache writers pass
//   their text through Redact() before it leaves the process.
// - Redact() replaces every occurrence of every registered secret with "[REDACTED]". Overlapping
//   or adjacent occurrences collapse into one marker. Each secret is also registered in its
//   percent-encoded form, since that is how it appears in a URL.
// - Secrets shorter than kMinSecretLength bytes are NOT registered: replacing "abc" everywhere
// would
//   mangle ordinary text while protecting nothing worth protecting; a real API key is far longer.
// - RedactUrl() additionally masks, without knowing the secret, the password in a URL's userinfo
//   (scheme://user:PASSWORD@host) and the values of query parameters whose names look like
//   credentials (see IsSensitiveParameterName), then applies Redact().
// - Thread-safe: registration and redaction may happen concurrently from any thread.
#ifndef SECKIT_REDACT_H_
#define SECKIT_REDACT_H_

#include <cstddef>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace seckit {

inline constexpr std::string_view kRedactedMarker = "[REDACTED]";

class Redactor {
 public:
  static constexpr size_t kMinSecretLength = 4;

  Redactor() = default;
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;

  // The registry shared by the whole process.
  static Redactor& Global();

  // Registers `secret` (and its percent-encoded form). Ignores secrets shorter than
  // kMinSecretLength and ones already registered.
  void Add(std::string_view secret);

  // Registers the value of every SECKIT_* environment variable whose name IsSecretKeyName
  // (SECKIT_VIRUSTOTAL_API_KEY, SECKIT_GITHUB_TOKEN, ...). Config::Load calls it.
  void AddFromEnvironment();

  // `text` with every registered secret replaced by kRedactedMarker.
  std::string Redact(std::string_view text) const;

  // `url` with userinfo passwords and credential-like query values masked, then Redact()ed.
  std::string RedactUrl(std::string_view url) const;

  // How many distinct strings are registered (each secret may count twice: raw and encoded).
  size_t size() const;

  // Forgets every secret; for tests only.
  void ClearForTesting();

 private:
  void AddLocked(std::string secret);

  mutable std::shared_mutex mutex_;
  std::vector<std::string> secrets_;
};

// True when a config key (or environment variable) with this name holds a secret. The name is
// lowercased with '-' turned into '_'; it is secret when it is api_key, apikey, token, password,
// passwd or secret, or ends in _api_key, _apikey, _token, _password or _secret ("github_token",
// "client-secret", "SECKIT_SHODAN_API_KEY").
bool IsSecretKeyName(std::string_view name);

// True for query parameter names that carry credentials. The name is lowercased and split into
// words on '_', '-' and '.'; it is sensitive when any word is one of key, apikey, token, auth,
// authorization, password, passwd, pwd, secret, signature, sig, credential, credentials, or ends
// in token, apikey, secret or password ("accessToken", "x-apikey", "client_secret").
bool IsSensitiveParameterName(std::string_view name);

// Shorthands for the global registry.
inline void RegisterSecret(std::string_view secret) { Redactor::Global().Add(secret); }
inline std::string Redact(std::string_view text) { return Redactor::Global().Redact(text); }
inline std::string RedactUrl(std::string_view url) { return Redactor::Global().RedactUrl(url); }

}  // namespace seckit

#endif  // SECKIT_REDACT_H_
