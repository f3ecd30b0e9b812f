// Tests for Config: file discovery, the trust checks, overrides, typed lookups and secrets.
#include "seckit/config.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "seckit/redact.h"
#include "test_support.h"

namespace seckit {
namespace {

using ::seckit::testing::TempDir;

// Sets (or unsets, with nullopt) an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(std::string name, std::optional<std::string> value) : name_(std::move(name)) {
    if (const char* old = getenv(name_.c_str())) old_ = old;
    if (value) {
      setenv(name_.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_.c_str(), old_->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  std::optional<std::string> old_;
};

class ConfigTest : public ::testing::Test {
 protected:
  // Writes `text` to `name` in the temp dir with `mode` and returns its path.
  std::string Write(const std::string& name, const std::string& text, mode_t mode = 0600) {
    const std::filesystem::path path = dir_ / name;
    std::filesystem::create_directories(path.parent_path());
    seckit::testing::WriteFile(path, text);
    EXPECT_EQ(chmod(path.c_str(), mode), 0);
    return path.string();
  }

  TempDir dir_;
  // The default location must never be the real user's config while testing.
  ScopedEnv xdg_{"XDG_CONFIG_HOME", dir_.path().string() + "/xdg"};
};

constexpr char kSecret[] = "vt-7f3a9c0e5d1b2468";

TEST_F(ConfigTest, ReadsTypedValues) {
  const std::string path = Write("c.toml", R"(
name = "alpha"
count = 42
ratio = 0.5
whole = 3
enabled = true
feeds = ["a", "b"]
[http]
timeout = 30
)");
  Result<Config> config = Config::Load(path, "log-grep");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->path(), path);
  EXPECT_EQ(config->tool_name(), "log-grep");
  EXPECT_EQ(config->GetString("name").value(), "alpha");
  EXPECT_EQ(config->GetInt("count").value(), 42);
  EXPECT_EQ(config->GetDouble("ratio").value(), 0.5);
  EXPECT_EQ(config->GetDouble("whole").value(), 3.0);  // an integer is a fine number
  EXPECT_EQ(config->GetBool("enabled").value(), true);
  EXPECT_EQ(config->GetStringList("feeds").value(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(config->GetInt("http.timeout").value(), 30);
  EXPECT_EQ(config->GetString("absent").value(), std::nullopt);
  EXPECT_EQ(config->GetInt("http.absent").value(), std::nullopt);
  EXPECT_EQ(config->GetInt("nothing.here.at.all").value(), std::nullopt);
}

TEST_F(ConfigTest, MissingExplicitFileIsConfigError) {
  const std::string path = (dir_ / "nope.toml").string();
  Result<Config> config = Config::Load(path, "log-grep");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), ExitCode::kConfig);
  EXPECT_EQ(static_cast<int>(config.status().code()), 78);
  EXPECT_NE(config.status().message().find(path), std::string::npos);
  EXPECT_NE(config.status().message().find("No such file"), std::string::npos);
}

TEST_F(ConfigTest, MissingDefaultFileIsEmptyConfig) {
  Result<Config> config = Config::Load("", "log-grep");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->path(), "");
  EXPECT_EQ(config->GetString("anything").value(), std::nullopt);
}

TEST_F(ConfigTest, DefaultPathPrefersAbsoluteXdgThenHome) {
  ScopedEnv home("HOME", "/home/someone");
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "/cfg");
    EXPECT_EQ(Config::DefaultPath(), "/cfg/seckit/config.toml");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "relative/dir");  // invalid per the XDG spec: ignored
    EXPECT_EQ(Config::DefaultPath(), "/home/someone/.config/seckit/config.toml");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", std::nullopt);
    EXPECT_EQ(Config::DefaultPath(), "/home/someone/.config/seckit/config.toml");
    ScopedEnv no_home("HOME", std::nullopt);
    EXPECT_EQ(Config::DefaultPath(), "");
    EXPECT_TRUE(Config::Load("", "x").ok());
  }
}

