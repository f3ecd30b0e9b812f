// Fuzzes the TOML config loader (Config::Parse) and the typed lookups the tools make, with the
// secrets rule: a parse either succeeds or fails with a message naming the source.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "seckit/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seckit;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<Config> config = Config::Parse(text, "fuzz.toml", "ioc-enrich");
  if (!config.ok()) {
    SECKIT_FUZZ_CHECK(config.status().message().find("fuzz.toml") != std::string::npos);
    return 0;
  }
  // Keys of every type, at the top level, in the tool's section and nested below it.
  for (std::string_view key : {"providers", "concurrency", "timeout", "strict", "a.b.c",
                               "providers.virustotal.requests_per_minute",
                               "providers.misp.base_url", "feeds"}) {
    (void)config->GetString(key);
    (void)config->GetInt(key);
    (void)config->GetDouble(key);
    (void)config->GetBool(key);
    (void)config->GetStringList(key);
  }
  (void)config->GetSecret("virustotal");
  return 0;
}
