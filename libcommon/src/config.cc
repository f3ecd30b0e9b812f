// Config loading (file discovery, trust checks, TOML parsing) and typed lookups with overrides.
#include "seckit/config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <system_error>
#include <type_traits>
#include <utility>

#include "seckit/redact.h"

namespace seckit {
namespace internal {

struct ConfigData {
  std::string path;  // the file, or Parse's source name; "" for an empty config
  std::string tool;
  toml::table table;
  std::vector<std::string> secret_keys;  // dotted paths of the secret-named keys in the file
  std::string warning;  // why the default file was skipped, for the tool to print
};

}  // namespace internal

namespace {

using internal::ConfigData;

// Far beyond any hand-written config; stops a mistaken --config /dev/sda-sized read early.
constexpr size_t kMaxConfigBytes = size_t{4} << 20;

std::string Lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsBareKeyChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Calls `fn` on each '.'-separated component of `key`; false when one is empty or not bare.
template <typename Fn>
bool ForEachComponent(std::string_view key, Fn&& fn) {
  size_t begin = 0;
  while (true) {
    size_t end = key.find('.', begin);
    if (end == std::string_view::npos) end = key.size();
    const std::string_view component = key.substr(begin, end - begin);
    if (component.empty()) return false;
    for (char c : component) {
      if (!IsBareKeyChar(c)) return false;
    }
    fn(component);
    if (end == key.size()) return true;
    begin = end + 1;
  }
}

bool IsValidKey(std::string_view key) {
  return ForEachComponent(key, [](std::string_view) {});
}

std::string_view LastComponent(std::string_view key) {
  const size_t dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

std::string ErrnoText(int err) { return std::generic_category().message(err); }

std::string OctalMode(mode_t mode) {
  char buffer[8];
  (void)std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));  // fits
  return buffer;
}

const char* TypeName(toml::node_type type) {
  // Indexed by toml::node_type: none, table, array, string, integer, floating_point, boolean,
  // date, time, date_time.
  static constexpr const char* kNames[] = {
      "nothing",   "a table", "an array", "a string",   "an integer", "a floating-point number",
      "a boolean", "a date",  "a time",   "a date-time"};
  const auto index = static_cast<size_t>(type);
  return index < std::size(kNames) ? kNames[index] : "nothing";
}

// Every Config message goes through here: a secret registered earlier can never leak through one.
Status ConfigError(std::string_view message) { return Status::Config(Redact(message)); }

std::string Where(const ConfigData& data, const toml::node& node) {
  const toml::source_position& begin = node.source().begin;
  return data.path + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column);
}

Status FileTypeError(const ConfigData& data, const toml::node& node, std::string_view key,
                     std::string_view expected) {
  return ConfigError(Where(data, node) + ": '" + std::string(key) + "' must be " +
                     std::string(expected) + ", not " + TypeName(node.type()));
}

Status EnvTypeError(std::string_view env_name, std::string_view key, std::string_view expected) {
  return ConfigError("environment variable " + std::string(env_name) + " (config key '" +
                     std::string(key) + "') must be " + std::string(expected));
}

// Walks the dotted `key` down from the root: the node, nullptr when a component is absent, or an
// error when a component on the way is not a table.
Result<const toml::node*> FindNode(const ConfigData& data, std::string_view key) {
  const toml::node* node = &data.table;
  std::string walked;
  Status error;
  ForEachComponent(key, [&](std::string_view component) {
    if (node == nullptr || !error.ok()) return;
    const toml::table* table = node->as_table();
    if (table == nullptr) {
      error = FileTypeError(data, *node, walked, "a table");
      return;
    }
    node = table->get(component);
    if (!walked.empty()) walked.push_back('.');
    walked.append(component);
  });
  if (!error.ok()) return error;
  return node;
}

// ---- Converting values. The file must hold the exact TOML type, except that a number key also
// accepts an integer; environment syntax is described in config.h.

template <typename T>
constexpr const char* kExpected = std::is_same_v<T, std::string> ? "a string"
                                  : std::is_same_v<T, int64_t>   ? "an integer"
                                  : std::is_same_v<T, double>    ? "a number"
                                  : std::is_same_v<T, bool>      ? "a boolean"
                                                                 : "an array of strings";