TEST_F(ConfigTest, LoadsDefaultFileFromXdg) {
  const std::string path = Write("xdg/seckit/config.toml", "answer = 42\n");
  Result<Config> config = Config::Load("", "log-grep");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->path(), path);
  EXPECT_EQ(config->GetInt("answer").value(), 42);
}

TEST_F(ConfigTest, SyntaxErrorNamesFileLineAndColumn) {
  const std::string path = Write("bad.toml", "a = 1\nb = = 2\n");
  Result<Config> config = Config::Load(path, "log-grep");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), ExitCode::kConfig);
  EXPECT_EQ(config.status().message().rfind(path + ":2:", 0), 0u) << config.status().message();
}

TEST_F(ConfigTest, SyntaxErrorInDefaultFileIsAlsoAnError) {
  Write("xdg/seckit/config.toml", "[unclosed\n");
  Result<Config> config = Config::Load("", "log-grep");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), ExitCode::kConfig);
  EXPECT_NE(config.status().message().find(":1:"), std::string::npos);
}

TEST_F(ConfigTest, RefusesReadableFileHoldingSecrets) {
  const std::string text = std::string("[providers.virustotal]\napi_key = \"") + kSecret + "\"\n";
  for (mode_t mode : {0644, 0640, 0604}) {
    const std::string path = Write("secret.toml", text, mode);
    Result<Config> config = Config::Load(path, "ioc-enrich");
    ASSERT_FALSE(config.ok()) << std::oct << mode;
    const std::string& message = config.status().message();
    EXPECT_EQ(config.status().code(), ExitCode::kConfig);
    EXPECT_NE(message.find("chmod 600 " + path), std::string::npos) << message;
    EXPECT_NE(message.find("providers.virustotal.api_key"), std::string::npos) << message;
    EXPECT_EQ(message.find(kSecret), std::string::npos) << message;
  }
}

TEST_F(ConfigTest, AcceptsPrivateFileHoldingSecrets) {
  const std::string text = std::string("[providers.virustotal]\napi_key = \"") + kSecret + "\"\n";
  for (mode_t mode : {0600, 0400, 0700}) {
    const std::string path = Write("secret.toml", text, mode);
    Result<Config> config = Config::Load(path, "ioc-enrich");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->GetSecret("virustotal").value(), kSecret);
  }
  // Loading registered the secret: anything printed later is scrubbed.
  EXPECT_EQ(Redact(std::string("GET /?apikey=") + kSecret), "GET /?apikey=[REDACTED]");
}

TEST_F(ConfigTest, AcceptsReadableFileWithoutSecrets) {
  const std::string path =
      Write("plain.toml", "token_file = \"/run/token\"\n[http]\ntimeout=5\n", 0644);
  Result<Config> config = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->GetInt("http.timeout").value(), 5);
}

TEST_F(ConfigTest, FindsSecretsAtAnyDepth) {
  const std::vector<std::string> texts = {
      "[ioc-enrich.smtp]\npassword = \"mail-pass-123\"\n", "github_token = \"ghp_abcdefgh\"\n",
      "[[servers]]\nname = \"a\"\n[[servers]]\nclient-secret = \"cs-abcdef\"\n",
      "[a.b.c.d]\nsecret = 1234\n",  // a secret need not be a string
  };
  for (const std::string& text : texts) {
    const std::string path = Write("deep.toml", text, 0640);
    Result<Config> config = Config::Load(path, "ioc-enrich");
    EXPECT_FALSE(config.ok()) << text;
    EXPECT_NE(config.status().message().find("chmod 600"), std::string::npos) << text;
  }
  const std::string path = Write("deep.toml", texts[2], 0640);
  EXPECT_NE(Config::Load(path, "x").status().message().find("'servers[1].client-secret'"),
            std::string::npos);
}

TEST_F(ConfigTest, RefusesFileWritableByOthers) {
  for (mode_t mode : {0620, 0602, 0666}) {
    const std::string path = Write("w.toml", "a = 1\n", mode);
    Result<Config> config = Config::Load(path, "x");
    ASSERT_FALSE(config.ok()) << std::oct << mode;
    EXPECT_EQ(config.status().code(), ExitCode::kConfig);
    EXPECT_NE(config.status().message().find("writable by group or others"), std::string::npos);
    EXPECT_NE(config.status().message().find("chmod go-w " + path), std::string::npos);
  }
}

