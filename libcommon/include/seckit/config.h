// Config: the TOML config file, environment overrides and API keys, loaded once by ToolMain.
//
// Where the file is: `--config PATH` (must exist), else $XDG_CONFIG_HOME/seckit/config.toml (when
// XDG_CONFIG_HOME is an absolute path), else $HOME/.config/seckit/config.toml. A missing default
// file is an empty config, and so is one this user may not open (with a warning()). Every problem is Status::Config (exit 78) and its message names the
// file, and the line and column when there is one ("PATH:3:7: ..."). No message ever contains a
// value from the file or the environment, and every message passes through the Redactor.
//
// The config is trusted input, so Load refuses (Status::Config, with the command that fixes it):
// - a file group or others can write (mode & 022), or owned by neither the effective user nor root;
// - a file that holds secrets (a key named like one, see IsSecretKeyName in redact.h) that group or
// others can read (mode & 044):
//   "chmod 600 PATH".
// The checks look at the file a symlink points to (fstat on the opened file, never lstat): that is
// what is actually read, and it leaves no window between check and read. Only regular files are
// accepted; a file over 4 MiB is refused.
//
// Lookup of a dotted key ("http.timeout") for tool T ("ioc-enrich"), first match wins:
//   1. environment SECKIT_<T>_<KEY>   e.g. SECKIT_IOC_ENRICH_HTTP_TIMEOUT
//   2. environment SECKIT_<KEY>       e.g. SECKIT_HTTP_TIMEOUT
//   3. the file's [T] table           e.g. [ioc-enrich.http] timeout = 30
//   4. the file's top level           e.g. [http] timeout = 10
// The environment name is "SECKIT_" + the key with '.' and '-' turned into '_' and letters
// uppercased (see EnvironmentName). An empty environment variable counts as unset. Keys are bare
// TOML keys ([A-Za-z0-9_-]) joined by dots; quoted keys with dots inside cannot be looked up.
// Values from the environment are parsed by type: integers and doubles in C syntax (the whole
// value), booleans as true/false/yes/no/on/off/1/0 (any case), string lists as comma-separated
// items with surrounding spaces trimmed and empty items dropped. In the file, a double key also
// accepts an integer; nothing else is converted.
//
// Each getter returns a value, std::nullopt when the key is set nowhere, or Status::Config when
// the value has the wrong type (naming the key and where it came from, never the value). A
// malformed key is a programming error: Status::Internal.
//
// Secrets: GetSecret("virustotal") reads SECKIT_VIRUSTOTAL_API_KEY, else `api_key` in
// [T.providers.virustotal], else in [providers.virustotal]. Every secret Config meets is
// registered with Redactor::Global(): at Load, every string under a secret-named key in the file
// and every SECKIT_* environment variable whose name is secret-like; at lookup, any string read
// under a secret-named key (GetString included).
#ifndef SECKIT_CONFIG_H_
#define SECKIT_CONFIG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seckit/status.h"

namespace seckit {

namespace internal {
struct ConfigData;  // the parsed table; defined in config.cc so toml++ stays private to libcommon
}

class Config {
 public:
  // An empty config: no file, lookups see only the environment.
  Config();
  static Config Empty(std::string_view tool_name = {});

  // Finds, checks and parses the config file for `tool_name` (see above). `explicit_path` is the
  // --config value; empty means the default location.
  static Result<Config> Load(const std::string& explicit_path, std::string_view tool_name);

  // Parses TOML text without touching the file system or checking permissions (for tests and for
  // tools that embed a config). `source_name` is used in messages in place of a path.
  static Result<Config> Parse(std::string_view toml_text, std::string source_name,
                              std::string_view tool_name);

  // The default config path, or "" when neither XDG_CONFIG_HOME nor HOME is usable.
  static std::string DefaultPath();

  Result<std::optional<std::string>> GetString(std::string_view key) const;
  Result<std::optional<int64_t>> GetInt(std::string_view key) const;
  Result<std::optional<double>> GetDouble(std::string_view key) const;
  Result<std::optional<bool>> GetBool(std::string_view key) const;
  Result<std::optional<std::vector<std::string>>> GetStringList(std::string_view key) const;

  // The API key of `provider` (a bare key such as "virustotal" or "abuse-ipdb"); see above.
  Result<std::optional<std::string>> GetSecret(std::string_view provider) const;

  // The file that was loaded ("" when none), and the tool whose table overrides the top level.
  const std::string& path() const;
  const std::string& tool_name() const;
  // Why the default file was skipped ("" when it was not): it exists but this user may not read
  // it. Printed by ToolMain as a warning; an explicit --config that cannot be read is an error.
  const std::string& warning() const;

  // "SECKIT_" + `key` with '.' and '-' turned into '_' and letters uppercased.
  static std::string EnvironmentName(std::string_view key);

 private:
  explicit Config(std::shared_ptr<const internal::ConfigData> data);

  std::shared_ptr<const internal::ConfigData> data_;
};

}  // namespace seckit

#endif  // SECKIT_CONFIG_H_