template <typename T>
Result<T> FromNode(const ConfigData& data, const toml::node& node, std::string_view key) {
  if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    const toml::array* array = node.as_array();
    if (array == nullptr) return FileTypeError(data, node, key, kExpected<T>);
    std::vector<std::string> out;
    for (size_t i = 0; i < array->size(); ++i) {
      const toml::node& element = *array->get(i);
      const auto* value = element.as_string();
      if (value == nullptr) {
        const std::string element_key = std::string(key) + "[" + std::to_string(i) + "]";
        return FileTypeError(data, element, element_key, kExpected<std::string>);
      }
      out.push_back(value->get());
    }
    return out;
  } else {
    if (const auto* value = node.as<T>()) return value->get();
    if constexpr (std::is_same_v<T, double>) {
      if (const auto* value = node.as_integer()) return static_cast<double>(value->get());
    }
    return FileTypeError(data, node, key, kExpected<T>);
  }
}

std::vector<std::string> SplitList(std::string_view value) {
  std::vector<std::string> out;
  for (size_t begin = 0; begin <= value.size();) {
    size_t end = value.find(',', begin);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = value.substr(begin, end - begin);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    begin = end + 1;
  }
  return out;
}

template <typename T>
Result<T> FromEnv(std::string_view env_name, std::string_view key, std::string_view value) {
  if constexpr (std::is_same_v<T, std::string>) {
    return std::string(value);
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return SplitList(value);
  } else if constexpr (std::is_same_v<T, bool>) {
    const std::string lowered = Lowercase(value);
    if (lowered == "true" || lowered == "yes" || lowered == "on" || lowered == "1") return true;
    if (lowered == "false" || lowered == "no" || lowered == "off" || lowered == "0") return false;
    return EnvTypeError(env_name, key, "a boolean (true/false, yes/no, on/off, 1/0)");
  } else {
    T number{};
    const char* end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, number);
    if (ec != std::errc() || ptr != end) return EnvTypeError(env_name, key, kExpected<T>);
    return number;
  }
}

template <typename T>
void RegisterIfSecret(std::string_view key, const T& value) {
  if (!IsSecretKeyName(LastComponent(key))) return;
  if constexpr (std::is_same_v<T, std::string>) {
    RegisterSecret(value);
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    for (const std::string& item : value) RegisterSecret(item);
  }
}

// The first of the environment variables `env_names` that is set and not empty, converted.
template <typename T>
Result<std::optional<T>> LookupEnv(const std::vector<std::string>& env_names,
                                   std::string_view key) {
  for (const std::string& name : env_names) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') continue;
    Result<T> converted = FromEnv<T>(name, key, value);
    if (!converted.ok()) return converted.status();
    RegisterIfSecret(key, converted.value());
    return std::optional<T>(std::move(converted).value());
  }
  return std::optional<T>();
}

// The first of the dotted `keys` present in the file, converted.
template <typename T>
Result<std::optional<T>> LookupFile(const ConfigData& data, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    Result<const toml::node*> node = FindNode(data, key);
    if (!node.ok()) return node.status();
    if (node.value() == nullptr) continue;
    Result<T> converted = FromNode<T>(data, *node.value(), key);
    if (!converted.ok()) return converted.status();
    RegisterIfSecret(key, converted.value());
    return std::optional<T>(std::move(converted).value());
  }
  return std::optional<T>();
}

// `key` looked up in [tool] first, then at the top level.
std::vector<std::string> ToolThenGlobal(const ConfigData& data, std::string_view key) {
  std::vector<std::string> keys;
  if (!data.tool.empty()) keys.push_back(data.tool + "." + std::string(key));
  keys.emplace_back(key);
  return keys;
}

template <typename T>
Result<std::optional<T>> Lookup(const ConfigData& data, std::string_view key) {
  if (!IsValidKey(key)) return Status::Internal("invalid config key '" + std::string(key) + "'");
  const std::vector<std::string> keys = ToolThenGlobal(data, key);
  std::vector<std::string> env_names;
  env_names.reserve(keys.size());
  for (const std::string& k : keys) env_names.push_back(Config::EnvironmentName(k));
  Result<std::optional<T>> from_env = LookupEnv<T>(env_names, key);
  if (!from_env.ok() || from_env.value().has_value()) return from_env;
  return LookupFile<T>(data, keys);
}