TEST_F(ConfigTest, RefusesFileOwnedBySomeoneElse) {
  if (geteuid() != 0) GTEST_SKIP() << "changing a file's owner needs root";
  const std::string path = Write("foreign.toml", "a = 1\n", 0644);
  ASSERT_EQ(chown(path.c_str(), 65534, 65534), 0);
  Result<Config> config = Config::Load(path, "x");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), ExitCode::kConfig);
  EXPECT_NE(config.status().message().find("owned by uid 65534"), std::string::npos);
  // Root's own file (the euid here) is trusted.
  ASSERT_EQ(chown(path.c_str(), 0, 0), 0);
  EXPECT_TRUE(Config::Load(path, "x").ok());
}

TEST_F(ConfigTest, SymlinkIsJudgedByItsTarget) {
  const std::string text = std::string("api_key = \"") + kSecret + "\"\n";
  const std::string private_target = Write("private.toml", text, 0600);
  const std::string public_target = Write("public.toml", text, 0644);
  const std::string link = (dir_ / "link.toml").string();
  std::filesystem::create_symlink(private_target, link);  // the link itself is mode 0777
  EXPECT_TRUE(Config::Load(link, "x").ok());
  std::filesystem::remove(link);
  std::filesystem::create_symlink(public_target, link);
  EXPECT_FALSE(Config::Load(link, "x").ok());
}

TEST_F(ConfigTest, RefusesDirectory) {
  std::filesystem::create_directories(dir_ / "adir");
  chmod((dir_ / "adir").c_str(), 0700);
  Result<Config> config = Config::Load((dir_ / "adir").string(), "x");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("not a regular file"), std::string::npos);
}

TEST_F(ConfigTest, ToolTableOverridesTopLevel) {
  const std::string path = Write("t.toml", R"(
cache = "/global/cache"
retries = 2
[http]
timeout = 10
proxy = "http://global"
[ioc-enrich]
cache = "/tool/cache"
[ioc-enrich.http]
timeout = 30
)");
  Result<Config> tool = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(tool.ok()) << tool.status().message();
  EXPECT_EQ(tool->GetString("cache").value(), "/tool/cache");
  EXPECT_EQ(tool->GetInt("retries").value(), 2);  // not in the tool table: top level
  EXPECT_EQ(tool->GetInt("http.timeout").value(), 30);
  EXPECT_EQ(tool->GetString("http.proxy").value(), "http://global");
  Result<Config> other = Config::Load(path, "log-grep");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->GetString("cache").value(), "/global/cache");
  EXPECT_EQ(other->GetInt("http.timeout").value(), 10);
}

TEST_F(ConfigTest, EnvironmentOverridesFile) {
  const std::string path =
      Write("e.toml", "[http]\ntimeout = 10\n[ioc-enrich.http]\ntimeout = 30\n");
  Result<Config> config = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(config.ok());
  {
    ScopedEnv global("SECKIT_HTTP_TIMEOUT", "5");
    EXPECT_EQ(config->GetInt("http.timeout").value(), 5);  // env beats even the tool table
    ScopedEnv tool("SECKIT_IOC_ENRICH_HTTP_TIMEOUT", "7");
    EXPECT_EQ(config->GetInt("http.timeout").value(), 7);  // tool env beats global env
  }
  {
    ScopedEnv empty("SECKIT_HTTP_TIMEOUT", "");  // empty counts as unset
    EXPECT_EQ(config->GetInt("http.timeout").value(), 30);
  }
}

