// Finding the credentials in a provider request, so the Redactor knows them before anything
// about the request could be printed or stored.
#ifndef SECKIT_IOC_ENRICH_REQUEST_SECRETS_H_
#define SECKIT_IOC_ENRICH_REQUEST_SECRETS_H_

#include "http_types.h"

namespace seckit::ioc_enrich {

// Registers with the global Redactor the values of headers whose names look like credentials
// ("x-apikey", "Key", "Authorization": the whole value and, for "Bearer TOKEN", the token) and
// of such query parameters in the URL ("?apikey=…"). See seckit::IsSensitiveParameterName.
void RegisterRequestSecrets(const HttpRequest& request);

}  // namespace seckit::ioc_enrich

#endif  // SECKIT_IOC_ENRICH_REQUEST_SECRETS_H_