// ---- Loading.

// Strings under a secret-named key, at any depth; registered as soon as the file is parsed.
void RegisterStrings(const toml::node& node) {
  if (const auto* value = node.as_string()) {
    RegisterSecret(value->get());
  } else if (const toml::array* array = node.as_array()) {
    for (const toml::node& element : *array) RegisterStrings(element);
  } else if (const toml::table* table = node.as_table()) {
    for (auto&& [unused_key, child] : *table) RegisterStrings(child);
  }
}

void CollectSecrets(const toml::node& node, const std::string& path,
                    std::vector<std::string>* keys) {
  if (const toml::table* table = node.as_table()) {
    for (auto&& [key, child] : *table) {
      const std::string child_path =
          path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
      if (IsSecretKeyName(key.str())) {
        keys->push_back(child_path);
        RegisterStrings(child);
      }
      CollectSecrets(child, child_path, keys);
    }
  } else if (const toml::array* array = node.as_array()) {
    for (size_t i = 0; i < array->size(); ++i) {
      CollectSecrets(*array->get(i), path + "[" + std::to_string(i) + "]", keys);
    }
  }
}

// The config is trusted input: whoever can write it controls the tool (which endpoints get API
// keys, which firewall rules are applied), so only the user and root may.
Status CheckTrustedFile(const std::string& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) return ConfigError("config file " + path + " is not a regular file");
  const uid_t euid = geteuid();
  if (st.st_uid != euid && st.st_uid != 0) {
    return ConfigError("config file " + path + " is owned by uid " + std::to_string(st.st_uid) +
                       ", not by you (uid " + std::to_string(euid) +
                       ") or root; refusing to trust it (fix: chown " + std::to_string(euid) + " " +
                       path + ")");
  }
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return ConfigError("config file " + path + " is writable by group or others (mode " +
                       OctalMode(st.st_mode) + "); refusing to trust it (fix: chmod go-w " + path +
                       ")");
  }
  return Status::Ok();
}

struct FileContents {
  std::string text;
  mode_t mode = 0;
};

// Opens, checks and reads `path`. nullopt when it does not exist and `missing_ok`; also when it
// cannot be opened for lack of permission and `missing_ok`, with the reason in *skipped.
Result<std::optional<FileContents>> ReadTrustedFile(const std::string& path, bool missing_ok,
                                                    std::string* skipped) {
  // O_NONBLOCK: a FIFO named as config must not hang the tool before the regular-file check.
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (missing_ok && (err == ENOENT || err == ENOTDIR)) return std::optional<FileContents>();
    if (missing_ok && err == EACCES) {
      // Someone else's default location (a cron job run as another user with HOME unchanged):
      // the tool can still run on defaults and the environment; --config makes it an error.
      *skipped = "ignoring config file " + path + ": " + ErrnoText(err) +
                 " (name a readable one with --config)";
      return std::optional<FileContents>();
    }
    return ConfigError("cannot open config file " + path + ": " + ErrnoText(err));
  }
  struct Closer {
    int fd;
    ~Closer() { close(fd); }
  } closer{fd};
  struct stat st {};
  if (fstat(fd, &st) != 0)
    return ConfigError("cannot stat config file " + path + ": " + ErrnoText(errno));
  SECKIT_RETURN_IF_ERROR(CheckTrustedFile(path, st));
  FileContents contents;
  contents.mode = st.st_mode;
  char buffer[65536];
  while (true) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ConfigError("cannot read config file " + path + ": " + ErrnoText(errno));
    if (n == 0) break;
    contents.text.append(buffer, static_cast<size_t>(n));
    if (contents.text.size() > kMaxConfigBytes) {
      return ConfigError("config file " + path + " is larger than 4 MiB");
    }
  }
  return std::optional<FileContents>(std::move(contents));
}

Status CheckSecretsPrivate(const std::string& path, mode_t mode,
                           const std::vector<std::string>& secret_keys) {
  if (secret_keys.empty() || (mode & (S_IRGRP | S_IROTH)) == 0) return Status::Ok();
  std::string keys = "'" + secret_keys.front() + "'";
  if (secret_keys.size() > 1) keys += " and " + std::to_string(secret_keys.size() - 1) + " more";
  return ConfigError("config file " + path + " holds secrets (" + keys +
                     ") but group or others can read it (mode " + OctalMode(mode) +
                     "); refusing to use it (fix: chmod 600 " + path + ")");
}

}  // namespace