TEST_F(ConfigTest, EnvironmentValuesAreParsedByType) {
  const Config config = Config::Empty("log-grep");
  ScopedEnv d("SECKIT_T_DOUBLE", "2.5");
  ScopedEnv b1("SECKIT_T_ON", "Yes");
  ScopedEnv b2("SECKIT_T_OFF", "0");
  ScopedEnv l("SECKIT_T_LIST", " a, b ,,c ");
  ScopedEnv s("SECKIT_T_DASHED_NAME", "dashes become underscores");
  EXPECT_EQ(config.GetDouble("t.double").value(), 2.5);
  EXPECT_EQ(config.GetBool("t.on").value(), true);
  EXPECT_EQ(config.GetBool("t.off").value(), false);
  EXPECT_EQ(config.GetStringList("t.list").value(), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(config.GetString("t.dashed-name").value(), "dashes become underscores");
}

TEST_F(ConfigTest, EnvironmentTypeErrorNamesVariableNotValue) {
  const Config config = Config::Empty("log-grep");
  ScopedEnv bad_int("SECKIT_T_COUNT", "12abc");
  ScopedEnv bad_bool("SECKIT_T_FLAG", "maybe-later");
  Result<std::optional<int64_t>> count = config.GetInt("t.count");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), ExitCode::kConfig);
  EXPECT_NE(count.status().message().find("SECKIT_T_COUNT"), std::string::npos);
  EXPECT_NE(count.status().message().find("'t.count'"), std::string::npos);
  EXPECT_EQ(count.status().message().find("12abc"), std::string::npos);
  Result<std::optional<bool>> flag = config.GetBool("t.flag");
  ASSERT_FALSE(flag.ok());
  EXPECT_EQ(flag.status().message().find("maybe-later"), std::string::npos);
}

TEST_F(ConfigTest, WrongTypeInFileNamesKeyAndPlace) {
  const std::string path = Write("types.toml", R"(timeout = "30"
list = ["a", 2]
[ioc-enrich]
flag = 1
)");
  Result<Config> config = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(config.ok());
  Result<std::optional<int64_t>> timeout = config->GetInt("timeout");
  ASSERT_FALSE(timeout.ok());
  EXPECT_EQ(timeout.status().code(), ExitCode::kConfig);
  EXPECT_EQ(timeout.status().message(), path + ":1:11: 'timeout' must be an integer, not a string");
  Result<std::optional<std::vector<std::string>>> list = config->GetStringList("list");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(), path + ":2:14: 'list[1]' must be a string, not an integer");
  Result<std::optional<bool>> flag = config->GetBool("flag");
  ASSERT_FALSE(flag.ok());
  EXPECT_NE(flag.status().message().find("'ioc-enrich.flag' must be a boolean"), std::string::npos);
  EXPECT_FALSE(config->GetDouble("timeout").ok());
}

TEST_F(ConfigTest, NonTableOnTheWayIsAnError) {
  const std::string path = Write("nt.toml", "http = 3\n");
  Result<Config> config = Config::Load(path, "x");
  ASSERT_TRUE(config.ok());
  Result<std::optional<int64_t>> timeout = config->GetInt("http.timeout");
  ASSERT_FALSE(timeout.ok());
  EXPECT_EQ(timeout.status().message(), path + ":1:8: 'http' must be a table, not an integer");
}

TEST_F(ConfigTest, InvalidKeysAreInternalErrors) {
  const Config config;
  for (const char* key : {"", ".a", "a.", "a..b", "a b", "a.\"b\""}) {
    Result<std::optional<std::string>> value = config.GetString(key);
    ASSERT_FALSE(value.ok()) << key;
    EXPECT_EQ(value.status().code(), ExitCode::kInternal) << key;
  }
  EXPECT_EQ(config.GetSecret("a.b").status().code(), ExitCode::kInternal);
}

TEST_F(ConfigTest, EnvironmentNameScheme) {
  EXPECT_EQ(Config::EnvironmentName("http.timeout"), "SECKIT_HTTP_TIMEOUT");
  EXPECT_EQ(Config::EnvironmentName("ioc-enrich.cache"), "SECKIT_IOC_ENRICH_CACHE");
  EXPECT_EQ(Config::EnvironmentName("Mixed_Case9"), "SECKIT_MIXED_CASE9");
}

