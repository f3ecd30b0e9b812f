// Credential-looking header and query values of provider requests, handed to the Redactor.
#include "request_secrets.h"

#include <string_view>

#include "seckit/redact.h"

namespace seckit::ioc_enrich {
namespace {

void RegisterValue(std::string_view value) {
  RegisterSecret(value);
  const size_t space = value.rfind(' ');  // "Bearer TOKEN", "Token TOKEN"
  if (space != std::string_view::npos) RegisterSecret(value.substr(space + 1));
}

void RegisterQuerySecrets(std::string_view url) {
  const size_t question = url.find('?');
  if (question == std::string_view::npos) return;
  std::string_view query = url.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos && IsSensitiveParameterName(pair.substr(0, equals))) {
      RegisterSecret(pair.substr(equals + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

}  // namespace

void RegisterRequestSecrets(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (IsSensitiveParameterName(name)) RegisterValue(value);
  }
  RegisterQuerySecrets(request.url);
}

}  // namespace seckit::ioc_enrich
