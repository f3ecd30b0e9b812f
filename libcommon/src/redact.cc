// The process-wide secret registry and the text/URL redaction built on it.
#include "seckit/redact.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <string>
#include <vector>

#include "seckit/text.h"

extern char** environ;

namespace seckit {
namespace {

char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

// RFC 3986 percent-encoding of everything but unreserved characters: how a secret with '+', '/'
// or '=' (base64 keys) shows up in a query string.
std::string PercentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
  return out;
}

// Decodes %XX escapes (and nothing else) so "api%5Fkey" is recognised as "api_key".
std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int hi = HexDigitValue(text[i + 1]);
      const int lo = HexDigitValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool IsSensitiveWord(std::string_view word) {
  static constexpr std::array<std::string_view, 13> kWords = {
      "key", "apikey", "token",     "auth", "authorization", "password",   "passwd",
      "pwd", "secret", "signature", "sig",  "credential",    "credentials"};
  static constexpr std::array<std::string_view, 4> kSuffixes = {"token", "apikey", "secret",
                                                                "password"};
  if (std::find(kWords.begin(), kWords.end(), word) != kWords.end()) return true;
  return std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [word](std::string_view suffix) { return EndsWith(word, suffix); });
}

// Masks the password of "scheme://user:password@host"; `url` is modified in place.
void MaskUserinfo(std::string& url, size_t authority_begin) {
  const size_t authority_end = url.find_first_of("/?#", authority_begin);
  const std::string_view authority = std::string_view(url).substr(
      authority_begin,
      authority_end == std::string::npos ? std::string::npos : authority_end - authority_begin);
  const size_t at = authority.rfind('@');
  if (at == std::string_view::npos) return;
  const size_t colon = authority.substr(0, at).find(':');
  if (colon == std::string_view::npos) return;
  url.replace(authority_begin + colon + 1, at - colon - 1, kRedactedMarker);
}

// Masks the values of credential-like parameters in the query that starts after `question`.
std::string MaskQuery(std::string_view url, size_t question) {
  const size_t fragment = url.find('#', question);
  const size_t query_end = fragment == std::string_view::npos ? url.size() : fragment;
  std::string out(url.substr(0, question + 1));
  size_t pos = question + 1;
  while (pos <= query_end) {
    size_t amp = url.find('&', pos);
    if (amp == std::string_view::npos || amp > query_end) amp = query_end;
    const std::string_view param = url.substr(pos, amp - pos);
    const size_t eq = param.find('=');
    if (eq != std::string_view::npos &&
        IsSensitiveParameterName(PercentDecode(param.substr(0, eq)))) {
      out.append(param.substr(0, eq + 1)).append(kRedactedMarker);
    } else {
      out.append(param);
    }
    if (amp < query_end) out.push_back('&');
    pos = amp + 1;
  }
  out.append(url.substr(query_end));
  return out;
}

}  // namespace

bool IsSecretKeyName(std::string_view name) {
  std::string normalized(name);
  for (char& c : normalized) c = c == '-' ? '_' : ToLowerAscii(c);
  static constexpr std::array<std::string_view, 6> kNames = {"api_key",  "apikey", "token",
                                                             "password", "passwd", "secret"};
  static constexpr std::array<std::string_view, 5> kSuffixes = {"_api_key", "_apikey", "_token",
                                                                "_password", "_secret"};
  return std::find(kNames.begin(), kNames.end(), normalized) != kNames.end() ||
         std::any_of(kSuffixes.begin(), kSuffixes.end(),
                     [&](std::string_view suffix) { return EndsWith(normalized, suffix); });
}

bool IsSensitiveParameterName(std::string_view name) {
  std::string lowered(name);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ToLowerAscii);
  size_t begin = 0;
  while (begin <= lowered.size()) {
    size_t end = lowered.find_first_of("_-.", begin);
    if (end == std::string::npos) end = lowered.size();
    if (end > begin && IsSensitiveWord(std::string_view(lowered).substr(begin, end - begin))) {
      return true;
    }
    begin = end + 1;
  }
  return false;
}

Redactor& Redactor::Global() {
  // Never destroyed: redaction may still run from other threads or atexit handlers at shutdown.
  static Redactor* const global = new Redactor();
  return *global;
}

void Redactor::Add(std::string_view secret) {
  if (secret.size() < kMinSecretLength) return;
  std::unique_lock lock(mutex_);
  AddLocked(std::string(secret));
  AddLocked(PercentEncode(secret));
}

void Redactor::AddLocked(std::string secret) {
  if (std::find(secrets_.begin(), secrets_.end(), secret) != secrets_.end()) return;
  secrets_.push_back(std::move(secret));
}

void Redactor::AddFromEnvironment() {
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const size_t eq = text.find('=');
    if (eq == std::string_view::npos || text.substr(0, 7) != "SECKIT_") continue;
    if (IsSecretKeyName(text.substr(0, eq))) Add(text.substr(eq + 1));
  }
}

size_t Redactor::size() const {
  std::shared_lock lock(mutex_);
  return secrets_.size();
}

void Redactor::ClearForTesting() {
  std::unique_lock lock(mutex_);
  secrets_.clear();
}

std::string Redactor::Redact(std::string_view text) const {
  std::shared_lock lock(mutex_);
  if (secrets_.empty() || text.empty()) return std::string(text);
  // Mark every byte any secret covers, then emit one marker per covered run: this handles
  // overlapping secrets ("abcd" and "cdef" in "abcdef") without caring about their order.
  std::vector<bool> covered(text.size(), false);
  bool any = false;
  for (const std::string& secret : secrets_) {
    for (size_t pos = text.find(secret); pos != std::string_view::npos;
         pos = text.find(secret, pos + 1)) {
      std::fill(covered.begin() + static_cast<std::ptrdiff_t>(pos),
                covered.begin() + static_cast<std::ptrdiff_t>(pos + secret.size()), true);
      any = true;
    }
  }
  if (!any) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (!covered[i]) {
      out.push_back(text[i]);
    } else if (i == 0 || !covered[i - 1]) {
      out.append(kRedactedMarker);
    }
  }
  return out;
}

std::string Redactor::RedactUrl(std::string_view url) const {
  std::string masked(url);
  const size_t scheme_end = masked.find("://");
  const size_t first_delimiter = masked.find_first_of("/?#");
  size_t authority_begin = 0;
  if (scheme_end != std::string::npos && scheme_end <= first_delimiter) {
    authority_begin = scheme_end + 3;
    MaskUserinfo(masked, authority_begin);
  }
  const size_t question = masked.find('?', authority_begin);
  const size_t fragment = masked.find('#', authority_begin);
  if (question != std::string::npos && (fragment == std::string::npos || question < fragment)) {
    masked = MaskQuery(masked, question);
  }
  return Redact(masked);
}

}  // namespace seckit