TEST_F(ConfigTest, SecretFromEnvironmentWinsAndIsRegistered) {
  const std::string path =
      Write("s.toml", "[providers.abuse-ipdb]\napi_key = \"file-key-abcdef\"\n");
  Result<Config> config = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->GetSecret("abuse-ipdb").value(), "file-key-abcdef");
  ScopedEnv env("SECKIT_ABUSE_IPDB_API_KEY", "env-key-1234567");
  EXPECT_EQ(config->GetSecret("abuse-ipdb").value(), "env-key-1234567");
  EXPECT_EQ(Redact("a env-key-1234567 b file-key-abcdef"), "a [REDACTED] b [REDACTED]");
  EXPECT_EQ(config->GetSecret("shodan").value(), std::nullopt);
}

TEST_F(ConfigTest, SecretInToolTableOverridesGlobalProvider) {
  const std::string path = Write("s.toml", R"([providers.virustotal]
api_key = "global-vt-key"
[ioc-enrich.providers.virustotal]
api_key = "tool-vt-key"
)");
  Result<Config> config = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(config.ok());
  ScopedEnv unset("SECKIT_VIRUSTOTAL_API_KEY", std::nullopt);
  EXPECT_EQ(config->GetSecret("virustotal").value(), "tool-vt-key");
}

TEST_F(ConfigTest, LoadRegistersEnvironmentSecrets) {
  ScopedEnv env("SECKIT_CONFIGTEST_TOKEN", "load-time-token-xyz");
  ASSERT_TRUE(Config::Load("", "x").ok());
  EXPECT_EQ(Redact("load-time-token-xyz"), "[REDACTED]");
}

TEST_F(ConfigTest, ErrorsNeverEchoSecrets) {
  // A secret of the wrong type: the type error must name the key, not the value.
  const std::string path = Write("wrong.toml", R"([providers.virustotal]
api_key = ["sekrit-in-a-list-0042"]
[providers.shodan]
api_key = 98765432123
)");
  Result<Config> config = Config::Load(path, "ioc-enrich");
  ASSERT_TRUE(config.ok()) << config.status().message();
  ScopedEnv unset_vt("SECKIT_VIRUSTOTAL_API_KEY", std::nullopt);
  ScopedEnv unset_shodan("SECKIT_SHODAN_API_KEY", std::nullopt);
  Result<std::optional<std::string>> vt = config->GetSecret("virustotal");
  ASSERT_FALSE(vt.ok());
  EXPECT_EQ(vt.status().code(), ExitCode::kConfig);
  EXPECT_NE(vt.status().message().find("'providers.virustotal.api_key' must be a string"),
            std::string::npos);
  EXPECT_EQ(vt.status().message().find("sekrit"), std::string::npos);
  Result<std::optional<std::string>> shodan = config->GetSecret("shodan");
  ASSERT_FALSE(shodan.ok());
  EXPECT_EQ(shodan.status().message().find("98765432123"), std::string::npos);
  // A syntax error next to a secret: the parser's message must not quote it either.
  const std::string broken = Write("broken.toml", "token = \"tok-abcdefgh\" junk\n");
  Result<Config> parse = Config::Load(broken, "x");
  ASSERT_FALSE(parse.ok());
  EXPECT_EQ(parse.status().message().find("tok-abcdefgh"), std::string::npos)
      << parse.status().message();
}

TEST_F(ConfigTest, ParseNeedsNoFile) {
  Result<Config> config = Config::Parse("[fw-block]\nbackend = \"nft\"\n", "<inline>", "fw-block");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->GetString("backend").value(), "nft");
  Result<Config> bad = Config::Parse("x = [", "<inline>", "fw-block");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("<inline>:1:", 0), 0u) << bad.status().message();
}

TEST_F(ConfigTest, RefusesOversizedFile) {
  const std::string path = Write("big.toml", "# " + std::string(5 << 20, 'x') + "\n");
  Result<Config> config = Config::Load(path, "x");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("larger than 4 MiB"), std::string::npos);
}

}  // namespace
}  // namespace seckit