Config::Config() : data_(std::make_shared<const ConfigData>()) {}

Config::Config(std::shared_ptr<const ConfigData> data) : data_(std::move(data)) {}

Config Config::Empty(std::string_view tool_name) {
  auto data = std::make_shared<ConfigData>();
  data->tool = std::string(tool_name);
  return Config(std::move(data));
}

std::string Config::DefaultPath() {
  // XDG Base Directory: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/seckit/config.toml";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] == '/') return std::string(home) + "/.config/seckit/config.toml";
  return "";
}

Result<Config> Config::Parse(std::string_view toml_text, std::string source_name,
                             std::string_view tool_name) {
  auto data = std::make_shared<ConfigData>();
  data->path = std::move(source_name);
  data->tool = std::string(tool_name);
  try {
    data->table = toml::parse(toml_text, std::string_view(data->path));
  } catch (const toml::parse_error& error) {
    const toml::source_position& begin = error.source().begin;
    return ConfigError(data->path + ":" + std::to_string(begin.line) + ":" +
                       std::to_string(begin.column) + ": " + std::string(error.description()));
  }
  CollectSecrets(data->table, "", &data->secret_keys);
  return Config(std::move(data));
}

Result<Config> Config::Load(const std::string& explicit_path, std::string_view tool_name) {
  Redactor::Global().AddFromEnvironment();
  const bool is_default = explicit_path.empty();
  const std::string path = is_default ? DefaultPath() : explicit_path;
  if (path.empty()) return Empty(tool_name);
  std::string skipped;
  Result<std::optional<FileContents>> file = ReadTrustedFile(path, is_default, &skipped);
  if (!file.ok()) return file.status();
  if (!file.value().has_value()) {
    auto data = std::make_shared<ConfigData>();
    data->tool = std::string(tool_name);
    data->warning = std::move(skipped);
    return Config(std::move(data));
  }
  Result<Config> config = Parse(file.value()->text, path, tool_name);
  if (!config.ok()) return config;
  SECKIT_RETURN_IF_ERROR(CheckSecretsPrivate(path, file.value()->mode, config->data_->secret_keys));
  return config;
}

Result<std::optional<std::string>> Config::GetString(std::string_view key) const {
  return Lookup<std::string>(*data_, key);
}

Result<std::optional<int64_t>> Config::GetInt(std::string_view key) const {
  return Lookup<int64_t>(*data_, key);
}

Result<std::optional<double>> Config::GetDouble(std::string_view key) const {
  return Lookup<double>(*data_, key);
}

Result<std::optional<bool>> Config::GetBool(std::string_view key) const {
  return Lookup<bool>(*data_, key);
}

Result<std::optional<std::vector<std::string>>> Config::GetStringList(std::string_view key) const {
  return Lookup<std::vector<std::string>>(*data_, key);
}

Result<std::optional<std::string>> Config::GetSecret(std::string_view provider) const {
  if (!IsValidKey(provider) || provider.find('.') != std::string_view::npos) {
    return Status::Internal("invalid provider name '" + std::string(provider) + "'");
  }
  const std::string key = "providers." + std::string(provider) + ".api_key";
  Result<std::optional<std::string>> from_env =
      LookupEnv<std::string>({EnvironmentName(provider) + "_API_KEY"}, key);
  if (!from_env.ok() || from_env.value().has_value()) return from_env;
  return LookupFile<std::string>(*data_, ToolThenGlobal(*data_, key));
}

const std::string& Config::path() const { return data_->path; }

const std::string& Config::tool_name() const { return data_->tool; }

const std::string& Config::warning() const { return data_->warning; }

std::string Config::EnvironmentName(std::string_view key) {
  std::string name = "SECKIT_";
  for (char c : key) {
    if (c == '.' || c == '-') {
      name.push_back('_');
    } else if (c >= 'a' && c <= 'z') {
      name.push_back(static_cast<char>(c - 'a' + 'A'));
    } else {
      name.push_back(c);
    }
  }
  return name;
}

}  // namespace seckit
